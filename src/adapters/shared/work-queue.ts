import type { AnsweringConfig } from "../../config.js";

type WorkQueueLimits = Pick<AnsweringConfig, "concurrency" | "maxWaiting" | "maxWaitMs">;

/** Resolves with `release` when it is this question's turn, or with null when it waited too long for one. */
type Turn = Promise<(() => void) | null>;

type WorkQueue = {
  /** Queues a question that arrived at `since` (ms since the epoch, this host's clock); null at once when full. */
  enter(since: number): Turn | null;
};

type Waiter = { since: number; begin(release: (() => void) | null): void };

/**
 * A bounded queue in front of the answer work, bounded both in how many wait and in how long. Under a
 * flood each turn gets a smaller share of the event loop (see `start`), so the count alone does not bound
 * the wait: a question that has waited `maxWaitMs` since it arrived is turned away instead of answered,
 * as soon as a slot frees or a newcomer arrives, and that newcomer is turned away with it.
 */
export function createWorkQueue(limits: WorkQueueLimits): WorkQueue {
  let running = 0;
  const waiting: Waiter[] = [];
  const overdue = (since: number, now: number) => now - since > limits.maxWaitMs;

  // Each turn starts on a later turn of the event loop (setImmediate), so under a flood new requests are
  // still read and acknowledged between answers.
  const start = (waiter: Waiter) => {
    running += 1;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      running -= 1;
      startNext();
    };
    setImmediate(() => waiter.begin(release));
  };
  const startNext = () => {
    const now = Date.now();
    for (let next = waiting.shift(); next; next = waiting.shift()) {
      if (!overdue(next.since, now)) return start(next);
      next.begin(null);
    }
  };

  return {
    enter(since) {
      if (running < limits.concurrency && waiting.length === 0) {
        return new Promise((begin) => start({ since, begin }));
      }
      // Waiters already past their time hear "busy" now rather than when a slot frees, which may be seconds
      // away; and as the queue has not moved for that long, the newcomer is turned away too.
      const now = Date.now();
      let stalled = false;
      for (let head = waiting[0]; head && overdue(head.since, now); head = waiting[0]) {
        waiting.shift()?.begin(null);
        stalled = true;
      }
      if (stalled || waiting.length >= limits.maxWaiting) return null;
      return new Promise((begin) => waiting.push({ since, begin }));
    },
  };
}
