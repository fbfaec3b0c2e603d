import pg from "pg";
import type { RateLimiter } from "../adapters/shared/rate-limit.js";
import type { DedupeStore } from "../adapters/slack/dedupe.js";
import type { RateLimitConfig } from "../config.js";
import { describeError } from "../errors.js";
import type { Logger } from "../logger.js";
import { createPostgresDedupe } from "./event-claims.js";
import { createPostgresRateLimiter } from "./rate-limits.js";

/**
 * What replicas behind a load balancer (and Discord shards) must agree on, kept in the PostgreSQL of
 * DATABASE_URL: which Slack deliveries were taken and how many questions each user and team asked.
 * Conversation context for follow-up questions belongs here too, as one more table on this pool.
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
  try {
    const dedupe = await createPostgresDedupe(pool, { logger: log });
    const rateLimiter = await createPostgresRateLimiter(pool, options.rateLimit, log);
    return {
      dedupe,
      rateLimiter,
      async close() {
        dedupe.stop();
        await pool.end();
      },
    };
  } catch (error) {
    await pool.end().catch(() => {});
    throw error;
  }
}
