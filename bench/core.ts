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
export async function coreSection(options: CoreOptions): Promise<ScaleRow[]> {
  const root = await mkdtemp(join(tmpdir(), "tpd-bench-scale-"));
  try {
    const rows: ScaleRow[] = [];
    for (const factor of options.factors) {
      const dir = factor === 1 ? KNOWLEDGE_DIR : join(root, `x${factor}`);
      const bytes = factor === 1 ? 0 : await writeSyntheticKnowledge(factor, dir);
      rows.push({ factor, yamlMB: Math.round(bytes / 2 ** 17) / 8, runs: [] });
    }
    for (let run = 0; run < options.runs; run++) {
      for (const row of rows) {
        const task: CoreTaskOptions = {
          dir: row.factor === 1 ? KNOWLEDGE_DIR : join(root, `x${row.factor}`),
          samples: options.samples,
          budgetMs: options.budgetMs,
        };
        row.runs.push(await nodeJson<CoreMeasure>([...TSX, "bench/core-task.ts", JSON.stringify(task)]));
      }
      process.stderr.write(`  core run ${run + 1}/${options.runs} done\n`);
    }
    return rows;
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
