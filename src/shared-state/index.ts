import pg from "pg";
import type { RateLimiter } from "../adapters/shared/rate-limit.js";
import type { DedupeStore } from "../adapters/slack/dedupe.js";
import type { RateLimitConfig } from "../config.js";
import { describeError } from "../errors.js";
import type { Logger } from "../logger.js";
import { migrate } from "../store/migrations.js";
import { openPostgres } from "../store/postgres.js";
import { createPostgresDedupe } from "./event-claims.js";
import { createPostgresRateLimiter } from "./rate-limits.js";

/**
 * What replicas behind a load balancer (and Discord shards) must agree on, kept in the PostgreSQL of
 * DATABASE_URL: which Slack deliveries were taken and how many questions each user and team asked.
 * (Conversation context needs no table: it travels with the bot's answers, as Slack message metadata.)
 */
export type SharedState = {
  dedupe: DedupeStore;
  rateLimiter: RateLimiter;
  close(): Promise<void>;
};

/** Short timeouts: these calls sit before every answer (and before Slack's 3 s acknowledgement). */
const TIMEOUT_MS = 1500;

export async function openSharedState(options: {
  databaseUrl: string;
  rateLimit: RateLimitConfig;
  logger: Logger;
}): Promise<SharedState> {
  const log = options.logger.child({ component: "shared-state" });
  // The tables are the store's (its migrations, which replicas starting together take in turn), also when
  // the question log is off and would not open the store.
  const schema = openPostgres(options.databaseUrl);
  try {
    await migrate(schema);
  } finally {
    await schema.close();
  }
  const pool = new pg.Pool({
    connectionString: options.databaseUrl,
    max: 4,
    connectionTimeoutMillis: TIMEOUT_MS,
    query_timeout: TIMEOUT_MS,
    statement_timeout: TIMEOUT_MS,
    idleTimeoutMillis: 30_000,
    application_name: "tpd-bot shared state",
  });
  // Without a listener, an idle connection's error (the server restarted) would end the process.
  pool.on("error", (error) =>
    log.warn({ err: describeError(error).message }, "idle database connection lost"),
  );
  const dedupe = createPostgresDedupe(pool, { logger: log });
  return {
    dedupe,
    rateLimiter: createPostgresRateLimiter(pool, options.rateLimit, log),
    async close() {
      dedupe.stop();
      await pool.end();
    },
  };
}
