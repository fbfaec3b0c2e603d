import type { AnswerDraft } from "./answer.js";
import { AMOUNT, amountValue, deadlineYears } from "./gate.js";
import type { KnowledgeLookups } from "./lookups.js";
import { countWord, MONTHS } from "./phrasing.js";
import type { ParsedQuery } from "./query.js";
import { signingAsked, signingAssumed } from "./signing-question.js";
import { anyOf, FILLER_WORDS, FULL_STOP, once, stem, tokenize } from "./text.js";
import { keyWords, sameWord } from "./yes-no.js";

/**
 * A value a text states, of a kind: a date (its day, month and year as given), a sum, a span ("two years") or an
 * ordinal ("12th"), with the words after it (what an ordinal counts) and where it stands in the text.
 */
type Value = {
  kind: string;
  parts: Map<string, string>;
  text: string;
  at: number;
  end: number;
  after: string[];
};

const patternsOf = once((ctx: KnowledgeLookups) => {
  const { numbers, timeUnits } = ctx.knowledge.valuesAsked;
  const month = `(${MONTHS.join("|")})`;
  const [day, year] = ["(\\d{1,2})(?:st|nd|rd|th)?(?!\\d)", "((?:19|20)\\d{2})"];
  return {
    date: new RegExp(
      `\\b(?:${day} ${month}(?:,? ${year})?|${month}(?: ${day})?(?:,? (?:of )?${year})?|${year})\\b`,
      "gi",
    ),
    span: new RegExp(`\\b(\\d+|${anyOf(numbers)})[\\s-]+(${anyOf(timeUnits)})\\b`, "gi"),
    ordinal: new RegExp(`\\b(${anyOf(ctx.vocabulary.phrasing.ordinals)}|\\d+(?:st|nd|rd|th))\\b`, "gi"),
  };
});

/** "two" → "2", "12th" → "12", "second" → "2". */
function numberOf(word: string, ordinals: readonly string[]): string {
  const lower = word.toLowerCase();
  const digits = /^\d+/.exec(lower)?.[0];
  if (digits) return String(Number(digits));
  const at = ordinals.indexOf(lower);
  if (at >= 0) return String(at + 1);
  const counted = [...Array(13).keys()].find((n) => countWord(n) === lower);
  return counted === undefined ? lower : String(counted);
}

/** The values a text states, in order: dates first, then sums, spans and ordinals outside them. */
function valuesIn(text: string, ctx: KnowledgeLookups): Value[] {
  const patterns = patternsOf(ctx);
  const { ordinals } = ctx.vocabulary.phrasing;
  const values: Value[] = [];
  const free = (at: number, end: number) => values.every((value) => end <= value.at || at >= value.end);
  const add = (kind: string, match: RegExpMatchArray, parts: Array<[string, string | undefined]>) => {
    const at = match.index ?? 0;
    const end = at + match[0].length;
    if (!free(at, end)) return;
    const after = tokenize(text.slice(end)).slice(0, 5).map(stem);
    const given = parts.filter((part): part is [string, string] => part[1] !== undefined);
    values.push({ kind, parts: new Map(given), text: match[0], at, end, after });
  };
  for (const match of text.matchAll(patterns.date)) {
    const [, d1, m1, y1, m2, d2, y2, y3] = match;
    const month = (m1 ?? m2)?.toLowerCase();
    // "Either side may discontinue": "may" is a month only beside a day or a year.
    if (month === "may" && !(d1 ?? d2 ?? y1 ?? y2)) continue;
    const m = month ? String(MONTHS.indexOf(month) + 1) : undefined;
    const d = d1 ?? d2;
    add("date", match, [
      ["d", d && String(Number(d))],
      ["m", m],
      ["y", y1 ?? y2 ?? y3],
    ]);
  }
  for (const match of text.matchAll(AMOUNT)) add("sum", match, [["sum", String(amountValue(match[0]))]]);
  for (const match of text.matchAll(patterns.span)) {
    const unit = (match[2] ?? "").toLowerCase().replace(/s$/, "");
    add("span", match, [
      ["n", numberOf(match[1] ?? "", ordinals)],
      ["unit", unit],
    ]);
  }
  for (const match of text.matchAll(patterns.ordinal))
    add("ordinal", match, [["n", numberOf(match[1] ?? "", ordinals)]]);
  return values.sort((a, b) => a.at - b.at);
}

/**
 * Whether a value given is the one claimed ("same"), another of its kind ("other": "16 September" for "18 September",
 * "the end of 2028" for "2030", "12th … Joint Committee" for "11th Joint Committee"), or neither.
 */
function compared(claim: Value, given: Value): "same" | "other" | null {
  if (claim.kind !== given.kind) return null;
  const counted = claim.after.find((word) => !FILLER_WORDS.has(word));
  if (claim.kind === "ordinal" && (!counted || !given.after.includes(counted))) return null;
  const shared = [...claim.parts.keys()].filter((part) => given.parts.has(part));
  if (shared.length === 0) return null;
  if (shared.some((part) => claim.parts.get(part) !== given.parts.get(part))) return "other";
  return shared.length === claim.parts.size ? "same" : null;
}

/**
 * The values a question claims, which the texts may contradict: any value of a yes/no question ("paused in November
 * 2025?"), one guessed after the question ("When will it happen, 2030?") and a year set as a deadline ("the 2030
 * deadline"). Not the date of a signing, which the deal's signing record decides.
 */
export function valuesClaimed(query: ParsedQuery, ctx: KnowledgeLookups): Value[] {
  if (query.foreign) return [];
  const signing = signingAsked(query, ctx) ?? signingAssumed(query, ctx);
  const values = valuesIn(query.text, ctx).filter((value) => value.kind !== "date" || !signing);
  if (query.form === "yes-no") return values;
  const deadlines = deadlineYears(query.text, ctx);
  const tail = Math.max(query.text.lastIndexOf(","), query.text.search(/\s[—–-]\s[^—–-]*$/));
  const guessed = (value: Value) =>
    tail >= 0 &&
    value.at > tail &&
    tokenize(`${query.text.slice(tail, value.at)} ${query.text.slice(value.end)}`).every((word) =>
      FILLER_WORDS.has(word),
    );
  return values.filter(
    (value) => guessed(value) || (value.kind === "date" && deadlines.includes(value.text)),
  );
}

/** The question without the values it claims, as asked of the texts. */
export const withoutValues = (text: string, claims: readonly Value[]): string =>
  claims
    .reduceRight((rest, claim) => `${rest.slice(0, claim.at)}${rest.slice(claim.end)}`, text)
    .replace(/\s+/g, " ");

/**
 * The sentence of an answer's excerpts that states another value than a question claims, on what the question asks
 * beside its values, and the excerpt it is in; null when none does, or when a sentence as close to what is asked
 * states the value claimed. In a sentence of several values of a kind, the one whose words before it are closest to
 * what is asked is the one compared ("site licensing within one year", not "reactor design licensing within two
 * years", for "site licensing within 2 years").
 */
export function valueContradicted(
  query: ParsedQuery,
  answer: AnswerDraft,
  ctx: KnowledgeLookups,
  claims: readonly Value[] = valuesClaimed(query, ctx),
  // Whether the excerpts answer the question with its values, and so are on what it asks, whatever words they share.
  onAsked = true,
): { sentence: string; excerpt: number } | null {
  const valueWords = new Set(claims.flatMap((claim) => tokenize(claim.text).map(stem)));
  const keys = [...keyWords(query, ctx)].filter((key) => !valueWords.has(key));
  // A name the question writes in capitals ("Kratsios", "Joint Committee") says more of what is asked than a word.
  const named = new Set(tokenize(query.text.match(/(?<=\S\s+)\p{Lu}[\p{L}-]*/gu)?.join(" ") ?? "").map(stem));
  const shared = (text: string) => {
    const words = tokenize(text).map(stem);
    const had = keys.filter((key) => words.some((word) => sameWord(word, key)));
    return had.length + had.filter((key) => named.has(key)).length;
  };
  const verdictOf = (claim: Value, sentence: string): "same" | "other" | null => {
    const given = valuesIn(sentence, ctx);
    const near = given.flatMap((value, i) => {
      const verdict = compared(claim, value);
      const from = Math.max(
        given[i - 1]?.end ?? 0,
        sentence.lastIndexOf(":", value.at),
        sentence.lastIndexOf(";", value.at),
      );
      return verdict ? [{ verdict, score: shared(sentence.slice(from, value.at)) }] : [];
    });
    const top = Math.max(...near.map(({ score }) => score));
    const closest = near.filter(({ score }) => score === top).map(({ verdict }) => verdict);
    return closest.includes("same") ? "same" : (closest[0] ?? null);
  };
  // A sentence on what is asked, in an excerpt on it ("its results …" after "… a working group"), closest first.
  const found = answer.excerpts.flatMap((excerpt, i) => {
    const onIt = onAsked || shared(excerpt.text) >= Math.min(2, keys.length);
    return excerpt.text.split(FULL_STOP).flatMap((sentence) => {
      const verdicts = claims.map((claim) => verdictOf(claim, sentence));
      const score = shared(sentence);
      return onIt && (score > 0 || onAsked) && verdicts.some(Boolean)
        ? [{ sentence: sentence.trim(), excerpt: i, score, other: verdicts.includes("other") }]
        : [];
    });
  });
  const top = Math.max(0, ...found.map(({ score }) => score));
  const closest = found.filter(({ score }) => score === top);
  const [first] = closest;
  return first && closest.every(({ other }) => other)
    ? { sentence: first.sentence, excerpt: first.excerpt }
    : null;
}
