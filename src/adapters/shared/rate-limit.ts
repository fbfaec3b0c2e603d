import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import type { RateLimitConfig } from "../../config.js";

type RateLimitKeys = { user: string; team?: string | null };
type RateVerdict = { allowed: true } | { allowed: false; retryAfterMs: number };

/**
 * Limits questions per user and per workspace/guild. Counted in this process, or in PostgreSQL when replicas
 * must count together (src/shared-state); either way by rate-limiter-flexible, so both count alike.
 */
export type RateLimiter = {
  /** Records one question and says whether it may be answered; `retryAfterMs` when not. */
  take(keys: RateLimitKeys): RateVerdict | Promise<RateVerdict>;
};

/** Counters for users and for teams, in one store. */
type LimiterPair = { users: RateLimiterAbstract; teams: RateLimiterAbstract };

/** The limiter's window in whole seconds, as rate-limiter-flexible counts it. */
export const windowSeconds = (options: RateLimitConfig) => Math.max(1, Math.round(options.windowMs / 1000));

/** In this process's memory. */
export function createRateLimiter(options: RateLimitConfig): RateLimiter {
  const duration = windowSeconds(options);
  return limitsOver({
    users: new RateLimiterMemory({ keyPrefix: "user", points: options.perUser, duration }),
    teams: new RateLimiterMemory({ keyPrefix: "team", points: options.perTeam, duration }),
  });
}

/**
 * The user's counter, then the team's. A fixed window per key opens at its first question and lets `points`
 * questions through until it ends, in memory and in PostgreSQL alike. A store's own failure is thrown.
 */
export function limitsOver({ users, teams }: LimiterPair): {
  take(keys: RateLimitKeys): Promise<RateVerdict>;
} {
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
        if (error instanceof RateLimiterRes) return { allowed: false, retryAfterMs: error.msBeforeNext };
        throw error;
      }
    },
  };
}
