import { Worker } from "node:worker_threads";
import type { KnowledgeBase, Source } from "../core/model.js";
import type { PassageWords } from "../core/passage-tables.js";
import {
  KnowledgeError,
  KnowledgeTooLarge,
  type LoadedKnowledge,
  type LoadOptions,
} from "../knowledge/load.js";
import { loadPassageIndex, type SerializedPassageIndex } from "../knowledge/search-index.js";
import { type EncodedPieces, fromColumns, fromJsonPieces, type PassageColumns } from "./passage-columns.js";

export type WorkerRequest = { dir: string; maxBytes: number | undefined };

export type WorkerReply =
  | {
      ok: true;
      /** The knowledge but its sources and passages, which come as pieces of JSON and as columns. */
      knowledge: KnowledgeBase;
      sources: EncodedPieces;
      passages: PassageColumns;
      index: SerializedPassageIndex;
      words: PassageWords;
      workerMs: number;
    }
  | { ok: false; tooLarge: { file: string; bytes: number; maxBytes: number } }
  | { ok: false; invalid: { file: string; problems: string[] } }
  | { ok: false; unexpected: string };

/**
 * Loads a knowledge version as `loadKnowledge` does, but reads, validates and indexes it (and reads its words) in
 * a worker thread, and takes the passages over a slice at a time (`fromColumns`; the typed arrays move whole), so the
 * event loop keeps answering (health checks, Slack's 3-second acknowledgements) while a large edit is loaded.
 * Throws what `loadKnowledge` throws.
 */
export async function loadInWorker(dir: string, options: LoadOptions = {}): Promise<LoadedKnowledge> {
  const started = performance.now();
  const reply = await runWorker({ dir, maxBytes: options.maxBytes });
  if (!reply.ok) {
    if ("tooLarge" in reply) {
      const { file, bytes, maxBytes } = reply.tooLarge;
      throw new KnowledgeTooLarge(file, bytes, maxBytes);
    }
    if ("invalid" in reply) throw new KnowledgeError(reply.invalid.file, reply.invalid.problems);
    throw new Error(`knowledge worker failed: ${reply.unexpected}`);
  }
  const knowledge = {
    ...reply.knowledge,
    sources: await fromJsonPieces<Source>(reply.sources),
    passages: await fromColumns(reply.passages),
  };
  const passageIds = knowledge.passages.map((passage) => passage.id);
  const index = loadPassageIndex({ ...reply.index, passageIds });
  return { knowledge, index, words: reply.words, loadMs: performance.now() - started };
}

/**
 * The worker's module sits beside this one: compiled JavaScript in production; in development and tests
 * the TypeScript source, which the worker runs through tsx as the main thread does.
 */
const FROM_SOURCE = import.meta.url.endsWith(".ts");
const WORKER_FILE = new URL(`./knowledge-worker.${FROM_SOURCE ? "ts" : "js"}`, import.meta.url);

function startWorker(request: WorkerRequest): Worker {
  if (!FROM_SOURCE) return new Worker(WORKER_FILE, { workerData: request });
  // A worker does not take tsx's --import as the main thread does: it registers tsx, then imports the source.
  const tsx = import.meta.resolve("tsx/esm/api");
  const boot = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER_FILE.href)}); })`;
  return new Worker(boot, { eval: true, workerData: request });
}

function runWorker(request: WorkerRequest): Promise<WorkerReply> {
  return new Promise((resolve, reject) => {
    const worker = startWorker(request);
    let replied = false;
    worker.once("message", (reply: WorkerReply) => {
      replied = true;
      resolve(reply);
    });
    worker.once("error", reject);
    worker.once("exit", (code) => {
      if (!replied) reject(new Error(`knowledge worker exited with code ${code} before replying`));
    });
  });
}
