import type { AnswerOptions, Citation, Suggestion } from "./answer.js";
import { passageCitation, sourceCitation } from "./citation.js";
import type { Deal, DealId, KnowledgeBase, Passage, PassageIndex, Section, Source, Topic } from "./model.js";
import type { PassageTables } from "./passage-tables.js";
import type { ParsedQuery } from "./query.js";
import { editDistance, stem, tokenize, typoAllowance } from "./text.js";
import type { Vocabulary } from "./vocabulary.js";

/** A sentence of a passage: its words as tokenised, and their stems. */
export type Sentence = { words: readonly string[]; stems: readonly string[] };

/** Endings of derived words, each with what the word it comes from ends in, tried in turn. */
const DERIVED_ENDINGS: readonly [RegExp, string][] = [
  [/ically$/, "ic"],
  [/ally$/, "al"],
  [/ally$/, ""],
  [/al$/, ""],
  [/ship$/, ""],
  [/i[sz]e$/, "ity"],
];

/** Which passages `passages` and `positionsIn` give: of these deals (every deal when none), of these sections. */
type PassageFilter = { deals?: readonly DealId[]; sections?: readonly Section[] };

/**
 * Read-only lookups over the knowledge that every intent shares: deals, topics, passages, sources. Built in
 * one pass over the passages; every question is then answered from the lists for its deals, sections, topics
 * and words, never by reading every passage.
 */
export class KnowledgeLookups {
  private readonly dealsById: Map<DealId, Deal>;
  private readonly topicsById: Map<string, Topic>;
  private readonly sayingCache = new Map<string, readonly number[]>();
  /** Each deal's passages about each topic, as positions: worked out on the first question about them. */
  private readonly positionsByDealTopic = new Map<DealId, Map<string, Int32Array>>();
  /** `positionsOn` for several deals, by topic and deals: merged on the first question about them. */
  private readonly positionsOnDeals = new Map<string, Int32Array>();
  /** `positionsIn` by deals and sections. */
  private readonly positionsByFilter = new Map<string, Int32Array>();
  /** Each deal's passages, as positions: worked out on the first question that reads them all. */
  private readonly positionsByDeal = new Map<DealId, Int32Array>();
  /** Each passage's sentences (by position): read on the first question that reads them. */
  private readonly sentencesByPosition = new Map<number, readonly Sentence[]>();
  /**
   * Where each passage stands in the search index, and which passage each place of the index holds (-1 for
   * none); null when the index holds these very passages in this order, as the loader builds it.
   */
  private readonly placesInIndex: { ofPosition: Int32Array; ofPlace: Int32Array } | null;

  /** `tables`: the passages as `readPassages` read them. */
  constructor(
    readonly knowledge: KnowledgeBase,
    readonly index: PassageIndex,
    readonly vocabulary: Vocabulary,
    private readonly tables: PassageTables,
  ) {
    this.dealsById = new Map(knowledge.deals.map((deal) => [deal.id, deal]));
    this.topicsById = new Map(knowledge.topics.map((topic) => [topic.id, topic]));
    this.placesInIndex = placesOf(knowledge.passages, index.passageIds, tables.positions);
    this.passageParts = partsOf(knowledge.passages);
  }

  /**
   * What ranking reads of each passage that no question changes, by position, in arrays a question reads without
   * touching the passages: read with the knowledge, as a question may rank any of them.
   */
  readonly passageParts: PassageParts;

  get dealIds(): DealId[] {
    return this.knowledge.deals.map((deal) => deal.id);
  }

  deal(id: DealId): Deal | undefined {
    return this.dealsById.get(id);
  }

  dealName(id: DealId): string {
    return this.dealsById.get(id)?.name ?? id;
  }

  topic(id: string): Topic | undefined {
    return this.topicsById.get(id);
  }

  topicLabel(id: string): string {
    return this.topicsById.get(id)?.label ?? id;
  }

  topicsOf(passage: Passage): ReadonlySet<string> {
    const position = this.tables.positions.get(passage.id);
    return position === undefined ? NO_TOPICS : this.topicsAt(position);
  }

  /** The topics of the passage at a position in the knowledge order. */
  topicsAt(position: number): ReadonlySet<string> {
    return this.tables.topicsAt[position] ?? NO_TOPICS;
  }

  /** The place in the search index of the passage at a position in the knowledge order; -1 when not indexed. */
  placeInIndex(position: number): number {
    return this.placesInIndex ? (this.placesInIndex.ofPosition[position] ?? -1) : position;
  }

  /** The position in the knowledge order of the passage at a place in the search index; -1 when not known. */
  positionAtPlace(place: number): number {
    return this.placesInIndex ? (this.placesInIndex.ofPlace[place] ?? -1) : place;
  }

  citation(sourceId: string): Citation {
    const source = this.tables.sourcesById.get(sourceId);
    if (!source) throw new Error(`unknown source ${sourceId}`); // the loader rejects such knowledge
    return sourceCitation(source);
  }

  /** A passage's citation: its source, section and weight, and a link to the words for a quote. Made once. */
  passageCitation(passage: Passage): Citation {
    let citation = this.citations.get(passage);
    if (citation) return citation;
    const source = this.tables.sourcesById.get(passage.sourceId);
    if (!source) throw new Error(`unknown source ${passage.sourceId}`); // the loader rejects such knowledge
    citation = passageCitation(source, passage);
    this.citations.set(passage, citation);
    return citation;
  }
  private readonly citations = new WeakMap<Passage, Citation>();

  source(id: string): Source | undefined {
    return this.tables.sourcesById.get(id);
  }

  passage(id: string): Passage | undefined {
    const position = this.tables.positions.get(id);
    return position === undefined ? undefined : this.passageAt(position);
  }

  /**
   * Passages about a topic (tagged with it or mentioning one of its unambiguous aliases) of the deals (any deal
   * when none), in knowledge order.
   */
  passagesOn(topic: string, deals: readonly DealId[] = []): readonly Passage[] {
    if (deals.length === 0) return this.tables.byTopic.get(topic) ?? [];
    return this.inOrder(
      [...new Set(deals)].map((deal) => this.tables.byDeal.get(deal)?.byTopic.get(topic) ?? []),
    );
  }

  /** A deal's passages as ascending positions in the knowledge order. */
  positionsOf(deal: DealId): Int32Array {
    let positions = this.positionsByDeal.get(deal);
    if (!positions) {
      positions = this.toPositions(this.tables.byDeal.get(deal)?.passages ?? []);
      this.positionsByDeal.set(deal, positions);
    }
    return positions;
  }

  /** `passagesOn` as ascending positions in the knowledge order. */
  positionsOn(topic: string, deals: readonly DealId[]): ArrayLike<number> {
    if (deals.length === 0) return this.dealTopicPositions(ANY_DEAL, topic);
    const asked = [...new Set(deals)];
    if (asked.length === 1) return this.dealTopicPositions(asked[0] as DealId, topic);
    // Several deals at once ("which deals cover …"): their lists merged once, then kept like a single deal's.
    const key = `${topic}\u0000${asked.sort().join(" ")}`;
    let merged = this.positionsOnDeals.get(key);
    if (!merged) {
      merged = Int32Array.from(union(asked.map((deal) => this.dealTopicPositions(deal, topic))));
      this.positionsOnDeals.set(key, merged);
    }
    return merged;
  }

  /** The passages of the deals (every deal when none) and of the sections (any when not given), in knowledge order. */
  passages(filter: PassageFilter): Passage[] {
    return Array.from(this.positionsIn(filter), (position) => this.passageAt(position));
  }

  /** `passages` as ascending positions in the knowledge order, worked out on the first question that reads them. */
  positionsIn(filter: PassageFilter): Int32Array {
    const deals = [...new Set(filter.deals ?? [])].sort();
    const key = `${deals.join(" ")}\u0000${filter.sections ? [...new Set(filter.sections)].sort().join(" ") : "*"}`;
    let positions = this.positionsByFilter.get(key);
    if (!positions) {
      positions = this.readPositions(deals, filter.sections);
      this.positionsByFilter.set(key, positions);
    }
    return positions;
  }

  private readPositions(deals: readonly DealId[], sections: readonly Section[] | undefined): Int32Array {
    const { passages } = this.knowledge;
    if (deals.length === 0) {
      const all = Int32Array.from(passages.keys());
      return sections ? all.filter((position) => sections.includes(this.passageAt(position).section)) : all;
    }
    const lists = deals.flatMap((deal) =>
      sections
        ? [...new Set(sections)].map((section) =>
            this.toPositions(this.tables.byDeal.get(deal)?.bySection.get(section) ?? []),
          )
        : [this.positionsOf(deal)],
    );
    return Int32Array.from(union(lists));
  }

  /**
   * Whether a deal covers a topic: it lists the topic among its areas, or one of its own passages is tagged
   * with it. An alias a passage merely mentions never makes the deal cover a topic.
   */
  covers(deal: DealId, topic: string): boolean {
    return (
      this.deal(deal)?.areas.includes(topic) === true ||
      this.tables.byDeal.get(deal)?.tagged.has(topic) === true
    );
  }

  /**
   * The sections a deal's texts held give nothing of, when every passage given sits in one of them (later
   * developments aside); none otherwise. The Japan MOC's later sections were never read, so a working group the UK
   * MOU sets up in its governance section is not one the Japan deal is known to lack.
   */
  sectionsUnheld(deal: DealId, passages: readonly Passage[]): Section[] {
    const held = this.tables.byDeal.get(deal)?.bySection;
    const sections = [...new Set(passages.map((passage) => passage.section))].filter(
      (section) => section !== "development",
    );
    const unheld = sections.filter((section) => (held?.get(section)?.length ?? 0) === 0);
    return unheld.length > 0 && unheld.length === sections.length ? unheld : [];
  }

  /**
   * Whether the passage at a position has the phrase word for word (stemmed, any punctuation between its words),
   * worked out once to check many passages.
   */
  saysAt(phrase: readonly string[]): (position: number) => boolean {
    const found = this.saying(phrase);
    return (position) => holds(found, position);
  }

  /** The sentences of the passage at a position, read once and kept, so no later question reads its text again. */
  sentencesAt(position: number): readonly Sentence[] {
    let sentences = this.sentencesByPosition.get(position);
    if (!sentences) {
      sentences = this.passageAt(position)
        .text.split(/(?<=[.;])\s+/)
        .map((sentence) => {
          const words = tokenize(sentence);
          return { words, stems: words.map(stem) };
        });
      this.sentencesByPosition.set(position, sentences);
    }
    return sentences;
  }

  /**
   * The passages that have one of the phrases word for word, in knowledge order. Only passages with every word
   * of some way to spell the phrase's letters in known words are read.
   */
  passagesSaying(phrases: readonly (readonly string[])[]): Passage[] {
    return this.positionsSaying(phrases).map((position) => this.passageAt(position));
  }

  /** `passagesSaying` as ascending positions in the knowledge order. */
  positionsSaying(phrases: readonly (readonly string[])[]): number[] {
    return union(phrases.map((phrase) => this.saying(phrase)));
  }

  /** Whether some passage has the phrase word for word. */
  anySays(phrase: readonly string[]): boolean {
    return this.saying(phrase).length > 0;
  }

  /** Whether the passage has a word of this stem, as it is (no derived word read as another). */
  hasStem(passage: Passage, stemmed: string): boolean {
    const position = this.tables.positions.get(passage.id);
    const list = this.tables.postings.get(stemmed);
    return position !== undefined && list !== undefined && holds(list, position);
  }

  /**
   * `hasWords` for one set of words, worked out once to check many passages: whether the passage at a position
   * in the knowledge order has every one of them.
   */
  hasWordsAt(words: readonly string[]): (position: number) => boolean {
    const lists = words.map((word) => this.tables.postings.get(this.asUsed(stem(word))));
    return (position) => lists.every((list) => list !== undefined && holds(list, position));
  }

  /** Whether the passage has every one of the words, anywhere (stemmed). */
  hasWords(passage: Passage, words: readonly string[]): boolean {
    const position = this.tables.positions.get(passage.id);
    return position !== undefined && this.hasWordsAt(words)(position);
  }

  /** The passages that have every one of the words, anywhere (stemmed), in knowledge order. */
  passagesWith(words: readonly string[]): Passage[] {
    return this.positionsWith(words).map((position) => this.passageAt(position));
  }

  /** `passagesWith` as ascending positions in the knowledge order. */
  positionsWith(words: readonly string[]): number[] {
    return this.withWords(words, Number.POSITIVE_INFINITY);
  }

  /** The passages that have one of the words or more (stemmed), in knowledge order. */
  passagesWithAny(words: readonly string[]): Passage[] {
    const lists = [...new Set(words)].map((word) => this.positionsWith([word]));
    return union(lists).map((position) => this.passageAt(position));
  }

  /** Whether some passage has every one of the words. */
  anyHas(words: readonly string[]): boolean {
    return this.withWords(words, 1).length > 0;
  }

  /** Whether the knowledge uses this word anywhere: in a text, a deal's details, a title or the vocabulary. */
  knows(word: string): boolean {
    return this.tables.knownWords.has(stem(word));
  }

  /** Whether the knowledge never uses the word, nor a word it could be a slip of ("minerals", not "quantm"). */
  neverUses(word: string): boolean {
    return !this.knows(word) && !this.nearlyKnows(word);
  }

  /**
   * Whether the word is a typo of a word the knowledge uses (one or two letters off, by length); never one of the
   * common words meant as typed ("step" is no slip of "stem").
   */
  nearlyKnows(word: string): boolean {
    const allowance = typoAllowance(word.length);
    if (allowance === 0 || this.vocabulary.meantAsTyped.has(word)) return false;
    const stemmed = stem(word);
    for (const known of this.tables.knownWords) {
      if (known[0] === stemmed[0] && editDistance(stemmed, known, allowance) <= allowance) return true;
    }
    return false;
  }

  /** Deals named in the question, or the one a platform option picked, else none. */
  dealsAsked(query: ParsedQuery, options: AnswerOptions): DealId[] {
    if (options.deal && this.dealsById.has(options.deal)) return [options.deal];
    return query.deals;
  }

  /** The knowledge's own suggested questions, else each topic's example question. */
  offered(): Suggestion[] {
    const { suggestions, topics } = this.knowledge;
    return suggestions.length > 0
      ? suggestions.map((s) => ({ ...s }))
      : topics.map((topic) => ({ label: topic.example, query: topic.example }));
  }

  /** Topics by how many deals list them, most first: the ones worth naming in hints and examples. */
  commonTopics(): Topic[] {
    const listedBy = (id: string) => this.knowledge.deals.filter((deal) => deal.areas.includes(id)).length;
    return [...this.knowledge.topics].sort((a, b) => listedBy(b.id) - listedBy(a.id));
  }

  /**
   * The positions of the passages that have the phrase, each phrase worked out once and kept for the next
   * checks of the same question (a question checks the same names against many passages).
   */
  private saying(phrase: readonly string[]): readonly number[] {
    const target = phrase.map(stem).join("");
    const known = this.sayingCache.get(target);
    if (known) return known;
    const found =
      target === ""
        ? this.knowledge.passages.map((_, position) => position)
        : this.spellings(target).filter((position) => this.holdsAt(position, target));
    if (this.sayingCache.size >= SAYING_CACHE_SIZE) this.sayingCache.clear();
    this.sayingCache.set(target, found);
    return found;
  }

  /**
   * The passages with every word of some way to write the letters in known words ("jt60sa" as "jt" "60sa"): a
   * passage that has them run together has all of one such spelling. When the letters split too many ways,
   * the passages with a word that begins them and one that ends them.
   */
  private spellings(target: string): number[] {
    const { postings } = this.tables;
    // finishes[i]: whether the letters from i on can be written in known words, so no split runs into a dead end.
    const finishes = Array.from({ length: target.length + 1 }, (_, i) => i === target.length);
    for (let from = target.length - 1; from >= 0; from--) {
      for (let to = from + 1; to <= target.length && !finishes[from]; to++)
        finishes[from] = finishes[to] === true && postings.has(target.slice(from, to));
    }
    const spellings: Int32Array[][] = [];
    const split = (from: number, pieces: Int32Array[]): boolean => {
      if (from === target.length) {
        spellings.push(pieces);
        return spellings.length <= MAX_SPELLINGS;
      }
      for (let to = from + 1; to <= target.length; to++) {
        const list = finishes[to] ? postings.get(target.slice(from, to)) : undefined;
        if (list && !split(to, [...pieces, list])) return false;
      }
      return true;
    };
    if (split(0, [])) return union(spellings.map(intersection));
    const { starts, ends } = this.startsAndEnds(target);
    return union(starts).filter((position) => ends.some((list) => holds(list, position)));
  }

  /** The passages with a word that begins the letters and a word that ends them. */
  private startsAndEnds(target: string): { starts: Int32Array[]; ends: Int32Array[] } {
    const starts: Int32Array[] = [];
    const ends: Int32Array[] = [];
    for (let length = 1; length <= target.length; length++) {
      const start = this.tables.postings.get(target.slice(0, length));
      if (start) starts.push(start);
      const end = this.tables.postings.get(target.slice(target.length - length));
      if (end) ends.push(end);
    }
    return { starts, ends };
  }

  /**
   * Whether the passage's stemmed words hold `target` (a phrase's stems joined) word for word, whatever stood
   * between them: "JT-60SA", "jt60sa" and "jt 60sa" are one name. Reads the words where they are kept.
   */
  private holdsAt(position: number, target: string): boolean {
    const { words, wordStarts, stems } = this.tables;
    const end = wordStarts[position + 1] as number;
    for (let i = wordStarts[position] as number; i < end; i++) {
      let joined = "";
      for (let j = i; j < end && joined.length < target.length; j++) {
        joined += stems[words[j] as number];
        if (joined === target) return true;
        if (!target.startsWith(joined)) break;
      }
    }
    return false;
  }

  /**
   * A derived word the texts never use is looked for as the one they do use: "strategically" as "strategic",
   * "regional" as "region", "partnerships" as "partners", "stabilise" as "stability".
   */
  private asUsed(stemmed: string): string {
    if (this.tables.postings.has(stemmed) || stemmed.length < 7) return stemmed;
    for (const [ending, base] of DERIVED_ENDINGS) {
      const word = stemmed.replace(ending, base);
      if (word !== stemmed && this.tables.postings.has(word)) return word;
    }
    return stemmed;
  }

  /** The passages with the rarest of the words (stemmed), ascending: every passage with all of them is among them. */
  mayHave(words: readonly string[]): Int32Array {
    return words
      .map((word) => this.tables.postings.get(this.asUsed(stem(word))) ?? NO_POSITIONS)
      .reduce((a, b) => (b.length < a.length ? b : a), this.allPositions);
  }

  /** Every position in the knowledge order, made on the first question that needs them all. */
  private get allPositions(): Int32Array {
    if (!this.everyPosition) {
      this.everyPosition = new Int32Array(this.knowledge.passages.length);
      for (let position = 0; position < this.everyPosition.length; position++)
        this.everyPosition[position] = position;
    }
    return this.everyPosition;
  }
  private everyPosition: Int32Array | null = null;

  /** Up to `limit` passages with every word: the rarest word's passages, checked for the others. */
  private withWords(words: readonly string[], limit: number): number[] {
    const rarest = this.mayHave(words);
    if (words.length === 0) return Array.from(rarest.subarray(0, limit));
    const hasAll = this.hasWordsAt(words);
    const found: number[] = [];
    for (const position of rarest) {
      if (found.length >= limit) break;
      if (hasAll(position)) found.push(position);
    }
    return found;
  }

  private dealTopicPositions(deal: DealId, topic: string): Int32Array {
    let byTopic = this.positionsByDealTopic.get(deal);
    if (!byTopic) {
      byTopic = new Map();
      this.positionsByDealTopic.set(deal, byTopic);
    }
    let positions = byTopic.get(topic);
    if (!positions) {
      const passages =
        (deal === ANY_DEAL ? this.tables.byTopic : this.tables.byDeal.get(deal)?.byTopic)?.get(topic) ?? [];
      positions = this.toPositions(passages);
      byTopic.set(topic, positions);
    }
    return positions;
  }

  private toPositions(passages: readonly Passage[]): Int32Array {
    return Int32Array.from(passages, (passage) => this.tables.positions.get(passage.id) ?? 0);
  }

  /** The passage at a position in the knowledge order. */
  passageAt(position: number): Passage {
    return this.knowledge.passages[position] as Passage;
  }

  /** Lists of passages, each in knowledge order, merged into one in knowledge order, each passage once. */
  private inOrder(lists: readonly (readonly Passage[])[]): Passage[] {
    const nonEmpty = lists.filter((list) => list.length > 0);
    if (nonEmpty.length <= 1) return [...(nonEmpty[0] ?? [])];
    const positions = nonEmpty.map((list) =>
      list.map((passage) => this.tables.positions.get(passage.id) ?? 0),
    );
    return union(positions).map((position) => this.passageAt(position));
  }
}

/**
 * Each passage's flags (of one deal only, a quote, a later development), its first topic (its place in
 * `mainTopics`, -1 for none) and its source (a number for each), by position.
 */
function partsOf(passages: readonly Passage[]): PassageParts {
  const mainTopics: string[] = [];
  const places = new Map<string, number>();
  const sources = new Map<string, number>();
  const parts = {
    flags: new Uint8Array(passages.length),
    mainTopic: new Int32Array(passages.length),
    source: new Int32Array(passages.length),
  };
  passages.forEach((passage, position) => {
    parts.flags[position] =
      (passage.deals.length === 1 ? ONE_DEAL : 0) |
      (passage.kind === "quote" ? QUOTE : 0) |
      (passage.section === "development" ? DEVELOPMENT : 0);
    const [topic] = passage.topics;
    let place = topic === undefined ? -1 : places.get(topic);
    if (place === undefined) {
      place = mainTopics.push(topic as string) - 1;
      places.set(topic as string, place);
    }
    parts.mainTopic[position] = place;
    let source = sources.get(passage.sourceId);
    if (source === undefined) {
      source = sources.size;
      sources.set(passage.sourceId, source);
    }
    parts.source[position] = source;
  });
  return { ...parts, mainTopics, sourceIds: [...sources.keys()] };
}

/** `partsOf` a knowledge's passages. */
export type PassageParts = {
  flags: Uint8Array;
  mainTopic: Int32Array;
  mainTopics: readonly string[];
  source: Int32Array;
  /** The id of each source by its number in `source`. */
  sourceIds: readonly string[];
};
/** The bits of `PassageParts.flags`. */
export const ONE_DEAL = 1;
export const QUOTE = 2;
export const DEVELOPMENT = 4;

const NO_TOPICS: ReadonlySet<string> = new Set();
/** Where `positionsOn` keeps the passages on a topic whatever their deal. */
const ANY_DEAL = "";

/** Where each passage stands in an index of `indexed` ids, both ways; null when it is the same order. */
function placesOf(
  passages: readonly Passage[],
  indexed: readonly string[],
  positions: ReadonlyMap<string, number>,
): { ofPosition: Int32Array; ofPlace: Int32Array } | null {
  if (indexed.length === passages.length && passages.every((passage, i) => indexed[i] === passage.id))
    return null;
  const places = new Map(indexed.map((id, place) => [id, place]));
  return {
    ofPosition: Int32Array.from(passages, (passage) => places.get(passage.id) ?? -1),
    ofPlace: Int32Array.from(indexed, (id) => positions.get(id) ?? -1),
  };
}

const NO_POSITIONS = new Int32Array(0);

/** Whether an ascending list of positions holds the position. */
function holds(list: ArrayLike<number>, position: number): boolean {
  let low = 0;
  let high = list.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const at = list[middle] as number;
    if (at === position) return true;
    if (at < position) low = middle + 1;
    else high = middle - 1;
  }
  return false;
}

/** Ascending lists of positions as one ascending list, each position once. */
function union(lists: readonly ArrayLike<number>[]): number[] {
  if (lists.length <= 1) return Array.from(lists[0] ?? []);
  const sorted = new Int32Array(lists.reduce((total, list) => total + list.length, 0));
  let filled = 0;
  for (const list of lists) {
    sorted.set(list, filled);
    filled += list.length;
  }
  sorted.sort();
  const positions: number[] = [];
  for (let i = 0; i < sorted.length; i++)
    if (i === 0 || sorted[i - 1] !== sorted[i]) positions.push(sorted[i] as number);
  return positions;
}

/** The positions in every one of the ascending lists, ascending: the shortest list's, checked in the others. */
function intersection(lists: readonly Int32Array[]): number[] {
  const [shortest, ...others] = [...lists].sort((a, b) => a.length - b.length);
  return Array.from(shortest ?? []).filter((position) => others.every((list) => holds(list, position)));
}

/** How many ways to write a phrase's letters in known words are tried before reading it more broadly. */
const MAX_SPELLINGS = 64;
/** How many phrases' passages are kept: a question's names and phrases, and a few questions more. */
const SAYING_CACHE_SIZE = 64;
