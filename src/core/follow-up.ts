import type { Answer, IntentName, Reading } from "./answer.js";
import type { DealId, Phrasing } from "./model.js";
import { MAX_QUERY_LENGTH } from "./normalize.js";
import { type ParsedQuery, wordsReadAs } from "./query.js";
import {
  FILLER_WORDS,
  hasAnyOf,
  holdsAnyOf,
  indexOfSequence,
  phrasesIn,
  QUESTION_WORDS,
  tokenize,
} from "./text.js";

/**
 * The previous turn of a conversation, as a follow-up reads it: the question its answer answered (with
 * anything that question itself carried over written in), its deal option, and where its pages stopped.
 * Plain JSON, so it can travel with the platform message that shows the answer.
 */
export type TurnContext = { query: string; deal?: DealId; next: number | null };

/** The context a follow-up to this answer carries; `deal` is the option the answer was asked with. */
export function contextOf(answer: Answer, deal?: DealId): TurnContext {
  return { query: answer.query, ...(deal ? { deal } : {}), next: answer.page.next };
}

/**
 * A TurnContext read back from a platform (message metadata, a button), or null when it is not one; a deal
 * must be one of `deals` (the bot's own).
 */
export function readTurnContext(value: unknown, deals: readonly DealId[]): TurnContext | null {
  if (typeof value !== "object" || value === null) return null;
  const { query, deal, next } = value as Record<string, unknown>;
  if (typeof query !== "string" || query.trim() === "" || query.length > MAX_QUERY_LENGTH) return null;
  if (deal !== undefined && (typeof deal !== "string" || !deals.includes(deal))) return null;
  const page = next === null || next === undefined ? null : next;
  if (page !== null && !(typeof page === "number" && Number.isInteger(page) && page >= 0)) return null;
  return { query, ...(deal ? { deal: deal as DealId } : {}), next: page };
}

const MORE =
  /^(?:(?:show|tell me|give me|any|some|send)\s+)?more(?:\s+(?:please|results|excerpts|of that))?$|^(?:next|next page|continue|go on|keep going|(?:anything|what|something) else)$/;

/** "more", "show more", "next", "continue", "anything else?": the next page of the previous answer. */
export function asksForMore(text: string): boolean {
  return MORE.test(tokenize(text).join(" "));
}

const WHO_SAID =
  /^(?:(?:and |but |ok )?(?:who said (?:so|that|this)|says who|according to whom|(?:what s |what is )?the source(?: of| for)? (?:that|this)|where is (?:that|this) from|where s (?:that|this) from|where does (?:that|this) come from|source for that|source please)(?: please)?)$/;

/** "who said so?", "where's that from?": the sources of the previous answer. */
export function asksWhoSaid(text: string): boolean {
  return WHO_SAID.test(tokenize(text).join(" "));
}

const CONFIRMING =
  /^(?:(?:but |and |ok |so |hmm )?(?:are you sure|you sure|sure|really|is that (?:right|true|correct|so)|how do you know(?: that)?|can you double check(?: that)?|double check|check again))$/;

/** "are you sure?", "really?": the previous answer again, as the texts give it. */
export function asksConfirmation(text: string): boolean {
  return CONFIRMING.test(tokenize(text).join(" "));
}

/** Words that open a follow-up and mean nothing on their own ("and japan?", "what about the uk?"). */
const OPENERS = [["and"], ["also"], ["so"], ["then"], ["ok"], ["okay"], ["what", "about"], ["how", "about"]];

/** The words of a follow-up asking of the deals the previous question did not name: "and the others?". */
const OTHERS = new Set(["other", "others", "rest", "remaining", "ones"]);

/** The words of a follow-up asking only when: "when?", "since when?", "when did that happen?". */
const BARE_WHEN = new Set(["when", "since", "from"]);
const OF_THAT = new Set(["did", "was", "that", "it", "this", "happen", "happened"]);

/** A follow-up asking only who did it: "by whom?". */
const BY_WHOM = new Set(["by", "whom", "who"]);

/** Words after "how" asking an amount: "how much money?". */
const AMOUNT = new Set(["much", "many"]);

/** Words pointing at the previous question's subject: "what did they say about it?". */
const POINTING = new Set(["it", "that", "this"]);

/** Words asking for a text word for word, beside those of quoting: "the exact words?", "verbatim?". */
const VERBATIM = new Set(["exact", "exactly", "verbatim"]);

/** Words pointing back at the place or time of the signing just given ("why there?", "why then?"). */
const WHERE_OR_WHEN_GIVEN = new Set(["there", "then", "that", "place", "time", "day", "date"]);

/** The words of "who was there?", "who else attended?", "who was present?". */
const AT_THE_SIGNING = new Set(["was", "were", "else", "there", "attended", "present"]);

/** The word a follow-up about a deal's signers ("did she say anything?") stands for them by. */
const SIGNATORIES = "signatories";

/** Intents of a signing's record, where "where?" asks the place of signing. */
const SIGNING_INTENTS = new Set<IntentName>(["when", "who-signed"]);

/** Intents that are complete without a deal or a subject from earlier; a follow-up may inherit any other. */
const STANDALONE = new Set<IntentName>(["help", "deals"]);

type FollowUp = {
  /** The question the follow-up stands for, in words the bot reads ("japan 6g" for "and japan?" after "korea 6g"). */
  text: string;
  /** The words taken from the previous question; empty when the follow-up is a whole question of its own. */
  carried: string[];
};

/**
 * What a follow-up leaves out, filled in from the previous question: the deal ("who signed it?" after a Korea
 * answer), the subject and the kind of question ("and japan?" after "korea 6g" or "who signed the korea deal?").
 * Whatever the follow-up says itself replaces the previous question's words of that kind.
 */
export function followUpQuestion(
  current: ParsedQuery,
  previous: ParsedQuery,
  dealIds: readonly string[],
  phrasing: Phrasing,
  /** The deals the previous answer found, in its order: read only when a follow-up picks one by its place. */
  dealsFound: () => readonly string[] = () => [],
): FollowUp {
  const whole = { text: current.text, carried: [] };
  // "which deal?", "which ones?" after "What is CAISI?": which deals have what the previous question asked about.
  const askedNothing =
    current.topics.length + current.names.length + current.subjectTerms.length + current.deals.length === 0;
  if (current.form === "which-deal" && askedNothing && !standsAlone(previous)) {
    const { subject } = partsOf(previous);
    if (subject.length > 0) return { text: [...current.tokens, ...subject].join(" "), carried: subject };
  }
  // "is it part of the TPD?" after "What is the Genesis Mission?": "it" is the name asked, though the deals are named;
  // "who announced it?" after that: "it" is still the name.
  const namedBefore = previous.names.flatMap((name) => name.words);
  const itAt = current.tokens.indexOf("it");
  const ofTheDeals = current.intent === "deals" && !standsAlone(previous);
  const afterOfTheDeals =
    previous.intent === "deals" &&
    previous.form === "yes-no" &&
    !standsAlone(current) &&
    current.deals.length + current.names.length + current.topics.length === 0;
  if (namedBefore.length > 0 && itAt >= 0 && (ofTheDeals || afterOfTheDeals)) {
    const text = [...current.tokens.slice(0, itAt), ...namedBefore, ...current.tokens.slice(itAt + 1)];
    return { text: text.join(" "), carried: namedBefore };
  }
  // "what did he say?", "did he sign?" after "Who is Kratsios?": the one asked about is "he".
  const person = personAsked(previous, phrasing);
  // One person asked of: "he" or "her", not "them" ("compare them" compares the deals).
  const pronouns = new Set(phrasing.personPronouns.filter((word) => !/^the/.test(word)));
  if (person.length > 0 && current.tokens.some((token) => pronouns.has(token))) {
    const text = current.tokens.flatMap((token) => (pronouns.has(token) ? person : [token]));
    return { text: text.join(" "), carried: person };
  }
  if (standsAlone(current)) return whole;
  // "what about the Financial Times?" after "Is Reuters a source?": whether that one is a source, as typed.
  const opener = /^\s*(?:and|also|what about|how about)\s+/iu;
  const given = current.text.replace(opener, "").replace(/[?.!\s]+$/u, "");
  const nameGiven =
    opener.test(current.text) && current.deals.length + current.topics.length + current.sections.length === 0;
  if (previous.intent === "sources" && previous.form === "yes-no" && nameGiven)
    return { text: `Is ${given} a source?`, carried: ["source"] };
  if (standsAlone(previous))
    return (
      ofThoseFound(current, previous, phrasing) ??
      oneOfThoseFound(current, previous, dealsFound) ??
      rankedOfThoseFound(current, previous, dealsFound) ??
      askedOfThoseFound(current, previous, phrasing, dealsFound) ??
      whole
    );

  const own = dropOpeners(current.tokens);
  // "what is her title?" after "who signed the Japan deal?": the signatories again, each with their office (which
  // of them is meant, the texts cannot tell).
  const ofSigner =
    (previous.intent === "who-signed" || previous.tokens.includes(SIGNATORIES)) &&
    current.deals.length + current.names.length === 0 &&
    hasAnyOf(own, phrasing.personPronouns);
  const { who } = partsOf(previous);
  const ofDeal = who.length > 0 ? ["of", ...who] : [];
  if (ofSigner && hasAnyOf(own, phrasing.officeAsked)) {
    // After "did she say anything?", who signed is asked afresh.
    const quotesBefore = hasAnyOf(previous.tokens, phrasing.sayAsked);
    const signers = quotesBefore ? ["who", "signed", ...who] : previous.tokens;
    return { text: signers.join(" "), carried: [...signers] };
  }
  // "did she say anything?" after the same: what the sources quote of that deal's signatories.
  if (ofSigner && hasAnyOf(own, phrasing.sayAsked)) {
    const pronouns = new Set(phrasing.personPronouns);
    const asked = own.flatMap((word) => (pronouns.has(word) ? ["the", SIGNATORIES] : [word]));
    return { text: [...asked, ...ofDeal].join(" "), carried: who };
  }
  // "was Bae the only one?" after "who signed the Korea deal?": whether that one alone signed it.
  const soleSigner =
    previous.intent === "who-signed" &&
    current.form === "yes-no" &&
    (current.intentBy === "default" || current.intent === "who-signed") &&
    current.deals.length + current.topics.length + current.sections.length === 0 &&
    hasAnyOf(own, phrasing.sole);
  if (soleSigner && who.length > 0) {
    // "was he the only one?": whichever signer "he" is, whether one person alone signed it.
    if (hasAnyOf(own, phrasing.personPronouns))
      return { text: ["did", "only", "one", "person", "sign", ...who].join(" "), carried: who };
    // "did Starmer sign alone?": the deal just after the verb, so "alone" is not read as "only that deal".
    const verb = own.findIndex((word) => phrasing.signing.includes(word));
    if (verb >= 0)
      return { text: [...own.slice(0, verb + 1), ...who, ...own.slice(verb + 1)].join(" "), carried: who };
    const carried = ["who", "signed", ...who];
    return { text: [...own, ...carried].join(" "), carried };
  }
  // "and the others?", "what about the other two?": the previous question, of the deals it did not name.
  const others = dealIds.filter((deal) => !previous.deals.includes(deal));
  const ofOthers =
    previous.deals.length > 0 &&
    current.deals.length === 0 &&
    // "ones" alone is no other deal: "only US ones" narrows the previous answer.
    own.some((word) => OTHERS.has(word) && word !== "ones") &&
    own.every((word) => OTHERS.has(word) || FILLER_WORDS.has(word));
  if (ofOthers && others.length > 0) {
    const who = andJoined(others);
    return swapWho(previous, partsOf(previous).whoAt, who);
  }
  const asksSaid = asksWhatWasSaid(own, phrasing);
  const ownIntent = current.intentBy !== "default" || asksSaid;
  const ownWho = current.deals.length > 0 || current.countries.length > 0;
  const ownSubject =
    current.topics.length > 0 ||
    current.sections.length > 0 ||
    current.names.length > 0 ||
    current.subjectTerms.length > 0;

  const parts = partsOf(previous);
  const yesNo = current.form === "yes-no";
  // "is it in the Japan deal?", "does Japan cover that too?" after "korea 6g": whether the other deal has the
  // previous subject, still a yes/no (a word of covering asks just that).
  const coverageOnly = !ownIntent || (current.intent === "topics" && current.coverage);
  if (ownWho && !ownSubject && coverageOnly && yesNo) {
    const carried = [...parts.intent, ...parts.subject];
    // "is that in japan too?": the subject in the place of the word pointing at it ("is 6g in japan too").
    const at = own.findIndex((word) => POINTING.has(word));
    if (at >= 0 && parts.subject.length > 0) {
      const text = [...own.slice(0, at), ...parts.subject, ...own.slice(at + 1), ...parts.intent];
      return { text: text.join(" "), carried };
    }
    return carried.length > 0 ? { text: [...own, ...carried].join(" "), carried } : whole;
  }
  // "only korea" after "compare quantum": the subject compared, of the deal named alone; "and korea" after "compare
  // uk and japan on ai" or "compare uk and japan": the comparison with that deal beside the others.
  const compared = parts.subject.length > 0 || previous.deals.length > 1;
  if (ownWho && !ownSubject && !ownIntent && previous.intent === "compare" && compared) {
    const who = wordsReadAs(current.readings, "deal", "country");
    const alone = hasAnyOf(own, phrasing.sole) || parts.who.length === 0;
    // "only uk and japan" after "compare ai across the deals": those deals compared; "only korea": that deal's.
    const among = who.length > 1 ? [...parts.intent, ...andJoined(who)] : who;
    if (alone)
      return { text: [...among, ...parts.subject].join(" "), carried: [...parts.intent, ...parts.subject] };
    const carried = [...parts.intent, ...parts.who];
    return {
      text: [...carried, ...who, ...parts.subject].join(" "),
      carried: [...carried, ...parts.subject],
    };
  }
  // "only in japan?" after "fusion": whether the subject is in that deal alone.
  if (ownWho && !ownSubject && !ownIntent && hasAnyOf(own, phrasing.sole) && parts.subject.length > 0)
    return { text: ["is", ...parts.subject, ...own].join(" "), carried: parts.subject };
  // "and japan?", "what about Japan and Korea?": the previous question as it was asked, about other deals.
  if (ownWho && !ownSubject && !ownIntent) {
    const who = wordsReadAs(current.readings, "deal", "country");
    return swapWho(previous, parts.whoAt, andJoined(who));
  }
  // "quote it", "the exact words?" after "what does the UK deal say about AI?" or "does the UK deal cover
  // quantum?": the same deal and subject, in the texts' own words (not a subject "quote" asked of it).
  const quoting = new Set([...phrasing.quoteAsked, ...phrasing.wordsAsked, ...VERBATIM]);
  const quoteOfSubject =
    own.some((word) => quoting.has(word)) &&
    own.every((word) => quoting.has(word) || FILLER_WORDS.has(word) || POINTING.has(word)) &&
    parts.subject.length > 0;
  if (quoteOfSubject) {
    const carried = [...parts.who, ...parts.subject];
    return { text: [...own.filter((word) => !POINTING.has(word)), ...carried].join(" "), carried };
  }
  // "and fusion?" after "does the Japan deal cover quantum?": the same question of coverage, of the subject named
  // (its word of covering kept).
  const subjectOnly = !ownIntent && !ownWho && ownSubject && !QUESTION_WORDS.has(own[0] ?? "");
  const covered = previous.form === "yes-no" && previous.coverage;
  const swapped = new Set(
    [...parts.subjectAt].filter((i) => !phrasing.coverage.includes(previous.tokens[i] ?? "")),
  );
  if (subjectOnly && !yesNo && covered && swapped.size > 0) {
    const first = previous.tokens.findIndex((_token, i) => swapped.has(i));
    const kept = previous.tokens.filter((_token, i) => !swapped.has(i));
    const asked = own.filter((word) => !FILLER_WORDS.has(word));
    return { text: [...kept.slice(0, first), ...asked, ...kept.slice(first)].join(" "), carried: kept };
  }
  // "when?", "since when?" after "is the UK deal paused?" or "what is the Genesis Mission?" ask when that happened,
  // not when the deal was signed.
  const whenOfState =
    (previous.intent === "status" ||
      (previous.names.length > 0 && previous.deals.length === 0) ||
      asksWhatWasSaid(previous.tokens, phrasing)) &&
    BARE_WHEN.has(own[0] ?? "") &&
    own.every((word) => BARE_WHEN.has(word) || OF_THAT.has(word));
  // "when?" after "what did Kratsios say?": when he said it.
  if (whenOfState && asksWhatWasSaid(previous.tokens, phrasing)) {
    const said = previous.tokens.slice(1);
    return { text: ["when", ...said].join(" "), carried: said };
  }
  // "where?", "where is that?" after "does the uk deal mention fusion?": where the texts say it, not where the deal
  // was signed; after "what did Kratsios sign?", where that was signed.
  const whereOfSubject =
    own[0] === "where" &&
    own.every((word) => FILLER_WORDS.has(word) || OF_THAT.has(word)) &&
    parts.subject.length > 0 &&
    !SIGNING_INTENTS.has(previous.intent);
  if (whereOfSubject) {
    const text = [...parts.who, ...parts.subject];
    const signed = hasAnyOf(parts.subject, phrasing.signing);
    return { text: [...(signed ? ["where", "did"] : []), ...text].join(" "), carried: text };
  }
  // "who announced it?" after "what is the Genesis Mission?", "when does it launch?" after "is there a cubesat?":
  // "it" stands for the thing named before, in its place, of the same deal.
  const it = own.findIndex((word) => POINTING.has(word));
  const ownThing = current.topics.length + current.sections.length + current.names.length > 0;
  // "is that in the official text?" after "does Korea cover quantum?": whether the subject asked is in that text.
  const subjectPlaced =
    yesNo &&
    previous.form === "yes-no" &&
    previous.coverage &&
    parts.subject.length > 0 &&
    !ownWho &&
    current.topics.length + current.names.length === 0 &&
    it >= 0 &&
    own[it + 1] === "in";
  if (subjectPlaced) {
    const text = [...own.slice(0, it), ...parts.subject, ...own.slice(it + 1), ...parts.who];
    return { text: text.join(" "), carried: [...parts.subject, ...parts.who] };
  }
  if (previous.names.length > 0 && it >= 0 && !ownWho && !ownThing && !asksSaid) {
    // The name itself, not the rest of what was asked of it ("involved" of "is NASA involved?").
    const named = previous.names.flatMap((name) => name.words);
    const text = [...own.slice(0, it), ...named, ...own.slice(it + 1), ...parts.who];
    return { text: text.join(" "), carried: [...named, ...parts.who] };
  }
  // "how long does it take?" after "licensing?" (of the UK deal): "it" stands for the subject asked, in its place;
  // not "is that all?", nor "tell me more about it" after when a deal was signed.
  const subjectAsked = previous.intent === "ask" && previous.names.length === 0 && parts.subject.length > 0;
  if (subjectAsked && own[it] === "it" && !ownWho && !ownThing && !ownIntent) {
    const text = [...own.slice(0, it), ...parts.subject, ...own.slice(it + 1), ...parts.who];
    return { text: text.join(" "), carried: [...parts.subject, ...parts.who] };
  }
  // "how much money?" after "what is the Genesis Mission?": an amount asked in a word or two (of one topic, money),
  // of the thing named; "how much?" alone takes the place of the question word before.
  const amountWords = own.slice(2).filter((word) => !FILLER_WORDS.has(word)).length;
  const amountOfName =
    previous.names.length > 0 &&
    previous.deals.length === 0 &&
    !ownWho &&
    current.names.length + current.subjectTerms.length === 0 &&
    current.topics.length <= 1 &&
    own[0] === "how" &&
    AMOUNT.has(own[1] ?? "") &&
    amountWords > 0 &&
    amountWords <= 2;
  if (amountOfName) {
    const named = previous.names.flatMap((name) => name.words);
    return { text: [...own, ...named].join(" "), carried: named };
  }
  // "by whom?", "who?" after "is the uk deal paused?": who did what was asked of, not who signed; after "when was
  // the japan deal signed?", who signed it.
  const onlyWho = own.length > 0 && own.every((word) => BY_WHOM.has(word));
  if (onlyWho && previous.intent === "status") {
    // "by whom?" after "tell me about the pause": who paused it, in the word the reports use ("paused").
    const { pauseAsked, pauseReported } = phrasing;
    const words = [...parts.intent, ...parts.subject, ...parts.who];
    const ofPause = (word: string) => holdsAnyOf(word, pauseAsked);
    const carried = words.map((word) => (ofPause(word) ? (pauseReported[0] ?? word) : word));
    return { text: [...(words.some(ofPause) ? ["who"] : own), ...carried].join(" "), carried };
  }
  if (onlyWho && SIGNING_INTENTS.has(previous.intent) && parts.who.length > 0) {
    const carried = ["signed", ...parts.who];
    return { text: ["who", ...carried].join(" "), carried };
  }
  // "is it over?" after "tell me about the pause": "it" is the development asked of before (the words that asked
  // for it are what it is), named by no deal; not after news in general ("any news?").
  const development = [...parts.intent, ...parts.subject];
  // "who reported it?" after "was the UK deal paused?": the report of the pause, of that deal.
  const ofPause =
    hasAnyOf(own, phrasing.saying) &&
    development.some(
      (word) => holdsAnyOf(word, phrasing.pauseAsked) || holdsAnyOf(word, phrasing.resumeAsked),
    );
  const ofDevelopment =
    previous.intent === "status" &&
    (previous.deals.length + previous.names.length === 0 || ofPause) &&
    it >= 0 &&
    !ownWho &&
    current.topics.length + current.names.length === 0 &&
    development.some((word) => !phrasing.latestAsked.includes(word));
  if (ofDevelopment) {
    const text = [...own.slice(0, it), ...development, ...own.slice(it + 1), ...parts.who];
    return { text: text.join(" "), carried: [...development, ...parts.who] };
  }
  // "why there?", "why then?" after "where was the UK deal signed?": why it was signed at that place or time.
  // Not after "who paused it?": why it was paused.
  const whyOfRecord =
    SIGNING_INTENTS.has(previous.intent) &&
    !holdsAnyOf(previous.text, phrasing.pauseAsked) &&
    parts.who.length > 0 &&
    hasAnyOf(own.slice(0, 1), phrasing.reasonAsked) &&
    own.slice(1).every((word) => WHERE_OR_WHEN_GIVEN.has(word));
  if (whyOfRecord) {
    const carried = [...parts.who, "signed"];
    return { text: ["why", "was", ...carried, ...own.slice(1)].join(" "), carried };
  }
  // "who was there?", "who else attended?" after "when was the Korea deal signed?": who was at its signing.
  const whoWasThere =
    SIGNING_INTENTS.has(previous.intent) &&
    parts.who.length > 0 &&
    own[0] === "who" &&
    own.slice(1).every((word) => AT_THE_SIGNING.has(word)) &&
    hasAnyOf(own, ["there", "attended", "present"]);
  if (whoWasThere) {
    const carried = ["the", "signing", "of", ...parts.who];
    return { text: ["who", "was", "at", ...carried].join(" "), carried };
  }
  // "was Trump there?", "did Starmer attend?" after "when was the Korea deal signed?": whether they were at it.
  const thereWords = ["there", "attend", "attended", "present"];
  const attendee = own
    .slice(1)
    .filter(
      (word) =>
        !thereWords.includes(word) && !FILLER_WORDS.has(word) && !phrasing.personPronouns.includes(word),
    );
  const personThere =
    SIGNING_INTENTS.has(previous.intent) &&
    parts.who.length > 0 &&
    /^(was|were|did)$/.test(own[0] ?? "") &&
    hasAnyOf(own, thereWords) &&
    attendee.length > 0 &&
    attendee.length <= 3;
  if (personThere) {
    const carried = ["at", "the", "signing", "of", ...parts.who];
    return { text: ["was", ...attendee, ...carried].join(" "), carried };
  }
  // "what else happened that day?" after "where was the UK deal signed?": on the day it was signed.
  const thatDay = own.findIndex(
    (word, i) => POINTING.has(word) && (own[i + 1] === "day" || own[i + 1] === "date"),
  );
  if (SIGNING_INTENTS.has(previous.intent) && parts.who.length > 0 && thatDay >= 0) {
    const carried = ["the", "day", ...parts.who, "was", "signed"];
    return { text: [...own.slice(0, thatDay), ...carried, ...own.slice(thatDay + 2)].join(" "), carried };
  }
  // "was it at Chequers?" after "who signed the UK deal?" asks a question of its own, of the same deal.
  const ownQuestion = yesNo && ownSubject;
  // "what did they say about it?": what was said of the previous subject, or of what the previous question asked.
  const ofIt = asksSaid && own.some((word) => POINTING.has(word));
  // "what did they agree on AI?" after "where?" asks its own question of the same deal.
  const ownAsking = QUESTION_WORDS.has(own[0] ?? "") && ownSubject;
  // "how much?" after "when was it announced?", "why there?" after "where was it signed?": a question word of its
  // own takes the place of the words that asked before ("where was", not "was" left to make it a yes/no question).
  const ownWord = QUESTION_WORDS.has(own[0] ?? "") && !whenOfState;
  const carriedIntent =
    (!ownIntent || whenOfState || ofIt) && !ownQuestion && !ownAsking && !STANDALONE.has(previous.intent)
      ? ownWord && parts.intent.some((word) => QUESTION_WORDS.has(word))
        ? []
        : parts.intent
      : [];
  // A new kind of question ("who signed it?") asks about the same deal, not about the same subject;
  // "compare" goes across the deals and takes the subject.
  const comparing = ownIntent && current.intent === "compare";
  // "compare with korea" after "japan ai": the deal before beside the one named; "what do they share?" after
  // "compare uk and japan": the deals before, pointed back at.
  const pointsBack = current.deals.length === 0 && hasAnyOf(own, phrasing.pointBack);
  const besides = comparing && (current.deals.length === 1 || pointsBack) ? parts.who : [];
  const carriedWho = ownWho || comparing ? besides : parts.who;
  const carriedSubject =
    ownSubject || (ownIntent && !comparing && !whenOfState && !ofIt) ? [] : parts.subject;

  const carried = [...carriedIntent, ...carriedWho, ...carriedSubject];
  if (carried.length === 0) return whole;
  // "when did that happen?": what happened is the previous question's; only "when" is its own.
  const asked = whenOfState ? own.filter((word) => BARE_WHEN.has(word)) : own;
  return { text: [...carriedIntent, ...asked, ...carriedWho, ...carriedSubject].join(" "), carried };
}

/** "what did the UK say?", "what did Kratsios say?": asking what someone said, a kind of question of its own. */
const asksWhatWasSaid = (tokens: readonly string[], phrasing: Phrasing) =>
  QUESTION_WORDS.has(tokens[0] ?? "") && hasAnyOf(tokens, phrasing.sayAsked);

/** Marks the readings that came from the carried words, for "why this answer". */
export function markCarried(readings: readonly Reading[], followUp: FollowUp, ownText: string): Reading[] {
  if (followUp.carried.length === 0) return [...readings];
  const own = tokenize(ownText);
  return readings.map((reading) => {
    const words = tokenize(reading.words);
    const fromCarried = indexOfSequence(followUp.carried, words, new Set()) >= 0;
    return fromCarried && indexOfSequence(own, words, new Set()) < 0
      ? { ...reading, carried: true }
      : reading;
  });
}

/**
 * "what do they say?" after "which deals cover fusion?": what the deals say on the topics that question asked of,
 * when the follow-up points back at them and asks of nothing else. Null otherwise.
 */
function ofThoseFound(current: ParsedQuery, previous: ParsedQuery, phrasing: Phrasing): FollowUp | null {
  // "what does it say?" after "which deal covers cybersecurity?" points back as "what do they say?" does.
  const pointsBack = current.tokens.some(
    (token) => POINTING.has(token) || phrasing.pointBack.includes(token),
  );
  // "what does the uk one say?": one of them, by its name.
  const picksOne = current.deals.length > 0;
  const ownAsked = current.topics.length + current.names.length + current.sections.length;
  const topics = wordsReadAs(previous.readings, "topic");
  const ownIntent = current.intentBy !== "default";
  const back = pointsBack || picksOne;
  if (previous.form !== "which-deal" || !back || ownAsked > 0 || ownIntent || topics.length === 0)
    return null;
  return { text: [...current.tokens, ...topics].join(" "), carried: topics.flatMap(tokenize) };
}

/**
 * "who signed it?", "when were they signed?" after "which deal mentions Artemis?": a question of its own asked of the
 * deals that answer found, pointed back at; "compare them" compares them on what was asked. Null otherwise.
 */
function askedOfThoseFound(
  current: ParsedQuery,
  previous: ParsedQuery,
  phrasing: Phrasing,
  dealsFound: () => readonly string[],
): FollowUp | null {
  const pointsBack = current.tokens.some(
    (token) => POINTING.has(token) || phrasing.pointBack.includes(token),
  );
  if (previous.form !== "which-deal" || current.intentBy === "default" || current.deals.length > 0)
    return null;
  if (current.topics.length + current.names.length > 0) return null;
  const found = dealsFound();
  // "when?", "where?" alone after an answer that found one deal: asked of it.
  const bare = current.subjectTerms.length === 0 && current.tokens.length <= 2 && found.length === 1;
  if (found.length === 0 || !(pointsBack || bare)) return null;
  const deals = andJoined(found);
  const topics = current.intent === "compare" ? wordsReadAs(previous.readings, "topic") : [];
  return { text: [...current.tokens, ...deals, ...topics].join(" "), carried: [...found, ...topics] };
}

/**
 * "who signed that one?", "when was it signed?" after "which is the newest?": the deal that question ranked, of
 * those it found in order of signing the last ("newest", "latest", "most recent") or the first ("oldest",
 * "earliest"). Null otherwise.
 */
function rankedOfThoseFound(
  current: ParsedQuery,
  previous: ParsedQuery,
  dealsFound: () => readonly string[],
): FollowUp | null {
  const last = hasAnyOf(previous.tokens, LAST_SIGNED);
  const ranked = last || hasAnyOf(previous.tokens, FIRST_SIGNED);
  const asked = previous.topics.length + previous.names.length;
  const pointsBack = current.tokens.some((token) => POINTING.has(token));
  if (previous.form !== "which-deal" || !ranked || asked > 0 || current.deals.length > 0 || !pointsBack)
    return null;
  const found = dealsFound();
  const deal = last ? found.at(-1) : found[0];
  return deal ? { text: [...current.tokens, deal].join(" "), carried: [deal] } : null;
}

/** The words ranking a deal last or first in order of signing: "the newest", "signed first". */
const LAST_SIGNED = ["last", "latest", "newest", "recent", "recently"];
const FIRST_SIGNED = ["first", "earliest", "oldest"];

/**
 * "tell me more about the first one" after "which deals cover fusion?": the deal at that place in the previous
 * answer, on the topics that question asked of. Null otherwise.
 */
function oneOfThoseFound(
  current: ParsedQuery,
  previous: ParsedQuery,
  dealsFound: () => readonly string[],
): FollowUp | null {
  const place = current.tokens.find(
    (token, i) => PLACES.has(token) && /^(one|deal)$/.test(current.tokens[i + 1] ?? ""),
  );
  const topics = wordsReadAs(previous.readings, "topic");
  // "the second one" after "which deals cover fusion?" (that deal's fusion) or after "list the deals" (that deal).
  const ofList = previous.intent === "deals" && topics.length === 0;
  const ofWhich = previous.form === "which-deal" && topics.length > 0;
  if (!place || current.deals.length > 0 || !(ofList || ofWhich)) return null;
  const deal = dealsFound().at(PLACES.get(place) as number);
  if (!deal) return null;
  const carried = [deal, ...topics.flatMap(tokenize)];
  return { text: carried.join(" "), carried };
}

/** Where a deal picked by its place stands in a list: "the first one", "the last one". */
const PLACES: ReadonlyMap<string, number> = new Map([
  ["first", 0],
  ["second", 1],
  ["third", 2],
  ["last", -1],
  ["former", 0],
  ["latter", -1],
]);

/** The person "Who is Kratsios?" asks about, as its words; none for a question of anything else. */
function personAsked(query: ParsedQuery, phrasing: Phrasing): string[] {
  const opening = phrasesIn(query.tokens.slice(0, 2), phrasing.whoIsAsked)[0];
  if (!opening || query.deals.length + query.topics.length + query.sections.length > 0) return [];
  const rest = query.tokens.slice(tokenize(opening).length).filter((token) => !FILLER_WORDS.has(token));
  return rest.length > 0 && rest.length <= 3 ? rest : [];
}

function standsAlone(query: ParsedQuery): boolean {
  return (
    query.greeting ||
    query.offTopic !== null ||
    query.allDeals ||
    query.form === "which-deal" ||
    (query.intentBy !== "default" && STANDALONE.has(query.intent)) ||
    query.tokens.length === 0
  );
}

/** The words without the openers they start with ("and also what about japan" is "japan"); never all of them. */
function dropOpeners(tokens: readonly string[]): string[] {
  const openerOf = (words: readonly string[]) =>
    OPENERS.find((opener) => words.length > opener.length && opener.every((word, i) => words[i] === word));
  let rest = [...tokens];
  for (let opener = openerOf(rest); opener; opener = openerOf(rest)) rest = rest.slice(opener.length);
  return rest;
}

/** The previous question with its deals and countries replaced by others, in place. */
function swapWho(previous: ParsedQuery, whoAt: ReadonlySet<number>, who: string[]): FollowUp {
  const kept = previous.tokens.filter((_token, i) => !whoAt.has(i));
  const first = previous.tokens.findIndex((_token, i) => whoAt.has(i));
  const at = first < 0 ? kept.length : first;
  const text = [...kept.slice(0, at), ...who, ...kept.slice(at)].join(" ");
  return { text, carried: kept };
}

type Parts = {
  intent: string[];
  who: string[];
  whoAt: ReadonlySet<number>;
  subject: string[];
  subjectAt: ReadonlySet<number>;
};

/** The previous question's words by role: the intent's words, the deals and countries, and the rest (its subject). */
function partsOf(previous: ParsedQuery): Parts {
  const take = (kinds: ReadonlyArray<Reading["kind"]>, used: Set<number>): string[] => {
    const words: string[] = [];
    for (const reading of previous.readings) {
      if (!kinds.includes(reading.kind)) continue;
      const sequence = tokenize(reading.words);
      const at = indexOfSequence(previous.tokens, sequence, used);
      if (at < 0) continue;
      for (let i = at; i < at + sequence.length; i++) used.add(i);
      words.push(...sequence);
    }
    return words;
  };
  const intentAt = new Set<number>();
  const whoAt = new Set<number>();
  const intent = take(["intent"], intentAt);
  const who = take(["deal", "country"], whoAt);
  const subjectAt = new Set(
    previous.tokens.flatMap((token, i) =>
      !intentAt.has(i) &&
      !whoAt.has(i) &&
      (previous.inPhrases.has(i) || previous.sectionAt.has(i) || !FILLER_WORDS.has(token))
        ? [i]
        : [],
    ),
  );
  const subject = previous.tokens.filter((_token, i) => subjectAt.has(i));
  return { intent, who, whoAt, subject, subjectAt };
}

/** Words for several deals, joined as a question joins them: ["uk", "and", "japan"]. */
const andJoined = (words: readonly string[]): string[] =>
  words.flatMap((word, i) => (i === 0 ? [word] : ["and", word]));
