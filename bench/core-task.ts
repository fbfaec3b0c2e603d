import { loadGolden } from "../scripts/golden.js";
import { createBot } from "../src/core/bot.js";
import { loadKnowledge } from "../src/knowledge/load.js";
import { round, summarize, timed } from "./stats.js";

/** What one process measures of the core over one knowledge folder. */
export type CoreMeasure = Awaited<ReturnType<typeof measureCore>>;

export type CoreTaskOptions = { dir: string; samples: number; budgetMs: number };

/**
 * In a fresh process: loads the folder, builds the bot, warms up, then answers the golden questions round
 * after round until `samples` answers are timed, or the time budget is spent (the count then says so).
 */
async function measureCore({ dir, samples, budgetMs }: CoreTaskOptions) {
  const [loaded, loadMs] = await timed(() => loadKnowledge(dir));
  const [bot, botBuildMs] = await timed(() => createBot(loaded));
  const questions = loadGolden().map((row) => row.q);
  const question = (i: number) => questions[i % questions.length] ?? "";
  const answer = (i: number) => bot.answer(question(i));
  const search = (i: number) => loaded.index.search(question(i));
  // Warm-up: three rounds of the questions, or 5 s (a quarter of the budget if shorter), whichever ends first.
  const warmUntil = performance.now() + Math.min(5000, budgetMs / 4);
  for (let i = 0; i < 3 * questions.length && performance.now() < warmUntil; i++) {
    answer(i);
    search(i);
  }
  const answers: number[] = [];
  const searches: number[] = [];
  const deadline = performance.now() + budgetMs;
  for (let i = 0; answers.length < samples && performance.now() < deadline; i++) {
    for (const [work, into] of [
      [answer, answers],
      [search, searches],
    ] as const) {
      const started = performance.now();
      work(i);
      into.push(performance.now() - started);
    }
  }
  return {
    passages: loaded.knowledge.passages.length,
    /** loadKnowledge: read, parse, validate and index the YAML. */
    loadMs: round(loadMs, 1),
    /** createBot over the loaded knowledge. */
    botBuildMs: round(botBuildMs, 1),
    answerMs: summarize(answers),
    /** The floor: a bare full-text search of the same question over the same index. */
    searchMs: summarize(searches),
    heapMB: round(process.memoryUsage().heapUsed / 2 ** 20, 1),
  };
}

const options = JSON.parse(process.argv[2] ?? "{}") as CoreTaskOptions;
process.stdout.write(`${JSON.stringify(await measureCore(options))}\n`);
