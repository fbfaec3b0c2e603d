import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { loadGolden } from "../scripts/golden.js";
import { createBot } from "../src/core/bot.js";
import { loadKnowledge } from "../src/knowledge/load.js";
import { KNOWLEDGE_DIR, writeSyntheticKnowledge } from "./knowledge.js";
import { REPO } from "./processes.js";
import { round, summarize, timed } from "./stats.js";

type MeasureOptions = { dir: string; questions: string[]; samples: number; budgetMs: number };
type CoreOptions = Omit<MeasureOptions, "dir" | "questions"> & { runs: number; factors: number[] };
/** One factor's measures, one per run; ×1 is the real knowledge/ folder itself. */
type ScaleRow = { factor: number; yamlMB: number; runs: Awaited<ReturnType<typeof measureCore>>[] };

/**
 * Each run measures every factor in turn, each in a fresh process, so a ratio between factors compares
 * figures taken minutes apart on the same machine, never across runs.
 */
export async function coreSection({ runs, factors, samples, budgetMs }: CoreOptions): Promise<ScaleRow[]> {
  const root = await mkdtemp(join(tmpdir(), "tpd-bench-scale-"));
  const dirOf = (factor: number) => (factor === 1 ? KNOWLEDGE_DIR : join(root, `x${factor}`));
  try {
    const rows: ScaleRow[] = [];
    for (const factor of factors) {
      const bytes = factor === 1 ? 0 : await writeSyntheticKnowledge(factor, dirOf(factor));
      rows.push({ factor, yamlMB: Math.round(bytes / 2 ** 17) / 8, runs: [] });
    }
    const child = await compiled(root);
    const questions = loadGolden().map((row) => row.q);
    for (let run = 1; run <= runs; run++) {
      for (const row of rows) {
        const task: MeasureOptions = { dir: dirOf(row.factor), questions, samples, budgetMs };
        // --expose-gc: the heap is read after a full collection, not at whatever point the last one left it.
        const args = ["--expose-gc", child, JSON.stringify(task)];
        const { stdout } = await promisify(execFile)(process.execPath, args, { cwd: REPO, timeout: 600_000 });
        row.runs.push(JSON.parse(stdout));
      }
      process.stderr.write(`  core run ${run}/${runs} done\n`);
    }
    return rows;
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

/**
 * This file compiled into `dir` as one JavaScript file, for the measuring child: the core is timed as the bot
 * runs it, compiled, not as tsx runs it (tsx names every function it creates, a cost on each closure of a query).
 */
async function compiled(dir: string): Promise<string> {
  const outfile = join(dir, "core.mjs");
  const { build } = await import("esbuild"); // the compiler stays out of what it compiles (`external`)
  await build({
    entryPoints: [fileURLToPath(import.meta.url)],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: `node${process.versions.node.split(".")[0]}`,
    external: ["esbuild"],
    banner: {
      js: 'import { createRequire } from "node:module"; const require = createRequire(import.meta.url);',
    },
    logLevel: "silent",
  });
  return outfile;
}

/**
 * In a fresh process: loads the folder, builds the bot, warms up, then answers the golden questions round
 * after round until `samples` answers are timed, or the time budget is spent (the count then says so).
 */
async function measureCore({ dir, questions, samples, budgetMs }: MeasureOptions) {
  const [loaded, loadMs] = await timed(() => loadKnowledge(dir));
  const [bot, botBuildMs] = await timed(() => createBot(loaded));
  const question = (i: number) => questions[i % questions.length] ?? "";
  const answer = (i: number) => bot.answer(question(i));
  const search = (i: number) => loaded.index.search(question(i));
  const time = (work: (i: number) => unknown, i: number) => {
    const started = performance.now();
    work(i);
    return performance.now() - started;
  };
  // Warm-up: twelve rounds of the questions, or 15 s (a quarter of the budget if shorter), whichever ends first.
  // A running bot answers from code the JIT has finished optimising; after three rounds it still is not, and the
  // p99 of the first samples was that of the optimiser (4–5 ms at ×1 against under 1 ms after twelve rounds).
  const warmUntil = performance.now() + Math.min(15_000, budgetMs / 4);
  for (let i = 0; i < 12 * questions.length && performance.now() < warmUntil; i++) {
    answer(i);
    search(i);
  }
  const answers: number[] = [];
  const searches: number[] = [];
  const deadline = performance.now() + budgetMs;
  for (let i = 0; answers.length < samples && performance.now() < deadline; i++) {
    answers.push(time(answer, i));
    searches.push(time(search, i));
  }
  if (!globalThis.gc) throw new Error("bench/core.ts must run with node --expose-gc");
  globalThis.gc();
  const memory = process.memoryUsage();
  return {
    passages: loaded.knowledge.passages.length,
    /** loadKnowledge: read, parse, validate and index the YAML. */
    loadMs: round(loadMs, 1),
    /** createBot over the loaded knowledge. */
    botBuildMs: round(botBuildMs, 1),
    answerMs: summarize(answers),
    /** The floor: a bare full-text search of the same question over the same index. */
    searchMs: summarize(searches),
    /** The heap and typed-array memory after a full collection, the bot and its knowledge still held. */
    heapMB: round((memory.heapUsed + memory.arrayBuffers) / 2 ** 20, 1),
  };
}

// `node --expose-gc <this file compiled> '<options>'` is one measuring process (see coreSection).
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const options = JSON.parse(process.argv[2] ?? "{}") as MeasureOptions;
  process.stdout.write(`${JSON.stringify(await measureCore(options))}\n`);
}
