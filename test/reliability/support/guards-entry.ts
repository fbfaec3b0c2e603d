import { createLogger } from "../../../src/logger.js";
import { installProcessGuards } from "../../../src/runtime/process-guards.js";

/** A process that lets one promise reject unhandled, keeps running, then throws uncaught. */
const secret = process.argv[2] ?? "";
const logger = createLogger({ level: "info", secrets: [secret] });
installProcessGuards(logger);
void Promise.reject(new Error(`upstream said: bad token ${secret}`));
setTimeout(() => logger.info("still serving"), 20);
setTimeout(() => {
  throw new Error(`crashed holding ${secret}`);
}, 60);
setTimeout(() => logger.info("never reached"), 5000);
