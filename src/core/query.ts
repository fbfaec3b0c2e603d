import type { IntentName, Reading } from "./answer.js";
import type { DealId, OtherLanguages, Phrasing, Section } from "./model.js";
import { MAX_QUERY_LENGTH, normalizeInput } from "./normalize.js";
import { MONTHS } from "./phrasing.js";
import { restated } from "./restate.js";
import {
  anyOf,
  askerPositions,
  FILLER_WORDS,
  hasAnyOf,
  indexInside,
  indexOfSequence,
  once,
  phrasesIn,
  positionsOf,
  QUESTION_WORDS,
  setOf,
  startingIn,
  tokenize,
  unique,
  wordsOfPhrases,
  writtenWords,
} from "./text.js";
import { type NameMatch, type Vocabulary, writtenUnspaced } from "./vocabulary.js";

/** How an intent is recognised: a leading command word, or a cue phrase anywhere in the question. */
export type IntentCues = {
  name: IntentName;
  commands: readonly string[];
  cues: readonly string[];
  /** Cues that only name the deals ("tpd"): any other intent's cue in the question wins over them. */
  weakCues?: boolean;
};

/** The shape of a question: which deal(s) cover something, a yes/no question, or anything else. */
type QuestionForm = "which-deal" | "yes-no" | "open";

export type ParsedQuery = {
  /** The question after normalisation (what the answer echoes). */
  text: string;
  shortened: boolean;
  /** Words typed with a slip and the words they were read as ("sined" → "signed"): guesses, not what was typed. */
  guessed: Array<{ typed: string; read: string }>;
  intent: IntentName;
  /** How the intent was recognised: a leading command word, a cue phrase, or neither (the default). */
  intentBy: "command" | "cue" | "default";
  deals: DealId[];
  topics: string[];
  /** Named bodies, programmes and places ("RIKEN", "Korea AI Safety Institute"): texts have them word for word. */
  names: NameMatch[];
  /** Sections asked about in other words ("aim" → purpose, "formal name" → document). */
  sections: Section[];
  /** Countries named that have no deal. */
  countries: string[];
  /** Remaining meaningful words, for full-text search. */
  terms: string[];
  /** The terms that say what the question is about, without its framing ("mention", "set up"). */
  subjectTerms: string[];
  /** Publishers the question asks what they said ("did the White House say …"), as sources.yaml names them. */
  publishers: string[];
  form: QuestionForm;
  /** A thing offered with its negation ("binding or not", "binding or non-binding"): see `negationOffered`. */
  orNot: NegationOffered;
  /** The words on each side of every "or" ("tokyo" | "osaka"), in order; none without an "or". */
  alternatives: ReadonlyArray<readonly string[]>;
  /** "all three", "every deal": a which-deal question about all the deals at once. */
  allDeals: boolean;
  /** Asks whether a text covers something ("does … cover", "is … part of"). */
  coverage: boolean;
  /** A request the bot does not serve ("write a song"), or null. */
  offTopic: string | null;
  /** Only a greeting or thanks. */
  greeting: boolean;
  /** Asked in another language: read for the deals, topics and intent it names, answered in English. */
  foreign: boolean;
  readings: Reading[];
  /** The question's tokens, lowercase (for splitting a question in parts). */
  tokens: string[];
  /** Token positions inside a vocabulary phrase of two or more words. */
  inPhrases: ReadonlySet<number>;
  /** The positions of the words naming a section ("be ended", "pull out"), which a follow-up carries whole. */
  sectionAt: ReadonlySet<number>;
  /** How many of the last tokens are a tag making a statement a question ("…, right?"): see `tagLength`. */
  tag: number;
  /**
   * A statement asked as a question, by its tag ("…, right?") or by its question mark alone ("UK deal signed in
   * September?"): its first word is a word of the claim, not one opening a question.
   */
  stated: boolean;
};

/** Reads a question: which intent, which deals, topics and other words. Intents are tried in the given order. */
export function parseQuery(
  raw: unknown,
  vocabulary: Vocabulary,
  intents: readonly IntentCues[],
): ParsedQuery {
  const normalized = normalizeInput(raw);
  const namesSomething = (words: string) =>
    vocabulary.match(tokenize(words), words, false).readings.length > 0;
  // A restated word may be longer than typed ("r" → "are"): the question stays within the length a thread carries.
  const text = Array.from(restated(normalized.text, vocabulary.phrasing, namesSomething))
    .slice(0, MAX_QUERY_LENGTH)
    .join("");
  const { shortened } = normalized;
  const typed = tokenize(text);
  const foreign = inOtherLanguage(typed, vocabulary.otherLanguages);
  const cueWords = cueWordsOf(intents);
  // "CNA" is a name typed in capitals, never a slip of "can" (in a question not typed all in capitals).
  const capitals = /\p{Ll}/u.test(text) ? (text.match(/\b\p{Lu}{2,}\b/gu) ?? []) : [];
  const acronyms = new Set(capitals.map((word) => word.toLowerCase()));
  const tokens = foreign
    ? typed
    : typed.map((token) => (acronyms.has(token) ? token : vocabulary.spelled(token, cueWords)));
  const intentConsumed = new Set<number>();
  // "ki", "ia" name AI only in a question asked in another language.
  const foreignOnly = new Set(vocabulary.phrasing.foreignOnly);
  const readable = (list: readonly string[]) =>
    foreign ? list : list.map((token) => (foreignOnly.has(token) ? "" : token));
  const whole = vocabulary.match(readable(tokens), text, foreign);
  const inPhrases = whole.inPhrases;
  // "What did Kratsios say when the deals were signed?": a "when" inside a question opened by another question
  // word starts a clause of time; it asks for no date.
  const clauseOfTime = tokens.flatMap((token, i) =>
    token === "when" &&
    i > 1 &&
    QUESTION_WORDS.has(tokens[0] ?? "") &&
    tokens[0] !== "when" &&
    tokens[i - 1] !== "and"
      ? [i]
      : [],
  );
  const intent = detectIntent(tokens, intents, intentConsumed, new Set([...inPhrases, ...clauseOfTime]));

  const remaining = tokens.map((token, i) => (intentConsumed.has(i) ? "" : token));
  // Read again only when the intent took words away; usually the first reading stands.
  const match = intentConsumed.size === 0 ? whole : vocabulary.match(readable(remaining), text, foreign);
  // "法的拘束力", "contraignant": a topic asked in another language is looked for in the texts by its English alias.
  const inEnglish = (reading: Reading): Reading =>
    foreign && reading.kind === "topic" && !reading.alias
      ? { ...reading, alias: vocabulary.englishAlias(reading.as) }
      : reading;
  // "Is Kratsios the science adviser?": a topic's word before a post is part of its title, no topic asked.
  // Its words are then words to look for.
  const posts = setOf(vocabulary.phrasing.postNouns);
  const titleWordsAt = new Set<number>();
  const titled = tokens.some((token) => posts.has(token));
  const inTitle = (reading: Reading) => {
    if (!titled || reading.kind !== "topic") return false;
    const words = tokenize(reading.words);
    const at = indexOfSequence(tokens, words);
    if (at < 0 || !posts.has(tokens[at + words.length] ?? "")) return false;
    for (let i = at; i < at + words.length; i++) titleWordsAt.add(i);
    return true;
  };
  const read = match.readings.filter((reading) => !inTitle(reading));
  const readings: Reading[] = [...(intent.reading ? [intent.reading] : []), ...read.map(inEnglish)];
  const of = (kind: Reading["kind"]) => unique(read.filter((r) => r.kind === kind).map((r) => r.as));

  const dealsRead = of("deal");
  const topics = of("topic");
  const named = dealsRead.filter(
    (deal) => !match.qualifiers.has(deal as DealId) || namedOutsideNames(match, deal),
  );
  // "I run a startup": the asker's own words name no section of a deal.
  const aboutAsker = askerPositions(text);
  const { phrasing } = vocabulary;
  // "Who called it a game-changing deal?": a word of saying after "who" names no document.
  const sayWords = setOf(vocabulary.phrasing.sayAsked);
  const saidBySomeone = (at: number) => sayWords.has(tokens[at] ?? "") && tokens[at - 1] === "who";
  // "the two-year licensing goal", "the 2028 target": a goal named by a topic or a number before it is one the deal
  // sets, not what it is for.
  const topicWordAt = (at: number) =>
    read.some((r) => r.kind === "topic" && positionsOf(tokens, tokenize(r.words)).includes(at));
  const goalNamed = (hit: { id: Section; positions: number[] }) => {
    const [at = 0, ...more] = hit.positions;
    return (
      hit.id === "purpose" && more.length === 0 && (/\d/.test(tokens[at - 1] ?? "") || topicWordAt(at - 1))
    );
  };
  const sectionsRead = vocabulary
    .sectionsIn(tokens)
    .filter(
      (hit) => hit.positions.some((at) => !aboutAsker.has(at) && !saidBySomeone(at)) && !goalNamed(hit),
    );
  // "What does the US get out of the Korea deal?", "Who benefits?": what a side gains is what the deal is for,
  // not how to leave it ("How do I get out of the deal?").
  const gain = gainPositions(tokens, phrasing);
  // "When did the UK deal start?", "Did the Korea MOU begin in November 2025?": a deal starting, asked when, is its
  // taking effect; not "When did talks on the UK deal start?" nor "How does the Japan MOC begin?" (its opening).
  const dealWordAt = (at: number) =>
    phrasing.dealNouns.includes(tokens[at] ?? "") ||
    read.some((r) => r.kind === "deal" && positionsOf(tokens, tokenize(r.words)).includes(at));
  const dealSubject = (verb: number) => {
    let at = verb - 1;
    while (at >= 0 && (dealWordAt(at) || tokens[at] === "the")) at -= 1;
    return at < verb - 1 && !OF_ANOTHER.has(tokens[at] ?? "");
  };
  const askedWhen =
    tokens.includes("when") || tokens.some((token) => /^\d+$/.test(token) || MONTHS.includes(token));
  const started = tokens.flatMap((token, i) =>
    askedWhen && phrasing.startVerbs.includes(token) && tokens[i + 1] !== "with" && dealSubject(i) ? [i] : [],
  );
  const startHit =
    started.length > 0 && !sectionsRead.some((hit) => hit.id === "operative")
      ? [{ id: "operative" as const, positions: started }]
      : [];
  const sectionHits = [
    ...(gain
      ? [
          { id: "purpose" as const, positions: gain },
          ...sectionsRead.filter((hit) => !hit.positions.some((position) => gain.includes(position))),
        ]
      : sectionsRead),
    ...startHit,
    ...(sectionsRead.length === 0 ? successionHits(tokens, dealsRead.length > 0, phrasing) : []),
  ];
  const sectionWords = new Set(sectionHits.flatMap((hit) => hit.positions));
  // "Which fields did the White House say …": who said it is the source asked, not words to look for.
  const said = hasAnyOf(tokens, phrasing.saying);
  // "According to the MOU, who can end it?": who says it frames the question; its words are not looked for.
  const framedBy = patternsOf(phrasing).framing.exec(text);
  const framed = tokenize(framedBy?.[0] ?? "").length;
  const saidBy = vocabulary.publishers.map(({ names }) =>
    said ? wordsOfPhrases(names).flatMap((name) => positionsOf(tokens, name)) : [],
  );
  // "I'm at a bank. Is finance mentioned?" asks on its own, so the bank is who asks; "I'm writing on cancer
  // research - is there anything that touches on that?" asks about the asker's own words.
  const dealWords = new Set(wordsReadAs(match.readings, "deal", "country"));
  // "Who is the US ambassador to Japan according to the deal?": a framing at the end names no words to look for.
  const framedFrom = !patternsOf(phrasing).framingAnywhere.test(text)
    ? tokens.length
    : Math.min(
        ...phrasing.sourceFraming.map((phrase) => {
          const words = tokenize(phrase);
          const at = indexOfSequence(tokens, words);
          const rest = tokens.slice(at + words.length);
          const deal = (token: string) =>
            FILLER_WORDS.has(token) || dealWords.has(token) || phrasing.dealNouns.includes(token);
          return at > 0 && rest.every(deal) ? at : tokens.length;
        }),
      );
  const asksOnItsOwn =
    aboutAsker.size > 0 &&
    tokens.some(
      (token, i) =>
        !aboutAsker.has(i) &&
        !FILLER_WORDS.has(token) &&
        !dealWords.has(token) &&
        !phrasing.framing.includes(token) &&
        !phrasing.yesNo.includes(token),
    );
  // "I'm an AI policy officer. Does the Japan deal cover AI standards?": AI is asked once, in the question itself.
  const askedTopics = asksOnItsOwn
    ? vocabulary
        .match(
          remaining.map((token, i) => (aboutAsker.has(i) ? "" : token)),
          text,
        )
        .readings.filter((r) => r.kind === "topic")
    : [];
  const readAgainInAsker = (r: Reading) =>
    r.kind === "topic" &&
    askedTopics.some((t) => t.as === r.as) &&
    !askedTopics.some((t) => t.as === r.as && t.words === r.words);
  // "Could you write me a short explanation of …": asks for the deal explained; none of those words is looked for.
  // Nor is "unique" of "what's unique about the Korea deal?", which asks how it compares, or "mostly" of "what is
  // it mostly about?".
  const placesOf = (list: readonly string[]) =>
    phrasesIn(tokens, list).flatMap((phrase) => positionsOf(tokens, tokenize(phrase)));
  // "How much did Korea commit to the deal?" asks a sum: "commit to" is no request for an overview then.
  const sumAsked = tokens[0] === "how" && tokens[1] === "much";
  const phrased = sumAsked ? [] : placesOf(phrasing.explaining);
  // "give me 3 bullet points on …": the count of a way of telling is part of it.
  const explaining = [
    ...phrased,
    ...phrased
      .filter((i) => !phrased.includes(i - 1) && /^\d{1,2}$/.test(tokens[i - 1] ?? ""))
      .map((i) => i - 1),
  ];
  // Nor is the verb of an open question on how two things link ("how does it relate to Japan?"): the things are
  // looked for together. A yes/no question ("is it linked to …?") keeps it for the sentence that says so.
  const told = new Set([
    ...(explaining.length > 0 ? [...explaining, ...placesOf(phrasing.composing)] : []),
    ...placesOf(phrasing.uniqueAsked),
    ...placesOf(phrasing.degreeAsked),
    ...(QUESTION_WORDS.has(tokens[0] ?? "") ? placesOf(phrasing.relations) : []),
  ]);
  const tag = tagLength(tokens, phrasing);
  const terms = unique(
    remaining.filter(
      (token, i) =>
        token !== "" &&
        (!match.consumed.has(i) || titleWordsAt.has(i)) &&
        !told.has(i) &&
        !sectionWords.has(i) &&
        !saidBy.some((positions) => positions.includes(i)) &&
        i >= framed &&
        i < framedFrom &&
        !(asksOnItsOwn && aboutAsker.has(i)) &&
        !FILLER_WORDS.has(token) &&
        !(foreign && !vocabulary.uses(token)) &&
        i < tokens.length - tag,
    ),
  );
  // "I'm at a bank. Is finance mentioned …?": the question opens where the asker's own words end.
  // "If both sides agree, can it end sooner?", "Of the UK and Korea deals, was the latter …?": the question opens
  // after its condition or the things it chooses among.
  const afterLeadIn = patternsOf(phrasing).leadIn.exec(text)?.[1]?.toLowerCase();
  const opener = asksOnItsOwn
    ? tokens.find((_, i) => !aboutAsker.has(i))
    : (afterLeadIn ?? tokens[opensAt(tokens, framed, phrasing)] ?? tokens[framed]);
  // "Of …, was the latter signed in Gyeongju?": the one of two deals named that "the former" or "the latter" means,
  // after such a lead-in only ("signed by a former minister" keeps both).
  const pick =
    afterLeadIn && named.length === 2 ? tokens.find((token) => /^(former|latter)$/.test(token)) : undefined;
  const meant = pick ? named.filter((_, i) => i === (pick === "latter" ? 1 : 0)) : named;
  // "UK deal signed in September?", "The notice period is 90 days for the UK deal?": a statement with a verb of
  // stating, asked by its question mark alone; not "korea 6g?" (no verb), "the deals are about what?", "since it
  // is non-binding, can either side leave?" (a question inside) nor "any updates since it was signed?".
  const rising =
    !foreign &&
    tag === 0 &&
    intent.by !== "command" &&
    /\?\s*$/.test(text) &&
    !hasAnyOf([tokens[0] ?? "", opener ?? ""], phrasing.elidedOpeners) &&
    !tokens.some(
      (token) =>
        QUESTION_WORDS.has(token) ||
        (phrasing.yesNo.includes(token) && !phrasing.statedVerbs.includes(token)),
    ) &&
    !phrasing.yesNo.includes(opener ?? "") &&
    hasAnyOf(tokens.slice(1), phrasing.statedVerbs);
  const given = new Set(tokens.filter((_token, i) => givenAsThing(tokens, i, phrasing)));
  const framing =
    given.size === 0 ? setOf(phrasing.framing) : new Set(phrasing.framing.filter((word) => !given.has(word)));
  const orNot = negationOffered(text, tokens, phrasing);
  // "which of the tech deals", "all three technology prosperity deals": the deals' title words change no phrase.
  const plain = tokens.filter((token) => !setOf(phrasing.titleWords).has(token));
  const has = (phrases: readonly string[]) => phrasesIn(plain, phrases).length > 0;
  // "Does Korea or Japan cover fusion?", "Is fusion in the Korea deal or only Japan?": which of the deals offered.
  const [left = [], right = []] = tokens.includes("or") ? splitAt(tokens, "or").slice(-2) : [];
  const dealWord = (token: string) => dealWords.has(token) || phrasing.dealNouns.includes(token);
  // "Is biotech in the UK deal?", "Are space and fusion in the Korea deal?", "Is Russia in any deal?": topics or
  // countries, and nothing else, asked to be in a deal ask whether the deal covers them.
  const inAt = tokens.indexOf("in");
  // "Is quantum also in the Korea deal?", "Is the Genesis Mission in the Japan deal?": "also" and an article add
  // nothing to what is asked to be in it.
  const between = tokens
    .slice(1, inAt)
    .filter((token) => !["also", "the", "a", "an"].includes(token))
    .join(" ")
    .split(/ (?:and|or) /);
  const inDealAsked =
    /^(is|are)$/.test(tokens[0] ?? "") &&
    tokens.slice(inAt + 1, inAt + 4).some(dealWord) &&
    between.every((words) =>
      read.some(
        (reading) => (reading.kind === "topic" || reading.kind === "country") && reading.words === words,
      ),
    );
  const dealsOffered = left.slice(-2).some(dealWord) && right.slice(0, 3).some(dealWord);
  const whichDeal = has(phrasing.whichDeal) || (dealsOffered && new Set(dealsRead).size >= 2);
  // "Does the UK deal mention energy prices?", "Can the next president cancel the deals?" ask of a deal's texts
  // (what they cover, a section of them), whatever the subject.
  const ofDeal = dealsRead.length > 0 || has(phrasing.dealNouns);
  // "Will the UK deal lower energy prices?" asks a question of a deal named as one, whatever the subject; "write a
  // poem about the UK deal" asks for no answer from it.
  const [opening = ""] = tokens;
  const asks = QUESTION_WORDS.has(opening) || phrasing.yesNo.includes(opening);
  // "Does the deal mention energy prices?": a deal's noun with a word of coverage asks of its texts too.
  // "Can the next president cancel them?": a section of a deal asked of a word standing for the deals does too.
  // "What does the deal say about drug prices?" asks it of the texts by a word of saying.
  const ofDealTexts =
    ((dealsRead.length > 0 || (asks && has(phrasing.dealNouns))) && has(phrasing.coverage)) ||
    (asks && ofDeal && hasAnyOf(tokens, phrasing.sayAsked)) ||
    (dealsRead.length > 0 && asks && has(phrasing.dealNouns)) ||
    ((ofDeal || hasAnyOf(tokens, STANDING_FOR_DEALS)) && sectionHits.length > 0);
  // "Explain the TPDs like I'm 5", "eli5 the UK deal": a way of explaining, asked of the deals, is no tutorial.
  const unserved = phrasesIn(tokens, phrasing.offTopic)[0];
  const explainingDeals = ofDeal && unserved !== undefined && phrasing.explaining.includes(unserved);
  const offTopic =
    phrasesIn(tokens, phrasing.requests)[0] ??
    (ofDealTexts || explainingDeals ? undefined : unserved) ??
    requestToBot(text, phrasing);
  // "Is the Korea deal still on track?", "Anything from the Japan deal since it was signed?": a question placed
  // after the signing that asks of no topic, section or name asks for the latest news.
  const later =
    intent.by === "default" &&
    match.names.length === 0 &&
    sectionHits.length === 0 &&
    !match.readings.some((reading) => reading.kind === "topic") &&
    tokens.some(
      (token, i) =>
        i > 0 &&
        (setOf(phrasing.later).has(token) ||
          (setOf(phrasing.after).has(token) && hasAnyOf(tokens.slice(i + 1, i + 4), phrasing.signing))),
    );
  return {
    text,
    shortened,
    // A slip of a word of no substance ("teh") is read without saying so.
    guessed: typed.flatMap((word, i) =>
      tokens[i] === word || FILLER_WORDS.has(tokens[i] ?? "") ? [] : [{ typed: word, read: tokens[i] ?? "" }],
    ),
    intent: later ? "status" : intent.name,
    intentBy: intent.by,
    deals: (named.length > 0 ? meant : dealsRead) as DealId[],
    topics,
    names: match.names,
    sections: unique(sectionHits.map((hit) => hit.id)),
    countries: of("country"),
    terms,
    subjectTerms: quotedTerms(text, terms) ?? terms.filter((term) => !framing.has(term)),
    publishers: vocabulary.publishers.flatMap(({ publisher }, k) => (saidBy[k]?.length ? [publisher] : [])),
    // "Was sieht das Abkommen … vor?" opens with no English yes/no word; "美英协议有法律约束力吗" ends with one,
    // and is decided by the topic it names (its other words are not the texts').
    form: whichDeal
      ? "which-deal"
      : (
            foreign
              ? asksYesNo(text, tokens, vocabulary.otherLanguages) && topics.length > 0
              : (opener &&
                  phrasing.yesNo.includes(opener) &&
                  !askedToTell(tokens.slice(Math.max(framed, tokens.indexOf(opener))), phrasing)) ||
                tag > 0 ||
                rising ||
                // "ROK MOU binding or not", "binding or non-binding", "yes or no": a thing or its negation; a bare
                // "or not" after a question word asks that question ("What is the UK deal, binding or not?").
                orNot.places.some((i) => tokens[i + 1] !== undefined || !QUESTION_WORDS.has(opener ?? ""))
          )
        ? "yes-no"
        : "open",
    orNot,
    alternatives: tokens.includes("or") ? splitAt(tokens, "or") : [],
    allDeals: has(phrasing.allDeals),
    coverage: has(phrasing.coverage) || (foreign && coversIn(text, vocabulary.otherLanguages)) || inDealAsked,
    offTopic,
    foreign,
    // As typed: "Chekers" is a slip of "Chequers", never of "cheers".
    greeting: isGreeting(typed, phrasing.greetings),
    readings: readings.filter((r) => !readAgainInAsker(r)),
    tokens,
    inPhrases,
    sectionAt: sectionWords,
    tag,
    stated: tag > 0 || rising,
  };
}

/** Words that stand for the deals in a question that names none: "can the next president cancel them?". */
const STANDING_FOR_DEALS = ["it", "its", "they", "them", "their"];

/**
 * "Will the next president keep the deals?", asked of no section ("cancel" is the exit terms'): no text says what a
 * future government will do; what binds a deal and how it ends are what they say.
 */
function successionHits(
  tokens: readonly string[],
  dealNamed: boolean,
  phrasing: Phrasing,
): Array<{ id: Section; positions: number[] }> {
  const ofDeals = dealNamed || hasAnyOf(tokens, [...phrasing.dealNouns, ...STANDING_FOR_DEALS]);
  const positions = ofDeals
    ? wordsOfPhrases(phrasing.successionAsked).flatMap((words) => positionsOf(tokens, words))
    : [];
  return positions.length > 0
    ? [
        { id: "legal-status", positions },
        { id: "discontinuation", positions },
      ]
    : [];
}

/** The phrases asking what a side gains, as words: read once per vocabulary. */
const gainPhrases = once((phrasing: Phrasing) => phrasing.gainAsked.map(tokenize));

/** The places of the words asking what a side gains, in a question opened by "what" or "who"; null for any other. */
function gainPositions(tokens: readonly string[], phrasing: Phrasing): number[] | null {
  if (!/^(what|who)$/.test(tokens[0] ?? "")) return null;
  for (const words of gainPhrases(phrasing)) {
    const at = indexOfSequence(tokens, words);
    // "What happens if Korea wants to get out of it?" asks of leaving.
    if (at > 0 && tokens[at - 1] !== "to" && !tokens.slice(0, at).includes("if"))
      return words.map((_, k) => at + k);
  }
  return null;
}

/**
 * "binding or not", "yes or no", "binding or non-binding": a thing offered with its negation. `places`: the tokens
 * after an "or" that negate, which offer the other side of a choice and negate nothing asked. `sides`: the thing and
 * its negation as typed ("binding", "non-binding"), when the question writes both.
 */
export type NegationOffered = { places: readonly number[]; sides: readonly [string, string] | null };

/** Words before a deal that make it the object of another thing: "talks on the UK deal", "work under it". */
const OF_ANOTHER = new Set(["on", "of", "about", "for", "under", "with", "in", "into", "over"]);

/** "Is it an MOU or a treaty?" offers things to choose from; "Is it binding or not?" asks a yes or no. */
export const offersChoice = (query: ParsedQuery): boolean =>
  query.alternatives.length > 0 && query.orNot.places.length === 0;

function negationOffered(text: string, tokens: readonly string[], phrasing: Phrasing): NegationOffered {
  const negations = setOf(phrasing.negations);
  const offered = patternsOf(phrasing).negation.exec(text);
  return {
    places: tokens.flatMap((token, i) => (tokens[i - 1] === "or" && negations.has(token) ? [i] : [])),
    sides: offered ? [offered[1] as string, offered[2] as string] : null,
  };
}

/** The tokens between each `word` and the next. */
function splitAt(tokens: readonly string[], word: string): string[][] {
  const sides: string[][] = [[]];
  for (const token of tokens) {
    if (token === word) sides.push([]);
    else sides[sides.length - 1]?.push(token);
  }
  return sides;
}

/**
 * Patterns of the phrasing, made once per vocabulary: who frames the question ("According to the MOU, …"); a
 * condition or the things a question chooses among, before its comma ("If both sides agree, can it …"); a word
 * and, after "or", the word with a prefix that negates it ("binding or non-binding").
 */
const patternsOf = once(({ sourceFraming, leadIns, negatingPrefixes }: Phrasing) => ({
  framing: new RegExp(`^(?:${anyOf(sourceFraming)})\\s+[^,]+,`, "i"),
  framingAnywhere: new RegExp(`\\b(?:${anyOf(sourceFraming)})\\b`, "i"),
  leadIn: new RegExp(`^(?:${anyOf(leadIns)})\\b[^,]*,\\s*(\\p{L}+)`, "iu"),
  negation: new RegExp(`\\b([\\p{L}-]+) or ((?:${anyOf(negatingPrefixes)})[- ]?\\1)\\b`, "iu"),
}));

/**
 * The words a question puts in quotation marks ("open with the same “Golden Age of Innovation” language") are
 * what it asks about; the words around them only frame it. Null when nothing of substance is quoted.
 */
function quotedTerms(text: string, terms: readonly string[]): string[] | null {
  const quoted = quotedPhrases(text).flat();
  const inQuotes = terms.filter((term) => quoted.includes(term));
  return inQuotes.length > 0 ? inQuotes : null;
}

/** The phrases a question puts in quotation marks, as their words. */
export const quotedPhrases = (text: string): string[][] =>
  [...text.matchAll(/["“]([^"”]{3,})["”]/g)].map((match) => tokenize(match[1] ?? ""));

/**
 * The wording a question asks the texts to have: in quotation marks ("use the phrase 'reached the following
 * understandings'"), or a word or three after a phrase giving it ("Is the UK deal described as historic?", "called a
 * landmark by the White House?"), without an article before it or who is said to use it after.
 */
export function wordingAskedFor(query: ParsedQuery, phrasing: Phrasing): string | null {
  const quoted = wordsInQuotes(query.text);
  if (quoted) return quoted;
  const tokens = query.tokens.slice(0, query.tokens.length - query.tag);
  for (const phrase of phrasesIn(tokens, phrasing.wordingBefore)) {
    const words = tokenize(phrase);
    const rest = tokens.slice(indexOfSequence(tokens, words) + words.length);
    const from = /^(a|an|the)$/.test(rest[0] ?? "") ? 1 : 0;
    const to = rest.findIndex((word, at) => at >= from && /^(by|in|anywhere)$/.test(word));
    const wording = rest.slice(from, to < 0 ? rest.length : to);
    // As typed ("game-changing"), where the words stand together in the question.
    const typed = new RegExp(writtenWords(wording), "i").exec(query.text);
    if (wording.length > 0 && wording.length <= 3) return typed?.[0] ?? wording.join(" ");
  }
  return null;
}

/** The words a question types between quotation marks ("the phrase 'reached the following understandings'"), or null. */
export function wordsInQuotes(text: string): string | null {
  const quoted = /[“"]([^”"]{3,})[”"]|(?<!\w)['‘]([^'’]{3,})['’](?!\w)/.exec(text);
  return quoted ? (quoted[1] ?? quoted[2] ?? null) : null;
}

/** Every word of the intents' commands and cues: what a typo may stand for besides the knowledge's words. */
const cueWordsOf = once(
  (intents: readonly IntentCues[]): ReadonlySet<string> =>
    new Set(intents.flatMap((intent) => [...intent.commands, ...intent.cues].flatMap(tokenize))),
);

/**
 * Asked in another language: most of it in a script without spaces ("Did Ishiba sign the 日米 deal?" stays
 * English), or two words English never writes, more than its English words ("Société Générale" stays English).
 */
function inOtherLanguage(typed: readonly string[], other: OtherLanguages): boolean {
  const unspaced = typed.filter(writtenUnspaced).length;
  if (unspaced > 0 && unspaced * 2 >= typed.length) return true;
  const words = setOf(other.words);
  const english = setOf(other.english);
  const foreignWords = typed.filter((token) => words.has(token) || ACCENTED.test(token)).length;
  return foreignWords >= 2 && foreignWords > typed.filter((token) => english.has(token)).length;
}

/** A question in another language that asks yes or no: one of its particles, and none of its question words. */
function asksYesNo(text: string, tokens: readonly string[], other: OtherLanguages): boolean {
  const lower = text.toLowerCase();
  const says = (list: readonly string[]) =>
    list.some((phrase) =>
      writtenUnspaced(phrase) ? lower.includes(phrase) : indexOfSequence(tokens, phrase.split(" ")) >= 0,
    );
  // "¿El acuerdo con Japón cubre la fusión?", "Deckt das Abkommen … ab?": a verb of covering with no question word
  // asks whether, as an opening word would.
  return (says(other.yesNo) || coversIn(text, other)) && !says(other.open);
}

/** A verb of covering in a question in another language ("cubre", "포함"), found inside its words. */
const coversIn = (text: string, other: OtherLanguages) =>
  other.cover.some((stem) => text.toLowerCase().includes(stem));

/** A word with a letter English does not write ("états", "japão"): two make a question foreign. */
const ACCENTED = /[\u00e0-\u00ff]/;

/**
 * How many of the last tokens are a tag that makes a statement a yes/no question (`phrasing.tags`): 1 for
 * "… in October, right?", 3 for "…, wasn't it?", 4 for "…, isn't that right?"; 0 when there is none.
 */
function tagLength(tokens: readonly string[], phrasing: Phrasing): number {
  if (tokens.length <= 3 || QUESTION_WORDS.has(tokens[0] ?? "")) return 0;
  const word = setOf(phrasing.tags).has(tokens[tokens.length - 1] ?? "") ? 1 : 0;
  const [auxiliary, not, pronoun] = tokens.slice(-3 - word, tokens.length - word);
  const negated =
    setOf(phrasing.tagAuxiliaries).has(auxiliary ?? "") &&
    not === "t" &&
    setOf(phrasing.tagPronouns).has(pronoun ?? "");
  if (negated) return word + 3;
  // "The Japan deal doesn't cover AI, does it?": a plain tag after a statement with a "not".
  const [plainAuxiliary, plainPronoun] = tokens.slice(-2 - word, tokens.length - word);
  const plain =
    setOf(phrasing.auxiliaries).has(plainAuxiliary ?? "") &&
    setOf(phrasing.tagPronouns).has(plainPronoun ?? "") &&
    tokens.slice(1, -2 - word).some((token) => token === "t" || setOf(phrasing.negations).has(token));
  return word + (plain ? 2 : 0);
}

/** Whether a deal is named on its own somewhere, not only as part of a name ("Korea" in "Korea AI Safety Institute"). */
function namedOutsideNames(match: ReturnType<Vocabulary["match"]>, deal: string): boolean {
  const asQualifier = match.names.filter((name) => name.qualifier === deal).length;
  const asDeal = match.readings.filter((reading) => reading.kind === "deal" && reading.as === deal).length;
  return asDeal > asQualifier;
}

type DetectedIntent = { name: IntentName; by: ParsedQuery["intentBy"]; reading: Reading | null };

/**
 * A leading command word first; else the longest cue phrase anywhere ("where can i read" beats "where"), in
 * intent order on ties. Typos of cue words ("wehn", "happend") were read as the cue when the question was read.
 */
function detectIntent(
  tokens: readonly string[],
  intents: readonly IntentCues[],
  consumed: Set<number>,
  inPhrases: ReadonlySet<number>,
): DetectedIntent {
  const first = tokens[0];
  const command = inPhrases.has(0)
    ? undefined
    : intents.find((intent) => intent.commands.includes(first ?? ""));
  const byCommand = (intent: IntentCues): DetectedIntent => {
    consumed.add(0);
    return { name: intent.name, by: "command", reading: intentReading(first ?? "", intent.name) };
  };
  if (command && !command.weakCues) return byCommand(command);
  let best: { intent: IntentName; cue: string[]; at: number } | null = null;
  const ordered = strongCuesFirst(intents);
  const { cues, words } = cuesOf(ordered);
  for (const k of startingIn(setOf(tokens), words)) {
    const { intent, words: cueTokens } = cues[k] as (typeof cues)[number];
    if (best && intent.weakCues) break;
    if (best && cueTokens.length <= best.cue.length) continue;
    const at = cueAt(tokens, cueTokens, inPhrases);
    if (at >= 0) best = { intent: intent.name, cue: cueTokens, at };
  }
  // "日米の…（TPD）はいつ…": a cue written without spaces outranks one that only names the deals ("tpd").
  const weak = best && ordered.find((intent) => intent.name === best?.intent)?.weakCues;
  if (!best || weak) best = cueInside(tokens, ordered) ?? best;
  // "List the areas of the UK deal": a leading word that only asks for a list ("list", "all") says how to answer;
  // another intent's cue further in says what.
  if (command && (!best || best.intent === command.name)) return byCommand(command);
  if (!best) return { name: "ask", by: "default", reading: null };
  for (let i = best.at; i < best.at + best.cue.length; i++) consumed.add(i);
  const cue = tokens.slice(best.at, best.at + best.cue.length).join(" ");
  return { name: best.intent, by: "cue", reading: intentReading(cue, best.intent) };
}

const intentReading = (words: string, as: IntentName): Reading => ({
  words,
  kind: "intent",
  as,
  fuzzy: false,
});

/** Every cue of the intents, in their order, as words: read at once, only where the question has a cue's first word. */
const cuesOf = once((intents: readonly IntentCues[]) => {
  const cues = intents.flatMap((intent) => wordsOfPhrases(intent.cues).map((words) => ({ intent, words })));
  return { cues, words: cues.map((cue) => cue.words) };
});

/** The intents whose cues name more than the deals first, in their order; the others after them. */
const strongCuesFirst = once((intents: readonly IntentCues[]): readonly IntentCues[] => [
  ...intents.filter((i) => !i.weakCues),
  ...intents.filter((i) => i.weakCues),
]);

/**
 * Where a cue stands outside the vocabulary's phrases, or holds one whole ("still in force" holds "in force"):
 * a phrase only partly inside it ("legal status" for "status") outranks it.
 */
function cueAt(tokens: readonly string[], cue: readonly string[], inPhrases: ReadonlySet<number>): number {
  const at = indexOfSequence(tokens, cue);
  if (at < 0) return -1;
  const end = at + cue.length;
  const holdsWhole = cue.length > 1 && !inPhrases.has(at) && !(inPhrases.has(end - 1) && inPhrases.has(end));
  return holdsWhole ? at : indexOfSequence(tokens, cue, inPhrases);
}

/**
 * "日米協定はいつ署名されましたか": in scripts written without spaces a cue stands inside a longer token; the one
 * written first is the question word ("いつ" before "署名"); of two written at one place, the longer ("署名日",
 * the signing date, not "署名").
 */
function cueInside(
  tokens: readonly string[],
  intents: readonly IntentCues[],
): { intent: IntentName; cue: string[]; at: number } | null {
  let best: { intent: IntentName; cue: string[]; at: number; offset: number; length: number } | null = null;
  const text = tokens.join(" ");
  for (const { intent, cue } of unspacedCues(intents)) {
    const offset = text.indexOf(cue);
    const later = best && (best.offset < offset || (best.offset === offset && best.length >= cue.length));
    if (offset < 0 || later) continue;
    const at = indexInside(tokens, cue);
    best = { intent, cue: [tokens[at] as string], at, offset, length: cue.length };
  }
  return best;
}

/** The cues written in scripts without spaces, with their intents, in order: found once per list of intents. */
const unspacedCues = once((intents: readonly IntentCues[]) =>
  intents.flatMap(({ name, cues }) => cues.filter(writtenUnspaced).map((cue) => ({ intent: name, cue }))),
);

/**
 * Only a greeting or thanks: it opens with one ("hi there", "good morning", "thank you so much") and holds
 * nothing else of substance, so "which deals are there?" is a question, not a greeting.
 */
function isGreeting(tokens: readonly string[], greetings: readonly string[]): boolean {
  const entries = wordsOfPhrases(greetings);
  if (!entries.some((words) => words.every((word, i) => tokens[i] === word))) return false;
  const words = new Set(entries.flat());
  return tokens.every((token) => words.has(token) || FILLER_WORDS.has(token));
}

/**
 * "Does any deal cover biotech?", "Has any deal been paused?": a question opened by a word asking yes or no, or a
 * statement asked as one ("Kratsios signed every deal?", "all three cover fusion, right?").
 */
export const opensYesNo = (query: ParsedQuery, phrasing: Phrasing): boolean =>
  phrasing.yesNo.includes(query.tokens[opensAt(query.tokens, 0, phrasing)] ?? "") || query.stated;

/**
 * Where a question opens, from `from` on: "lol is trump in all of them", "ok so does japan cover fusion" — words of
 * no substance before a question word or a yes/no opener open nothing. -1 when nothing does.
 */
const opensAt = (tokens: readonly string[], from: number, phrasing: Phrasing) =>
  tokens.findIndex(
    (token, i) =>
      i >= from && (!FILLER_WORDS.has(token) || QUESTION_WORDS.has(token) || phrasing.yesNo.includes(token)),
  );

/** "give a reason to leave": whether the word at `at` follows a verb of giving, a thing asked for, not framing. */
export const givenAsThing = (tokens: readonly string[], at: number, phrasing: Phrasing): boolean =>
  tokens.slice(Math.max(0, at - 2), at).some((word) => phrasing.givingVerbs.includes(word));

/** Whether a question negates anything: a word of negation, or a verb with "n't" ("doesn't"). */
export const negatesAnything = (query: ParsedQuery, phrasing: Phrasing): boolean =>
  hasAnyOf(query.tokens, phrasing.negations) || /n['’]t\b/i.test(query.text);

/** The topics a question asks a deal to have, before a negation, and not to have, after it. */
export type Split = { wanted: string[]; excluded: string[] };

/**
 * "Which deal includes biotech but not fusion?", "Does the Japan deal cover fusion but not nuclear?": biotech or
 * fusion wanted, the other excluded; null for any other question.
 */
export function splitByNegation(query: ParsedQuery, phrasing: Phrasing): Split | null {
  if (query.form === "open" || query.topics.length < 2) return null;
  const split = aroundNegation(query, phrasing, "topic");
  if (!split) return null;
  const { wanted, excluded, at } = split;
  // "Does any deal cover neither fusion nor nuclear?": nothing wanted, both excluded.
  const neither = query.tokens[at] === "neither";
  return (wanted.length > 0 || neither) && excluded.length > 0 ? { wanted, excluded } : null;
}

/**
 * "Is quantum in the UK deal but not Korea?", "Does Japan cover fusion and not Korea?": the deals named before a
 * negation and those after it, of a yes/no question on a topic. Null for any other question.
 */
export function dealsSplitByNegation(
  query: ParsedQuery,
  phrasing: Phrasing,
): { wanted: DealId[]; excluded: DealId[] } | null {
  if (query.form !== "yes-no" || query.topics.length === 0) return null;
  const split = aroundNegation(query, phrasing, "deal");
  if (!split) return null;
  const wanted = [...new Set(split.wanted)] as DealId[];
  const excluded = [...new Set(split.excluded)] as DealId[];
  const apart = !wanted.some((deal) => excluded.includes(deal));
  return wanted.length > 0 && excluded.length > 0 && apart ? { wanted, excluded } : null;
}

/** What the question names of a kind (topics, deals) before its first negation and after it; null without one. */
function aroundNegation(
  query: ParsedQuery,
  phrasing: Phrasing,
  kind: "topic" | "deal",
): { wanted: string[]; excluded: string[]; at: number } | null {
  const negations = setOf(phrasing.negations);
  // "as well, not just AI": a negation that widens what is asked ("not just", "not only") splits nothing.
  const at = query.tokens.findIndex(
    (token, i) =>
      negations.has(token) && phrasesIn(query.tokens.slice(i, i + 2), phrasing.widening).length === 0,
  );
  if (at < 0) return null;
  const named = query.readings
    .filter((reading) => reading.kind === kind)
    .map((reading) => ({ id: reading.as, at: indexOfSequence(query.tokens, tokenize(reading.words)) }));
  const wanted = named.filter((each) => each.at >= 0 && each.at < at).map((each) => each.id);
  const excluded = named.filter((each) => each.at > at).map((each) => each.id);
  return { wanted, excluded, at };
}

/** The words of the readings of these kinds: "deal" and "country" are the words that name who. */
export function wordsReadAs(readings: readonly Reading[], ...kinds: Reading["kind"][]): string[] {
  return readings
    .filter((reading) => kinds.includes(reading.kind))
    .flatMap((reading) => tokenize(reading.words));
}

/**
 * An instruction to the bot itself ("Ignore the above and …", "Pretend you are Starmer", "Please act as a
 * translator"): a word of the vocabulary's requestsToBot opening a sentence, after a polite opening at most. The
 * same words inside a question ("Does the deal act as a framework?", "Did it disregard privacy?") ask about the
 * deal; an instruction about the asker's own words ("Disregard my last question.") or one to be told ("Remind me
 * who signed it") is no request to serve.
 */
function requestToBot(text: string, phrasing: Phrasing): string | null {
  const opening = setOf(phrasing.politeOpening);
  for (const sentence of text.split(/[.!?;:\n]+/)) {
    const words = tokenize(sentence);
    let at = 0;
    while (opening.has(words[at] ?? "")) at++;
    const rest = words.slice(at);
    const verb = wordsOfPhrases(phrasing.requestsToBot).findIndex(
      (phrase) => indexOfSequence(rest, phrase) === 0,
    );
    // "Remind me who signed it", "tell me about …": asked to be told, which is a question.
    const next = rest[wordsOfPhrases(phrasing.requestsToBot)[verb]?.length ?? 0] ?? "";
    if (verb >= 0 && next !== "my" && !QUESTION_WORDS.has(next) && next !== "of" && next !== "about")
      return phrasing.requestsToBot[verb] ?? null;
    // "Make up a quote from Starmer", "give me a fake statement": a piece to write, in a sentence that asks nothing.
    if (QUESTION_WORDS.has(rest[0] ?? "") || phrasing.yesNo.includes(rest[0] ?? "")) continue;
    const made = phrasesIn(rest, phrasing.composing)[0];
    if (made && phrasesIn(rest.slice(indexOfSequence(rest, tokenize(made))), phrasing.pieces).length > 0)
      return made;
  }
  return null;
}

/**
 * "Can you tell me who signed it?", "Could u give me a rundown …": a request to the bot opened by a yes/no word asks
 * no yes or no, unless what it asks to be told does ("Could you explain whether it is binding?").
 */
function askedToTell([, you = "", verb = "", ...rest]: readonly string[], phrasing: Phrasing): boolean {
  const telling = [...phrasing.openFirst, ...phrasing.explaining, ...phrasing.composing];
  return (
    /^(you|u)$/.test(you) &&
    telling.some((phrase) => phrase.split(" ")[0] === verb) &&
    !rest.some((word) => /^(if|whether)$/.test(word))
  );
}
