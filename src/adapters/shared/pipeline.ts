import { performance } from "node:perf_hooks";
import { ANSWERING_DEFAULTS, type AnsweringConfig } from "../../config.js";
import type { Answer, AnswerOptions } from "../../core/answer.js";
import type { Bot } from "../../core/bot.js";
import { describeError } from "../../errors.js";
import type { Logger } from "../../logger.js";
import type { Surface } from "../../store/types.js";
import { type Budgeted, withBudget } from "./answer-budget.js";
import type { InFlight } from "./in-flight.js";
import { createNoticeGate, NOTICES, type NoticeKind, slowDownNotice } from "./notices.js";
import { NO_RECORDER, type QuestionRecorder } from "./question-record.js";
import type { RateLimiter } from "./rate-limit.js";
import { createWorkQueue } from "./work-queue.js";

export type Question = {
  /** Unique per question, logged so a line can be matched to the platform's side. */
  requestId: string;
  /** The entry point it came through, in the platform's words ("command", "mention", "slash", …). */
  via: string;
  /** The same, as the question log names it. */
  surface: Surface;
  text: string;
  options?: AnswerOptions;
  user: string;
  /** Workspace or guild, for the per-team limit. */
  team: string | null;
  eventId?: string | null;
  /** The asker waits for a reply to this very request (a command, a button): a refusal is always sent. */
  awaitsReply: boolean;
  /** When the platform says it was asked (ms since the epoch), if it says; the answer budget runs from then. */
  askedAt?: number;
};

/** How one question's reply is made and reaches the platform; M is the platform's rendered message. */
export type Reply<M> = {
  /** `feedbackId`: what the answer's 👍/👎 carry, or null for none. */
  render(answer: Answer, feedbackId: string | null): M;
  answer(message: M): Promise<void>;
  /** A short text instead of an answer. */
  notice(text: string, kind: NoticeKind): Promise<void>;
  /**
   * Where the platform wants an acknowledgement within seconds (a Slack command, a Discord interaction):
   * acknowledges with this holding text (or a loading state) when the answer is not ready within the
   * budget; the answer or notice sent after it completes the reply.
   */
  hold?(text: string): Promise<void>;
};

export type Pipeline = {
  /** Draining check, rate limit, answer, render, reply, one log line; never rejects. */
  ask<M>(question: Question, reply: Reply<M>): Promise<void>;
};

type PipelineDeps = {
  getBot: () => Bot;
  rateLimiter: RateLimiter;
  /** Already bound to the adapter's name. */
  logger: Logger;
  inFlight: InFlight;
  /** The question log and feedback; none when unset. */
  recorder?: QuestionRecorder;
  /** The answer budget and the bounds of the queue of questions. */
  answering?: AnsweringConfig;
};

/** The one question path of every entry point of every platform, and the recorder it logs to (votes too). */
export function createPipeline(deps: PipelineDeps): Pipeline & { recorder: QuestionRecorder } {
  const { logger: log, inFlight } = deps;
  const notices = createNoticeGate();
  const recorder = deps.recorder ?? NO_RECORDER;
  const answering = deps.answering ?? ANSWERING_DEFAULTS;
  const queue = createWorkQueue(answering);

  /** `arrived`: when the question reached this process, on its own clock (the queue's time limit runs from then). */
  const handle = async <M>(question: Question, reply: Budgeted<M>, base: LogBase, arrived: number) => {
    const started = performance.now();
    if (inFlight.draining) {
      if (question.awaitsReply) await attempt(() => reply.notice(NOTICES.restarting, "restarting"));
      log.warn(base, "question refused while stopping");
      return;
    }
    const turn = queue.enter(arrived);
    const release = turn && (await turn);
    if (!release) {
      const notify = question.awaitsReply || notices.shouldNotify(question.user, BUSY_NOTICE_GAP_MS);
      const sent = notify ? await attempt(() => reply.notice(NOTICES.busy, "busy")) : null;
      log.warn(
        { ...base, busy: true, notified: notify, delivered: sent?.ok ?? false },
        "busy: question shed",
      );
      return;
    }
    let work: Worked<M>;
    try {
      work = await answerOf(question, reply, { base, started, release });
    } finally {
      release();
    }
    if (work === null) return;
    const { answer, message } = work;
    const sent = await attempt(() => reply.answer(message));
    if (!sent.ok) {
      const replied = await attempt(() => reply.notice(NOTICES.error, "error"));
      const err = describeError(sent.error);
      log.error({ ...base, intent: answer.intent, err, errorReplied: replied.ok }, "reply failed");
    }
    const latencyMs = Math.round(performance.now() - started);
    log.info(
      {
        ...base,
        intent: answer.intent,
        found: answer.found,
        delivered: sent.ok,
        latencyMs,
        ...(reply.held ? { held: true } : {}),
      },
      "answered",
    );
  };

  /**
   * A question's turn in the queue: rate limit, answer, render; null when a notice went instead. Sending
   * is not part of the turn (`release` comes first), so a slow platform never holds up other answers.
   */
  const answerOf = async <M>(
    question: Question,
    reply: Reply<M>,
    { base, started, release }: { base: LogBase; started: number; release: () => void },
  ): Promise<Worked<M>> => {
    const verdict = await deps.rateLimiter.take({ user: question.user, team: question.team });
    if (!verdict.allowed) {
      release();
      const notify = question.awaitsReply || notices.shouldNotify(question.user, verdict.retryAfterMs);
      const sent = notify
        ? await attempt(() => reply.notice(slowDownNotice(verdict.retryAfterMs), "rate-limit"))
        : null;
      const { retryAfterMs } = verdict;
      log.info(
        { ...base, limited: true, retryAfterMs, notified: notify, delivered: sent?.ok ?? false },
        "rate limited",
      );
      return null;
    }
    try {
      const answer = deps.getBot().answer(question.text, question.options);
      // Queued, never awaited: the answer does not wait for the database.
      const questionId = recorder.record({
        surface: question.surface,
        userId: question.user,
        text: question.text,
        answer,
        latencyMs: performance.now() - started,
      });
      return { answer, message: reply.render(answer, answer.actions.feedback ? questionId : null) };
    } catch (error) {
      release();
      const replied = await attempt(() => reply.notice(NOTICES.error, "error"));
      log.error({ ...base, err: describeError(error), errorReplied: replied.ok }, "answer failed");
      return null;
    }
  };

  return {
    recorder,
    ask: (question, reply) =>
      inFlight.track(async () => {
        const base = {
          requestId: question.requestId,
          via: question.via,
          eventId: question.eventId ?? undefined,
        };
        const arrived = Date.now();
        // The platform's clock may be skewed from ours: it sets the answer budget only, never the queue's limit.
        const since = question.askedAt ?? arrived;
        const budgeted = withBudget(reply, {
          budgetMs: answering.budgetMs,
          since,
          text: NOTICES.working,
          onHoldFailed: (error) =>
            log.warn({ ...base, err: describeError(error) }, "could not acknowledge while answering"),
        });
        try {
          await handle(question, budgeted, base, arrived);
        } catch (error) {
          // Whoever waits for this very request still gets an answer (a command's acknowledgement).
          if (question.awaitsReply) await attempt(() => budgeted.notice(NOTICES.error, "error"));
          log.error({ requestId: question.requestId, err: describeError(error) }, "unhandled");
        } finally {
          budgeted.cancel();
        }
      }),
  };
}

type LogBase = { requestId: string; via: string; eventId: string | undefined };
type Worked<M> = { answer: Answer; message: M } | null;

/** Under a flood, mentions and DMs get at most one "busy" per user in this time; commands always get theirs. */
const BUSY_NOTICE_GAP_MS = 10_000;

async function attempt(work: () => Promise<void>): Promise<{ ok: true } | { ok: false; error: unknown }> {
  try {
    await work();
    return { ok: true };
  } catch (error) {
    return { ok: false, error };
  }
}

/** A question read from a platform payload, with the way its reply travels. */
export type Asked<M> = { question: Question; reply: Reply<M> };

/** One way questions arrive on a platform (a command, a mention, a button…): reads a payload, or null to stay quiet. */
export type EntryPoint<Input, Context, M> = {
  name: string;
  /** May look something up first (the previous answer a follow-up is read against), hence a promise. */
  read(input: Input, context: Context): Asked<M> | null | Promise<Asked<M> | null>;
};
