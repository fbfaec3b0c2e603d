import type pg from "pg";
import { RateLimiterPostgres } from "rate-limiter-flexible";
import {
  createRateLimiter,
  limitsOver,
  type RateLimiter,
  windowSeconds,
} from "../adapters/shared/rate-limit.js";
import type { RateLimitConfig } from "../config.js";
import { describeError } from "../errors.js";
import type { Logger } from "../logger.js";

/**
 * Limits per user and per workspace/guild counted in PostgreSQL (the `rate_limits` table of the store's
 * migrations), so N replicas (or Discord shards) allow a user the limit once, not N times. When the database
 * fails, the process counts on its own, in the same way (the limit then holds per replica).
 */
export function createPostgresRateLimiter(
  pool: pg.Pool,
  config: RateLimitConfig,
  logger: Logger,
): RateLimiter {
  const duration = windowSeconds(config);
  const counter = (keyPrefix: string, points: number) =>
    new RateLimiterPostgres({
      storeClient: pool,
      storeType: "pool",
      tableName: "rate_limits",
      tableCreated: true,
      keyPrefix,
      points,
      duration,
      clearExpiredByTimeout: true,
    });
  const shared = limitsOver({
    users: counter("user", config.perUser),
    teams: counter("team", config.perTeam),
  });
  const fallback = createRateLimiter(config);

  return {
    async take(keys) {
      try {
        return await shared.take(keys);
      } catch (error) {
        logger.warn(
          { err: describeError(error).message },
          "shared rate limits unavailable; counting in this process",
        );
        return fallback.take(keys);
      }
    },
  };
}
