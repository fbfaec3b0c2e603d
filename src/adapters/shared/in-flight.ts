/** Tracks answers in progress so stop() can let them finish, and says when new work must be refused. */
export type InFlight = {
  readonly draining: boolean;
  track(work: () => Promise<void>): Promise<void>;
  /** Refuses new work from now on and waits for what is in flight, at most `timeoutMs`. */
  drain(timeoutMs: number): Promise<{ unfinished: number }>;
  reopen(): void;
};

export function createInFlight(): InFlight {
  const inFlight = new Set<Promise<void>>();
  let draining = false;
  return {
    get draining() {
      return draining;
    },
    track(work) {
      const running: Promise<void> = work().finally(() => inFlight.delete(running));
      inFlight.add(running);
      return running;
    },
    async drain(timeoutMs) {
      draining = true;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      });
      await Promise.race([Promise.allSettled([...inFlight]), timeout]);
      clearTimeout(timer);
      return { unfinished: inFlight.size };
    },
    reopen() {
      draining = false;
    },
  };
}
