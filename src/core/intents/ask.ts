import type { Answer, Excerpt } from "../answer.js";
import type { KnowledgeContext } from "../context.js";
import type { DealId, Passage, Section } from "../model.js";
import type { ParsedQuery } from "../query.js";
import type { Intent, IntentRequest } from "./intent.js";

/** Sections that introduce a deal, best first, for a question that names a deal and nothing else. */
const OVERVIEW_ORDER: readonly Section[] = ["article", "signing", "purpose", "document", "signatories"];
/** Official wording is preferred when a quote and a summary match equally well. */
const QUOTE_BONUS = 0.3;

export const ask: Intent = {
  name: "ask",
  description: "Search the deal texts; name a deal and/or a topic to narrow it",
  examples: ["korea 6g", "japan fusion", "is the uk deal legally binding?"],
  commands: ["ask", "search", "find"],
  cues: [],
  run({ query, options, ctx }: IntentRequest): Answer {
    const deals = ctx.dealsAsked(query, options);
    const answer = ctx.blank(query, "ask");

    if (query.countries.length > 0 && deals.length === 0) return noDealWith(answer, query.countries, ctx);
    if (query.topics.length === 0 && query.terms.length === 0) {
      if (deals.length === 0) return notUnderstood(answer, ctx);
      return ctx.paginate(
        overview(answer, deals, ctx),
        overviewPassages(deals, ctx),
        ({ passage, deal }) => ctx.excerpt(passage, deal),
        options.offset,
      );
    }

    const ranked = rank(query, deals, ctx);
    if (ranked.length === 0) return nothingFound(answer, query, deals, ctx);

    const topics = query.topics.map((id) => ctx.topicLabel(id));
    const toExcerpt = ({ passage }: Ranked) => ctx.excerpt(passage);
    const about = deals.length > 0 ? deals : dealsOf(ranked.slice(0, 3).map(toExcerpt));
    const notes = query.countries.map(
      (country) => `There is no Technology Prosperity Deal with ${title(country)}.`,
    );
    return ctx.paginate(
      {
        ...answer,
        found: true,
        title: [deals.length > 0 ? ctx.partnerList(deals) : "All deals", ...topics].join(" · "),
        lead: `What the ${deals.length === 1 ? ctx.dealName(deals[0] as DealId) : "Technology Prosperity Deals"} say${deals.length === 1 ? "s" : ""}${topics.length > 0 ? ` on ${topics.join(" and ")}` : ` about “${query.terms.join(" ")}”`}:`,
        deals: about,
        topics: query.topics,
        notes,
      },
      ranked,
      toExcerpt,
      options.offset,
    );
  },
};

type Ranked = { passage: Passage; score: number };

/** Orders passages by topic coverage, then full-text score, keeping only those that really match. */
function rank(query: ParsedQuery, deals: readonly DealId[], ctx: KnowledgeContext): Ranked[] {
  const topicWords = query.readings.filter((r) => r.kind === "topic").map((r) => r.words);
  const searchText = [...query.terms, ...topicWords].join(" ");
  const hits = ctx.index.search(searchText, { deals });
  const best = hits[0]?.score ?? 1;
  const textScore = new Map(hits.map((hit) => [hit.passageId, hit]));
  // Without a recognised topic, a passage must match at least half the meaningful words to count.
  const termsNeeded = Math.ceil(query.terms.length / 2);

  // Only passages on a named topic, or found by the search, can qualify: no need to look at the rest.
  const candidates =
    query.topics.length > 0
      ? new Set(query.topics.flatMap((topic) => ctx.passagesOn(topic)))
      : hits.flatMap((hit) => ctx.passage(hit.passageId) ?? []);
  const inDeals = (passage: Passage) =>
    deals.length === 0 || passage.deals.some((deal) => deals.includes(deal));

  const ranked: Ranked[] = [];
  for (const passage of candidates) {
    if (!inDeals(passage)) continue;
    const hit = textScore.get(passage.id);
    const topicsCovered = query.topics.filter((topic) => ctx.topicsOf(passage).has(topic)).length;
    if (query.topics.length > 0) {
      if (topicsCovered === 0) continue;
    } else {
      const matched = hit?.matchedTerms.length ?? 0;
      if (matched < termsNeeded || matched === 0) continue;
    }
    const specific = deals.length > 0 && passage.deals.length === 1 ? 0.5 : 0;
    const score =
      topicsCovered * 3 +
      (hit ? hit.score / best : 0) +
      specific +
      (passage.kind === "quote" ? QUOTE_BONUS : 0);
    ranked.push({ passage, score });
  }
  return ranked.sort((a, b) => b.score - a.score);
}

function overviewPassages(
  deals: readonly DealId[],
  ctx: KnowledgeContext,
): Array<{ passage: Passage; deal: DealId }> {
  const order = (passage: Passage) => {
    const at = OVERVIEW_ORDER.indexOf(passage.section);
    return at < 0 ? OVERVIEW_ORDER.length : at;
  };
  return deals.flatMap((deal) =>
    ctx
      .passages({ deals: [deal] })
      .filter((passage) => passage.section !== "article" || passage.deals.length === 1)
      .sort((a, b) => order(a) - order(b) || a.order - b.order)
      .map((passage) => ({ passage, deal })),
  );
}

function overview(answer: Answer, deals: readonly DealId[], ctx: KnowledgeContext): Answer {
  const first = ctx.deal(deals[0] as DealId);
  return {
    ...answer,
    found: true,
    title: deals.map((id) => ctx.dealName(id)).join(" · "),
    lead: deals.length === 1 && first ? first.scope : `An overview of the deals with ${ctx.dealList(deals)}:`,
    deals: [...deals],
  };
}

function dealsOf(excerpts: readonly Excerpt[]): DealId[] {
  return [...new Set(excerpts.slice(0, 3).flatMap((excerpt) => (excerpt.deal ? [excerpt.deal] : [])))];
}

function title(words: string): string {
  return words.length <= 3
    ? words.toUpperCase()
    : words.replace(/\b\p{L}/gu, (letter) => letter.toUpperCase());
}

export function noDealWith(answer: Answer, countries: readonly string[], ctx: KnowledgeContext): Answer {
  const named = countries.map(title).join(", ");
  return {
    ...answer,
    title: "No such deal",
    lead: `There is no Technology Prosperity Deal with ${named} in this knowledge. The deals are with ${ctx.dealList(ctx.dealIds)}.`,
    suggestions: [{ label: "List the deals", query: "deals" }, ...ctx.suggestions([]).slice(0, 2)],
  };
}

function notUnderstood(answer: Answer, ctx: KnowledgeContext): Answer {
  return {
    ...answer,
    title: "Not found",
    lead: `That doesn't match anything in the deal texts. Ask about a deal (${ctx.dealList(ctx.dealIds)}) or a topic such as AI, quantum, 6G, fusion or space.`,
    suggestions: ctx.suggestions([]),
  };
}

function nothingFound(
  answer: Answer,
  query: ParsedQuery,
  deals: readonly DealId[],
  ctx: KnowledgeContext,
): Answer {
  const topics = query.topics.map((id) => ctx.topicLabel(id));
  const what = topics.length > 0 ? topics.join(" and ") : `“${query.terms.join(" ")}”`;
  const where = deals.length > 0 ? ctx.dealNames(deals) : "the deal texts";
  const suggestions = ctx.suggestions(deals, query.topics);
  if (query.topics.length > 0) {
    suggestions.unshift({
      label: `Compare ${topics.join(" and ")} across deals`,
      query: `compare ${query.topics.join(" ")}`,
    });
  }
  return {
    ...answer,
    title: "Not found",
    // A topic the vocabulary knows is a commitment a deal may lack; other words simply are not in the texts.
    lead:
      topics.length > 0
        ? `No commitment on ${what} found in ${where}.`
        : `Nothing in ${where} matches ${what}. Ask about a deal (${ctx.dealList(ctx.dealIds)}) or a topic such as AI, quantum, 6G, fusion or space.`,
    deals: [...deals],
    topics: query.topics,
    suggestions: suggestions.slice(0, 3),
  };
}
