import type { Logger } from "../logger.js";

/**
 * Last-resort handlers, so that even an error no handler caught is one scrubbed JSON line rather than
 * a raw stack on stderr. A stray rejection is logged and the bot keeps serving; an uncaught exception
 * leaves state unknown, so it is logged and the process exits 1 for the supervisor to restart it.
 */
export function installProcessGuards(logger: Logger): void {
  process.on("unhandledRejection", (reason) => {
    logger.error({ err: describe(reason) }, "unhandled rejection; still serving");
  });
  process.on("uncaughtException", (error) => {
    logger.fatal({ err: describe(error) }, "uncaught exception; exiting");
    logger.flush?.();
    process.exit(1);
  });
}

function describe(error: unknown): { name: string; message: string; stack?: string } {
  if (!(error instanceof Error)) return { name: "NonError", message: String(error) };
  return { name: error.name, message: error.message, ...(error.stack ? { stack: error.stack } : {}) };
}
