import type { AnswerDraft, CompareRow, Item } from "../answer.js";
import { blankAnswer, excerptOf, suggestionsNear } from "../answer-building.js";
import { describe, evidence, isEmpty, subjectOf } from "../coverage.js";
import type { KnowledgeLookups } from "../lookups.js";
import type { DealId, Passage } from "../model.js";
import { dealList, dealsWith } from "../phrasing.js";
import type { Intent } from "./intent.js";

export const compare: Intent = {
  name: "compare",
  description: "One topic across every deal, a row per deal; which deals cover something",
  examples: ["compare {topic}", "compare {topic}", "which deals mention {topic}?"],
  commands: ["compare", "comparison"],
  cues: [
    "compare",
    "comparison",
    "across",
    "versus",
    "vs",
    "all three",
    "each deal",
    "differ",
    "difference",
    "differences",
  ],
  run({ query, ctx }): AnswerDraft {
    const answer = blankAnswer(query, "compare");
    const subject = subjectOf(query, ctx);
    if (isEmpty(subject)) return coverageTable(answer, query.deals, ctx);

    // "Which deal, Japan or Korea, …" or "how do the Japan and Korea deals differ" weighs the deals named.
    const pool =
      query.deals.length >= 2 || (query.form === "which-deal" && query.deals.length > 0)
        ? query.deals
        : ctx.dealIds;
    const what = describe(ctx, subject);
    const absent = subject.names.length + subject.terms.length > 0 ? "Nothing on" : "No commitment on";
    const rows: CompareRow[] = pool.map((deal) => {
      const passage = best(evidence(ctx, deal, subject), subject.topics, ctx);
      return {
        deal,
        dealName: ctx.dealName(deal),
        excerpt: passage ? excerptOf(ctx, passage, deal) : null,
        note: passage ? null : `${absent} ${what} found in the ${ctx.dealName(deal)} text.`,
      };
    });
    const covered = rows.filter((row) => row.excerpt !== null).map((row) => row.deal);
    return {
      ...answer,
      found: covered.length > 0,
      title: `${what.charAt(0).toUpperCase()}${what.slice(1)} across the deals`,
      lead: leadFor(query.form === "yes-no" || query.allDeals, what, pool, covered, ctx),
      rows,
      excerpts: rows.flatMap((row) => (row.excerpt ? [row.excerpt] : [])).slice(0, 3),
      page: { offset: 0, shown: Math.min(covered.length, 3), total: covered.length, next: null },
      deals: covered,
      topics: query.topics,
      suggestions: covered.length > 0 ? [] : suggestionsNear(ctx, []),
    };
  },
};

/** "Yes — all three …" for do-all questions, else which deals have it, in one sentence. */
function leadFor(
  yesNo: boolean,
  what: string,
  pool: readonly DealId[],
  covered: readonly DealId[],
  ctx: KnowledgeLookups,
): string {
  if (covered.length === 0) return `No — none of the deal texts has anything on ${what}.`;
  const inDeals = `${covered.length === 1 ? "only " : ""}${dealsWith(ctx, covered)}`;
  if (!yesNo) return `${what.charAt(0).toUpperCase()}${what.slice(1)}: in ${dealsWith(ctx, covered)}.`;
  if (covered.length === pool.length)
    return `Yes — ${pool.length === 1 ? "it" : `all ${pool.length}`} cover${pool.length === 1 ? "s" : ""} ${what}: ${dealList(ctx, covered)}.`;
  return `No — ${what} appears in ${inDeals}, not in ${dealsWith(
    ctx,
    pool.filter((deal) => !covered.includes(deal)),
  )}.`;
}

/** The passage that speaks most squarely to the topics: a listed area first, official words next. */
function best(
  passages: readonly Passage[],
  topics: readonly string[],
  ctx: KnowledgeLookups,
): Passage | undefined {
  if (topics.length === 0) return passages[0];
  const score = (passage: Passage) => {
    const explicit = topics.some((topic) => passage.topics.includes(topic)) ? 1 : 0;
    const primary = topics.includes(passage.topics[0] ?? "") ? 2 : 0; // the topic the fact is mainly about
    const own = passage.deals.length === 1 ? 2 : 0;
    const focus = 1 / Math.max(1, ctx.topicsOf(passage).size); // a passage about this topic alone beats a list
    return own + explicit + primary + (passage.section === "area" ? 1 : 0) + focus;
  };
  // The first of the best, as a stable sort would put it, in one reading.
  let top: { passage: Passage; score: number } | undefined;
  for (const passage of passages) {
    const scored = { passage, score: score(passage) };
    if (!top || scored.score > top.score) top = scored;
  }
  return top?.passage;
}

/** Without a topic: which deal covers which area, from the deals' own lists of areas. */
function coverageTable(answer: AnswerDraft, deals: readonly DealId[], ctx: KnowledgeLookups): AnswerDraft {
  const compared = deals.length >= 2 ? deals : ctx.dealIds;
  const topicIds = [...new Set(compared.flatMap((deal) => ctx.deal(deal)?.areas ?? []))];
  const items: Item[] = topicIds.map((topic) => {
    const having = compared.filter((deal) => ctx.deal(deal)?.areas.includes(topic));
    return {
      title: ctx.topicLabel(topic),
      text: `Listed by: ${dealList(ctx, having)}`,
      query: `compare ${topic}`,
    };
  });
  return {
    ...answer,
    found: items.length > 0,
    title: `Areas of cooperation: ${dealList(ctx, compared)}`,
    lead: `Name a topic to compare the texts side by side, e.g. “${items[0]?.query ?? "compare"}”.`,
    items,
    deals: [...compared],
  };
}
