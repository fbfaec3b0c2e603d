import { describeError } from "../errors.js";
import type { Logger } from "../logger.js";

/**
 * Last-resort handlers, so that even an error no handler caught is one scrubbed JSON line rather than
 * a raw stack on stderr. A stray rejection is logged and the bot keeps serving; an uncaught exception
 * leaves state unknown, so it is logged and the process exits 1 for the supervisor to restart it.
 */
export function installProcessGuards(logger: Logger): void {
  process.on("unhandledRejection", (reason) => {
    logger.error({ err: describeError(reason, { withStack: true }) }, "unhandled rejection; still serving");
  });
  process.on("uncaughtException", (error) => {
    logger.fatal({ err: describeError(error, { withStack: true }) }, "uncaught exception; exiting");
    logger.flush?.();
    process.exit(1);
  });
}
