import { randomBytes } from "node:crypto";
import type { StoreConfig } from "../config.js";
import { normalizeInput } from "../core/normalize.js";
import { describeError } from "../errors.js";
import type { Logger } from "../logger.js";
import { openStore } from "./open.js";
import { redact } from "./redact.js";
import type { Platform, QuestionRow, Store, Vote } from "./types.js";
import { hashUser } from "./user-hash.js";

/** A question as the pipeline saw it, before any policy: raw user id and text, hashed and redacted here. */
export type AskedQuestion = Omit<QuestionRow, "id" | "askedAt" | "userHash" | "text" | "deals" | "topics"> & {
  userId: string | null;
  text: string;
  deals: readonly string[];
  topics: readonly string[];
};

export type FeedbackVote = {
  questionId: string;
  platform: Platform;
  userId: string;
  vote: Vote;
  /** "What was missing?", on a 👎 only. */
  note?: string | null;
};

/** Records questions and votes without ever making an answer wait: each write is queued and may be dropped. */
export type QuestionLog = {
  /** False when QUESTION_LOG=off: nothing is recorded and answers offer no feedback. */
  readonly enabled: boolean;
  /** Queues the question; returns the id its feedback refers to (null when the log is off). Never throws. */
  recordQuestion(question: AskedQuestion): string | null;
  /** Queues a vote (or a changed vote, or a 👎 with its note). Never throws. */
  recordVote(vote: FeedbackVote): void;
  /** Resolves once every write queued so far is done or dropped. */
  settled(): Promise<void>;
  /** Stops the daily retention, lets queued writes finish (bounded) and closes the database. */
  close(): Promise<void>;
};

type QuestionLogOptions = {
  config: StoreConfig;
  logger: Logger;
  /** How long a write may wait and run before it is dropped, in ms. */
  budgetMs?: number;
  /** Opens the database; the real one by default. */
  open?: () => Store;
  now?: () => number;
};

const DAY_MS = 24 * 60 * 60 * 1000;
/** Writes waiting beyond this are dropped at once: a stalled database must not grow the queue without bound. */
const MAX_QUEUED = 1000;
/** After a failed open, writes are dropped for this long before the next attempt. */
const REOPEN_AFTER_MS = 30_000;
/** Texts of answered questions kept in memory in case a 👎 arrives, and for how long. */
const RECENT_TEXTS = 5000;
const RECENT_TEXT_MS = DAY_MS;

export function createQuestionLog(options: QuestionLogOptions): QuestionLog {
  const { config, logger } = options;
  if (!config.enabled) return disabledLog;
  const budgetMs = options.budgetMs ?? 500;
  const now = options.now ?? Date.now;
  const open = options.open ?? (() => openStore(config, { onIdleError: (error) => unavailable(error) }));

  type Ready = { store: Store; secret: string };
  let ready: Promise<Ready> | null = null;
  let failedAt = Number.NEGATIVE_INFINITY;
  const unavailable = (error: unknown) => {
    logger.warn(
      { err: describeError(error).message, database: config.databaseUrl ? "postgres" : "sqlite" },
      "question log database unavailable",
    );
  };
  const connect = (): Promise<Ready> => {
    if (ready) return ready;
    if (now() - failedAt < REOPEN_AFTER_MS) return Promise.reject(new Error("database unavailable"));
    ready = (async () => {
      const store = open();
      try {
        await store.migrate();
        return { store, secret: config.userHashSecret ?? (await store.generatedSecret()) };
      } catch (error) {
        await store.close().catch(() => {});
        throw error;
      }
    })();
    ready.catch((error: unknown) => {
      ready = null;
      failedAt = now();
      unavailable(error);
    });
    return ready;
  };

  // One queue, run in order, so a vote and its change (or its note) land in the order they were made.
  let queued = 0;
  let tail: Promise<void> = Promise.resolve();
  const enqueue = (what: string, write: (ready: Ready) => Promise<void>) => {
    if (queued >= MAX_QUEUED) {
      logger.warn({ write: what, reason: "too many writes waiting" }, "question log write dropped");
      return;
    }
    queued += 1;
    const deadline = now() + budgetMs;
    tail = tail
      .then(() => new Promise<void>((resolve) => setImmediate(resolve))) // never on the answer's own tick
      .then(() => withDeadline(deadline - now(), connect().then(write)))
      .catch((error: unknown) => {
        logger.warn({ write: what, reason: describeError(error).message }, "question log write dropped");
      })
      .finally(() => {
        queued -= 1;
      });
  };

  const recentTexts = new Map<string, { text: string; at: number }>();
  const remember = (id: string, text: string) => {
    recentTexts.set(id, { text, at: now() });
    if (recentTexts.size > RECENT_TEXTS) recentTexts.delete(recentTexts.keys().next().value as string);
  };
  const recall = (id: string) => {
    const entry = recentTexts.get(id);
    return entry && now() - entry.at < RECENT_TEXT_MS ? entry.text : null;
  };

  const applyRetention = async () => {
    const { store } = await connect();
    const deleted = await store.deleteBefore(now() - config.retentionDays * DAY_MS);
    logger.info({ ...deleted, days: config.retentionDays }, "question log retention applied");
  };
  const retain = () =>
    withDeadline(60_000, applyRetention()).catch((error: unknown) =>
      logger.warn({ reason: describeError(error).message }, "question log retention not applied"),
    );
  let retention: Promise<unknown> = retain();
  const daily = setInterval(() => {
    retention = retain();
  }, DAY_MS);
  daily.unref();

  return {
    enabled: true,
    recordQuestion({ userId, text: asked, deals, topics, ...rest }) {
      const id = randomBytes(12).toString("base64url");
      const askedAt = now();
      const text = cleaned(asked);
      const keepText = !rest.found || config.questionText === "all";
      if (!keepText) remember(id, text);
      enqueue("question", ({ store, secret }) =>
        store.insertQuestion({
          ...rest,
          id,
          askedAt,
          userHash: userId ? hashUser(secret, rest.platform, userId) : null,
          deals: [...deals],
          topics: [...topics],
          text: keepText ? text : null,
        }),
      );
      return id;
    },

    recordVote({ questionId, platform, userId, vote, note }) {
      const votedAt = now();
      const cleanNote = vote === "down" && note?.trim() ? cleaned(note) : null;
      const text = recall(questionId);
      enqueue("vote", async ({ store, secret }) => {
        const userHash = hashUser(secret, platform, userId);
        await store.saveVote({ questionId, userHash, vote, note: cleanNote, votedAt });
        if (config.questionText === "all") return;
        if (vote === "down" && text !== null) await store.keepQuestionText(questionId, text);
        if (vote === "up") await store.dropQuestionTextUnlessRatedDown(questionId);
      });
    },

    async settled() {
      await tail;
    },

    async close() {
      clearInterval(daily);
      await withDeadline(budgetMs * 2, Promise.all([tail, retention])).catch(() => {});
      const current = ready;
      ready = null;
      // A connection attempt still under way is left to time out on its own; the process may exit meanwhile.
      if (current)
        await withDeadline(
          budgetMs,
          current.then(({ store }) => store.close()),
        ).catch(() => {});
    },
  };
}

const disabledLog: QuestionLog = {
  enabled: false,
  recordQuestion: () => null,
  recordVote: () => {},
  settled: async () => {},
  close: async () => {},
};

/**
 * Text as stored: mentions marked as typed ("[mention]", which normalising a question would remove unmarked), then
 * control and invisible characters out, then what normalising reveals (a fullwidth email or phone number).
 */
function cleaned(text: string): string {
  return redact(normalizeInput(redact(text)).text);
}

function withDeadline<T>(ms: number, work: Promise<T>): Promise<T> {
  if (ms <= 0) {
    work.catch(() => {});
    return Promise.reject(new Error("waited past its time budget"));
  }
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`took longer than ${Math.round(ms)} ms`)), ms);
  });
  work.catch(() => {}); // a write that loses the race may still fail later; it has been reported already
  return Promise.race([work, expired]).finally(() => clearTimeout(timer));
}
