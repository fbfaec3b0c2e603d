import MiniSearch from "minisearch";
import { beforeAll, describe, expect, it } from "vitest";
import { loadGolden } from "../../scripts/golden.js";
import type { DealId, KnowledgeBase, Passage, SearchHit } from "../../src/core/model.js";
import { buffersIn } from "../../src/core/text.js";
import { readKnowledge } from "../../src/knowledge/load.js";
import {
  buildPassageIndex,
  indexContext,
  loadPassageIndex,
  processTerm,
  serializePassageIndex,
} from "../../src/knowledge/search-index.js";
import { REAL_KNOWLEDGE } from "../helpers/bots.js";
import { allHits } from "../helpers/search.js";

/** The index as it was built with MiniSearch itself: the scores and order the flat index must keep. */
function miniSearchOf(knowledge: KnowledgeBase) {
  const contextFor = indexContext(knowledge);
  const miniSearch = new MiniSearch<{ id: string; text: string; context: string; deals: DealId[] }>({
    fields: ["text", "context"],
    storeFields: ["deals"],
    processTerm,
    searchOptions: {
      boost: { text: 2, context: 1 },
      fuzzy: (term) => (term.length >= 5 ? 1 : false),
      prefix: (term) => term.length >= 4,
      combineWith: "OR",
      processTerm,
    },
  });
  miniSearch.addAll(
    knowledge.passages.map((p) => ({ id: p.id, text: p.text, context: contextFor(p), deals: p.deals })),
  );
  return (text: string, deals?: readonly DealId[]): SearchHit[] =>
    miniSearch
      .search(text, {
        boostDocument: deals
          ? (_id, _term, stored) =>
              Number(((stored?.deals ?? []) as DealId[]).some((deal) => deals.includes(deal)))
          : undefined,
      })
      .map((result) => ({
        passageId: String(result.id),
        score: result.score,
        termsMatched: result.queryTerms.length,
      }));
}

/** `factor` copies of every passage, a third of each copy's words swapped for others of the knowledge. */
function grown(knowledge: KnowledgeBase, factor: number): KnowledgeBase {
  const words = knowledge.passages.flatMap((passage) => passage.text.split(/\s+/));
  let swaps = 0;
  const copies: Passage[] = [];
  for (let copy = 1; copy < factor; copy++) {
    for (const passage of knowledge.passages) {
      const text = passage.text
        .split(/\s+/)
        .map((word, i) => ((i + copy) % 3 === 0 ? (words[(++swaps * 7919) % words.length] ?? word) : word))
        .join(" ");
      copies.push({ ...passage, id: `${passage.id}-c${copy}`, text });
    }
  }
  return { ...knowledge, passages: [...knowledge.passages, ...copies] };
}

const DEALS: (readonly DealId[] | undefined)[] = [
  undefined,
  ["uk"],
  ["japan"],
  ["korea"],
  ["japan", "korea"],
];
/** Golden questions, and what their words become in the core's searches: a word, a repeated word, typos. */
const QUERIES = [
  ...new Set(loadGolden().map((row) => row.q)),
  "quantum quantum computing",
  "semiconductr suply",
  "AI",
  "",
  "the of and",
];

describe("the search index", () => {
  let real: KnowledgeBase;
  beforeAll(async () => {
    real = await readKnowledge(REAL_KNOWLEDGE);
  });

  it("scores and orders every match as MiniSearch does, in every deal, over the real knowledge", () => {
    const reference = miniSearchOf(real);
    const index = buildPassageIndex(real.passages, indexContext(real));
    for (const query of QUERIES) {
      for (const deals of DEALS) {
        const results = index.search(query, { deals });
        const expected = reference(query, deals);
        expect(allHits(results), `${query} ${deals}`).toEqual(expected);
        expect(results.best).toBe(expected[0]?.score ?? 0);
      }
    }
  });

  it("keeps MiniSearch's scores and order ten times larger, where many passages share words", () => {
    const large = grown(real, 10);
    const reference = miniSearchOf(large);
    const index = buildPassageIndex(large.passages, indexContext(large));
    for (const query of QUERIES.filter((_, i) => i % 4 === 0)) {
      for (const deals of [undefined, ["korea"] as const]) {
        expect(allHits(index.search(query, { deals })), query).toEqual(reference(query, deals));
      }
    }
  });

  it("counts words as MiniSearch splits them: punctuation at either end, symbols, tabs, cases, other scripts", () => {
    const texts = [
      "...Space!",
      "Chips, chips and CHIPS; $550 billion +20% <AI> a|b",
      "tab\tseparated\ttokens — em-dash\u00a0no-break\u2003em space",
      "U.S.-Japan «quotes» ¿qué? 😀 emoji𝑥 中文「日本」",
      "",
      "!!!",
      "trailing space ",
    ];
    const passages = texts.map((text, at) => ({ ...(real.passages[at] as Passage), id: `p${at}`, text }));
    const odd = { ...real, passages };
    const reference = miniSearchOf(odd);
    const index = buildPassageIndex(passages, indexContext(odd));
    for (const query of ["space", "chips 550", "tab separated", "dash space", "quotes emoji", "japan", "20"])
      expect(allHits(index.search(query)), query).toEqual(reference(query));
  });

  it("finds only passages of the deals asked, scored as without the deals", () => {
    const index = buildPassageIndex(real.passages, indexContext(real));
    const dealsOf = new Map(real.passages.map((passage) => [passage.id, passage.deals]));
    for (const query of ["technology cooperation", "space exploration", "signed memorandum"]) {
      const everywhere = index.search(query);
      for (const deals of DEALS.slice(1) as DealId[][]) {
        const found = index.search(query, { deals });
        const inDeals = (id: string) => dealsOf.get(id)?.some((deal) => deals.includes(deal)) ?? false;
        expect(found.passageIds.length).toBeGreaterThan(0);
        expect(found.passageIds.every(inDeals), query).toBe(true);
        expect(found.passageIds).toEqual(everywhere.passageIds.filter(inDeals));
        for (const id of found.passageIds) expect(found.hit(id)).toEqual(everywhere.hit(id));
        expect(index.search(query, { deals: ["nowhere"] }).passageIds).toEqual([]);
      }
    }
  });

  it("answers the same after being handed over as data", async () => {
    const contextFor = indexContext(real);
    const built = buildPassageIndex(real.passages, contextFor);
    const serialized = serializePassageIndex(real.passages, contextFor);
    const handed = loadPassageIndex(structuredClone(serialized, { transfer: buffersIn(serialized) }));
    expect(serialized.postingPassages.length).toBe(0); // moved, not copied
    for (const query of QUERIES.slice(0, 40)) {
      const [a, b] = [built.search(query, { deals: ["uk"] }), handed.search(query, { deals: ["uk"] })];
      expect(b.passageIds).toEqual(a.passageIds);
      expect(allHits(b)).toEqual(allHits(a));
    }
  });

  it("keeps an earlier search's hits right after later searches", () => {
    const index = buildPassageIndex(real.passages, indexContext(real));
    const first = index.search("quantum computing", { deals: ["uk"] });
    const expected = allHits(index.search("quantum computing", { deals: ["uk"] }));
    const later = index.search("space exploration");
    expect(allHits(first)).toEqual(expected);
    expect(allHits(later)).toEqual(allHits(index.search("space exploration")));
    expect(later.passageIds.some((id) => first.hit(id) === undefined)).toBe(true);
  });

  it("has no hit for a passage it does not hold or that did not match", () => {
    const index = buildPassageIndex(real.passages, indexContext(real));
    const found = index.search("quantum");
    expect(found.hit("no-such-passage")).toBeUndefined();
    const unmatched = real.passages.find((passage) => !found.passageIds.includes(passage.id));
    expect(found.hit(unmatched?.id ?? "")).toBeUndefined();
    expect(index.search("").best).toBe(0);
  });
});
