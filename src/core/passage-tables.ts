import type { DealId, KnowledgeBase, Passage, Section, Source } from "./model.js";
import { eachToken, stem, tokenize } from "./text.js";
import type { Aliases } from "./vocabulary.js";

/** The passages by deal, section, topic and word: what the lookups answer from, read in one pass. */
export type PassageTables = {
  /** Each passage's place in the knowledge order, by id. */
  positions: Map<string, number>;
  /** Each passage's topics (by position): those it is tagged with, then those its text mentions. */
  topicsAt: ReadonlySet<string>[];
  byTopic: Map<string, Passage[]>;
  byDeal: Map<DealId, Passage[]>;
  byDealSection: Map<DealId, Map<Section, Passage[]>>;
  byDealTopic: Map<DealId, Map<string, Passage[]>>;
  /** The topics a deal's own passages are tagged with. */
  topicsTagged: Map<DealId, Set<string>>;
  /** Every stemmed word of the texts, and each passage's words as indexes into it, in order. */
  stems: string[];
  words: Int32Array;
  /** Passage p's words are `words[wordStarts[p]]` up to `words[wordStarts[p + 1]]`. */
  wordStarts: Int32Array;
  /** Each stemmed word's passages, as ascending positions. */
  postings: Map<string, number[]>;
  /** Every word of the texts as tokenised, unstemmed, each once. */
  tokens: readonly string[];
  sourcesById: Map<string, Source>;
  /** Every word the knowledge uses (stemmed): in a text, a deal's details, a title or the vocabulary. */
  knownWords: Set<string>;
};

/** How many passages are read between two points where the build may pause. */
const STEP = 64;

/**
 * Reads every passage once (its words, stems and the topics it mentions) into the tables, yielding every few
 * passages so that a caller may let other work run in between; the tables are complete when it returns.
 */
export function* readPassages(knowledge: KnowledgeBase, aliases: Aliases): Generator<void, PassageTables> {
  const { passages } = knowledge;
  const ambiguous = new Set(knowledge.ambiguousAliases.map((alias) => tokenize(alias).join(" ")));
  const tables: PassageTables = {
    positions: new Map(),
    topicsAt: [],
    byTopic: new Map(),
    byDeal: new Map(),
    byDealSection: new Map(),
    byDealTopic: new Map(),
    topicsTagged: new Map(),
    stems: [],
    words: new Int32Array(0),
    wordStarts: new Int32Array(passages.length + 1),
    postings: new Map(),
    tokens: [],
    sourcesById: new Map(),
    knownWords: new Set(),
  };
  const tokenTable = new TokenTable();
  /** Each stem met: its index in `stems` and its passages. */
  const stems = new Map<string, { index: number; passages: number[] }>();
  /** Each token's stem, by the token's index in the table. */
  const stemOfToken: Array<{ index: number; passages: number[] }> = [];
  const topicSets = new Map<string, ReadonlySet<string>>();
  let words = new Int32Array(Math.max(1024, passages.length * 32));
  let wordCount = 0;
  let position = 0;
  /** The passage's tokens: one array, emptied for each passage. */
  const tokens: string[] = [];
  const read = (lower: string, start: number, end: number, joined: string | null) => {
    const token =
      joined === null ? tokenTable.find(lower, start, end) : tokenTable.find(joined, 0, joined.length);
    let stemmed = stemOfToken[token];
    if (!stemmed) {
      const word = stem(tokenTable.tokens[token] as string);
      stemmed = stems.get(word);
      if (!stemmed) {
        stemmed = { index: tables.stems.length, passages: [] };
        stems.set(word, stemmed);
        tables.stems.push(word);
        tables.postings.set(word, stemmed.passages);
      }
      stemOfToken.push(stemmed);
    }
    if (wordCount === words.length) {
      const grown = new Int32Array(words.length * 2);
      grown.set(words);
      words = grown;
    }
    words[wordCount++] = stemmed.index;
    if (stemmed.passages[stemmed.passages.length - 1] !== position) stemmed.passages.push(position);
    tokens.push(tokenTable.tokens[token] as string);
  };
  for (position = 0; position < passages.length; position++) {
    if (position % STEP === 0 && position > 0) yield;
    const passage = passages[position] as Passage;
    tables.positions.set(passage.id, position);
    tokens.length = 0;
    eachToken(passage.text, read);
    tables.wordStarts[position + 1] = wordCount;
    // A passage is about the topics it is tagged with and those whose unambiguous aliases it mentions.
    const topics: string[] = [];
    for (const topic of passage.topics) if (!topics.includes(topic)) topics.push(topic);
    for (const mention of aliases.topicsIn(tokens, passage.text)) {
      if (!ambiguous.has(mention.words) && !topics.includes(mention.topic)) topics.push(mention.topic);
    }
    tables.topicsAt.push(sharedSet(topicSets, topics));
    index(tables, passage, topics);
  }
  tables.words = words.slice(0, wordCount);
  tables.tokens = tokenTable.tokens;
  tables.knownWords = new Set(tables.stems);
  yield* readDescriptions(knowledge, tables);
  return tables;
}

/** The sources by id, and the words of the sources', deals' and topics' descriptions among the known words. */
function* readDescriptions(knowledge: KnowledgeBase, tables: PassageTables): Generator<void> {
  const seen = new Set<string>();
  const learn = (text: string) => {
    for (const word of tokenize(text)) {
      if (seen.has(word)) continue;
      seen.add(word);
      tables.knownWords.add(stem(word));
    }
  };
  for (const [i, source] of knowledge.sources.entries()) {
    if (i % STEP === 0 && i > 0) yield;
    tables.sourcesById.set(source.id, source);
    learn(source.title);
    learn(source.publisher);
  }
  const described = [
    ...knowledge.deals.flatMap((deal) => [
      deal.name,
      deal.partner,
      deal.document.title,
      deal.signed.place,
      ...deal.aliases,
      ...deal.signatories.flatMap((signatory) => [signatory.name, signatory.office]),
    ]),
    ...knowledge.topics.flatMap((topic) => [topic.label, ...topic.aliases, ...topic.names]),
  ];
  for (const text of described) learn(text);
}

/** Files the passage under its deals, sections and topics. */
function index(tables: PassageTables, passage: Passage, topics: readonly string[]): void {
  for (const topic of topics) append(tables.byTopic, topic, passage);
  for (const deal of passage.deals) {
    append(tables.byDeal, deal, passage);
    append(inner(tables.byDealSection, deal), passage.section, passage);
    const byTopic = inner(tables.byDealTopic, deal);
    for (const topic of topics) append(byTopic, topic, passage);
    const tagged = tables.topicsTagged.get(deal) ?? new Set();
    for (const topic of passage.topics) tagged.add(topic);
    tables.topicsTagged.set(deal, tagged);
  }
}

/**
 * Distinct tokens, each with its index, found by a hash of its characters in the text, so that a token met
 * again makes no new string.
 */
class TokenTable {
  readonly tokens: string[] = [];
  private readonly hashes: number[] = [];
  /** Open addressing: a token's index plus one, 0 for a free slot; never more than half full. */
  private slots = new Int32Array(1024);

  /** The index of the token `text.slice(start, end)`, added when new. */
  find(text: string, start: number, end: number): number {
    let hash = 0x811c9dc5;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = (this.slots[slot] as number) - 1;
      if (entry < 0) return this.add(text.slice(start, end), hash, slot);
      const token = this.tokens[entry] as string;
      if (this.hashes[entry] === hash && token.length === end - start && text.startsWith(token, start))
        return entry;
    }
  }

  private add(token: string, hash: number, slot: number): number {
    const index = this.tokens.length;
    this.tokens.push(token);
    this.hashes.push(hash);
    this.slots[slot] = index + 1;
    if (this.tokens.length * 2 > this.slots.length) this.grow();
    return index;
  }

  private grow(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    this.hashes.forEach((hash, index) => {
      let slot = hash & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = index + 1;
    });
    this.slots = slots;
  }
}

/** One Set for every passage with the same topics in the same order: most passages share a few. */
function sharedSet(sets: Map<string, ReadonlySet<string>>, topics: readonly string[]): ReadonlySet<string> {
  const key = topics.join("\n");
  let set = sets.get(key);
  if (!set) {
    set = new Set(topics);
    sets.set(key, set);
  }
  return set;
}

function inner<K, L, V>(map: Map<K, Map<L, V>>, key: K): Map<L, V> {
  let found = map.get(key);
  if (!found) {
    found = new Map();
    map.set(key, found);
  }
  return found;
}

function append<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
