import { Writable } from "node:stream";
import pino, { type Logger } from "pino";

export type { Logger };

export type LoggerOptions = {
  level: string;
  /** Values that must never appear in a log line (tokens, signing secrets). */
  secrets: readonly string[];
  /** Where JSON lines go; stdout by default. */
  destination?: NodeJS.WritableStream;
};

const REDACTED = "[redacted]";

/**
 * Structured JSON lines. Secrets are removed twice: known fields are redacted by path, and every
 * serialised line is scrubbed of the configured secret values, wherever they hide (error messages,
 * URLs, nested payloads).
 */
export function createLogger(options: LoggerOptions): Logger {
  const secrets = options.secrets.filter((secret) => secret.length >= 6);
  const target = options.destination ?? process.stdout;
  const scrubbing = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      let line = chunk.toString();
      for (const secret of secrets) line = line.split(secret).join(REDACTED);
      target.write(line);
      callback();
    },
  });
  return pino(
    {
      level: options.level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: {
        paths: [
          "token",
          "*.token",
          "botToken",
          "appToken",
          "signingSecret",
          "authorization",
          "*.authorization",
          "headers.authorization",
          "*.headers.authorization",
          'headers["x-slack-signature"]',
        ],
        censor: REDACTED,
      },
    },
    secrets.length > 0 ? scrubbing : target,
  );
}

/** A logger that drops everything, for tests and tools that must print nothing but their output. */
export function createSilentLogger(): Logger {
  return pino({ level: "silent" });
}
