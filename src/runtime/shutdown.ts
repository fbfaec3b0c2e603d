import type { Adapter } from "../adapters/adapter.js";
import type { Logger } from "../logger.js";

type ShutdownDeps = {
  adapters: readonly Adapter[];
  logger: Logger;
  /** How long adapters may take to finish answers in progress. */
  graceMs: number;
  /** Called first, so /healthz reports "stopping" from the first moment. */
  onStopping(): void;
  /** Things to close once the adapters have stopped (health server, file watcher). */
  close(): Promise<void> | void;
  exit(code: number): void;
};

/** Beyond the grace, closing connections gets this long before the process exits regardless. */
const CLOSE_MARGIN_MS = 3000;

/**
 * SIGTERM/SIGINT handling: stop taking work, let answers in progress finish (bounded by the grace),
 * close every connection, exit 0. A second signal, or a stop that overruns, exits 1 at once.
 */
export function createShutdown(deps: ShutdownDeps): (signal: string) => Promise<void> {
  const { logger } = deps;
  let stopping = false;
  return async (signal) => {
    if (stopping) {
      logger.warn({ signal }, "second signal: exiting now");
      logger.flush?.();
      deps.exit(1);
      return;
    }
    stopping = true;
    deps.onStopping();
    const began = performance.now();
    logger.info({ signal, graceMs: deps.graceMs }, "shutting down: finishing answers in progress");
    const watchdog = setTimeout(() => {
      logger.error({ signal, waitedMs: Math.round(performance.now() - began) }, "shutdown overran; exiting");
      logger.flush?.();
      deps.exit(1);
    }, deps.graceMs + CLOSE_MARGIN_MS);
    watchdog.unref();

    const results = await Promise.allSettled(deps.adapters.map((adapter) => adapter.stop()));
    await deps.close();
    clearTimeout(watchdog);
    results.forEach((result, i) => {
      if (result.status === "rejected")
        logger.error(
          { adapter: deps.adapters[i]?.name, err: String(result.reason) },
          "adapter did not stop cleanly",
        );
    });
    logger.info(
      {
        signal,
        shutdownMs: Math.round(performance.now() - began),
        adapters: deps.adapters.map((adapter) => adapter.health()),
      },
      "stopped",
    );
    logger.flush?.();
    deps.exit(0);
  };
}
