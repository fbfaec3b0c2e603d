import { excerptsOf } from "../src/core/answer.js";
import { createBot } from "../src/core/bot.js";
import { goldenQuestions, loadRealKnowledge } from "./questions.js";
import { type Memory, memory, round, type Summary, summarize } from "./stats.js";

export type SoakCoreOptions = { answers: number; samples: number };

export type SoakCoreResult = {
  answers: number;
  seconds: number;
  latencyMs: Summary;
  /** Answers that differ from the first answer to the same question (intent, found, first excerpt). */
  errors: number;
  /** After warm-up and after the last answer, both after a full collection. */
  start: Memory;
  end: Memory;
  /** RSS (no collection forced) at even points through the soak. */
  rssMB: number[];
};

/** Many answers in one process: does anything drift or pile up? */
export async function soakCoreTask(options: SoakCoreOptions): Promise<SoakCoreResult> {
  const bot = createBot(await loadRealKnowledge());
  const questions = goldenQuestions();
  const fingerprint = (question: string) => {
    const answer = bot.answer(question);
    return `${answer.intent}|${answer.found}|${excerptsOf(answer)[0]?.passageId ?? ""}|${answer.page.total}`;
  };
  const expected = questions.map(fingerprint);
  for (let round = 0; round < 20; round++) for (const question of questions) bot.answer(question);
  // Allocated before the first reading, so it weighs the same in both.
  const latencies = new Float64Array(options.answers);
  const rssMB: number[] = [];
  const start = memory();
  const every = Math.max(1, Math.floor(options.answers / options.samples));
  let errors = 0;
  const began = performance.now();
  for (let i = 0; i < options.answers; i++) {
    const at = i % questions.length;
    const started = performance.now();
    const got = fingerprint(questions[at] ?? "");
    latencies[i] = performance.now() - started;
    if (got !== expected[at]) errors += 1;
    if ((i + 1) % every === 0) rssMB.push(round(process.memoryUsage.rss() / 1024 / 1024, 1));
  }
  const seconds = round((performance.now() - began) / 1000, 1);
  const end = memory();
  return {
    answers: options.answers,
    seconds,
    latencyMs: summarize(Array.from(latencies)),
    errors,
    start,
    end,
    rssMB,
  };
}
