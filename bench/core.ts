import { type Bot, createBot } from "../src/core/bot.js";
import { goldenQuestions, loadRealKnowledge } from "./questions.js";
import { type Memory, memory, round, type Summary, summarize } from "./stats.js";

export type CoreOptions = { rounds: number; warmupRounds: number };

export type CoreResult = {
  questions: number;
  rounds: number;
  latencyMs: Summary;
  /** The questions with the highest p99, to show where the tail comes from. */
  slowest: Array<{ question: string; p99: number }>;
  loadMs: number;
  memory: Memory;
};

/** Times every answer to every golden question, round after round, after warm-up rounds. */
export async function coreTask(options: CoreOptions): Promise<CoreResult> {
  const loaded = await loadRealKnowledge();
  const bot = createBot(loaded);
  const questions = goldenQuestions();
  const perQuestion = questions.map(() => [] as number[]);
  for (let round = 0; round < options.warmupRounds; round++)
    for (const question of questions) bot.answer(question);
  const all: number[] = [];
  for (let round = 0; round < options.rounds; round++) {
    questions.forEach((question, i) => {
      const ms = answerMs(bot, question);
      all.push(ms);
      perQuestion[i]?.push(ms);
    });
  }
  const slowest = questions
    .map((question, i) => ({ question, p99: summarize(perQuestion[i] ?? []).p99 }))
    .sort((a, b) => b.p99 - a.p99)
    .slice(0, 3);
  return {
    questions: questions.length,
    rounds: options.rounds,
    latencyMs: summarize(all),
    slowest,
    loadMs: round(loaded.loadMs, 1),
    memory: memory(),
  };
}

export function answerMs(bot: Bot, question: string): number {
  const started = performance.now();
  bot.answer(question);
  return performance.now() - started;
}
