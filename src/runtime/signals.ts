import type { Logger } from "../logger.js";

type SignalHandlers = {
  /** SIGHUP: reload the knowledge. */
  reload(): void;
  /** SIGTERM or SIGINT: stop gracefully. */
  stop(signal: NodeJS.Signals): void;
};

/**
 * Installed before anything slow starts, so no signal meets Node's default (SIGHUP would kill the
 * process mid start-up). Until `ready` hands over the real handlers, a SIGHUP is logged and ignored
 * (the knowledge being loaded is already the newest), and SIGTERM or SIGINT exits 0 at once: nothing
 * is answering yet, so there is nothing to finish.
 */
export function installSignalHandlers(
  logger: Logger,
  exit: (code: number) => void = (code) => process.exit(code),
): { ready(handlers: SignalHandlers): void } {
  let handlers: SignalHandlers | null = null;
  process.on("SIGHUP", () => {
    if (handlers) handlers.reload();
    else logger.warn({ signal: "SIGHUP" }, "signal before ready; ignored");
  });
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.on(signal, () => {
      if (handlers) {
        handlers.stop(signal);
        return;
      }
      logger.info({ signal }, "stopping before ready");
      logger.flush?.();
      exit(0);
    });
  }
  return {
    ready(next) {
      handlers = next;
    },
  };
}
