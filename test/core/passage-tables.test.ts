import { beforeAll, describe, expect, it } from "vitest";
import type { KnowledgeBase } from "../../src/core/model.js";
import { type PassageTables, readPassages, readWords } from "../../src/core/passage-tables.js";
import { stem, tokenize } from "../../src/core/text.js";
import { loadKnowledge } from "../../src/knowledge/load.js";
import { REAL_KNOWLEDGE } from "../helpers/bots.js";

const read = (knowledge: KnowledgeBase, positions: ReadonlyMap<string, number>): PassageTables => {
  const steps = readPassages(knowledge, readWords(knowledge), positions);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
};

let knowledge: KnowledgeBase;
let indexed: ReadonlyMap<string, number>;
let tables: PassageTables;
beforeAll(async () => {
  const loaded = await loadKnowledge(REAL_KNOWLEDGE);
  knowledge = loaded.knowledge;
  indexed = loaded.index.positions;
  tables = read(knowledge, indexed);
});

describe("passage tables", () => {
  it("hold each passage's stemmed words, in order, as tokenize and stem read its text", () => {
    knowledge.passages.forEach((passage, position) => {
      const words = Array.from(
        tables.words.subarray(tables.wordStarts[position], tables.wordStarts[position + 1]),
        (word) => tables.stems[word],
      );
      expect(words).toEqual(tokenize(passage.text).map(stem));
    });
    expect(new Set(tables.tokens)).toEqual(new Set(knowledge.passages.flatMap((p) => tokenize(p.text))));
    expect(tables.tokens.length).toBe(new Set(tables.tokens).size);
  });

  it("list, for each word, exactly the passages that have it, ascending", () => {
    const stemmed = knowledge.passages.map((passage) => new Set(tokenize(passage.text).map(stem)));
    for (const [word, list] of tables.postings) {
      const expected = stemmed.flatMap((words, position) => (words.has(word) ? [position] : []));
      expect(Array.from(list)).toEqual(expected);
    }
    expect([...tables.postings.keys()]).toEqual(tables.stems);
  });

  it("know the words of the descriptions as well as of the texts", () => {
    const described = [
      ...knowledge.sources.map((source) => source.title),
      ...knowledge.topics.map((t) => t.label),
    ];
    for (const word of described.flatMap(tokenize)) expect(tables.knownWords.has(stem(word))).toBe(true);
  });

  it("take the index's places when in the knowledge's order, and read their own otherwise", () => {
    expect(tables.positions).toBe(indexed);
    const shuffled = new Map([...indexed].map(([id, at]) => [id, (at + 1) % indexed.size]));
    const own = read(knowledge, shuffled);
    expect(own.positions).not.toBe(shuffled);
    expect([...own.positions]).toEqual(knowledge.passages.map((passage, at) => [passage.id, at]));
    expect(own.topicsAt).toEqual(tables.topicsAt);
  });

  it("refuse words read from another knowledge version, or from other passages", () => {
    const edited = { ...knowledge, version: "0123456789abcdef" };
    expect(() => readPassages(edited, readWords(knowledge), indexed).next()).toThrow(/do not belong/);
    const fewer = { ...knowledge, passages: knowledge.passages.slice(1) };
    expect(() => readPassages(fewer, readWords(knowledge), indexed).next()).toThrow(/do not belong/);
    expect(() => readPassages(edited, readWords(edited), indexed).next()).not.toThrow();
  });
});
