export type RateLimitKeys = { user: string; team?: string | null };
export type RateVerdict = { allowed: true } | { allowed: false; retryAfterMs: number };

/**
 * Limits questions per user and per workspace/guild. In memory (below) for one process; shared through
 * PostgreSQL when replicas must count together (src/shared-state), hence a promise may come back.
 */
export type RateLimiter = {
  /** Records one question and says whether it may be answered; `retryAfterMs` when not. */
  take(keys: RateLimitKeys): RateVerdict | Promise<RateVerdict>;
};

/** Sliding-window counters per key (user, workspace/guild). Pure: the clock is injected. */
export type MemoryRateLimiter = { take(keys: RateLimitKeys): RateVerdict };

export type RateLimitOptions = {
  perUser: number;
  perTeam: number;
  windowMs: number;
  now?: () => number;
  /** Bound on tracked keys so a flood of distinct ids cannot grow memory without limit. */
  maxKeys?: number;
};

export function createRateLimiter(options: RateLimitOptions): MemoryRateLimiter {
  const now = options.now ?? Date.now;
  const maxKeys = options.maxKeys ?? 50_000;
  const windows = new Map<string, number[]>();

  const recent = (key: string, at: number): number[] => {
    const stamps = (windows.get(key) ?? []).filter((stamp) => at - stamp < options.windowMs);
    windows.delete(key); // re-insert below so Map order tracks recency for eviction
    windows.set(key, stamps);
    if (windows.size > maxKeys) {
      const oldest = windows.keys().next().value;
      if (oldest !== undefined) windows.delete(oldest);
    }
    return stamps;
  };

  return {
    take({ user, team }) {
      const at = now();
      const checks: Array<[string, number]> = [[`user:${user}`, options.perUser]];
      if (team) checks.push([`team:${team}`, options.perTeam]);
      const stamps = checks.map(([key, limit]) => ({ stamps: recent(key, at), limit }));
      const blocked = stamps.find(({ stamps: list, limit }) => list.length >= limit);
      if (blocked) {
        const oldest = blocked.stamps[0] ?? at;
        return { allowed: false, retryAfterMs: Math.max(0, options.windowMs - (at - oldest)) };
      }
      for (const entry of stamps) entry.stamps.push(at);
      return { allowed: true };
    },
  };
}
