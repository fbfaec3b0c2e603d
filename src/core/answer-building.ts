import type { AnswerDraft, AnswerOptions, Excerpt, IntentName, Suggestion, Verdict } from "./answer.js";
import type { KnowledgeLookups } from "./lookups.js";
import type { DealId, Passage } from "./model.js";
import { dealList, titleCase } from "./phrasing.js";
import type { ParsedQuery } from "./query.js";
import { capitalised, hasAnyOf, phrasesIn } from "./text.js";

/** Excerpts per page: answers stay short, and say how to get the next ones. */
export const PAGE_SIZE = 3;
/** Said to a question asked in another language, once per answer. */
export const IN_ENGLISH = "I answer in English, from the English texts of the deals.";

/** A lead that may answer a yes/no question: its verdict, if any, and the words that follow it. */
/** `cites`: passages the lead quotes, which the answer's excerpts then hold. */
export type Lead = { verdict?: Verdict | undefined; lead: string; cites?: readonly Passage[] };

/**
 * The lead as people read it: the verdict, if any, opens it ("Yes — …", "Binding — …"), and a sentence after
 * a Yes or No goes on in lower case when its first word names nothing ("No — the U.S.–Japan … uses non-treaty
 * wording", "Yes — either side may end it", but "Yes — Korea's space agency …").
 */
export function phrasedLead({ verdict, lead }: Lead): string {
  if (!verdict) return lead;
  if (typeof verdict !== "string") return `${verdict.choice} — ${lead}`;
  const [first = ""] = lead.split(" ", 1);
  const goesOn = SENTENCE_OPENERS.has(first.toLowerCase())
    ? `${first.toLowerCase()}${lead.slice(first.length)}`
    : lead;
  return `${verdict === "yes" ? "Yes" : "No"} — ${goesOn}`;
}

/** Words that open a sentence without naming anything, written in lower case after a Yes or No. */
const SENTENCE_OPENERS = new Set(
  "the a an as by on in under after either each these this according responding only what sources none no all".split(
    " ",
  ),
);

/** A lead that answers Yes when `yes` holds, else No, before its words. */
export const yesOrNoLead = (yes: boolean, lead: string): Lead => ({ verdict: yes ? "yes" : "no", lead });
/** A lead that answers No before its words. */
export const noLead = (lead: string): Lead => yesOrNoLead(false, lead);

/** A lead given as its words alone, or with a verdict. */
export const asLead = (lead: string | Lead): Lead => (typeof lead === "string" ? { lead } : lead);

/** Whether a verdict is a plain Yes or No (not a choice offered, nor none). */
export const isYesOrNo = (verdict: Verdict | undefined): verdict is "yes" | "no" =>
  verdict === "yes" || verdict === "no";

/** The answer with `opening` before its own lead: the opening's verdict, if any, is the answer's now. */
export function ledBy(answer: AnswerDraft, opening: Lead): AnswerDraft {
  return { ...answer, verdict: opening.verdict, lead: `${opening.lead} ${phrasedLead(answer)}` };
}

/** The answer with the passages a lead quotes among its excerpts, after those it has. */
export function citing(
  answer: AnswerDraft,
  passages: readonly Passage[],
  ctx: KnowledgeLookups,
): AnswerDraft {
  const missing = passages.filter((passage) => !answer.excerpts.some((e) => e.passageId === passage.id));
  if (missing.length === 0) return answer;
  const { page } = answer;
  return {
    ...answer,
    excerpts: [...answer.excerpts, ...missing.map((passage) => excerptOf(ctx, passage))],
    page: { ...page, shown: page.shown + missing.length, total: page.total + missing.length },
  };
}

/** An AnswerDraft with every field set to "nothing yet", for an intent to fill in. */
export function blankAnswer(query: ParsedQuery, intent: IntentName): AnswerDraft {
  return {
    query: query.text,
    intent,
    found: false,
    title: "",
    lead: "",
    excerpts: [],
    items: [],
    rows: [],
    notes: [],
    deals: [],
    topics: [],
    readings: query.readings,
    page: { offset: 0, shown: 0, total: 0, next: null },
    suggestions: [],
    shortened: query.shortened,
  };
}

/** A passage as an excerpt with its citation; `deal` says which deal it speaks to when the passage has several. */
export function excerptOf(ctx: KnowledgeLookups, passage: Passage, deal?: DealId): Excerpt {
  return {
    passageId: passage.id,
    kind: passage.kind,
    text: passage.text,
    deal: deal ?? (passage.deals.length === 1 ? (passage.deals[0] ?? null) : null),
    source: ctx.passageCitation(passage),
  };
}

/** Where the page asked for starts among `total` results: an offset past the end shows the last page. */
export function pageStart(total: number, offset = 0): number {
  const lastPage = Math.max(0, Math.ceil(total / PAGE_SIZE) - 1) * PAGE_SIZE;
  return Math.max(0, Math.min(Math.floor(Number.isFinite(offset) ? offset : 0), lastPage));
}

/** How many results there are up to the end of the page asked for (of `total`, or however many there are). */
export const pageEnd = ({ offset, pageSize = PAGE_SIZE }: AnswerOptions, total = Number.MAX_SAFE_INTEGER) =>
  pageStart(total, offset) + (pageSize >= 1 ? Math.floor(pageSize) : PAGE_SIZE); // a page holds at least one

/**
 * Puts one page of ranked results into the answer, making excerpts of that page only. `ranked` may hold just
 * the results up to the end of the page when `total` says how many there are in all.
 */
export function paginate<T>(
  answer: AnswerDraft,
  ranked: readonly T[],
  toExcerpt: (item: T) => Excerpt,
  page: AnswerOptions,
  total = ranked.length,
): AnswerDraft {
  // A stale "More results" button may ask for an offset past the end.
  const start = pageStart(total, page.offset);
  const excerpts = ranked.slice(start, pageEnd(page, total)).map(toExcerpt);
  const end = start + excerpts.length;
  return {
    ...answer,
    excerpts,
    page: { offset: start, shown: excerpts.length, total, next: end < total ? end : null },
  };
}

/** Two or three questions this knowledge answers well, near what was asked. */
export function suggestionsNear(
  ctx: KnowledgeLookups,
  deals: readonly DealId[],
  exceptTopics: readonly string[] = [],
): Suggestion[] {
  const picks: Suggestion[] = [];
  for (const dealId of deals) {
    const deal = ctx.deal(dealId);
    for (const topicId of deal?.areas ?? []) {
      if (exceptTopics.includes(topicId) || picks.length >= 3) continue;
      picks.push({ label: `${deal?.partner}: ${ctx.topicLabel(topicId)}`, query: `${dealId} ${topicId}` });
    }
  }
  return picks.length > 0 ? picks : ctx.offered().slice(0, 3);
}

/** Notes on disputed facts (such as a signatory sources disagree on) among the deals answered. */
export function disputeNotes(ctx: KnowledgeLookups, deals: readonly DealId[]): string[] {
  return deals.flatMap((id) =>
    (ctx.deal(id)?.signatories ?? []).flatMap((signatory) =>
      signatory.disputed ? [signatory.disputed] : [],
    ),
  );
}

/** What the bot covers, in one line, for declines. */
export function coverageLine(ctx: KnowledgeLookups): string {
  return `I answer questions about the Technology Prosperity Deals the United States signed with ${dealList(ctx, ctx.dealIds)}, with cited excerpts from their texts.`;
}

/** A decline: found=false, a plain lead (or a No), suggestions of what can be answered. */
export function decline(
  ctx: KnowledgeLookups,
  query: ParsedQuery,
  intent: IntentName,
  lead: string | Lead,
  deals: readonly DealId[] = [],
): AnswerDraft {
  return {
    ...blankAnswer(query, intent),
    title: "Not in the texts",
    ...asLead(lead),
    deals: [...deals],
    topics: query.topics,
    suggestions: suggestionsNear(ctx, deals, query.topics),
  };
}

/** There is no deal with the countries named. */
export function noDealWith(
  ctx: KnowledgeLookups,
  query: ParsedQuery,
  intent: IntentName,
  countries: readonly string[],
): AnswerDraft {
  const named = countries.map(titleCase).join(", ");
  const lead = `there is no Technology Prosperity Deal with ${named} in this knowledge. The deals are with ${dealList(ctx, ctx.dealIds)}.`;
  // "Is there a TPD with India?" is answered No; "Will there be one?", "Is India negotiating one?" are not.
  const { existence, happenedOpeners, future } = ctx.vocabulary.phrasing;
  const held =
    hasAnyOf(query.tokens, [...existence, ...happenedOpeners]) &&
    phrasesIn(query.tokens, future).length === 0;
  return {
    ...decline(ctx, query, intent, query.form === "yes-no" && held ? noLead(lead) : capitalised(lead)),
    title: "No such deal",
    suggestions: [{ label: "List the deals", query: "deals" }, ...suggestionsNear(ctx, []).slice(0, 2)],
  };
}

/** The first entry of each list, then the second of each, and so on: one deal's entries before the second of any. */
export function interleave<T>(lists: readonly (readonly T[])[]): T[] {
  const out: T[] = [];
  for (let round = 0; lists.some((list) => list.length > round); round++) {
    for (const list of lists) {
      const next = list[round];
      if (next !== undefined) out.push(next);
    }
  }
  return out;
}
