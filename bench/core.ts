import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadGolden } from "../scripts/golden.js";
import { createBot } from "../src/core/bot.js";
import { loadKnowledge } from "../src/knowledge/load.js";
import { round, runToEnd, summarize, timed } from "./harness.js";
import { KNOWLEDGE_DIR, writeSyntheticKnowledge } from "./knowledge.js";

type MeasureOptions = { dir: string; questions: string[]; samples: number; budgetMs: number };
type CoreOptions = Omit<MeasureOptions, "dir" | "questions"> & { runs: number; factors: number[] };

/** Each run measures every factor in turn, each in a fresh process: a ratio never compares across runs. */
export async function coreSection(options: CoreOptions) {
  const root = await mkdtemp(join(tmpdir(), "tpd-bench-scale-"));
  const dirOf = (factor: number) => (factor === 1 ? KNOWLEDGE_DIR : join(root, `x${factor}`));
  try {
    const rows: { factor: number; runs: Awaited<ReturnType<typeof measureCore>>[] }[] = [];
    for (const factor of options.factors) {
      if (factor > 1) await writeSyntheticKnowledge(factor, dirOf(factor));
      rows.push({ factor, runs: [] });
    }
    // The core timed compiled, as the bot runs it, not through tsx (which names every function it creates):
    // this file bundled into one ES module for the child.
    const child = join(root, "core.mjs");
    const { build } = await import("esbuild"); // the compiler stays out of what it compiles (`external`)
    await build({
      entryPoints: [fileURLToPath(import.meta.url)],
      outfile: child,
      bundle: true,
      external: ["esbuild"],
      platform: "node",
      format: "esm",
      logLevel: "silent",
    });
    const questions = loadGolden().map((row) => row.q);
    for (let run = 1; run <= options.runs; run++) {
      for (const row of rows) {
        const task: MeasureOptions = { ...options, dir: dirOf(row.factor), questions };
        // --expose-gc: the heap is read after a full collection, not at whatever point the last one left it.
        const measured = runToEnd(process.execPath, ["--expose-gc", child], JSON.stringify(task));
        row.runs.push(JSON.parse(measured));
      }
      process.stderr.write(`  core run ${run}/${options.runs} done\n`);
    }
    return rows;
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

/** In a fresh process: load, build, warm up, then time answers until `samples` or the budget is spent. */
async function measureCore({ dir, questions, samples, budgetMs }: MeasureOptions) {
  const [loaded, loadMs] = await timed(() => loadKnowledge(dir));
  const [bot, botBuildMs] = await timed(() => createBot(loaded));
  const answer = (i: number) => bot.answer(questions[i % questions.length] ?? "");
  /** The floor: a bare full-text search of the same question over the same index. */
  const search = (i: number) => loaded.index.search(questions[i % questions.length] ?? "");
  // Warm-up: twelve rounds of the questions, or 15 s (a quarter of the budget if shorter), whichever ends first;
  // after three rounds the JIT was still optimising (a p99 of 4–5 ms at ×1 against under 1 ms after twelve).
  const warmUntil = performance.now() + Math.min(15_000, budgetMs / 4);
  for (let i = 0; i < 12 * questions.length && performance.now() < warmUntil; i++) {
    answer(i);
    search(i);
  }
  const answers: number[] = [];
  const searches: number[] = [];
  const deadline = performance.now() + budgetMs;
  for (let i = 0; answers.length < samples && performance.now() < deadline; i++) {
    const started = performance.now();
    answer(i);
    const answered = performance.now();
    search(i);
    answers.push(answered - started);
    searches.push(performance.now() - answered);
  }
  if (!globalThis.gc) throw new Error("bench/core.ts must run with node --expose-gc");
  globalThis.gc();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return {
    passages: loaded.knowledge.passages.length,
    loadMs: round(loadMs, 1), // loadKnowledge: read, parse, validate and index the YAML
    botBuildMs: round(botBuildMs, 1),
    answerMs: summarize(answers),
    searchMs: summarize(searches),
    /** The heap and typed-array memory after a full collection, the bot and its knowledge still held. */
    heapMB: round((heapUsed + arrayBuffers) / 2 ** 20, 1),
  };
}

// `node --expose-gc <this file compiled>` with the options on stdin is one measuring process (see coreSection).
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const options = JSON.parse(readFileSync(0, "utf8")) as MeasureOptions;
  process.stdout.write(`${JSON.stringify(await measureCore(options))}\n`);
}
