// One measuring process of the core section (bench/core.ts): the core as `npm start` compiles it (dist/, not
// through tsx, which names every function it creates), loaded from `dir`, then timed answering `questions`.
// Options on stdin, raw figures on stdout. Run with --expose-gc: the heap is read after a full collection.
import { readFileSync } from "node:fs";
import { GCProfiler, getHeapStatistics } from "node:v8";
import { createBot } from "../dist/core/bot.js";
import { loadKnowledge } from "../dist/knowledge/load.js";

const { dir, questions, samples, budgetMs } = JSON.parse(readFileSync(0, "utf8"));
const started = performance.now();
const loaded = await loadKnowledge(dir);
const loadMs = performance.now() - started;
const bot = createBot(loaded);
const botBuildMs = performance.now() - started - loadMs;
const answer = (i) => bot.answer(questions[i % questions.length]);
/** The floor: a bare full-text search of the same question over the same index. */
const search = (i) => loaded.index.search(questions[i % questions.length]);
// Warm-up: twelve rounds of the questions, or 15 s (a quarter of the budget if shorter), whichever ends first;
// after three rounds the JIT was still optimising (a p99 of 4–5 ms at ×1 against under 1 ms after twelve).
const warmUntil = performance.now() + Math.min(15_000, budgetMs / 4);
for (let i = 0; i < 12 * questions.length && performance.now() < warmUntil; i++) {
  answer(i);
  search(i);
}
const answers = [];
const searches = [];
const deadline = performance.now() + budgetMs;
for (let i = 0; answers.length < samples && performance.now() < deadline; i++) {
  const asked = performance.now();
  answer(i);
  const answered = performance.now();
  search(i);
  answers.push(answered - asked);
  searches.push(performance.now() - answered);
}
// Allocation, which the machine's load does not change: one more round, each answer between two readings of the
// heap; a collection in between (GCProfiler) ends one stretch of allocation at its start and begins the next at
// its end, so garbage made before the answer is not counted.
const profiler = new GCProfiler();
let allocated = 0;
for (const question of questions) {
  profiler.start();
  let from = getHeapStatistics().used_heap_size;
  bot.answer(question);
  const to = getHeapStatistics().used_heap_size;
  for (const { beforeGC, afterGC } of profiler.stop().statistics) {
    allocated += beforeGC.heapStatistics.usedHeapSize - from;
    from = afterGC.heapStatistics.usedHeapSize;
  }
  allocated += to - from;
}
const allocatedPerAnswer = allocated / questions.length;
globalThis.gc();
const { heapUsed, arrayBuffers } = process.memoryUsage();
const passages = loaded.knowledge.passages.length;
const heapBytes = heapUsed + arrayBuffers; // the bot and its knowledge still held
process.stdout.write(
  `${JSON.stringify({ passages, loadMs, botBuildMs, answers, searches, heapBytes, allocatedPerAnswer })}\n`,
);
