/** What an expected failure is about; logs carry it as `err.code`. */
type ErrorCode = "CONFIG_INVALID" | "KNOWLEDGE_INVALID" | "ADAPTER_START_FAILED" | "USAGE";

/**
 * An expected failure (bad environment, knowledge file or command line, a platform that will not connect):
 * its message is written for the person running the bot and is shown as it is, without a stack.
 */
export class BotError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
