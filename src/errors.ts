import { BotError } from "./core/errors.js";
import { createScrubber } from "./logger.js";

/** What a log line may say about an error: name, a scrubbed message and its code, never request objects. */
type ErrorSummary = {
  name: string;
  message: string;
  code?: string | number;
  platformError?: string;
  stack?: string;
};

/**
 * The one description of an error, for logs and for people. Platform clients put request details in errors:
 * discord.js REST errors carry the request URL (interaction webhook URLs embed the interaction token),
 * Slack's carry `data.error`. Only safe parts are kept; `withStack` adds the stack of an unexpected error.
 */
export function describeError(error: unknown, options: { withStack?: boolean } = {}): ErrorSummary {
  if (!(error instanceof Error)) return { name: "NonError", message: scrubRequest(String(error)) };
  const { code, data } = error as Error & { code?: unknown; data?: { error?: unknown } };
  const stack = options.withStack && !(error instanceof BotError) ? error.stack : undefined;
  return {
    name: error.name,
    // Our own messages are kept whole; a library's may quote a whole request.
    message: scrubRequest(error.message, error instanceof BotError ? Number.POSITIVE_INFINITY : 500),
    ...(typeof code === "string" || typeof code === "number" ? { code } : {}),
    ...(typeof data?.error === "string" ? { platformError: data.error } : {}),
    ...(stack ? { stack: scrubRequest(stack, 4000) } : {}),
  };
}

function scrubRequest(text: string, max = 500): string {
  return text.replace(/\/(webhooks|interactions)\/(\d+)\/[^/\s?]+/g, "/$1/$2/[redacted]").slice(0, max);
}

/**
 * A failure at start-up stops the process with one line and exit code 1: an expected one names the problem,
 * anything unexpected gets its stack; the configured secrets are taken out either way.
 */
export function exitWithStartupError(error: unknown, secrets: readonly string[] = []): never {
  const { message, stack } = describeError(error, { withStack: true });
  process.stderr.write(`tpd-bot: cannot start: ${scrub(stack ?? message, secrets)}\n`);
  process.exit(1);
}

/** A reader that stops early (`| head`) is not a failure of ours: stop quietly instead of logging an uncaught EPIPE. */
export function exitQuietlyWhenStdoutCloses(): void {
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
    throw error;
  });
}

export function scrub(text: string, secrets: readonly string[]): string {
  return createScrubber(secrets)(text);
}
