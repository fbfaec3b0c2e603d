import { afterAll, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/open.js";
import { type PostgresServer, postgresForTests } from "../helpers/postgres.js";
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

describe.skipIf(server === null)("PostgreSQL only", () => {
  it("lets replicas that start together migrate one after the other", async () => {
    const databaseUrl = await (server as PostgresServer).createDatabase();
    const replicas = [1, 2, 3].map(() => openStore({ databaseUrl, sqliteFile: "unused" }));
    try {
      await Promise.all(replicas.map((replica) => replica.migrate()));
      const keys = await Promise.all(replicas.map((replica) => replica.generatedSecret()));
      expect(new Set(keys).size).toBe(1);
    } finally {
      await Promise.all(replicas.map((replica) => replica.close()));
    }
  });
});
