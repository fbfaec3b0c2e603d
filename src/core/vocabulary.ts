import type { Reading } from "./answer.js";
import type { KnowledgeBase } from "./model.js";
import { editDistance, FILLER_WORDS, tokenize, typoAllowance } from "./text.js";

type Term = { kind: "deal" | "topic" | "country"; id: string };
export type VocabularyMatch = {
  readings: Reading[];
  consumed: Set<number>;
  /** Token positions covered by aliases of two or more words ("legal status"), which outrank intent cues. */
  inPhrases: Set<number>;
};

const LONGEST_ALIAS_TOKENS = 6;
/** Scripts written without spaces between words: their aliases are found as substrings of the question. */
const UNSPACED_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** Recognises deals, topics and other countries in a question by their aliases, tolerating typos. */
export class Vocabulary {
  private readonly phrases = new Map<string, Term>();
  private readonly singleWords: Array<{ word: string; term: Term }> = [];
  private readonly unspaced: Array<{ alias: string; term: Term }> = [];
  /** Words the knowledge itself uses: such a word is never a typo of something else. */
  private readonly knownWords = new Set<string>();

  constructor(knowledge: KnowledgeBase) {
    for (const passage of knowledge.passages)
      for (const word of tokenize(passage.text)) this.knownWords.add(word);
    // Later additions win on clashes; deals are added last so a deal alias always reads as the deal.
    for (const country of knowledge.otherCountries) this.add(country, { kind: "country", id: country });
    for (const topic of knowledge.topics) {
      for (const alias of [topic.id, topic.label, ...topic.aliases])
        this.add(alias, { kind: "topic", id: topic.id });
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
    if (tokens.length === 1 && key.length >= 4 && !FILLER_WORDS.has(key)) {
      this.singleWords.push({ word: key, term });
    }
  }

  /** Finds every alias in the tokens (longest first) and in the raw text (for unspaced scripts). */
  match(tokens: readonly string[], text: string): VocabularyMatch {
    const readings: Reading[] = [];
    const consumed = new Set<number>();
    const inPhrases = new Set<number>();
    for (let start = 0; start < tokens.length; ) {
      const found = this.longestAt(tokens, start);
      if (found) {
        readings.push(found.reading, ...this.dealsInside(tokens.slice(start, start + found.length), found));
        for (let i = start; i < start + found.length; i++) {
          consumed.add(i);
          if (found.length > 1) inPhrases.add(i);
        }
        start += found.length;
      } else {
        start += 1;
      }
    }
    const lower = text.toLowerCase();
    for (const { alias, term } of this.unspaced) {
      if (lower.includes(alias)) readings.push({ words: alias, kind: term.kind, as: term.id, fuzzy: false });
    }
    // In a CJK token such as "日本の量子", the aliases found inside it stand for the whole token.
    tokens.forEach((token, i) => {
      if (UNSPACED_SCRIPT.test(token) && this.unspaced.some(({ alias }) => token.includes(alias)))
        consumed.add(i);
    });
    return { readings, consumed, inPhrases };
  }

  /** Deals named inside a longer alias of something else: "uk space agency" is space, and the UK too. */
  private dealsInside(tokens: readonly string[], found: { reading: Reading; length: number }): Reading[] {
    if (found.length < 2 || found.reading.kind !== "topic") return [];
    return tokens.flatMap((token) => {
      const term = this.phrases.get(token);
      return term?.kind === "deal" ? [{ words: token, kind: term.kind, as: term.id, fuzzy: false }] : [];
    });
  }

  private longestAt(tokens: readonly string[], start: number): { reading: Reading; length: number } | null {
    for (let length = Math.min(LONGEST_ALIAS_TOKENS, tokens.length - start); length >= 1; length--) {
      const words = tokens.slice(start, start + length).join(" ");
      const term = this.phrases.get(words);
      if (term) return { reading: { words, kind: term.kind, as: term.id, fuzzy: false }, length };
    }
    const token = tokens[start];
    if (token === undefined || token.length < 4 || FILLER_WORDS.has(token) || /\d/.test(token)) return null;
    if (this.knownWords.has(token)) return null;
    const fuzzy = this.closestWord(token);
    return fuzzy
      ? { reading: { words: token, kind: fuzzy.kind, as: fuzzy.id, fuzzy: true }, length: 1 }
      : null;
  }

  private closestWord(token: string): Term | null {
    let best: { term: Term; distance: number } | null = null;
    for (const { word, term } of this.singleWords) {
      const allowance = typoAllowance(Math.min(word.length, token.length));
      // Short words keep their first letter: "japn" is Japan, but "hoon" is not "moon".
      if (allowance === 0 || (token.length < 6 && word[0] !== token[0])) continue;
      const distance = editDistance(token, word, allowance);
      if (distance <= allowance && (!best || distance < best.distance)) best = { term, distance };
    }
    return best?.term ?? null;
  }
}
