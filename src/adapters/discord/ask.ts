import type { Answer, AnswerOptions } from "../../core/answer.js";
import type { Bot } from "../../core/bot.js";
import type { Logger } from "../../logger.js";
import type { QuestionRecorder } from "../shared/question-record.js";
import type { RateLimiter } from "../shared/rate-limit.js";

export type HandlerDeps = {
  getBot: () => Bot;
  rateLimiter: RateLimiter;
  /** Already bound to `adapter: "discord"`. */
  logger: Logger;
  /** False once stop() has begun: new questions get a short "restarting" reply. */
  accepting: () => boolean;
  recorder: QuestionRecorder;
};

export type Entry = "slash" | "button" | "mention" | "dm";

export type Question = {
  /** The Discord interaction or message id: unique, and lets a log line be matched to Discord's side. */
  requestId: string;
  entry: Entry;
  user: string;
  guild: string | null;
  text: string;
  options: AnswerOptions;
};

export type Outcome =
  /** `questionId`: what the answer's feedback buttons carry, or null for none. */
  { kind: "answer"; answer: Answer; questionId: string | null } | { kind: "limited"; retryAfterMs: number };

/**
 * The one path every entry point shares: rate limit per user and guild, ask the current bot, then record the
 * question (queued; the answer never waits for the database).
 */
export async function ask(deps: HandlerDeps, question: Question): Promise<Outcome> {
  const startedAt = performance.now();
  const limit = await deps.rateLimiter.take({ user: question.user, team: question.guild });
  if (!limit.allowed) return { kind: "limited", retryAfterMs: limit.retryAfterMs };
  const answer = deps.getBot().answer(question.text, question.options);
  const questionId = deps.recorder.record({
    surface: question.entry,
    userId: question.user,
    text: question.text,
    answer,
    latencyMs: performance.now() - startedAt,
  });
  return { kind: "answer", answer, questionId: answer.actions.feedback ? questionId : null };
}

export const ERROR_TEXT = "Sorry, something went wrong while answering. Please try again in a moment.";
export const RESTARTING_TEXT = "The bot is restarting. Please ask again in a minute.";

export function slowDownText(retryAfterMs: number): string {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return `Slow down a little: you can ask again in ${seconds} s.`;
}

export function logAnswered(deps: HandlerDeps, question: Question, answer: Answer, startedAt: number): void {
  deps.logger.info(
    {
      requestId: question.requestId,
      entry: question.entry,
      intent: answer.intent,
      found: answer.found,
      latencyMs: Math.round(performance.now() - startedAt),
    },
    "answered",
  );
}

export function logLimited(deps: HandlerDeps, question: Pick<Question, "requestId" | "entry">): void {
  deps.logger.info({ requestId: question.requestId, entry: question.entry }, "rate limited");
}

export function logFailed(
  deps: HandlerDeps,
  context: { requestId: string; entry: Entry | "autocomplete" },
  error: unknown,
  startedAt: number,
): void {
  deps.logger.error(
    { ...context, latencyMs: Math.round(performance.now() - startedAt), err: describeError(error) },
    "handler failed",
  );
}

/**
 * Only the parts of an error that are safe to log: discord.js REST errors carry the request URL, and
 * interaction webhook URLs embed the interaction token.
 */
export function describeError(error: unknown): { name: string; message: string; code?: string | number } {
  if (!(error instanceof Error)) return { name: "NonError", message: scrub(String(error)) };
  const code = (error as { code?: unknown }).code;
  return {
    name: error.name,
    message: scrub(error.message),
    ...(typeof code === "string" || typeof code === "number" ? { code } : {}),
  };
}

function scrub(text: string): string {
  return text.replace(/\/(webhooks|interactions)\/(\d+)\/[^/\s?]+/g, "/$1/$2/[redacted]").slice(0, 500);
}
