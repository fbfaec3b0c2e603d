import { ConfigError } from "./config.js";
import { KnowledgeError } from "./knowledge/load.js";

/** A bad environment or knowledge file stops the process with one line naming the problem, and exit code 1. */
export function exitWithStartupError(error: unknown): never {
  if (error instanceof ConfigError || error instanceof KnowledgeError) {
    process.stderr.write(`tpd-bot: cannot start: ${error.message}\n`);
  } else {
    process.stderr.write(
      `tpd-bot: cannot start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
}
