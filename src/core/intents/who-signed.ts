import { disputeNotes } from "../answer-building.js";
import type { KnowledgeLookups } from "../lookups.js";
import type { DealId, Signatory } from "../model.js";
import { countWord, dealList, dealNames, joinNames } from "../phrasing.js";
import type { ParsedQuery } from "../query.js";
import { mentionsSigning, signerSideAsked } from "../signing-question.js";
import { capitalised, hasAnyOf, phrasesIn } from "../text.js";
import { namesInEvery, sameSigner, signedEvery } from "../yes-no.js";
import { factsAnswer } from "./facts-by-section.js";
import type { Intent } from "./intent.js";

export const whoSigned: Intent = {
  name: "who-signed",
  description: "Who signed a deal, and in what office",
  examples: ["who signed the {deal} deal?", "who-signed {deal}"],
  commands: ["who-signed", "signatories", "signers"],
  run(request) {
    const { query, ctx } = request;
    // "Which sources disagree?": the deals whose sources differ on who signed, that said first.
    const disputes = disputeAsked(query, ctx);
    const disputed = disputes ? ctx.dealIds.filter((id) => disputeNotes(ctx, [id]).length > 0) : [];
    if (disputes && query.deals.length === 0 && disputed.length > 0)
      return whoSigned.run({ ...request, query: { ...query, deals: disputed } });
    return factsAnswer(request, {
      sections: ["signatories"],
      title: "Signatories",
      lead: (deals) => {
        // "Did the same person sign all three deals?": the signatories the records share decide.
        const same = sameSigner(query, ctx);
        if (same) return { ...same, lead: `${same.lead} ${signatoriesSaid(deals, query, ctx)}` };
        // "Who signed both the Japan and Korea deals?": those every record names, first.
        const shared = sharedSignersSaid(deals, query, ctx) ?? mostSignedSaid(deals, query, ctx);
        if (shared) return { lead: `${shared} ${signatoriesSaid(deals, query, ctx)}` };
        // "Are there conflicting reports?": Yes where a dispute is recorded; none recorded is no proof of none.
        const recorded = disputes && query.form === "yes-no" && disputed.some((id) => deals.includes(id));
        // "Which countries signed the UK deal?": its two sides, then who signed for them.
        const sides =
          partiesAsked(query, ctx) && deals.length === 1
            ? `${capitalised(dealNames(ctx, deals))} is between the United States and ${dealList(ctx, deals)}. `
            : "";
        return {
          verdict: recorded ? "yes" : undefined,
          lead:
            sides +
            (disputes ? disputesSaid(deals, ctx) : "") +
            sideSignersSaid(deals, query, ctx) +
            signatoriesSaid(deals, query, ctx),
        };
      },
    });
  },
};

/** The signatories of the side asked, first: "For Japan: Kimi Onoda (Minister of State …)."; "" when none is asked. */
function sideSignersSaid(deals: readonly DealId[], query: ParsedQuery, ctx: KnowledgeLookups): string {
  const asked = signerSideAsked(query, ctx);
  if (!asked) return "";
  return deals
    .map((id) => {
      const deal = ctx.deal(id);
      // "Did a UK minister sign the Korea deal?": the UK is no side of the Korea deal.
      if (asked.side === "partner" && asked.of !== id) return "";
      const signers = (deal?.signatories ?? []).filter((person) => person.side === asked.side);
      if (!deal || signers.length === 0) return "";
      const names = signers.map(withOffice).join(" and ");
      const of = deals.length > 1 ? ` (${deal.label})` : "";
      return `For ${asked.side === "us" ? "the United States" : dealList(ctx, [id])}${of}: ${names}. `;
    })
    .join("");
}

/** Each deal's signatories with their offices, those a source disputes marked; counted when asked how many. */
function signatoriesSaid(deals: readonly DealId[], query: ParsedQuery, ctx: KnowledgeLookups): string {
  return deals
    .map((id) => {
      const deal = ctx.deal(id);
      const names = deal?.signatories.map(withOffice);
      // "How many people signed it?": the signatories counted first.
      const count = query.tokens.includes("many") ? `${countWord(names?.length ?? 0)} signatories, ` : "";
      return `${deal?.partner}: ${count}${names?.join(" and ")}.`;
    })
    .join(" ");
}

/**
 * "Who signed both the Japan and Korea deals?", "which official signed all three?": the signatories every deal's record names,
 * or that none signed them all.
 * Null for any other question.
 */
function sharedSignersSaid(
  deals: readonly DealId[],
  query: ParsedQuery,
  ctx: KnowledgeLookups,
): string | null {
  const { tokens } = query;
  const asked = tokens.includes("both") ? deals.length === 2 : signedEvery(tokens) && deals.length > 2;
  // "Which US official signed all three?" asks for a person as "who" does.
  const forSomeone = ["who", "which", "what"].includes(tokens[0] ?? "");
  if (query.form === "yes-no" || !forSomeone || !asked) return null;
  const shared = namesInEvery(
    deals.map((id) => ctx.deal(id)?.signatories.map((person) => person.name) ?? []),
  );
  const named = dealNames(ctx, deals, "and");
  if (shared.length > 0) return `${joinNames(shared)} signed ${named}.`;
  return deals.length === 2
    ? `No one signed both ${named}.`
    : `No one signed all ${countWord(deals.length)}: ${named}.`;
}

/**
 * "Who signed the most deals?", "Who has signed more than one deal?": those whose names the most records hold, with
 * the deals they signed. Null for any other question.
 */
function mostSignedSaid(deals: readonly DealId[], query: ParsedQuery, ctx: KnowledgeLookups): string | null {
  const { tokens } = query;
  const { mostAsked, dealNouns } = ctx.vocabulary.phrasing;
  const more = tokens.includes("more") && tokens.includes("than");
  if (query.form === "yes-no" || !(hasAnyOf(tokens, mostAsked) || more) || !hasAnyOf(tokens, dealNouns))
    return null;
  const signed = new Map<string, DealId[]>();
  for (const id of deals)
    for (const person of ctx.deal(id)?.signatories ?? [])
      signed.set(person.name, [...(signed.get(person.name) ?? []), id]);
  const most = Math.max(...[...signed.values()].map((ids) => ids.length));
  if (!Number.isFinite(most) || most < 2)
    return `Each signatory signed one of ${dealNames(ctx, deals, "and")}.`;
  const top = [...signed].filter(([, ids]) => ids.length === most);
  return top
    .map(
      ([name, ids]) =>
        `${name} signed ${countWord(most)} of the ${countWord(deals.length)}: ${dealNames(ctx, ids, "and")}.`,
    )
    .join(" ");
}

/** "Which countries signed the UK deal?", "Which nations are part of the Japan deal?": a deal's sides asked for. */
export const partiesAsked = (query: ParsedQuery, ctx: KnowledgeLookups): boolean =>
  phrasesIn(query.tokens, ctx.vocabulary.phrasing.partiesAsked).length > 0 &&
  (mentionsSigning(query, ctx) || hasAnyOf(query.tokens, ctx.vocabulary.phrasing.partyWords));

/** "Which sources disagree?", "any conflicting reports on who signed?": where sources differ, asked. */
export function disputeAsked(query: ParsedQuery, ctx: KnowledgeLookups): boolean {
  const { disputeAsked, disputeNouns, reportNouns } = ctx.vocabulary.phrasing;
  if (hasAnyOf(query.tokens, disputeAsked)) return true;
  const ofSigningOrSources = mentionsSigning(query, ctx) || hasAnyOf(query.tokens, reportNouns);
  return ofSigningOrSources && hasAnyOf(query.tokens, disputeNouns);
}

/** What the sources disagree on for the deals, or that none of them is recorded to, before the signatories. */
function disputesSaid(deals: readonly DealId[], ctx: KnowledgeLookups): string {
  const said = disputeNotes(ctx, deals);
  return said.length > 0
    ? `${said.join(" ")} `
    : `The sources I hold on ${dealNames(ctx, deals, "and")} do not differ on who signed. `;
}

/** "Kimi Onoda (Minister of State …)", marked where sources disagree about who signed. */
const withOffice = (person: Signatory) =>
  `${person.name} (${person.office})${person.disputed ? " [disputed]" : ""}`;
