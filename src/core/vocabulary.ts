import type { Reading } from "./answer.js";
import {
  type DealId,
  type KnowledgeBase,
  NOT_KNOWN_AS_WORDS,
  type OtherLanguages,
  type Phrasing,
  type Section,
} from "./model.js";
import {
  editDistance,
  FILLER_WORDS,
  indexInside,
  indexOfSequence,
  nodeAt,
  once,
  setOf,
  startingIn,
  stem,
  tokenize,
  typoAllowance,
} from "./text.js";

/** What an alias stands for; `name` marks a named body, programme or place of a topic ("riken", "jt-60sa"). */
type Term = { kind: "deal" | "topic" | "country"; id: string; name?: boolean; written?: string[] };

/** A named thing found in a question, with the deal named just before it ("Korea AI Safety Institute"). */
export type NameMatch = {
  /** The name as asked, with the deal before it: for sentences. */
  words: string[];
  /** How a text may write the name ("iss" and "international space station"), without the qualifying deal. */
  forms: string[][];
  /** The qualifying deal's word as asked ("korea"), or none. */
  qualifierWords: string[];
  topic: string;
  qualifier: DealId | null;
  /** Token positions of the name in the question. */
  start: number;
  end: number;
};

type VocabularyMatch = {
  readings: Reading[];
  consumed: Set<number>;
  /** Token positions covered by aliases of two or more words ("legal status"), which outrank intent cues. */
  inPhrases: Set<number>;
  names: NameMatch[];
  /** Deals read only as part of a name ("Korea" in "Korea AI Safety Institute", "UK" in "UK Space Agency"). */
  qualifiers: Set<DealId>;
};

/** The positions from `at` on, `length` of them. */
const takenFrom = (at: number, length: number) => Array.from({ length }, (_, i) => at + i);
/** For `some` with the set as `this`: whether the position is in it. */
function isIn(this: ReadonlySet<number>, position: number): boolean {
  return this.has(position);
}

const LONGEST_ALIAS_TOKENS = 6;
const NO_POSITIONS: ReadonlySet<number> = new Set();
type Found = { reading: Reading; length: number; name: boolean; written?: string[] };
/** Aliases word by word: the term an alias ending here stands for, and the words that may follow. */
type PhraseNode = { term?: Term; next: Map<string, PhraseNode> };
/** Scripts written without spaces between words: their aliases are found as substrings of the question. */
const UNSPACED_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
/** The blocks every character of those scripts is in (and a few more): a quick test that rules most texts out. */
const MAYBE_UNSPACED = /[\u1100-\u11ff\u2e80-\u9fff\ua960-\ua97f\uac00-\udfff\uf900-\ufaff\uff66-\uffdc]/;

/** Whether a token is written in a script without spaces, whose aliases are found inside longer words. */
export const writtenUnspaced = (token: string) => MAYBE_UNSPACED.test(token) && UNSPACED_SCRIPT.test(token);

/** What the knowledge calls its deals, topics and other countries, word by word. */
export class Aliases {
  /** The knowledge's aliases, built once per knowledge version (the loader and the bot read the same). */
  static readonly of = once((knowledge: KnowledgeBase) => new Aliases(knowledge));

  readonly phrases = new Map<string, Term>();
  /** The same aliases as a tree of words, so the longest alias at a position is found in one walk. */
  private readonly phraseTree: PhraseNode = { next: new Map() };
  readonly singleWords: Array<{ word: string; term: Term }> = [];
  readonly unspaced: Array<{ alias: string; term: Term }> = [];

  private constructor(knowledge: KnowledgeBase) {
    // Later additions win on clashes; deals are added last so a deal alias always reads as the deal.
    for (const country of knowledge.otherCountries) this.add(country, { kind: "country", id: country });
    for (const topic of knowledge.topics) {
      for (const alias of [topic.id, topic.label, ...topic.aliases])
        this.add(alias, { kind: "topic", id: topic.id });
      for (const entry of topic.names) {
        // "iss (international space station)": typed as "iss", written in the texts as the words in brackets.
        const [, typed = entry, written = typed] = /^(.*?)\s*(?:\((.+)\))?$/.exec(entry) ?? [];
        this.add(typed, { kind: "topic", id: topic.id, name: true, written: tokenize(written) });
      }
    }
    for (const deal of knowledge.deals) {
      for (const alias of [deal.id, deal.partner, ...deal.aliases])
        this.add(alias, { kind: "deal", id: deal.id });
    }
  }

  private add(alias: string, term: Term): void {
    if (UNSPACED_SCRIPT.test(alias)) {
      this.unspaced.push({ alias: alias.toLowerCase(), term });
      return;
    }
    const tokens = tokenize(alias);
    if (tokens.length === 0 || tokens.length > LONGEST_ALIAS_TOKENS) return;
    const key = tokens.join(" ");
    this.phrases.set(key, term);
    nodeAt(this.phraseTree, tokens).term = term;
    if (tokens.length === 1 && key.length >= 4 && !FILLER_WORDS.has(key)) {
      this.singleWords.push({ word: key, term });
    }
  }

  /** The longest alias that starts at `start`, word for word. */
  phraseAt(tokens: readonly string[], start: number): { words: string; term: Term; length: number } | null {
    const longest = this.longestAliasAt(tokens, start);
    return longest && { words: tokens.slice(start, start + longest.length).join(" "), ...longest };
  }

  /** Whether some alias begins with this word. */
  begins(token: string): boolean {
    return this.phraseTree.next.has(token);
  }

  /**
   * The topic aliases a text of the knowledge mentions word for word, as `match` reads them (longest first),
   * without what only a question needs: its words are the knowledge's own, so none is read as a typo.
   * `starts`: the places, in order, of the tokens some alias `begins` with (no other place can start one);
   * `text`: the whole text when one of its tokens is `writtenUnspaced`, else null (no such alias can be in it).
   */
  topicsIn(
    tokens: readonly string[],
    starts: readonly number[],
    text: string | null,
  ): Array<{ words: string; topic: string }> {
    const found: Array<{ words: string; topic: string }> = [];
    let free = 0;
    for (const start of starts) {
      if (start < free) continue;
      const alias = this.longestAliasAt(tokens, start);
      if (alias?.term.kind === "topic") {
        const words =
          alias.length === 1
            ? (tokens[start] as string)
            : tokens.slice(start, start + alias.length).join(" ");
        found.push({ words, topic: alias.term.id });
      }
      free = start + (alias?.length ?? 1);
    }
    if (text !== null) {
      const lower = text.toLowerCase();
      for (const { alias, term } of this.unspaced)
        if (term.kind === "topic" && lower.includes(alias)) found.push({ words: alias, topic: term.id });
    }
    return found;
  }

  private longestAliasAt(tokens: readonly string[], start: number): { term: Term; length: number } | null {
    let node: PhraseNode | undefined = this.phraseTree;
    let longest: { term: Term; length: number } | null = null;
    for (let at = start; at < tokens.length; at++) {
      node = node.next.get(tokens[at] as string);
      if (!node) break;
      if (node.term) longest = { term: node.term, length: at - start + 1 };
    }
    return longest;
  }
}

/** Recognises deals, topics and other countries in a question by their aliases, tolerating typos. */
export class Vocabulary {
  private readonly sections: Array<{ id: Section; tokens: string[]; unspaced: boolean }>;
  /** The words of each section alias written with spaces (none for the others), and where the others are. */
  private readonly sectionWords: string[][];
  private readonly unspacedSections: number[];
  private readonly notSections: string[][];
  readonly publishers: KnowledgeBase["publishers"];
  /** Words the knowledge itself uses: such a word is never a typo of something else. */
  private readonly knownWords: Set<string>;
  /**
   * The common words (`english`): searched as typed and with the words they begin, never as a word of the texts
   * one letter away ("competing" is not "computing", "Times" not "ties").
   */
  readonly meantAsTyped: ReadonlySet<string>;
  /** The aliases of one word that are known words: what a typo in an English question may stand for. */
  private readonly singleWordsUsed: Aliases["singleWords"];
  /** How questions are phrased (which-deal, yes/no, framing words …), tokenised like questions are. */
  readonly phrasing: Phrasing;
  /** What tells a question in another language (written as its tokens: "est ce que"). */
  readonly otherLanguages: OtherLanguages;
  /** Each topic's first alias: the English word a topic asked in another language is looked for by. */
  private readonly firstAliases: Map<string, string>;
  /** The deals signed in each part of the world named in one word ("asia"), as a stem. */
  private readonly regionDeals = new Map<string, DealId[]>();

  /** `textWords`: every word of the knowledge's texts, as tokenised. */
  constructor(
    knowledge: KnowledgeBase,
    private readonly aliases: Aliases,
    textWords: Iterable<string>,
  ) {
    this.sections = knowledge.sectionAliases.flatMap(({ id, aliases }) =>
      aliases.map(tokenize).map((tokens) => ({ id, tokens, unspaced: writtenUnspaced(tokens[0] ?? "") })),
    );
    this.sectionWords = this.sections.map((section) => (section.unspaced ? [] : section.tokens));
    this.unspacedSections = this.sections.flatMap((section, k) => (section.unspaced ? [k] : []));
    this.notSections = knowledge.notSections.map(tokenize);
    this.publishers = knowledge.publishers;
    // A stem ("paus*") keeps its star.
    const words = (list: readonly string[]) =>
      list.map((phrase) => `${tokenize(phrase).join(" ")}${phrase.endsWith("*") ? "*" : ""}`);
    const { propertyTopics, ...lists } = knowledge.phrasing;
    const asTokens = Object.entries(lists).map(([list, phrases]) => [list, words(phrases)]);
    this.phrasing = { ...(Object.fromEntries(asTokens) as Omit<Phrasing, "propertyTopics">), propertyTopics };
    this.firstAliases = new Map(knowledge.topics.map((topic) => [topic.id, topic.aliases[0] ?? topic.id]));
    this.otherLanguages = knowledge.otherLanguages;
    for (const deal of knowledge.deals)
      for (const region of deal.signed.regions.filter((words) => tokenize(words).length === 1))
        this.regionDeals.set(stem(region), [...(this.regionDeals.get(stem(region)) ?? []), deal.id]);
    this.knownWords = new Set(textWords);
    this.meantAsTyped = new Set(this.phrasing.english);
    // A word naming a section ("quit") is meant as written, never a typo of a topic's alias ("qubit").
    for (const section of this.sections) for (const word of section.tokens) this.knownWords.add(word);
    for (const [name, list] of Object.entries(this.phrasing))
      if (!(NOT_KNOWN_AS_WORDS as readonly string[]).includes(name))
        for (const phrase of list) for (const word of phrase.split(" ")) this.knownWords.add(word);
    for (const word of FILLER_WORDS) this.knownWords.add(word);
    this.singleWordsUsed = aliases.singleWords.filter(({ word }) => this.knownWords.has(word));
  }

  /** The English alias a topic is looked for by in the texts ("binding" for legal status). */
  englishAlias = (topic: string): string => this.firstAliases.get(topic) ?? topic;

  /** Whether the knowledge or the phrasing of questions uses the word as it is. */
  uses(word: string): boolean {
    return this.knownWords.has(word);
  }

  /**
   * The word a typo stands for ("tehc" → "tech", "nucleer" → "nuclear", "wen" → "when"): the one word of the
   * knowledge, of how questions are phrased, or of `cueWords` that the token is one slip of typing away from
   * (`isSlip`). A word it knows, a number, a word the aliases read (with their own tolerance) and a word with
   * two such candidates stay as typed. Words under five letters only become cues, and three-letter ones only
   * question words ("wen" → "when", "wat" → "what"): short words have too many neighbours.
   */
  spelled(token: string, cueWords: ReadonlySet<string>): string {
    const known = (word: string) => this.knownWords.has(word) || cueWords.has(word);
    // "promise", of the texts' "promises", is a word they use in another form, no slip of "premise".
    if (token.length < 3 || !/^[a-z]+$/.test(token) || known(token) || known(stem(token))) return token;
    if (["s", "d", "es"].some((ending) => known(`${token}${ending}`))) return token;
    // "onr": an alias of its own is read as typed, never as a slip of another word ("nor").
    if (this.aliases.phrases.has(token)) return token;
    // "teh", "adn", "deel": a short word of no substance mistyped, which no other reading would find.
    const swapped = token.length <= 4 ? fillerTypo(token, setOf(this.phrasing.dealNouns)) : undefined;
    if (swapped) return swapped;
    const candidates = new Set<string>();
    for (const word of cuesByFirstLetter(cueWords).get(token[0] as string) ?? [])
      if (isSlip(token, word) && (token.length > 3 || word.startsWith("wh"))) candidates.add(word);
    if (token.length >= 5)
      for (const word of this.wordsStarting(token[0] as string))
        if (isSlip(token, word)) candidates.add(word);
    const [only, ...others] = candidates;
    const meaning = setOf(this.phrasing.meaningWords);
    const reversesMeaning = meaning.has(token) || (only !== undefined && meaning.has(only));
    return only !== undefined && others.length === 0 && !reversesMeaning && !this.closestWord(token, false)
      ? only
      : token;
  }

  /** The stems of the known words, made on first use. */
  private stems: Set<string> | null = null;

  private knownStems(): ReadonlySet<string> {
    this.stems ??= new Set([...this.knownWords].map(stem));
    return this.stems;
  }

  /** The known words by first letter, made on first use. */
  private byFirstLetter: Map<string, string[]> | null = null;

  private wordsStarting(letter: string): readonly string[] {
    if (!this.byFirstLetter) {
      this.byFirstLetter = new Map();
      for (const word of this.knownWords) {
        if (!/^[a-z]{3,}$/.test(word)) continue;
        const list = this.byFirstLetter.get(word[0] as string) ?? [];
        list.push(word);
        this.byFirstLetter.set(word[0] as string, list);
      }
    }
    return this.byFirstLetter.get(letter) ?? [];
  }

  /** Finds every alias in the tokens (longest first) and in the raw text (for unspaced scripts). */
  match(tokens: readonly string[], text: string, foreign = false): VocabularyMatch {
    const readings: Reading[] = [];
    const consumed = new Set<number>();
    const inPhrases = new Set<number>();
    const names: NameMatch[] = [];
    const qualifiers = new Set<DealId>();
    let previous: { reading: Reading; end: number } | null = null;
    const brands = brandNames(text);
    for (let start = 0; start < tokens.length; ) {
      const found = this.longestAt(tokens, start, foreign, brands);
      if (found) {
        const words = tokens.slice(start, start + found.length);
        const inside = this.dealsInside(words, found);
        readings.push(found.reading, ...inside);
        for (const deal of inside) qualifiers.add(deal.as as DealId);
        if (found.name) {
          const before =
            previous?.end === start && previous.reading.kind === "deal" ? previous.reading : null;
          if (before) qualifiers.add(before.as as DealId);
          const forms = [words, ...(found.written ? [found.written] : [])];
          names.push({
            words: before ? [before.words, ...words] : words,
            forms,
            qualifierWords: before ? [before.words] : [],
            topic: found.reading.as,
            qualifier: ((before?.as ?? inside[0]?.as) as DealId | undefined) ?? null,
            start,
            end: start + found.length,
          });
        }
        for (let i = start; i < start + found.length; i++) {
          consumed.add(i);
          if (found.length > 1) inPhrases.add(i);
        }
        previous = { reading: found.reading, end: start + found.length };
        start += found.length;
      } else {
        previous = null;
        start += 1;
      }
    }
    const lower = text.toLowerCase();
    // Only a text with a character of those scripts can hold one of their aliases (most questions have none).
    for (const { alias, term } of MAYBE_UNSPACED.test(lower) ? this.aliases.unspaced : []) {
      if (lower.includes(alias)) readings.push({ words: alias, kind: term.kind, as: term.id, fuzzy: false });
    }
    // In a CJK token such as "日本の量子", the aliases found inside it stand for the whole token; so do the words
    // in Latin letters or digits written into it ("美韩协议中关于6g的内容").
    tokens.forEach((token, i) => {
      if (!UNSPACED_SCRIPT.test(token)) return;
      for (const [word] of token.matchAll(/[a-z0-9]+/g)) {
        const term = this.aliases.phrases.get(word);
        if (!term) continue;
        readings.push({ words: word, kind: term.kind, as: term.id, fuzzy: false });
        consumed.add(i);
      }
      if (this.aliases.unspaced.some(({ alias }) => token.includes(alias))) consumed.add(i);
    });
    // "both Asian deals", "the Asia TPDs": a part of the world just before a deal's noun names the deals signed there.
    const dealNouns = setOf(this.phrasing.dealNouns);
    tokens.forEach((token, i) => {
      if (consumed.has(i) || !dealNouns.has(tokens[i + 1] ?? "")) return;
      const deals = this.regionDeals.get(stem(token));
      if (!deals) return;
      for (const deal of deals) readings.push({ words: token, kind: "deal", as: deal, fuzzy: false });
      consumed.add(i);
    });
    return { readings, consumed, inPhrases, names, qualifiers };
  }

  /** Sections asked about in other words, with the token positions they take. */
  sectionsIn(question: readonly string[]): Array<{ id: Section; positions: number[] }> {
    const hits: Array<{ id: Section; positions: number[] }> = [];
    // "Can either side end the Japan deal?": a section's phrase ("end the deal") is read past a deal's name.
    const kept = this.outsideDealNames(question);
    const tokens = kept.length === question.length ? question : kept.map((at) => question[at] as string);
    // "Does it leave room for …?": a section word inside an everyday phrase asks for no section. Read once a
    // section word stands in the question (most questions have none; this runs for every part of each).
    let everyday: ReadonlySet<number> | null = null;
    // No closure in this loop captures its variables: one that did would cost an allocation per section word
    // for every part of every question, whether or not the word is there.
    const spaced = startingIn(setOf(tokens), this.sectionWords);
    const { unspacedSections: others } = this;
    // The two ascending lists of places taken in one order, as the sections are listed.
    for (let i = 0, j = 0; i < spaced.length || j < others.length; ) {
      const next = j >= others.length || (i < spaced.length && (spaced[i] as number) < (others[j] as number));
      const k = (next ? spaced[i++] : others[j++]) as number;
      const { id, tokens: alias, unspaced } = this.sections[k] as (typeof this.sections)[number];
      // "韩美协议可以怎样结束": a section word of a script without spaces stands inside a longer token.
      const at = unspaced ? indexInside(tokens, alias[0] as string) : indexOfSequence(tokens, alias);
      if (at < 0) continue;
      everyday ??= this.everydayPositions(tokens);
      const positions = takenFrom(at, alias.length);
      if (!positions.some(isIn, everyday))
        hits.push({ id, positions: positions.map((position) => kept[position] as number) });
    }
    return hits.length > 1 ? hits.filter((hit) => !hits.some((other) => holdsWithin(other, hit))) : hits;
  }

  /** The positions of the tokens that are not part of a deal's name. */
  private outsideDealNames(tokens: readonly string[]): number[] {
    const kept: number[] = [];
    for (let i = 0; i < tokens.length; ) {
      const alias = this.aliases.phraseAt(tokens, i);
      if (alias?.term.kind === "deal") i += alias.length;
      else kept.push(i++);
    }
    return kept;
  }

  /** The positions of the everyday phrases a section word may stand in ("leave room for"); most questions have none. */
  private everydayPositions(tokens: readonly string[]): ReadonlySet<number> {
    let positions: Set<number> | null = null;
    for (const phrase of this.notSections) {
      const at = indexOfSequence(tokens, phrase);
      if (at < 0) continue;
      positions ??= new Set();
      for (let i = 0; i < phrase.length; i++) positions.add(at + i);
    }
    return positions ?? NO_POSITIONS;
  }

  /** Deals named inside a longer alias of something else: "uk space agency" is space, and the UK too. */
  private dealsInside(tokens: readonly string[], found: Found): Reading[] {
    if (found.length < 2 || found.reading.kind !== "topic") return [];
    return tokens.flatMap((token) => {
      const term = this.aliases.phrases.get(token);
      return term?.kind === "deal" ? [{ words: token, kind: term.kind, as: term.id, fuzzy: false }] : [];
    });
  }

  private longestAt(
    tokens: readonly string[],
    start: number,
    foreign: boolean,
    brands: ReadonlySet<string>,
  ): Found | null {
    const phrase = this.aliases.phraseAt(tokens, start);
    if (phrase) {
      const { words, term, length } = phrase;
      return {
        reading: { words, kind: term.kind, as: term.id, fuzzy: false },
        length,
        name: term.name === true,
        ...(term.written ? { written: term.written } : {}),
      };
    }
    const token = tokens[start];
    if (token === undefined || token.length < 4 || FILLER_WORDS.has(token) || /\d/.test(token)) return null;
    if (brands.has(token) || extendsWord(token, this.knownWords)) return null;
    // "reporting" is a form of a word the texts use ("reports"), no slip of an alias ("exporting").
    if (this.knownWords.has(token) || (!foreign && this.knownStems().has(stem(token)))) return null;
    // A compound or inflection of another language's alias is read as it ("kernbrennstoff"); else a typo of one.
    const inside = foreign ? this.aliasInside(token) : null;
    const closest = inside ? null : this.closestWord(token, foreign);
    const term = inside ?? closest?.term;
    if (!term) return null;
    const alias = closest && term.kind === "topic" ? { alias: closest.word } : {};
    const reading = { words: token, kind: term.kind, as: term.id, fuzzy: closest !== null, ...alias };
    return { reading, length: 1, name: false };
  }

  /**
   * The longest alias (five letters or more) a word begins with ("kernbrennstoffe", "quantenforschung"), or (six
   * or more) whose last letter it changes ("nucleari"): of one the English texts use, only a compound.
   */
  private aliasInside(token: string): Term | null {
    let best: { term: Term; length: number } | null = null;
    for (const { word, term } of this.aliases.singleWords) {
      if (word.length < 5 || word.length <= (best?.length ?? 0)) continue;
      // A word the English texts use heads only a compound of a whole further word ("fusionsanlage", not "nationale").
      const english = this.knownWords.has(word);
      const compound = token.length > word.length + (english ? 3 : 0) && token.startsWith(word);
      const inflected =
        !english &&
        word.length >= 6 &&
        token.length <= word.length + 2 &&
        token.startsWith(word.slice(0, -1));
      if (compound || inflected) best = { term, length: word.length };
    }
    return best?.term ?? null;
  }

  /**
   * The alias the token is a slip of. An English question is read only by aliases its texts use: another
   * language's alias ("normas", "investition") is no typo of an English word ("normal", "investigation").
   */
  private closestWord(token: string, foreign: boolean): { term: Term; word: string } | null {
    let best: { term: Term; word: string; distance: number } | null = null;
    for (const { word, term } of foreign ? this.aliases.singleWords : this.singleWordsUsed) {
      const allowance = typoAllowance(Math.min(word.length, token.length));
      // Short words keep their first letter: "japn" is Japan, but "hoon" is not "moon".
      if (allowance === 0 || (token.length < 6 && word[0] !== token[0])) continue;
      // A word an alias ends beyond is more often a word of its own ("treat", "treaty") than a slip (`isSlip`).
      if (endsShort(token, word)) continue;
      const distance = editDistance(token, word, allowance);
      if (distance <= allowance && (!best || distance < best.distance)) best = { term, word, distance };
    }
    return best;
  }
}

/** The cue words by first letter, which a slip never changes (`isSlip`): grouped once per set of cue words. */
const cuesByFirstLetter = once((words: ReadonlySet<string>) => {
  const byLetter = new Map<string, string[]>();
  for (const word of words) byLetter.set(word.charAt(0), [...(byLetter.get(word.charAt(0)) ?? []), word]);
  return byLetter;
});

const VOWELS = new Set("aeiou");

/** Typed this long, a word with a letter added to a word asked is a slip of it. */
const LONG_SLIP = 7;

/** The word with its last letter left out, not an "e" or "g" ("treat" of "treaty"; "becom" is a slip of "become"). */
const endsShort = (token: string, word: string) =>
  token.length === word.length - 1 && word.startsWith(token) && !"eg".includes(word.charAt(word.length - 1));

/**
 * Whether the token is the word with one slip of typing, of the kinds that rarely make another real word:
 * two neighbouring letters swapped ("tehc"), a vowel for another in a longer word ("nucleer"), a letter left
 * out inside the word or a final "e" or "g" ("workng", "becom", "workin"; "commit" is no typo of "commits"),
 * a letter doubled ("brittish"), or in a word of seven letters or more one added ("sighned"). The first letter is
 * never the slip. A substituted consonant ("chairs", "chains") or a letter added to a short word ("plain", "plan")
 * is more often another word than a typo.
 */
export function isSlip(token: string, word: string): boolean {
  if (token[0] !== word[0]) return false;
  let at = 1;
  while (at < token.length && token[at] === word[at]) at++;
  const typed = token[at] as string;
  if (token.length === word.length) {
    if (at === token.length) return false;
    if (token.slice(at + 1) === word.slice(at + 1))
      return token.length >= 6 && VOWELS.has(typed) && VOWELS.has(word[at] as string);
    return typed === word[at + 1] && token[at + 1] === word[at] && token.slice(at + 2) === word.slice(at + 2);
  }
  if (token.length === word.length - 1) {
    const left = word[at] as string;
    return token.slice(at) === word.slice(at + 1) && (at < token.length || left === "e" || left === "g");
  }
  if (token.length === word.length + 1 && at < word.length) {
    return (
      token.slice(at + 1) === word.slice(at) &&
      (typed === token[at - 1] || typed === token[at + 1] || token.length >= LONG_SLIP)
    );
  }
  return false;
}

/**
 * Whether one section's phrase holds another's, longer: "how long will the deal run" (the exit terms) holds "run"
 * (governance), which is then not read.
 */
function holdsWithin(
  longer: { positions: readonly number[] },
  shorter: { positions: readonly number[] },
): boolean {
  return (
    longer.positions.length > shorter.positions.length &&
    shorter.positions.every((position) => longer.positions.includes(position))
  );
}

/**
 * The word of no substance a short word is with two neighbouring letters swapped back ("teh" → "the") or, in four
 * letters, a deal's noun with one vowel for another ("deel" → "deal"; not "tall" → "tell"), when only one such word
 * is; undefined otherwise.
 */
function fillerTypo(token: string, dealNouns: ReadonlySet<string>): string | undefined {
  for (let i = 0; i + 1 < token.length; i++) {
    const word = `${token.slice(0, i)}${token[i + 1]}${token[i]}${token.slice(i + 2)}`;
    if (word !== token && FILLER_WORDS.has(word)) return word;
  }
  if (token.length < 4) return undefined;
  const vowelFor = [...token].flatMap((letter, i) =>
    i > 0 && VOWELS.has(letter)
      ? [...VOWELS].map((vowel) => `${token.slice(0, i)}${vowel}${token.slice(i + 1)}`)
      : [],
  );
  const words = new Set(vowelFor.filter((word) => word !== token && dealNouns.has(word)));
  return words.size === 1 ? [...words][0] : undefined;
}

/**
 * "SpaceX", "OpenAI": words written with a capital after a small letter, as brands are, in lower case. Such a word
 * is a name, never a slip of an alias ("SpaceX" is not "space").
 */
function brandNames(text: string): ReadonlySet<string> {
  const words = text.split(/[^\p{L}\p{N}]+/u).filter((word) => /\p{Ll}\p{Lu}/u.test(word));
  return words.length === 0 ? NO_BRANDS : new Set(words.map((word) => word.toLowerCase()));
}
const NO_BRANDS: ReadonlySet<string> = new Set();

/**
 * "spacex": a word the texts use (five letters or more) with one more letter after it, not its last doubled
 * ("spacee"), is another word, as brands are, not a slip of it.
 */
function extendsWord(token: string, known: ReadonlySet<string>): boolean {
  const base = token.slice(0, -1);
  return base.length >= 5 && known.has(base) && token.at(-1) !== base.at(-1);
}
