/**
 * Splits normalised text into lowercase word tokens: the runs of letters and digits (of any script) of the
 * lowercased text, where a dot between two single letters followed by another dot joins them ("u.s." is "us").
 */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  eachToken(text, (lower, start, end, joined) => tokens.push(joined ?? lower.slice(start, end)));
  return tokens;
}

/**
 * Each token of the text, in order, as `tokenize` finds it: `lower.slice(start, end)` of the lowercased text,
 * or `joined` for a token whose letters dots separated, with a hash of its characters. Makes no
 * string itself: a caller that has seen a token before need not make it again, nor read its characters to
 * find it (passages are read by the hundred thousand when a bot is built).
 */
export function eachToken(
  text: string,
  visit: (lower: string, start: number, end: number, joined: string | null, hash: number) => void,
): void {
  const lower = text.toLowerCase();
  /** The token so far, before a joining dot; its rest starts at `start` (-1 between tokens). */
  let joined = "";
  let start = -1;
  let hash = HASH_SEED;
  const end = (at: number) => {
    visit(lower, start, at, joined === "" ? null : joined + lower.slice(start, at), hash);
    joined = "";
    start = -1;
    hash = HASH_SEED;
  };
  for (let i = 0; i < lower.length; ) {
    const code = lower.charCodeAt(i);
    let width = 1;
    let wordChar: boolean;
    if (code < 0x80) wordChar = isAsciiLetter(code) || (code >= 0x30 && code <= 0x39);
    else {
      const point = lower.codePointAt(i) as number;
      if (point > 0xffff) width = 2;
      wordChar = LETTER_OR_DIGIT.test(String.fromCodePoint(point));
    }
    if (wordChar) {
      if (start < 0) start = i;
      hash = hashWith(hash, code);
      if (width === 2) hash = hashWith(hash, lower.charCodeAt(i + 1));
    } else if (start >= 0) {
      if (code === 0x2e && joinsLetters(lower, i)) {
        joined += lower.slice(start, i);
        start = i + 1;
      } else end(i);
    }
    i += width;
  }
  if (start >= 0) end(lower.length);
}

/** The token hash: FNV-1a over the token's UTF-16 code units (a joined token's, without its dots). */
export const HASH_SEED = 0x811c9dc5;
const HASH_PRIME = 0x01000193;
/** The hash of a token so far with one more code unit. */
export const hashWith = (hash: number, code: number) => Math.imul(hash ^ code, HASH_PRIME);

/**
 * Distinct tokens, each found by its hash and characters in the text it was met in, so a token met again
 * makes no new string. A new token joins the end of `tokens`.
 */
export class TokenTable {
  readonly tokens: string[] = [];
  private readonly hashes: number[] = [];
  /** Open addressing: a token's index plus one, 0 for a free slot; never more than half full. */
  private slots = new Int32Array(1024);

  /** The index of the token `text.slice(start, end)`, whose hash is `hash`. */
  find(text: string, start: number, end: number, hash: number): number {
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = (this.slots[slot] as number) - 1;
      if (entry < 0) return this.add(text.slice(start, end), hash, slot);
      if (this.hashes[entry] === hash && sameChars(this.tokens[entry] as string, text, start, end))
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

/** Whether `text.slice(start, end)` is the token, read without making the slice. */
function sameChars(token: string, text: string, start: number, end: number): boolean {
  if (token.length !== end - start) return false;
  for (let i = 0; i < token.length; i++) if (token.charCodeAt(i) !== text.charCodeAt(start + i)) return false;
  return true;
}

const isAsciiLetter = (code: number) => code >= 0x61 && code <= 0x7a;
const isAsciiWord = (code: number) =>
  isAsciiLetter(code) || (code >= 0x30 && code <= 0x39) || code === 0x5f || (code >= 0x41 && code <= 0x5a);

/** Whether the dot at `at` stands between single letters, another dot after the second: u.s. -> us. */
function joinsLetters(lower: string, at: number): boolean {
  return (
    isAsciiLetter(lower.charCodeAt(at - 1)) &&
    !(at >= 2 && isAsciiWord(lower.charCodeAt(at - 2))) &&
    isAsciiLetter(lower.charCodeAt(at + 1)) &&
    lower.charCodeAt(at + 2) === 0x2e
  );
}

const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;

/** Optimal string alignment distance (Levenshtein plus adjacent transposition), stopping early past `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max || lettersApart(a, b) > 2 * max) return max + 1;
  const width = b.length + 1;
  if (distanceRows.length < 3 * width) distanceRows = new Int32Array(6 * width);
  // Three rows of the table, in turn: the one before the previous, the previous and the current.
  const rows = distanceRows;
  let before = 0;
  let previous = width;
  let current = 2 * width;
  for (let j = 0; j < width; j++) rows[previous + j] = j;
  for (let i = 1; i <= a.length; i++) {
    rows[current] = i;
    let rowMin = i;
    const letter = a.charCodeAt(i - 1);
    for (let j = 1; j < width; j++) {
      const cost = letter === b.charCodeAt(j - 1) ? 0 : 1;
      let value = Math.min(
        (rows[previous + j] as number) + 1,
        (rows[current + j - 1] as number) + 1,
        (rows[previous + j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && letter === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        value = Math.min(value, (rows[before + j - 2] as number) + 1);
      }
      rows[current + j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    [before, previous, current] = [previous, current, before];
  }
  return rows[previous + b.length] as number;
}

/**
 * How far apart the words' letters are as bags (by their low seven bits, which only brings them closer): an edit
 * moves them two apart at most, so most pairs of words are told apart without the table.
 */
function lettersApart(a: string, b: string): number {
  for (let i = 0; i < a.length; i++) (letterCounts[a.charCodeAt(i) & 127] as number)++;
  for (let i = 0; i < b.length; i++) (letterCounts[b.charCodeAt(i) & 127] as number)--;
  let apart = 0;
  for (const word of [a, b])
    for (let i = 0; i < word.length; i++) {
      const letter = word.charCodeAt(i) & 127;
      apart += Math.abs(letterCounts[letter] as number);
      letterCounts[letter] = 0;
    }
  return apart;
}
const letterCounts = new Int32Array(128);

/** The rows `editDistance` works in, kept from call to call (typo reading compares a word with hundreds). */
let distanceRows = new Int32Array(96);

/** How many typos a word of this length may carry and still be recognised. */
export function typoAllowance(length: number): number {
  if (length >= 8) return 2;
  if (length >= 4) return 1;
  return 0;
}

/** The words that open an open question ("what", "whose", "how"): what asks, not whether. */
export const QUESTION_WORDS = new Set("what which who whom whose when where why how".split(" "));

/**
 * Words that say nothing about which deal, topic or fact is wanted. They are never matched with typo
 * tolerance (so "date" is not read as "data") and never searched.
 */
export const FILLER_WORDS = new Set(
  `a m r re ve ll t don doesn didn isn aren wasn weren wouldn couldn shouldn hasn haven hadn about above across after again against all also am an and any are as ask at be because been before being below between
  both but by can could did do does doing down during each every few for from further get give had has have having he her
  here hers him his how i if in into is it its itself just know let like me more most my no nor not now of off on once
  actually really truly literally basically even ever else lol lmao ok okay wait huh hmm um uh eh
  ones only or other exactly precisely our out over own everything might shall please same say says said she should show so some such tell than that the their
  them then there these they this those through to too under until up us very was we were what when where which while
  who whom why will with would you your yours yes hi hello hey yo whats thanks thank want need find look info information
  details detail regarding concerning far pls plz abt w tpd tpds deal deals tech technology prosperity agreement agreements memorandum
  understanding cooperation mou moc u s united states america american america's administration doc document
  text official section sections bot question questions mous mocs memoranda anything anywhere something thing things much many well one two three new latest
  did does done make made work working works go going come comes came coming way day date time year years month week team
  everyone channel here subteam accord acuerdo abkommen technologieabkommen 技術 繁栄 ディール 協定 覚書 技術繁栄 技術繁栄ディール 기술 번영 협정 양해각서 기술번영
  기술번영협정`
    .split(/\s+/)
    .filter(Boolean),
);

/** British and American spellings, short forms and adjectives of places read as one word ("programme" is "program", "lab" "laboratory", "Asian" "Asia"). */
const SPELLINGS: ReadonlyMap<string, string> = new Map([
  ["lab", "laboratory"],
  ["agreed", "agree"],
  ["asian", "asia"],
  ["european", "europe"],
  ["programme", "program"],
  ["centre", "center"],
  ["defence", "defense"],
  ["licence", "license"],
  ["representation", "represent"],
  ["organisation", "organization"],
  ["standardisation", "standardization"],
]);

/** Words that end like a plural but are not one: "does" is not the plural of "doe" (the DOE). */
const NOT_PLURAL = new Set(["does", "goes"]);

/**
 * A rough stem, so "signed", "signing" and "sign", or "programmes" and "program", read as one word. Run for most
 * words of every question: a word with none of the endings (no spelling is another's key) is returned at once.
 */
export function stem(word: string): string {
  if (NOT_PLURAL.has(word)) return word;
  const spelled = SPELLINGS.get(word) ?? word;
  const { length } = spelled;
  const last = spelled.charCodeAt(length - 1);
  let base: string;
  if (length > 5 && last === S && spelled.endsWith("ies")) base = `${spelled.slice(0, -3)}y`;
  else if (length > 5 && last === G && spelled.endsWith("ing")) base = spelled.slice(0, -3);
  else if (length > 4 && last === D && spelled.endsWith("ed")) base = spelled.slice(0, -2);
  else if (length > 4 && last === S && /(?:s|x|ch|sh)es$/.test(spelled)) base = spelled.slice(0, -2);
  else if (length > 3 && last === S && !spelled.endsWith("ss")) base = spelled.slice(0, -1);
  else return spelled;
  return SPELLINGS.get(base) ?? base;
}
const [D, G, S] = [0x64, 0x67, 0x73];

/** Where a phrase (as tokens) first stands in the tokens, or -1; `skip` marks positions that may not be used. */
export function indexOfSequence(
  tokens: readonly string[],
  sequence: readonly string[],
  skip?: ReadonlySet<number>,
): number {
  if (sequence.length === 0) return -1;
  outer: for (let i = 0; i + sequence.length <= tokens.length; i++) {
    for (let j = 0; j < sequence.length; j++) {
      if (tokens[i + j] !== sequence[j] || skip?.has(i + j)) continue outer;
    }
    return i;
  }
  return -1;
}

/**
 * Whether two words stand within `reach` words of each other, in either order ("security of energy" for "energy
 * security"); `same` says whether a word of the text is one asked.
 */
export function standNear(
  words: readonly string[],
  [one, other]: readonly [string, string],
  same: (word: string, asked: string) => boolean = (word, asked) => word === asked,
  reach = 3,
): boolean {
  const at = (asked: string) => words.flatMap((word, position) => (same(word, asked) ? [position] : []));
  const others = at(other);
  return at(one).some((position) => others.some((near) => Math.abs(near - position) <= reach));
}

/** The first token that holds the text, or -1. */
export function indexInside(tokens: readonly string[], text: string): number {
  for (let i = 0; i < tokens.length; i++) if ((tokens[i] as string).includes(text)) return i;
  return -1;
}

/** The positions a phrase (as tokens) takes where it first stands in the tokens; none when it is not there. */
export function positionsOf(tokens: readonly string[], words: readonly string[]): number[] {
  const at = indexOfSequence(tokens, words);
  return at < 0 ? [] : words.map((_, i) => at + i);
}

/** Each value once, in the order first seen. */
export const unique = <T>(values: readonly T[]): T[] => [...new Set(values)];

/**
 * The buffers under every typed array in a value, each once (views may share one, and `postMessage` throws on a
 * buffer listed twice): what may move to another thread instead of being copied.
 */
export function buffersIn(value: unknown): ArrayBuffer[] {
  const found = new Set<ArrayBuffer>();
  const visit = (part: unknown): void => {
    if (ArrayBuffer.isView(part)) found.add(part.buffer as ArrayBuffer);
    else if (typeof part === "object" && part !== null) for (const inner of Object.values(part)) visit(inner);
  };
  visit(value);
  return [...found];
}

/** Orders ISO dates by their characters: `localeCompare`'s first call sets up a collator (~10 ms of start-up). */
export const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Where a sentence ends: after a full stop, not the one of an initial ("U.S. Center"). */
export const FULL_STOP = /(?<=\.)(?<!\b\p{Lu}\.\p{Lu}\.)\s+/u;

/**
 * A sentence of `text` that closes a quotation opened in an earlier one ("… our partners,” said Michael Kratsios"),
 * from where the quotation opens; any other sentence as it is.
 */
export function withQuotationOpened(sentence: string, text: string): string {
  const count = (mark: string) => sentence.split(mark).length - 1;
  if (count("”") <= count("“")) return sentence;
  const at = text.indexOf(sentence);
  const opens = at > 0 ? text.lastIndexOf("“", at) : -1;
  return opens >= 0 ? text.slice(opens, at + sentence.length) : sentence;
}

/** The text with its first letter in capitals: "nothing on…" → "Nothing on…". */
export const capitalised = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

/**
 * The initials of capitalised words standing together, lower-cased, two letters or more, each with the words it
 * stands for: of the whole run and of the runs it starts or ends with ("nyt" for "New York Times", "tnyt" …, in
 * "The New York Times").
 */
export function initialismsIn(text: string): Array<[initials: string, words: string]> {
  const found: Array<[string, string]> = [];
  // Read for every passage as the bot is built: written for speed (names in initials are written in ASCII).
  for (const [run] of text.matchAll(/[A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)+/g)) {
    const words = run.split(" ");
    const initials = words
      .map((word) => word[0] ?? "")
      .join("")
      .toLowerCase();
    // The run and the names it starts or ends with ("New York Times" in "The New York Times").
    for (let cut = 1; cut < words.length - 1; cut++) {
      found.push([initials.slice(cut), words.slice(cut).join(" ")]);
      found.push([initials.slice(0, -cut), words.slice(0, -cut).join(" ")]);
    }
    found.push([initials, run]);
  }
  return found;
}

/** Text to match literally inside a regular expression. */
export const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * A list of phrases as one alternation of a pattern: "word*" stands for every word it begins ("paus*": paused,
 * pausing), and a phrase's words may be written apart, hyphenated or joined ("un paus*": "un-paused", "unpaused").
 */
export const anyOf = (phrases: readonly string[]) =>
  phrases
    .map((phrase) =>
      phrase
        .split(" ")
        .map((word) => (word.endsWith("*") ? `${escapeRegExp(word.slice(0, -1))}\\w*` : escapeRegExp(word)))
        .join("[ -]?"),
    )
    .join("|");

/** Whether a text holds any of the phrases (`anyOf`) as whole words, in any case: the pattern made once per list. */
export const holdsAnyOf = (text: string, phrases: readonly string[]) => anyPhrase(phrases).test(text);
/** The first of the phrases (`anyOf`) a text holds as whole words, its words as `match[1]`. */
export const anyPhrase = once((phrases: readonly string[]) => new RegExp(`\\b(${anyOf(phrases)})\\b`, "i"));

/** A pattern for the words as a text may write them: any spaces or punctuation between them. */
export const writtenWords = (words: readonly string[]) => words.map(escapeRegExp).join("[\\s\\W]*");

/** The phrases (tokens joined by single spaces, as `tokenize` leaves them) that stand in the tokens as whole words. */
export function phrasesIn(tokens: readonly string[], phrases: readonly string[]): string[] {
  const split = wordsOfPhrases(phrases);
  return startingIn(setOf(tokens), split)
    .filter((i) => indexOfSequence(tokens, split[i] as string[]) >= 0)
    .map((i) => phrases[i] as string);
}

/**
 * The places in a list of phrases (as words), in order, of those whose first word is one of the words: no
 * other phrase can stand in a text of those words. A question has a dozen words and a list hundreds of phrases.
 */
export function startingIn(words: ReadonlySet<string>, phrases: readonly (readonly string[])[]): number[] {
  const byFirstWord = firstWordsOf(phrases);
  const found: number[] = [];
  for (const word of words) for (const i of byFirstWord.get(word) ?? NONE) found.push(i);
  return found.length > 1 ? found.sort((a, b) => a - b) : found;
}
const NONE: readonly number[] = [];

/** Each first word of a list of phrases with the places of the phrases it begins, made once per list. */
const firstWordsOf = once((phrases: readonly (readonly string[])[]) => {
  const byFirstWord = new Map<string, number[]>();
  phrases.forEach(([first = ""], i) => {
    byFirstWord.set(first, [...(byFirstWord.get(first) ?? []), i]);
  });
  return byFirstWord;
});

/** Names written as one string, apart by spaces: `listNames("a b")` is `["a", "b"]`, each name its own type. */
type ListNames<Names extends string> = Names extends `${infer Name} ${infer Rest}`
  ? Name | ListNames<Rest>
  : Names;
export const listNames = <Names extends string>(names: Names) => names.split(" ") as ListNames<Names>[];

/** The words of a text written as a list, one set: `wordSet("not no never")`. */
export const wordSet = (words: string): ReadonlySet<string> => new Set(words.trim().split(/\s+/));

/** `make` of an object, made once per object: per knowledge version, per list of the vocabulary, per query. */
export function once<Key extends object, Value>(make: (key: Key) => Value): (key: Key) => Value {
  const made = new WeakMap<Key, Value>();
  return (key) => {
    const known = made.get(key);
    if (known !== undefined || made.has(key)) return known as Value;
    const value = make(key);
    made.set(key, value);
    return value;
  };
}

/**
 * A store of what `make` returns for an owner (a bot's lookups) and a key, made on the first call with them: for
 * work that is the same for every question.
 */
export function keptPer<Owner extends object, Key, Value>(): (
  owner: Owner,
  key: Key,
  make: () => Value,
) => Value {
  const byOwner = new WeakMap<Owner, Map<Key, Value>>();
  return (owner, key, make) => {
    let kept = byOwner.get(owner);
    if (!kept) {
      kept = new Map();
      byOwner.set(owner, kept);
    }
    if (!kept.has(key)) kept.set(key, make());
    return kept.get(key) as Value;
  };
}

/** A list of words as a set, made once per list (the lists of a bot are made when it is built). */
export const setOf = once((list: readonly string[]): ReadonlySet<string> => new Set(list));

/** Whether any of the tokens is one of the words of a list (a list of the vocabulary's phrasing). */
export const hasAnyOf = (tokens: readonly string[], words: readonly string[]) => {
  const set = setOf(words);
  return tokens.some((token) => set.has(token));
};

/** Each phrase of a list as its words, split once per list (the lists of a bot are made when it is built). */
export const wordsOfPhrases = once((phrases: readonly string[]): readonly string[][] =>
  phrases.map((phrase) => phrase.split(" ")),
);

/**
 * A clause where the asker says who they are or what they are writing ("I run a startup in Bristol.", "We're a
 * tech transfer office -", "Prepping a note for Diet members -", "For a briefing to ministry staff:", "Lab
 * manager here -").
 */
const ABOUT_THE_ASKER =
  /^(?:i|i'm|i’m|im|i've|i’ve|we|we're|we’re|we've|we’ve|my|our|(?:\p{L}+ing|for|as)\s+(?:a|an|my|our|some))\b[^?]*$|\bhere$/iu;

/**
 * The question without the clauses in which the asker describes themselves: a place or body named there
 * ("a startup in Bristol") is who is asking, not something the question assumes the deals contain.
 */
export function askingPart(text: string): string {
  const { clauses, aboutAsker } = clausesOf(text);
  return aboutAsker.includes(true) ? clauses.filter((_, i) => !aboutAsker[i]).join(" ") : text;
}

/** The token positions of the clauses in which the asker describes themselves (none when that is all there is). */
export function askerPositions(text: string): Set<number> {
  const { clauses, aboutAsker } = clausesOf(text);
  const positions = new Set<number>();
  let at = 0;
  clauses.forEach((clause, i) => {
    const count = tokenize(clause).length;
    if (aboutAsker[i]) for (let p = at; p < at + count; p++) positions.add(p);
    at += count;
  });
  return positions;
}

/** The clauses of a text, and which of them describe the asker (none when every one does). */
function clausesOf(text: string) {
  // "As a fusion engineer in Oxfordshire, what …": an opening "as a …" ends at its comma.
  const clauses = text.split(/(?<=[.!:;])\s+|\s+[-–—]+\s+|(?<=^as an? [^,?]*,)\s+/i);
  const aboutAsker = clauses.map((clause) => ABOUT_THE_ASKER.test(clause.trim()));
  return { clauses, aboutAsker: aboutAsker.every(Boolean) ? [] : aboutAsker };
}

/** The node a path of words leads to in a word tree, adding the nodes it lacks on the way. */
export function nodeAt<Node extends { next: Map<string, Node> }>(root: Node, path: readonly string[]): Node {
  let node = root;
  for (const key of path) {
    let next = node.next.get(key);
    if (!next) {
      next = { next: new Map() } as Node;
      node.next.set(key, next);
    }
    node = next;
  }
  return node;
}
