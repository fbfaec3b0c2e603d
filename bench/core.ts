import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadGolden } from "../scripts/golden.js";
import { NODE_OPTIONS, round, runToEnd, startOnce, summarize } from "./harness.js";
import { KNOWLEDGE_DIR, writeSyntheticKnowledge } from "./knowledge.js";

type CoreOptions = { runs: number; factors: number[]; samples: number; budgetMs: number };
/** What bench/core-measure.mjs prints. */
type Measured = Record<"loadMs" | "botBuildMs" | "heapBytes" | "passages" | "allocatedPerAnswer", number> & {
  answers: number[];
  searches: number[];
};

/** Each run measures every factor in turn, each in a fresh process: a ratio never compares across runs. */
export async function coreSection({ runs, factors, samples, budgetMs }: CoreOptions) {
  startOnce(); // compiles dist/ if the sources changed
  const questions = loadGolden().map((row) => row.q);
  const synthetic = await mkdtemp(join(tmpdir(), "tpd-bench-core-"));
  const rows = [];
  try {
    for (const factor of factors) {
      const dir = factor === 1 ? KNOWLEDGE_DIR : join(synthetic, `x${factor}`);
      if (factor > 1) await writeSyntheticKnowledge(factor, dir);
      rows.push({ factor, dir, runs: [] as ReturnType<typeof summarized>[] });
    }
    for (let run = 1; run <= runs; run++) {
      for (const row of rows) {
        const task = JSON.stringify({ dir: row.dir, questions, samples, budgetMs });
        const measured = runToEnd(
          process.execPath,
          [...NODE_OPTIONS, "--expose-gc", "bench/core-measure.mjs"],
          task,
        );
        row.runs.push(summarized(JSON.parse(measured)));
      }
      process.stderr.write(`  core run ${run}/${runs} done\n`);
    }
  } finally {
    await rm(synthetic, { recursive: true, force: true });
  }
  return rows.map(({ factor, runs }) => ({ factor, runs }));
}

function summarized({ passages, loadMs, botBuildMs, answers, searches, ...memory }: Measured) {
  return {
    passages,
    loadMs: round(loadMs, 1), // loadKnowledge: read, parse, validate and index the YAML
    botBuildMs: round(botBuildMs, 1),
    answerMs: summarize(answers),
    searchMs: summarize(searches),
    /** The heap and typed-array memory after a full collection, the bot and its knowledge still held. */
    heapMB: round(memory.heapBytes / 2 ** 20, 1),
    /** Bytes allocated per answer over one round of the questions, in KB: the same whatever the load. */
    allocatedKB: round(memory.allocatedPerAnswer / 1024, 1),
  };
}
