import type pg from "pg";
import { createMemoryDedupe, type DedupeStore } from "../adapters/slack/dedupe.js";
import { describeError } from "../errors.js";
import type { Logger } from "../logger.js";

const TABLE = "slack_event_claims";
const SWEEP_EVERY_MS = 5 * 60_000;

/**
 * Slack retry de-duplication shared by every replica, in the table the store's migrations create: the first INSERT of an `event_id` wins, a repeat
 * within the TTL changes no row. An expired claim is taken over by the next delivery. When the database
 * fails, the replica falls back to remembering ids itself (a retry landing on another replica may then be
 * answered twice, but every question is answered).
 */
export function createPostgresDedupe(
  pool: pg.Pool,
  options: { logger: Logger; ttlMs?: number; now?: () => number },
): DedupeStore & { stop(): void } {
  const ttlMs = options.ttlMs ?? 10 * 60_000;
  const now = options.now ?? Date.now;
  const fallback = createMemoryDedupe({ ttlMs, now });
  const sweep = setInterval(() => {
    pool.query(`DELETE FROM ${TABLE} WHERE expires_at < $1`, [now()]).catch(() => {});
  }, SWEEP_EVERY_MS);
  sweep.unref();

  return {
    async claim(eventId) {
      const at = now();
      try {
        const result = await pool.query(
          `INSERT INTO ${TABLE} (event_id, expires_at) VALUES ($1, $2)
           ON CONFLICT (event_id) DO UPDATE SET expires_at = EXCLUDED.expires_at
           WHERE ${TABLE}.expires_at <= $3`,
          [eventId, at + ttlMs, at],
        );
        return result.rowCount === 1;
      } catch (error) {
        options.logger.warn(
          { err: describeError(error).message },
          "shared event de-duplication unavailable; de-duplicating in this process",
        );
        return fallback.claim(eventId);
      }
    },
    stop: () => clearInterval(sweep),
  };
}
