import pino, { type Logger } from "pino";
import { escapeRegExp } from "./core/text.js";

export type { Logger };

type LoggerOptions = {
  level: string;
  /** Values that must never appear in a log line (tokens, signing secrets). */
  secrets: readonly string[];
  /** Where JSON lines go; stdout by default. */
  destination?: NodeJS.WritableStream;
};

const REDACTED = "[redacted]";
/** Shorter values, or pieces of a multi-line value, would redact ordinary words. */
const MIN_SECRET_LENGTH = 6;

/**
 * Every form a secret can take inside a serialised line: raw, JSON-escaped (once, or twice when an
 * error message quoting JSON is itself logged), URL-encoded (upper- or lower-case hex, `%20` or `+`),
 * and the same for each piece of a value broken by line breaks, spaces or control characters, since
 * an upstream error can show a multi-line value one line at a time.
 */
function secretForms(secret: string): string[] {
  const pieces = secret.split(/[\s\p{Cc}]+/u);
  const values = pieces.length > 1 ? [secret, ...pieces] : [secret];
  const forms = values
    .filter((value) => value.length >= MIN_SECRET_LENGTH)
    .flatMap((value) => {
      const json = JSON.stringify(value).slice(1, -1);
      const url = encodeURIComponent(value);
      const form = new URLSearchParams({ v: value }).toString().slice(2);
      return [value, json, JSON.stringify(json).slice(1, -1), url, form, lowerHex(url), lowerHex(form)];
    });
  return [...new Set(forms)];
}

const lowerHex = (encoded: string) => encoded.replace(/%[0-9A-F]{2}/g, (code) => code.toLowerCase());

/** Replaces every form of every secret in a text with "[redacted]". */
export function createScrubber(secrets: readonly string[]): (text: string) => string {
  const forms = secrets.flatMap(secretForms).sort((a, b) => b.length - a.length);
  if (forms.length === 0) return (text) => text;
  const pattern = new RegExp(forms.map(escapeRegExp).join("|"), "g");
  return (text) => text.replace(pattern, REDACTED);
}

/**
 * Structured JSON lines. Secrets are removed twice: known fields are redacted by path, and every
 * serialised line is scrubbed of the configured secret values, wherever they hide (error messages,
 * URLs, nested payloads).
 */
export function createLogger(options: LoggerOptions): Logger {
  const scrub = createScrubber(options.secrets);
  return pino(
    {
      level: options.level,
      // Each line is scrubbed as a string on its way to the destination, with no stream in between.
      hooks: { streamWrite: scrub },
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: {
        paths:
          `token *.token botToken appToken signingSecret authorization *.authorization headers.authorization
          *.headers.authorization headers["x-slack-signature"]`.split(/\s+/),
        censor: REDACTED,
      },
    },
    options.destination ?? process.stdout,
  );
}
