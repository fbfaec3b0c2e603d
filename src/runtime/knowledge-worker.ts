import { parentPort, workerData } from "node:worker_threads";
import { readWords } from "../core/passage-tables.js";
import { buffersIn } from "../core/text.js";
import { KnowledgeError, KnowledgeTooLarge, readKnowledge } from "../knowledge/load.js";
import { indexContext, serializePassageIndex } from "../knowledge/search-index.js";
import { toColumns, toJsonPieces } from "./passage-columns.js";
import type { WorkerReply, WorkerRequest } from "./worker-load.js";

/** Entry of the thread that reads, validates and indexes a knowledge version for `loadInWorker`. */
async function run({ dir, maxBytes }: WorkerRequest): Promise<WorkerReply> {
  const started = performance.now();
  try {
    const knowledge = await readKnowledge(dir, { maxBytes });
    const index = serializePassageIndex(knowledge.passages, indexContext(knowledge));
    const words = readWords(knowledge);
    return {
      ok: true,
      knowledge: { ...knowledge, passages: [], sources: [] },
      sources: toJsonPieces(knowledge.sources),
      passages: toColumns(knowledge.passages),
      // The index's passage ids are the passages' own, in order: they come once, with the passages.
      index: { ...index, passageIds: [] },
      words,
      workerMs: performance.now() - started,
    };
  } catch (error) {
    if (error instanceof KnowledgeTooLarge) {
      return { ok: false, tooLarge: { file: error.file, bytes: error.bytes, maxBytes: error.maxBytes } };
    }
    if (error instanceof KnowledgeError) {
      return { ok: false, invalid: { file: error.file, problems: error.problems } };
    }
    return { ok: false, unexpected: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}

const reply = await run(workerData as WorkerRequest);
// The typed arrays move to the main thread rather than being copied.
parentPort?.postMessage(reply, buffersIn(reply));
