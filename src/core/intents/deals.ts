import type { AnswerDraft } from "../answer.js";
import { blankAnswer } from "../answer-building.js";
import type { KnowledgeLookups } from "../lookups.js";
import type { Deal, DealId } from "../model.js";
import { dealList, dealsWith, formatDate } from "../phrasing.js";
import type { ParsedQuery } from "../query.js";
import { signatoriesNamed } from "../signing-question.js";
import { ask } from "./ask.js";
import type { Intent } from "./intent.js";

export const deals: Intent = {
  name: "deals",
  description: "Every deal: its document and when and where it was signed",
  examples: ["deals", "which deals are there?"],
  commands: ["deals", "list", "overview", "all"],
  weakCues: true,
  run(request): AnswerDraft {
    const { query, ctx } = request;
    // "What was Onoda's part in the tech prosperity deals?", "What did Bae and Kratsios agree about the TPD?":
    // about people of the deals, whom the deals' own name does not turn into a request for their list.
    if (namesOnly(query) && signatoriesNamed(query, ctx).length > 0)
      return ask.run({ ...request, query: { ...query, intent: ask.name } });
    const deals = ctx.knowledge.deals; // in the order they were signed
    return {
      ...blankAnswer(query, "deals"),
      found: true,
      title: "The Technology Prosperity Deals",
      lead: asksKind(query.tokens, deals)
        ? kinds(deals, ctx)
        : `${deals.length} deals, with ${dealList(ctx, ctx.dealIds)}.`,
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

/** The question's cue for the list of deals is only their name ("TPDs", "technology prosperity deals"). */
function namesOnly(query: ParsedQuery): boolean {
  const cue = query.readings.find((reading) => reading.kind === "intent")?.words ?? "";
  return query.intentBy === "cue" && /^(tpds?|technology prosperity deals?)$/.test(cue);
}

/** "Which are MOUs and which is an MOC?": the question names a kind of document a deal is. */
function asksKind(tokens: readonly string[], deals: readonly Deal[]): boolean {
  const kinds = deals.flatMap((deal) => {
    const abbreviation = deal.document.abbreviation.toLowerCase();
    return [abbreviation, `${abbreviation}s`];
  });
  return tokens.some((token) => kinds.includes(token) || token === "memorandum" || token === "memoranda");
}

/** "Memorandum of Understanding (MOU): the deals with the United Kingdom and …; Memorandum of Cooperation (MOC): …". */
function kinds(deals: readonly Deal[], ctx: KnowledgeLookups): string {
  const byKind = new Map<string, DealId[]>();
  for (const deal of deals) {
    const kind = `${deal.document.type} (${deal.document.abbreviation})`;
    byKind.set(kind, [...(byKind.get(kind) ?? []), deal.id]);
  }
  return `${[...byKind].map(([kind, ids]) => `${kind}: ${dealsWith(ctx, ids)}`).join("; ")}.`;
}
