import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REAL_KNOWLEDGE } from "../helpers/bots.js";
import { WHITE_HOUSE_ARTICLE } from "../helpers/knowledge-urls.js";
import { runEntry } from "../helpers/run-process.js";

/**
 * The real process, started from a folder that has no knowledge/ of its own, so the answer depends on
 * where KNOWLEDGE_DIR came from. An empty ENV_FILE counts as unset: the default `.env` is read.
 */
let folder: string;
const ask = (env: Record<string, string> = {}) =>
  runEntry("src/main.ts", [], { cwd: folder, input: "korea 6g\n", env: { ENV_FILE: "", ...env } });
const writeEnv = (text: string, name = ".env") => writeFile(join(folder, name), text);

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "tpd-env-file-"));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe(".env at start", () => {
  it("WITHOUT a .env THEN the default knowledge folder is missing from this working directory", async () => {
    await rm(join(folder, ".env"), { force: true });
    const result = await ask();
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/cannot start: .*knowledge/);
  });

  it("WITH a .env THEN its variables are read and the question gets a cited answer", async () => {
    await writeEnv(`# comment\nKNOWLEDGE_DIR=${REAL_KNOWLEDGE}\n`);
    const result = await ask();
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("6G telecommunications");
    expect(result.stdout).toContain(WHITE_HOUSE_ARTICLE);
  });

  it("WHEN a variable is set in the environment too THEN the environment wins over the file", async () => {
    await writeEnv("KNOWLEDGE_DIR=/nonexistent/knowledge\nPORT=not-a-port\n");
    const result = await ask({ KNOWLEDGE_DIR: REAL_KNOWLEDGE, PORT: "3000" });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(WHITE_HOUSE_ARTICLE);
  });

  it("WHEN the file holds a malformed variable THEN start-up stops naming it, as for the environment", async () => {
    await writeEnv(
      `KNOWLEDGE_DIR=${REAL_KNOWLEDGE}\nSLACK_BOT_TOKEN=xoxp-wrong-kind-of-token\nSLACK_SIGNING_SECRET=x\n`,
    );
    const result = await ask();
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/SLACK_BOT_TOKEN: must be a bot token/);
    expect(result.stderr).not.toContain("xoxp-wrong-kind-of-token");
  });

  it("WHEN ENV_FILE names another file THEN that file is read, and a missing one stops start-up", async () => {
    await writeEnv("KNOWLEDGE_DIR=/nonexistent/knowledge\n");
    await writeEnv(`KNOWLEDGE_DIR=${REAL_KNOWLEDGE}\n`, "bot.env");
    const chosen = await ask({ ENV_FILE: join(folder, "bot.env") });
    expect(chosen.code).toBe(0);
    expect(chosen.stdout).toContain(WHITE_HOUSE_ARTICLE);

    const missing = await ask({ ENV_FILE: join(folder, "missing.env") });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/ENV_FILE: no such file/);
  });
});
