import { performance } from "node:perf_hooks";
import type { Answer, AnswerOptions } from "../../core/answer.js";
import type { Bot } from "../../core/bot.js";
import type { Logger } from "../../logger.js";
import type { QuestionRecorder } from "../shared/question-record.js";
import type { RateLimiter } from "../shared/rate-limit.js";
import type { SlackMessage } from "./blocks.js";
import { withFeedback } from "./feedback.js";
import { type RenderOptions, renderAnswer } from "./render.js";

/** Where a question came from; logged, and used to pick how the reply travels. */
export type Via = "command" | "mention" | "dm" | "button";

/** How one question's reply reaches Slack (response_url, chat.postMessage, …). */
export type Reply = {
  answer(message: SlackMessage): Promise<void>;
  /** A short text: "slow down" or an apology after a failure. */
  notice(text: string, reason: "rate-limit" | "error"): Promise<void>;
};

export type Question = {
  requestId: string;
  via: Via;
  text: string;
  options?: AnswerOptions;
  user: string;
  team: string | null;
  eventId?: string | null;
  render: Omit<RenderOptions, "deal" | "footer">;
};

export type Answering = { handle(question: Question, reply: Reply): Promise<void> };

export type AnsweringDeps = {
  getBot: () => Bot;
  logger: Logger;
  rateLimiter: RateLimiter;
  recorder: QuestionRecorder;
};

const SURFACE = { command: "slash", mention: "mention", dm: "dm", button: "button" } as const;

export const SLACK_USAGE =
  "Ask privately with /tpd followed by your question, mention me in a channel to get the answer in a thread, or send me a direct message.";
export const ERROR_NOTICE = "Sorry, I couldn't send that answer just now. Please try again in a moment.";

export function slowDownNotice(retryAfterMs: number): string {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return `You're asking faster than I can keep up. Please wait about ${seconds} second${seconds === 1 ? "" : "s"} and try again.`;
}

/** The one path every entry point (command, mention, DM, button) goes through. */
export function createAnswering({ getBot, logger, rateLimiter, recorder }: AnsweringDeps): Answering {
  const log = logger.child({ adapter: "slack" });

  return {
    async handle(question, reply) {
      const started = performance.now();
      const base = {
        requestId: question.requestId,
        via: question.via,
        eventId: question.eventId ?? undefined,
      };
      const verdict = await rateLimiter.take({ user: question.user, team: question.team });
      if (!verdict.allowed) {
        const sent = await attempt(() => reply.notice(slowDownNotice(verdict.retryAfterMs), "rate-limit"));
        log.info(
          { ...base, limited: true, retryAfterMs: verdict.retryAfterMs, delivered: sent.ok },
          "rate limited",
        );
        return;
      }

      let answer: Answer;
      let message: SlackMessage;
      try {
        answer = getBot().answer(question.text, question.options);
        message = renderAnswer(answer, {
          ...question.render,
          deal: question.options?.deal ?? null,
          footer: answer.intent === "help" ? SLACK_USAGE : null,
        });
        const questionId = recorder.record({
          surface: SURFACE[question.via],
          userId: question.user,
          text: question.text,
          answer,
          latencyMs: performance.now() - started,
        });
        if (questionId && answer.actions.feedback) message = withFeedback(message, questionId);
      } catch (error) {
        const replied = await attempt(() => reply.notice(ERROR_NOTICE, "error"));
        log.error({ ...base, err: describe(error), errorReplied: replied.ok }, "answer failed");
        return;
      }

      const sent = await attempt(() => reply.answer(message));
      if (!sent.ok) {
        const replied = await attempt(() => reply.notice(ERROR_NOTICE, "error"));
        log.error(
          { ...base, intent: answer.intent, err: describe(sent.error), errorReplied: replied.ok },
          "reply failed",
        );
      }
      log.info(
        {
          ...base,
          intent: answer.intent,
          found: answer.found,
          delivered: sent.ok,
          latencyMs: Math.round(performance.now() - started),
        },
        "answered",
      );
    },
  };
}

async function attempt(work: () => Promise<void>): Promise<{ ok: true } | { ok: false; error: unknown }> {
  try {
    await work();
    return { ok: true };
  } catch (error) {
    return { ok: false, error };
  }
}

/** Enough to diagnose a failure without dumping request objects (which may hold tokens). */
export function describe(error: unknown): { message: string; code?: string; slackError?: string } {
  if (!(error instanceof Error)) return { message: String(error) };
  const withCode = error as Error & { code?: unknown; data?: { error?: unknown } };
  return {
    message: error.message,
    ...(typeof withCode.code === "string" ? { code: withCode.code } : {}),
    ...(typeof withCode.data?.error === "string" ? { slackError: withCode.data.error } : {}),
  };
}
