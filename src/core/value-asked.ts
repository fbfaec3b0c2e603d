import { HAS_AMOUNT } from "./gate.js";
import type { KnowledgeLookups } from "./lookups.js";
import type { KnowledgeBase, Passage } from "./model.js";
import { MONTHS } from "./phrasing.js";
import type { ParsedQuery } from "./query.js";
import { anyOf, capitalised, FILLER_WORDS, once, setOf, stem, tokenize } from "./text.js";

/**
 * The patterns of the questions that ask for a value and of the passages that give one, made once per knowledge:
 * a span, date or moment a text may give ("within two years", "by the end of 2028", "on signature"); someone it
 * names for a part (a signatory, or a holder of an office: "Minister …"); asking who has a part ("who leads …",
 * "which official …"); a sum asked ("how much" or "allocated" only beside money: not "how much … focus on AI").
 */
const patternsOf = once((knowledge: KnowledgeBase) => {
  const { money, numbers, timeUnits, time, roles, people, offices } = knowledge.valuesAsked;
  const number = `\\d[\\d,.]*|${anyOf(numbers)}`;
  const units = anyOf(timeUnits);
  const spent = `\\b(${anyOf(money)})\\b`;
  return {
    number,
    timeUnits: new Set(timeUnits),
    timeGiven: new RegExp(
      `\\b(${number}) (${units})\\b|\\b(19|20)\\d{2}\\b|\\b(signature|immediately|date)\\b|\\b(${MONTHS.map(capitalised).join("|")})\\b`,
    ),
    timeAsked: new RegExp(`\\b(${anyOf(time)})\\b`),
    officeGiven: new RegExp(`\\b(${anyOf(offices.map(capitalised))})\\b`),
    roleAsked: new RegExp(`\\b(${anyOf(roles)})\\b`),
    personAsked: new RegExp(
      `^(which|what) (\\w+ )?(${anyOf(people)})\\b(?! (to people|documents?|texts?|statements?|sources?)\\b)`,
    ),
    sumAsked: new RegExp(
      `\\bhow much\\b(?! (time|longer|of)\\b)(?=.*${spent})|\\b(what|which) (sum|amount)\\b|\\bbudget\\b|\\bearmark|\\bset aside\\b|\\ballocat(?=.*${spent})|${spent}.*\\ballocat|\\bhow many (dollars|pounds|yen|won)\\b`,
    ),
    signatories: knowledge.deals.flatMap((deal) => deal.signatories.map((one) => one.name)),
    // The languages a text was written or signed in: not "large language models", nor "what language it uses on X".
    languagesAsked: new RegExp(
      `\\blanguages?\\b(?! models?\\b)(.*\\b(${anyOf(knowledge.phrasing.languagesAsked)})\\b| .*\\bin$)|\\bin (what|which) languages?\\b`,
    ),
  };
});

/**
 * What a question asks for that only a value answers (a sum, a count, a date or span, languages, a person): how a
 * passage gives one and how to say the texts do not. `number`: a count or span, which a further match may give.
 */
type ValueAsked = {
  gives: (passage: Passage) => boolean;
  unsaid: string;
  sum?: boolean;
  number?: boolean;
  /** What a passage's list of the things counted says ("The texts I hold list five: …"), or null. */
  listed?: (passage: Passage) => string | null;
};

function valueAsked(query: ParsedQuery, ctx: KnowledgeLookups, deal: string | null): ValueAsked | null {
  const text = query.tokens.join(" ");
  const patterns = patternsOf(ctx.knowledge);
  if (patterns.sumAsked.test(text))
    return {
      // A sum reported around the signing (the £150bn of company pledges) is not what the deal commits.
      gives: (passage) => passage.section !== "signing" && HAS_AMOUNT.test(passage.text),
      unsaid: `say what sum ${deal ? `the ${deal} commits` : "the deals commit"}`,
      sum: true,
    };
  const counted = /\bhow many (\w+)(?: (\w+))?/.exec(text);
  if (counted?.[1] && !patterns.timeUnits.has(counted[1])) {
    const nouns = countedNouns(query.tokens, setOf(ctx.vocabulary.phrasing.countEnd));
    const counts = new RegExp(
      String.raw`\b(${patterns.number})\b(\W+\w+){0,2}?\W+(${nouns.map(stem).join("|")})`,
      "i",
    );
    return {
      gives: (passage) => nouns.length > 0 && counts.test(passage.text),
      unsaid: "say how many there are",
      number: true,
      listed: (passage) => {
        const items = passage.text
          .split(/(?<=[\p{Ll})]\.)\s+/u)
          .map((s) => listOf(s, nouns))
          .find(Boolean);
        return items
          ? `The texts I hold list ${NUMBER_WORDS[items.length] ?? items.length}: ${items.join("; ")}. `
          : null;
      },
    };
  }
  if (patterns.timeAsked.test(text))
    return {
      gives: (passage) => patterns.timeGiven.test(passage.text),
      unsaid: "give a date or time limit for that",
      number: true,
    };
  if (patterns.languagesAsked.test(text))
    return {
      gives: (passage) => /\blanguages?\b/i.test(passage.text),
      unsaid: "say in what languages it was written or signed",
    };
  // "Who leads …", "which official is in charge of …": a person or office answers; "who is the partner of …" any body.
  const person = patterns.personAsked.test(text);
  if (!person && !(query.tokens[0] === "who" && patterns.roleAsked.test(text))) return null;
  const asked = query.text
    .replace(/^\s*who\s+/i, "who ")
    .replace(/[^\p{L}\p{N}\s'’–-]/gu, "")
    .trim();
  return {
    gives: (passage) =>
      patterns.officeGiven.test(passage.text) ||
      patterns.signatories.some((name) => passage.text.includes(name)),
    unsaid: `say ${asked.replace(/^\p{Lu}/u, (c) => c.toLowerCase())}`,
  };
}

/**
 * "How many staff will the working group have?", "What budget has the Cabinet Office set aside?", "In what
 * languages was it signed?": a question that asks for a kind of value. When no passage shown gives one, the first
 * further match that gives the count or span asked (`further`) leads instead; without one, the lead says plainly
 * that the texts do not say it, before the closest passages. Null when a passage shown gives it, or no such value is asked.
 */
export function valueUnsaid(
  query: ParsedQuery,
  shown: readonly Passage[],
  ctx: KnowledgeLookups,
  deal: string | null,
  further: () => readonly Passage[],
  related: (passage: Passage) => boolean,
): { said: string | null; sum: boolean; giving?: Passage } | null {
  const value = valueAsked(query, ctx, deal);
  if (!value) return null;
  // "How many space items does it list?": the list a passage shown, or a further one on the topic, gives, counted.
  const lists = (passage: Passage) => value.listed?.(passage) ?? null;
  const listing = shown.find(lists) ?? (shown.some(value.gives) ? undefined : further().find(lists));
  if (listing)
    return { said: lists(listing), sum: false, ...(shown.includes(listing) ? {} : { giving: listing }) };
  if (shown.some(value.gives)) return null;
  const sum = value.sum === true;
  const giving = value.number ? further().filter(related).find(value.gives) : undefined;
  return giving ? { said: null, sum, giving } : { said: `The texts I hold do not ${value.unsaid}. `, sum };
}

const NUMBER_WORDS = "zero one two three four five six seven eight nine ten eleven twelve".split(" ");
/** Where a sentence's list begins: after a colon, else after "includes", "covers", "lists", "names". */
const LIST_OPENER = /\b(?:includes?|covers?|lists?|names?)\s+/;
/** Nouns for any part of a list ("items", "projects"): the words before them say what is counted. */
const ANY_PART =
  /^(items?|things?|elements?|parts?|entries|entry|components?|pieces?|projects?|initiatives?|efforts?)$/;

/** What "how many" counts: "space items" in "how many space cooperation items does …", without filler words. */
function countedNouns(tokens: readonly string[], countEnd: ReadonlySet<string>): string[] {
  const from = tokens.indexOf("many") + 1;
  const end = tokens.findIndex((token, i) => i >= from && countEnd.has(token));
  return tokens.slice(from, end < 0 ? from + 4 : end).filter((word) => !FILLER_WORDS.has(word));
}

/**
 * The items of the list a sentence gives of what is counted ("Space cooperation … includes A, B, C, D, and E"):
 * the words before the list must name it, by the noun counted ("seven points: …") or, for "items" and the like, by
 * the words before it ("space items"). Null without three items or more, or for an open list ("and other …").
 */
function listOf(sentence: string, nouns: readonly string[]): string[] | null {
  const opener = /:\s+/.exec(sentence) ?? LIST_OPENER.exec(sentence);
  const head = nouns.at(-1);
  if (!opener || !head) return null;
  const before = tokenize(sentence.slice(0, opener.index)).map(stem);
  const naming = ANY_PART.test(head) ? nouns.slice(0, -1) : [head];
  if (naming.length === 0 || !naming.every((noun) => before.includes(stem(noun)))) return null;
  const list = sentence.slice(opener.index + opener[0].length).replace(/\s*\([^)]*\)|\.$/g, "");
  const parts = list.split(/,\s*(?:and\s+)?/);
  const last = parts.pop() ?? "";
  // "A, B and C": the last "and" parts two items only when no comma stands before it.
  const items = [...parts, ...(list.includes(", and ") ? [last] : last.split(/\s+and\s+(?!.*\band\b)/))];
  const open = items.some((item) => /\b(other|others|etc|such as|including)\b/.test(item));
  return items.length >= 3 && !open ? items.map((item) => item.trim()) : null;
}
