import type { Answer } from "../answer.js";
import { formatDate } from "../context.js";
import type { Intent } from "./intent.js";

export const deals: Intent = {
  name: "deals",
  description: "All three deals: date, parties and scope",
  examples: ["deals", "which deals are there?"],
  commands: ["deals", "list", "overview", "all"],
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
  run({ query, ctx }): Answer {
    return {
      ...ctx.blank(query, "deals"),
      found: true,
      title: "The Technology Prosperity Deals",
      lead: `${ctx.knowledge.deals.length} deals, with ${ctx.dealList(ctx.dealIds)}.`,
      items: ctx.knowledge.deals.map((deal) => ({
        title: deal.name,
        text: `${deal.document.type} (${deal.document.abbreviation}), signed ${formatDate(deal.signed.date)} in ${deal.signed.place}. ${deal.scope}`,
        source: ctx.citation(deal.sourceIds[0] as string),
        query: deal.id,
      })),
      deals: ctx.dealIds,
    };
  },
};
