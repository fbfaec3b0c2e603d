import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { KnowledgeError, KnowledgeTooLarge, loadKnowledge } from "../../src/knowledge/load.js";
import { fromColumns, toColumns } from "../../src/runtime/passage-columns.js";
import { loadInWorker } from "../../src/runtime/worker-load.js";
import { REAL_KNOWLEDGE } from "../helpers/bots.js";
import { allHits } from "../helpers/search.js";

const QUERIES = [
  "quantum",
  "japan space",
  "civil nuclear fusion",
  "korea 6g",
  "signing",
  "semiconductors supply",
];
const strays: string[] = [];

afterAll(async () => {
  await Promise.all(strays.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function copyOfKnowledge(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "tpd-worker-"));
  strays.push(dir);
  await cp(REAL_KNOWLEDGE, dir, { recursive: true });
  return dir;
}

describe("loading knowledge in a worker thread", () => {
  it("yields the same knowledge and words, and an index that finds the same passages with the same scores", async () => {
    const [direct, viaWorker] = await Promise.all([
      loadKnowledge(REAL_KNOWLEDGE),
      loadInWorker(REAL_KNOWLEDGE),
    ]);
    expect(viaWorker.knowledge).toEqual(direct.knowledge);
    // Passages come over as columns: each is rebuilt with its keys in the loader's order.
    expect(JSON.stringify(viaWorker.knowledge)).toBe(JSON.stringify(direct.knowledge));
    expect(viaWorker.index.passageIds).toEqual(direct.index.passageIds);
    expect(viaWorker.words?.words.length).toBeGreaterThan(1000);
    expect(viaWorker.words).toEqual(direct.words);
    for (const query of QUERIES) {
      const hits = allHits(direct.index.search(query));
      expect(hits.length).toBeGreaterThan(0);
      expect(allHits(viaWorker.index.search(query))).toEqual(hits);
      expect(allHits(viaWorker.index.search(query, { deals: ["japan"] }))).toEqual(
        allHits(direct.index.search(query, { deals: ["japan"] })),
      );
    }
  });

  it("hands passages over intact when a text starts with U+FEFF (decoded as text, not dropped as a byte-order mark)", async () => {
    const { knowledge } = await loadKnowledge(REAL_KNOWLEDGE);
    const passages = knowledge.passages.map((passage, at) =>
      at % 2048 === 0 ? { ...passage, text: `\uFEFF${passage.text}` } : passage,
    );
    const handedOver = await fromColumns(toColumns(passages));
    expect(handedOver.map((passage) => passage.text)).toEqual(passages.map((passage) => passage.text));
    expect(handedOver.map((passage) => passage.id)).toEqual(passages.map((passage) => passage.id));
  });

  it("throws the loader's own error, naming the file and field, for invalid knowledge", async () => {
    const dir = await copyOfKnowledge();
    await writeFile(join(dir, "vocabulary.yaml"), "topics: {not: [a list\n");
    const direct = await loadKnowledge(dir).catch((error: unknown) => error);
    const viaWorker = await loadInWorker(dir).catch((error: unknown) => error);
    expect(viaWorker).toBeInstanceOf(KnowledgeError);
    expect((viaWorker as KnowledgeError).message).toBe((direct as KnowledgeError).message);
    expect((viaWorker as KnowledgeError).message).toContain("vocabulary.yaml");
  });

  it("refuses a folder over the size cap before parsing it, with its size and the cap", async () => {
    const dir = await copyOfKnowledge();
    await writeFile(join(dir, "articles", "broken.yaml"), `{ not yaml at all ${"x".repeat(300_000)}`);
    const error = await loadInWorker(dir, { maxBytes: 200_000 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KnowledgeTooLarge);
    expect(error).toMatchObject({ maxBytes: 200_000 });
    expect((error as KnowledgeTooLarge).bytes).toBeGreaterThan(300_000);
    expect((error as KnowledgeTooLarge).message).toMatch(
      /holds \d+ KB of YAML, over the 196 KB cap \(KNOWLEDGE_MAX_BYTES\)$/,
    );
    // Under the cap, the same broken file is reported as invalid, as the direct loader does.
    await expect(loadInWorker(dir, { maxBytes: 1_000_000 })).rejects.toThrow(
      /broken\.yaml: is not valid YAML/,
    );
  });
});
