import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { openStore } from "../../src/store/open.js";
import { storeContract } from "./store-contract.js";

const dir = mkdtempSync(join(tmpdir(), "tpd-store-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let databases = 0;

storeContract("SQLite", () => ({
  async fresh() {
    const sqliteFile = join(dir, `db-${++databases}`, "tpd-bot.sqlite");
    return () => openStore({ databaseUrl: null, sqliteFile });
  },
}));
