/**
 * Remembers which Events API deliveries were already taken, so Slack's retries (same `event_id`,
 * `X-Slack-Retry-Num`) are not answered twice. Async so a shared store (e.g. Redis `SET key 1 NX EX ttl`)
 * can stand in when several replicas sit behind a load balancer.
 */
export type DedupeStore = {
  /** True the first time a key is seen within the TTL; false for a repeat. */
  claim(key: string): Promise<boolean>;
};

type MemoryDedupeOptions = {
  /** Slack retries for about 5 minutes; keep ids a little longer. */
  ttlMs?: number;
  maxKeys?: number;
  now?: () => number;
};

export function createMemoryDedupe(options: MemoryDedupeOptions = {}): DedupeStore {
  const ttlMs = options.ttlMs ?? 10 * 60_000;
  const maxKeys = options.maxKeys ?? 100_000;
  const now = options.now ?? Date.now;
  // Insertion order equals expiry order (constant TTL), so expired keys sit at the front.
  const seen = new Map<string, number>();

  const evict = (at: number) => {
    for (const [key, expires] of seen) {
      if (expires > at && seen.size <= maxKeys) break;
      seen.delete(key);
    }
  };

  return {
    async claim(key) {
      const at = now();
      evict(at);
      const expires = seen.get(key);
      if (expires !== undefined && expires > at) return false;
      seen.set(key, at + ttlMs);
      return true;
    },
  };
}
