import type { Answer } from "../answer.js";
import type { DealId, Passage, Section } from "../model.js";
import type { IntentRequest } from "./intent.js";

/** Answers with the facts of the given sections for the deals asked (all deals when none is named). */
export function factsAnswer(
  { query, options, ctx }: IntentRequest,
  spec: {
    sections: readonly Section[];
    title: string;
    lead: (deals: DealId[]) => string;
    newestFirst?: boolean;
  },
): Answer {
  const asked = ctx.dealsAsked(query, options);
  const deals = asked.length > 0 ? asked : ctx.dealIds;
  const answer = ctx.blank(query, spec.sections.includes("development") ? "status" : query.intent);
  const passages = ctx.passages({ deals, sections: spec.sections }).filter((p) => p.kind === "summary");
  const ordered = spec.newestFirst
    ? passages.sort((a, b) => (b.date ?? "").localeCompare(a.date ?? ""))
    : interleave(deals, passages);
  if (ordered.length === 0) {
    return {
      ...answer,
      title: "Not found",
      lead: `Nothing on this in the knowledge for ${ctx.dealNames(deals)}.`,
      deals,
      suggestions: ctx.suggestions(deals),
    };
  }
  return ctx.paginate(
    {
      ...answer,
      found: true,
      title: `${spec.title}: ${ctx.partnerList(deals)}`,
      lead: spec.lead(deals),
      deals,
      notes: ctx.disputeNotes(deals).filter(() => spec.sections.includes("signatories")),
    },
    ordered,
    (passage) => ctx.excerpt(passage),
    options.offset,
  );
}

/** One fact per deal before the second of any, so a page of three covers all three deals. */
function interleave(deals: readonly DealId[], passages: readonly Passage[]): Passage[] {
  const queues = deals.map((deal) => passages.filter((passage) => passage.deals[0] === deal));
  const out: Passage[] = [];
  for (let round = 0; queues.some((queue) => queue.length > round); round++) {
    for (const queue of queues) {
      const next = queue[round];
      if (next !== undefined) out.push(next);
    }
  }
  return out;
}
