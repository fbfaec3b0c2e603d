import type { AnswerDraft } from "../answer.js";
import { blankAnswer } from "../answer-building.js";
import type { Deal } from "../model.js";
import { dealList, formatDate } from "../phrasing.js";
import type { Intent } from "./intent.js";

export const deals: Intent = {
  name: "deals",
  description: "Every deal: its document and when and where it was signed",
  examples: ["deals", "which deals are there?"],
  commands: ["deals", "list", "overview", "all"],
  weakCues: true,
  cues: [
    "which deals",
    "what deals",
    "list deals",
    "list the deals",
    "all deals",
    "all the deals",
    "overview",
    "how many deals",
    "technology prosperity deal",
    "technology prosperity deals",
    "tpd",
    "tpds",
  ],
  run({ query, ctx }): AnswerDraft {
    const deals = ctx.knowledge.deals; // in the order they were signed
    return {
      ...blankAnswer(query, "deals"),
      found: true,
      title: "The Technology Prosperity Deals",
      lead: query.order ? signingOrder(deals) : `${deals.length} deals, with ${dealList(ctx, ctx.dealIds)}.`,
      items: deals.map((deal) => ({
        title: deal.name,
        // Only what the cited signing record says: the deal text itself rarely records where it was signed.
        text: `${deal.document.type} (${deal.document.abbreviation}), signed ${formatDate(deal.signed.date)} in ${deal.signed.place}.`,
        source: ctx.citation(deal.signed.sourceId),
        query: deal.id,
      })),
      deals: ctx.dealIds,
    };
  },
};

/** "The deal with the United Kingdom was signed first, on 18 September 2025; then …; … the most recent." */
function signingOrder(deals: readonly Deal[]): string {
  const [first, ...rest] = deals;
  if (!first) return "";
  const on = (deal: Deal) => `${deal.partner} on ${formatDate(deal.signed.date)}`;
  const later = rest.map(on);
  const last = later.length > 0 ? `; then ${later.join(", then ")} (the most recent)` : "";
  return `In order of signing: ${on(first)} (the first)${last}.`;
}
