import { afterAll } from "vitest";
import { openStore } from "../../src/store/open.js";
import { postgresForTests } from "../helpers/postgres.js";
import { storeContract } from "./store-contract.js";

const server = await postgresForTests();
afterAll(async () => {
  await server?.stop();
});

storeContract("PostgreSQL", () =>
  server
    ? {
        async fresh() {
          const databaseUrl = await server.createDatabase();
          return () => openStore({ databaseUrl, sqliteFile: "unused" });
        },
      }
    : null,
);
