import type { KnowledgeLookups } from "./lookups.js";
import { type Deal, type DealId, type Passage, type Section, sectionWords } from "./model.js";
import type { ParsedQuery } from "./query.js";
import { capitalised } from "./text.js";

/** Sentences and names for answers, made from knowledge. */

/** The milliseconds of a day, to count days between two dates. */
export const DAY_MS = 86_400_000;

/** "a, b and c". */
export function joinNames(names: readonly string[], conjunction = "and"): string {
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} ${conjunction} ${names.at(-1)}`;
}

/** What a deal's document is, from its record: "The U.S.–UK … is a Memorandum of Understanding (MOU): “…”." */
export const documentSaid = ({ name, document }: Deal): string =>
  `The ${name} is a ${document.type} (${document.abbreviation}): “${document.title}”.`;

/** "the United Kingdom, Japan and the Republic of Korea", for use inside a sentence. */
export function dealList(ctx: KnowledgeLookups, deals: readonly DealId[], conjunction = "and"): string {
  return joinNames(
    deals.map((id) => partnerName(ctx.deal(id)?.partner ?? id)),
    conjunction,
  );
}

/** A partner country as a sentence names it: "the United Kingdom", "Japan", "the Republic of Korea". */
export const partnerName = (partner: string) =>
  /^(United|Republic)\b/.test(partner) ? `the ${partner}` : partner;

/** "United Kingdom, Japan and Republic of Korea", for titles. */
export function partnerList(ctx: KnowledgeLookups, deals: readonly DealId[]): string {
  return joinNames(deals.map((id) => ctx.deal(id)?.partner ?? id));
}

/** "the U.S.–Japan Technology Prosperity Deal or the U.S.–Korea …", for "in the … text" phrases. */
export function dealNames(ctx: KnowledgeLookups, deals: readonly DealId[], conjunction = "or"): string {
  const names = deals.map((id) => `the ${ctx.dealName(id)}`);
  return joinNames(names, conjunction);
}

/** "the deals with the United Kingdom and Japan" or "the deal with Japan". */
export function dealsWith(ctx: KnowledgeLookups, deals: readonly DealId[]): string {
  return `the deal${deals.length === 1 ? "" : "s"} with ${dealList(ctx, deals)}`;
}

/** "The texts I hold of the deal with Japan do not give its exit terms." */
export function notGivenSaid(
  ctx: KnowledgeLookups,
  deals: readonly DealId[],
  sections: readonly Section[],
): string {
  const its = deals.length === 1 ? "its" : "their";
  return `The texts I hold of ${dealsWith(ctx, deals)} do not give ${its} ${sectionWords(sections)}.`;
}

/**
 * `notGivenSaid` of deals whose texts held give nothing of the sections the passages sit in (`sectionsUnheld`);
 * null when the texts of any of them have those sections, or no deal is given.
 */
export function unheldSaid(
  ctx: KnowledgeLookups,
  deals: readonly DealId[],
  passages: readonly Passage[],
): string | null {
  const unheld = deals.map((deal) => ctx.sectionsUnheld(deal, passages));
  if (unheld.length === 0 || unheld.some((sections) => sections.length === 0)) return null;
  return notGivenSaid(ctx, deals, [...new Set(unheld.flat())]);
}

/** Words as a title: "AUS" for short ones, "New Zealand" for the rest. */
export function titleCase(words: string): string {
  return words.length <= 3
    ? words.toUpperCase()
    : words.replace(/(^|[\s-])\p{L}/gu, (letter) => letter.toUpperCase());
}

/** A name opening with "The" as it stands inside a sentence: "the White House". */
export const nameInSentence = (name: string) => name.replace(/^The /, "the ");

/** A topic label inside a sentence: "quantum technology", but "AI" and "6G" keep their capitals. */
export function inSentence(label: string): string {
  return label.replace(/\b(\p{Lu})(\p{Ll}+)/gu, (word) => word.toLowerCase());
}

/**
 * "Ask about a deal (…) or a topic such as …", naming common topics with short labels; after a question about a
 * deal, the topics that deal lists ("Ask about a topic the deal lists, such as …").
 */
export function askHint(ctx: KnowledgeLookups, deals: readonly DealId[] = []): string {
  const listed = new Set(deals.flatMap((id) => ctx.deal(id)?.areas ?? []));
  const topics = ctx
    .commonTopics()
    .filter((topic) => (listed.size === 0 || listed.has(topic.id)) && topic.label.length <= 24)
    .filter((topic) => !topic.label.includes(","))
    .slice(0, 5)
    .map((topic) => topic.label);
  const opening =
    listed.size > 0
      ? `Ask about a topic the deal${deals.length > 1 ? "s list" : " lists"}, such as`
      : `Ask about a deal (${dealList(ctx, ctx.dealIds)}) or a topic such as`;
  return `${opening} ${joinNames(topics, "or")}.`;
}

export const NUMBER_WORDS = "zero one two three four five six seven eight nine ten eleven twelve".split(" ");
/** A count as a sentence says it: "three"; in digits past twelve. */
export const countWord = (count: number): string => NUMBER_WORDS[count] ?? String(count);

/** The count a word states, in digits or as one of `numbers` ("one", "two", …); 0 when it states none. */
export const countIn = (word: string, numbers: readonly string[]): number =>
  /^\d+$/.test(word) ? Number(word) : numbers.indexOf(word) + 1;

export const MONTHS =
  "january february march april may june july august september october november december".split(" ");

/** Every surface's date style: 2025-10-29 -> 29 October 2025; "date not stated" when the source shows none. */
export function formatDate(iso: string | undefined): string {
  if (!iso) return "date not stated";
  const [year, month, day] = iso.split("-").map(Number);
  const name = MONTHS[(month ?? 0) - 1];
  return name && day && year ? `${day} ${capitalised(name)} ${year}` : iso;
}

/** Every count of `nouns` a question gives ("two deals", "2 of the deals", "26 sources"), with where it stands. */
export function countsOf(
  query: ParsedQuery,
  ctx: KnowledgeLookups,
  nouns: readonly string[],
): Array<{ count: number; at: number }> {
  const { numbers } = ctx.knowledge.valuesAsked;
  return query.tokens.flatMap((token, at) => {
    const rest = query.tokens.slice(at + 1);
    const noun = rest[0] === "of" ? rest.slice(1).find((word) => word !== "the") : rest[0];
    const count = countIn(token, numbers);
    return count > 0 && nouns.includes(noun ?? "") ? [{ count, at }] : [];
  });
}

/**
 * The one count of `nouns` a question claims, or null; "all three deals", "the three deals" name every one, not a
 * count of them, and "in two deals" is where a thing is, not how many there are.
 */
export function countClaimed(
  query: ParsedQuery,
  ctx: KnowledgeLookups,
  nouns: readonly string[],
): number | null {
  const claimed = countsOf(query, ctx, nouns).filter(({ at }) => {
    const every = ["all", "the"].includes(query.tokens[at - 1] ?? "");
    const placed = query.tokens.slice(Math.max(0, at - 2), at).some((word) => PLACING.has(word));
    return !every && !placed;
  });
  return claimed.length === 1 ? (claimed[0]?.count ?? null) : null;
}
const PLACING = new Set(["in", "across", "among", "between", "within", "from", "by"]);

/** "two deals", "2 of the deals", "three TPDs": the count of deals a question claims, or null. */
export const dealCountClaimed = (query: ParsedQuery, ctx: KnowledgeLookups): number | null =>
  countClaimed(query, ctx, ctx.vocabulary.phrasing.dealNouns);
