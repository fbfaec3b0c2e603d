import { type FSWatcher, watch } from "node:fs";
import { type Bot, createBot } from "../core/bot.js";
import { KnowledgeError, type LoadedKnowledge, loadKnowledge } from "../knowledge/load.js";
import type { Logger } from "../logger.js";

export type KnowledgeInfo = {
  version: string;
  /** The knowledge's date: its newest source (ISO). */
  asOf: string;
  documents: number;
  passages: number;
  deals: number;
  loadedAt: string;
  loadMs: number;
};

export type LiveBot = {
  /** The bot over the knowledge currently serving; swapped whole on a successful reload. */
  current(): Bot;
  info(): KnowledgeInfo;
  /** Re-reads and re-validates the knowledge; on any error the previous knowledge keeps serving. */
  reload(reason: string): Promise<boolean>;
  /** Reloads when a file under the knowledge folder changes (debounced); returns a function that stops watching. */
  watch(debounceMs?: number): () => void;
};

type Loader = (dir: string) => Promise<LoadedKnowledge>;

/** Loads the knowledge once (throwing on error: start-up must stop), then keeps it fresh. */
export async function createLiveBot(
  dir: string,
  logger: Logger,
  load: Loader = loadKnowledge,
): Promise<LiveBot> {
  const build = async () => {
    const loaded = await load(dir);
    const info: KnowledgeInfo = {
      version: loaded.knowledge.version,
      asOf: loaded.knowledge.asOf,
      documents: loaded.knowledge.sources.length,
      passages: loaded.knowledge.passages.length,
      deals: loaded.knowledge.deals.length,
      loadedAt: new Date().toISOString(),
      loadMs: Math.round(loaded.loadMs * 10) / 10,
    };
    return { bot: createBot(loaded), info };
  };
  let serving = await build();
  let reloading: Promise<boolean> | null = null;

  const reload = async (reason: string): Promise<boolean> => {
    try {
      const next = await build();
      const changed = next.info.version !== serving.info.version;
      serving = next; // one assignment: requests see the old bot or the new one, never a mix
      logger.info(
        { reason, version: next.info.version, changed, loadMs: next.info.loadMs },
        "knowledge reloaded",
      );
      return true;
    } catch (error) {
      const problem = error instanceof KnowledgeError ? error.message : String(error);
      logger.error(
        { reason, problem, keptVersion: serving.info.version },
        "knowledge reload failed; still serving the previous knowledge",
      );
      return false;
    }
  };

  const liveBot: LiveBot = {
    current: () => serving.bot,
    info: () => serving.info,
    reload(reason) {
      // Edits arrive in bursts; chain reloads so each one reads the files after the previous finished.
      const next = (reloading ?? Promise.resolve(true)).then(() => reload(reason));
      const tail: Promise<boolean> = next.finally(() => {
        if (reloading === tail) reloading = null;
      });
      reloading = tail;
      return next;
    },
    watch(debounceMs = 250) {
      let timer: NodeJS.Timeout | null = null;
      let watcher: FSWatcher | null = null;
      try {
        watcher = watch(dir, { recursive: true }, () => {
          if (timer) clearTimeout(timer);
          timer = setTimeout(() => void liveBot.reload("file change"), debounceMs);
        });
        watcher.on("error", (error) => logger.warn({ err: String(error) }, "knowledge watch stopped"));
      } catch (error) {
        logger.warn({ err: String(error) }, "knowledge watch unavailable; send SIGHUP to reload");
      }
      return () => {
        if (timer) clearTimeout(timer);
        watcher?.close();
      };
    },
  };
  return liveBot;
}
