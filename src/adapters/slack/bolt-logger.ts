import { type Logger as BoltLogger, LogLevel } from "@slack/bolt";
import type { Logger } from "../../logger.js";

/** Bolt and its Web API client log through our pino logger (and so through its secret scrubbing). */
export function toBoltLogger(logger: Logger): BoltLogger {
  const log = logger.child({ adapter: "slack", component: "bolt" });
  const line = (parts: unknown[]) =>
    parts.map((part) => (typeof part === "string" ? part : safeJson(part))).join(" ");
  return {
    debug: (...msg) => log.debug(line(msg)),
    info: (...msg) => log.info(line(msg)),
    warn: (...msg) => log.warn(line(msg)),
    error: (...msg) => log.error(line(msg)),
    // pino's level governs; Bolt only asks so it can skip building debug strings.
    setLevel: () => {},
    getLevel: () => boltLevel(log.level),
    setName: () => {},
  };
}

function boltLevel(level: string): LogLevel {
  if (level === "debug" || level === "trace") return LogLevel.DEBUG;
  if (level === "info") return LogLevel.INFO;
  if (level === "warn") return LogLevel.WARN;
  return LogLevel.ERROR;
}

function safeJson(value: unknown): string {
  if (value instanceof Error) return value.message;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
