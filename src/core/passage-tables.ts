import type { DealId, KnowledgeBase, Passage, Section, Source } from "./model.js";
import { eachToken, nodeAt, stem, TokenTable, tokenize } from "./text.js";
import { Aliases, writtenUnspaced } from "./vocabulary.js";

/**
 * A knowledge version's texts read word by word, as plain data and typed arrays: what the loader reads once (in
 * a worker thread on a reload) and hands over whole, so that building a bot reads no text.
 */
export type PassageWords = {
  /** The knowledge version read: words are taken only for the knowledge they were read from. */
  version: string;
  /** Every distinct token met, in the order met: the texts' (the first `textTokens` of them), then the descriptions'. */
  tokens: string[];
  textTokens: number;
  /** Every stem of the texts' tokens, in the order first read. */
  stems: string[];
  /** Each passage's words as indexes into `stems`, in order: passage p's run from `wordStarts[p]` to `wordStarts[p + 1]`. */
  words: Int32Array;
  wordStarts: Int32Array;
  /** Each stem's passages, ascending: stem s's run from `postingStarts[s]` to `postingStarts[s + 1]` of `postingPositions`. */
  postingStarts: Int32Array;
  postingPositions: Int32Array;
  /** Each distinct list of topics a passage is about (tagged, then mentioned), and each passage's (its place there). */
  topicLists: string[][];
  topicListAt: Int32Array;
};

/** The passages by deal, section, topic and word: what the lookups answer from, read in one pass. */
export type PassageTables = {
  /** Each passage's place in the knowledge order, by id. */
  positions: ReadonlyMap<string, number>;
  /** Each passage's topics (by position): those it is tagged with, then those its text mentions. */
  topicsAt: ReadonlySet<string>[];
  byTopic: Map<string, Passage[]>;
  byDeal: Map<DealId, DealTables>;
  /** Every stemmed word of the texts, and each passage's words as indexes into it, in order. */
  stems: string[];
  words: Int32Array;
  /** Passage p's words are `words[wordStarts[p]]` up to `words[wordStarts[p + 1]]`. */
  wordStarts: Int32Array;
  /** Each stemmed word's passages, as ascending positions (views of `PassageWords.postingPositions`). */
  postings: Map<string, Int32Array>;
  /** Every word of the texts as tokenised, unstemmed, each once. */
  tokens: readonly string[];
  sourcesById: Map<string, Source>;
  /** Every word the knowledge uses (stemmed): in a text, a deal's details, a title or the vocabulary. */
  knownWords: Set<string>;
};

/** How many passages are read between two points where the build may pause. */
const STEP = 64;
/** How many passages are filed between two such points: filing a passage is much cheaper than reading it. */
const FILE_STEP = 1024;

/** `readingWords` in one go. */
export function readWords(knowledge: KnowledgeBase): PassageWords {
  return toEnd(readingWords(knowledge));
}

/** Runs steps that may pause to their end, without pausing. */
export function toEnd<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * Reads every passage's text once: its words, their stems, and the topics it mentions; then the words of the
 * sources', deals' and topics' descriptions. Yields every few passages, so that a caller may let other work run.
 */
export function* readingWords(knowledge: KnowledgeBase): Generator<void, PassageWords> {
  const { passages } = knowledge;
  const aliases = Aliases.of(knowledge);
  const ambiguous = new Set(knowledge.ambiguousAliases.map((alias) => tokenize(alias).join(" ")));
  const reader = new WordReader(aliases, passages.length * 32);
  const wordStarts = new Int32Array(passages.length + 1);
  const topicLists = new TopicLists();
  const topicListAt = new Int32Array(passages.length);
  for (let position = 0; position < passages.length; position++) {
    if (position % STEP === 0 && position > 0) yield;
    const passage = passages[position] as Passage;
    reader.read(passage.text);
    wordStarts[position + 1] = reader.wordCount;
    // A passage is about the topics it is tagged with and those whose unambiguous aliases it mentions.
    const topics: string[] = [];
    for (const topic of passage.topics) if (!topics.includes(topic)) topics.push(topic);
    const unspaced = reader.textUnspaced ? passage.text : null;
    for (const mention of aliases.topicsIn(reader.textTokens, reader.aliasStarts, unspaced)) {
      if (!ambiguous.has(mention.words) && !topics.includes(mention.topic)) topics.push(mention.topic);
    }
    topicListAt[position] = topicLists.of(topics);
  }
  const words = reader.words.slice(0, reader.wordCount);
  const textTokens = reader.tokens.length;
  readDescriptions(knowledge, reader);
  return {
    version: knowledge.version,
    tokens: reader.tokens,
    textTokens,
    stems: reader.stems,
    words,
    wordStarts,
    ...postingsOf(reader.stems.length, words, wordStarts),
    topicLists: topicLists.lists,
    topicListAt,
  };
}

/**
 * Files every passage under its deals, sections and topics, from the words `readWords` read, yielding every
 * few passages so that a caller may let other work run in between; the tables are complete when it returns.
 * `indexed`: the passages' places as the search index has them, taken as they are when in the same order.
 */
export function* readPassages(
  knowledge: KnowledgeBase,
  read: PassageWords,
  indexed: ReadonlyMap<string, number>,
): Generator<void, PassageTables> {
  const { passages } = knowledge;
  if (read.version !== knowledge.version || read.topicListAt.length !== passages.length)
    throw new Error(
      `passage words of knowledge ${read.version} (${read.topicListAt.length} passages) do not belong to knowledge ${knowledge.version} (${passages.length} passages)`,
    );
  const shared = sameOrder(indexed, passages);
  const positions = shared ? indexed : new Map<string, number>();
  const topicSets = read.topicLists.map((topics) => new Set(topics));
  const tables: Omit<PassageTables, "stems" | "words" | "wordStarts" | "postings" | "tokens" | "knownWords"> =
    {
      positions,
      topicsAt: new Array(passages.length),
      byTopic: new Map(),
      byDeal: new Map(),
      sourcesById: new Map(),
    };
  const filing = new Filing(tables, read.topicLists);
  for (let position = 0; position < passages.length; position++) {
    if (position % FILE_STEP === 0 && position > 0) yield;
    const passage = passages[position] as Passage;
    if (!shared) (positions as Map<string, number>).set(passage.id, position);
    const list = read.topicListAt[position] as number;
    tables.topicsAt[position] = topicSets[list] as ReadonlySet<string>;
    filing.file(passage, list);
  }
  const postings = new Map<string, Int32Array>();
  for (const [at, word] of read.stems.entries()) {
    if (at % FILE_STEP === 0 && at > 0) yield;
    const from = read.postingStarts[at] as number;
    postings.set(word, read.postingPositions.subarray(from, read.postingStarts[at + 1]));
  }
  for (const source of knowledge.sources) tables.sourcesById.set(source.id, source);
  // The descriptions' words are known too: every token the reader met, stemmed.
  const knownWords = new Set(read.stems);
  for (let i = read.textTokens; i < read.tokens.length; i++) knownWords.add(stem(read.tokens[i] as string));
  return {
    ...tables,
    stems: read.stems,
    words: read.words,
    wordStarts: read.wordStarts,
    postings,
    tokens: read.tokens.slice(0, read.textTokens),
    knownWords,
  };
}

/** Whether the places hold every passage in order (checked on every few passages: a cheap guard). */
function sameOrder(positions: ReadonlyMap<string, number>, passages: readonly Passage[]): boolean {
  if (positions.size !== passages.length) return false;
  for (let at = 0; at < passages.length; at += STEP)
    if (positions.get((passages[at] as Passage).id) !== at) return false;
  return passages.length === 0 || positions.get((passages.at(-1) as Passage).id) === passages.length - 1;
}

/** Each stem's passages, as ascending positions: counted first, so that the lists are laid out at their sizes. */
function postingsOf(
  stemCount: number,
  words: Int32Array,
  wordStarts: Int32Array,
): Pick<PassageWords, "postingStarts" | "postingPositions"> {
  // Each passage met once under a stem, at its first word of it: as counted, so as filed.
  const eachStemOnce = (meet: (word: number, position: number) => void) => {
    const lastIn = new Int32Array(stemCount).fill(-1);
    for (let position = 0; position + 1 < wordStarts.length; position++)
      for (let at = wordStarts[position] as number; at < (wordStarts[position + 1] as number); at++) {
        const word = words[at] as number;
        if (lastIn[word] !== position) meet(word, position);
        lastIn[word] = position;
      }
  };
  const counts = new Int32Array(stemCount);
  eachStemOnce((word) => {
    counts[word] = (counts[word] as number) + 1;
  });
  const postingStarts = new Int32Array(stemCount + 1);
  for (let word = 0; word < stemCount; word++)
    postingStarts[word + 1] = (postingStarts[word] as number) + (counts[word] as number);
  const postingPositions = new Int32Array(postingStarts[stemCount] as number);
  const next = postingStarts.slice(0, stemCount);
  eachStemOnce((word, position) => {
    postingPositions[next[word] as number] = position;
    next[word] = (next[word] as number) + 1;
  });
  return { postingStarts, postingPositions };
}

/** Meets the words of the sources', deals' and topics' descriptions. */
function readDescriptions(knowledge: KnowledgeBase, reader: WordReader): void {
  const described = [
    ...knowledge.sources.flatMap((source) => [source.title, source.publisher, source.language]),
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
  for (const text of described) reader.meet(text);
}

/** A deal's lists, found together: its passages, by section and by topic, and the topics they are tagged with. */
type DealTables = {
  passages: Passage[];
  bySection: Map<Section, Passage[]>;
  byTopic: Map<string, Passage[]>;
  tagged: Set<string>;
};

type OnTopics = (Passage[][] | null)[];

/**
 * Files passages under their deals, sections and topics. Passages share a few lists of topics: the lists a
 * passage with a given list of topics joins are found once for that list, then taken by its number.
 */
class Filing {
  /**
   * By topic list: the lists of `byTopic` its passages join, null until one does (an entry for every list from
   * the start: an array written at scattered places would be kept as a slow dictionary).
   */
  private readonly onTopics: OnTopics;
  /** By deal: its tables, and the same lists of its `byTopic`. */
  private readonly deals = new Map<DealId, { own: DealTables; onTopics: OnTopics }>();

  constructor(
    private readonly tables: Pick<PassageTables, "byTopic" | "byDeal">,
    private readonly topicLists: readonly (readonly string[])[],
  ) {
    this.onTopics = this.noLists();
  }

  /** Files the passage, whose topics are topic list `list`. */
  file(passage: Passage, list: number): void {
    this.onTopics[list] ??= this.listsOn(this.tables.byTopic, list);
    for (const into of this.onTopics[list]) into.push(passage);
    for (const deal of passage.deals) {
      const { own, onTopics } = this.deals.get(deal) ?? this.open(deal);
      own.passages.push(passage);
      append(own.bySection, passage.section, passage);
      onTopics[list] ??= this.listsOn(own.byTopic, list);
      for (const into of onTopics[list]) into.push(passage);
      for (const topic of passage.topics) own.tagged.add(topic);
    }
  }

  private open(deal: DealId): { own: DealTables; onTopics: OnTopics } {
    const own: DealTables = { passages: [], bySection: new Map(), byTopic: new Map(), tagged: new Set() };
    this.tables.byDeal.set(deal, own);
    const opened = { own, onTopics: this.noLists() };
    this.deals.set(deal, opened);
    return opened;
  }

  private noLists(): OnTopics {
    return Array.from(this.topicLists, () => null);
  }

  /** The lists of `byTopic` for the topics of a topic list, each made when first needed. */
  private listsOn(byTopic: Map<string, Passage[]>, list: number): Passage[][] {
    return (this.topicLists[list] ?? []).map((topic) => {
      let into = byTopic.get(topic);
      if (!into) {
        into = [];
        byTopic.set(topic, into);
      }
      return into;
    });
  }
}

type TokenVisit = Parameters<typeof eachToken>[1];

/**
 * Reads texts word by word into stem indexes. Each distinct token is found by a hash of its characters in the
 * text, so a token met again makes no new string, and is stemmed, and checked for beginning an alias, once.
 */
class WordReader {
  private readonly table = new TokenTable();
  /** Every distinct token met, in the order met. */
  readonly tokens: string[] = this.table.tokens;
  /** Every stem of the tokens read (not only met), in the order first read. */
  readonly stems: string[] = [];
  /** The stem indexes of every text read, one after another. */
  words: Int32Array;
  wordCount = 0;
  /** The latest text read: its tokens, the places among them where an alias may begin, and whether one of them is `writtenUnspaced`. */
  readonly textTokens: string[] = [];
  readonly aliasStarts: number[] = [];
  textUnspaced = false;
  /** By token: its stem's index (-1 until read), whether an alias begins with it, and whether it is `writtenUnspaced`. */
  private readonly stemOf: number[] = [];
  private readonly beginsAlias: boolean[] = [];
  private readonly unspaced: boolean[] = [];
  private readonly stemIndexes = new Map<string, number>();

  constructor(
    private readonly aliases: Aliases,
    expectedWords: number,
  ) {
    this.words = new Int32Array(Math.max(1024, expectedWords));
  }

  /** Reads a text's words after those read before. */
  read(text: string): void {
    this.textTokens.length = 0;
    this.aliasStarts.length = 0;
    this.textUnspaced = false;
    eachToken(text, this.readToken);
  }

  /** Meets a text's tokens without reading it as words: they join `tokens`. */
  meet(text: string): void {
    eachToken(text, this.meetToken);
  }

  private readonly meetToken: TokenVisit = (lower, start, end, joined, hash) => {
    this.find(joined ?? lower, joined === null ? start : 0, joined?.length ?? end, hash);
  };

  private readonly readToken: TokenVisit = (lower, start, end, joined, hash) => {
    const token = this.find(joined ?? lower, joined === null ? start : 0, joined?.length ?? end, hash);
    let stemIndex = this.stemOf[token] as number;
    if (stemIndex < 0) stemIndex = this.stemToken(token);
    if (this.wordCount === this.words.length) {
      const grown = new Int32Array(this.words.length * 2);
      grown.set(this.words);
      this.words = grown;
    }
    this.words[this.wordCount++] = stemIndex;
    if (this.beginsAlias[token]) this.aliasStarts.push(this.textTokens.length);
    if (this.unspaced[token]) this.textUnspaced = true;
    this.textTokens.push(this.tokens[token] as string);
  };

  private stemToken(token: number): number {
    const word = stem(this.tokens[token] as string);
    let index = this.stemIndexes.get(word);
    if (index === undefined) {
      index = this.stems.length;
      this.stems.push(word);
      this.stemIndexes.set(word, index);
    }
    this.stemOf[token] = index;
    return index;
  }

  /** The index of the token `text.slice(start, end)` (whose hash `eachToken` gave), added when new. */
  private find(text: string, start: number, end: number, hash: number): number {
    const known = this.tokens.length;
    const token = this.table.find(text, start, end, hash);
    if (token === known) {
      const added = this.tokens[token] as string;
      this.stemOf.push(-1);
      this.beginsAlias.push(this.aliases.begins(added));
      this.unspaced.push(writtenUnspaced(added));
    }
    return token;
  }
}

/** Numbers each distinct list of topics (most passages share a few), found topic by topic in a tree of the lists met so far. */
class TopicLists {
  readonly lists: string[][] = [];
  private readonly root: TopicNode = { next: new Map() };

  of(topics: string[]): number {
    const node = nodeAt(this.root, topics);
    if (node.list === undefined) {
      node.list = this.lists.length;
      this.lists.push(topics);
    }
    return node.list;
  }
}

type TopicNode = { list?: number; next: Map<string, TopicNode> };

function append<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
