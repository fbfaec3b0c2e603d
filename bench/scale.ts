import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FilesResult, ScaleMeasure, SerializedResult } from "./scale-worker.js";
import { runTask } from "./spawn.js";

export type ScaleSectionOptions = {
  factors: number[];
  seed: number;
  queryBudgetMs: number;
  maxRounds: number;
  /** Also time start-up from YAML files and from a serialized index up to this factor. */
  startupUpTo: number;
};

export type ScaleRow = ScaleMeasure & {
  /** Cold-process index: built from passages vs loaded from a serialized MiniSearch. */
  serialized?: { buildMs: number; loadMs: number; sizeKB: number; writeMs: number; sameResults?: string };
  /** loadKnowledge over YAML files shaped like knowledge/, then the bot built: the bot's real start-up. */
  fromFiles?: { yamlKB: number; loadKnowledgeMs: number; botBuildMs: number };
};

const HEAP_MB = 8192;

export async function scaleSection(options: ScaleSectionOptions): Promise<ScaleRow[]> {
  const rows: ScaleRow[] = [];
  for (const factor of options.factors) {
    const base = { factor, seed: options.seed };
    const limits = { timeoutMs: 15 * 60_000, heapMB: HEAP_MB };
    const row: ScaleRow = await runTask<ScaleMeasure>(
      "scale-measure",
      { ...base, queryBudgetMs: options.queryBudgetMs, maxRounds: options.maxRounds },
      limits,
    );
    if (factor <= options.startupUpTo) {
      const path = join(tmpdir(), `tpd-bench-index-x${factor}.json`);
      const write = await runTask<SerializedResult>(
        "scale-serialized",
        { ...base, path, phase: "write" },
        limits,
      );
      const load = await runTask<SerializedResult>(
        "scale-serialized",
        { ...base, path, phase: "load" },
        limits,
      );
      row.serialized = {
        buildMs: write.ms,
        loadMs: load.ms,
        sizeKB: load.sizeKB,
        writeMs: write.writeMs ?? 0,
        ...(load.sameResults ? { sameResults: load.sameResults } : {}),
      };
      const dir = join(tmpdir(), `tpd-bench-knowledge-x${factor}`);
      const files = await runTask<FilesResult>("scale-files", { ...base, dir, phase: "write" }, limits);
      const loaded = await runTask<FilesResult>("scale-files", { ...base, dir, phase: "load" }, limits);
      row.fromFiles = {
        yamlKB: files.sizeKB ?? 0,
        loadKnowledgeMs: loaded.ms,
        botBuildMs: loaded.botBuildMs ?? 0,
      };
    }
    rows.push(row);
    console.error(`  scale x${factor}: done`);
  }
  return rows;
}
