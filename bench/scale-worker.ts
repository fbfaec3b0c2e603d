import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import yaml from "js-yaml";
import { createBot } from "../src/core/bot.js";
import type { KnowledgeBase } from "../src/core/model.js";
import { loadKnowledge } from "../src/knowledge/load.js";
import { buildPassageIndex, indexContext } from "../src/knowledge/search-index.js";
import { answerMs } from "./core.js";
import { goldenQuestions, KNOWLEDGE_DIR, loadRealKnowledge } from "./questions.js";
import { buildCaptured, loadSerialized, sameResults, serialize } from "./serialized-index.js";
import { type Memory, memory, round, type Summary, summarize, timed, timedAsync } from "./stats.js";
import { syntheticKnowledge } from "./synthetic.js";

export type ScaleOptions = {
  factor: number;
  seed: number;
  /** Answers are timed round after round until this budget is spent (at least one round). */
  queryBudgetMs: number;
  maxRounds: number;
};

export type ScaleMeasure = {
  factor: number;
  documents: number;
  passages: number;
  generateMs: number;
  indexBuildMs: number;
  botBuildMs: number;
  rounds: number;
  latencyMs: Summary;
  slowest: { question: string; ms: number };
  /** At ×1: golden questions for which this index, built in memory, finds what the loader's own index finds. */
  matchesLoader?: string;
  /** Before anything is generated, with the knowledge in memory, then with index and bot built. */
  memory: { baseline: Memory; knowledge: Memory; ready: Memory; afterQueries: Memory };
};

async function synthetic(options: { factor: number; seed: number }): Promise<KnowledgeBase> {
  const real = (await loadRealKnowledge()).knowledge;
  return syntheticKnowledge(real, options);
}

/** Build times, answer latency and memory for one scale, in a process of its own. */
export async function measureTask(options: ScaleOptions): Promise<ScaleMeasure> {
  const real = (await loadRealKnowledge()).knowledge;
  const baseline = memory();
  const generated = timed(() => syntheticKnowledge(real, options));
  const knowledge = generated.value;
  const withKnowledge = memory();
  const index = timed(() => buildPassageIndex(knowledge.passages, indexContext(knowledge)));
  const bot = timed(() => createBot({ knowledge, index: index.value }));
  const ready = memory();

  const questions = goldenQuestions();
  const samples: number[] = [];
  let slowest = { question: "", ms: 0 };
  const deadline = performance.now() + options.queryBudgetMs;
  let rounds = 0;
  // The first round is timed too: at the larger scales one round is all the budget allows.
  while (rounds < options.maxRounds && (rounds === 0 || performance.now() < deadline)) {
    for (const question of questions) {
      const ms = answerMs(bot.value, question);
      samples.push(ms);
      if (ms > slowest.ms) slowest = { question, ms: round(ms) };
    }
    rounds += 1;
  }
  let matchesLoader: string | undefined;
  if (options.factor === 1) {
    const loader = (await loadRealKnowledge()).index;
    matchesLoader = `${sameResults(index.value, loader, questions)}/${questions.length}`;
  }
  return {
    factor: options.factor,
    ...(matchesLoader ? { matchesLoader } : {}),
    documents: knowledge.sources.length,
    passages: knowledge.passages.length,
    generateMs: generated.ms,
    indexBuildMs: index.ms,
    botBuildMs: bot.ms,
    rounds,
    latencyMs: summarize(samples),
    slowest,
    memory: { baseline, knowledge: withKnowledge, ready, afterQueries: memory() },
  };
}

export type SerializedOptions = { factor: number; seed: number; path: string; phase: "write" | "load" };

export type SerializedResult = {
  phase: "write" | "load";
  /** write: building the index; load: reading the file and rebuilding the index from it. */
  ms: number;
  sizeKB: number;
  /** write: serializing and writing the file. */
  writeMs?: number;
  /** load: the golden questions searched with the same hits and scores as the index built from passages. */
  sameResults?: string;
  memory: Memory;
};

/** Writes a serialized index for one scale, or (in a fresh process) times loading it back. */
export async function serializedTask(options: SerializedOptions): Promise<SerializedResult> {
  const knowledge = await synthetic(options);
  const context = indexContext(knowledge);
  if (options.phase === "write") {
    const built = timed(() => buildCaptured(knowledge.passages, context));
    const written = await timedAsync(async () => {
      const json = serialize(built.value.miniSearch);
      await writeFile(options.path, json);
      return json.length;
    });
    return {
      phase: "write",
      ms: built.ms,
      sizeKB: Math.round(written.value / 1024),
      writeMs: written.ms,
      memory: memory(),
    };
  }
  const loaded = await timedAsync(async () => loadSerialized(await readFile(options.path, "utf8"), context));
  const loadedMemory = memory();
  const questions = goldenQuestions();
  const same =
    options.factor <= 10
      ? `${sameResults(loaded.value, buildCaptured(knowledge.passages, context).index, questions)}/${questions.length}`
      : undefined;
  const sizeKB = Math.round((await readFile(options.path)).length / 1024);
  await rm(options.path, { force: true });
  return { phase: "load", ms: loaded.ms, sizeKB, sameResults: same, memory: loadedMemory };
}

export type FilesOptions = { factor: number; seed: number; dir: string; phase: "write" | "load" };

export type FilesResult = { phase: "write" | "load"; ms: number; sizeKB?: number; botBuildMs?: number };

/**
 * Start-up as the bot does it: YAML files read, validated and indexed by loadKnowledge, then the bot built.
 * The synthetic knowledge is written back as files shaped like knowledge/ first.
 */
export async function filesTask(options: FilesOptions): Promise<FilesResult> {
  if (options.phase === "write") {
    const knowledge = await synthetic(options);
    const written = await timedAsync(() => writeKnowledgeFiles(knowledge, options.dir));
    return { phase: "write", ms: written.ms, sizeKB: Math.round(written.value / 1024) };
  }
  const loaded = await timedAsync(() => loadKnowledge(options.dir));
  const bot = timed(() => createBot(loaded.value));
  await rm(options.dir, { recursive: true, force: true });
  return { phase: "load", ms: loaded.ms, botBuildMs: bot.ms };
}

async function writeKnowledgeFiles(knowledge: KnowledgeBase, dir: string): Promise<number> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(join(dir, "deals"), { recursive: true });
  await mkdir(join(dir, "articles"), { recursive: true });
  const files: Array<[string, string]> = [
    ["sources.yaml", dump({ sources: knowledge.sources })],
    ["vocabulary.yaml", await readFile(join(KNOWLEDGE_DIR, "vocabulary.yaml"), "utf8")],
  ];
  for (const deal of knowledge.deals) {
    const { sourceIds, signatories, ...rest } = deal;
    const facts = knowledge.passages
      .filter((passage) => passage.kind === "summary" && passage.deals[0] === deal.id)
      .map(({ id, section, topics, sourceId, date, text }) => ({
        id,
        section,
        topics,
        source: sourceId,
        ...(date ? { date } : {}),
        text,
      }));
    const file = {
      ...rest,
      signatories: signatories.map(({ sourceIds: sources, ...signatory }) => ({ ...signatory, sources })),
      sources: sourceIds,
      facts,
    };
    files.push([join("deals", `${deal.id}.yaml`), dump(file)]);
  }
  const articles = new Map<string, Array<{ id: string; deals: string[]; topics: string[]; text: string }>>();
  for (const passage of knowledge.passages) {
    if (passage.kind !== "quote") continue;
    const list = articles.get(passage.sourceId) ?? [];
    list.push({ id: passage.id, deals: passage.deals, topics: passage.topics, text: passage.text });
    articles.set(passage.sourceId, list);
  }
  for (const [source, passages] of articles) {
    files.push([join("articles", `${source}.yaml`), dump({ source, passages })]);
  }
  let bytes = 0;
  for (const [path, text] of files) {
    await writeFile(join(dir, path), text);
    bytes += Buffer.byteLength(text);
  }
  return bytes;
}

const dump = (data: unknown) => yaml.dump(data, { lineWidth: -1 });
