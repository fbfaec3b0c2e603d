import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CoreMeasure, CoreTaskOptions } from "./core-task.js";
import { KNOWLEDGE_DIR, writeSyntheticKnowledge } from "./knowledge.js";
import { nodeJson, TSX } from "./processes.js";

export type CoreOptions = { runs: number; factors: number[]; samples: number; budgetMs: number };
/** One factor's measures, one per run; ×1 is the real knowledge/ folder itself. */
export type ScaleRow = { factor: number; yamlMB: number; runs: CoreMeasure[] };

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
    for (let run = 1; run <= runs; run++) {
      for (const row of rows) {
        const task: CoreTaskOptions = { dir: dirOf(row.factor), samples, budgetMs };
        row.runs.push(await nodeJson<CoreMeasure>([...TSX, "bench/core-task.ts", JSON.stringify(task)]));
      }
      process.stderr.write(`  core run ${run}/${runs} done\n`);
    }
    return rows;
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
