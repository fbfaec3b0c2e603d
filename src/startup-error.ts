import { ConfigError } from "./config.js";
import { KnowledgeError } from "./knowledge/load.js";
import { createScrubber } from "./logger.js";

/**
 * A bad environment or knowledge file stops the process with one line naming the problem, and exit
 * code 1. Anything unexpected gets its stack, with the configured secrets taken out.
 */
export function exitWithStartupError(error: unknown, secrets: readonly string[] = []): never {
  const text =
    error instanceof ConfigError || error instanceof KnowledgeError
      ? error.message
      : error instanceof Error
        ? (error.stack ?? error.message)
        : String(error);
  process.stderr.write(`tpd-bot: cannot start: ${scrub(text, secrets)}\n`);
  process.exit(1);
}

export function scrub(text: string, secrets: readonly string[]): string {
  return createScrubber(secrets)(text);
}
