import type { AnswerDraft, Item } from "./answer.js";
import { blankAnswer, excerptOf } from "./answer-building.js";
import type { KnowledgeLookups } from "./lookups.js";
import type { Body, DealId } from "./model.js";
import { countWord, dealList, dealNames, inSentence, joinNames, partnerList } from "./phrasing.js";
import type { ParsedQuery } from "./query.js";
import { anyOf, capitalised, FULL_STOP, holdsAnyOf, setOf, tokenize } from "./text.js";

/** The side of a deal a question asks the bodies of: "which US agencies" the U.S.; "which Korean agencies" the partner. */
type SideAsked = Body["side"] | null;

/**
 * The side asked, the deal whose partner it is when a partner is named ("which UK agencies"), and whether the bodies
 * are asked for counted ("how many US agencies").
 */
type BodiesAsked = { side: SideAsked; partnerOf?: DealId; counted: boolean; ranked: boolean };

/**
 * "Which US agencies are named in the Korea deal?", "What organisations does the Japan deal involve?": which bodies
 * a deal names, of no other subject than a kind of body (and a topic, if any): the side asked, or null for any.
 * Undefined when that is not what is asked.
 */
function bodiesAsked(query: ParsedQuery, ctx: KnowledgeLookups): BodiesAsked | undefined {
  const { bodiesListed, usSide } = ctx.vocabulary.phrasing;
  const { tokens } = query;
  // "How many US agencies are involved?" asks for them counted; "Which deal names the most agencies?" for the deals
  // ranked by how many they name.
  const counted = tokens.includes("how") && tokens.includes("many");
  const ranked = query.form === "which-deal" && tokens.includes("most");
  if (query.names.length > 0 || !(counted || ["which", "what", "list"].some((word) => tokens.includes(word))))
    return undefined;
  const listed = setOf(bodiesListed);
  const kind = new RegExp(`^(${anyOf(ctx.knowledge.valuesAsked.bodies)})$`);
  const terms = query.subjectTerms;
  // "agencys": a word of the list typed with a slip (its first five letters) is still one.
  const listedWord = (term: string) =>
    listed.has(term) || bodiesListed.some((word) => word.length >= 5 && term.startsWith(word.slice(0, 5)));
  if (!terms.every(listedWord) || !terms.some((term) => listedWord(term) && kind.test(term)))
    return undefined;
  // The words just before the kind asked say the side: "which US agencies", "what Korean bodies".
  const at = tokens.findIndex((token) => listedWord(token) && kind.test(token));
  const before = tokens.slice(Math.max(0, at - 3), at).join(" ");
  if (holdsAnyOf(before, usSide)) return { side: "us", counted, ranked };
  const words = tokenize(before);
  const partner = query.readings.find(
    (reading) => reading.kind === "deal" && tokenize(reading.words).every((word) => words.includes(word)),
  );
  return partner
    ? { side: "partner", partnerOf: partner.as, counted, ranked }
    : { side: null, counted, ranked };
}

/** "Which deal names the most agencies?": the deals ranked by how many bodies they name, which `bodiesAnswer` says. */
export const bodiesRankedAsked = (query: ParsedQuery, ctx: KnowledgeLookups): boolean =>
  bodiesAsked(query, ctx)?.ranked === true;

/** The words a body is written in: its name, and its abbreviation if it has one. */
export const namesOf = (body: Body): string[] => [
  body.name,
  ...(body.abbreviation ? [body.abbreviation] : []),
];

/**
 * The first passage of a deal that names a body word for word (on a topic asked, if any), with the sentence naming
 * it; null when none does.
 */
function namedWhere(body: Body, deal: DealId, topics: readonly string[], ctx: KnowledgeLookups) {
  const names = namesOf(body);
  const positions = names.flatMap((name) => [...ctx.positionsWith(tokenize(name))]).sort((a, b) => a - b);
  for (const position of positions) {
    const passage = ctx.passageAt(position);
    if (!passage.deals.includes(deal) || !names.some((name) => passage.text.includes(name))) continue;
    if (topics.length > 0 && !passage.topics.some((topic) => topics.includes(topic))) continue;
    const sentence = passage.text.split(FULL_STOP).find((each) => names.some((name) => each.includes(name)));
    return { passage, sentence: sentence ?? passage.text };
  }
  return null;
}

/**
 * The bodies the texts of the deals asked (all, if none) name, of the side asked, each with the sentence naming it
 * and its citation; with a topic, those named in a passage on it. Null when the question asks something else, or
 * none is named.
 */
export function bodiesAnswer(
  query: ParsedQuery,
  deals: readonly DealId[],
  ctx: KnowledgeLookups,
): AnswerDraft | null {
  const asked = bodiesAsked(query, ctx);
  if (!asked) return null;
  // "Which UK bodies are named in the Korea deal?": the UK names the side, the Korea deal is the one asked.
  const { partnerOf } = asked;
  const namedTwice = query.readings.filter((reading) => reading.as === partnerOf).length > 1;
  const others = deals.filter((deal) => deal !== partnerOf);
  const of = partnerOf && !namedTwice && others.length > 0 ? others : deals.length > 0 ? deals : ctx.dealIds;
  const items: Item[] = [];
  const about = new Set<DealId>();
  const distinct = new Set<string>();
  const perDeal = new Map<DealId, Set<string>>();
  for (const deal of of) {
    const record = ctx.deal(deal);
    for (const body of record?.bodies ?? []) {
      if (asked.side !== null && body.side !== asked.side) continue;
      if (partnerOf && deal !== partnerOf) continue;
      const where = namedWhere(body, deal, query.topics, ctx);
      if (!record || !where) continue;
      const side = body.side === "us" ? "U.S." : body.side === "partner" ? record.partner : "Both sides";
      const name = body.abbreviation ? `${body.name} (${body.abbreviation})` : body.name;
      distinct.add(body.name);
      perDeal.set(deal, (perDeal.get(deal) ?? new Set()).add(body.name));
      items.push({
        title: `${capitalised(name)} · ${side}${of.length > 1 ? ` · ${record.label}` : ""}`,
        text: where.sentence,
        source: excerptOf(ctx, where.passage, deal).source,
      });
      about.add(deal);
    }
  }
  if (items.length === 0 && partnerOf && !of.includes(partnerOf))
    return {
      ...blankAnswer(query, "ask"),
      title: `${partnerList(ctx, of)} · Bodies named`,
      lead: `The texts I hold name no body of ${dealList(ctx, [partnerOf])} in ${dealNames(ctx, of, "and")}.`,
      deals: [...of],
    };
  if (items.length === 0) return null;
  const side =
    asked.side === "us"
      ? " on the U.S. side"
      : asked.side === "partner"
        ? ` on the side of ${dealList(ctx, of)}`
        : "";
  const topics = joinNames(query.topics.map((topic) => inSentence(ctx.topicLabel(topic))));
  const on = topics ? ` on ${topics}` : "";
  return {
    ...blankAnswer(query, "ask"),
    found: true,
    title: `${partnerList(ctx, of)} · Bodies named`,
    lead:
      asked.ranked && of.length > 1
        ? rankedLead(perDeal, of, side, ctx)
        : asked.counted
          ? `The texts I hold name ${countWord(distinct.size)} ${distinct.size === 1 ? "body" : "bodies"}${side} in ${dealNames(ctx, of, "and")}${on}:`
          : `The bodies${side} the texts I hold name in ${dealNames(ctx, of, "and")}${on} (${items.length}):`,
    deals: [...about],
    items,
  };
}

/**
 * "Which deal names the most agencies?": the deals by how many bodies the texts name in each, most first, those
 * naming as many said together: "The texts I hold name the most bodies in the U.S.–UK … (eleven); then ten in …".
 */
function rankedLead(
  perDeal: ReadonlyMap<DealId, ReadonlySet<string>>,
  deals: readonly DealId[],
  side: string,
  ctx: KnowledgeLookups,
): string {
  const countOf = (deal: DealId) => perDeal.get(deal)?.size ?? 0;
  const counts = [...new Set(deals.map(countOf))].sort((a, b) => b - a);
  const [most, ...fewer] = counts.map((count) => ({
    count,
    deals: deals.filter((deal) => countOf(deal) === count),
  }));
  const first = most?.deals ?? [];
  const top = `The texts I hold name the most bodies${side} in ${dealNames(ctx, first, "and")} (${countWord(most?.count ?? 0)}${first.length > 1 ? " each" : ""})`;
  const rest = fewer.map(
    ({ count, deals: named }) => `${countWord(count)} in ${dealNames(ctx, named, "and")}`,
  );
  return `${top}${rest.length > 0 ? `; then ${joinNames(rest)}` : ""}:`;
}
