import type pg from "pg";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { createRateLimiter, type RateLimiter, type RateVerdict } from "../adapters/shared/rate-limit.js";
import type { RateLimitConfig } from "../config.js";
import { describeError } from "../errors.js";
import type { Logger } from "../logger.js";

const TABLE = "rate_limits";

/**
 * Limits per user and per workspace/guild counted in PostgreSQL by rate-limiter-flexible, so N replicas (or
 * Discord shards) allow a user the limit once, not N times. A fixed window per key, starting at its first
 * question. When the database fails, the process counts on its own (the limit then holds per replica).
 */
export async function createPostgresRateLimiter(
  pool: pg.Pool,
  config: RateLimitConfig,
  logger: Logger,
): Promise<RateLimiter> {
  const duration = Math.max(1, Math.round(config.windowMs / 1000));
  // One after the other: PostgreSQL reports concurrent CREATE TABLE IF NOT EXISTS as a conflict.
  const users = await postgresLimiter(pool, "user", config.perUser, duration);
  const teams = await postgresLimiter(pool, "team", config.perTeam, duration);
  const fallback = createRateLimiter(config);

  const limited = (res: RateLimiterRes): RateVerdict => ({ allowed: false, retryAfterMs: res.msBeforeNext });

  return {
    async take({ user, team }) {
      try {
        await users.consume(user);
        if (team) {
          try {
            await teams.consume(team);
          } catch (error) {
            // The question is not answered, so it does not count against the user either.
            if (error instanceof RateLimiterRes) await users.reward(user).catch(() => {});
            throw error;
          }
        }
        return { allowed: true };
      } catch (error) {
        if (error instanceof RateLimiterRes) return limited(error);
        logger.warn(
          { err: describeError(error).message },
          "shared rate limits unavailable; counting in this process",
        );
        return fallback.take({ user, team });
      }
    },
  };
}

function postgresLimiter(pool: pg.Pool, keyPrefix: string, points: number, duration: number) {
  return new Promise<RateLimiterPostgres>((resolve, reject) => {
    const limiter: RateLimiterPostgres = new RateLimiterPostgres(
      {
        storeClient: pool,
        storeType: "pool",
        tableName: TABLE,
        keyPrefix,
        points,
        duration,
        clearExpiredByTimeout: true,
      },
      (error?: Error) => (error ? reject(error) : resolve(limiter)),
    );
  });
}
