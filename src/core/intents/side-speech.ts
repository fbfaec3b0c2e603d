import { namesOf } from "../bodies.js";
import type { KnowledgeLookups } from "../lookups.js";
import type { DealId, Passage } from "../model.js";
import { dealList } from "../phrasing.js";
import { type ParsedQuery, wordsReadAs } from "../query.js";
import { signatoriesNamed } from "../signing-question.js";
import { FULL_STOP, hasAnyOf, holdsAnyOf, tokenize } from "../text.js";

/** Who speaks in the texts: the passages that quote a person or a side of the deals, and the side a question asks. */

/** Whether the passage quotes one of the speakers: their words in quotation marks, "said" or "called". */
export function quotes(passage: Passage, speakers: readonly string[], ctx: KnowledgeLookups): boolean {
  return (
    /[“"]/.test(passage.text) &&
    /\b(said|called)\b/.test(passage.text) &&
    speakers.some((speaker) => ctx.hasWords(passage, tokenize(speaker)))
  );
}

/** Words that ask what someone did ("What did UKRI call it?"). */
export const ASKED_BY = new Set(["did", "does", "do", "will", "would", "could", "might", "should"]);
const SPEAKING = new Set(["say", "said", "says", "comment", "respond", "responded", "react", "reacted"]);

/** A word asking what someone said: "say", "comment", "react", "post", "quote". */
export const speechWord = (word: string, ctx: KnowledgeLookups): boolean =>
  SPEAKING.has(word) ||
  ctx.vocabulary.phrasing.sayAsked.includes(word) ||
  ctx.vocabulary.phrasing.quoteAsked.includes(word);

/** "What did the UK say?", "Any comment from Korea?", "How did they react?": what someone said is asked. */
export const speechAsked = (query: ParsedQuery, ctx: KnowledgeLookups): boolean =>
  query.tokens.some((token) => speechWord(token, ctx));

/** A side of the deals asked ("the Korean side", "US officials"): the U.S. or the partner, as its name says it. */
export type SideAsked = { side: "us" | "partner"; deals: readonly DealId[]; name: string };

/**
 * The side a question asks the words of; `ofAnySubject`: also when it asks them of a subject ("What did the UK say
 * about the pause?"), where the texts on the subject answer otherwise.
 */
export function sideAsked(
  query: ParsedQuery,
  ctx: KnowledgeLookups,
  deals: readonly DealId[],
  ofAnySubject = false,
): SideAsked | null {
  const { sideWords, usSide, quoteAsked } = ctx.vocabulary.phrasing;
  // Of a subject ("what does the government of Japan say about fusion?"), the texts on it answer.
  const subject = query.topics.length + query.names.length + query.sections.length;
  // "Any quotes from Korea?": a side named by its country after "from".
  const dealWords = new Set(wordsReadAs(query.readings, "deal"));
  const fromSide =
    hasAnyOf(query.tokens, quoteAsked) &&
    query.tokens.some(
      (token, i) =>
        token === "from" && dealWords.has(query.tokens.slice(i + 1).find((t) => t !== "the") ?? ""),
    );
  // "What did the UK say?", "What has Japan said?": a country that speaks is its side.
  const countrySpoke = query.tokens.some((token, i) => {
    const [asking = "", speaker = ""] = query.tokens
      .slice(0, i)
      .filter((word) => word !== "the")
      .slice(-2);
    return (
      SPEAKING.has(token) &&
      (ASKED_BY.has(asking) || asking === "has") &&
      (dealWords.has(speaker) || usSide.includes(speaker))
    );
  });
  const bySide = hasAnyOf(query.tokens, sideWords) || fromSide || countrySpoke;
  if ((subject > 0 && !ofAnySubject) || !bySide || signatoriesNamed(query, ctx).length > 0) return null;
  const within = deals.length > 0 ? deals : ctx.dealIds;
  if (holdsAnyOf(query.text.toLowerCase(), usSide))
    return { side: "us", deals: within, name: "the U.S. side" };
  if (deals.length === 0) return null;
  return { side: "partner", deals, name: `the side of ${dealList(ctx, deals)}` };
}

/**
 * The passages that quote a side's signatories or bodies, and, for when none does, those that report what they
 * said ("Korea's space agency (KASA) said it would follow up …").
 */
export function quotesOfSide(asked: SideAsked, ctx: KnowledgeLookups) {
  // The U.S. side's people are the same for every deal ("Kratsios" speaks of the UK deal he did not sign).
  const records = asked.deals.flatMap((id) => ctx.deal(id) ?? []);
  const signers = asked.side === "us" ? ctx.knowledge.deals : records;
  const people = signers.flatMap((deal) => deal.signatories.filter((person) => person.side === asked.side));
  const bodies = records.flatMap((deal) => deal.bodies.filter((body) => body.side === asked.side));
  // "What did the British government say?": the side's government ("a UK government spokesperson said") and the
  // posts its signatories hold ("the Prime Minister's official spokesman said") speak for it too.
  const posts = people.map((person) => person.office.split(/ (?:of|for|to|and) /)[0] ?? person.office);
  const names =
    asked.side === "us" ? ctx.vocabulary.phrasing.usSide : records.flatMap((deal) => deal.aliases);
  const governments = names.map((name) => `${name} government`);
  const speakers = [
    ...people.map((person) => person.name),
    ...bodies.flatMap(namesOf),
    ...posts,
    ...governments,
  ];
  // Only passages with a speaker's name can quote them or report them: those are read, in knowledge order.
  const withName = new Set(speakers.flatMap((speaker) => [...ctx.positionsWith(tokenize(speaker))]));
  const ofDeals = [...withName]
    .sort((a, b) => a - b)
    .map((position) => ctx.passageAt(position))
    .filter((passage) => passage.deals.some((id) => asked.deals.includes(id)));
  // The speaker stands before the word reporting speech in one sentence ("Korea's space agency (KASA) said"), not
  // after it ("The White House says … signed by … Bae Kyung-hoon").
  const speaks = (sentence: string) => {
    const verb = REPORTED_SPEECH.exec(sentence)?.index ?? -1;
    const before = sentence.slice(0, verb).toLowerCase();
    return verb > 0 && speakers.some((speaker) => before.includes(speaker.toLowerCase()));
  };
  const quoting = ofDeals.filter((passage) => quotes(passage, speakers, ctx));
  return {
    speakers: [asked.name],
    passages: quoting,
    naming: ofDeals.filter(
      (passage) => !quoting.includes(passage) && passage.text.split(FULL_STOP).some(speaks),
    ),
    heading: "What they report it said:",
  };
}

/** Words that report what someone said. */
const REPORTED_SPEECH = /\b(said|says|announced|told|called)\b/;
