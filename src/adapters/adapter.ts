import type { AnsweringConfig } from "../config.js";
import type { Bot } from "../core/bot.js";
import type { Logger } from "../logger.js";
import type { QuestionRecorder } from "./shared/question-record.js";
import type { RateLimiter } from "./shared/rate-limit.js";

/** The narrow port every platform adapter offers to the composition root. */
export type AdapterHealth = {
  name: "slack" | "discord" | "console";
  /** True while the adapter can take questions (receiver listening, gateway connected). */
  up: boolean;
  detail: string;
};

export type Adapter = {
  readonly name: AdapterHealth["name"];
  start(): Promise<void>;
  /** Stop taking new work, let in-flight answers finish, close connections. */
  stop(): Promise<void>;
  health(): AdapterHealth;
};

/** What the composition root gives every platform adapter. */
export type PlatformAdapterOptions<Config> = {
  config: Config;
  /** Called per question, so a live knowledge reload takes effect at once. */
  getBot: () => Bot;
  logger: Logger;
  rateLimiter: RateLimiter;
  /** The answer budget and the queue's bounds; the defaults when unset. */
  answering?: AnsweringConfig;
  /** How long stop() waits for answers in flight; 5 s by default. */
  shutdownGraceMs?: number;
  /** The question log and feedback; none when unset. */
  recorder?: QuestionRecorder;
};
