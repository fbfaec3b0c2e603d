import SearchableMap from "minisearch/SearchableMap";
import type {
  DealId,
  KnowledgeBase,
  Passage,
  PassageIndex,
  SearchHit,
  SearchOptions,
  SearchResults,
} from "../core/model.js";
import { HASH_SEED, hashWith, TokenTable, wordSet } from "../core/text.js";

/*
 * Full-text search over passages, scored as MiniSearch 7 scores an OR query (BM25+, k 1.2, b 0.7, d 0.5;
 * fields text ×2 and context ×1; a word of 4 letters or more also finds the words it begins, weighted
 * 0.375·len/(len + 0.3·extra), one of 5 or more those one edit away, weighted 0.45·len/(len + 1); a passage's
 * score times how many of the query's words it matched) with the same arithmetic in the same order, so
 * every score is the one MiniSearch gives. The index is flat arrays: for each word and field, the passages
 * holding it in ascending order with the times they hold it, and each passage's field lengths, so a query
 * reads only the postings of its words and skips passages of other deals without building anything for
 * them. MiniSearch's radix tree still finds the words a query word begins or is one edit from.
 */

/** Words that carry no meaning for retrieval; dropped at indexing and at query time alike. */
const STOP_WORDS = wordSet(
  "a an and are as at be by for from has have in is it its of on or that the this to was were will with",
);

/** A light stemmer, so "signing", "signed" and "signs" meet; short words are left alone. */
function stem(word: string): string {
  if (word.length <= 5) return word;
  if (word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  for (const suffix of ["ing", "ed", "es", "s"]) {
    if (word.endsWith(suffix) && !word.endsWith("ss") && word.length - suffix.length >= 4) {
      return word.slice(0, -suffix.length);
    }
  }
  return word;
}

/** A word as the index holds it, or null for a stop word. */
export const processTerm = (term: string): string | null => {
  const lower = term.toLowerCase();
  return STOP_WORDS.has(lower) ? null : stem(lower);
};

/** MiniSearch's tokenizer: any run of spaces, line breaks or punctuation separates words. */
const SPACE_OR_PUNCTUATION = /[\n\r\p{Z}\p{P}]+/u;
const SPACE_OR_PUNCTUATION_CHAR = /^[\n\r\p{Z}\p{P}]$/u;
/** By ASCII code: 1 where the character separates words. */
const ASCII_SEPARATORS = Uint8Array.from({ length: 0x80 }, (_, code) =>
  SPACE_OR_PUNCTUATION_CHAR.test(String.fromCharCode(code)) ? 1 : 0,
);
/** The indexed fields in order, and how much a match in each weighs. */
const FIELD_BOOSTS = [2, 1] as const; // text, context
const FIELDS = FIELD_BOOSTS.length;
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };
const PREFIX_WEIGHT = 0.375;
const FUZZY_WEIGHT = 0.45;
const prefixFrom = (term: string) => term.length >= 4;
const fuzzyFrom = (term: string) => term.length >= 5;

/** The index as flat data: what `serializePassageIndex` hands over and `loadPassageIndex` takes. */
type IndexData = {
  passageIds: string[];
  /** Each distinct set of deals passages belong to, and each passage's set (its place in that list). */
  dealSets: DealId[][];
  passageDealSet: Uint16Array;
  /** Every indexed word, in the order first met: the radix tree built in that order lists words as MiniSearch's. */
  terms: string[];
  /** Postings of word w in field f: `postingStarts[w * FIELDS + f]` up to the next start, into the two below. */
  postingStarts: Int32Array;
  postingPassages: Int32Array;
  postingCounts: Int32Array;
  /** Each passage's number of distinct tokens per field (`fieldLengths[p * FIELDS + f]`), and their averages. */
  fieldLengths: Int32Array;
  averageFieldLengths: number[];
};

/**
 * A built index as plain data, to hand from one thread to another: `postMessage` it with `buffersIn` of it as the
 * transfer list, so its typed arrays move without a copy.
 */
export type SerializedPassageIndex = IndexData;

/**
 * Builds the full-text index over passages. `contextFor` adds words that belong to a passage without being
 * in its text (its deal's names, its topics' labels), so "japan space" finds a sub-bullet that says only "Space".
 */
export function buildPassageIndex(
  passages: readonly Passage[],
  contextFor: (passage: Passage) => string,
): PassageIndex {
  return new FlatIndex(serializePassageIndex(passages, contextFor));
}

/** The index `serializePassageIndex` built, as it was handed over. */
export function loadPassageIndex(serialized: SerializedPassageIndex): PassageIndex {
  return new FlatIndex(serialized);
}

/**
 * Builds the index as `buildPassageIndex` does, as plain data for `loadPassageIndex`. Tokenises and counts as
 * MiniSearch's `add` does: a field's length is its number of distinct raw tokens. Passages with the same
 * context share its count, worked out once.
 */
export function serializePassageIndex(
  passages: readonly Passage[],
  contextFor: (passage: Passage) => string,
): SerializedPassageIndex {
  const termIds = new Map<string, number>();
  const terms: string[] = [];
  const fieldLengths = new Int32Array(passages.length * FIELDS);
  const averageFieldLengths: number[] = [0, 0];
  const dealSetIds = new Map<string, number>();
  const dealSets: DealId[][] = [];
  const passageDealSet = new Uint16Array(passages.length);
  const termOf = (token: string): number => {
    const term = processTerm(token);
    if (!term) return -1;
    let id = termIds.get(term);
    if (id === undefined) {
      id = terms.length;
      termIds.set(term, id);
      terms.push(term);
      for (let f = 0; f < FIELDS; f++) postings.push([]);
    }
    return id;
  };
  const counter = new FieldCounter(termOf);
  const contexts = new Map<string, FieldCount>();
  /** Per word and field: passages and counts, interleaved. */
  const postings: number[][] = [];
  const file = (at: number, field: number, { length, terms: met, counts }: FieldCount) => {
    fieldLengths[at * FIELDS + field] = length;
    const average = averageFieldLengths[field] ?? 0;
    averageFieldLengths[field] = (average * at + length) / (at + 1);
    for (let i = 0; i < met.length; i++)
      postings[(met[i] as number) * FIELDS + field]?.push(at, counts[i] as number);
  };
  passages.forEach((passage, at) => {
    const dealKey = passage.deals.join(" ");
    let dealSet = dealSetIds.get(dealKey);
    if (dealSet === undefined) {
      dealSet = dealSets.length;
      if (dealSet > 0xffff) throw new Error("search index: more than 65,536 distinct sets of deals");
      dealSetIds.set(dealKey, dealSet);
      dealSets.push([...passage.deals]);
    }
    passageDealSet[at] = dealSet;
    file(at, 0, counter.count(passage.text));
    const context = contextFor(passage);
    let counted = contexts.get(context);
    if (!counted) {
      counted = counter.count(context);
      contexts.set(context, {
        length: counted.length,
        terms: [...counted.terms],
        counts: [...counted.counts],
      });
    }
    file(at, 1, counted);
  });
  const postingStarts = new Int32Array(postings.length + 1);
  let total = 0;
  postings.forEach((list, at) => {
    postingStarts[at] = total;
    total += list.length / 2;
  });
  postingStarts[postings.length] = total;
  const postingPassages = new Int32Array(total);
  const postingCounts = new Int32Array(total);
  postings.forEach((list, at) => {
    let into = postingStarts[at] ?? 0;
    for (let i = 0; i < list.length; i += 2) {
      postingPassages[into] = list[i] ?? 0;
      postingCounts[into] = list[i + 1] ?? 0;
      into++;
    }
  });
  return {
    passageIds: passages.map((passage) => passage.id),
    dealSets,
    passageDealSet,
    terms,
    postingStarts,
    postingPassages,
    postingCounts,
    fieldLengths,
    averageFieldLengths,
  };
}

/** A field's number of distinct raw tokens, and the words it holds (first met first) with how often. */
type FieldCount = { length: number; terms: readonly number[]; counts: readonly number[] };

/**
 * Counts a field's tokens as `text.split(SPACE_OR_PUNCTUATION)` finds them (empty ones at either end included)
 * without making a string per token: each distinct raw token is found by a hash of its characters, made and
 * read as a word (`termOf`) once. Its result is reused by the next count.
 */
class FieldCounter {
  private readonly table = new TokenTable();
  /** By token: its word (-1 for none), and the latest count that met it. */
  private readonly tokenTerms: number[] = [];
  private readonly tokenMetIn: number[] = [];
  /** By word: the latest count that met it, and its place in that count's `terms`. */
  private readonly termMetIn: number[] = [];
  private readonly termPlace: number[] = [];
  private counts = 0;
  private readonly result = { length: 0, terms: [] as number[], counts: [] as number[] };

  constructor(private readonly termOf: (token: string) => number) {}

  count(text: string): FieldCount {
    const { result } = this;
    this.counts += 1;
    result.length = 0;
    result.terms.length = 0;
    result.counts.length = 0;
    let start = 0;
    let hash = HASH_SEED;
    let betweenTokens = false;
    for (let i = 0; i < text.length; ) {
      const code = text.charCodeAt(i);
      let width = 1;
      let separates: boolean;
      if (code < 0x80) separates = ASCII_SEPARATORS[code] === 1;
      else {
        const point = text.codePointAt(i) as number;
        if (point > 0xffff) width = 2;
        separates = SPACE_OR_PUNCTUATION_CHAR.test(String.fromCodePoint(point));
      }
      if (separates) {
        if (!betweenTokens) this.meet(text, start, i, hash);
        betweenTokens = true;
      } else {
        if (betweenTokens) {
          betweenTokens = false;
          start = i;
          hash = HASH_SEED;
        }
        hash = hashWith(hash, code);
        if (width === 2) hash = hashWith(hash, text.charCodeAt(i + 1));
      }
      i += width;
    }
    if (betweenTokens) this.meet(text, text.length, text.length, HASH_SEED);
    else this.meet(text, start, text.length, hash);
    return result;
  }

  private meet(text: string, start: number, end: number, hash: number): void {
    const token = this.find(text, start, end, hash);
    if (this.tokenMetIn[token] !== this.counts) {
      this.tokenMetIn[token] = this.counts;
      this.result.length++;
    }
    const term = this.tokenTerms[token] as number;
    if (term < 0) return;
    const { terms, counts } = this.result;
    if (this.termMetIn[term] !== this.counts) {
      this.termMetIn[term] = this.counts;
      this.termPlace[term] = terms.length;
      terms.push(term);
      counts.push(1);
    } else {
      const place = this.termPlace[term] as number;
      counts[place] = (counts[place] as number) + 1;
    }
  }

  /** The index of the token `text.slice(start, end)`, read as a word when new. */
  private find(text: string, start: number, end: number, hash: number): number {
    const known = this.table.tokens.length;
    const token = this.table.find(text, start, end, hash);
    if (token === known) {
      const term = this.termOf(this.table.tokens[token] as string);
      this.tokenTerms.push(term);
      this.tokenMetIn.push(-1);
      while (this.termMetIn.length <= term) {
        this.termMetIn.push(-1);
        this.termPlace.push(0);
      }
    }
    return token;
  }
}

/** A word of the index a query word reaches, and how much a match through it weighs. */
type Reach = { term: number; weight: number };
/** One query word: the words it reaches, and whether an earlier query word was the same. */
type QueryWord = { reaches: Reach[]; repeated: boolean };

class FlatIndex implements PassageIndex {
  readonly positions: Map<string, number>;
  private readonly words = new SearchableMap<number>();
  /** Query word → the words it reaches: a question's words recur, their expansions need not be found again. */
  private readonly reachCache = new Map<string, Reach[]>();
  /** One query word's running score per passage, and the passages it met in order: reused by every search. */
  private readonly wordScores: Float64Array;
  private readonly met: Int32Array;
  /**
   * The latest search's score and number of words matched per passage (zero where it matched nothing), and
   * the passages it matched: kept for the latest search only, so a search costs what it matches, not an
   * array the size of the knowledge.
   */
  private readonly scores: Float64Array;
  private readonly matched: Uint16Array;
  private latestOrder: number[] = [];
  private searches = 0;

  constructor(private readonly data: IndexData) {
    this.positions = new Map(data.passageIds.map((id, at) => [id, at]));
    data.terms.forEach((term, id) => {
      this.words.set(term, id);
    });
    const count = data.passageIds.length;
    this.wordScores = new Float64Array(count);
    this.met = new Int32Array(count);
    this.scores = new Float64Array(count);
    this.matched = new Uint16Array(count);
  }

  get passageIds(): readonly string[] {
    return this.data.passageIds;
  }

  search(text: string, options: SearchOptions = {}): SearchResults {
    const deals = options.deals && options.deals.length > 0 ? [...options.deals] : null;
    const { asTyped } = options;
    const { order, best } = this.score(text, deals, asTyped);
    let scored = this.searches;
    // A later search has replaced these scores: score this one again (same words, same results).
    const current = () => {
      if (scored !== this.searches) {
        this.score(text, deals, asTyped);
        scored = this.searches;
      }
    };
    const idsOf = this.data.passageIds;
    let ids: string[] | null = null;
    const results: SearchResults = {
      best,
      get passageIds() {
        ids ??= order.map((place) => idsOf[place] as string);
        return ids;
      },
      places: order,
      scoreAt: (place) => {
        current();
        return this.scores[place] ?? 0;
      },
      termsMatchedAt: (place) => {
        current();
        return this.matched[place] ?? 0;
      },
      hit: (passageId: string): SearchHit | undefined => {
        const place = this.positions.get(passageId);
        const termsMatched = place === undefined ? 0 : results.termsMatchedAt(place);
        if (place === undefined || termsMatched === 0) return undefined;
        return { passageId, score: results.scoreAt(place), termsMatched };
      },
    };
    return results;
  }

  /** Scores the passages matching the text (of the deals, if any) into `scores` and `matched`. */
  private score(
    text: string,
    deals: readonly DealId[] | null,
    asTyped?: ReadonlySet<string>,
  ): { order: number[]; best: number } {
    const { data, scores, matched, wordScores, met } = this;
    for (const passage of this.latestOrder) {
      scores[passage] = 0;
      matched[passage] = 0;
    }
    this.searches += 1;
    const count = data.passageIds.length;
    const allowed = deals ? data.dealSets.map((set) => set.some((deal) => deals.includes(deal))) : null;
    const order: number[] = [];
    this.latestOrder = order;
    for (const word of this.queryWords(text, asTyped)) {
      let metCount = 0;
      for (const { term, weight } of word.reaches) {
        for (let field = 0; field < FIELDS; field++) {
          const start = data.postingStarts[term * FIELDS + field] ?? 0;
          const end = data.postingStarts[term * FIELDS + field + 1] ?? 0;
          if (start === end) continue;
          const matchingCount = end - start;
          const invDocFreq = Math.log(1 + (count - matchingCount + 0.5) / (matchingCount + 0.5));
          const fieldWeight = weight * (FIELD_BOOSTS[field] ?? 1);
          const averageLength = data.averageFieldLengths[field] ?? 1;
          for (let at = start; at < end; at++) {
            const passage = data.postingPassages[at] as number;
            if (allowed && !allowed[data.passageDealSet[passage] as number]) continue;
            const termFreq = data.postingCounts[at] as number;
            const fieldLength = data.fieldLengths[passage * FIELDS + field] as number;
            const { k, b, d } = BM25;
            const rawScore =
              invDocFreq *
              (d + (termFreq * (k + 1)) / (termFreq + k * (1 - b + (b * fieldLength) / averageLength)));
            const weighted = fieldWeight * rawScore;
            if (wordScores[passage] === 0) {
              met[metCount++] = passage;
              wordScores[passage] = weighted;
            } else wordScores[passage] = (wordScores[passage] as number) + weighted;
          }
        }
      }
      for (let i = 0; i < metCount; i++) {
        const passage = met[i] as number;
        if (matched[passage] === 0) {
          order.push(passage);
          scores[passage] = wordScores[passage] as number;
          matched[passage] = 1;
        } else {
          scores[passage] = (scores[passage] as number) + (wordScores[passage] as number);
          if (!word.repeated) matched[passage] = (matched[passage] as number) + 1;
        }
        wordScores[passage] = 0;
      }
    }
    let best = 0;
    for (const passage of order) {
      const score = (scores[passage] as number) * (matched[passage] as number);
      scores[passage] = score;
      if (score > best) best = score;
    }
    return { order, best };
  }

  /** The query's words as MiniSearch reads them: tokenised, stop words dropped, stemmed. */
  private queryWords(text: string, asTyped?: ReadonlySet<string>): QueryWord[] {
    const words: QueryWord[] = [];
    const seen = new Set<string>();
    for (const token of text.split(SPACE_OR_PUNCTUATION)) {
      const term = processTerm(token);
      if (!term) continue;
      const fuzzy = !asTyped?.has(token.toLowerCase());
      words.push({ reaches: this.reaches(term, fuzzy), repeated: seen.has(term) });
      seen.add(term);
    }
    return words;
  }

  /**
   * The indexed words a query word reaches, in MiniSearch's order: itself, then the longer words it begins,
   * then those one edit away that it does not begin.
   */
  private reaches(term: string, fuzzyAllowed = true): Reach[] {
    const key = fuzzyAllowed ? term : `${term}\u0000`;
    const cached = this.reachCache.get(key);
    if (cached) return cached;
    const reaches: Reach[] = [];
    const exact = this.words.get(term);
    if (exact !== undefined) reaches.push({ term: exact, weight: 1 });
    const fuzzy = fuzzyAllowed && fuzzyFrom(term) ? this.words.fuzzyGet(term, 1) : undefined;
    if (prefixFrom(term)) {
      for (const [word, id] of this.words.atPrefix(term)) {
        const distance = word.length - term.length;
        if (!distance) continue;
        fuzzy?.delete(word);
        reaches.push({ term: id, weight: (PREFIX_WEIGHT * word.length) / (word.length + 0.3 * distance) });
      }
    }
    for (const [word, [id, distance]] of fuzzy ?? []) {
      if (!distance) continue;
      reaches.push({ term: id, weight: (FUZZY_WEIGHT * word.length) / (word.length + distance) });
    }
    if (this.reachCache.size >= 10_000) this.reachCache.clear();
    this.reachCache.set(key, reaches);
    return reaches;
  }
}

/**
 * Words a passage belongs to without containing them: its deals' partner names and its topics' labels.
 * Aliases stay out: the core reads them before searching, and a small index keeps fuzzy search fast.
 */
export function indexContext(knowledge: KnowledgeBase): (passage: Passage) => string {
  const dealWords = new Map(knowledge.deals.map((deal) => [deal.id, `${deal.id} ${deal.partner}`]));
  const topicWords = new Map(knowledge.topics.map((topic) => [topic.id, topic.label]));
  return (passage) =>
    [
      ...passage.deals.map((deal) => dealWords.get(deal)),
      ...passage.topics.map((topic) => topicWords.get(topic)),
    ]
      .filter(Boolean)
      .join(" ");
}
