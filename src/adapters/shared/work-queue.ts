type WorkQueueLimits = {
  /** Questions worked on at once (their rate-limit check, answer and render). */
  concurrency: number;
  /** Questions waiting for a turn; past this a new one is turned away at once. */
  maxWaiting: number;
};

type WorkQueue = {
  /** Resolves with `release` when it is this question's turn; null at once when the queue is full. */
  enter(): Promise<() => void> | null;
  /** Whether `enter` would turn a question away now. */
  full(): boolean;
};

/**
 * A bounded queue in front of the answer work. Each turn starts on a later turn of the event loop
 * (setImmediate), so under a flood new requests are still read and acknowledged between answers: the
 * ones past the bound are turned away quickly instead of all waiting past the platforms' deadlines.
 */
export function createWorkQueue(limits: WorkQueueLimits): WorkQueue {
  let running = 0;
  const waiting: Array<() => void> = [];

  const start = (begin: () => void) => {
    running += 1;
    setImmediate(begin);
  };
  const turn = () =>
    new Promise<() => void>((resolve) => {
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        running -= 1;
        const next = waiting.shift();
        if (next) start(next);
      };
      const begin = () => resolve(release);
      if (running < limits.concurrency && waiting.length === 0) start(begin);
      else waiting.push(begin);
    });

  const full = () => running >= limits.concurrency && waiting.length >= limits.maxWaiting;
  return {
    enter: () => (full() ? null : turn()),
    full,
  };
}
