import { Writable } from "node:stream";
import { createLogger, type Logger } from "../../../src/logger.js";

export type LogLine = Record<string, unknown> & { msg?: string; level?: string };

/** A real project logger (with secret scrubbing) writing JSON lines into memory. */
export function captureLogs(secrets: string[]): { logger: Logger; lines: LogLine[]; raw: string[] } {
  const raw: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      for (const line of chunk.toString().split("\n")) if (line.trim()) raw.push(line);
      callback();
    },
  });
  const logger = createLogger({ level: "debug", secrets, destination });
  return {
    logger,
    raw,
    get lines() {
      return raw.map((line) => JSON.parse(line) as LogLine);
    },
  };
}
