import { type Lead, noLead, yesOrNoLead } from "../answer-building.js";
import type { KnowledgeLookups } from "../lookups.js";
import type { DealId, Passage } from "../model.js";
import { newestDevelopment } from "../overview.js";
import { DAY_MS, dealNames, dealsWith, formatDate, joinNames, MONTHS, nameInSentence } from "../phrasing.js";
import { opensYesNo, type ParsedQuery } from "../query.js";
import { mentionsSigning } from "../signing-question.js";
import {
  anyPhrase,
  capitalised,
  FILLER_WORDS,
  FULL_STOP,
  hasAnyOf,
  holdsAnyOf,
  initialismsIn,
  phrasesIn,
  tokenize,
} from "../text.js";
import { askedOfEach, happenedAsked, namesDealsPlural, TO_BE_DONE } from "../yes-no.js";
import { factsAnswer } from "./facts-by-section.js";
import type { Intent, IntentRequest } from "./intent.js";
import { quotesOfSide, sideAsked, speechAsked, speechWord } from "./side-speech.js";
import { intervalAsked } from "./when.js";

export const status: Intent = {
  name: "status",
  description: "Latest developments since signing, newest first",
  examples: ["status {deal}", "is the {deal} deal paused?", "latest on {deal}"],
  commands: ["status", "latest", "news", "updates"],
  run(asked) {
    const plain = newestAsked(asked);
    const request = pauseOf(plain);
    const asOf = `the knowledge is as of ${formatDate(request.ctx.knowledge.asOf)}`;
    const span = spanAsked(request.query, request.ctx);
    if (span) return onDate(request, span, asOf);
    // "Is the Korea deal in effect?", "Is the UK deal still active?": the terms on which it becomes operative, then
    // the news.
    const inForce = phrasesIn(request.query.tokens, request.ctx.vocabulary.phrasing.inForceAsked).length > 0;
    const told = toldBy(request);
    return factsAnswer(request, {
      sections: inForce ? ["operative", "development"] : ["development"],
      ...(inForce ? { leading: "operative" as const } : {}),
      ...(told ? { answers: told.answers } : {}),
      title: "Latest developments",
      lead: (deals) => {
        if (told) return told.lead;
        const unreported = unreportedAsked(request);
        const aside = unreported ? `The reports I hold do not mention “${unreported}”. ` : "";
        const state = stateLead(request, deals);
        const terms = inForce ? operativeTerms(request, deals) : "";
        const heading = terms ? "Terms of taking effect, then developments" : "Developments";
        const latest = `${terms}${latestHeld(request, deals)} ${heading} after signing, newest first (${asOf}):`;
        // "Which TPD is on hold?": the deals a pause asked of none is narrowed to, said first.
        const narrowed = request === plain ? "" : `Of the deals, ${pauseRecord(request.ctx, deals)}. `;
        return {
          verdict: state.verdict,
          lead: `${state.lead}${narrowed}${aside}${signedFirst(request, deals)}${latest}`,
        };
      },
      none: (deals) => `${latestHeld(request, deals)} ${capitalised(asOf)}.`,
      newestFirst: true,
    });
  },
};

/**
 * "Did TRT World report on the pause?", "Did the New York Times report on the pause?", "Did anyone report it?": the
 * reports of the pause that the publishers asked published, first, with Yes; the report citing a paper asked (in
 * capitals: "The New York Times reported that …"); the publishers of them all. When the publisher asked has none
 * held, the publishers that do (no No: it may have reported elsewhere).
 */
function toldBy({
  query,
  ctx,
}: IntentRequest): { answers: (passage: Passage) => boolean; lead: Lead } | null {
  const { pauseAsked, pauseReported, resumeAsked, saying } = ctx.vocabulary.phrasing;
  // "Which newspapers covered the pause?": covering it is reporting it.
  const reporting = [...saying, ...COVERING];
  const saidAsked = query.publishers.length > 0 || hasAnyOf(query.tokens, reporting);
  const speech = speechAsked(query, ctx);
  if (!(saidAsked || speech) || !holdsAnyOf(query.text, pauseAsked)) return null;
  const publisherOf = (passage: Passage) => ctx.source(passage.sourceId)?.publisher ?? "";
  const pauseWords = [...pauseAsked, ...pauseReported, ...resumeAsked];
  const ofPause = pauseReports(ctx, ctx.dealIds);
  const of = (passages: readonly Passage[]) => (passage: Passage) => passages.includes(passage);
  const answered = (answers: (passage: Passage) => boolean, said: string) => ({
    answers,
    lead: query.form === "yes-no" ? yesOrNoLead(true, said) : { lead: capitalised(said) },
  });
  const publishers = joinNames([...new Set(ofPause.map(publisherOf))].map(nameInSentence));
  // "What did the UK say about the pause?", "What did Downing Street say?": what that side is reported to have said.
  const side = query.publishers.length > 0 || !speech ? null : sideAsked(query, ctx, query.deals, true);
  const spoken = side ? quotesOfSide(side, ctx) : null;
  const [firstSaid, ...moreSaid] = ofPause.filter(
    (passage) => spoken?.passages.includes(passage) || spoken?.naming.includes(passage),
  );
  if (firstSaid)
    return answered(of([firstSaid, ...moreSaid]), firstSaid.text.split(FULL_STOP)[0]?.trim() ?? "");
  if (query.publishers.length > 0) {
    const byAsked = (passage: Passage) => query.publishers.includes(publisherOf(passage));
    const [first] = ofPause.filter(byAsked);
    const asked = joinNames(query.publishers.map(nameInSentence));
    if (first) return answered(byAsked, `${asked} reported it: “${first.text.split(FULL_STOP)[0]?.trim()}”`);
    return {
      answers: of(ofPause),
      lead: { lead: `The reports of the pause I hold are from ${publishers}; none from ${asked}.` },
    };
  }
  const cited = query.subjectTerms.filter(
    (term) => !reporting.includes(term) && !speechWord(term, ctx) && !holdsAnyOf(term, pauseWords),
  );
  // "Who reported the pause?", "Did anyone report it?", "Which outlets covered it?": its reports' publishers.
  // "Was there a report on the pause?" asks no more than whether there is one.
  const reportersAsked =
    cited.every((term) => ANY_REPORTER.has(term)) &&
    (cited.length > 0 || (query.form === "yes-no" && !speech));
  if (query.tokens[0] === "who" || reportersAsked)
    return answered(of(ofPause), reportersLead(query, ctx, ofPause));
  // The paper is named in capitals, or by their initials ("NYT"): "the Prime Minister's official spokesman said"
  // cites none.
  const capitals = (sentence: string) =>
    new Set([
      ...(sentence.match(/\b\p{Lu}[\p{L}.]*/gu) ?? []).map((word) => word.toLowerCase()),
      ...initialismsIn(sentence).map(([initials]) => initials),
    ]);
  const citing = (sentence: string) => {
    if (cited.length === 0 || !holdsAnyOf(sentence, saying)) return false;
    const named = capitals(sentence);
    return cited.every((term) => named.has(term));
  };
  const [relayed] = ofPause.flatMap((passage) =>
    passage.text
      .split(FULL_STOP)
      .filter(citing)
      .map((sentence) => ({ passage, sentence: sentence.trim() })),
  );
  if (!relayed) return null;
  const { passage, sentence } = relayed;
  return answered(of([passage]), `as ${nameInSentence(publisherOf(passage))} reports it: “${sentence}”`);
}

/**
 * "Who reported the pause?": the publishers of its reports; "Who announced it first?": the first of them by the date
 * it was published, then the others. Whether any is an official text is said with them.
 */
function reportersLead(query: ParsedQuery, ctx: KnowledgeLookups, reports: readonly Passage[]): string {
  const sources = [...new Set(reports.flatMap((passage) => ctx.source(passage.sourceId) ?? []))].sort(
    (a, b) => (a.published ?? "9999").localeCompare(b.published ?? "9999"),
  );
  const named = (of: typeof sources) =>
    joinNames([...new Set(of.map((source) => nameInSentence(source.publisher)))]);
  const unofficial = sources.every((source) => !source.official)
    ? "; none of these reports is an official text"
    : "";
  const [first, ...later] = sources;
  if (first?.published && hasAnyOf(query.tokens, ctx.vocabulary.phrasing.earliestRank)) {
    const then = later.length > 0 ? `, then ${named(later)}` : "";
    return `${named([first])} reported it first, on ${formatDate(first.published)}${then}${unofficial}.`;
  }
  return `${named(sources)} reported it${unofficial}.`;
}

/** Words asking whether anyone at all reported a thing: "did anyone report …?", "did the press cover …?". */
const ANY_REPORTER = new Set([
  "anyone",
  "anybody",
  "someone",
  "somebody",
  "press",
  "media",
  "newspaper",
  "newspapers",
  "outlet",
  "outlets",
  "publication",
  "publications",
]);

/** Words of reporting a thing as news: "did the press cover the pause?". */
const COVERING = ["cover", "covered", "covers", "coverage"];

/** The first report of a development on a deal with any of the words ("paused", "resumed"). */
const reportOf = (ctx: KnowledgeLookups, deal: DealId, words: readonly string[]) =>
  ctx
    .passages({ deals: [deal], sections: ["development"] })
    .find((passage) => holdsAnyOf(passage.text, words));

/** The reports on the deals of a pause or of work resuming: in their words or their headline ("UK seeks swift talks after US pauses …"). */
function pauseReports(ctx: KnowledgeLookups, deals: readonly DealId[]): Passage[] {
  const { pauseAsked, pauseReported, resumeAsked } = ctx.vocabulary.phrasing;
  const pauseWords = [...pauseAsked, ...pauseReported, ...resumeAsked];
  return deals.flatMap((deal) =>
    ctx
      .passages({ deals: [deal], sections: ["development"] })
      .filter((passage) =>
        holdsAnyOf(`${passage.text} ${ctx.source(passage.sourceId)?.title ?? ""}`, pauseWords),
      ),
  );
}

/**
 * "Is the pause official?", "Did the US officially pause the UK deal?": who reported it and whether any report is an
 * official text, after what the first says; no Yes or No, which the pause having happened would give.
 */
const officialPauseLead = (query: ParsedQuery, ctx: KnowledgeLookups, deal: DealId, said: string): Lead => ({
  lead: `${said} ${reportersLead(query, ctx, pauseReports(ctx, [deal]))} `,
});

/** "reports of a pause concern only the U.S.–UK Technology Prosperity Deal (16 December 2025)". */
function pauseRecord(ctx: KnowledgeLookups, paused: readonly DealId[]): string {
  const { pauseReported } = ctx.vocabulary.phrasing;
  const dated = paused.map(
    (deal) => `the ${ctx.dealName(deal)} (${formatDate(reportOf(ctx, deal, pauseReported)?.date)})`,
  );
  return `reports of a pause concern only ${joinNames(dated)}`;
}

/**
 * "What happened at Chequers?", "What happened in Gyeongju?": a place only the signing records hold, after "at" or
 * "in", asks what happened there, which is the signing, not the news since. Not a date ("in March 2026").
 */
export function signingPlaceAsked(query: ParsedQuery, ctx: KnowledgeLookups): boolean {
  const { happenWords } = ctx.vocabulary.phrasing;
  const at = query.tokens.findIndex((token) => token === "at" || token === "in");
  if (query.intent !== "status" || at < 0 || !hasAnyOf(query.tokens, happenWords)) return false;
  const place = query.tokens.slice(at + 1).filter((word) => !FILLER_WORDS.has(word));
  if (place.length === 0 || place.some((word) => DATE_WORD.test(word))) return false;
  // "the Korea-US summit" stands together in a passage ("the Korea–U.S. summit"), not apart ("Korea's … India AI
  // Impact Summit").
  const together = (passage: Passage) => {
    const words = tokenize(passage.text);
    const [last = "", ...others] = [...place].reverse();
    return words.some(
      (word, at) =>
        word === last && others.every((other) => words.slice(Math.max(0, at - 4), at).includes(other)),
    );
  };
  const sections = new Set(
    ctx
      .passagesWith(place)
      .filter(together)
      .map((passage) => passage.section),
  );
  return sections.has("signing") && !sections.has("development");
}

/**
 * "Is the Korea deal in effect?": the first sentence of each deal's terms of becoming operative, with the date it
 * was signed ("… becomes operative on the last signature … It was signed on 29 October 2025."); "" when none is held.
 */
function operativeTerms({ ctx }: IntentRequest, deals: readonly DealId[]): string {
  return deals
    .flatMap((deal) => {
      const [terms] = ctx.passages({ deals: [deal], sections: ["operative"] });
      const said = terms?.text.split(FULL_STOP)[0]?.trim();
      return said ? [`${said} It was signed on ${formatDate(ctx.deal(deal)?.signed.date)}. `] : [];
    })
    .join("");
}

/** "latest news", "any updates on Korea?": words asking for what is newest narrow the reports to none of them. */
function newestAsked(request: IntentRequest): IntentRequest {
  const { query, ctx } = request;
  const { latestAsked, reportNouns } = ctx.vocabulary.phrasing;
  // "Which deal has the newest report?": the report is what the newest asks for, not a word to look for.
  const newest = hasAnyOf(query.tokens, latestAsked);
  const subjectTerms = query.subjectTerms.filter(
    (term) => !latestAsked.includes(term) && !(newest && reportNouns.includes(term)),
  );
  return subjectTerms.length === query.subjectTerms.length
    ? request
    : { ...request, query: { ...query, subjectTerms } };
}

/**
 * "Tell me about the pause", "Was there a pause?": a pause asked of no deal is asked of the deals whose reports record
 * one; the request as it is otherwise.
 */
function pauseOf(request: IntentRequest): IntentRequest {
  const { query, options, ctx } = request;
  const { pauseAsked, pauseReported, resumeAsked } = ctx.vocabulary.phrasing;
  // "What conditions did the US set for resuming?": resuming is asked of what was paused.
  const asked = holdsAnyOf(query.text, pauseAsked) || holdsAnyOf(query.text, resumeAsked);
  if (ctx.dealsAsked(query, options).length > 0 || !asked || askedOfAll(query, ctx)) return request;
  const paused = ctx.dealIds.filter((deal) => reportOf(ctx, deal, pauseReported) !== undefined);
  return paused.length > 0 ? { ...request, query: { ...query, deals: paused } } : request;
}

/**
 * "Are all the deals paused?", "Are the deals paused?": a yes/no question asked of every deal, not of any one of them
 * ("Has any deal been paused?").
 */
function askedOfAll(query: ParsedQuery, ctx: KnowledgeLookups): boolean {
  const { everyDeal, anyAsked } = ctx.vocabulary.phrasing;
  const yesNo =
    query.form === "yes-no" || (query.form === "which-deal" && opensYesNo(query, ctx.vocabulary.phrasing));
  const ofDeals = hasAnyOf(query.tokens, everyDeal) || namesDealsPlural(query, ctx);
  return yesNo && ofDeals && !hasAnyOf(query.tokens, anyAsked);
}

/**
 * A day, month or year asked ("on 18 September 2025", "in March 2026"), or the time from it on ("since January"):
 * its ISO prefix and how it is said.
 */
type Span = { prefix: string; said: string; on: "On" | "In" | "Since" | "After" };

export function spanAsked(query: ParsedQuery, ctx: KnowledgeLookups): Span | null {
  // Only what happened then is asked: not whether a thing did ("paused in December 2025?"), nor a signing.
  const { tokens } = query;
  const { happenWords } = ctx.vocabulary.phrasing;
  // "Any update after December 2025?": from the month after it on.
  const after = tokens.includes("after") && !tokens.includes("since");
  const since = tokens.includes("since") || after;
  // "What else happened on the day the UK deal was signed?", "… that day?" after its signing: that deal's date.
  const [deal] = query.deals.length === 1 ? query.deals : [];
  const signedOn = deal ? ctx.deal(deal)?.signed.date : undefined;
  const dayAsked = hasAnyOf(tokens, ctx.vocabulary.phrasing.dateNouns) || tokens.includes("day");
  if (signedOn && dayAsked && hasAnyOf(tokens, happenWords) && mentionsSigning(query, ctx))
    return { prefix: signedOn, said: formatDate(signedOn), on: "On" };
  const happened = hasAnyOf(tokens, happenWords) || tokens[0] === "anything";
  if ((!since && !happened) || mentionsSigning(query, ctx)) return null;
  // "in jan 2026", "sept": a month by its first three letters or more ("mar" only as March).
  const monthOf = (token: string) =>
    token === "mar"
      ? 2
      : MONTHS.findIndex((name) => name === token || (token.length >= 3 && name.startsWith(token)));
  const at = tokens.findIndex((token) => monthOf(token) >= 0);
  const index = at < 0 ? -1 : monthOf(tokens[at] as string);
  const month = String(index + 1).padStart(2, "0");
  // "since January": the last January the knowledge reaches.
  const [heldYear = "", heldMonth = ""] = ctx.knowledge.asOf.split("-");
  const lastOf = since && index >= 0 ? String(Number(heldYear) - (month > heldMonth ? 1 : 0)) : undefined;
  const year = tokens.find((token) => /^(?:19|20)\d{2}$/.test(token)) ?? lastOf;
  if (!year) return null;
  const on = (when: "On" | "In") => (after ? "After" : since ? "Since" : when);
  if (at < 0) return { prefix: year, said: year, on: on("In") };
  const day = [tokens[at - 1], tokens[at + 1]].find((token) => /^(?:[12]?\d|3[01])$/.test(token ?? ""));
  if (!day)
    return {
      prefix: `${year}-${month}`,
      said: `${capitalised(MONTHS[index] ?? "")} ${year}`,
      on: on("In"),
    };
  const iso = `${year}-${month}-${day.padStart(2, "0")}`;
  return { prefix: iso, said: formatDate(iso), on: on("On") };
}

/**
 * "What happened on 18 September 2025?", "Did anything happen in March 2026?": the signings and developments the
 * texts date in that day, month or year; when none, that said plainly, then the developments as usual.
 */
function onDate(request: IntentRequest, { prefix, said, on }: Span, asOf: string) {
  const { ctx } = request;
  const after = on === "After";
  const since = after || on === "Since";
  // "since February 2026": on or after its first day; "after December 2025": from January 2026 on.
  const from = (date: string) => date.slice(0, prefix.length);
  const inSpan = (date: string) =>
    after ? from(date) > prefix : since ? from(date) >= prefix : date.startsWith(prefix);
  const signedThen = (passage: Passage) =>
    passage.section === "signing" && inSpan(ctx.deal(passage.deals[0] ?? "")?.signed.date ?? "");
  // "Has the White House said anything since December?": what a publisher asked of said then, not all that happened.
  const { query } = request;
  const saying = hasAnyOf(query.tokens, ctx.vocabulary.phrasing.sayAsked);
  const speakers = saying
    ? ctx.vocabulary.publishers.filter((each) => query.publishers.includes(each.publisher))
    : [];
  const bySpeaker = (passage: Passage) =>
    speakers.length === 0 || speakers.some(({ names }) => ctx.hasWords(passage, tokenize(names[0] ?? "")));
  const dated = (passage: Passage) =>
    (signedThen(passage) || (passage.date !== undefined && inSpan(passage.date))) && bySpeaker(passage);
  const ofSpeakers =
    speakers.length > 0
      ? ` of ${joinNames(
          speakers.map((each) => nameInSentence(each.publisher)),
          "or",
        )}`
      : "";
  const asked = ctx.dealsAsked(request.query, request.options);
  const within = asked.length > 0 ? asked : ctx.dealIds;
  const held = ctx.passages({ deals: within, sections: ["signing", "development"] });
  const signed = ctx.knowledge.deals.filter((deal) => within.includes(deal.id) && inSpan(deal.signed.date));
  const then = `${since ? on.toLowerCase() : "of"} ${said}`;
  const any = held.some(dated);
  // The words of the date a span starts on ("since February") narrow nothing: the dates after it decide.
  const undated = since ? query.subjectTerms.filter((term) => !DATE_WORD.test(term)) : query.subjectTerms;
  return factsAnswer(
    { ...request, query: { ...query, subjectTerms: undated } },
    {
      sections: any ? ["signing", "development"] : ["development"],
      title: `${on} ${said}`,
      answers: dated,
      // "Did anything happen in March 2026?" is answered Yes or No by what the texts date then.
      lead: (deals) => ({
        verdict: request.query.form === "yes-no" ? (any ? "yes" : "no") : undefined,
        lead: any
          ? `What the texts I hold record${ofSpeakers} ${then}${signed.length > 0 ? `, when ${joinNames(signed.map((deal) => `the ${deal.name}`))} ${signed.length > 1 ? "were" : "was"} signed` : ""}:`
          : `The texts I hold record nothing${ofSpeakers}${asked.length > 0 ? ` of ${dealNames(ctx, asked, "or")}` : ""} dated ${since ? `${on.toLowerCase()} ` : ""}${said}. ${latestHeld(request, deals)} Developments after signing, newest first (${asOf}):`,
      }),
      newestFirst: true,
    },
  );
}

/** A word of a date: a month, its first letters, a day or a year. */
const DATE_WORD = new RegExp(`^(\\d{1,4}|${MONTHS.map((month) => month.slice(0, 3)).join("|")})[a-z]*$`);

/** "The Korea deal's key dates", "chronology": each deal's signing, before what came after it. */
function signedFirst({ query, ctx }: IntentRequest, deals: readonly DealId[]): string {
  const { timelineAsked, timelineOrLimits } = ctx.vocabulary.phrasing;
  if (phrasesIn(query.tokens, [...timelineAsked, ...timelineOrLimits]).length === 0) return "";
  const signed = deals.flatMap((id) => ctx.deal(id) ?? []);
  return signed.map((deal) => `The ${deal.name} was signed on ${formatDate(deal.signed.date)}. `).join("");
}

/**
 * "Where does the UK deal stand?" is answered from the newest record: its date for each deal asked, or that
 * nothing is held after the signing.
 */
function latestHeld({ ctx }: IntentRequest, deals: readonly DealId[]): string {
  const newest = (deal: DealId) =>
    newestDevelopment(ctx.passages({ deals: [deal], sections: ["development"] }))?.date ?? "";
  const dated = deals.filter((deal) => newest(deal) !== "");
  const only = deals.length === 1 ? deals[0] : undefined;
  const held = only
    ? `The newest report I hold on the ${ctx.dealName(only)} is dated ${formatDate(newest(only))}.`
    : `The newest reports I hold are dated ${joinNames(dated.map((deal) => `${formatDate(newest(deal))} for ${dealsWith(ctx, [deal])}`))}.`;
  const nothing = deals
    .filter((deal) => newest(deal) === "")
    .map(
      (deal) =>
        `I hold nothing on ${dealsWith(ctx, [deal])} after its signing on ${formatDate(ctx.deal(deal)?.signed.date)}.`,
    );
  return [dated.length > 0 ? held : "", ...nothing].filter(Boolean).join(" ");
}

/**
 * "Were online safety rules one of the reasons it was paused?": the words of the question, as it runs them
 * together, that hold a word no text of the knowledge has. Null when every word asked stands somewhere.
 */
function unreportedAsked({ query, ctx }: IntentRequest): string | null {
  // "How many later developments …": a word of order is no subject the reports lack; nor is a word asking what
  // someone said ("did the UK government comment on the pause?") or how two things link ("food safety related").
  const { meaningWords, quoteAsked, sayAsked, relations, timelineOrLimits, resumeAsked, inForceAsked } =
    ctx.vocabulary.phrasing;
  // Nor the words of asking whether work resumed ("no longer paused") or the deal is in force ("effective yet?").
  const resuming = [
    ...phrasesIn(query.tokens, resumeAsked),
    ...phrasesIn(query.tokens, inForceAsked),
  ].flatMap(tokenize);
  const notSubjects = new Set([
    ...meaningWords,
    ...quoteAsked,
    ...sayAsked,
    ...relations,
    ...timelineOrLimits,
    ...resuming,
  ]);
  const asked = new Set(query.subjectTerms.filter((term) => !notSubjects.has(term)));
  const runs: string[][] = [[]];
  for (const token of query.tokens) {
    if (asked.has(token)) runs[runs.length - 1]?.push(token);
    else if ((runs[runs.length - 1]?.length ?? 0) > 0) runs.push([]);
  }
  // A word typed with a slip ("deel") is not a word the reports lack.
  const unknown = runs.find((run) => run.some((word) => word.length >= 4 && ctx.neverUses(word)));
  return unknown ? unknown.join(" ") : null;
}

/** Words before a verb of pausing after which the word just before it is not who paused ("talks with the UK"). */
const NO_ACTOR_BEFORE = ["with", "between", "is", "are", "was", "were", "been", "being"];

/**
 * A pause or a restart asked of the deals, as the dated reports record it. "Why did the US pause the Japan deal?"
 * when reports record a pause of another deal only: No, naming the deal and date they give; "Which TPD is on hold?":
 * the deals whose reports record a pause; "Has the US restarted the UK deal?" with no report of it: No, plainly.
 */
function stateLead({ query, ctx }: IntentRequest, deals: readonly DealId[]): Lead {
  const { pauseAsked, pauseReported, resumeAsked, resumeReported, reasonAsked, reasonGiven } =
    ctx.vocabulary.phrasing;
  const reported = (deal: DealId, words: readonly string[]) => reportOf(ctx, deal, words);
  // The deal named first is the one asked about: "paused like the UK's?" asks of the other; "Are the UK and Japan
  // deals paused?" asks of each.
  const ofEach = query.deals.length > 1 && askedOfEach(query, ctx.vocabulary.phrasing);
  const [asked] = ofEach ? [] : query.deals;
  const future = phrasesIn(query.tokens, ctx.vocabulary.phrasing.future).length > 0;
  // "When did talks resume?", naming no deal: asked of every deal.
  const resumed = (asked ? [asked] : deals).some((deal) => reported(deal, resumeReported));
  const which = asked ? `the ${ctx.dealName(asked)}` : "any of the deals";
  if (holdsAnyOf(query.text, resumeAsked) && !resumed) {
    if (future) return { lead: `The reports I hold give no date for work on ${which} to resume. ` };
    // "What does the UK need to do for the deal to resume?", "What conditions were set for resuming?" ask no yes or
    // no: what a report says must be done for it, then that none says it has been.
    const none = `no report I hold says work on ${which} has resumed or restarted. `;
    if (query.form === "yes-no") return noLead(none);
    const reports = (asked ? [asked] : deals).flatMap((deal) =>
      ctx.passages({ deals: [deal], sections: ["development"] }),
    );
    const condition = reports
      .flatMap((passage) => passage.text.split(FULL_STOP))
      .find((sentence) => holdsAnyOf(sentence, resumeAsked) && TO_BE_DONE.test(sentence));
    return { lead: `${condition ? `${condition.trim()} ` : ""}${capitalised(none)}` };
  }
  if (happenedAsked(query, ctx, "discontinuation"))
    return noLead(
      asked
        ? `no report I hold says the ${ctx.dealName(asked)} has been ended or that either side has left it. `
        : "no report I hold says any of the deals has been ended or that a side has left one. ",
    );
  // "Has anything happened since the Japan deal was signed?": Yes, with the newest report, when there is one.
  const { happenWords } = ctx.vocabulary.phrasing;
  const anythingAsked = query.tokens.includes("anything") && hasAnyOf(query.tokens, happenWords);
  const newest = newestDevelopment(ctx.passages({ deals: [...deals], sections: ["development"] }));
  if (query.form === "yes-no" && anythingAsked && !holdsAnyOf(query.text, pauseAsked) && newest)
    return yesOrNoLead(true, `${newest.text.split(FULL_STOP)[0]?.trim()} `);
  const paused = ctx.dealIds.filter((deal) => reported(deal, pauseReported));
  // "How long after signing was the UK deal paused?": the days from its signing to the report of the pause.
  const pausedReport =
    asked && holdsAnyOf(query.text, pauseAsked) ? reported(asked, pauseReported) : undefined;
  const signedOn = asked ? ctx.deal(asked)?.signed.date : undefined;
  const sinceSigning = intervalAsked(query, ctx.vocabulary.phrasing) && mentionsSigning(query, ctx);
  if (sinceSigning && pausedReport?.date && signedOn) {
    const days = Math.round((Date.parse(pausedReport.date) - Date.parse(signedOn)) / DAY_MS);
    return {
      lead: `The ${ctx.dealName(asked ?? "")} was signed on ${formatDate(signedOn)}; the pause was reported on ${formatDate(pausedReport.date)}, ${days} days later. `,
    };
  }
  // "why?" after "status of the uk deal": the reason for the state the reports give, the pause.
  const whyOfPaused =
    asked !== undefined && paused.includes(asked) && phrasesIn(query.tokens, reasonAsked).length > 0;
  if (!(holdsAnyOf(query.text, pauseAsked) || whyOfPaused) || paused.length === 0) return { lead: "" };
  // "Was the UK deal put on hold (by the US)?", "Did the US suspend it?": the report of the pause decides, when
  // nothing else is asked ("…over online safety rules?"), by whether the side said to have paused it is the one
  // the report names ("Did the UK pause the deal?": No).
  const now = future || hasAnyOf(query.tokens, ctx.vocabulary.phrasing.later);
  // "Has any deal been paused?" asks Yes or No as "Was the UK deal paused?" does.
  const anyOfThem = query.form === "which-deal" && opensYesNo(query, ctx.vocabulary.phrasing);
  const yesNo = query.form === "yes-no" || anyOfThem;
  // "Is the UK deal still paused?": the reports tell what was so when written, not today; the pause they record, and
  // that none records its end, with no Yes or No.
  const stillPaused =
    asked && yesNo && now && !future && !resumed ? reported(asked, pauseReported) : undefined;
  const pausedThen = stillPaused?.text.split(FULL_STOP)[0]?.trim().replace(/\.$/, "");
  if (pausedThen)
    return {
      lead: `The reports I hold record no end to the pause. ${pausedThen}; none says work has resumed since. `,
    };
  // "Was AI the cause of the pause?" asks its reason, which the pause having happened does not answer.
  const reasonWanted = phrasesIn(query.tokens, reasonAsked).length > 0;
  const pause = asked && yesNo && !now && !reasonWanted ? reported(asked, pauseReported) : undefined;
  const said = pause?.text.split(FULL_STOP)[0]?.trim() ?? "";
  if (pause && asked && hasAnyOf(query.tokens, ctx.vocabulary.phrasing.officialAsked))
    return officialPauseLead(query, ctx, asked, said);
  const [before = "", after = ""] = query.text
    .replace(new RegExp(anyPhrase(pauseAsked), "i"), "\n")
    .split("\n");
  // "Did talks with the UK pause?", "between the US and UK": whom the talks were with, not the side that paused;
  // "Was the UK paused?": what was paused (only "by …" names who did it).
  const actor = hasAnyOf(tokenize(before), NO_ACTOR_BEFORE) ? "" : (/(\S+)\s*$/.exec(before)?.[1] ?? "");
  const [rest = "", by = actor] = `${before} ${after}`.split(/\bby\b/i);
  const { homeCountry } = ctx.vocabulary.phrasing;
  const side = holdsAnyOf(by, homeCountry)
    ? homeCountry
    : tokenize(by).filter((word) => query.readings.some((r) => r.kind === "deal" && r.words === word));
  const bySide = side.length === 0 || holdsAnyOf(said.replace(ctx.dealName(asked ?? ""), ""), side);
  if (pause && !tokenize(rest).some((word) => query.subjectTerms.includes(word)))
    return yesOrNoLead(bySide, `${said} `);
  // "Why was the UK deal paused?": the reasons its report of the pause gives, or that it gives none.
  const report = asked && reasonWanted && reported(asked, pauseReported);
  if (report) {
    const reasons = report.text.split(FULL_STOP).filter((sentence) => holdsAnyOf(sentence, reasonGiven));
    return {
      lead:
        reasons.length > 0
          ? `The reports I hold give this reason: “${reasons.join(" ")}” `
          : `The reports I hold give no reason for the pause. `,
    };
  }
  if (deals.every((deal) => paused.includes(deal))) return { lead: "" };
  const record = pauseRecord(ctx, paused);
  if (asked && !paused.includes(asked))
    return noLead(`no report I hold says the ${ctx.dealName(asked)} was paused: ${record}. `);
  // "Are the Japan and Korea deals paused?", "Are all the deals paused?": asked of each deal, No when one was not.
  if (!asked && yesNo && (ofEach || askedOfAll(query, ctx))) return noLead(`${record}. `);
  return { lead: `Of the deals, ${record}. ` };
}
