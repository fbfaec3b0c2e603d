import { beforeAll, describe, expect, it } from "vitest";
import { loadGolden } from "../../scripts/golden.js";
import { buildBot, createBot } from "../../src/core/bot.js";
import type { KnowledgeBase, Passage } from "../../src/core/model.js";
import { loadKnowledge } from "../../src/knowledge/load.js";
import { buildPassageIndex, indexContext } from "../../src/knowledge/search-index.js";
import { REAL_KNOWLEDGE } from "../helpers/bots.js";

/**
 * How much of the knowledge a question makes the bot read, counted without a clock: every passage is watched,
 * and reading any of its fields marks it as read. A question may read the passages of its deals, topics and
 * words, never every passage.
 */
type Watched = { knowledge: KnowledgeBase; read: Set<string>; fieldReads: () => number };

function watched(knowledge: KnowledgeBase): Watched {
  const read = new Set<string>();
  let reads = 0;
  const passages = knowledge.passages.map(
    (passage) =>
      new Proxy(passage, {
        get(target, field, receiver) {
          read.add(target.id);
          reads += 1;
          return Reflect.get(target, field, receiver);
        },
      }),
  );
  return { knowledge: { ...knowledge, passages }, read, fieldReads: () => reads };
}

/** Letters only, far from every real word: no search, typo reading, year or sum of a question can meet them. */
function nonsenseWord(n: number): string {
  let word = "";
  for (let rest = n; word.length < 6 || rest > 0; rest = Math.floor(rest / 20))
    word += "bcdfghjklmnpqrstvwxz"[rest % 20];
  return `zzy${word}`;
}

/** `count` passages of a deal nobody asks about, in words nobody uses: knowledge no question is about. */
function withUnrelated(knowledge: KnowledgeBase, count: number): KnowledgeBase {
  const source = knowledge.sources[0]?.id ?? "";
  const unrelated: Passage[] = Array.from({ length: count }, (_, i) => ({
    id: `unrelated-${i}`,
    deals: ["elsewhere"],
    topics: [],
    section: "article",
    kind: "quote",
    sourceId: source,
    order: i,
    text: [0, 1, 2, 3, 4, 5].map((k) => nonsenseWord(i * 6 + k)).join(" "),
  }));
  return { ...knowledge, passages: [...knowledge.passages, ...unrelated] };
}

const indexOf = (knowledge: KnowledgeBase) => buildPassageIndex(knowledge.passages, indexContext(knowledge));

const questions = [...new Set(loadGolden().map((row) => row.q))];

describe("work per question does not grow with knowledge it is not about", () => {
  let real: KnowledgeBase;
  beforeAll(async () => {
    real = (await loadKnowledge(REAL_KNOWLEDGE)).knowledge;
  });

  it("answers every golden question the same, reading none of 3,000 unrelated passages", () => {
    const grown = watched(withUnrelated(real, 3000));
    // One search index for both, so the full-text scores (which count every passage) are the same.
    const index = buildPassageIndex(grown.knowledge.passages, indexContext(grown.knowledge));
    const plain = createBot({ knowledge: real, index });
    const bot = createBot({ knowledge: grown.knowledge, index });
    bot.answer(questions[0] ?? ""); // facts gathered once, on the first question, may read everything
    for (const question of questions) {
      for (const offset of [0, 3]) {
        grown.read.clear();
        const answer = bot.answer(question, { offset });
        expect(answer, question).toEqual(plain.answer(question, { offset }));
        const unrelatedRead = [...grown.read].filter((id) => id.startsWith("unrelated-"));
        expect(unrelatedRead, question).toEqual([]);
      }
    }
  }, 120_000); // some 1,600 answers, which a loaded machine may take a while over

  /** 2,000 passages of a deal (one nobody asks about), each with `text(i)`: none is read to answer the questions. */
  function expectNearMissesUnread(
    text: (i: number) => string,
    asked: readonly string[],
    deal = "elsewhere",
  ): void {
    const nearMisses: Passage[] = Array.from({ length: 2000 }, (_, i) => ({
      id: `unrelated-near-${i}`,
      deals: [deal],
      topics: [],
      section: "article",
      kind: "quote",
      sourceId: real.sources[0]?.id ?? "",
      order: i,
      text: text(i),
    }));
    const grown = watched({ ...real, passages: [...real.passages, ...nearMisses] });
    const index = buildPassageIndex(grown.knowledge.passages, indexContext(grown.knowledge));
    const bot = createBot({ knowledge: grown.knowledge, index });
    const plain = createBot({ knowledge: real, index });
    bot.answer("when was the uk deal signed?"); // facts gathered once, on the first question, may read everything
    for (const question of asked) {
      grown.read.clear();
      expect(bot.answer(question), question).toEqual(plain.answer(question));
      const nearMissesRead = [...grown.read].filter((id) => id.startsWith("unrelated-near-"));
      expect(nearMissesRead, question).toEqual([]);
    }
  }

  it("checks a name only in passages that can hold it, not in every one with a word that begins or ends it", () => {
    // "gen … mission" begins and ends the letters of "genesis mission" without spelling them.
    expectNearMissesUnread(
      (i) => `gen ${nonsenseWord(i)} mission`,
      ["is the genesis mission in the japan deal?", "japan genesis mission doe partnership"],
    );
  });

  it("looks for a name as the question writes it only in passages with that word, not in every one it may hide in", () => {
    // "is … 's" begins and ends the letters of "ISS", as words run together may write a name.
    expectNearMissesUnread(
      (i) => `${nonsenseWord(i)} is ${nonsenseWord(i + 1)}'s`,
      ["japan iss", "does the korea deal mention the iss?"],
    );
  });

  it("checks a sum a question takes for granted without reading the passages of the deal asked", () => {
    expectNearMissesUnread(
      (i) => `${nonsenseWord(i)} ${nonsenseWord(i + 1)}`,
      [
        "Since the Korea deal commits $500 million, how is it spent?",
        "The Korea MOU commits $1bn to AI research, doesn't it?",
      ],
      "korea",
    );
  });

  it("says a topic is not in a deal without reading that deal's other passages, and where else it is from the first passage there", () => {
    const passage = (id: string, deal: string, topics: string[], i: number): Passage => ({
      id,
      deals: [deal],
      topics,
      section: "article",
      kind: "summary",
      sourceId: real.sources[0]?.id ?? "",
      order: i,
      text: [0, 1, 2].map((k) => nonsenseWord(i * 3 + k)).join(" "),
    });
    // More of the deal asked, on other things, and more of another deal on the topic asked.
    const more = Array.from({ length: 2000 }, (_, i) => [
      passage(`more-korea-${i}`, "korea", [], i),
      passage(`more-uk-fusion-${i}`, "uk", ["fusion"], i),
    ]).flat();
    const grown = watched({ ...real, passages: [...real.passages, ...more] });
    const index = buildPassageIndex(grown.knowledge.passages, indexContext(grown.knowledge));
    const bot = createBot({ knowledge: grown.knowledge, index });
    // Facts and each deal's passages on a topic are gathered once, on the first question that needs them.
    bot.answer("does the korea deal cover fusion?");
    grown.read.clear();
    const answer = bot.answer("does the korea deal cover fusion?");
    expect(answer.lead).toMatch(
      /^No — there is nothing on fusion .* it appears in the deals with the United Kingdom and Japan/,
    );
    expect([...grown.read].filter((id) => id.startsWith("more-"))).toEqual([]);
  });

  it("finds the quotes of a person asked for only in passages with their name", () => {
    // Quotes of somebody else, in a deal asked.
    expectNearMissesUnread(
      (i) => `“${nonsenseWord(i)} ${nonsenseWord(i + 1)},” said ${nonsenseWord(i + 2)}`,
      ["I need a statement by Kratsios on the Japan and Korea TPDs for a press release"],
      "korea",
    );
  });

  it("finds the closest passages without reading the text of every passage that shares a word with the question", () => {
    // Passages of the deal asked with two short words of the question, never side by side in it: candidates
    // for the closest passages, none of them close.
    const texts = new Set<string>();
    const common: Passage[] = Array.from({ length: 2000 }, (_, i) => ({
      id: `common-${i}`,
      deals: ["uk"],
      topics: [],
      section: "article",
      kind: "summary",
      sourceId: real.sources[0]?.id ?? "",
      order: i,
      text: `${nonsenseWord(i)} word ${nonsenseWord(i + 1)} pick`,
    }));
    const passages = [
      ...real.passages,
      ...common.map(
        (passage) =>
          new Proxy(passage, {
            get(target, field, receiver) {
              if (field === "text") texts.add(target.id);
              return Reflect.get(target, field, receiver);
            },
          }),
      ),
    ];
    const knowledge = { ...real, passages };
    const bot = createBot({ knowledge, index: indexOf(knowledge) });
    bot.answer("when was the uk deal signed?"); // facts gathered once, on the first question, may read everything
    texts.clear();
    const answer = bot.answer(
      "for my newsletter, which word of praise did the White House pick for the british deal?",
    );
    expect(answer.lead).toMatch(/closest passages have/);
    expect(texts.size).toBeLessThan(common.length / 10);
  });

  it("builds the bot in time linear in the passages: twice as many unrelated passages cost twice the reads", () => {
    const buildReads = (count: number) => {
      const { knowledge, fieldReads } = watched(withUnrelated(real, count));
      const index = buildPassageIndex(knowledge.passages, indexContext(knowledge));
      const before = fieldReads();
      createBot({ knowledge, index });
      return fieldReads() - before;
    };
    const base = buildReads(0);
    const once = buildReads(1000) - base;
    const twice = buildReads(2000) - base;
    expect(once).toBeGreaterThan(1000);
    // The order check samples every 64th passage and the last: rounding may add a read or two, never more.
    expect(twice).toBeLessThanOrEqual(2 * once + 2);
  });

  it("reads the vocabulary's topics as often whatever the number of passages: no alias is tried per passage", () => {
    const topicReads = (count: number) => {
      const knowledge = withUnrelated(real, count);
      let reads = 0;
      const topics = knowledge.topics.map(
        (topic) =>
          new Proxy(topic, {
            get(target, field, receiver) {
              reads += 1;
              return Reflect.get(target, field, receiver);
            },
          }),
      );
      createBot({ knowledge: { ...knowledge, topics }, index: indexOf(knowledge) });
      return reads;
    };
    expect(topicReads(0)).toBeGreaterThan(0);
    expect(topicReads(2000)).toBe(topicReads(0));
  });

  it("builds in steps of a few passages each, so that a caller can pause between them", () => {
    const knowledge = withUnrelated(real, 2000);
    const index = indexOf(knowledge);
    const steps = buildBot({ knowledge, index });
    let pauses = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) pauses += 1;
    expect(pauses).toBeGreaterThanOrEqual(Math.ceil(knowledge.passages.length / 64) - 1);
    expect(step.value.answer("when was the uk deal signed?")).toEqual(
      createBot({ knowledge, index }).answer("when was the uk deal signed?"),
    );
  });
});
