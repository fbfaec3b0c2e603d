import type { AnswerDraft } from "../answer.js";
import {
  asLead,
  blankAnswer,
  citing,
  disputeNotes,
  excerptOf,
  interleave,
  type Lead,
  paginate,
  suggestionsNear,
} from "../answer-building.js";
import { asksEither } from "../coverage.js";
import type { DealId, Passage, Section } from "../model.js";
import { dealNames, partnerList } from "../phrasing.js";
import { byCodePoint } from "../text.js";
import type { IntentRequest } from "./intent.js";

/**
 * Answers with the facts of the given sections for the deals asked (all deals when none is named). Words of
 * the question that some of those facts share ("Downing Street", "Ha Jung-woo") narrow them to those facts.
 */
export function factsAnswer(
  { query, options, ctx }: IntentRequest,
  spec: {
    sections: readonly Section[];
    title: string;
    lead: (deals: DealId[]) => string | Lead;
    /** The lead when the knowledge holds none of those facts for the deals asked. */
    none?: (deals: DealId[]) => string;
    newestFirst?: boolean;
    /** A section whose facts come before the others ("Is it in force?": the terms, then the news). */
    leading?: Section;
    /** The facts that answer, when some do: "the deals in order of signing" is answered by their signing dates. */
    answers?: (passage: Passage) => boolean;
  },
): AnswerDraft {
  const asked = ctx.dealsAsked(query, options);
  const held = Array.from(
    ctx.positionsIn({ deals: asked.length > 0 ? asked : ctx.dealIds, sections: spec.sections }),
  ).filter((at) => ctx.passageAt(at).kind === "summary");
  const { answers } = spec;
  const answering = answers ? held.filter((at) => answers(ctx.passageAt(at))) : [];
  const all = answering.length > 0 ? answering : held;
  // "Bae or Ha?": the facts with either, each asked on its own.
  const alternatives = asksEither(query) ? query.subjectTerms.map((term) => [term]) : [query.subjectTerms];
  const has = alternatives.map((words) => ctx.hasWordsAt(words));
  const narrowed = query.subjectTerms.length > 0 ? all.filter((at) => has.some((hasAt) => hasAt(at))) : [];
  const passages = (narrowed.length > 0 ? narrowed : all).map((at) => ctx.passageAt(at));
  const deals =
    asked.length > 0
      ? asked
      : narrowed.length > 0
        ? ctx.dealIds.filter((id) => passages.some((p) => p.deals[0] === id))
        : ctx.dealIds;
  const answer = blankAnswer(query, spec.sections.includes("development") ? "status" : query.intent);
  const sorted = spec.newestFirst
    ? passages.sort((a, b) => byCodePoint(b.date ?? "", a.date ?? ""))
    : byDealInTurn(deals, passages);
  const leads = (passage: Passage) => passage.section === spec.leading;
  const ordered = spec.leading ? [...sorted.filter(leads), ...sorted.filter((p) => !leads(p))] : sorted;
  if (ordered.length === 0) {
    return {
      ...answer,
      title: "Not found",
      lead: spec.none?.(deals) ?? `Nothing on this in the knowledge for ${dealNames(ctx, deals)}.`,
      deals,
      suggestions: suggestionsNear(ctx, deals),
    };
  }
  const { cites = [], ...lead } = asLead(spec.lead(deals));
  const answered = paginate(
    {
      ...answer,
      found: true,
      title: `${spec.title}: ${partnerList(ctx, deals)}`,
      ...lead,
      deals,
      notes: spec.sections.includes("signatories") ? disputeNotes(ctx, deals) : [],
    },
    ordered,
    (passage) => excerptOf(ctx, passage),
    options,
  );
  return citing(answered, cites, ctx);
}

/** One fact per deal before the second of any, so a page of three covers all three deals. */
function byDealInTurn(deals: readonly DealId[], passages: readonly Passage[]): Passage[] {
  return interleave(deals.map((deal) => passages.filter((passage) => passage.deals[0] === deal)));
}
