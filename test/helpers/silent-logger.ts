import pino, { type Logger } from "pino";

/** A logger that drops everything. */
export const createSilentLogger = (): Logger => pino({ level: "silent" });
