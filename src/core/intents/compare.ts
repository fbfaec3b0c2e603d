import type { Answer, CompareRow, Item } from "../answer.js";
import type { KnowledgeContext } from "../context.js";
import type { DealId, Passage } from "../model.js";
import type { Intent } from "./intent.js";

export const compare: Intent = {
  name: "compare",
  description: "One topic across all three deals, a row per deal",
  examples: ["compare 6g", "compare quantum", "how do the deals differ on ai?"],
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
  run({ query, ctx }): Answer {
    const answer = ctx.blank(query, "compare");
    if (query.topics.length === 0) return coverageTable(answer, query.deals, ctx);

    const topics = query.topics.map((id) => ctx.topicLabel(id)).join(" and ");
    const rows: CompareRow[] = ctx.dealIds.map((deal) => {
      const passage = bestOn(deal, query.topics, ctx);
      return {
        deal,
        dealName: ctx.dealName(deal),
        excerpt: passage ? ctx.excerpt(passage, deal) : null,
        note: passage ? null : `No commitment on ${topics} found in the ${ctx.dealName(deal)} text.`,
      };
    });
    const covered = rows.filter((row) => row.excerpt !== null);
    return {
      ...answer,
      found: covered.length > 0,
      title: `${topics} across the deals`,
      lead:
        covered.length > 0
          ? `${topics}: covered by ${ctx.dealList(covered.map((row) => row.deal))}.`
          : `No deal text has a commitment on ${topics}.`,
      rows,
      excerpts: covered.flatMap((row) => (row.excerpt ? [row.excerpt] : [])),
      page: { offset: 0, shown: covered.length, total: covered.length, next: null },
      deals: covered.map((row) => row.deal),
      topics: query.topics,
      suggestions: covered.length > 0 ? [] : ctx.suggestions([]),
    };
  },
};

/** The passage of one deal that speaks most squarely to the topics: a listed area first, official words next. */
function bestOn(deal: DealId, topics: readonly string[], ctx: KnowledgeContext): Passage | undefined {
  const score = (passage: Passage) => {
    const covered = topics.filter((topic) => ctx.topicsOf(passage).has(topic)).length;
    if (covered === 0) return 0;
    const own = passage.deals.length === 1 ? 1 : 0;
    const explicit = topics.some((topic) => passage.topics.includes(topic)) ? 1 : 0;
    const primary = topics.includes(passage.topics[0] ?? "") ? 2 : 0; // the topic the fact is mainly about
    const focus = 1 / ctx.topicsOf(passage).size; // a passage about this topic alone beats a long list
    return covered * 4 + own * 2 + explicit + primary + (passage.section === "area" ? 1 : 0) + focus;
  };
  let best: { passage: Passage; score: number } | undefined;
  for (const passage of ctx.passages({ deals: [deal] })) {
    const value = score(passage);
    if (value > 0 && (!best || value > best.score)) best = { passage, score: value };
  }
  return best?.passage;
}

/** Without a topic: which deal covers which area, from the deals' own lists of areas. */
function coverageTable(answer: Answer, deals: readonly DealId[], ctx: KnowledgeContext): Answer {
  const compared = deals.length >= 2 ? deals : ctx.dealIds;
  const topicIds = [...new Set(compared.flatMap((deal) => ctx.deal(deal)?.areas ?? []))];
  const items: Item[] = topicIds.map((topic) => {
    const having = compared.filter((deal) => ctx.deal(deal)?.areas.includes(topic));
    return {
      title: ctx.topicLabel(topic),
      text: `Listed by: ${ctx.dealList(having)}`,
      query: `compare ${topic}`,
    };
  });
  return {
    ...answer,
    found: items.length > 0,
    title: `Areas of cooperation: ${ctx.partnerList(compared)}`,
    lead: "Name a topic to compare the texts side by side, e.g. “compare quantum”.",
    items,
    deals: [...compared],
  };
}
