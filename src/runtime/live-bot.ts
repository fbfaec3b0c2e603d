import { setImmediate as nextTurn } from "node:timers/promises";
import { type Bot, buildBot } from "../core/bot.js";
import { describeError } from "../errors.js";
import {
  KnowledgeTooLarge,
  type LoadedKnowledge,
  type LoadOptions,
  loadKnowledge,
  sizeOf,
} from "../knowledge/load.js";
import type { Logger } from "../logger.js";
import { loadInWorker } from "./worker-load.js";

export type KnowledgeInfo = ReturnType<typeof infoOf> & {
  /** The latest reload attempt, so an operator can see that the files on disk are not what is served. */
  lastReload: ReloadOutcome | null;
};

type ReloadOutcome = {
  at: string;
  reason: string;
  result: "reloaded" | "failed" | "refused";
  problem?: string;
};

export type LiveBot = {
  /** The bot over the knowledge currently serving; swapped whole on a successful reload. */
  current(): Bot;
  info(): KnowledgeInfo;
  /**
   * Re-reads and re-validates the knowledge; on any error, or a suspicious shrink, the previous
   * knowledge keeps serving.
   */
  reload(reason: string): Promise<boolean>;
};

type LiveBotOptions = {
  dir: string;
  logger: Logger;
  /** Accept a reload that drops a deal or most of the passages (KNOWLEDGE_ALLOW_SHRINK). */
  allowShrink?: boolean;
  /** Knowledge over this many bytes of YAML fails start-up and is refused on reload (KNOWLEDGE_MAX_BYTES). */
  maxBytes?: number;
  /** Loads the knowledge at start-up, when nothing is served yet to keep responsive. */
  load?: Load;
  /** Loads each new version while the bot serves: in a worker thread by default. */
  reloadLoad?: Load;
};

type Load = (dir: string, options: LoadOptions) => Promise<LoadedKnowledge>;

type Serving = { bot: Bot; info: ReturnType<typeof infoOf>; dealIds: string[] };

/** What is serving, as /healthz shows it. */
function infoOf({ knowledge, loadMs }: LoadedKnowledge) {
  return {
    version: knowledge.version,
    /** The knowledge's date: its newest source (ISO). */
    asOf: knowledge.asOf,
    documents: knowledge.sources.length,
    passages: knowledge.passages.length,
    deals: knowledge.deals.length,
    loadedAt: new Date().toISOString(),
    loadMs: Math.round(loadMs * 10) / 10,
  };
}

/** Loads the knowledge once (throwing on error: start-up must stop), then keeps it fresh. */
export async function createLiveBot(options: LiveBotOptions): Promise<LiveBot> {
  const { dir, logger } = options;
  const loadOptions: LoadOptions = { maxBytes: options.maxBytes };
  const build = async (load: Load): Promise<Serving> => {
    const loaded = await load(dir, loadOptions);
    logger.debug({ loadMs: Math.round(loaded.loadMs) }, "knowledge version loaded; building the bot");
    const bot = await inSlices(buildBot(loaded));
    return { bot, dealIds: loaded.knowledge.deals.map((deal) => deal.id), info: infoOf(loaded) };
  };
  let serving = await build(options.load ?? loadKnowledge);
  const reloadLoad = options.reloadLoad ?? options.load ?? loadInWorker;
  let lastReload: ReloadOutcome | null = null;
  let reloading: Promise<boolean> | null = null;

  const record = (reason: string, result: ReloadOutcome["result"], problem?: string) => {
    lastReload = { at: new Date().toISOString(), reason, result, ...(problem ? { problem } : {}) };
  };

  const reload = async (reason: string): Promise<boolean> => {
    let next: Serving;
    try {
      next = await build(reloadLoad);
    } catch (error) {
      if (error instanceof KnowledgeTooLarge) {
        record(reason, "refused", error.message);
        logger.error(
          { reason, bytes: error.bytes, maxBytes: error.maxBytes, keptVersion: serving.info.version },
          `knowledge reload refused: ${sizeOf(error.bytes)} of YAML is over the KNOWLEDGE_MAX_BYTES cap of ${sizeOf(error.maxBytes)}; still serving the previous knowledge`,
        );
        return false;
      }
      const problem = describeError(error).message;
      record(reason, "failed", problem);
      logger.error(
        { reason, problem, keptVersion: serving.info.version },
        "knowledge reload failed; still serving the previous knowledge",
      );
      return false;
    }
    const shrink = shrinkage(serving, next);
    if (shrink && !options.allowShrink) {
      record(reason, "refused", shrink.problem);
      logger.error(
        { reason, ...shrink.detail, keptVersion: serving.info.version },
        "knowledge reload refused: it drops a deal or most passages; still serving the previous knowledge (set KNOWLEDGE_ALLOW_SHRINK=true to accept such a reload)",
      );
      return false;
    }
    const changed = next.info.version !== serving.info.version;
    serving = next; // one assignment: requests see the old bot or the new one, never a mix
    record(reason, "reloaded");
    logger.info(
      {
        reason,
        version: next.info.version,
        changed,
        loadMs: next.info.loadMs,
        ...(shrink ? { acceptedShrink: shrink.detail } : {}),
      },
      "knowledge reloaded",
    );
    return true;
  };

  return {
    current: () => serving.bot,
    info: () => ({ ...serving.info, lastReload }),
    reload(reason) {
      // Edits arrive in bursts; chain reloads so each one reads the files after the previous finished.
      const next = (reloading ?? Promise.resolve(true)).then(() => reload(reason));
      const tail: Promise<boolean> = next.finally(() => {
        if (reloading === tail) reloading = null;
      });
      reloading = tail;
      return next;
    },
  };
}

/** How long the build runs before it lets the event loop answer what waits (health checks, acknowledgements). */
const SLICE_MS = 4;

/** Runs a build's steps to the end, a few milliseconds at a time, letting the event loop run in between. */
async function inSlices<T>(steps: Generator<void, T>): Promise<T> {
  for (;;) {
    await nextTurn();
    const sliceEnd = performance.now() + SLICE_MS;
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
      if (performance.now() >= sliceEnd) break;
    }
  }
}

/**
 * A reload that loses a whole deal, or more than half the passages, is more likely a deleted or
 * half-copied file than an edit: the bot would then answer questions on that deal from the others.
 */
function shrinkage(before: Serving, after: Serving) {
  const droppedDeals = before.dealIds.filter((id) => !after.dealIds.includes(id));
  const passages = { before: before.info.passages, after: after.info.passages };
  const mostPassagesGone = passages.after < passages.before / 2;
  if (droppedDeals.length === 0 && !mostPassagesGone) return null;
  const lost = [
    ...(droppedDeals.length > 0 ? [`deals ${droppedDeals.join(", ")} missing`] : []),
    ...(mostPassagesGone ? [`passages down from ${passages.before} to ${passages.after}`] : []),
  ];
  return { detail: { droppedDeals, passages }, problem: lost.join("; ") };
}
