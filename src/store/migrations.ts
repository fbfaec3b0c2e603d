import type { SqlDriver } from "./driver.js";

/**
 * The schema, one version after another; never edit an applied step, add the next one. Written in the SQL both
 * SQLite and PostgreSQL read: times are epoch milliseconds (BIGINT), flags 0/1, lists JSON text. A step `only`
 * for one database is recorded as applied on the other without running.
 */
export const MIGRATIONS: ReadonlyArray<{
  version: number;
  only?: SqlDriver["kind"];
  statements: readonly string[];
}> = [
  {
    version: 1,
    statements: [
      "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
      `CREATE TABLE questions (
        id TEXT PRIMARY KEY,
        asked_at BIGINT NOT NULL,
        platform TEXT NOT NULL,
        surface TEXT NOT NULL,
        user_hash TEXT,
        intent TEXT NOT NULL,
        deals TEXT NOT NULL,
        topics TEXT NOT NULL,
        found SMALLINT NOT NULL,
        decline_reason TEXT,
        knowledge_version TEXT NOT NULL,
        latency_ms INTEGER NOT NULL,
        text TEXT
      )`,
      "CREATE INDEX questions_asked_at ON questions (asked_at)",
      `CREATE TABLE votes (
        question_id TEXT NOT NULL,
        user_hash TEXT NOT NULL,
        vote TEXT NOT NULL CHECK (vote IN ('up', 'down')),
        note TEXT,
        voted_at BIGINT NOT NULL,
        PRIMARY KEY (question_id, user_hash)
      )`,
      "CREATE INDEX votes_voted_at ON votes (voted_at)",
    ],
  },
  {
    // What replicas share (src/shared-state): the Slack deliveries taken, and rate-limiter-flexible's counters
    // in the layout its RateLimiterPostgres reads. Releases before this step created both tables from those
    // modules, hence IF NOT EXISTS.
    version: 2,
    only: "postgres",
    statements: [
      "CREATE TABLE IF NOT EXISTS slack_event_claims (event_id TEXT PRIMARY KEY, expires_at BIGINT NOT NULL)",
      "CREATE TABLE IF NOT EXISTS rate_limits (key VARCHAR(255) PRIMARY KEY, points INTEGER NOT NULL DEFAULT 0, expire BIGINT)",
    ],
  },
];

/** Brings the schema up to the latest version; replicas starting together wait for each other. */
export async function migrate(driver: SqlDriver): Promise<void> {
  await driver.exclusive(async (db) => {
    await db.run(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)",
    );
    const applied = new Set(
      (await db.all<{ version: number }>("SELECT version FROM schema_migrations")).map((row) =>
        Number(row.version),
      ),
    );
    for (const step of MIGRATIONS) {
      if (applied.has(step.version)) continue;
      if (!step.only || step.only === driver.kind)
        for (const statement of step.statements) await db.run(statement);
      await db.run("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)", [
        step.version,
        Date.now(),
      ]);
    }
  });
}
