import { join } from "node:path";
import { loadGolden } from "../scripts/golden.js";
import { type LoadedKnowledge, loadKnowledge } from "../src/knowledge/load.js";
import { REPO } from "./spawn.js";

export const KNOWLEDGE_DIR = join(REPO, "knowledge");

/** The golden table's questions: varied phrasing, typos, other scripts, declines, every deal and topic. */
export function goldenQuestions(): string[] {
  return loadGolden().map((row) => row.q);
}

export function loadRealKnowledge(): Promise<LoadedKnowledge> {
  return loadKnowledge(KNOWLEDGE_DIR);
}
