import type { AnswerDraft, Item } from "../answer.js";
import { blankAnswer, excerptOf } from "../answer-building.js";
import { sourceCitation } from "../citation.js";
import type { KnowledgeLookups } from "../lookups.js";
import type { DealId, Source } from "../model.js";
import {
  countClaimed,
  dealNames,
  formatDate,
  joinNames,
  MONTHS,
  nameInSentence,
  partnerList,
  partnerName,
} from "../phrasing.js";
import { opensYesNo, type ParsedQuery, wordsReadAs } from "../query.js";
import {
  anyPhrase,
  byCodePoint,
  capitalised,
  FILLER_WORDS,
  FULL_STOP,
  hasAnyOf,
  holdsAnyOf,
  indexOfSequence,
  keptPer,
  once,
  phrasesIn,
  QUESTION_WORDS,
  setOf,
  stem,
  tokenize,
} from "../text.js";
import { asksLikeness, namesDealsPlural } from "../yes-no.js";
import { kindAsked } from "./deals.js";
import type { Intent } from "./intent.js";

export const sources: Intent = {
  name: "sources",
  description: "The documents behind the answers, with links",
  examples: ["sources", "sources {deal}", "where can I read the {deal} text?"],
  commands: ["sources", "source", "links", "documents", "docs"],
  run({ query, options, ctx }): AnswerDraft {
    const deals = ctx.dealsAsked(query, options);
    const bySide = sidePublishedAnswer(query, ctx);
    if (bySide) return bySide;
    const inLanguage = languageAnswer(query, deals, ctx) ?? languagesAnswer(query, deals, ctx);
    if (inLanguage) return inLanguage;
    const standing =
      officialAnswer(query, ctx) ??
      publishedAnswer(query, deals, ctx) ??
      publishedInAnswer(query, deals, ctx) ??
      drawnOnAnswer(query, deals, ctx) ??
      sourceItselfAnswer(query, deals, ctx);
    if (standing) return standing;
    const ranked =
      rankedAnswer(query, deals, ctx) ?? ownTextAnswer(query, deals, ctx) ?? weightAnswer(query, deals, ctx);
    if (ranked) return ranked;
    const weighed = heldMostAnswer(query, deals, ctx);
    if (weighed) return weighed;
    const { items, lead } = listOf(ctx, deals);
    const kind = kindAnswer(query, deals, ctx);
    if (kind?.held) return kind.held;
    // "Are there 9 sources on the Korea deal?": the count held decides.
    const counted = sourceCountClaimed(query, ctx);
    return {
      ...blankAnswer(query, "sources"),
      found: items.length > 0,
      title: deals.length > 0 ? `Sources: ${partnerList(ctx, deals)}` : "Sources",
      lead: kind ? `${kind.lacking} ${lead}` : lead,
      ...(counted !== null && !kind ? { verdict: counted === items.length ? "yes" : "no" } : {}),
      items: [...items],
      deals,
    };
  },
};

/**
 * "Which deal has the most sources?", "the fewest documents?": how many documents I hold on each deal, most first
 * (fewest first when the fewest are asked). Null unless the deals are weighed, or when one deal is asked.
 */
function heldMostAnswer(
  query: ParsedQuery,
  deals: readonly DealId[],
  ctx: KnowledgeLookups,
): AnswerDraft | null {
  const { mostAsked, fewestAsked } = ctx.vocabulary.phrasing;
  if (deals.length === 1 || !hasAnyOf(query.tokens, mostAsked)) return null;
  const fewest = hasAnyOf(query.tokens, fewestAsked);
  const weighed = (deals.length > 0 ? deals : ctx.dealIds)
    .map((deal) => ({ deal, count: sourcesOf(ctx, [deal]).length }))
    .sort((a, b) => (fewest ? a.count - b.count : b.count - a.count));
  const [first, ...rest] = weighed;
  if (!first) return null;
  const tied = rest.filter(({ count }) => count === first.count).map(({ deal }) => deal);
  const documents = (count: number) => `${count} document${count === 1 ? "" : "s"}`;
  const others = rest
    .filter(({ count }) => count !== first.count)
    .map(({ deal, count }) => `${partnerName(ctx.deal(deal)?.partner ?? deal)} ${count}`);
  return {
    ...blankAnswer(query, "sources"),
    found: true,
    title: "Sources: documents held on each deal",
    lead: `I hold the ${fewest ? "fewest" : "most"} documents on ${dealNames(ctx, [first.deal, ...tied], "and")}: ${first.count}${tied.length > 0 ? " each" : ""}${others.length > 0 ? ` (${others.join(", ")})` : ""}. Some documents are on more than one deal.`,
    items: weighed.map(({ deal, count }) => ({
      title: partnerList(ctx, [deal]),
      text: `${documents(count)}, the newest dated ${formatDate(newest(sourcesOf(ctx, [deal])))}`,
      query: `sources ${deal}`,
    })),
    deals: weighed.map(({ deal }) => deal),
  };
}

/** The number of sources a yes/no question claims ("Were there 26 sources?", "nine documents"), or null. */
const sourceCountClaimed = (query: ParsedQuery, ctx: KnowledgeLookups): number | null =>
  query.form === "yes-no" ? countClaimed(query, ctx, ctx.knowledge.intentCues.sources ?? []) : null;

/** The list for the deals asked, and its lead: the same for every question, made on the first that asks. */
const keptLists = keptPer<KnowledgeLookups, string, { items: Item[]; lead: string }>();
const listOf = (ctx: KnowledgeLookups, deals: readonly DealId[]) =>
  keptLists(ctx, deals.join(" "), () => {
    // A deal's own list orders its sources; without a deal, official texts come first, oldest first.
    const listed = listedOn(ctx, deals);
    const count = `${listed.length} document${listed.length === 1 ? "" : "s"}`;
    const lead = `${count}, the newest dated ${formatDate(newest(listed))}; official texts first.`;
    return { items: listed.map(itemOf), lead };
  });

/**
 * "Is there a fact sheet for the Japan deal?", "a press release on the UK deal?": the documents of the kind asked
 * (by their type or title) as the answer, or a sentence saying none is held, to open the list of those that are.
 * Null when no kind of document is asked.
 */
function kindAnswer(
  query: ParsedQuery,
  deals: readonly DealId[],
  ctx: KnowledgeLookups,
): { held: AnswerDraft; lacking?: undefined } | { held?: undefined; lacking: string } | null {
  const asked = query.tokens.map(stem);
  const kind = ctx.vocabulary.phrasing.documentKinds.find(
    (each) => indexOfSequence(asked, tokenize(each).map(stem)) >= 0,
  );
  if (!kind) return null;
  const wanted = tokenize(kind).map(stem);
  const listed = heldOn(ctx, deals);
  const held = listed.filter((source) =>
    [source.type, source.title].some((text) => indexOfSequence(tokenize(text).map(stem), wanted) >= 0),
  );
  const of = dealsPhrase(ctx, deals, "of");
  if (held.length === 0) return { lacking: `The texts I hold${of} include no ${kind}.` };
  const yes = query.form === "yes-no";
  const lead = `the texts I hold${of} include ${held.length === 1 ? `one ${kind}` : `${held.length} of them`}:`;
  return {
    held: {
      ...blankAnswer(query, "sources"),
      found: true,
      title: `Sources: ${kind}`,
      ...(yes ? { verdict: "yes" as const } : {}),
      lead: yes ? lead : capitalised(lead),
      items: held.map(itemOf),
      deals: [...deals],
    },
  };
}

/** "How old is the newest source?", "the oldest document": a source asked for by its rank in time. */
export const rankedSourceAsked = (query: ParsedQuery, ctx: KnowledgeLookups): boolean =>
  hasAnyOf(query.tokens, SOURCE_NOUNS) &&
  phrasesIn(query.tokens, ctx.vocabulary.phrasing.newestOrOldest).length > 0;

/**
 * "Which source is the newest?", "the oldest source on the Japan deal": the dated source first or last, and the
 * date. Null unless one is asked.
 */
function rankedAnswer(
  query: ParsedQuery,
  deals: readonly DealId[],
  ctx: KnowledgeLookups,
): AnswerDraft | null {
  const { newestOrOldest, earliestRank } = ctx.vocabulary.phrasing;
  if (phrasesIn(query.tokens, newestOrOldest).length === 0) return null;
  const oldest = hasAnyOf(query.tokens, earliestRank);
  // "the most recent official document": among the official ones.
  const official = hasAnyOf(query.tokens, ctx.vocabulary.phrasing.officialAsked);
  const dated = heldOn(ctx, deals).filter((source) => source.published && (!official || source.official));
  const sorted = [...dated].sort((a, b) => byCodePoint(a.published ?? "", b.published ?? ""));
  const date = (oldest ? sorted[0] : sorted.at(-1))?.published;
  const picked = sorted.filter((source) => source.published === date);
  if (!date || picked.length === 0) return null;
  const of = dealsPhrase(ctx, deals);
  const which = `${oldest ? "oldest" : "newest"}${official ? " official" : ""}`;
  const lead =
    picked.length === 1
      ? `The ${which} source I hold${of} is dated ${formatDate(date)}:`
      : `The ${which} sources I hold${of} are dated ${formatDate(date)}:`;
  return {
    ...blankAnswer(query, "sources"),
    found: true,
    title: `Sources: the ${which}`,
    lead,
    items: picked.map(itemOf),
    deals: [...deals],
  };
}

/** "Do you have the Korea MOU?", "do you have the japan deal": whether the bot holds a deal's text, of nothing else. */
export const textHeldAsked = (query: ParsedQuery): boolean =>
  query.form === "yes-no" &&
  phrasesIn(query.tokens, ["you have", "u have"]).length > 0 &&
  query.deals.length > 0 &&
  query.topics.length + query.names.length + query.sections.length + query.subjectTerms.length === 0;

/**
 * "Where can I read the Japan MOC?", "link to the UK MOU", "full text of the Korea deal": the deal's own text, not
 * every source on it. Null unless a deal's document is asked for by its kind or as its text.
 */
function ownTextAnswer(
  query: ParsedQuery,
  deals: readonly DealId[],
  ctx: KnowledgeLookups,
): AnswerDraft | null {
  const documentAsked =
    kindAsked(query, ctx) ||
    textHeldAsked(query) ||
    hasAnyOf(query.tokens, ["text", "texts", ...ctx.vocabulary.phrasing.publicAsked]);
  if (query.topics.length > 0 || !documentAsked) return null;
  // "Are the deals public?": every deal's, asked of them all.
  if (deals.length === 0 && namesDealsPlural(query, ctx)) return ownTextAnswer(query, ctx.dealIds, ctx);
  const texts = deals.flatMap((id) => ownTexts(ctx, id));
  if (texts.length === 0) return null;
  const all = sourcesOf(ctx, deals).length;
  const plural = texts.length > 1 ? "s" : "";
  // "Is the Korea MOU text complete?", "Where can I read the Japan MOC?": a text held only in part is said so, and
  // is no whole text; whether a text is public or official is answered without it.
  const yesNo = opensYesNo(query, ctx.vocabulary.phrasing);
  const wholeAsked = holdsAnyOf(query.text, ctx.vocabulary.phrasing.wholeTextAsked);
  const inPart = wholeAsked || !yesNo ? texts.filter((source) => source.heldInPart) : [];
  const parts = inPart.map((source) => `I hold the ${source.short} only in part: ${source.heldInPart}.`);
  // "Is there a PDF of the Japan MOC?": a text held as a web page is no PDF, though one may exist elsewhere.
  const pdfAsked = query.tokens.includes("pdf");
  const pdfs = texts.filter((source) => /\.pdf(?:$|[?#])/i.test(source.url));
  if (pdfAsked && pdfs.length === 0)
    parts.push(`None of the texts I hold of it is a PDF; they are web pages.`);
  const verdict = wholeAsked && inPart.length > 0 ? "no" : "yes";
  return {
    ...blankAnswer(query, "sources"),
    found: true,
    title: `Sources: ${partnerList(ctx, deals)} · text${plural}`,
    lead: `${parts.length > 0 ? `${parts.join(" ")} ` : ""}The text${plural} of ${dealNames(ctx, deals, "and")} (${texts.length} of the ${all} documents I hold on ${deals.length > 1 ? "them" : "it"}):`,
    // "Is there an official text of the Korea deal?": there is, this.
    ...(yesNo && (!pdfAsked || pdfs.length > 0) ? { verdict } : {}),
    items: texts.map(itemOf),
    deals: [...deals],
  };
}

/**
 * "Which sources are official?", "Which documents are news reports?": the sources of that standing, for the deals
 * asked. Null unless sources are asked by their standing, naming none.
 */
export function weightAsked(query: ParsedQuery, ctx: KnowledgeLookups): ((source: Source) => boolean) | null {
  const { tokens } = query;
  // "How many news reports do you hold?" counts the sources of that standing.
  const heldCounted = tokens[0] === "how" && tokens[1] === "many" && hasAnyOf(tokens, OF_THE_BOT);
  const ofSources = hasAnyOf(tokens, SOURCE_NOUNS) || heldCounted;
  if (!ofSources || query.topics.length + query.names.length > 0) return null;
  if (sourcesNamed(query, ctx).length > 0) return null;
  if (tokens.includes("unofficial")) return (source) => !source.official;
  if (tokens.includes("official")) return (source) => source.official;
  if (hasAnyOf(tokens, NEWS_WORDS)) return (source) => !source.official;
  return null;
}
const SOURCE_NOUNS = ["source", "sources", "document", "documents"];
/** Words asking of the bot itself: "do you hold", "your sources". */
const OF_THE_BOT = ["you", "u", "your"];
const NEWS_WORDS = ["news", "report", "reports", "press", "media", "journalism"];

/** Words asking whether the bot draws on a source: "Do you cite Mondaq?", "Do you rely on Reuters?". */
const DRAWN_ON = ["cite", "rely", "draw"];

/**
 * "Did the UK publish the MOU?", "Did the US release the text of the Japan MOC?": a side of one deal asked to have
 * published its text, of nothing else. The deal and whether the side is the U.S., or null.
 */
export function sidePublishedAsked(
  query: ParsedQuery,
  ctx: KnowledgeLookups,
): { deal: DealId; us: boolean } | null {
  const { tokens } = query;
  const [deal] = query.deals;
  if (query.form !== "yes-no" || query.deals.length !== 1 || query.topics.length + query.names.length > 0)
    return null;
  const verb = tokens.findIndex((token) => PUBLISHING.includes(token));
  const { usSide, governmentNouns, dealNouns } = ctx.vocabulary.phrasing;
  // "Did the White House publish the Korea MOU?": a publisher that is the U.S. side is that side.
  const usNamed = phrasesIn(tokens.slice(0, Math.max(verb, 0)), usSide).length > 0;
  if (verb < 1 || deal === undefined || (query.publishers.length > 0 && !usNamed)) return null;
  const [actor = ""] = tokens
    .slice(0, verb)
    .filter(
      (token) => usSide.includes(token) || (!FILLER_WORDS.has(token) && !governmentNouns.includes(token)),
    )
    .slice(-1);
  const dealWords = wordsReadAs(query.readings, "deal");
  const us = usSide.includes(actor) || usNamed;
  if (!us && !dealWords.includes(actor)) return null;
  const document = (token: string) =>
    FILLER_WORDS.has(token) ||
    dealWords.includes(token) ||
    dealNouns.includes(token) ||
    TEXT_WORDS.has(token);
  return tokens.slice(verb + 1).every(document) || kindAsked(query, ctx) ? { deal, us } : null;
}

/** Words for a deal's text after a verb of publishing: "its own text", "the full version". */
const TEXT_WORDS = new Set(["text", "texts", "own", "full", "version", "copy", "wording"]);
/** Words a passage uses for a side putting a text out. */
const PUT_OUT = ["put out", "publish", "published", "posted", "released"];

/**
 * Whether a side published a deal's text, from the passages on its document that say a side put it out (outside the
 * deal's name and anything quoted, where "UK" names no one who published); else the publishers of the texts held,
 * with no Yes or No: the texts not saying so is no No.
 */
function sidePublishedAnswer(query: ParsedQuery, ctx: KnowledgeLookups): AnswerDraft | null {
  const asked = sidePublishedAsked(query, ctx);
  if (!asked) return null;
  const { deal, us } = asked;
  const record = ctx.deal(deal);
  const side = us ? "the United States" : partnerName(record?.partner ?? deal);
  const sideWords = us
    ? ctx.vocabulary.phrasing.usSide
    : [...(record ? [record.partner] : []), ...wordsReadAs(query.readings, "deal")];
  const dealName = ctx.dealName(deal);
  // The side named before the words of putting out, in a sentence of its own: "The White House posted it", not
  // "… between the Government of the United States of America and the Government of the Republic of Korea".
  const putOutBy = (sentence: string) => {
    const own = sentence.replaceAll(dealName, "").replace(/[“"][^”"]*[”"]/g, "");
    const verb = anyPhrase(PUT_OUT).exec(own);
    return verb !== null && holdsAnyOf(own.slice(0, verb.index), sideWords);
  };
  const said = ctx.passages({ deals: [deal], sections: ["document"] }).flatMap((passage) =>
    passage.text
      .split(FULL_STOP)
      .filter(putOutBy)
      .map((sentence) => ({ passage, sentence })),
  );
  const title = `Sources: ${partnerList(ctx, [deal])} · published by ${side}`;
  const texts = ownTexts(ctx, deal);
  // A text the U.S. side put out ("The White House"); a partner's name in a publisher's ("The World and Japan
  // database …") does not make it that government's.
  const bySide = us ? texts.filter((source) => holdsAnyOf(source.publisher, sideWords)) : [];
  const [first] = said;
  if (first && bySide.length === 0)
    return {
      ...blankAnswer(query, "sources"),
      found: true,
      title,
      verdict: "yes",
      lead: first.sentence.trim(),
      excerpts: [...new Set(said.map((each) => each.passage))].map((passage) =>
        excerptOf(ctx, passage, deal),
      ),
      deals: [deal],
    };
  const publishers = joinNames([...new Set((bySide.length > 0 ? bySide : texts).map(publisherInSentence))]);
  const dated = (source: Source) => (source.published ? ` on ${formatDate(source.published)}` : "");
  return {
    ...blankAnswer(query, "sources"),
    found: true,
    title,
    ...(bySide.length > 0
      ? {
          verdict: "yes" as const,
          lead: `${capitalised(publishers)} published the text I hold of the ${dealName}${dated(bySide[0] as Source)}:`,
        }
      : {
          lead: `The texts I hold do not say whether ${side} published it; the text I hold of the ${dealName} is from ${publishers}:`,
        }),
    items: (bySide.length > 0 ? bySide : texts).map(itemOf),
    deals: [deal],
  };
}

/** Words asking whether a publisher put out a document: "Did the Cabinet Office publish a summary?". */
const PUBLISHING = ["publish", "published", "release", "released", "issue", "issued"];
/** What a publisher may be asked to have published: "a summary", "anything", "a statement on the Japan deal". */
const PUBLISHED = ["anything", "something", "summary", "summaries", "statement", "statements", "document"];

/**
 * "Is the Financial Times a source?", "Do you use Reuters?", "Is CNA one of your sources?": whether a publisher is
 * among the sources held. The sources of it held, and the name as typed (the publisher's, when held); null unless
 * a yes/no question asks it of a name.
 */
export function drawnOnAsked(
  query: ParsedQuery,
  ctx: KnowledgeLookups,
): { held: Source[]; publisher: string } | null {
  const { tokens } = query;
  if (query.form !== "yes-no" || query.topics.length > 0) return null;
  // "Is AI a source of tension?" asks nothing of the sources.
  const asSource = tokens.some((token, i) => /^sources?$/.test(token) && tokens[i + 1] !== "of");
  const ofBot = hasAnyOf(tokens, OF_THE_BOT);
  const cited = ofBot && hasAnyOf(tokens, DRAWN_ON);
  const used = ofBot && tokens.includes("use");
  // "Did the Cabinet Office publish a summary?": a publisher held asked to have published a document, of nothing
  // else ("… anything about the pause?" asks what it said of the pause; "… the Korea MOU text?" that text).
  const verb = tokens.findIndex((token) => PUBLISHING.includes(token));
  const dealWords = new Set([
    ...wordsReadAs(query.readings, "deal", "country"),
    ...ctx.vocabulary.phrasing.dealNouns,
  ]);
  const publishing =
    verb >= 0 &&
    !hasAnyOf(tokens, ["text", "texts"]) &&
    !kindAsked(query, ctx) &&
    tokens
      .slice(verb + 1)
      .filter((token) => !FILLER_WORDS.has(token) && !dealWords.has(token))
      .every((token) => PUBLISHED.includes(token));
  if (!asSource && !cited && !used && !publishing) return null;
  const held = sourcesNamed(query, ctx);
  // Publishing asked alone asks of a publisher held.
  if (!asSource && !cited && !used && held.length === 0) return null;
  if (held.length > 0) return { held, publisher: joinNames([...new Set(held.map(publisherInSentence))]) };
  const readAs = new Set([
    ...wordsReadAs(query.readings, "deal", "country", "topic"),
    ...ctx.vocabulary.phrasing.dealNouns,
  ]);
  // Words typed with capitals ("Is Reuters", "Do you use the New York Times"), less the words opening the question,
  // none of them a deal's, a country's or a topic's.
  const opening = new Set([...ctx.vocabulary.phrasing.yesNo, ...QUESTION_WORDS, "i"]);
  const typed = [...query.text.matchAll(CAPITALISED_RUN)]
    .map((match) => (match[1] ?? "").split(/\s+/))
    .map((words) => {
      const first = words.findIndex((word) => !opening.has(word.toLowerCase()));
      return first < 0 ? "" : words.slice(first).join(" ");
    })
    .find((name) => tokenize(name).length > 0 && !tokenize(name).some((word) => readAs.has(word)));
  // "Do you use ChatGPT?" may ask what the bot is built with: "use" alone asks of a publisher only when the texts
  // name it ("Do you use the New York Times?").
  const onlyUsed = used && !asSource && !cited;
  if (!typed || (onlyUsed && !ctx.anyHas(tokenize(typed)))) return null;
  return { held, publisher: typed };
}

/** Words each typed with a capital, one after another, with "the" before them: "the Financial Times", "Reuters". */
const CAPITALISED_RUN = /(?<![\p{L}])((?:the\s+)?\p{Lu}[\p{L}\p{N}.&'’-]*(?:\s+\p{Lu}[\p{L}\p{N}.&'’-]*)*)/gu;

const publisherInSentence = (source: Source) => nameInSentence(source.publisher);

/**
 * "Is there a source from 2026?", "Which source is from June 2026?", "documents published in October 2025": the
 * month or year the sources are asked to be from, as a date's prefix ("2026-06") and as said; null when none is.
 */
function publishedInAsked(query: ParsedQuery): { prefix: string; said: string } | null {
  const { tokens } = query;
  const at = tokens.findIndex((token) => /^(?:19|20)\d{2}$/.test(token));
  if (at < 0) return null;
  const month = MONTHS.findIndex((name) => name === tokens[at - 1]);
  const openerAt = month >= 0 ? at - 2 : at - 1;
  const opener = tokens[openerAt] ?? "";
  // "up to date as of June 2026" asks how far the knowledge reaches, not for the sources of that month.
  if (!DATED_BY.has(opener) || (opener === "of" && tokens[openerAt - 1] === "as")) return null;
  const year = tokens[at] ?? "";
  return month >= 0
    ? {
        prefix: `${year}-${String(month + 1).padStart(2, "0")}`,
        said: `${capitalised(MONTHS[month] ?? "")} ${year}`,
      }
    : { prefix: year, said: year };
}
const DATED_BY = new Set(["from", "in", "dated", "of"]);

/** The sources held published in the month or year asked: Yes with them, or No with the newest date held. */
function publishedInAnswer(
  query: ParsedQuery,
  deals: readonly DealId[],
  ctx: KnowledgeLookups,
): AnswerDraft | null {
  const asked = publishedInAsked(query);
  if (!asked) return null;
  return someHeld(query, deals, ctx, {
    title: `Sources: ${asked.said}`,
    keep: (source) => source.published?.startsWith(asked.prefix) ?? false,
    some: (count) => `${count === 1 ? "was" : "were"} published in ${asked.said}:`,
    none: (listed) => `was published in ${asked.said}; the newest is dated ${formatDate(newest(listed))}:`,
    verdict: query.form === "yes-no",
  });
}

/**
 * The documents held on the deals asked that `keep` selects, as an answer: "2 of the 26 documents I hold … (some)",
 * or "None of the 26 documents I hold … (none)" and the whole list; with Yes or No when `verdict`.
 */
function someHeld(
  query: ParsedQuery,
  deals: readonly DealId[],
  ctx: KnowledgeLookups,
  spec: {
    title: string;
    keep: (source: Source) => boolean;
    some: (count: number) => string;
    none: (listed: readonly Source[]) => string;
    verdict: boolean;
  },
): AnswerDraft {
  const listed = listedOn(ctx, deals);
  const held = listed.filter(spec.keep);
  const of = dealsPhrase(ctx, deals);
  return {
    ...blankAnswer(query, "sources"),
    ...(spec.verdict ? { verdict: held.length > 0 ? "yes" : "no" } : {}),
    found: true,
    title: spec.title,
    lead:
      held.length > 0
        ? `${held.length} of the ${listed.length} documents I hold${of} ${spec.some(held.length)}`
        : `None of the ${listed.length} documents I hold${of} ${spec.none(listed)}`,
    items: (held.length > 0 ? held : listed).map(itemOf),
    deals: [...deals],
  };
}

/** "When was the govpulse summary published?": the documents held from the publisher asked, or null. */
export function publishedWhenAsked(query: ParsedQuery, ctx: KnowledgeLookups): Source[] | null {
  if (!query.tokens.includes("when") || !hasAnyOf(query.tokens, PUBLISHING)) return null;
  const held = sourcesNamed(query, ctx);
  return held.length > 0 ? held : null;
}

/** The documents held from a publisher asked when it published them, each with its date ("… on 29 October 2025"). */
function publishedAnswer(
  query: ParsedQuery,
  deals: readonly DealId[],
  ctx: KnowledgeLookups,
): AnswerDraft | null {
  const asked = publishedWhenAsked(query, ctx);
  if (!asked) return null;
  const ofDeals = listedOn(ctx, deals).filter((source) => asked.includes(source));
  const held = ofDeals.length > 0 ? ofDeals : asked;
  const dated = held.map(
    (source) =>
      `“${source.title}” ${source.published ? `on ${formatDate(source.published)}` : "with no date given"}`,
  );
  const publishers = joinNames([...new Set(held.map(publisherInSentence))]);
  return {
    ...blankAnswer(query, "sources"),
    found: true,
    title: `Sources: ${publishers}`,
    lead: `${capitalised(publishers)} published ${joinNames(dated)}.`,
    items: held.map(itemOf),
    deals: ctx.dealIds.filter((id) =>
      ctx.deal(id)?.sourceIds.some((sourceId) => held.some((h) => h.id === sourceId)),
    ),
  };
}

/** Whether a publisher asked is among the sources held: its documents, or none of them. */
function drawnOnAnswer(
  query: ParsedQuery,
  deals: readonly DealId[],
  ctx: KnowledgeLookups,
): AnswerDraft | null {
  const asked = drawnOnAsked(query, ctx);
  if (!asked) return null;
  return someHeld(query, deals, ctx, {
    title: `Sources: ${asked.publisher}`,
    keep: (source) => asked.held.includes(source),
    some: (count) => `${count === 1 ? "is" : "are"} from ${asked.publisher}:`,
    none: () => `is from ${asked.publisher}. The documents I hold:`,
    verdict: true,
  });
}

/** "official summaries", "news reports": a standing of sources, of several. */
const plural = (weight: string) => weight.replace(/y$/, "ie").concat("s");

/** The sources of the standing asked ("Which sources are official?"), led by how many of those held they are. */
function weightAnswer(
  query: ParsedQuery,
  deals: readonly DealId[],
  ctx: KnowledgeLookups,
): AnswerDraft | null {
  const standing = weightAsked(query, ctx);
  if (!standing) return null;
  const listed = listedOn(ctx, deals);
  const held = listed.filter(standing);
  const kinds = joinNames([...new Set(held.map((source) => plural(source.weight)))]);
  const of = dealsPhrase(ctx, deals);
  // "Are all the sources official?" asks it of every one: some of them are no Yes.
  const ofAll = hasAnyOf(query.tokens, ["all", "every", "each"]);
  const yes = ofAll ? held.length === listed.length : held.length > 0;
  return {
    ...blankAnswer(query, "sources"),
    ...(query.form === "yes-no" ? { verdict: yes ? ("yes" as const) : ("no" as const) } : {}),
    found: held.length > 0,
    title: "Sources",
    lead:
      held.length > 0
        ? `${held.length} of the ${listed.length} documents I hold${of} are ${kinds}:`
        : `None of the documents I hold${of} is of that kind.`,
    items: held.map(itemOf),
    deals: [...deals],
  };
}

/** The deals' sources, in the order of their own lists. */
const sourcesOf = (ctx: KnowledgeLookups, deals: readonly DealId[]): Source[] =>
  [...new Set(deals.flatMap((id) => ctx.deal(id)?.sourceIds ?? []))].flatMap((id) => ctx.source(id) ?? []);

/** The sources held on the deals asked in their lists' order, or every source, official texts first, when none is. */
const listedOn = (ctx: KnowledgeLookups, deals: readonly DealId[]): readonly Source[] =>
  deals.length > 0 ? sourcesOf(ctx, deals) : allInOrder(ctx.knowledge.sources);

/** The sources held on the deals asked, or every source when none is. */
const heldOn = (ctx: KnowledgeLookups, deals: readonly DealId[]): readonly Source[] =>
  deals.length > 0 ? sourcesOf(ctx, deals) : ctx.knowledge.sources;

/** " on the U.S.–Japan …" ("of", …) for a lead naming the deals asked; nothing when none is. */
const dealsPhrase = (ctx: KnowledgeLookups, deals: readonly DealId[], by = "on") =>
  deals.length > 0 ? ` ${by} ${dealNames(ctx, deals, "and")}` : "";

/** The date of the newest of the sources: how far the knowledge reaches. */
const newest = (listed: readonly Source[]) =>
  listed.map((source) => source.published ?? "").reduce((a, b) => (byCodePoint(a, b) < 0 ? b : a), "");

/** A source as a line of the list, made once per source. */
const itemOf = once(
  (source: Source): Item => ({
    title: source.title,
    text: `${source.publisher}, ${source.type}, ${formatDate(source.published)} · ${source.weight}`,
    source: sourceCitation(source),
  }),
);

/** Every source, official texts first, oldest first: sorted once per knowledge, not for each question. */
const allInOrder = once((sources: readonly Source[]): Source[] =>
  [...sources].sort(
    (a, b) => Number(b.official) - Number(a.official) || byCodePoint(a.published ?? "", b.published ?? ""),
  ),
);

/** "who said so?" after an answer: the documents its excerpts come from, in the order it cited them. */
export function citedSources(query: ParsedQuery, previous: AnswerDraft, ctx: KnowledgeLookups): AnswerDraft {
  const cited = [...previous.excerpts, ...previous.rows.flatMap((row) => row.excerpt ?? [])];
  const sourceIds = new Set(cited.flatMap((excerpt) => ctx.passage(excerpt.passageId)?.sourceId ?? []));
  const listed = [...sourceIds].flatMap((id) => ctx.source(id) ?? []);
  return {
    ...blankAnswer(query, "sources"),
    found: listed.length > 0,
    title: "Sources of that answer",
    lead:
      listed.length > 0
        ? `The excerpts of that answer (“${previous.query}”) come from:`
        : `That answer (“${previous.query}”) quoted no document.`,
    items: listed.map(itemOf),
    deals: previous.deals,
  };
}

/**
 * "Is there an official text of the Japan deal in English?", "a Korean text of the Korea MOU?": the deal's own
 * texts (official, of its kind of document) in the language asked, by the language each source is written in.
 * Null when no language is asked.
 */
function languageAnswer(
  query: ParsedQuery,
  asked: readonly DealId[],
  ctx: KnowledgeLookups,
): AnswerDraft | null {
  // "Is the Korea MOU in English and Korean?": each language named is said.
  const languages = languagesOf(ctx.knowledge.sources).filter((name) =>
    query.tokens.includes(name.toLowerCase()),
  );
  if (languages.length === 0) return null;
  if (hasAnyOf(query.tokens, SOURCES_OF_LANGUAGE)) {
    // "Any Korean sources on the UK deal?": the language's word names no deal asked.
    const spoken = new Set(languages.map((language) => language.toLowerCase()));
    const named = query.readings.filter((reading) => reading.kind === "deal" && !spoken.has(reading.words));
    const of = asked.filter((deal) => named.some((reading) => reading.as === deal));
    return sourcesInLanguage(query, of, languages, ctx);
  }
  const deals = asked.length > 0 ? asked : ctx.dealIds;
  const texts = deals.flatMap((id) => ownTexts(ctx, id).map((source) => ({ id, source })));
  const kinds = (ids: readonly DealId[]) => dealNames(ctx, ids, "and");
  const said = languages.map((language) => {
    const held = texts.filter(({ source }) => source.language === language);
    const without = deals.filter((id) => !held.some((text) => text.id === id));
    const them = without.length === 1 ? "it" : "them";
    const lead =
      without.length === 0
        ? `the texts I hold include the text of ${kinds(deals)} in ${language}`
        : held.length > 0
          ? `the texts I hold of ${kinds(without)} include no text of ${them} in ${language}; those of ${kinds(deals.filter((id) => !without.includes(id)))} do`
          : `the texts I hold of ${kinds(without)} include no text of ${them} in ${language}`;
    return { lead, held, lacking: without.length > 0 };
  });
  const lacking = said.some((each) => each.lacking);
  const held = said.flatMap((each) => each.held);
  const shown = held.length > 0 ? held : texts;
  const leads = said.map((each, i) => (i === 0 ? each.lead : capitalised(each.lead)));
  const them = deals.length === 1 ? "it" : "them";
  const lead = `${leads.join(". ")}${held.length > 0 || !lacking ? ":" : `. The texts of ${them} I hold:`}`;
  // Holding no text in a language is no proof there is none: only a Yes is said. "Is the Japanese version the same
  // as the English?" is not asked whether there is one.
  const yes = query.form === "yes-no" && !lacking && !asksLikeness(query, ctx);
  return {
    ...blankAnswer(query, "sources"),
    found: shown.length > 0,
    title: `Sources: ${partnerList(ctx, deals)}`,
    verdict: yes ? "yes" : undefined,
    lead: yes ? lead : capitalised(lead),
    items: [...new Set(shown.map(({ source }) => source))].map(itemOf),
    deals: [...deals],
  };
}

/**
 * "Are there any Korean sources?", "official Japanese sources on the Japan deal?": every source held in the
 * languages named (not only the deal's own texts), the official ones when those are asked, or that none is.
 */
function sourcesInLanguage(
  query: ParsedQuery,
  deals: readonly DealId[],
  languages: readonly string[],
  ctx: KnowledgeLookups,
): AnswerDraft {
  const listed = heldOn(ctx, deals);
  const inLanguage = listed.filter((source) => languages.includes(source.language));
  const official = inLanguage.filter((source) => source.official);
  const officialAsked = hasAnyOf(query.tokens, ctx.vocabulary.phrasing.officialAsked);
  const of = dealsPhrase(ctx, deals);
  const named = joinNames([...languages], "or");
  const wanted = officialAsked ? official : inLanguage;
  const lead =
    inLanguage.length === 0
      ? `The sources I hold${of} include none in ${named}.`
      : wanted.length === 0
        ? `The sources I hold${of} include no official one in ${named}; those in ${named}:`
        : `the sources I hold${of} in ${named}${officialAsked ? " that are official" : ""}:`;
  const yes = query.form === "yes-no" && wanted.length > 0;
  return {
    ...blankAnswer(query, "sources"),
    found: inLanguage.length > 0,
    title: `Sources in ${named}`,
    ...(yes ? { verdict: "yes" as const } : {}),
    lead: yes ? lead : capitalised(lead),
    items: (wanted.length > 0 ? wanted : inLanguage).map(itemOf),
    deals: [...deals],
  };
}

/**
 * "What language is the Japan MOC in?", "Which languages is it available in?": a text's languages asked, with none
 * named, and not those of its signing ("what language was it signed in?", which no text records).
 */
export const textLanguagesAsked = (query: ParsedQuery, ctx: KnowledgeLookups): boolean =>
  /^(what|which)$/.test(query.tokens.find((token) => /^(what|which|how)$/.test(token)) ?? "") &&
  query.tokens.some(
    (token, i) => /^languages?$/.test(token) && !/^models?$/.test(query.tokens[i + 1] ?? ""),
  ) &&
  query.topics.length === 0 &&
  !languageNamed(query, ctx) &&
  !hasAnyOf(
    query.tokens,
    ctx.vocabulary.phrasing.languagesAsked.filter((word) => !/^version/.test(word)),
  );

/** The languages of the deals' own texts held, each text listed. Null unless they are asked. */
function languagesAnswer(
  query: ParsedQuery,
  asked: readonly DealId[],
  ctx: KnowledgeLookups,
): AnswerDraft | null {
  if (!textLanguagesAsked(query, ctx)) return null;
  const deals = asked.length > 0 ? asked : ctx.dealIds;
  const texts = [...new Set(deals.flatMap((id) => ownTexts(ctx, id)))];
  const languagesOf = (id: DealId) =>
    joinNames([...new Set(ownTexts(ctx, id).map((source) => source.language ?? "English"))]);
  const perDeal = deals.map((id) => `${ctx.deal(id)?.partner}: ${languagesOf(id) || "none held"}.`);
  const lead =
    texts.length === 0
      ? `The texts I hold include no text of ${dealNames(ctx, deals, "or")} itself.`
      : deals.length === 1
        ? `The texts I hold of ${dealNames(ctx, deals, "and")} are in ${languagesOf(deals[0] as DealId)}:`
        : `The languages of the deals' own texts I hold — ${perDeal.join(" ")}`;
  return {
    ...blankAnswer(query, "sources"),
    found: texts.length > 0,
    title: `Sources: ${partnerList(ctx, deals)}`,
    lead,
    items: texts.map(itemOf),
    deals: [...deals],
  };
}

/** A deal's own texts: its official sources of its kind of document ("memorandum of cooperation …"). */
const ownTexts = (ctx: KnowledgeLookups, id: DealId): Source[] => {
  const deal = ctx.deal(id);
  const kind = deal?.document.type.toLowerCase() ?? "";
  return (deal?.sourceIds ?? [])
    .flatMap((sourceId) => ctx.source(sourceId) ?? [])
    .filter((source) => source.official && kind !== "" && source.type.toLowerCase().startsWith(kind));
};

/** The names a question may call a source by, as words: "govpulse" for "govpulse.tools", without its domain's ending. */
const namesOf = once((source: Source): string[][] =>
  [source.publisher, source.publisher.replace(/\.[a-z]+$/, ""), plainPublisher(source), source.short].map(
    (name) => tokenize(name),
  ),
);

/**
 * A publisher's name without what follows it in brackets: the same name in its own script ("Edaily" for "Edaily
 * (이데일리)") or the agency it carries ("CNA" for "CNA (AFP)").
 */
const plainPublisher = (source: Source) => source.publisher.replace(/\s*\([^)]*\)$/u, "");

/** Whether every word of a source's short name ("Japan MOC") stands among the words asked. */
const namedByShort = (source: Source, asked: ReadonlySet<string>) =>
  tokenize(source.short).every((word) => asked.has(word));

/**
 * The sources a question names by their publisher ("Haynes Boone", "the White House") or short name ("the govpulse
 * summary"): every word of one of them stands in it.
 */
function sourcesNamed(query: ParsedQuery, ctx: KnowledgeLookups): Source[] {
  const asked = setOf(query.tokens);
  // "govpulse" for "govpulse.tools": a publisher's site is named without its domain's ending.
  return ctx.knowledge.sources.filter(
    (source) =>
      namesOf(source).some(
        (words) => words.length > 0 && words.every((word) => asked.has(word) || word === "the"),
      ) || namedBySite(source, asked, ctx),
  );
}

/**
 * "What is worldjpn?": a source named by its site (www.worldjpn.net), when the texts never use that name as a
 * word ("nation" of nation.cymru is a word, not a name).
 */
const namedBySite = (source: Source, asked: ReadonlySet<string>, ctx: KnowledgeLookups) => {
  const site = siteOf(source);
  return site.length >= 5 && asked.has(site) && ctx.neverUses(site);
};

/** The name of a source's site: its address's last name before the domain ending ("worldjpn", "edaily"). */
const siteOf = once((source: Source): string => {
  const labels = new URL(source.url).hostname
    .split(".")
    .filter((label) => !/^(www\d*|m|mobile)$/.test(label));
  labels.pop();
  while (labels.length > 1 && (labels.at(-1)?.length ?? 0) <= 3) labels.pop();
  return labels.at(-1) ?? "";
});

/**
 * "What is govpulse?", "What's the govpulse summary?", "Who is Haynes Boone?": a source asked about itself, with no
 * other word than its name and the asking.
 */
export function sourceItselfAsked(query: ParsedQuery, ctx: KnowledgeLookups): boolean {
  if (query.form !== "open" || !/^(what|who)$/.test(query.tokens[0] ?? "")) return false;
  if (query.topics.length + query.sections.length > 0) return false;
  // Every word a name of some source, a deal's or one of asking: read before the sources are, as most questions
  // have another word.
  const dealWords = new Set([
    ...wordsReadAs(query.readings, "deal").flatMap(tokenize),
    ...ctx.vocabulary.phrasing.dealNouns,
  ]);
  const anySource = sourceNameWords(ctx.knowledge.sources);
  const asking = (token: string) => dealWords.has(token) || ASKING_ONLY.has(token);
  if (!query.tokens.every((token) => anySource.has(token) || asking(token))) return false;
  const named = sourcesNamed(query, ctx);
  const sites = new Set(named.map(siteOf));
  // "What is the Korea MOU?" asks about the deal, not the source its text is cited from.
  const asked = setOf(query.tokens);
  const byPublisher = named.some(
    (source) =>
      namesOf(source)
        .slice(0, 3)
        .some((words) => words.every((word) => asked.has(word))) || namedBySite(source, asked, ctx),
  );
  if (!byPublisher) return false;
  const nameWords = new Set(named.flatMap((source) => namesOf(source).flat()));
  return query.tokens.every((token) => nameWords.has(token) || sites.has(token) || asking(token));
}

/** Every word of every source's names, found once per knowledge. */
const sourceNameWords = once(
  (sources: readonly Source[]): ReadonlySet<string> =>
    new Set(sources.flatMap((source) => [...namesOf(source).flat(), siteOf(source)])),
);

/** The words of "what is the …?" or "who wrote the …?" around a name. */
const ASKING_ONLY = new Set([
  "what",
  "who",
  "wrote",
  "writes",
  "published",
  "publishes",
  "behind",
  "is",
  "s",
  "are",
  "was",
  "were",
  "the",
  "a",
  "an",
  "of",
  "on",
  "for",
]);

/** The sources a question asks about, listed with what they are (of the deals asked, if any). */
function sourceItselfAnswer(
  query: ParsedQuery,
  deals: readonly DealId[],
  ctx: KnowledgeLookups,
): AnswerDraft | null {
  if (!sourceItselfAsked(query, ctx)) return null;
  const ofDeals = new Set(deals.flatMap((id) => ctx.deal(id)?.sourceIds ?? []));
  // "the White House article": the source of that short name, not every one of its publisher.
  const asked = setOf(query.tokens);
  const all = sourcesNamed(query, ctx);
  const byShort = all.filter((source) => namedByShort(source, asked));
  const named = (byShort.length > 0 ? byShort : all).filter(
    (source) => ofDeals.size === 0 || ofDeals.has(source.id),
  );
  const publishers = joinNames([...new Set(named.map((source) => nameInSentence(source.publisher)))]);
  const weights = joinNames([...new Set(named.map((source) => plural(source.weight)))]);
  return {
    ...blankAnswer(query, "sources"),
    found: named.length > 0,
    title: `Sources: ${publishers}`,
    lead:
      named.length > 0
        ? `The texts I hold from ${publishers} (cited as ${weights}):`
        : `The texts I hold on ${dealNames(ctx, deals, "and")} include none from that source.`,
    items: named.map(itemOf),
    deals: [...deals],
  };
}

/**
 * "Is the govpulse summary official?", "Is Haynes Boone an official source?", "Is Mondaq reliable?": a source's
 * standing, asked.
 */
export const officialAsked = (query: ParsedQuery, ctx: KnowledgeLookups): boolean =>
  ((query.form === "yes-no" && hasAnyOf(query.tokens, ctx.vocabulary.phrasing.officialAsked)) ||
    reliabilityAsked(query, ctx) ||
    sourceKindAsked(query, ctx)) &&
  sourcesNamed(query, ctx).length > 0;

const reliabilityAsked = (query: ParsedQuery, ctx: KnowledgeLookups) =>
  hasAnyOf(query.tokens, ctx.vocabulary.phrasing.reliabilityAsked);

/** "What kind of source is Mondaq?": how the texts cite it. */
const sourceKindAsked = (query: ParsedQuery, ctx: KnowledgeLookups) =>
  phrasesIn(query.tokens, ctx.vocabulary.phrasing.sourceKindAsked).length > 0;

/** Whether the sources named are official, from their records, with those sources listed. */
function officialAnswer(query: ParsedQuery, ctx: KnowledgeLookups): AnswerDraft | null {
  if (!officialAsked(query, ctx)) return null;
  const named = sourcesNamed(query, ctx);
  // "an official link for the Japan MOC": a source named by its short name is said by it, with its publisher.
  const asked = setOf(query.tokens);
  const said = (source: Source) =>
    namedByShort(source, asked) && !tokenize(plainPublisher(source)).every((word) => asked.has(word))
      ? `the ${source.short} from ${nameInSentence(source.publisher)}`
      : source.publisher;
  const publishers = joinNames([...new Set(named.map(said))]);
  const withArticle = (weight: string) => `${/^[aeiou]/.test(weight) ? "an" : "a"} ${weight}`;
  const weights = joinNames([...new Set(named.map((source) => source.weight))].map(withArticle), "or");
  const official = named.every((source) => source.official);
  const mixed = !official && named.some((source) => source.official);
  // "Is Mondaq reliable?": how the texts cite it, not a rating of it.
  const rated =
    reliabilityAsked(query, ctx) && !hasAnyOf(query.tokens, ctx.vocabulary.phrasing.officialAsked);
  // "What kind of source is Mondaq?": how it is cited, with no yes or no.
  const kindOnly = sourceKindAsked(query, ctx);
  const notOfficial = official || mixed ? "" : ", not as an official text";
  const lead = rated
    ? `I don't rate sources: the texts I hold cite ${publishers} as ${weights}${notOfficial}.`
    : mixed || kindOnly
      ? `The texts I hold cite ${publishers} as ${weights}${notOfficial}.`
      : `${publishers} ${official ? "is" : "is not"} an official source: the texts I hold cite it as ${weights}.`;
  return {
    ...blankAnswer(query, "sources"),
    found: true,
    title: `Sources: ${publishers}`,
    verdict: mixed || rated || kindOnly ? undefined : official ? "yes" : "no",
    lead,
    items: named.map(itemOf),
  };
}

/** A language some source is written in, named by the question ("korean"), or undefined. */
const languageNamed = (query: ParsedQuery, ctx: KnowledgeLookups) =>
  languagesOf(ctx.knowledge.sources).find((name) => query.tokens.includes(name.toLowerCase()));

/**
 * "Is there a Korean version of the Korea MOU?", "Is the Japan deal available in Japanese?": a deal's text asked
 * in a language (not "Which Korean agencies …", which names the partner).
 */
export const versionInLanguageAsked = (query: ParsedQuery, ctx: KnowledgeLookups): boolean => {
  const language = languageNamed(query, ctx)?.toLowerCase();
  if (!language || query.topics.length > 0) return false;
  // "Is the Korea MOU in Korean?": the language just after "in".
  const inIt = query.tokens.some((token, i) => token === language && query.tokens[i - 1] === "in");
  const { versionAsked } = ctx.vocabulary.phrasing;
  return inIt || hasAnyOf(query.tokens, [...versionAsked, ...SOURCES_OF_LANGUAGE, "language"]);
};

/** Words asking for sources in a language rather than the deal's own text: "a Japanese summary". */
const SOURCES_OF_LANGUAGE = ["source", "sources", "summary", "summaries", "report", "reports"];

/** The languages the sources are written in, found once per knowledge. */
const languagesOf = once((sources: readonly Source[]) => [
  ...new Set(sources.map((source) => source.language)),
]);
