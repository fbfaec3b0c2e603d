import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createRateLimiter, type RateLimiter } from "../../src/adapters/shared/rate-limit.js";
import { openSharedState, type SharedState } from "../../src/shared-state/index.js";
import { MIGRATIONS } from "../../src/store/migrations.js";
import { openStore } from "../../src/store/open.js";
import { type PostgresServer, postgresForTests } from "../helpers/postgres.js";
import { createSilentLogger } from "../helpers/silent-logger.js";

const server: PostgresServer | null = await postgresForTests();
const opened: SharedState[] = [];
const LIMITS = { perUser: 3, perTeam: 4, windowMs: 2000 };

afterAll(async () => {
  for (const state of opened) await state.close();
  await server?.stop();
});

async function sharedState(databaseUrl: string): Promise<SharedState> {
  const state = await openSharedState({ databaseUrl, rateLimit: LIMITS, logger: createSilentLogger() });
  opened.push(state);
  return state;
}

async function query<T extends pg.QueryResultRow>(databaseUrl: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

const tablesOf = async (databaseUrl: string) =>
  (
    await query<{ table_name: string }>(
      databaseUrl,
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
    )
  ).map((row) => row.table_name);

const sleepUntil = (at: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));

/**
 * Questions from users u1..u3 of one team, at times that tell a fixed window from a sliding one: one at 0,
 * three at 1 s (the third over the user's 3), then three more just after the window's 2 s, which a fixed
 * window allows (it opened at 0) and a sliding one would not (two of its three questions are from 1 s).
 */
async function scenario(limiter: RateLimiter, run: string): Promise<Array<true | number>> {
  const key = (user: string) => ({ user: `${run}-${user}`, team: `${run}-team` });
  const verdicts: Array<true | number> = [];
  const ask = async (user: string) => {
    const verdict = await limiter.take(key(user));
    verdicts.push(verdict.allowed ? true : verdict.retryAfterMs);
  };
  const start = Date.now();
  await ask("u1");
  await sleepUntil(start + 1000);
  for (const user of ["u1", "u1", "u1", "u2", "u3"]) await ask(user);
  await sleepUntil(start + 2300);
  for (const user of ["u1", "u1", "u1", "u3"]) await ask(user);
  return verdicts;
}

/** What both stores must answer: `true` where allowed, else the wait until the window ends. */
function expectFixedWindows(verdicts: Array<true | number>): void {
  const allowed = verdicts.map((verdict) => verdict === true);
  // u1, u1, u1, u1 over (user), u2, u3 over (team: 4 taken), then a new window: u1 ×3 and u3.
  expect(allowed).toEqual([true, true, true, false, true, false, true, true, true, true]);
  for (const wait of verdicts.filter((verdict) => verdict !== true)) {
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThan(LIMITS.windowMs - 500); // what is left of a window that opened at the first question
  }
}

describe.skipIf(!server)("state shared through PostgreSQL", () => {
  it("creates its tables through the store's versioned migrations, with no store opened", async () => {
    const databaseUrl = await (server as PostgresServer).createDatabase();
    await sharedState(databaseUrl);
    expect(await tablesOf(databaseUrl)).toEqual(
      expect.arrayContaining(["rate_limits", "schema_migrations", "slack_event_claims"]),
    );
    const versions = await query<{ version: number }>(databaseUrl, "SELECT version FROM schema_migrations");
    expect(versions.map((row) => Number(row.version)).sort()).toEqual(MIGRATIONS.map((step) => step.version));
  });

  it("migrates a database whose tables an earlier release created from its modules", async () => {
    const databaseUrl = await (server as PostgresServer).createDatabase();
    const store = openStore({ databaseUrl, sqliteFile: "unused" });
    await query(
      databaseUrl,
      "CREATE TABLE slack_event_claims (event_id TEXT PRIMARY KEY, expires_at BIGINT NOT NULL)",
    );
    await query(
      databaseUrl,
      "CREATE TABLE rate_limits (key varchar(255) PRIMARY KEY, points integer NOT NULL DEFAULT 0, expire bigint)",
    );
    await query(databaseUrl, "INSERT INTO slack_event_claims VALUES ('Ev1', 1)");
    try {
      await store.migrate();
      await store.migrate();
    } finally {
      await store.close();
    }
    const state = await sharedState(databaseUrl);
    expect(await query(databaseUrl, "SELECT event_id FROM slack_event_claims")).toEqual([
      { event_id: "Ev1" },
    ]);
    expect(await state.dedupe.claim("Ev2")).toBe(true);
    expect(await state.dedupe.claim("Ev2")).toBe(false);
  });

  it("limits in PostgreSQL exactly as in memory: a fixed window per key from its first question", async () => {
    const databaseUrl = await (server as PostgresServer).createDatabase();
    const state = await sharedState(databaseUrl);
    const [shared, local] = await Promise.all([
      scenario(state.rateLimiter, "pg"),
      scenario(createRateLimiter(LIMITS), "memory"),
    ]);
    expectFixedWindows(shared);
    expectFixedWindows(local);
  }, 20_000);
});

describe("the store's migrations on SQLite", () => {
  it("record the PostgreSQL-only step without creating the shared tables", async () => {
    const dir = await mkdtemp(join(tmpdir(), "tpd-sqlite-"));
    const file = join(dir, "store.sqlite");
    try {
      const store = openStore({ databaseUrl: null, sqliteFile: file });
      await store.migrate();
      await store.migrate();
      await store.close();
      const db = new Database(file, { readonly: true });
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all();
      const versions = db.prepare("SELECT version FROM schema_migrations ORDER BY version").all();
      db.close();
      expect(tables).toEqual([
        { name: "questions" },
        { name: "schema_migrations" },
        { name: "settings" },
        { name: "votes" },
      ]);
      expect(versions).toEqual(MIGRATIONS.map((step) => ({ version: step.version })));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
