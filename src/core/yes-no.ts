import type { AnswerDraft } from "./answer.js";
import type { KnowledgeLookups } from "./lookups.js";
import { formatDate } from "./phrasing.js";
import type { ParsedQuery } from "./query.js";
import { signingAsked, signingLead } from "./signing-question.js";
import { FILLER_WORDS, stem, tokenize } from "./text.js";

/** Words that turn what follows them into its opposite ("not legally binding", "commits neither side"). */
const NEGATIONS = new Set([
  "not",
  "no",
  "non",
  "neither",
  "nor",
  "nothing",
  "never",
  "without",
  "cannot",
  "nt",
]);
/** How many words before a key word a negation may stand and still negate it. */
const NEGATION_REACH = 5;

/**
 * A yes/no question answered from the answer's own excerpts: "Is the UK deal legally binding?" → "No — The
 * U.S.–UK … is not legally binding.", before the answer's own lead. The sentence that carries all the question's words decides, by whether a
 * negation governs them; a question about who signed is checked against the deal's signatories. Returns the
 * answer unchanged when no sentence holds all of the question's words of substance.
 */
export function withYesNoLead(query: ParsedQuery, answer: AnswerDraft, ctx: KnowledgeLookups): AnswerDraft {
  if (query.form !== "yes-no" || !answer.found || /^(Yes|No) — /.test(answer.lead)) return answer;
  const order = signingOrderLead(query, ctx);
  if (order) return { ...answer, lead: `${order} ${answer.lead}` };
  const signing = signingAsked(query, ctx);
  if (signing) {
    // The deal's signing record decides, or nothing does: a sentence reporting a disputed signer is no "Yes".
    const [dealId] = answer.deals;
    const deal = answer.deals.length === 1 && dealId !== undefined ? ctx.deal(dealId) : undefined;
    const signed = deal ? signingLead(signing, deal) : null;
    return signed ? { ...answer, lead: `${signed} ${answer.lead}` } : answer;
  }
  // The texts report what was agreed and what happened; no sentence of theirs decides what will happen.
  if (/\b(will|going to)\b/.test(query.text)) return answer;
  // A topic asked in several words ("legally binding") stands in a sentence by any of them ("non-binding").
  const phrases = query.readings
    .filter((reading) => reading.kind === "topic" && !reading.fuzzy && reading.words.includes(" "))
    .map((reading) =>
      reading.words
        .split(" ")
        .filter((word) => !FILLER_WORDS.has(word))
        .map(stem),
    );
  const inPhrase = new Set(phrases.flat());
  const keys = new Set([...keyWords(query, ctx)].filter((key) => !inPhrase.has(key)));
  if (keys.size === 0 && phrases.length === 0) return answer;
  // A sentence about one deal never decides a question that weighs two ("paused like the UK one?").
  if (new Set(query.deals).size > 1) return answer;
  const [asked] = query.deals;
  for (const excerpt of answer.excerpts) {
    if (asked && excerpt.deal && excerpt.deal !== asked) continue;
    for (const sentence of excerpt.text.split(/(?<=[.;:])\s+/)) {
      if (!numberedNamesMatch(query, sentence)) continue;
      const words = tokenize(sentence).map(stem);
      // Only a sentence holding every word of substance decides: "signed in London?" is not answered by a
      // sentence that says who signed but not where. Without one, no Yes or No is given.
      if (![...keys].every((key) => words.includes(key))) continue;
      if (!phrases.every((phrase) => phrase.some((word) => words.includes(word)))) continue;
      const at = words.findIndex((word) => keys.has(word) || inPhrase.has(word));
      // "is not legally binding", "non-binding", "commits neither side": before the word, or just after it.
      const around = [...words.slice(Math.max(0, at - NEGATION_REACH), at), ...words.slice(at + 1, at + 3)];
      const negated = around.some((word) => NEGATIONS.has(word));
      const direct = `${negated ? "No" : "Yes"} — ${sentence.trim().replace(/[,;:]$/, ".")}`;
      return { ...answer, lead: `${direct} ${answer.lead}` };
    }
  }
  return answer;
}

/** The question's words of substance: not its framing, not the deal's name, not the yes/no opener. */
function keyWords(query: ParsedQuery, ctx: KnowledgeLookups): Set<string> {
  // The first name of each deal only says which deal is meant; a second one is asked about ("the UK deal
  // signed in London?" names the place, which the deciding sentence must then hold).
  const namingReadings = new Map<string, string>();
  for (const reading of query.readings) {
    if (reading.kind === "deal" && !namingReadings.has(reading.as))
      namingReadings.set(reading.as, reading.words);
  }
  const dealWords = new Set([...namingReadings.values()].flatMap((words) => words.split(" ")));
  // Words naming the section asked ("pull out" → discontinuation) chose the excerpts; what is asked of it remains.
  const sectionWords = new Set(ctx.vocabulary.sectionsIn(query.tokens).flatMap((hit) => hit.positions));
  return new Set(
    query.tokens
      .filter(
        (token, i) =>
          i > 0 &&
          !sectionWords.has(i) &&
          !FILLER_WORDS.has(token) &&
          !dealWords.has(token) &&
          token.length > 2,
      )
      .map(stem),
  );
}

const ORDINALS = /^(i|ii|iii|iv|v|vi|vii|viii|ix|x|\d+)$/;

/**
 * A name with a number ("Artemis I", "Section 3") must stand in the text with that same number: a sentence
 * about Artemis II never answers a question about Artemis I.
 */
export function numberedNamesMatch(query: ParsedQuery, text: string): boolean {
  const words = tokenize(text);
  const pairs = query.tokens.flatMap((token, i) => {
    const next = query.tokens[i + 1];
    return i > 0 && next && ORDINALS.test(next) && !FILLER_WORDS.has(token) && !ORDINALS.test(token)
      ? [[token, next]]
      : [];
  });
  return pairs.every(
    ([name, number]) =>
      words.some((word, i) => word === name && words[i + 1] === number) || !words.includes(name as string),
  );
}

const LATER = new Set(["after", "later"]);
const EARLIER = new Set(["before", "earlier"]);

/**
 * "Was the UK deal signed after the Japan deal?": decided by the two deals' signing dates, the first deal named
 * being the one asked about.
 */
function signingOrderLead(query: ParsedQuery, ctx: KnowledgeLookups): string | null {
  const later = query.tokens.some((token) => LATER.has(token));
  const earlier = query.tokens.some((token) => EARLIER.has(token));
  const named = [...new Set(query.deals)];
  if (
    later === earlier ||
    named.length !== 2 ||
    !query.tokens.some((token) => stem(token) === stem("signed"))
  )
    return null;
  const [subject, other] = named.map((id) => ctx.deal(id));
  if (!subject || !other || subject.signed.date === other.signed.date) return null;
  const isLater = subject.signed.date > other.signed.date;
  const when = (deal: typeof subject) => `${formatDate(deal.signed.date)}`;
  return `${isLater === later ? "Yes" : "No"} — the ${subject.name} was signed on ${when(subject)}, ${isLater ? "after" : "before"} the ${other.name} (${when(other)}).`;
}
