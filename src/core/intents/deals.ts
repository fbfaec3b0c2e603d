import type { AnswerDraft } from "../answer.js";
import { blankAnswer } from "../answer-building.js";
import type { KnowledgeLookups } from "../lookups.js";
import type { Deal, DealId } from "../model.js";
import { countWord, dealCountClaimed, dealList, dealsWith, formatDate } from "../phrasing.js";
import { offersChoice, opensYesNo, type ParsedQuery } from "../query.js";
import { signatoriesNamed } from "../signing-question.js";
import { capitalised, indexOfSequence, once, tokenize } from "../text.js";
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
    // "Which deals are with Asian countries?": the deals its words name ("asian": Japan and Korea), of all of them.
    const named = new Set(query.deals);
    const ofKind = kindAsked(query, ctx);
    const some = named.size > 0 && named.size < ctx.dealIds.length && !ofKind;
    const deals = ctx.knowledge.deals.filter((deal) => !some || named.has(deal.id)); // in the order they were signed
    const ids = deals.map((deal) => deal.id);
    const all = ctx.dealIds.length;
    // "Are there four TPDs?": the count of deals held decides.
    const claimed =
      !some && !ofKind && opensYesNo(query, ctx.vocabulary.phrasing) ? dealCountClaimed(query, ctx) : null;
    return {
      ...blankAnswer(query, "deals"),
      ...(claimed !== null ? { verdict: claimed === all ? ("yes" as const) : ("no" as const) } : {}),
      found: true,
      title: "The Technology Prosperity Deals",
      ...(ofKind
        ? kinds(query, ctx)
        : some
          ? {
              lead: `${capitalised(countWord(ids.length))} of the ${countWord(all)} deals: with ${dealList(ctx, ids)}.`,
            }
          : { lead: `${deals.length} deals, with ${dealList(ctx, ids)}.` }),
      items: deals.map((deal) => ({
        title: deal.name,
        // Only what the cited signing record says: the deal text itself rarely records where it was signed.
        text: `${deal.document.type} (${deal.document.abbreviation}), signed ${formatDate(deal.signed.date)} in ${deal.signed.place}.`,
        source: ctx.citation(deal.signed.sourceId),
        query: deal.id,
      })),
      deals: ids,
    };
  },
};

/** The question's cue for the list of deals is only their name ("TPDs", "technology prosperity deals"). */
function namesOnly(query: ParsedQuery): boolean {
  const cue = query.readings.find((reading) => reading.kind === "intent")?.words ?? "";
  return query.intentBy === "cue" && /^(tpds?|technology prosperity deals?)$/.test(cue);
}

/**
 * "Which are MOUs and which is an MOC?": the question names a kind of document a deal is. `last`: as its last word,
 * where a yes/no question asks it of the deals ("Are all three deals MOUs?", "… memoranda of understanding?").
 */
export const kindAsked = (query: ParsedQuery, ctx: KnowledgeLookups, last = false) =>
  kindsNamed(query, ctx, last).length > 0;

/**
 * The deals whose kind of document the question names; with `last`, as the thing the question ends on ("… an MOU?",
 * "… a memorandum?", "… memoranda?"), not a document asked of ("Is AI in the memorandum?").
 */
/** The deals whose kind of document a question names ("the MOC": the Japan deal), anywhere in it. */
export const dealsOfKindNamed = (query: ParsedQuery, ctx: KnowledgeLookups): DealId[] =>
  kindsNamed(query, ctx).map((deal) => deal.id);

/** The words of a deal's kind of document ("memorandum of cooperation"), read once per deal. */
const typeWords = once((deal: Deal) => tokenize(deal.document.type));

function kindsNamed(query: ParsedQuery, ctx: KnowledgeLookups, last = false) {
  // "… are MOUs, right?": the question ends before its tag.
  const tokens = query.tokens.slice(0, query.tokens.length - query.tag);
  // "a memorandum of cooperation": the kind written out names only the deals of that kind, not every memorandum.
  const typedOut = ctx.knowledge.deals.filter((deal) => indexOfSequence(tokens, typeWords(deal)) >= 0);
  if (!last && typedOut.length > 0) return typedOut;
  return ctx.knowledge.deals.filter(({ document }) => {
    const abbreviation = document.abbreviation.toLowerCase();
    const words = document.type.toLowerCase().split(" ");
    const [first = ""] = words;
    const plural = first.replace(/um$/, "a");
    if (!last)
      return tokens.some((token) => [abbreviation, `${abbreviation}s`, first, plural].includes(token));
    // "Are the deals MOUs or treaties?": each kind offered before an "or" is a last word too.
    const ends = [tokens.length, ...tokens.flatMap((token, i) => (token === "or" ? [i] : []))];
    return ends.some((at) => {
      const [before = "", end = ""] = tokens.slice(Math.max(0, at - 2), at);
      const asKind = /^an?$/.test(before) ? [first] : [];
      return [abbreviation, `${abbreviation}s`, plural, ...asKind, ...words.slice(-1)].includes(end);
    });
  });
}

/**
 * "Memorandum of Understanding (MOU): the deals with the United Kingdom and …; Memorandum of Cooperation (MOC): …",
 * led by No when a yes/no question asks all of them to be of a kind not all are ("Are all three deals MOUs?").
 */
function kinds(query: ParsedQuery, ctx: KnowledgeLookups): Pick<AnswerDraft, "lead" | "verdict"> {
  const byKind = new Map<string, DealId[]>();
  for (const deal of ctx.knowledge.deals) {
    const kind = `${deal.document.type} (${deal.document.abbreviation})`;
    byKind.set(kind, [...(byKind.get(kind) ?? []), deal.id]);
  }
  const lead = `${[...byKind].map(([kind, ids]) => `${kind}: ${dealsWith(ctx, ids)}`).join("; ")}.`;
  // "Are all three deals MOUs?", "all three deals are MOUs, right?".
  const yesNo = opensYesNo(query, ctx.vocabulary.phrasing) || query.stated;
  // The kind asked is the word the question ends on: "Are they MOUs?" is a No of the MOC, "Are they memoranda?" a
  // Yes of each; "Are they MOUs or MOCs?" asks which, and has no verdict.
  const named = new Set(kindsNamed(query, ctx, true).map((deal) => deal.document.abbreviation));
  const each = ctx.knowledge.deals.every((deal) => named.has(deal.document.abbreviation));
  const which = offersChoice(query);
  return yesNo && named.size > 0 && !which ? { verdict: each ? "yes" : "no", lead } : { lead };
}
