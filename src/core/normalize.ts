import { MONTHS } from "./phrasing.js";

/** Longest question read, in characters; longer input is cut and the answer says so. */
export const MAX_QUERY_LENGTH = 500;

// Zero-width and bidirectional control characters, which can hide words or reorder what a reader sees.
// Variation selectors (U+FE00–FE0F) are dropped too; they are listed apart because they combine with what precedes.
const INVISIBLE = /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u206F\uFEFF]|\uFE0F|[\uFE00-\uFE0E]/g;
// Control characters (C0, DEL, C1) and lone surrogates left by broken encodings.
const CONTROL = /[\p{Cc}\p{Cs}\p{Co}]/gu;
/** A surrogate without its pair, which platforms reject: what a broken encoding leaves. */
export const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

// An HTML tag ("<img src=x onerror=…>", "</b>"), or a script with its code: markup, not words of the question. Slack's own "<https://…|…>",
// "<@U…>" have no tag name followed by a space or ">".
const MARKUP = /<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>|<\/?[a-z][a-z0-9]*(?:\s[^<>]*)?\/?>/gi;

// A web address pasted into a question: its parts ("https", "example", "com") are no words of it.
const WEB_ADDRESS = /\b(?:https?:\/\/|www\.)[^\s<>]+/gi;

// A mention ("<@U024BE7LH>", "<@!80351110224678912>", "<#C024BE7LR|general>", "<!here>", "@everyone"): who a message
// is addressed to, no word of the question ("@everyone is the Korea deal binding?" opens with "is"); what the
// question log marks as one (`redact`).
export const MENTION = /<[@#!][^<>\s]*>|(?<![\w@])(?:@(?:everyone|here|channel)(?!\w))+/gi;

type NormalizedInput = { text: string; shortened: boolean };

/**
 * The text without its tags, nor any tag their removal leaves behind ("<a<b>>" is "<a >" once the inner tag is
 * gone), so reading the result again finds none. Each pass shortens the text, so the passes end.
 */
function withoutMarkup(text: string): string {
  let rest = text;
  for (let next = rest.replace(MARKUP, " "); next !== rest; next = rest.replace(MARKUP, " ")) rest = next;
  return rest;
}

/** "27 Oct", "Sept. 18": a month shortened beside a day, which is read as the month written out. */
const SHORT = `(${MONTHS.map((month) => month.slice(0, 3)).join("|")}|sept)\\.?`;
const DAY = String.raw`\d{1,2}(?:st|nd|rd|th)?`;
/** A country's flag (two regional indicator symbols: 🇯🇵) is read as its two-letter code ("JP"). */
const FLAG = /[\u{1F1E6}-\u{1F1FF}]{2}/gu;
const flagLetters = (flag: string) =>
  ` ${Array.from(flag, (symbol) => String.fromCharCode((symbol.codePointAt(0) ?? 0) - 0x1f1e6 + 65)).join("")} `;

/** "the Japanese PM", "PM Starmer": a prime minister (not "3 PM", a time of day). */
const PRIME_MINISTER = /(?<![\d:.]\s?)\bPM\b(?!\s*\d)/gu;

/** "No 10", "No. 10", "Number 10": Downing Street, not a negation ("No") before a number. */
const NUMBER_TEN = /\b(?:No\.?|NO\.?|no\.|[Nn]umber) ?10\b(?![\d.,%-])/gu;

/**
 * "£150bn", "$1b", "$500m": a sum shortened, written out as the texts write sums ("£150 billion"). A bare "b" or "m"
 * counts only after a currency sign ("5m" may be a length).
 */
const SHORT_SUM = /(?<=\d)\s?(bn|bln|tn)\b|(?<=[$£€¥₩]\s?\d[\d,.]*)\s?(b|m|mn)\b/giu;
const SUM_WORDS: Record<string, string> = {
  bn: "billion",
  bln: "billion",
  b: "billion",
  tn: "trillion",
  m: "million",
  mn: "million",
};
const sumWritten = (short: string) => ` ${SUM_WORDS[short.trim().toLowerCase()] ?? short}`;

/** "whos", "wheres": a question word and "is" typed without the apostrophe. */
const QUESTION_WORD_IS = /\b(who|where|when|how)s\b/giu;

/** "y/n", "y or n": shorthand for asking yes or no, written out. */
const YES_OR_NO_SHORT = /\by\s*(?:\/|or)\s*n\b/giu;

/** A network generation typed apart from its number ("6 G", "5 g"), written as the texts do ("6G"). */
const GENERATION = /\b([2-6])\s+g\b/giu;

const SHORT_MONTH = new RegExp(`(?<=\\b${DAY} )${SHORT}(?!\\p{L})|\\b${SHORT}(?= ${DAY}\\b)`, "giu");
const monthWritten = (short: string) => {
  const month = MONTHS.find((name) => name.startsWith(short.slice(0, 3).toLowerCase())) ?? short;
  return /^\p{Lu}/u.test(short) ? month.replace(/^./, (c) => c.toUpperCase()) : month;
};

/** The one place user text is cleaned: NFKC, invisible and control characters removed, spaces folded, capped. */
export function normalizeInput(raw: unknown): NormalizedInput {
  const input = typeof raw === "string" ? raw : "";
  // Cap before the heavy work too, so a megabyte of input costs no more than a long question.
  const bounded = input.length > MAX_QUERY_LENGTH * 4 ? input.slice(0, MAX_QUERY_LENGTH * 4) : input;
  const visible = bounded
    .replace(LONE_SURROGATE, "\uFFFD")
    .normalize("NFKC")
    .replace(INVISIBLE, "")
    .replace(CONTROL, " ")
    .replace(MENTION, " ")
    .replace(FLAG, flagLetters);
  const cleaned = withoutMarkup(visible)
    .replace(WEB_ADDRESS, " ")
    .replace(/\s+/gu, " ")
    .trim()
    .replace(SHORT_MONTH, monthWritten)
    .replace(GENERATION, "$1G")
    .replace(YES_OR_NO_SHORT, "yes or no")
    .replace(PRIME_MINISTER, "prime minister")
    .replace(NUMBER_TEN, "Downing Street")
    .replace(SHORT_SUM, sumWritten)
    .replace(QUESTION_WORD_IS, "$1's");
  if (cleaned.length <= MAX_QUERY_LENGTH && bounded.length === input.length)
    return { text: cleaned, shortened: false };
  const cut = Array.from(cleaned).slice(0, MAX_QUERY_LENGTH).join("");
  return { text: cut.trim(), shortened: cut.length < cleaned.length || bounded.length < input.length };
}
