import type { AnswerDraft } from "./answer.js";
import { AMOUNT, amountValue, asTyped, deadlineYears, missingPremise, yearHeld } from "./gate.js";
import type { KnowledgeLookups } from "./lookups.js";
import type { DealId, KnowledgeBase, Passage } from "./model.js";
import { MONTHS, NUMBER_WORDS } from "./phrasing.js";
import type { ParsedQuery } from "./query.js";
import { signingAsked, signingAssumed } from "./signing-question.js";
import { anyOf, FILLER_WORDS, FULL_STOP, hasAnyOf, once, setOf, stem, tokenize } from "./text.js";
import { keyWords, sameWord } from "./yes-no.js";

/**
 * A value a text states, of a kind: a sum, a date (its day, month and year as given), a span ("two years") or an
 * ordinal ("12th"), with where it stands in the text and the words after it (what an ordinal counts).
 */
export type Value = {
  kind: string;
  parts: Record<string, string>;
  text: string;
  at: number;
  after: string[];
};
const endOf = (value: Value) => value.at + value.text.length;

const patternOf = once((ctx: KnowledgeLookups) => {
  const { numbers, timeUnits } = ctx.knowledge.valuesAsked;
  const [day, month, year] = [
    "\\d{1,2}(?:st|nd|rd|th)?(?!\\d)",
    `(?:${MONTHS.join("|")})`,
    "(?:19|20)\\d{2}",
  ];
  const date = `${day} ${month}(?:,? ${year})?|${month}(?: ${day})?(?:,? (?:of )?${year})?|${year}`;
  const span = `(?:\\d+|${anyOf(numbers)})[\\s-]+(?:${anyOf(timeUnits)})`;
  const ordinal = `${anyOf(ctx.vocabulary.phrasing.ordinals)}|\\d+(?:st|nd|rd|th)`;
  return new RegExp(`(${AMOUNT.source})|\\b(?:(${date})|(${span})|(${ordinal}))\\b`, "gi");
});

/** The values a text states, in order ("Either side may …": "may" alone is no month). */
function valuesIn(text: string, ctx: KnowledgeLookups): Value[] {
  const { ordinals } = ctx.vocabulary.phrasing;
  // "two", "12th", "second" → "2".
  const numberOf = (word: string) => {
    const digits = /^\d+/.exec(word)?.[0];
    const n = digits ? Number(digits) : ordinals.indexOf(word) + 1 || NUMBER_WORDS.indexOf(word);
    return String(n);
  };
  return [...text.matchAll(patternOf(ctx))].flatMap((match) => {
    const [found, sum, date, span] = match;
    const lower = found.toLowerCase();
    const words = lower.split(/[\s-]+/);
    const month = MONTHS.findIndex((name) => words.includes(name)) + 1;
    const parts = sum
      ? { sum: String(amountValue(sum)) }
      : date
        ? {
            d: /\b\d{1,2}(?=\D|$)/.exec(lower)?.[0],
            m: month ? String(month) : undefined,
            y: /\d{4}/.exec(lower)?.[0],
          }
        : span
          ? { n: numberOf(words[0] ?? ""), unit: words.at(-1)?.replace(/s$/, "") }
          : { n: numberOf(lower) };
    const given = Object.entries(parts).filter((part): part is [string, string] => part[1] !== undefined);
    if (lower === "may") return [];
    // "Can a third country join?", "third parties": any other, not the one third in order ("the third country").
    const next = /^\s*(\w+)/.exec(text.slice((match.index ?? 0) + found.length))?.[1]?.toLowerCase();
    const before = /(\w+)\s*$/.exec(text.slice(0, match.index ?? 0))?.[1]?.toLowerCase();
    if (lower === "third" && /^(country|countries|party|parties)$/.test(next ?? "") && before !== "the")
      return [];
    const [at, kind] = [match.index ?? 0, sum ? "sum" : date ? "date" : span ? "span" : "ordinal"];
    const after = tokenize(text.slice(at + found.length))
      .slice(0, 5)
      .map(stem);
    return [{ kind, parts: Object.fromEntries(given), text: found, at, after }];
  });
}

/** The currency a sum is written in, by its sign: "$", "£", "€" or "¥"; null without one. */
const currencyOf = (sum: string): string | null => /[$£€¥]/.exec(sum)?.[0] ?? null;

/**
 * Whether a value given is the one claimed ("same"), another of its kind ("other": "16 September" for "18 September",
 * "the end of 2028" for "2030", "12th … Joint Committee" for "11th Joint Committee"), or neither.
 */
function compared(claim: Value, given: Value, occasions: ReadonlySet<string>): "same" | "other" | null {
  const counted = claim.after.find((word) => !FILLER_WORDS.has(word)) ?? "";
  if (claim.kind !== given.kind || (claim.kind === "ordinal" && !given.after.includes(counted))) return null;
  // "$30 billion" against "£150 billion": sums in two currencies are no measure of each other.
  const [claimed, stated] = [currencyOf(claim.text), currencyOf(given.text)];
  if (claim.kind === "sum" && claimed && stated && claimed !== stated) return null;
  // "five years" against "six months": spans in two units may measure different things (a term, a deadline).
  if (claim.kind === "span" && claim.parts.unit !== given.parts.unit) return null;
  // A name of the kind with the same first word ("UK AI Security Institute" for "UK AI Safety Institute") may be the
  // body asked under another name; one of another place or owner ("UK Space Agency", "European …") is another.
  const first = (value: Value) => value.parts.name?.split(" ")[0];
  if (claim.kind === "name" && first(claim) === first(given)) return null;
  // "the Met Office" is not contradicted by "the Cabinet Office": many bodies may take part, so another body's name
  // says otherwise only when it shares a word beside the kind ("UK Space Agency" for "European Space Agency"); an
  // occasion was one ("the India AI Impact Summit" for "the G20 summit").
  const words = (value: Value) =>
    new Set(tokenize(value.parts.name ?? "").filter((word) => !claim.after.includes(word)));
  const [claimedWords, occasion] = [words(claim), claim.after.some((word) => occasions.has(word))];
  if (claim.kind === "name" && !occasion && ![...words(given)].some((word) => claimedWords.has(word)))
    return null;
  const asked = Object.keys(claim.parts);
  const shared = asked.filter((part) => part in given.parts);
  if (shared.some((part) => claim.parts[part] !== given.parts[part])) return "other";
  return shared.length > 0 && shared.length === asked.length ? "same" : null;
}

/**
 * The values a question claims, which the texts may contradict: any value of a yes/no question ("paused in November
 * 2025?"), one guessed after the question ("When will it happen, 2030?") and a year set as a deadline ("the 2030
 * deadline"). Not the date of a signing, which the deal's signing record decides.
 */
export function valuesClaimed(query: ParsedQuery, ctx: KnowledgeLookups): Value[] {
  if (query.foreign) return [];
  const signing = signingAsked(query, ctx) ?? signingAssumed(query, ctx);
  const named = nameClaimed(query, ctx);
  // "Does the Japan deal build on the 1988 agreement?": a year no text gives, naming a thing by it ("the 1988 …"),
  // is no date claimed of what a text dates; that no text has it is said instead. A deadline is ("the 2030
  // deadline").
  const deadlines = deadlineYears(query.text, ctx);
  const namesByYear = (value: Value) =>
    /^\d{4}$/.test(value.text) &&
    !deadlines.includes(value.text) &&
    !yearHeld(ctx, value.text) &&
    /\b(?:the|a|an)\s+$/i.test(query.text.slice(0, value.at)) &&
    /^\s+\p{L}/u.test(query.text.slice(endOf(value)));
  const values = [...valuesIn(query.text, ctx), ...(named ? [named] : [])].filter(
    (value) => (value.kind !== "date" || !signing) && !namesByYear(value),
  );
  if (query.form === "yes-no") return values;
  const tail = Math.max(query.text.lastIndexOf(","), query.text.search(/\s[—–-]\s[^—–-]*$/));
  const guessed = (value: Value) =>
    tail >= 0 &&
    value.at > tail &&
    tokenize(`${query.text.slice(tail, value.at)} ${query.text.slice(endOf(value))}`).every((word) =>
      FILLER_WORDS.has(word),
    );
  return values.filter(
    (value) => guessed(value) || (value.kind === "date" && deadlines.includes(value.text)),
  );
}

/** The spans of time a question claims, as it writes them ("2 years" in "Does the UK deal mention 2 years?"). */
export const spansClaimed = (query: ParsedQuery, ctx: KnowledgeLookups): Value[] =>
  valuesClaimed(query, ctx).filter((claim) => claim.kind === "span");

/**
 * The first sentence of the deals' passages that gives every span claimed, as the texts write spans ("within two
 * years"), with its passage; null when none does.
 */
export function spanMentioned(
  spans: readonly Value[],
  ctx: KnowledgeLookups,
  deals: readonly DealId[],
): { passage: Passage; sentence: string } | null {
  const none = new Set<string>();
  // Only passages with the unit of time asked can give the span ("year" or "years").
  const unit = spans[0]?.parts.unit ?? "";
  const candidates = [...ctx.passagesWith([unit]), ...ctx.passagesWith([`${unit}s`])].filter(
    (passage) => deals.length === 0 || passage.deals.some((deal) => deals.includes(deal)),
  );
  for (const passage of candidates) {
    const sentence = passage.text
      .split(FULL_STOP)
      .find((each) =>
        spans.every((span) => valuesIn(each, ctx).some((value) => compared(span, value, none) === "same")),
      );
    if (sentence) return { passage, sentence: sentence.trim() };
  }
  return null;
}

/** A word that says what kind of thing a name is: "summit", "agency". */
const namedKinds = once(
  ({ valuesAsked: { bodies, bodyNames } }: KnowledgeBase) =>
    new RegExp(`^(${anyOf([...bodies, ...bodyNames])})$`, "i"),
);

/**
 * A name no text has, of a kind ("the Paris AI summit", "the European Space Agency"): the words before its kind, which
 * a name of that kind in the texts ("the India AI Impact Summit") contradicts. The kind is kept in `after`.
 */
function nameClaimed(query: ParsedQuery, ctx: KnowledgeLookups): Value | null {
  const name = missingPremise(query, ctx)?.name;
  const typed = name ? asTyped(query.text, name) : "";
  const kinds = namedKinds(ctx.knowledge);
  const at = typed ? query.text.indexOf(typed) : -1;
  const next = /^\s+([\p{L}-]+)/u.exec(query.text.slice(at + typed.length))?.[1] ?? "";
  const last = typed.split(" ").at(-1) ?? "";
  const kind = [next, last].find((word) => kinds.test(word));
  if (at < 0 || !kind) return null;
  const text = kind === last ? typed.slice(0, typed.lastIndexOf(" ")) : typed;
  return { kind: "name", parts: { name: typed.toLowerCase() }, text, at, after: [kind.toLowerCase()] };
}

/** The names of a kind a sentence gives ("the India AI Impact Summit" for "summit"). */
function namesIn(sentence: string, kind: string): Value[] {
  const head = `[${kind.charAt(0).toUpperCase()}${kind.charAt(0)}]${kind.slice(1)}`;
  const names = sentence.matchAll(new RegExp(`(?:\\p{Lu}[\\p{L}\\p{N}.’'-]*\\s+)+${head}\\b`, "gu"));
  return [...names].map(([text], i, all) => ({
    kind: "name",
    parts: { name: text.toLowerCase() },
    text,
    at: all[i]?.index ?? 0,
    after: [],
  }));
}

/** The question without the values it claims, as asked of the texts. */
export const withoutValues = (text: string, claims: readonly Value[]): string =>
  claims
    .reduceRight(
      (rest, claim) => `${rest.slice(0, claim.at).replace(VALUE_LEAD_IN, "")}${rest.slice(endOf(claim))}`,
      text,
    )
    .replace(/\s+/g, " ");

/** Words that only lead in to a value ("worth £200 billion", "about 5 years"): gone with it, they ask nothing. */
// Not "more than", "under" and the like: they ask another thing than the value they lead in to.
const LEAD_INS = [
  "worth",
  "valued at",
  "totalling",
  "totaling",
  "amounting to",
  "about",
  "around",
  "roughly",
];
const VALUE_LEAD_IN = new RegExp(`\\b(?:${LEAD_INS.join("|")})\\s*$`, "i");
const LEAD_IN_WORDS = new Set(LEAD_INS.flatMap((words) => words.split(" ")).map(stem));

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
  const keys = [...keyWords(query, ctx)].filter((key) => !valueWords.has(key) && !LEAD_IN_WORDS.has(key));
  // A name the question writes in capitals ("Kratsios", "Joint Committee") says more of what is asked than a word.
  const named = new Set(tokenize(query.text.match(/(?<=\S\s+)\p{Lu}[\p{L}-]*/gu)?.join(" ") ?? "").map(stem));
  const shared = (text: string) => {
    const words = tokenize(text).map(stem);
    const had = keys.filter((key) => words.some((word) => sameWord(word, key)));
    return had.length + had.filter((key) => named.has(key)).length;
  };
  const verdictOf = (claim: Value, sentence: string): "same" | "other" | null => {
    const given = claim.kind === "name" ? namesIn(sentence, claim.after[0] ?? "") : valuesIn(sentence, ctx);
    // "… the U.S.–UK Economic Prosperity Deal of May 2025": a date naming another thing is not the date asked.
    const namesAnother = (value: Value) =>
      value.kind === "date" && OF_A_NAME.test(sentence.slice(0, value.at));
    // The words before a value, back to the value before it; a value that only breaks down the one before it
    // ("a combined $1 billion ($500 million each)") shares that one's words.
    const starts: number[] = [];
    const near = given.flatMap((value, i) => {
      const previous = given[i - 1];
      const breakdown = previous !== undefined && /^[\s(]*$/.test(sentence.slice(endOf(previous), value.at));
      const from = breakdown
        ? (starts[i - 1] ?? 0)
        : Math.max(
            previous ? endOf(previous) : 0,
            sentence.lastIndexOf(":", value.at),
            sentence.lastIndexOf(";", value.at),
          );
      starts[i] = from;
      if (namesAnother(value)) return [];
      const verdict = compared(claim, value, setOf(ctx.vocabulary.phrasing.occasions));
      return verdict ? [{ verdict, score: shared(sentence.slice(from, value.at)) }] : [];
    });
    const top = Math.max(...near.map(({ score }) => score));
    const closest = near.filter(({ score }) => score === top).map(({ verdict }) => verdict);
    return closest.includes("same") ? "same" : (closest[0] ?? null);
  };
  // "Did Microsoft pledge £22 billion?": a sum of pledges by companies "such as Microsoft, Google and Blackstone"
  // is theirs together, no measure of one of them.
  const read = new Set(query.readings.flatMap((reading) => tokenize(reading.words)));
  const oneOfMany = [...(query.text.match(/(?<=\S\s+)\p{Lu}[\p{L}-]*/gu) ?? [])].filter(
    (word) => !read.has(word.toLowerCase()),
  );
  const ofMany = (sentence: string) => oneOfMany.some((word) => listedAmongOthers(sentence, word));
  const dated = claims.some((claim) => claim.kind === "date") && !hasAnyOf(query.tokens, AGREEING);
  // A sentence on what is asked, in an excerpt on it ("its results …" after "… a working group"), closest first.
  const found = answer.excerpts.flatMap((excerpt, i) => {
    const onIt = onAsked || shared(excerpt.text) >= Math.min(2, keys.length);
    return excerpt.text.split(FULL_STOP).flatMap((sentence) => {
      // "Did the working group meet in March?" over "… had agreed to launch a working group": the date is of the
      // agreement, not of what was agreed (unless the agreement is asked).
      if (ofMany(sentence) || (dated && AGREED_TO.test(sentence))) return [];
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

/** A capitalised name and "of" just before a date: "the Economic Prosperity Deal of May 2025". */
const OF_A_NAME = /\p{Lu}[\p{L}-]*\s+of\s+$/u;

/** Words of agreeing to do a thing ("had agreed to launch a working group"), which is not doing it. */
const AGREEING = ["agree", "agreed", "agrees", "agreement", "decided", "pledge", "pledged"];
const AGREED_TO = new RegExp(`\\b(?:${AGREEING.join("|")}) to\\b`, "i");

/** Whether a name stands in a sentence as one of several listed ("such as Microsoft, Google and Blackstone"). */
function listedAmongOthers(sentence: string, name: string): boolean {
  const other = "\\p{Lu}[\\p{L}-]*";
  const listed = new RegExp(
    `\\b${name}\\b(?:,|\\s+and)\\s+${other}|${other}(?:,|\\s+and)\\s+${name}\\b`,
    "u",
  );
  return listed.test(sentence);
}
