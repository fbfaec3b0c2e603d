import type { AnswerDraft, AnswerOptions } from "../answer.js";
import {
  blankAnswer,
  citing,
  decline,
  excerptOf,
  interleave,
  ledBy,
  noLead,
  PAGE_SIZE,
  pageEnd,
  paginate,
  suggestionsNear,
  yesOrNoLead,
} from "../answer-building.js";
import { bodiesAnswer } from "../bodies.js";
import {
  anyEvidence,
  apartInNames,
  asksEither,
  countryWords,
  describe,
  type Evidence,
  evidence,
  inDealTexts,
  passagesNaming,
  type Subject,
  subjectOf,
  togetherInTexts,
  withoutQualifier,
  writtenAs,
} from "../coverage.js";
import { asTyped, belongingAsked, countriesAsked, HAS_AMOUNT, heldAs, postOfSide, REFUSED } from "../gate.js";
import { DEVELOPMENT, type KnowledgeLookups, ONE_DEAL, QUOTE } from "../lookups.js";
import { type DealId, type Passage, type Section, type Signatory, sectionWords } from "../model.js";
import { mergeAnswers } from "../multi-part.js";
import {
  askHint,
  dealNames,
  dealsWith,
  documentSaid,
  formatDate,
  inSentence,
  joinNames,
  nameInSentence,
  notGivenSaid,
  partnerList,
  titleCase,
  unheldSaid,
} from "../phrasing.js";
import {
  dealsSplitByNegation,
  type ParsedQuery,
  quotedPhrases,
  type Split,
  splitByNegation,
} from "../query.js";
import {
  dealsSignedBy,
  mentionsSigning,
  nameHas,
  onlySigningWords,
  signatoriesNamed,
  signingAsked,
  signingAssumed,
  signingClause,
} from "../signing-question.js";
import {
  askingPart,
  capitalised,
  FILLER_WORDS,
  FULL_STOP,
  hasAnyOf,
  holdsAnyOf,
  indexOfSequence,
  keptPer,
  once,
  phrasesIn,
  setOf,
  stem,
  tokenize,
  unique,
  writtenWords,
} from "../text.js";
import {
  asksTiming,
  companiesNamed,
  expansionPassages,
  figuresGiven,
  frequenciesSet,
  limitsSet,
  NO_FUNDS,
  namedParties,
  sumAsked,
  valueUnsaid,
} from "../value-asked.js";
import { spanMentioned, spansClaimed } from "../value-claimed.js";
import type { NameMatch } from "../vocabulary.js";
import {
  asksAboutMoney,
  BY_NOW,
  createsIn,
  creationAsked,
  deniesAsked,
  happenedAsked,
  numberedNameDiffers,
  numberedNamesMatch,
  setsUpIn,
  signersSaid,
  soleLead,
  stemsAsked,
  TO_BE_DONE,
  weighsCoverage,
  wordingLead,
} from "../yes-no.js";
import { topicsSaid } from "./compare.js";
import { kindAsked } from "./deals.js";
import type { Intent, IntentRequest } from "./intent.js";
import { ASKED_BY, quotes, quotesOfSide, sideAsked } from "./side-speech.js";
import { when } from "./when.js";
import { whoSigned } from "./who-signed.js";

/** Sections that introduce a deal, best first, for a question that names a deal and nothing else. */
const OVERVIEW_ORDER: readonly Section[] = ["article", "signing", "purpose", "document", "signatories"];
/** Official wording is preferred when a quote and a summary match equally well. */
const QUOTE_BONUS = 0.3;
/** A deal's own texts are preferred to a later development that matches about as well ("when was it announced?"). */
const OWN_TEXT_BONUS = 0.02;
/** A passage holding a phrase the question quotes word for word ("“trusted technology”") comes before one with its words apart. */
const QUOTED_PHRASE_BONUS = 2;
/** Without a deal named, the answer is about the deals of excerpts scoring at least this share of the best. */
const ABOUT_SHARE = 0.75;

/** Whether a passage is of one of the deals, or of any deal when none is given. */
const ofDeals = (deals: readonly DealId[]) => (passage: Passage) =>
  deals.length === 0 || passage.deals.some((deal) => deals.includes(deal));

export const ask: Intent = {
  name: "ask",
  description: "Search the deal texts; name a deal and/or a topic to narrow it",
  examples: ["{deal} {topic}", "{deal} {topic}", "is the {deal} deal legally binding?"],
  commands: ["ask", "search", "find"],
  run(request: IntentRequest): AnswerDraft {
    const { options, ctx } = request;
    const asked = ctx.dealsAsked(request.query, options);
    // "What did Kratsios and Bae agree?" is about the deal those people signed; what someone mentioned ("the tech
    // stack Kratsios mentioned") or said alone ("What did Kratsios say on X?") may be of any deal.
    const { tokens } = request.query;
    const alone = signatoriesNamed(request.query, ctx).length < 2;
    const saidAlone = hasAnyOf(tokens, ctx.vocabulary.phrasing.sayAsked) && alone;
    // "Is Kratsios the science adviser?", "Did Kratsios link the deal to trade?": whether one person is or did
    // something other than sign, agree or take part may be said in any deal's texts.
    const { partyWords } = ctx.vocabulary.phrasing;
    const agreed = hasAnyOf(tokens, [...AGREEING, ...partyWords]) || mentionsSigning(request.query, ctx);
    const askedOfOne = alone && request.query.form === "yes-no" && !agreed;
    const mentioned = hasAnyOf(tokens, MENTIONED) || saidAlone || askedOfOne;
    const deals = asked.length > 0 || mentioned ? asked : dealsSignedBy(request.query, ctx);
    const query = topicsAskedOf(whySigned(withoutSigningClause(request.query, ctx), ctx), deals, ctx);
    if (query !== request.query) return ask.run({ ...request, query });
    const answer = blankAnswer(query, "ask");
    // "Is the UK deal described as historic?": whether its texts have the word, with the passages that do.
    const worded =
      query.form === "yes-no" && phrasesIn(tokens, ctx.vocabulary.phrasing.wordingBefore).length > 0
        ? wordingLead({ ...query, deals }, ctx)
        : null;
    if (worded) {
      const title = `${partnerList(ctx, deals)} · wording`;
      const { lead, verdict } = worded;
      return citing(
        { ...answer, found: true, title, lead, verdict, deals: [...deals] },
        worded.cites ?? [],
        ctx,
      );
    }
    const aboutProperty = query.topics.some((topic) =>
      ctx.vocabulary.phrasing.propertyTopics.includes(topic),
    );
    const signing = signingAsked(query, ctx);
    // "Was it signed by Melania Trump?" asks who signed, which the signing record decides, not whether a text names her.
    // A topic narrowed by its alias ("is quantum computing in …?") is asked as a name is.
    // "Is it mainly about semiconductors?" weighs what it covers: having them is no Yes.
    const weighs = weighsCoverage(query, ctx);
    // "Did Kratsios say anything?" asks for his words, not whether a text names him.
    const quoted = quotesAsked(query, ctx, deals);
    // "Are there any numbers in the Japan deal?" asks for the figures given, not whether a text has the word.
    const figures = figuresGiven(query, ctx, deals);
    const timingOnly = query.topics.length + query.names.length === 0 && asksTiming(query, ctx);
    const asksCoverage =
      query.form === "yes-no" &&
      !weighs &&
      !quoted.saidBy &&
      !signing?.people.length &&
      (query.coverage || query.names.length > 0 || togetherInTexts(query, ctx).length > 0) &&
      deals.length > 0 &&
      !aboutProperty &&
      !figures &&
      // "Is there a timeline for the UK deal?": a time limit or frequency asked of nothing named is answered by
      // those the deal sets, or none.
      !timingOnly;
    // "Does the Japan deal cover fusion but not nuclear?": Yes only when each has the one and lacks the other.
    const butNot = asksCoverage ? splitByNegation(query, ctx.vocabulary.phrasing) : null;
    if (butNot) return coveredButNot({ ...request, query }, deals, butNot);
    // "Is quantum in the UK deal but not Korea?": Yes only when the deals before the negation have it and those after
    // lack it.
    const dealsButNot = aboutProperty ? null : dealsSplitByNegation(query, ctx.vocabulary.phrasing);
    if (dealsButNot) return inOneDealNotAnother(request, dealsButNot);
    // "Does the UK deal mention 2 years?": a span asked is found as the texts write it ("within two years"), or is
    // said to be given nowhere when it is all that is asked.
    const spans = asksCoverage ? spansClaimed(query, ctx) : [];
    const span = spans.length > 0 ? spanMentioned(spans, ctx, deals) : null;
    if (span) {
      const about = [...span.passage.deals];
      const found = { ...answer, found: true, title: "Figures", lead: span.sentence, deals: about };
      return { ...paginate(found, [span.passage], (p) => excerptOf(ctx, p), options), verdict: "yes" };
    }
    const spanWords = new Set(spans.flatMap((claimed) => tokenize(claimed.text)));
    if (spans.length > 0 && query.subjectTerms.every((term) => spanWords.has(term))) {
      const where = deals.length > 0 ? dealNames(ctx, deals) : "the deals";
      const none = `the texts I hold of ${where} give no span of “${joinNames(spans.map((claimed) => claimed.text))}”.`;
      return decline(ctx, query, "ask", noLead(none), deals);
    }
    const coverage = asksCoverage ? coverageAnswer(request, deals) : null;
    // "Is JT-60SA the only facility …?" is not answered Yes by its being there.
    if (coverage && !(coverage.verdict === "yes" && soleLead(query, coverage, ctx))) return coverage;
    // "What does the UK deal say about JT-60SA?": names the deals asked never use are answered as absent there;
    // when one of the names is there ("CAISI"), the answer is what the texts say of it.
    const inDeals = ofDeals(deals);
    const absentName =
      query.names.length > 0 && query.names.every((name) => !passagesNaming(ctx, [name]).some(inDeals));
    if (deals.length > 0 && absentName && !aboutProperty) {
      const absent = coverageAnswer(request, deals);
      if (absent?.verdict === "no") return { ...absent, verdict: undefined, lead: capitalised(absent.lead) };
      if (absent) return absent;
    }
    // Passages shown as they stand, under a title and lead of their own.
    const passagesAnswer = (title: string, lead: string, about: DealId[], passages: readonly Passage[]) =>
      paginate(
        { ...answer, found: true, title, lead, deals: about },
        passages,
        (p) => excerptOf(ctx, p),
        options,
      );
    const who = joinNames(quoted.speakers);
    // "Make up a quote from Kratsios" is refused; what the texts report he said follows.
    const refusal = query.offTopic ? `${REFUSED} ` : "";
    // "What did Starmer say at the ceremony?" when no text quotes him: the texts do not report it; "Did Melania Trump
    // say anything?": nor that, but they name her, and what they say of her follows.
    const unquoted = notQuoted(quoted.speakers);
    if (quoted.passages.length === 0 && quoted.naming.length > 0 && !refusal) {
      const about = [...new Set(quoted.naming.flatMap((passage) => passage.deals))];
      const heading = quoted.heading ?? `What they say of ${who}:`;
      const named = passagesAnswer(who, `${unquoted} ${heading}`, about, quoted.naming);
      // What a side is reported to have said answers "did they say anything?" as much as a quote would.
      return query.form === "yes-no" && !quoted.heading ? { ...named, verdict: "no" } : named;
    }
    if ((quoted.saidBy || refusal) && quoted.passages.length === 0)
      return decline(ctx, query, "ask", `${refusal}${unquoted}`, deals);
    // "The Kratsios quote about the Japan and Korea deals": the passages where the person is quoted.
    if (quoted.passages.length > 0) {
      // "What did Kratsios and Onoda say?": those no text quotes are said to be unquoted, not named as speaking.
      const quotedOnes = quoted.heading
        ? quoted.speakers
        : quoted.speakers.filter((speaker) => quoted.passages.some((p) => quotes(p, [speaker], ctx)));
      const unquotedOnes = quoted.speakers.filter((speaker) => !quotedOnes.includes(speaker));
      const none = unquotedOnes.length > 0 ? `${notQuoted(unquotedOnes)} ` : "";
      const lead = `${refusal}${none}${whenReported(query, quoted.passages, ctx)}What ${joinNames(quotedOnes)} said, as the sources report it:`;
      const about =
        deals.length > 0 ? deals : [...new Set(quoted.passages.flatMap((passage) => passage.deals))];
      return passagesAnswer(`Quotes: ${who}`, lead, [...about], quoted.passages);
    }
    const holders = officeAsked(query, ctx);
    if (holders.length > 0) {
      // "What position does Kratsios hold?": the office from the signatories' record, with the deals they signed.
      const record = whoSigned.run({ ...request, query: { ...query, deals, intent: whoSigned.name } });
      const offices = holders.map((person) => `${person.name}: ${person.office}.`).join(" ");
      return ledBy(record, { lead: offices });
    }
    // "Which US agencies are named in the Korea deal?": the bodies the deal's record lists, each with its passage.
    const bodies = bodiesAnswer(query, deals, ctx);
    if (bodies) return bodies;
    if (signing && signing.deals.length === 1) {
      // "Did Biden sign the UK deal?": the deal's signing record, where or by whom as asked.
      const record = signing.places.length > 0 || signing.dates.length > 0 ? when : whoSigned;
      return record.run({ ...request, query: { ...query, deals: signing.deals, intent: record.name } });
    }
    // "What does MOU stand for?": a deal's own abbreviation, which a search for the words asked cannot find (they
    // name the deals), is answered by the passages that spell it out, which lead with what it stands for.
    const spelling = query.topics.length === 0 ? expansionPassages(query, ctx).filter(ofDeals(deals)) : [];
    if (spelling.length > 0) {
      const about = [...new Set(spelling.flatMap((passage) => passage.deals))];
      return passagesAnswer("Abbreviation", "Where the texts spell it out:", about, spelling);
    }
    const numbered = numberedSectionAnswer(request, deals);
    if (numbered) return numbered;
    if (figures) {
      const about = [...new Set(figures.flatMap((passage) => passage.deals))];
      const where = deals.length > 0 ? dealNames(ctx, deals) : "the Technology Prosperity Deals";
      if (figures.length === 0)
        return decline(ctx, query, "ask", `The texts I hold give no sums or time limits on ${where}.`, deals);
      // "Are there any numbers in the Japan deal?": Yes from the deal's own texts; a later development's figures
      // (a plan of its own) are no figures of the deal.
      const yesNo = query.form === "yes-no";
      const ownTexts = figures.filter((passage) => passage.section !== "development");
      if (ownTexts.length === 0) {
        const none = `the texts I hold of ${where} give no sums or time limits; a later development gives its own:`;
        const later = passagesAnswer("Figures", capitalised(none), about, figures);
        return yesNo ? { ...later, verdict: "no", lead: none } : later;
      }
      const given = passagesAnswer("Figures", `The sums and time limits given on ${where}:`, about, figures);
      return yesNo
        ? { ...given, verdict: "yes", lead: `the sums and time limits given on ${where}:` }
        : given;
    }
    if (query.sections.length > 0 && query.names.length === 0) {
      // "What kind of document is it, a treaty?": the section asked, then what the texts say on the topic. The topic
      // every passage of the section has ("operative", "180 days notice": legal status) asks nothing more.
      const ofSection = ctx.passages({ deals: ctx.dealIds, sections: query.sections });
      const own = (topic: string) => ofSection.every((passage) => passage.topics.includes(topic));
      const section = sectionAnswer(request, deals);
      if (query.topics.every(own)) return section;
      const onTopic = ask.run({ ...request, query: { ...query, sections: [] } });
      // One heading introduces the excerpts: the section's ("The purpose of …:"), not the topic's after it.
      const sentences = onTopic.lead.split(/(?<=[.:])\s+(?=\p{Lu})/u);
      const lead = section.lead.endsWith(":")
        ? sentences.filter((one) => !one.endsWith(":")).join(" ")
        : null;
      return mergeAnswers([section, { ...onTopic, lead: lead ?? onTopic.lead }], query);
    }
    // "quote the Korea deal", "exact wording please": words asking for the texts' own words name no subject.
    const verbatim = new Set(ctx.vocabulary.phrasing.verbatimAsked.flatMap(tokenize));
    const onlyVerbatim =
      query.subjectTerms.length > 0 &&
      query.subjectTerms.every((term) => verbatim.has(term.toLowerCase())) &&
      query.topics.length + query.names.length + query.countries.length === 0;
    if (onlyVerbatim) return ask.run({ ...request, query: { ...query, terms: [], subjectTerms: [] } });
    // "What does the UK deal say about Russia?": the word the texts write the country in is what is looked for.
    const asCountries = countryWords(query, ctx);
    const asking = setOf(ctx.vocabulary.phrasing.mentionAsked);
    if (asCountries.length > 0 && query.terms.every((term) => asking.has(term))) {
      const terms = asCountries.map((word) => word.toLowerCase());
      const named = terms.map(capitalised);
      return ask.run({ ...request, query: { ...query, terms, subjectTerms: named, countries: [] } });
    }
    // "What did TRT World report?": a word of saying ("report") is no subject of what a publisher said.
    const saying = setOf(ctx.vocabulary.phrasing.saying);
    // "What did Quantum Computing Report say?": a topic's words inside the publisher's name ask of no topic.
    const publisherWords = new Set(
      ctx.vocabulary.publishers
        .filter(({ publisher }) => query.publishers.includes(publisher))
        .flatMap(({ names }) => names.flatMap(tokenize)),
    );
    const topicsOfName = query.readings
      .filter((reading) => reading.kind === "topic")
      .every((reading) => tokenize(reading.words).every((word) => publisherWords.has(word)));
    if (topicsOfName && query.terms.every((term) => saying.has(term) || publisherWords.has(term))) {
      // "What did the White House say about the Japan deal?": what that publisher's texts I hold say of it.
      const published = publishedPassages(query, deals, ctx);
      if (published) {
        const dated = whenReported(query, published.passages, ctx);
        return passagesAnswer(
          published.title,
          `${dated}${published.lead}`,
          published.about,
          published.passages,
        );
      }
    }
    if (query.topics.length === 0 && query.terms.length === 0) {
      // "summarise the deals", "a summary of all three", "What are the main commitments?": every deal's overview.
      const { dealNouns, explaining } = ctx.vocabulary.phrasing;
      const everyDeal =
        query.allDeals || hasAnyOf(query.tokens, dealNouns) || phrasesIn(query.tokens, explaining).length > 0;
      const told = deals.length > 0 ? deals : everyDeal ? ctx.dealIds : [];
      if (told.length === 0) return notUnderstood(answer, ctx);
      return paginate(
        overview(answer, told, ctx),
        overviewPassages(told, ctx),
        ({ passage, deal }) => excerptOf(ctx, passage, deal),
        options,
      );
    }

    // A topic the deals asked do not cover is said to be absent, never answered from a passing mention.
    const uncovered = query.topics.filter(
      (topic) => deals.length > 0 && !deals.some((d) => ctx.covers(d, topic)),
    );
    if (uncovered.length > 0 && uncovered.length === query.topics.length)
      return nothingFound(answer, query, deals, ctx, options);
    // "What did critics say about the deals?": words the knowledge never uses, nor slips of words it does, reach only
    // words they begin or resemble ("critical"), which say nothing of them.
    const unheard =
      query.topics.length + query.names.length === 0 &&
      query.subjectTerms.length > 0 &&
      query.subjectTerms.every((term) => ctx.neverUses(term.toLowerCase()));
    if (unheard || apartInNames(ctx, query)) return nothingFound(answer, query, deals, ctx, options);
    const covered = { ...query, topics: query.topics.filter((topic) => !uncovered.includes(topic)) };
    const strict = rank(covered, deals, ctx, options);
    const closest = (strict.total === 0 || thingUnheard(query, ctx)) && query.topics.length === 0;
    const ranked = closest ? rank(covered, deals, ctx, options, true) : strict;
    // "Is there a time limit on the Korea deal?", "How often is it reviewed?": the limits or frequencies the deals
    // set, or none; not "not limited to".
    if (ranked.total === 0 || timingOnly) return nothingFound(answer, query, deals, ctx, options);
    const onlyNamed = onlyPeopleShared(query, ranked.top, ctx);
    if (onlyNamed) return decline(ctx, query, "ask", onlyNamed, deals);

    const topics = query.topics.map((id) => ctx.topicLabel(id));
    const toExcerpt = ({ passage }: Ranked) => excerptOf(ctx, passage);
    const notes = [
      ...countriesAsked(query, ctx).map(
        (country) => `There is no Technology Prosperity Deal with ${titleCase(country)}.`,
      ),
      ...uncovered.map(
        (topic) => `No commitment on ${ctx.topicLabel(topic)} found in ${dealNames(ctx, deals)}.`,
      ),
    ];
    const one = deals.length === 1 ? ctx.dealName(deals[0] as DealId) : null;
    // "What does the Japan deal say about RIKEN?" when only a later development names it: the deal does not.
    const onlyLater = query.names.length > 0 && ranked.onlyDevelopments;
    // A count or span asked that a further match on the topic gives ("within two years", where the page names the
    // NRC) leads the first page; a value no match gives is said to be unsaid.
    // The closest passages do not match all that is asked: a value one gives is not the one asked.
    const unsaid = valueUnsaid(
      query,
      closest ? [] : ranked.top.slice(0, PAGE_SIZE).map(({ passage }) => passage),
      ctx,
      one,
      () =>
        options.offset
          ? []
          : rank({ ...covered, names: [] }, deals, ctx, { offset: FURTHER }).top.map(
              ({ passage }) => passage,
            ),
      (passage) => sharesTerm(query, passage, ctx),
    );
    const giving = unsaid?.giving;
    // "How much did Microsoft invest?": the passages naming whose money is asked of, when some do.
    const parties = sumAsked(query, ctx) ? namedParties(query, ctx).map((name) => name.toLowerCase()) : [];
    const naming = ranked.top.filter(({ passage }) => ctx.hasWords(passage, parties));
    const matched = parties.length > 0 && naming.length > 0 ? naming : ranked.top;
    const top = giving
      ? [{ passage: giving, score: 0 }, ...matched.filter(({ passage }) => passage !== giving)]
      : matched;
    // "How much does the Korea TPD spend on quantum?", "Any money attached?": the clause that commits no funds
    // comes first; not for a sum or a programme the question names ("the NSF–UKRI $500,000 funding").
    // Nor when a passage shown on a topic asked gives a sum ("How will the UK deal fund quantum?": the NSF–UKRI line).
    const sumShown =
      query.topics.length > 0 &&
      top
        .slice(0, PAGE_SIZE)
        .some(({ passage }) => passage.section !== "signing" && HAS_AMOUNT.test(passage.text));
    // "The UK deal commits £150bn - how is it split?": a sum said to be committed is answered by that clause.
    const claimed = hasAnyOf(query.tokens, ctx.vocabulary.phrasing.bindingWords);
    // "How much did Google invest in the UK?" asks of a company's sum, not the deal's.
    const ofDeal =
      query.names.length === 0 &&
      parties.length === 0 &&
      !companiesNamed(query, ctx) &&
      (claimed || (!HAS_AMOUNT.test(query.text) && !sumShown));
    const noFunds = unsaid?.sum || (asksAboutMoney(query, ctx) && ofDeal) ? noFundsClauses(deals, ctx) : [];
    // "uk mou $$$ how much money": the clause that commits no funds answers it, said first (a yes/no question
    // opens with it already).
    const clauses = query.form === "yes-no" ? [] : noFunds.map(({ passage }) => passage.text);
    // A sum asked ("How much money does the UK deal commit?") is answered by the clause: none.
    const opening = unsaid?.sum ? NO_FUNDS : (unsaid?.said ?? "");
    const fundsSaid = ofDeal && clauses.length > 0 ? `${opening}${clauses.join(" ")} ` : null;
    // "What is the UK deal worth?": the sums reported around a deal asked of as a whole (company pledges, a plan of
    // its own) follow the clause, each saying what it is.
    const { propertyTopics } = ctx.vocabulary.phrasing;
    const whole = query.names.length === 0 && query.topics.every((topic) => propertyTopics.includes(topic));
    const reported = unsaid?.sum && whole ? deals.flatMap((deal) => amountsOf(deal, ctx)) : [];
    // "How much did Japan commit?": a plan reported after the signing (the Genesis partnership's $500 million each)
    // is said to be one, not the deal's sum.
    const plan = reported.find(({ passage }) => passage.section === "development")?.passage;
    const later = plan ? `A plan reported on ${formatDate(plan.date)} gives sums of its own (below). ` : "";
    const first = [...noFunds, ...reported];
    const shown = [
      ...first,
      ...top.filter(({ passage }) => !first.some((clause) => clause.passage === passage)),
    ];
    const named = describe(ctx, {
      ...subjectOf(query, ctx),
      topics: [],
      names: query.names.map(withoutQualifier),
    });
    return paginate(
      {
        ...answer,
        found: true,
        title: [deals.length > 0 ? partnerList(ctx, deals) : "All deals", ...topics].join(" · "),
        lead: closest
          ? `${unsaid?.said ?? ""}Nothing in ${deals.length > 0 ? dealNames(ctx, deals) : "the deal texts"} matches all of “${query.terms.join(" ")}”; the closest passages have ${sharedWords(query, ranked.top, ranked.rare, ctx).join(", ")}:`
          : onlyLater
            ? `Nothing I hold from ${deals.length > 0 ? `the texts of ${dealNames(ctx, deals)}` : "the deal texts"} mentions ${named}; it comes up in a later development:`
            : `${fundsSaid ?? unsaid?.said ?? ""}${later}What ${one ? `the ${one} says` : "the Technology Prosperity Deals say"}${topics.length > 0 ? ` on ${topics.join(" and ")}` : ` about “${(query.subjectTerms.length > 0 ? query.subjectTerms : query.terms).join(" ")}”`}:`,
        deals: deals.length > 0 ? deals : dealsAbout(ranked.top),
        topics: query.topics,
        notes,
      },
      shown,
      toExcerpt,
      options,
      ranked.total + (shown.length - top.length),
    );
  },
};

/**
 * "What does the Korea deal signed during the APEC summit say about AI?": the words of a clause that picks the deal
 * by its signing are not looked for when something else is asked.
 */
function withoutSigningClause(query: ParsedQuery, ctx: KnowledgeLookups): ParsedQuery {
  const clause = signingClause(query, ctx);
  const inClause = (term: string) => query.tokens.every((token, i) => token !== term || clause.has(i));
  const terms = query.terms.filter((term) => !inClause(term));
  if (terms.length === query.terms.length || (terms.length === 0 && query.topics.length === 0)) return query;
  return { ...query, terms, subjectTerms: query.subjectTerms.filter((term) => !inClause(term)) };
}

/**
 * "Why was the Korea deal signed?", "why did the US sign these deals?": what a deal is for, its purpose, not the
 * passages with the word "signed". Not a question naming who signed ("Why did Biden sign …?"), which is corrected.
 */
function whySigned(query: ParsedQuery, ctx: KnowledgeLookups): ParsedQuery {
  const about = query.topics.length + query.names.length + query.sections.length > 0;
  const onlySigning = onlySigningWords(query.terms, ctx);
  if (query.tokens[0] !== "why" || about || !onlySigning || signingAssumed(query, ctx)) return query;
  return { ...query, sections: ["purpose"], terms: [], subjectTerms: [] };
}

/**
 * The question with only the topics it asks of the deals: a topic read only where the asker describes themselves
 * ("We supply chip fabs. What does it say on …?") that no deal asked covers is who asks, not what; a topic no deal
 * asked covers whose words as typed stand in their passages on another topic asked ("AI for medicine": precision
 * medicine under AI) is asked as those words. Neither is answered with "No" or "no commitment".
 */
function topicsAskedOf(query: ParsedQuery, deals: readonly DealId[], ctx: KnowledgeLookups): ParsedQuery {
  if (deals.length === 0) return query;
  const uncovered = query.topics.filter((topic) => !deals.some((deal) => ctx.covers(deal, topic)));
  if (uncovered.length === 0) return query;
  const asking = tokenize(askingPart(query.text));
  const readings = query.readings.filter((reading) => reading.kind === "topic" && !reading.carried);
  const inAsking = (words: string) => indexOfSequence(asking, tokenize(words)) >= 0;
  // "I'm writing on cancer research - anything on that?" asks of the asker's own words: nothing else is asked.
  const asksOnItsOwn =
    asking.length < query.tokens.length &&
    (readings.some((reading) => inAsking(reading.words)) ||
      query.subjectTerms.some((term) => asking.includes(term)));
  const askerOnly = (topic: string) =>
    asksOnItsOwn && !readings.some((reading) => reading.as === topic && inAsking(reading.words));
  // The words must stand in a passage on a topic asked that the deals cover: "AI for medicine", not "korea investment".
  const coveredTopics = query.topics.filter((topic) => !uncovered.includes(topic));
  const inTexts = (words: string) =>
    ctx
      .passagesWith(tokenize(words))
      .some(
        (passage) =>
          passage.deals.some((deal) => deals.includes(deal)) &&
          coveredTopics.some((topic) => ctx.topicsOf(passage).has(topic)),
      );
  const said = (topic: string) =>
    readings.filter((reading) => reading.as === topic && !reading.fuzzy).map((reading) => reading.words);
  const dropped = uncovered.filter((topic) => askerOnly(topic) || said(topic).some(inTexts));
  if (dropped.length === 0) return query;
  const asWords = dropped
    .filter((topic) => !askerOnly(topic))
    .flatMap((topic) => said(topic).flatMap(tokenize));
  return {
    ...query,
    topics: query.topics.filter((topic) => !dropped.includes(topic)),
    readings: query.readings.filter((reading) => !(reading.kind === "topic" && dropped.includes(reading.as))),
    terms: [...new Set([...query.terms, ...asWords])],
    subjectTerms: [...new Set([...query.subjectTerms, ...asWords])],
  };
}

/**
 * "How old is Keir Starmer?", "Onoda's view on immigration?": passages that share only a signatory's name with
 * the question say nothing on what is asked of them. Says so, or null when a passage has another word asked.
 */
function onlyPeopleShared(
  query: ParsedQuery,
  shown: readonly Ranked[],
  ctx: KnowledgeLookups,
): string | null {
  if (query.topics.length + query.names.length + query.sections.length > 0) return null;
  const people = signatoriesNamed(query, ctx);
  if (people.length === 0) return null;
  // A word typed with a slip ("minster") may be one the passages have: it is not held against them.
  const others = query.terms.filter(
    (term) =>
      !people.some((person) => nameHas(person, term)) &&
      (term.length < 6 || ctx.knows(term) || !ctx.nearlyKnows(term)),
  );
  // Any text naming them may say it, not only those of the deals shown ("Did Kratsios link the deal to trade?": his
  // words on the UK deal, though he signed the other two).
  const naming = people.flatMap((person) => [...ctx.positionsWith(tokenize(person.name))]);
  const said = [...shown.map(({ passage }) => passage), ...naming.map((at) => ctx.passageAt(at))].some(
    (passage) => others.some((term) => ctx.hasWords(passage, [term])),
  );
  // "Which word of praise did Kratsios pick?": a passage quoting the person is what they said.
  const { sayAsked, quoteAsked, wordsAsked } = ctx.vocabulary.phrasing;
  const asksWords = [sayAsked, quoteAsked, wordsAsked].some((words) => hasAnyOf(query.tokens, words));
  const names = people.map((person) => person.name);
  const quoted = shown.some(({ passage }) => quotes(passage, names, ctx));
  if (others.length === 0 || said || (asksWords && quoted)) return null;
  return `The texts I hold name ${joinNames(names)}, but say nothing on “${others.join(" ")}”.`;
}

/** The clause of each deal asked that says it commits no funds: what answers "how much does it spend?". */
const noFundsClauses = (deals: readonly DealId[], ctx: KnowledgeLookups): Ranked[] =>
  deals.flatMap((deal) =>
    keptNoFunds(ctx, deal, () => {
      const clause = ctx
        .passagesOn("legal-status", [deal])
        .find((passage) => passage.deals.includes(deal) && ctx.hasWords(passage, ["commits", "funds"]));
      return clause ? [{ passage: clause, score: 0 }] : [];
    }),
  );
const keptNoFunds = keptPer<KnowledgeLookups, DealId, Ranked[]>();

/**
 * A deal's own passages that give a sum, in knowledge order; not a later development (a separate plan). The
 * same for every question, read on the first that asks.
 */
const amountsOf = (deal: DealId, ctx: KnowledgeLookups): Ranked[] =>
  keptAmounts(ctx, deal, () =>
    ctx
      .passages({ deals: [deal] })
      .filter((p) => p.deals.length === 1 && HAS_AMOUNT.test(p.text))
      .map((passage) => ({ passage, score: 0 })),
  );
const keptAmounts = keptPer<KnowledgeLookups, DealId, Ranked[]>();

/** Whether the passage has a word of the question other than how a span is asked ("design", "review"). */
const sharesTerm = (query: ParsedQuery, passage: Passage, ctx: KnowledgeLookups) =>
  query.terms.some(
    (term) => !holdsAnyOf(term, ctx.vocabulary.phrasing.spanWords) && ctx.hasStem(passage, stem(term)),
  );

/** Two neighbouring words of the question that a passage has both of ("cancer research"). */
function pairsShared(query: ParsedQuery, passage: Passage, ctx: KnowledgeLookups): string[] {
  const pairs = query.terms.slice(1).map((term, i) => [query.terms[i] as string, term]);
  return pairs
    .filter((pair) => pair.every((word) => ctx.hasStem(passage, stem(word))))
    .map((pair) => pair.join(" "));
}

/** Passages this few at most make a word of the question specific: one that stands in them may be what is asked. */
const SPECIFIC_IN = 8;
/** How far down the matches a value asked ("how many years") is looked for when the first page gives none. */
const FURTHER = 30;
/** Passages this few at most make a word of the question rare enough to find the closest by on its own. */
const RARE_IN = 3;

/** The question's longer words or initials that only a few passages of the deals asked have ("cancer", "OSTP"). */
function rareTerms(query: ParsedQuery, deals: readonly DealId[], ctx: KnowledgeLookups): string[] {
  return query.terms.filter((term) => {
    // A short word is too common to count, unless typed as initials ("What role does OSTP play?").
    const typed = asTyped(query.text, term);
    if (term.length < 5 && !(typed.length >= 3 && /^\p{Lu}+$/u.test(typed))) return false;
    const count = ctx.index.search(term, { deals }).places.length;
    return count > 0 && count <= RARE_IN;
  });
}

/** What a passage shares with the question: neighbouring words of it, or one of its rare words. */
function closeBy(
  query: ParsedQuery,
  passage: Passage,
  rare: readonly string[],
  ctx: KnowledgeLookups,
): string[] {
  return [...pairsShared(query, passage, ctx), ...rare.filter((term) => ctx.hasStem(passage, stem(term)))];
}

/** The words of the question the shown passages have, quoted: what makes them the closest. */
function sharedWords(
  query: ParsedQuery,
  shown: readonly Ranked[],
  rare: readonly string[],
  ctx: KnowledgeLookups,
): string[] {
  const words = shown.slice(0, PAGE_SIZE).flatMap(({ passage }) => closeBy(query, passage, rare, ctx));
  return [...new Set(words)].map((words) => `“${words}”`);
}

/**
 * "When did Kratsios say that?": the dates the reports of it give, or their sources were published on, with who
 * published them; the texts date a report, not always the words. Empty unless the question opens with "when".
 */
function whenReported(query: ParsedQuery, passages: readonly Passage[], ctx: KnowledgeLookups): string {
  if (query.tokens[0] !== "when") return "";
  const dated = passages.flatMap((passage) => {
    const source = ctx.source(passage.sourceId);
    const date = passage.date ?? source?.published;
    return date ? [`${formatDate(date)} (${source?.publisher ?? ""})`] : [];
  });
  return dated.length > 0 ? `The reports of it are dated ${joinNames(unique(dated))}. ` : "";
}

/** "The texts I hold do not quote Kimi Onoda.", "… do not quote Donald Trump or Keir Starmer." */
const notQuoted = (speakers: readonly string[]) =>
  `The texts I hold do not quote ${joinNames(speakers, "or")}.`;

/**
 * A quote asked of a signatory, or of a name the texts use, by name: the passages that quote them ("…,” said
 * Michael Kratsios); `speakers` as the question or the signing record writes them.
 */
function quotesAsked(
  query: ParsedQuery,
  ctx: KnowledgeLookups,
  deals: readonly DealId[],
): { speakers: string[]; passages: Passage[]; saidBy: boolean; naming: Passage[]; heading?: string } {
  const sayAsked = setOf(ctx.vocabulary.phrasing.sayAsked);
  // "What did the British prime minister say?": the signatory holding the post asked, as if named.
  const post = postOfSide(query, ctx);
  const byPost = post && sayAsked.has(query.tokens[post.at + 1] ?? "") ? post.holders : [];
  // "What did the signatories of the Japan deal say?": each of the deal's signatories.
  const asked = deals.length > 0 ? deals : ctx.dealIds;
  const signers = signersSaid(query, ctx) ? asked.flatMap((id) => ctx.deal(id)?.signatories ?? []) : [];
  const everyOne = [...signatoriesNamed(query, ctx), ...byPost, ...signers];
  const people = [...new Map(everyOne.map((person) => [person.name, person])).values()];
  // "What did Kratsios say about …": the person named just before "say" is the one quoted; not the one who signed
  // the deal that says it ("the Japan deal signed by Onoda say …").
  const clause = signingClause(query, ctx);
  const signatorySaid =
    byPost.length + signers.length > 0 ||
    query.tokens.some(
      (token, i) =>
        sayAsked.has(token) &&
        !clause.has(i - 1) &&
        people.some((person) => nameHas(person, query.tokens[i - 1] ?? "")),
    );
  // "Did Melania Trump say anything?": a name the texts use, just before "say", is asked for its words, not whether
  // a text names it.
  const named = query.names
    .filter((name) => sayAsked.has(query.tokens[name.end] ?? "") && !callAsNoun(query.tokens, name))
    .map((name) => asTyped(query.text, name.words.join(" ")));
  // "Any quotes from Onoda?", "What words did Kratsios use?": a signatory's words asked for, as "what did Onoda
  // say?" asks.
  const { quoteAsked: quoteWords, wordsAsked } = ctx.vocabulary.phrasing;
  const quoteAsked = hasAnyOf(query.tokens, quoteWords);
  // "Any quotes from the Korean side?", "What did US officials say?", "Is there a quote from the Korean side?": the
  // side's signatories and bodies.
  const side = sideAsked(query, ctx, deals);
  const sideSaid = side !== null && (quoteAsked || hasAnyOf(query.tokens, [...sayAsked]));
  const wordsOf = quoteAsked || hasAnyOf(query.tokens, wordsAsked);
  const saidBy = signatorySaid || named.length > 0 || sideSaid || (wordsOf && people.length > 0);
  if (!saidBy && !quoteAsked) return { speakers: [], passages: [], saidBy, naming: [] };
  if (side) return { ...quotesOfSide(side, ctx), saidBy };
  const speakers = [...people.map((person) => person.name), ...named];
  // Only passages with a speaker's name can quote them: those are read, in knowledge order.
  const within = deals.length > 0 ? deals : ctx.dealIds;
  const withName = new Set(speakers.flatMap((speaker) => ctx.positionsWith(tokenize(speaker))));
  const candidates = [...withName]
    .sort((a, b) => a - b)
    .map((position) => ctx.knowledge.passages[position] as Passage)
    .filter((passage) => passage.deals.some((deal) => within.includes(deal)));
  // "What did Kratsios say on X?": those holding more of the other words asked first, else in knowledge order.
  const shared = (passage: Passage) =>
    query.subjectTerms.filter((term) => ctx.hasWords(passage, [term])).length;
  const passages = candidates
    .filter((passage) => quotes(passage, speakers, ctx))
    .map((passage) => ({ passage, shares: shared(passage) }))
    .sort((a, b) => b.shares - a.shares)
    .map(({ passage }) => passage);
  // The passages naming a name asked (not a signatory, whom every signing record names), for when none quotes it.
  const naming = named.length > 0 ? candidates.filter((passage) => !quotes(passage, speakers, ctx)) : [];
  // A name is said as the texts write it ("Melania Trump"), not as typed ("melania trump").
  const written = (speaker: string) =>
    naming.map((passage) => asTyped(passage.text, speaker)).find((form) => form !== speaker) ?? speaker;
  return { speakers: speakers.map(written), passages, saidBy, naming };
}

const MENTIONED = ["mention", "mentions", "mentioned"];
const AGREEING = ["agree", "agreed", "agrees", "agreement", "sign", "signed", "signs"];

/**
 * "the NSF-UKRI call": a call for proposals after a name, not what the name called something ("What did UKRI call
 * it?", which asks it after a word such as "did").
 */
const callAsNoun = (tokens: readonly string[], name: NameMatch) =>
  tokens[name.end] === "call" &&
  !tokens.slice(Math.max(0, name.start - 3), name.start).some((t) => ASKED_BY.has(t));
/** The signatories a question asks the office of ("What's Kratsios's job title?"), named by a word of their name. */
function officeAsked(query: ParsedQuery, ctx: KnowledgeLookups): Signatory[] {
  // "Her part in it", "who is …": never "as part of the deal".
  const { officeAsked: office, partAsked, whoIsAsked } = ctx.vocabulary.phrasing;
  const asked =
    hasAnyOf(query.tokens, office) ||
    holdsAnyOf(query.text, partAsked) ||
    phrasesIn(query.tokens.slice(0, 2), whoIsAsked).length > 0;
  if (query.topics.length > 0 || !asked) return [];
  return signatoriesNamed(query, ctx);
}

type Ranked = { passage: Passage; score: number };
/**
 * A candidate that matched: its score, the topics asked it covers (bit i for the i-th topic asked) and their
 * share of all its topics, its place among the matches; the topics asked its first topic is (bits as `covers`),
 * whether it is a quote, and its source's number, as takeTurns reads them.
 */
type Scored = Ranked & {
  covers: number;
  share: number;
  at: number;
  mainlyOn: number;
  quote: boolean;
  source: number;
};
/** The results up to the end of the page asked for best first, how many there are, and the rare words. */
type Ranking = {
  top: Ranked[];
  total: number;
  rare: readonly string[];
  /** Whether every match is a later development. */
  onlyDevelopments: boolean;
};

/**
 * Orders passages by topic coverage, then full-text score, keeping only those that really match. A named
 * thing ("RIKEN") keeps only the passages that name it; several topics take turns, so each gets its best.
 * Every match is counted and scored once, by its position; only the results up to the page asked for are
 * kept and put in order.
 */
function rank(
  query: ParsedQuery,
  deals: readonly DealId[],
  ctx: KnowledgeLookups,
  page: AnswerOptions,
  closest = false,
): Ranking {
  const topicWords = query.readings.filter((r) => r.kind === "topic").map((r) => r.words);
  // The words asking whether the texts have something ("Is shipbuilding part of …?") are not looked for in them.
  const coverage = query.form === "yes-no" ? phrasesIn(query.tokens, ctx.vocabulary.phrasing.coverage) : [];
  const asking = new Set(coverage.flatMap(tokenize));
  // "non-proliferation": a prefix is part of the word after it, never a word of its own to match ("non-binding").
  const { boundPrefixes } = ctx.vocabulary.phrasing;
  const terms = query.terms.filter(
    (term, i) => !asking.has(term) && !(boundPrefixes.includes(term) && i + 1 < query.terms.length),
  );
  const searchText = [...terms, ...topicWords].join(" ");
  // Without a recognised topic, a passage must match at least half the meaningful words to count; when none
  // does, the closest are those with two neighbouring words of the question or one rare word ("cancer").
  // The rare words are searched first: a later search would overwrite the one `found` reads its hits from.
  const rare = closest ? rareTerms(query, deals, ctx) : [];
  // A common word meant as typed ("competing") is searched as typed, not as a word one letter away ("computing").
  const found = ctx.index.search(searchText, { deals, asTyped: ctx.vocabulary.meantAsTyped });
  const best = found.best || 1;
  // "What did Microsoft pledge?": of two words asked, a passage with both makes one with either no answer.
  const bothHeld =
    !closest && terms.length === 2 && found.places.some((place) => found.termsMatchedAt(place) === 2);
  const termsNeeded = closest ? 1 : bothHeld ? 2 : Math.ceil(terms.length / 2);
  const searchWords = new Set(tokenize(searchText)).size;
  const asked = query.topics;

  const inDeals = ofDeals(deals);
  // The passages with every name, found once from the first name's passages.
  const naming = new Set(passagesNaming(ctx, query.names));
  // Names narrow the answer only where the deals asked have them; else the other words decide.
  const anyNamed = [...naming].some(inDeals);

  // Enough to fill the page asked for, however many match (a page never starts past the offset).
  const needed = Math.max(PAGE_SIZE, pageEnd(page));
  // "What do the UK and Japan deals say about fusion?", "quantum": each deal takes turns, its best passage first.
  const namedDeals = [...new Set(query.deals)];
  // Asked of no deal, only a topic alone takes turns: other words or names asked ("pro-innovation", "CAISI") pick
  // the passages.
  const topicAlone =
    asked.length === 1 && query.subjectTerms.length + query.names.length === 0 && deals.length !== 1;
  const turnDeals = namedDeals.length > 1 ? namedDeals : topicAlone ? ctx.dealIds : [];
  const dealsTakeTurns = turnDeals.length > 1 && asked.length <= 1;
  // Several topics or deals take turns over every candidate and a long page sorts them all; else a short list in
  // order.
  const keepsAll = asked.length > 1 || dealsTakeTurns || needed > MAX_KEPT_IN_ORDER;
  const kept: Scored[] = [];
  const keep = keepsAll ? (item: Scored) => kept.push(item) : keepFirst(kept, needed);
  const { passages } = ctx.knowledge;
  // What the score reads of a passage, read without touching it: most candidates of a large knowledge need no more.
  const { flags, mainTopic, mainTopics, source } = ctx.passageParts;
  const publishedByAsked = query.publishers.length > 0 ? publishedBy(ctx, query.publishers) : null;
  const quotedHere = quotedPhrases(query.text)
    .filter((phrase) => phrase.length > 1)
    .map((phrase) => ctx.saysAt(phrase));
  const mainlyOn = mainTopics.map((topic) =>
    asked.reduce((bits, each, i) => (each === topic ? bits | (1 << i) : bits), 0),
  );
  let total = 0;
  let onlyDevelopments = true;
  /** `ofDealsAsked`: the position is known to be of a deal asked (a topic's passages were read per deal). */
  const consider = (position: number, ofDealsAsked: boolean) => {
    if (!ofDealsAsked || anyNamed) {
      const passage = passages[position] as Passage;
      if ((!ofDealsAsked && !inDeals(passage)) || (anyNamed && !naming.has(passage))) return;
    }
    const place = ctx.placeInIndex(position);
    const matched = place < 0 ? 0 : found.termsMatchedAt(place);
    const topics = ctx.topicsAt(position);
    let covers = 0;
    let covered = 0;
    for (let i = 0; i < asked.length; i++) {
      if (!topics.has(asked[i] as string)) continue;
      covers |= 1 << i;
      covered += 1;
    }
    if (asked.length > 0) {
      if (covered === 0) return;
    } else {
      if (matched < termsNeeded || matched === 0) return;
      if (closest && closeBy(query, passages[position] as Passage, rare, ctx).length === 0) return;
    }
    const flagged = flags[position] as number;
    const specific = deals.length > 0 && (flagged & ONE_DEAL) !== 0 ? 0.5 : 0;
    // When no word asked is in any of them ("ratify"), a passage mainly about the topic asked comes first.
    const mainlyOnAsked = mainlyOn[mainTopic[position] as number] ?? 0;
    const mainly = matched === 0 && mainlyOnAsked !== 0 ? 0.5 : 0;
    // A passage with most of the question's other words ("Bae", "Kratsios", "summit") beats a general one.
    const termShare = asked.length > 0 && matched > 0 ? (3 * matched) / (searchWords || 1) : 0;
    // "Which fields did the White House say …": that publisher's own account comes first.
    const saidByAsked = publishedByAsked?.[source[position] as number] ?? 0;
    const quotedPhrase = quotedHere.some((says) => says(position)) ? QUOTED_PHRASE_BONUS : 0;
    const score =
      saidByAsked +
      quotedPhrase +
      covered * 3 +
      termShare +
      (matched > 0 ? found.scoreAt(place) / best : 0) +
      specific +
      mainly +
      ((flagged & QUOTE) !== 0 ? QUOTE_BONUS : 0) +
      ((flagged & DEVELOPMENT) === 0 ? OWN_TEXT_BONUS : 0);
    onlyDevelopments &&= (flagged & DEVELOPMENT) !== 0;
    // Most candidates of a large knowledge fall short of a full short list: none is made for them.
    if (keepsAll || entersShortList(kept, needed, score)) {
      const passage = passages[position] as Passage;
      const share = covered / Math.max(1, topics.size);
      const quote = (flagged & QUOTE) !== 0;
      keep({
        passage,
        score,
        covers,
        share,
        at: total,
        mainlyOn: mainlyOnAsked,
        quote,
        source: source[position] as number,
      });
    }
    total += 1;
  };
  if (asked.length > 0) {
    // Each passage once: under the first topic asked that it is on.
    const onEarlier = (topics: ReadonlySet<string>, i: number) => {
      for (let k = 0; k < i; k++) if (topics.has(asked[k] as string)) return true;
      return false;
    };
    asked.forEach((topic, i) => {
      const positions = ctx.positionsOn(topic, deals);
      for (let at = 0; at < positions.length; at++) {
        const position = positions[at] as number;
        if (!onEarlier(ctx.topicsAt(position), i)) consider(position, true);
      }
    });
  } else {
    for (const place of found.places) {
      const position = ctx.positionAtPlace(place);
      if (position >= 0) consider(position, false);
    }
  }
  // The leading three name the deals of an answer without one, whatever the page.
  const count = Math.min(total, Math.max(PAGE_SIZE, pageEnd(page, total)));
  const top =
    asked.length > 1
      ? takeTurns(kept, asked, count)
      : dealsTakeTurns
        ? dealsInTurn(kept.sort(byScore), turnDeals).slice(0, count)
        : (keepsAll ? kept.sort(byScore) : kept).slice(0, count);
  return { top, total, rare, onlyDevelopments };
}

/**
 * The passages of the publishers a question names ("the White House", "Japan's Cabinet Office"), of the deals asked
 * (any, when none is), in knowledge order; null when it names none or they published nothing on those deals.
 */
function publishedPassages(query: ParsedQuery, deals: readonly DealId[], ctx: KnowledgeLookups) {
  if (query.publishers.length === 0) return null;
  const asked = deals.length > 0 ? deals : ctx.dealIds;
  const passages = ctx
    .passages({ deals: asked })
    .filter((passage) => query.publishers.includes(ctx.source(passage.sourceId)?.publisher ?? ""));
  if (passages.length === 0) return null;
  const about = [...new Set(passages.flatMap((passage) => passage.deals))].filter((id) => asked.includes(id));
  const who = joinNames(query.publishers.map(nameInSentence));
  const of = deals.length > 0 ? ` on ${dealNames(ctx, deals, "and")}` : "";
  return { title: `Said by ${who}`, lead: `What ${who} says${of}, in the texts I hold:`, about, passages };
}

/** By source number (`PassageParts.source`), 1 where one of the publishers published it: read once per bot. */
const publishedBy = (ctx: KnowledgeLookups, publishers: readonly string[]) =>
  keptPublishers(ctx, publishers.join("\n"), () =>
    Uint8Array.from(ctx.passageParts.sourceIds, (id) =>
      publishers.includes(ctx.source(id)?.publisher ?? "") ? 1 : 0,
    ),
  );
const keptPublishers = keptPer<KnowledgeLookups, string, Uint8Array>();

/** Past this many results to keep, keeping them in order as they come costs more than one sort. */
const MAX_KEPT_IN_ORDER = 64;

/** Higher score first, then the earlier candidate: the order of a stable sort by score. */
const byScore = (a: Scored, b: Scored) => b.score - a.score || a.at - b.at;

/**
 * The candidates, best first, reordered so each deal asked gives one in turn (the deal of the best first), then
 * those of no deal asked; each deal's own stay in order.
 */
function dealsInTurn(sorted: readonly Scored[], deals: readonly DealId[]): Scored[] {
  const dealOf = (item: Scored) => item.passage.deals.find((deal) => deals.includes(deal));
  const queues = new Map<DealId, Scored[]>();
  for (const item of sorted) {
    const deal = dealOf(item);
    if (!deal) continue;
    const queue = queues.get(deal);
    if (queue) queue.push(item);
    else queues.set(deal, [item]);
  }
  const turns: Scored[] = [];
  for (let round = 0; turns.length < sorted.length; round++) {
    const taken = [...queues.values()].flatMap((queue) => queue[round] ?? []);
    if (taken.length === 0) break;
    turns.push(...taken);
  }
  return [...turns, ...sorted.filter((item) => !dealOf(item))];
}

/** Whether a later candidate with this score enters `keepFirst`'s list: it must beat the last (a tie keeps the earlier). */
const entersShortList = (kept: readonly Scored[], count: number, score: number) =>
  kept.length < count || score > (kept[kept.length - 1] as Scored).score;

/**
 * Keeps the first `count` by score of the candidates given to it, best first, without sorting them all: a
 * short sorted list that each candidate may enter.
 */
function keepFirst(into: Scored[], count: number): (item: Scored) => void {
  return (item) => {
    const last = into[into.length - 1];
    if (into.length === count && last && byScore(item, last) >= 0) return;
    let at = into.length;
    while (at > 0 && byScore(item, into[at - 1] as Scored) < 0) at--;
    into.splice(at, 0, item);
    if (into.length > count) into.pop();
  };
}

/**
 * Each topic's best passage in turn, so "quantum and space" shows both before a second of either: the passage
 * most about the topics asked (their share of all its topics), then one mainly about the topic, official words
 * first, then the text's own order (an area's opening statement before its details). Only the first `count`
 * are picked. The last rule orders passages of one source by place and others by score, which is not a total
 * order: each pick is the first of its topic's remaining passages sorted, in score order, by these rules, as it
 * always has been; `firstSorted` finds it without sorting when one passage comes before every other.
 */
export function takeTurns(scored: readonly Scored[], topics: readonly string[], count: number): Scored[] {
  const out: Scored[] = [];
  const taken = new Set<Scored>();
  const left = (items: readonly Scored[]) => items.filter((item) => !taken.has(item));
  // Each topic's passages, and the same in tiers by the rules before the last one. Only the leading tier can hold
  // a pick that comes before every other (`firstInTier`); when it has none, the topic's passages not yet picked
  // are sorted.
  const onTopic = topics.map((_, i) => {
    const items = scored.filter((item) => ((item.covers >> i) & 1) === 1);
    return { items, tiers: tiersFor(items, i) };
  });
  while (out.length < scored.length && out.length < count) {
    const before = out.length;
    topics.forEach((topic, i) => {
      const { items, tiers } = onTopic[i] as { items: Scored[]; tiers: Tier[] };
      // The leading tier with a passage not yet picked, in score order (`byScore` is a total order) from it on.
      for (let tier = tiers[0]; tier; tier = tiers[0]) {
        if (!tier.sorted) {
          tier.items.sort(byScore);
          tier.sorted = true;
        }
        while (taken.has(tier.items[tier.next] as Scored)) tier.next += 1;
        if (tier.next < tier.items.length) break;
        tiers.shift();
      }
      const [leading] = tiers;
      if (!leading) return;
      const pick = firstInTier(leading, topic, taken) ?? (sortedFor(left(items), topic)[0] as Scored);
      out.push(pick);
      taken.add(pick);
    });
    if (out.length === before) out.push(...left([...scored].sort(byScore)));
  }
  return out;
}

/**
 * Passages alike by takeTurns' rules but the last, and by source; `next`: the first not yet picked once they are
 * `sorted` by score.
 */
type Tier = { items: Scored[]; bySource: Map<number, Scored[]>; next: number; sorted: boolean };

/**
 * The items in tiers by takeTurns' rules for the `i`-th topic but the last, best first: share of their topics,
 * then mainly about the topic, then official words.
 */
function tiersFor(items: readonly Scored[], i: number): Tier[] {
  const byShare = new Map<number, Tier[]>();
  for (const item of items) {
    let tiers = byShare.get(item.share);
    if (!tiers) {
      tiers = Array.from({ length: 4 }, () => ({ items: [], bySource: new Map(), next: 0, sorted: false }));
      byShare.set(item.share, tiers);
    }
    const tier = tiers[3 - ((item.mainlyOn >> i) & 1) * 2 - (item.quote ? 1 : 0)] as Tier;
    tier.items.push(item);
    const ofSource = tier.bySource.get(item.source);
    if (ofSource) ofSource.push(item);
    else tier.bySource.set(item.source, [item]);
  }
  return [...byShare.keys()]
    .sort((a, b) => b - a)
    .flatMap((share) => (byShare.get(share) as Tier[]).filter((tier) => tier.items.length > 0));
}

/**
 * `firstSorted` of the tier's items not yet `taken`, reading only a few: another source's passage comes first
 * by score alone, so only the passages of the best one's source can come before every other, and the one of
 * them that does must also come before the best of another source.
 */
function firstInTier(tier: Tier, topic: string, taken: ReadonlySet<Scored>): Scored | null {
  const best = tier.items[tier.next] as Scored;
  const ofSource = (tier.bySource.get(best.source) ?? []).filter((item) => !taken.has(item));
  const lead = firstSorted(ofSource, topic);
  let rival: Scored | undefined;
  for (let at = tier.next; at < tier.items.length && !rival; at++) {
    const item = tier.items[at] as Scored;
    if (item.source !== best.source && !taken.has(item)) rival = item;
  }
  return lead && (!rival || byScore(lead, rival) < 0) ? lead : null;
}

/** takeTurns' rules for one topic, as a comparison (negative: `a` comes first). */
const betterFor = (topic: string) => (a: Scored, b: Scored) =>
  b.share - a.share ||
  Number(b.passage.topics[0] === topic) - Number(a.passage.topics[0] === topic) ||
  Number(b.passage.kind === "quote") - Number(a.passage.kind === "quote") ||
  (a.passage.sourceId === b.passage.sourceId ? a.passage.order - b.passage.order : b.score - a.score);

/** `items` in score order, then by takeTurns' rules for `topic` (stable: ties keep score order). */
export const sortedFor = (items: readonly Scored[], topic: string) =>
  [...items].sort(byScore).sort(betterFor(topic));

/**
 * The first of `sortedFor(items, topic)`, found without sorting; null when no item comes before every other by
 * those rules (a tie: the earlier in score order), where only sorting says. Such an item is never passed by an
 * insertion or a merge of a stable sort, so it comes first; the last rule is not a total order, so there may be
 * none.
 */
export function firstSorted(items: readonly Scored[], topic: string): Scored | null {
  const better = betterFor(topic);
  const before = (a: Scored, b: Scored) => {
    const rules = better(a, b);
    return rules < 0 || (rules === 0 && byScore(a, b) < 0);
  };
  let lead = items[0] as Scored;
  for (const item of items) if (before(item, lead)) lead = item;
  return items.every((item) => item === lead || before(lead, item)) ? lead : null;
}

/** Without a deal named: the deals of the leading excerpts that score close to the best. */
function dealsAbout(ranked: readonly Ranked[]): DealId[] {
  const top = ranked[0]?.score ?? 0;
  const leading = ranked.slice(0, 3).filter((item) => item.score >= top * ABOUT_SHARE);
  return [...new Set(leading.flatMap(({ passage }) => (passage.deals.length === 1 ? passage.deals : [])))];
}

/** Whether each deal asked has every topic wanted and none excluded, said deal by deal, over the topics wanted. */
function coveredButNot(request: IntentRequest, deals: readonly DealId[], split: Split): AnswerDraft {
  const { query, ctx } = request;
  const asked = [...split.wanted, ...split.excluded];
  const label = (topics: readonly string[], conjunction: string) => topicsSaid(ctx, topics, conjunction);
  const said = deals.map((deal) => {
    const has = asked.filter((topic) => ctx.covers(deal, topic));
    const lacks = asked.filter((topic) => !has.includes(topic));
    const name = `The ${ctx.dealName(deal)}`;
    if (has.length === 0) return `${name} covers neither ${label(lacks, "nor")}.`;
    return `${name} covers ${label(has, "and")}${lacks.length > 0 ? ` but not ${label(lacks, "or")}` : ""}.`;
  });
  const yes = deals.every(
    (deal) =>
      split.wanted.every((topic) => ctx.covers(deal, topic)) &&
      !split.excluded.some((topic) => ctx.covers(deal, topic)),
  );
  const shown = coverageAnswer({ ...request, query: { ...query, topics: split.wanted } }, deals);
  const answer = shown ?? { ...blankAnswer(query, "ask"), deals: [...deals] };
  return { ...answer, ...yesOrNoLead(yes, said.join(" ")) };
}

/**
 * "Is fusion in the Japan deal but not the Korea deal?": Yes when every deal before the negation covers the topics
 * and none after it does; else No, with the deal that lacks them or that covers them too.
 */
function inOneDealNotAnother(
  request: IntentRequest,
  { wanted, excluded }: { wanted: DealId[]; excluded: DealId[] },
): AnswerDraft {
  const { query, ctx } = request;
  const what = topicsSaid(ctx, query.topics, "and");
  const lacking = wanted.filter((deal) => !query.topics.every((topic) => ctx.covers(deal, topic)));
  const having = excluded.filter((deal) => query.topics.some((topic) => ctx.covers(deal, topic)));
  const verb = (deals: readonly DealId[]) => (deals.length === 1 ? "covers" : "cover");
  const lead =
    lacking.length > 0
      ? noLead(`${dealsWith(ctx, lacking)} ${lacking.length === 1 ? "does" : "do"} not cover ${what}.`)
      : having.length > 0
        ? noLead(`${dealsWith(ctx, having)} ${verb(having)} ${what} too.`)
        : yesOrNoLead(
            true,
            `${dealsWith(ctx, wanted)} ${verb(wanted)} ${what}; ${dealsWith(ctx, excluded)} ${excluded.length === 1 ? "does" : "do"} not.`,
          );
  // The passages of the deals that have it: those asked to, or also those asked not to.
  const all = [...wanted, ...excluded];
  const shown = coverageAnswer(request, having.length > 0 ? all : wanted) ?? {
    ...blankAnswer(query, "ask"),
    deals: all,
  };
  return { ...shown, ...lead };
}

/**
 * "Does the UK deal cover space?", "Is JT-60SA part of the UK deal?": a yes or no first, from the deals' own
 * coverage; an item that belongs to another deal is said to be there, citing that deal.
 */
function coverageAnswer(
  { query, options, ctx }: IntentRequest,
  deals: readonly DealId[],
): AnswerDraft | null {
  const subject = subjectOf(query, ctx);
  // "Is there no plan in the Korea deal?": with only framing words left, nothing is asked to say Yes or No to.
  const parts = [subject.topics, subject.names, subject.terms, subject.aliasWords];
  if (parts.every((part) => part.length === 0)) return null;
  // Whether a deal has it is a question about its texts (`inDealTexts`), not about reports of its signing (where
  // and when, what came alongside it).
  const ofContent = (passage: Passage) => inDealTexts(passage) && passage.section !== "signing";
  const lacks = (each: Subject) => deals.some((deal) => !anyEvidence(ctx, deal, each, ofContent));
  // "Does the Korea deal cover quantum and fusion?", "… mention CAISI and the AI Safety Institute?": topics or names
  // no passage has together are each asked on their own; the No is of those a deal lacks.
  const alternatives = alternativesOf(subject, query);
  // Names only where a deal lacks them together but has one of them.
  const namesApart = subject.names.length > 1 && lacks(subject) && alternatives.some((each) => !lacks(each));
  const together =
    (subject.topics.length > 1 && !lacks(subject)) || (subject.names.length > 1 && !namesApart);
  const split = together ? [subject] : alternatives;
  // "Nuclear or fusion?": of the things asked, those the deals have ("fusion"), if any.
  const had = asksEither(query) ? split.filter((each) => !lacks(each)) : [];
  const asked = had.length > 0 ? had : split;
  const both = asked.length > 1 && !asksEither(query);
  const lacking = both ? asked.filter(lacks) : [];
  const what = both ? describe(ctx, subject) : asked.map((each) => describe(ctx, each)).join(" or ");
  const answer = { ...blankAnswer(query, "ask"), topics: query.topics };
  // Each deal's passages are interleaved: the page asked for is among the first `needed` of each.
  const needed = pageEnd(options);
  const inText = (deal: DealId, subjects = asked) => ({
    deal,
    ...evidence(ctx, deal, subjects, ofContent, needed),
  });
  // Each topic of "and" shown in turn: "nuclear and space" cites both.
  const found = both
    ? deals.flatMap((deal) => asked.map((each) => inText(deal, [each])))
    : deals.map((deal) => inText(deal));
  const missing = found.filter((entry) => entry.total === 0).map((entry) => entry.deal);
  const inOrder = (entries: typeof found) =>
    interleave(entries.map((entry) => entry.passages.map((passage) => ({ passage, deal: entry.deal }))));
  const page = (entries: typeof found, shown: Pick<AnswerDraft, "title" | "lead" | "deals" | "verdict">) => {
    const total = entries.reduce((sum, entry) => sum + entry.total, 0);
    const render = ({ passage, deal }: { passage: Passage; deal: DealId }) => excerptOf(ctx, passage, deal);
    return paginate({ ...answer, found: true, ...shown }, inOrder(entries), render, options, total);
  };
  // "Does the Korea deal cover space and fusion?": No of those a deal lacks, then what it says on the others.
  if (!namesApart && lacking.length > 0 && lacking.length < asked.length) {
    const topics = lacking.flatMap((each) => each.topics);
    const no = coverageAnswer({ query: { ...query, topics }, options, ctx }, deals);
    const had = asked.filter((each) => !lacks(each));
    if (no?.verdict !== "no") return no;
    const on = joinNames(had.map((each) => describe(ctx, each)));
    const lead = `${no.lead} What ${deals.length === 1 ? `the ${ctx.dealName(deals[0] ?? "")} says` : "they say"} on ${on}:`;
    return page(
      deals.map((deal) => inText(deal, had)),
      { title: no.title, lead, deals: no.deals, verdict: no.verdict },
    );
  }
  // "Does the UK deal mention CAISI and the AI Safety Institute?": the names a deal lacks are said to be absent,
  // then what the texts say on those they have (never a No of the names they have).
  if (namesApart) {
    const had = asked.filter((each) => !lacks(each));
    const without = deals.filter((deal) => lacking.some((each) => !anyEvidence(ctx, deal, each, ofContent)));
    const names = (subjects: readonly Subject[], conjunction?: string) =>
      joinNames(
        subjects.map((each) => describe(ctx, each)),
        conjunction,
      );
    return page(
      deals.map((deal) => inText(deal, had)),
      {
        title: `${partnerList(ctx, deals)} · ${what}`,
        lead: `The texts I hold do not mention ${names(lacking, "or")} in ${dealNames(ctx, without)}; what they say on ${names(had)}:`,
        deals: [...deals],
      },
    );
  }
  const { creation } = ctx.vocabulary.phrasing;
  // A passage sets up a thing asked in words (not a topic) when a word of it stands close to a word of setting up
  // ("agreed to launch a working group", "a working group is to be set up"); "sets up joint initiatives between the
  // two countries' leading research and standards institutions" sets up no institution.
  const askedStems = stemsAsked(subject);
  const creates = (passage: Passage) => createsIn(passage, ctx);
  const setsUp = (passage: Passage) => setsUpIn(passage, askedStems, ctx);
  const creationIsAsked = creationAsked(query, ctx);
  // The sentence of a later development that reports a thing set up, as the lead of a Yes.
  const madeIn = (entries: readonly { passages: readonly Passage[] }[]) =>
    entries
      .flatMap((entry) => entry.passages.filter(creates))
      .flatMap((passage) => passage.text.split(FULL_STOP))
      .find((sentence) => phrasesIn(tokenize(sentence), creation).length > 0);
  // A deal's later developments on what is asked, for the deals that have any.
  const laterOn = (of: readonly DealId[], subjects: readonly Subject[]) => {
    const entries = of.map((deal) => ({
      deal,
      ...evidence(ctx, deal, subjects, (p) => !inDealTexts(p), needed),
    }));
    const some = entries.filter((entry) => entry.total > 0);
    return some.length > 0 && some;
  };

  if (missing.length === 0) {
    const [first] = inOrder(found);
    // "Artemis I?" over a text that says Artemis II: what the texts say, without a Yes.
    // A Yes holds every word asked: "nuclear power for military bases" is not answered by civil nuclear alone.
    // Without them the excerpts speak for themselves: a word missing ("deadline") may be said otherwise ("by 2028").
    const unsaid = subject.terms.filter((term) => {
      const hasTerm = ctx.hasWordsAt([term]);
      const saysIt = (passage: Passage, position: number) => ofContent(passage) && hasTerm(position);
      return !deals.some((deal) => asked.some((each) => anyEvidence(ctx, deal, each, saysIt, [term])));
    });
    // "Export controls on China?": a country no deal is with is asked too (no Yes), said unmentioned if no text names it.
    const countries = countriesAsked(query, ctx);
    const unnamed = countries.filter((country) => !writtenAs(country, ctx)).map(titleCase);
    // "Does the UK deal name an office to represent each side?" over "it does not name a specific office to
    // represent either side": the words asked stand in the text only as denied.
    const negations = setOf(ctx.vocabulary.phrasing.negations);
    const denied = (passage: Passage) => deniesAsked(passage.text, subject.terms, negations);
    const onlyDenied = found.every((entry) => entry.passages.every(denied));
    const exact =
      first !== undefined &&
      numberedNamesMatch(query, first.passage.text) &&
      unsaid.length + countries.length === 0 &&
      !onlyDenied;
    // "Artemis III?" over a text that says Artemis II: No, with the number the text gives.
    const differs = first === undefined ? null : numberedNameDiffers(query, first.passage.text);
    // "Does the Japan deal create an AI Safety Institute?": naming one is no proof the deal sets one up.
    const uncreated = creationIsAsked && !found.some((entry) => entry.passages.some(setsUp));
    // "Did the US and Japan launch a $1bn AI science partnership?": what was set up after signing is told by the
    // development that reports it.
    const madeLater = uncreated && happenedAsked(query, ctx) && laterOn(deals, asked);
    const madeThen = madeLater && madeIn(madeLater);
    if (madeLater && madeThen)
      return page(madeLater, {
        title: `${partnerList(ctx, deals)} · ${what}`,
        verdict: "yes",
        lead: `${madeThen.replace(/\.$/, "")} (a later development; the deal text does not set it up):`,
        deals: [...deals],
      });
    // "Has a working group been set up under the UK deal?" asks whether it was: a text saying one is to be set up
    // ("… is to be set up and convened within six months …") does not say.
    const passive =
      query.tokens.includes("been") ||
      /^(was|were)$/.test(query.tokens[0] ?? "") ||
      hasAnyOf(query.tokens, BY_NOW);
    const toCome =
      creationIsAsked &&
      !uncreated &&
      passive &&
      happenedAsked(query, ctx) &&
      found.every((entry) => entry.passages.filter(setsUp).every((passage) => TO_BE_DONE.test(passage.text)));
    if (toCome)
      return page(found, {
        title: `${partnerList(ctx, deals)} · ${what}`,
        lead: `The texts I hold do not say whether it has been set up; ${dealNames(ctx, deals, "and")} ${deals.length === 1 ? "says" : "say"} what is to be:`,
        deals: [...deals],
      });
    // "Did the US and UK hold annual discussions?" over "… intend to hold formal annual discussions …": what the
    // texts plan says nothing of whether it was done; not "Did the deal mention …?".
    const namesAsked = (sentence: string) => {
      const words = new Set(tokenize(sentence).map(stem));
      return subject.terms.every((term) => words.has(stem(term)));
    };
    const sentencesAsked = found
      .flatMap((entry) => entry.passages)
      .flatMap((passage) => passage.text.split(FULL_STOP).filter(namesAsked));
    const plannedOnly =
      !query.coverage &&
      happenedAsked(query, ctx) &&
      sentencesAsked.length > 0 &&
      sentencesAsked.every((sentence) => TO_BE_DONE.test(sentence));
    if (plannedOnly && exact)
      return page(found, {
        title: `${partnerList(ctx, deals)} · ${what}`,
        lead: `The texts I hold do not say whether it has been done; ${dealNames(ctx, deals, "and")} ${deals.length === 1 ? "says" : "say"} what is planned:`,
        deals: [...deals],
      });
    // "Did the UK deal create a joint benchmarking taskforce?" over "… with a joint benchmarking taskforce …": a
    // thing the deal brings in ("a …") is one it plans, though no word says it was set up; no No.
    const introduced = new RegExp(`\\ban? (?:[\\w-]+ )?["“]?${writtenWords(tokenize(what))}\\b`, "i");
    const brought = uncreated && found.some((entry) => entry.passages.some((p) => introduced.test(p.text)));
    const contradicted = differs
      ? `${dealNames(ctx, deals, "and")} ${deals.length === 1 ? "says" : "say"} ${differs.written}, not ${differs.asked}:`
      : uncreated &&
        !brought &&
        `the texts I hold of ${dealNames(ctx, deals, "and")} speak of ${what} but not of setting one up:`;
    const covered = coveredAs(
      query,
      asked,
      deals,
      what,
      found.flatMap((entry) => entry.passages),
      ctx,
    );
    // "Does the Japan deal mention STEM?" when its texts only touch on the topic the word stands for: they do not
    // use the word asked, which a Yes would say they do.
    const unworded = covered.unworded && hasAnyOf(query.tokens, MENTIONING) ? covered.unworded : null;
    return page(found, {
      title: `${partnerList(ctx, deals)} · ${what}`,
      verdict: contradicted ? "no" : exact && !brought && !unworded ? "yes" : undefined,
      lead: contradicted
        ? contradicted
        : exact && !brought
          ? unworded
            ? `The texts I hold of ${dealNames(ctx, deals, "and")} do not use the words “${unworded}”; they touch on ${what}:`
            : `${dealNames(ctx, deals, "and")} ${covered.said}:`
          : brought
            ? `The texts I hold do not say whether it has been set up; ${dealNames(ctx, deals, "and")} ${deals.length === 1 ? "brings" : "bring"} in a ${what}:`
            : `${unnamed.length > 0 ? `The texts I hold do not mention ${joinNames(unnamed)}. ` : ""}What ${dealNames(ctx, deals, "and")} ${deals.length === 1 ? "says" : "say"} on ${what}:`,
      deals: [...deals],
    });
  }
  const notIn = `${dealNames(ctx, missing)} text`;
  // "Is Microsoft mentioned in the UK deal?", "Is the Korea deal part of the APEC agreement?": a thing only reports
  // of the signing name (company pledges alongside it, the summit it was signed at) is not in what the deal covers.
  // Not the place of signing ("Does the UK deal mention Chequers?"): the deal's own signature block may name it.
  const words = [...subject.terms, ...subject.names.flatMap((name) => name.words)];
  const signedAt = (deal: DealId) => tokenize(ctx.deal(deal)?.signed.place ?? "");
  const atPlace = missing.some((deal) => words.some((word) => signedAt(deal).includes(word)));
  const atSigning =
    words.length === 0 || atPlace
      ? []
      : missing.map((deal) => ({
          deal,
          ...evidence(ctx, deal, asked, (passage) => passage.section === "signing", needed, [
            ctx.positionsIn({ deals: [deal], sections: ["signing"] }),
          ]),
        }));
  if (atSigning.length > 0 && atSigning.every((entry) => entry.total > 0)) {
    const named = describe(ctx, { ...subject, topics: [] }).replace(/(?<=“)[^”]+/g, (words) =>
      asTyped(query.text, words),
    );
    return page(atSigning, {
      title: `${partnerList(ctx, missing)} · ${what}`,
      verdict: "no",
      lead: `the texts I hold name ${named} only in reports of the signing of ${dealNames(ctx, missing, "and")}, not in what it covers:`,
      deals: [...missing],
    });
  }
  // "Is the $1bn DOE–Japan partnership part of the TPD?": a later development of that deal, not another deal.
  // So too a topic narrowed by its alias ("national labs"), and a country ("Does the Korea deal mention India?").
  // Without its topic, a narrowed topic is looked for by all the words of its alias ("biotechnology research").
  const aliasWords = subject.aliasWords.map((each) =>
    each.asked ? { ...each, words: tokenize(each.asked).filter((word) => !FILLER_WORDS.has(word)) } : each,
  );
  const countries = countryWords(query, ctx);
  const named = subject.names.length > 0 || aliasWords.length > 0 || countries.length > 0;
  const later = laterOn(named ? missing : [], [{ ...subject, topics: [], aliasWords }]) || [];
  if (later.length > 0) {
    const madeThen = creationIsAsked && happenedAsked(query, ctx) && madeIn(later);
    // "Is Japan the first country to join the Genesis Mission?" asks of the development, not of the deal:
    // its sentence decides the Yes or No; so does a question that names no deal ("Is Japan part of the Genesis
    // Mission?"). "Is there a Korea working group?" asks whether one exists: it does.
    // So does one asking whether it was set up ("Did Korea set up a working group?"): the development that did.
    // "Did Japan join the Genesis Mission through the TPD?": done by way of the deal, which its texts do not hold; a
    // report calling it separate from the deal says No, else nothing decides ("… a working group under the deal?").
    const throughDeal = query.tokens.some(
      (token, i) =>
        THROUGH.has(token) &&
        query.tokens.slice(i + 1, i + 4).some((next) => ctx.vocabulary.phrasing.dealNouns.includes(next)),
    );
    const separate = throughDeal
      ? later
          .flatMap((entry) => entry.passages)
          .flatMap((passage) => passage.text.split(FULL_STOP))
          .find((sentence) => /\bseparate\b/i.test(sentence))
      : undefined;
    // "Did the Japan MOC set up the Genesis partnership?": the document named did not; a later plan did.
    const textAsked = kindAsked(query, ctx);
    const verdict = throughDeal
      ? separate
        ? "no"
        : undefined
      : madeThen
        ? textAsked
          ? "no"
          : "yes"
        : !query.coverage || !hasAnyOf(query.tokens, ctx.vocabulary.phrasing.dealNouns)
          ? undefined
          : hasAnyOf(query.tokens, ctx.vocabulary.phrasing.existence)
            ? "yes"
            : "no";
    // After a Yes or No the thing goes on in its own case ("Yes — working group is not in …").
    const thing = describe(ctx, { ...subject, topics: [] });
    return page(later, {
      title: `${partnerList(ctx, missing)} · ${what}`,
      verdict,
      lead: separate
        ? `the report of it says: “${separate.trim()}” ${capitalised(thing)} is not in ${notIn}; it comes up in a later development:`
        : madeThen && !throughDeal && !textAsked
          ? `${madeThen.replace(/\.$/, "")} (a later development; it is not in ${notIn}):`
          : `${verdict ? thing : capitalised(thing)} is not in ${notIn}; it comes up in a later development:`,
      deals: later.map((entry) => entry.deal),
    });
  }
  const unnamed = unnamedIn(subject, missing, ctx);
  if (unnamed) {
    const entries = deals.map((deal) => {
      if (!missing.includes(deal)) return inText(deal);
      return { deal, ...unnamed.passages(deal, needed) };
    });
    return page(entries, {
      title: `${partnerList(ctx, deals)} · ${what}`,
      lead: `The texts I hold do not mention ${describe(ctx, { ...subject, topics: [] })} in ${dealNames(ctx, missing)}; ${unnamed.instead}:`,
      deals: [...deals],
    });
  }
  // A word asked that stands in a deal's texts is no proof it lacks what is asked ("a maritime angle", "protecting
  // our research from threats"): the texts may say the rest in other words, so what they say answers, without a
  // No. Only a word few passages have counts: "support" stands everywhere and says nothing of "crypto mining".
  const saidIn = (deal: DealId) =>
    subject.terms.some((term) => {
      const passages = ctx.passagesWith([term]);
      return passages.length <= SPECIFIC_IN && passages.some((passage) => passage.deals.includes(deal));
    });
  // Unless the thing itself is a word the knowledge never uses: "critical minerals" is not said as "a critical ally".
  const thing = subject.terms[subject.terms.length - 1] ?? "";
  const unheard = thing !== "" && ctx.neverUses(thing);
  if (subject.topics.length + subject.names.length === 0 && !unheard && missing.every(saidIn)) return null;
  const others = ctx.dealIds.filter((deal) => !deals.includes(deal));
  if (subject.names.length > 0) {
    // "The Japanese cubesat on Artemis II": the cubesat of another deal is still the thing asked.
    // The name as asked first; without its qualifier only when no other text has it so.
    const inOthers = (subjects: typeof asked) =>
      others.map((deal) => inText(deal, subjects)).filter((entry) => entry.total > 0);
    const unqualified = asked.map((each) => ({ ...each, names: each.names.map(withoutQualifier) }));
    const asAsked = inOthers(asked);
    const elsewhere = asAsked.length > 0 ? asAsked : inOthers(unqualified);
    const owners = elsewhere.map((entry) => entry.deal);
    const what = unqualified.map((each) => describe(ctx, each)).join(" or ");
    if (elsewhere.length > 0) {
      // Only news reports name it ("leading semiconductors", reported of the Japan deal): not said to be its text.
      const reported = elsewhere.every((entry) =>
        entry.passages.every((passage) => !ctx.source(passage.sourceId)?.official),
      );
      const owner = dealNames(ctx, owners, "and");
      const where = reported ? `reports on ${owner}` : `${owner} text`;
      // "Is there a working group for the Japan deal?": where the others have it in sections the texts held of the
      // deal asked never give, its texts do not say; no No.
      const unheld = unheldSaid(
        ctx,
        missing,
        elsewhere.flatMap((entry) => entry.passages),
      );
      const title = `${what} · ${partnerList(ctx, owners)}`;
      return page(
        elsewhere,
        unheld
          ? { title, lead: `${unheld} ${capitalised(what)} is in ${where}:`, deals: owners }
          : { title, verdict: "no", lead: `${what} is not in ${notIn}; it is in ${where}.`, deals: owners },
      );
    }
  }
  // "Nuclear weapons": a topic asked with a word the knowledge never uses is not that topic ("civil nuclear
  // energy"), so neither it nor where the topic appears is said: the words asked are.
  const unheardWith = subject.topics.length > 0 && unheard;
  // Without a name, only where else it appears is said: the first passage of each other deal tells; a deal asked
  // that has it ("Do the UK and Korea deals cover fusion?") is said first.
  const appearsIn =
    subject.names.length > 0 || unheardWith
      ? []
      : [
          ...deals.filter((deal) => !missing.includes(deal)),
          ...others.filter((deal) => asked.some((each) => anyEvidence(ctx, deal, each, inDealTexts))),
        ];
  const alsoIn = appearsIn.length > 0 ? `; it appears in ${dealsWith(ctx, appearsIn)}` : "";
  const nothingOn = unheardWith ? `“${askedWords(query, subject)}”` : what;
  const nothing = `there is nothing on ${nothingOn} in ${notIn}${alsoIn}.`;
  // "Did Korea join the Genesis Mission?" asks whether a country did a thing: texts silent on it are no No.
  const doneByCountry =
    happenedAsked(query, ctx) &&
    !query.coverage &&
    !hasAnyOf(query.tokens, ctx.vocabulary.phrasing.dealNouns);
  // "Is the UK deal part of a bigger strategy?": nor is their silence on what a deal belongs to.
  const unsaid = doneByCountry || belongingAsked(query, ctx);
  const lead = unsaid ? { lead: `The texts I hold do not say so: ${nothing}` } : noLead(nothing);
  return {
    ...decline(ctx, query, "ask", lead, missing),
    suggestions:
      subject.topics.length > 0
        ? [compareAcross(what, subject.topics), ...suggestionsNear(ctx, missing, subject.topics).slice(0, 2)]
        : suggestionsNear(ctx, missing),
  };
}

/** Bodies a text speaks of without naming them: "research institutes", "industry, academia and government". */
const BODIES_UNNAMED =
  /\b(?:\p{L}+ )?(?:institutes|institutions|agencies|laboratories|universities|academia)\b/giu;
/** Each passage's BODIES_UNNAMED, read once: the pattern is slow and a question reads every passage of a deal. */
const bodiesIn = once((passage: Passage): readonly string[] => passage.text.match(BODIES_UNNAMED) ?? []);

/**
 * What the texts of the deals that lack what is asked say instead, when that is no proof they lack it: a name
 * asked beside a topic each of them covers ("GPS-type positioning and timing" in the UK deal), or a topic narrowed
 * by its alias ("quantum computing" in the Korea deal), leaves what they say on the topic; a body none of them names
 * ("the National Science Foundation", "universities") may be among the bodies they speak of unnamed ("research
 * institutes"). Null when neither holds, or the name is of a deal ("the Korea AI Safety Institute").
 */
function unnamedIn(
  subject: Subject,
  missing: readonly DealId[],
  ctx: KnowledgeLookups,
): { passages: (deal: DealId, count: number) => Evidence; instead: string } | null {
  if (subject.names.some((name) => name.qualifier !== null)) return null;
  // The topics each deal covers: "positioning" read as space is not what the UK deal is asked to lack.
  const covered = (deal: DealId) => subject.topics.filter((topic) => ctx.covers(deal, topic));
  const onEach = (deal: DealId) =>
    covered(deal).map((topic) => ({ ...subject, names: [], aliasWords: [], topics: [topic] }));
  const onTopics = (deal: DealId, count: number) => evidence(ctx, deal, onEach(deal), inDealTexts, count);
  const narrower = subject.names.length + subject.aliasWords.length > 0;
  const saysSome = (deal: DealId) => onEach(deal).some((each) => anyEvidence(ctx, deal, each, inDealTexts));
  if (narrower && missing.every(saysSome)) {
    const topics = missing.flatMap(covered).filter((topic, i, all) => all.indexOf(topic) === i);
    return {
      passages: onTopics,
      instead: `what they say on ${describe(ctx, { ...subject, names: [], aliasWords: [], topics })}`,
    };
  }
  // "Does the UK deal mention the AI Safety Institute?": the name its texts give between the same first and last
  // words ("AI Security Institute").
  const inMissing = (passage: Passage) => passage.deals.some((deal) => missing.includes(deal));
  const [asName] = subject.names.map((name) => name.words.join(" "));
  const renamed = asName ? heldAs(asName, ctx, inMissing) : null;
  if (renamed) {
    const naming = ctx.passagesSaying([tokenize(renamed)]);
    return {
      passages: (deal, count) => {
        const ofDeal = naming.filter((passage) => passage.deals.includes(deal));
        return { passages: ofDeal.slice(0, count), total: ofDeal.length };
      },
      instead: `they name the “${renamed}”`,
    };
  }
  const words = [...subject.names.flatMap((name) => name.forms.flat()), ...subject.terms];
  if (subject.topics.length > 0 || !words.some((word) => holdsAnyOf(word, ctx.vocabulary.phrasing.bodyWords)))
    return null;
  if (!missing.every((deal) => bodiesUnnamed(ctx, deal).passages.length > 0)) return null;
  const said = missing.flatMap((deal) => bodiesUnnamed(ctx, deal).bodies);
  return {
    passages: (deal, count) => {
      const { passages } = bodiesUnnamed(ctx, deal);
      return { passages: passages.slice(0, count), total: passages.length };
    },
    instead: `they speak of ${joinNames([...new Set(said)])} without naming them`,
  };
}

/**
 * A deal's passages of its texts that speak of bodies unnamed (`bodiesIn`), and those bodies, each once: the same
 * for every question, read on the first that asks.
 */
const keptBodies = keptPer<KnowledgeLookups, DealId, { passages: Passage[]; bodies: string[] }>();
const bodiesUnnamed = (ctx: KnowledgeLookups, deal: DealId) =>
  keptBodies(ctx, deal, () => {
    const passages = ctx
      .passages({ deals: [deal] })
      .filter((passage) => inDealTexts(passage) && bodiesIn(passage).length > 0);
    return { passages, bodies: [...new Set(passages.flatMap(bodiesIn))] };
  });

/**
 * "Anything on energy resilience or energy security?": each side of an "or" asked on its own, so either one
 * found is enough. A subject of topics or names, or one "or" does not split in two, is asked as it is.
 */
function alternativesOf(subject: Subject, query: ParsedQuery): Subject[] {
  if (subject.topics.length > 1 && subject.names.length === 0)
    return subject.topics.map((topic) => ({
      ...subject,
      topics: [topic],
      aliasWords: subject.aliasWords.filter((each) => !each.topic || each.topic === topic),
    }));
  if (subject.names.length > 1 && subject.topics.length === 0)
    return subject.names.map((name) => ({ ...subject, names: [name] }));
  if (subject.topics.length > 0 || subject.names.length > 0) return [subject];
  const asked = query.alternatives
    .map((side) => subject.terms.filter((term) => side.includes(term)))
    .filter((terms) => terms.length > 0);
  return asked.length > 1 ? asked.map((terms) => ({ ...subject, terms })) : [subject];
}

/**
 * "section II.B", "§ 2", "Section III": a document's own section number (Roman or Arabic) and heading letter;
 * "Article 2", "clause II" are its sections too, the memoranda having no articles.
 */
const NUMBERED_SECTION =
  /(?:\b(?:section|article|clause)\s+|§\s*)([ivx]+|\d{1,2})(?:\s*\.\s*([a-z])\b|([a-d])\b|\b)/i;

/** The Roman numeral of a number from 1 to 39 ("3" → "III"); any other number as it is. */
function roman(value: number): string {
  if (value < 1 || value > 39) return String(value);
  const tens = "X".repeat(Math.floor(value / 10));
  const ones = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"][value % 10] ?? "";
  return tens + ones;
}

/**
 * "What does section II.B of the UK MOU say?", "§II.C": the passages the texts cite to that section of the deal's
 * document; a section the texts hold by no number is said to be so, with the numbers they do hold.
 */
function numberedSectionAnswer(
  { query, options, ctx }: IntentRequest,
  asked: readonly DealId[],
): AnswerDraft | null {
  const match = NUMBERED_SECTION.exec(query.text);
  if (!match) return null;
  const [, number = "", letter = match[3] ?? ""] = match;
  const numeral = /^\d+$/.test(number) ? roman(Number(number)) : number.toUpperCase();
  const id = letter ? `${numeral}.${letter.toUpperCase()}` : numeral;
  const deals = asked.length > 0 ? asked : ctx.dealIds;
  const passages = ctx
    .passages({ deals })
    .filter((passage) => passage.ref === id || passage.ref?.startsWith(`${id}.`));
  const document = dealNames(ctx, deals, "and");
  if (passages.length === 0) {
    const held = deals
      .flatMap((deal) => ctx.deal(deal)?.sourceIds ?? [])
      .flatMap((sourceId) => ctx.source(sourceId)?.sections ?? [])
      .map((section) => section.id)
      .filter((each) => /^[IVX]+(\.|$)/.test(each));
    const numbers = [...new Set(held)];
    const offer =
      numbers.length > 0 ? ` They number ${joinNames(numbers)}; ask for a later part by its subject.` : "";
    return decline(
      ctx,
      query,
      "ask",
      `The texts I hold have no section ${id} of ${document}.${offer}`,
      asked,
    );
  }
  return paginate(
    {
      ...blankAnswer(query, "ask"),
      found: true,
      title: `${partnerList(ctx, deals)} · §${id}`,
      lead: `Section ${id} of ${document}, as the texts I hold give it:`,
      deals: [...new Set(passages.flatMap((passage) => passage.deals))],
    },
    passages,
    (passage) => excerptOf(ctx, passage),
    options,
  );
}

/** "What is the aim of the Japan deal?": the deal's passages of that section ("purpose"), those naming it first. */
function sectionAnswer({ query, options, ctx }: IntentRequest, asked: readonly DealId[]): AnswerDraft {
  const deals = asked.length > 0 ? asked : ctx.dealIds;
  // A passage that names its section ("The purpose of this MOU is …") says it best.
  const namesSection = query.sections.map((section) => ctx.hasWordsAt([section]));
  // Other words asked ("which technologies … single out as strategically important") pick the passage first.
  const hasTerm = query.terms.map((term) => ctx.hasWordsAt([term]));
  const keyed = Array.from(ctx.positionsIn({ deals, sections: query.sections }), (position) => ({
    passage: ctx.passageAt(position),
    terms: hasTerm.filter((has) => has(position)).length,
    naming: Number(namesSection.some((has) => has(position))),
  }));
  const passages = keyed.sort(
    (a, b) =>
      b.terms - a.terms ||
      b.naming - a.naming ||
      Number(b.passage.kind === "quote") - Number(a.passage.kind === "quote") ||
      a.passage.order - b.passage.order,
  );
  const labels = sectionWords(query.sections);
  // "What kind of document is it?": each deal's record leads, unless words asked pick a passage ("the headline").
  const recorded = query.sections.includes("document") && query.form !== "yes-no" && !passages[0]?.terms;
  const records = deals.flatMap((id) => ctx.deal(id) ?? []).map(documentSaid);
  // "Why is Japan's an MOC?": no text says why a deal is the kind of document it is.
  const why = hasAnyOf(query.tokens.slice(0, 1), ctx.vocabulary.phrasing.reasonAsked)
    ? "The texts I hold do not say why. "
    : "";
  const documents = recorded ? `${why}${records.join(" ")} ` : "";
  // "Will the next president keep the deals?": what binds them and how they end, not what anyone will do.
  const future =
    query.sections.includes("legal-status") && holdsAnyOf(query.text, ctx.vocabulary.phrasing.successionAsked)
      ? "The texts I hold do not say what a future government will do. "
      : "";
  if (passages.length === 0)
    return decline(ctx, query, "ask", notGivenSaid(ctx, deals, query.sections), asked);
  const withDeal = interleave(
    deals.map((deal) =>
      passages.filter(({ passage }) => passage.deals[0] === deal).map(({ passage }) => ({ passage, deal })),
    ),
  );
  // "What are the exit terms of the deals?": those held, and the deals of which the texts give none, said so.
  const held = deals.filter((deal) => withDeal.some((entry) => entry.deal === deal));
  const lacking = deals.filter((deal) => !held.includes(deal));
  const gap = lacking.length > 0 ? ` (the texts I hold give none for ${dealNames(ctx, lacking, "or")})` : "";
  return paginate(
    {
      ...blankAnswer(query, "ask"),
      found: true,
      title: `${partnerList(ctx, held)} · ${labels}`,
      lead: `${future}${documents}The ${labels} of ${dealNames(ctx, held, "and")}${gap}:`,
      deals: held,
    },
    withDeal,
    ({ passage, deal }) => excerptOf(ctx, passage, deal),
    options,
  );
}

type DealPassage = { passage: Passage; deal: DealId };

/** Each deal's overview, in the order it is read: the same for every question, so put in order once per bot. */
const keptOverview = keptPer<KnowledgeLookups, DealId, readonly DealPassage[]>();

function overviewPassages(deals: readonly DealId[], ctx: KnowledgeLookups): readonly DealPassage[] {
  const order = (passage: Passage) => {
    const at = OVERVIEW_ORDER.indexOf(passage.section);
    return at < 0 ? OVERVIEW_ORDER.length : at;
  };
  const of = (deal: DealId) =>
    keptOverview(ctx, deal, () =>
      ctx
        .passages({ deals: [deal] })
        .filter((passage) => passage.section !== "article" || passage.deals.length === 1)
        .sort((a, b) => order(a) - order(b) || a.order - b.order)
        .map((passage) => ({ passage, deal })),
    );
  return deals.length === 1 ? of(deals[0] as DealId) : deals.flatMap(of);
}

function overview(answer: AnswerDraft, deals: readonly DealId[], ctx: KnowledgeLookups): AnswerDraft {
  const first = ctx.deal(deals[0] as DealId);
  return {
    ...answer,
    found: true,
    title: deals.map((id) => ctx.dealName(id)).join(" · "),
    // Each deal's scope in a sentence of its own: "The U.S.–UK …: Joint work on AI, …".
    lead:
      deals.length === 1 && first
        ? first.scope
        : deals.map((id) => `The ${ctx.dealName(id)}: ${ctx.deal(id)?.scope ?? ""}`).join(" "),
    deals: [...deals],
  };
}

function notUnderstood(answer: AnswerDraft, ctx: KnowledgeLookups): AnswerDraft {
  return {
    ...answer,
    title: "Not found",
    lead: `That doesn't match anything in the deal texts. ${askHint(ctx)}`,
    suggestions: suggestionsNear(ctx, []),
  };
}

function nothingFound(
  answer: AnswerDraft,
  query: ParsedQuery,
  deals: readonly DealId[],
  ctx: KnowledgeLookups,
  options: AnswerOptions,
): AnswerDraft {
  const topics = query.topics.map((id) => ctx.topicLabel(id)).join(" and ");
  const onTopics = query.topics.length > 0;
  const where = deals.length > 0 ? dealNames(ctx, deals) : "the deal texts";
  const compare = onTopics ? [compareAcross(topics, query.topics)] : [];
  // A topic the vocabulary knows is a commitment a deal may lack: say where it does appear.
  const elsewhere = ctx.dealIds.filter(
    (deal) => !deals.includes(deal) && onTopics && query.topics.every((t) => ctx.covers(deal, t)),
  );
  const alsoIn =
    elsewhere.length > 0
      ? ` ${capitalised(inSentence(topics))} appears in ${dealsWith(ctx, elsewhere)}.`
      : "";
  // The passages that give what is asked, as they stand, each deal they are of among the answer's deals.
  const giving = (found: AnswerDraft, passages: readonly Passage[]) =>
    paginate(
      { ...found, deals: unique(passages.map((passage) => passage.deals[0] as DealId)) },
      passages,
      (passage) => excerptOf(ctx, passage),
      options,
    );
  // "How often is the UK deal reviewed?": the passages that say how often, in their own words.
  const often = onTopics ? [] : frequenciesSet(query, ctx, deals);
  if (often.length > 0)
    return giving(
      { ...answer, found: true, title: `${where} · how often`, lead: `How often, in ${where}:` },
      often,
    );
  // "Which deals have deadlines?": the limits the texts set, in their own words.
  const limits = onTopics ? [] : limitsSet(query, ctx, deals);
  if (limits.length > 0) {
    // "Does the UK deal have deadlines?", "Is there a deadline?": there are, those; "Is there a 2028 deadline?": those
    // of that year, or No with the others.
    const year = query.tokens.find((token) => /^(?:19|20)\d{2}$/.test(token));
    const dated = year ? limits.filter((passage) => passage.text.includes(year)) : limits;
    const shown = dated.length > 0 ? dated : limits;
    const verdict: "yes" | "no" | undefined =
      query.form === "yes-no" ? (dated.length > 0 ? "yes" : "no") : undefined;
    const sets = deals.length === 1 ? "sets" : "set";
    const found = {
      ...answer,
      found: true,
      title: `${where} · time limits`,
      lead:
        verdict === "yes"
          ? `${where} ${sets} time limits:`
          : verdict === "no"
            ? `no time limit set in ${where} names ${year}; those ${sets === "sets" ? "it sets" : "they set"}:`
            : `The time limits set in ${where}:`,
      ...(verdict ? { verdict } : {}),
    };
    return giving(found, shown);
  }
  // "Why doesn't the Korea deal cover fusion?": no text gives a reason for what a deal lacks.
  const whyUnsaid = query.tokens.includes("why") ? "The texts I hold do not say why. " : "";
  // "When will the UK deal be renewed?": the value asked is said to be unsaid first.
  const one = deals.length === 1 ? ctx.dealName(deals[0] as DealId) : null;
  const unsaid = valueUnsaid(query, [], ctx, one)?.said ?? "";
  // "Does the Japan deal have a governance structure?": where the others have it in sections the texts held of the
  // deal never give, they do not say it lacks it.
  const givenElsewhere = query.topics.flatMap((topic) => ctx.passagesOn(topic, elsewhere));
  const unheld = onTopics && elsewhere.length > 0 ? unheldSaid(ctx, deals, givenElsewhere) : null;
  return {
    ...answer,
    title: "Not found",
    lead: unheld
      ? `${unheld}${alsoIn}`
      : onTopics
        ? `${whyUnsaid}No commitment on ${topics} found in ${where}.${alsoIn}`
        : `${unsaid}Nothing in ${where} matches “${matchedWords(query)}”. ${askHint(ctx, deals)}`,
    deals: [...deals],
    topics: query.topics,
    suggestions: [...compare, ...suggestionsNear(ctx, deals, query.topics)].slice(0, 3),
  };
}

/** "Compare quantum across deals": the suggestion that puts the topics asked side by side. */
const compareAcross = (what: string, topics: readonly string[]) => ({
  label: `Compare ${what} across deals`,
  query: `compare ${topics.join(" ")}`,
});

/**
 * How a Yes says a deal has a topic: it "covers" one among its areas; one it only touches ("education", as a
 * field AI speeds progress in) it "mentions", in the words asked, not under the topic's label, when the excerpts
 * have those words; else ("satellite navigation", over a positioning system) it "touches on" the topic.
 */
function coveredAs(
  query: ParsedQuery,
  subjects: readonly Subject[],
  deals: readonly DealId[],
  what: string,
  excerpts: readonly Passage[],
  ctx: KnowledgeLookups,
): { said: string; unworded?: string } {
  const one = deals.length === 1;
  const covers = { said: `${one ? "covers" : "cover"} ${what}` };
  // One topic asked in one word or phrase ("education"); several are said by their labels.
  const [subject, ...others] = subjects;
  // "Does the Korea deal mention Melania Trump?": a proper name is mentioned, not covered.
  const proper = (name: NameMatch) => /\p{Lu}/u.test(asTyped(query.text, name.words.join(" ")));
  if (subject && others.length === 0 && subject.terms.length === 0 && subject.names.some(proper))
    return { said: `${one ? "mentions" : "mention"} ${what}` };
  // "Was Keir Starmer involved?": words the texts have, each typed as a name, are a person or body mentioned.
  const typed = asTyped(query.text, subject?.terms.join(" ") ?? "");
  const named = typed.split(/\s+/).every((word) => /^\p{Lu}/u.test(word));
  if (
    subject?.terms.length &&
    others.length === 0 &&
    subject.topics.length + subject.names.length === 0 &&
    named
  )
    return { said: `${one ? "mentions" : "mention"} “${typed}”` };
  const [topic, ...more] = subject?.topics ?? [];
  const words = [
    ...new Set(query.readings.filter((reading) => reading.kind === "topic").map(({ words }) => words)),
  ];
  if (!subject || !topic || others.length + more.length + subject.names.length > 0 || words.length !== 1)
    return covers;
  if (deals.every((deal) => ctx.deal(deal)?.areas.includes(topic))) return covers;
  const [asked = ""] = words;
  if (!excerpts.some((passage) => ctx.hasWords(passage, tokenize(asked))))
    return { said: `${one ? "touches" : "touch"} on ${what}`, unworded: asTyped(query.text, asked) };
  return { said: `${one ? "mentions" : "mention"} “${asTyped(query.text, asked)}”` };
}

/** Words tying a thing done to a deal as the way it was done: "through the TPD", "under the deal". */
const THROUGH = new Set(["through", "under", "via"]);

/** Words asking whether the texts use a word: "Does the Japan deal mention STEM?". */
const MENTIONING = ["mention", "mentions", "mentioned", "mentioning"];

/**
 * "critical minerals", "rare earths": a thing asked in two words side by side, one of which the knowledge never uses
 * (nor a slip of one it does): passages with the other ("a critical ally", "low-Earth-orbit") are only the closest,
 * not what is asked.
 */
function thingUnheard(query: ParsedQuery, ctx: KnowledgeLookups): boolean {
  if (query.names.length > 0 || query.subjectTerms.length !== 2) return false;
  const [modifier = "", thing = ""] = query.subjectTerms;
  const at = query.tokens.indexOf(modifier);
  if (at < 0 || query.tokens[at + 1] !== thing) return false;
  if (ctx.knows(modifier) && ctx.neverUses(thing)) return true;
  // "Did Takaichi sign?": a name the texts do not hold, capitalised within the question, is who does something.
  const named = at > 0 && /^\p{Lu}/u.test(asTyped(query.text, modifier));
  return !named && ctx.neverUses(modifier) && ctx.knows(thing);
}

/** The words a topic and a word beside it were asked in, as typed: "nuclear weapons". */
function askedWords(query: ParsedQuery, subject: Subject): string {
  const topicWords = query.readings
    .filter((reading) => reading.kind === "topic")
    .flatMap((r) => tokenize(r.words));
  const wanted = new Set([...topicWords, ...subject.terms]);
  const first = query.tokens.findIndex((token) => wanted.has(token));
  const last = query.tokens.findLastIndex((token) => wanted.has(token));
  return asTyped(query.text, query.tokens.slice(first, last + 1).join(" "));
}

/** The words a search found nothing for, without those that only frame it ("any mention of …"). */
const matchedWords = (query: ParsedQuery) =>
  (query.subjectTerms.length > 0 ? query.subjectTerms : query.terms).join(" ");
