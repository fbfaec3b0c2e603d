import type { AnswerDraft, Reading } from "./answer.js";
import { type Lead, ledBy, noLead, phrasedLead, yesOrNoLead } from "./answer-building.js";
import type { KnowledgeLookups } from "./lookups.js";
import type { Deal, DealId, KnowledgeBase, Phrasing, Signatory } from "./model.js";
import { formatDate, joinNames, MONTHS, partnerName, titleCase } from "./phrasing.js";
import { opensYesNo, type ParsedQuery, wordsReadAs } from "./query.js";
import {
  capitalised,
  editDistance,
  FILLER_WORDS,
  hasAnyOf,
  holdsAnyOf,
  indexOfSequence,
  once,
  phrasesIn,
  QUESTION_WORDS,
  setOf,
  tokenize,
  typoAllowance,
} from "./text.js";
import { isSlip } from "./vocabulary.js";

/**
 * The small words a signing question is read by (vocabulary.yaml says what each list is), as sets made once per
 * vocabulary; `whenWords`: the months and seasons, which after "in" say when, not where ("signed in September").
 */
const wordsOf = once((phrasing: Phrasing) => ({
  placeWords: new Set(phrasing.placeWords),
  placeEnds: new Set(phrasing.placeEnds),
  whenWords: new Set([...MONTHS, ...phrasing.seasons]),
  beforeMonth: new Set(phrasing.beforeMonth),
  datedBy: new Set(phrasing.datedBy),
  signerFirst: new Set(phrasing.signerFirst),
  openFirst: new Set(phrasing.openFirst),
  passive: new Set(phrasing.passiveAuxiliaries),
  madePronouns: new Set(phrasing.madePronouns),
}));

/**
 * A place a question names after the word of place at `at` ("in India"). `country`: a country the vocabulary knows
 * (with the deal it is the partner of, if any) or the United States; else a place the knowledge cannot place
 * ("APEC"). `site`: one site ("Downing Street", "Windsor Castle"), never a city or region that may hold another;
 * `city`: a city the vocabulary knows ("Osaka", "Seoul"), even one a deal's name may stand for ("London").
 * `region`: a part of the world some deal's record places its signing in ("Asia", "Europe"); `recorded`: a place
 * some deal's record names ("Chequers"), which no other deal's record holds unless it names it too.
 */
type PlaceAsked = {
  words: string;
  at: number;
  /** The word of place before it: "in", "at". */
  by: string;
  deal: DealId | null;
  country: boolean;
  site: boolean;
  city: boolean;
  region: boolean;
  recorded: boolean;
};

/** What a yes/no question about signing asks: who signed, where, and which deal. */
type SigningAsked = {
  /** Words put where the signer goes ("biden"; "kratsios", "bae"); empty when no one in particular. */
  people: string[];
  /** Countries named as the place of signing ("in India", "in Japan"). */
  places: PlaceAsked[];
  /** The deals asked about: those named other than as a place, else those all the people named signed. */
  deals: DealId[];
  /** Dates asked ("signed in September", "in 2025", "on 18 October"), as a date's "YYYY", "MM" and "DD". */
  dates: Array<{ year?: string; month?: string; day?: string }>;
  /** Whether the people are asked to be the only signers ("Was Bae the only signatory?"). */
  sole: boolean;
  /** Whether the deals are asked to be the only ones the people signed ("Did Kratsios sign only the Japan deal?"). */
  soleDeal: boolean;
};

/** Whether the words follow a word of place: "in India", "at the India …". */
export function isPlace(words: string, query: ParsedQuery, ctx: KnowledgeLookups): boolean {
  const at = indexOfSequence(query.tokens, tokenize(words));
  if (at <= 0) return false;
  const before = query.tokens[at - 1] === "the" ? query.tokens[at - 2] : query.tokens[at - 1];
  return before !== undefined && wordsOf(ctx.vocabulary.phrasing).placeWords.has(before);
}

/** The places a question names after a word of place ("signed in India", "at the Gyeongju Arts Center"). */
function placesAsked(
  query: ParsedQuery,
  ctx: KnowledgeLookups,
  inName: (token: string) => boolean = () => true,
): PlaceAsked[] {
  const { tokens } = query;
  const { homeCountry, sites, cities } = ctx.vocabulary.phrasing;
  const { placeWords, placeEnds, whenWords } = wordsOf(ctx.vocabulary.phrasing);
  const places: PlaceAsked[] = [];
  // "… according to the White House", "as stated in the MOU": a source is named, not a place.
  const framing = ctx.vocabulary.phrasing.sourceFraming.map(tokenize);
  const framedAt = (from: number) => (words: string[]) => words.every((word, k) => tokens[from + k] === word);
  const endsFraming = (i: number) => framing.some((words) => framedAt(i - words.length + 1)(words));
  const startsFraming = (i: number) => framing.some(framedAt(i));
  tokens.forEach((token, i) => {
    if (!placeWords.has(token) || endsFraming(i)) return;
    const start = tokens[i + 1] === "the" ? i + 2 : i + 1;
    let end = start;
    const inPlace = (token: string) => !placeWords.has(token) && !placeEnds.has(token) && inName(token);
    while (end < tokens.length && inPlace(tokens[end] ?? "") && !startsFraming(end)) end++;
    const words = tokens.slice(start, end);
    // "in September", "in 2025" say when; "at the G7 summit" says where.
    if (words.length === 0 || words.some((word) => whenWords.has(word) || /^\d/.test(word))) return;
    const phrase = words.join(" ");
    const reading = query.readings.find(
      (r) => (r.kind === "country" || r.kind === "deal") && !r.carried && r.words === phrase,
    );
    const city = setOf(cities).has(phrase);
    places.push({
      words: phrase,
      at: i,
      by: token,
      deal: reading?.kind === "deal" ? reading.as : null,
      country: (reading !== undefined && !city) || setOf(homeCountry).has(phrase),
      site: setOf(sites).has(words.at(-1) ?? ""),
      city,
      region: ctx.knowledge.deals.some((deal) => inRegion(deal, phrase)),
      recorded: ctx.knowledge.deals.some((deal) => indexOfSequence(tokenize(deal.signed.place), words) >= 0),
    });
  });
  return places;
}

/**
 * "Which deals were signed in Asia?", "the deal signed in Europe": the deals whose signing a part of the world
 * asked as the place holds (a region is no partner, so a question naming none asks of those deals).
 */
export function signedInRegion(query: ParsedQuery, ctx: KnowledgeLookups): DealId[] {
  const regions = regionsAsked(query, ctx);
  return ctx.knowledge.deals
    .filter((deal) => regions.some((words) => inRegion(deal, words)))
    .map((deal) => deal.id);
}

/** The parts of the world a signing question names as its place ("asia", "east asia"), as their words. */
export const regionsAsked = (query: ParsedQuery, ctx: KnowledgeLookups): string[] =>
  mentionsSigning(query, ctx)
    ? placesAsked(query, ctx).flatMap((place) => (place.region ? [place.words] : []))
    : [];

/** Whether a deal's record places its signing in the region of these words ("asia pacific"). */
export const inRegion = (deal: Deal, words: string) => deal.signed.regions.includes(words);

/** "Why did Starmer refuse to sign …", "decline to sign", "leave without signing": a signing said not to happen. */
const refusalAsked = (query: ParsedQuery, ctx: KnowledgeLookups) =>
  holdsAnyOf(query.tokens.join(" "), ctx.vocabulary.phrasing.refusals);

/** How far after the signing word its "by" may stand: "signed on 29 October 2025 in Gyeongju by …". */
const BY_REACH = 7;

/** Nouns for who signs: "the Japanese signatory", "the signers". */
const SIGNER_NOUN = /^sign(ator(y|ies)|ers?)$/;

/** Whether a person's name has the word, allowing a slip of typing ("kratsos"). */
export function nameHas(person: Signatory, word: string): boolean {
  const parts = partsOfName(person);
  for (let i = 0; i < parts.length; i++) {
    const { part, allowance } = parts[i] as NamePart;
    // A slip keeps the first letter ("myung" is not "kyung"), and a short part slips only in place: "kier" is
    // "keir"; "moon" is not "hoon", nor "kim" "kimi".
    const inPlace = word[0] === part[0] && (part.length >= 5 || word.length === part.length);
    if (inPlace && editDistance(part, word, allowance) <= allowance) return true;
    // "bea" for "bae": two letters after the first typed the other way round.
    if (inPlace && word.length === part.length && isSlip(word, part)) return true;
  }
  return false;
}

type NamePart = { part: string; allowance: number };

/**
 * The words of a signatory's name that a question may use (three letters or more), each with its typo allowance;
 * a hyphenated given name also written as one word ("Kyunghoon" for "Kyung-hoon").
 */
const partsOfName = once((person: Signatory): NamePart[] => {
  const words = tokenize(person.name);
  const joined = person.name
    .split(/\s+/)
    .flatMap((word) => (word.includes("-") ? tokenize(word).join("") : []));
  return [...words, ...joined]
    .filter((part) => part.length >= 3)
    .map((part) => ({ part, allowance: typoAllowance(part.length) }));
});

/** Whether the question has a word for the making of a deal: "signed", "signatories", "inked", "concluded". */
export const mentionsSigning = (query: ParsedQuery, ctx: KnowledgeLookups) =>
  hasAnyOf(query.tokens, ctx.vocabulary.phrasing.signing);

/** Whether words asked are all words of signing ("signed" of "which deals were signed?"), and there are some. */
export const onlySigningWords = (terms: readonly string[], ctx: KnowledgeLookups) =>
  terms.length > 0 && terms.every((term) => ctx.vocabulary.phrasing.signing.includes(term));

/**
 * A yes/no question about signing ("Did Biden sign the UK deal?", "Was the Korea deal signed in Japan?",
 * "Did Kratsios and Bae sign it in India?"), or null for any other question.
 */
export function signingAsked(query: ParsedQuery, ctx: KnowledgeLookups): SigningAsked | null {
  if (query.form !== "yes-no") return null;
  const { signerFirst } = wordsOf(ctx.vocabulary.phrasing);
  // "… signed by Onoda, wasn't it?": the tag is neither a signer nor a place.
  const tokens = query.tokens.slice(0, query.tokens.length - query.tag);
  return signingClaimed({ ...query, tokens }, ctx, signerFirst.has(tokens[0] ?? "") ? 1 : null);
}

/** The signing a clause of the question states from word `from` on: "which source says Ha Jung-woo signed?". */
export const signingStated = (query: ParsedQuery, ctx: KnowledgeLookups, from: number): SigningAsked | null =>
  signingClaimed({ ...query, tokens: query.tokens.slice(from) }, ctx, null);

/**
 * What an open question takes for granted about a signing: "Why did Biden and Kishida sign the Japan deal?",
 * "What did the UK deal signed at Downing Street cover?". Only capitalised words count as people here.
 */
export function signingAssumed(query: ParsedQuery, ctx: KnowledgeLookups): SigningAsked | null {
  if (query.form !== "open") return null;
  if (!assumedIn.has(query)) assumedIn.set(query, readSigningAssumed(query, ctx));
  return assumedIn.get(query) ?? null;
}

/** What each question assumes about a signing, read once (the gate and the answer's correction both ask). */
const assumedIn = new WeakMap<ParsedQuery, SigningAsked | null>();

function readSigningAssumed(query: ParsedQuery, ctx: KnowledgeLookups): SigningAsked | null {
  const [first = "", second = ""] = query.tokens;
  const capitalised = new Set(
    query.text
      .split(/[^\p{L}\p{N}]+/u)
      .filter((word) => /^\p{Lu}/u.test(word))
      .map((word) => word.toLowerCase()),
  );
  // "Why did Biden sign …": the signer stands between "did" and "sign", not before "signing ceremony".
  // "What did Trump and Kishida agree …": those who agreed a deal are those who signed it.
  const verbs = ["sign", "agree"];
  // "What did Kishida say when he signed it?": the one who "he" is signed.
  const signsNext = verbs.some((verb) => query.tokens.includes(verb)) || signedByPronoun(query);
  const { openFirst, signerFirst } = wordsOf(ctx.vocabulary.phrasing);
  const signerFrom = openFirst.has(first) && signerFirst.has(second) && signsNext ? 2 : null;
  const asked = signingClaimed(query, ctx, signerFrom, (token) => capitalised.has(token), verbs);
  if (!asked) return datedDeal(query, ctx);
  const people = asked.people.filter((word) => capitalised.has(word));
  // "What did Kratsios and Bae agree in India?": where and when people agreed something is not where they signed.
  const claimed = mentionsSigning(query, ctx) ? asked : { ...asked, places: [], dates: [] };
  return people.length + claimed.places.length + claimed.dates.length > 0 ? { ...claimed, people } : null;
}

/**
 * A date put on the one deal asked, as when it was made: a year just before its name ("the 2024 US-UK tech deal"),
 * a date just after it ("the Japan TPD of 18 October 2025"); not one elsewhere ("targets for 2030").
 */
function datedDeal(query: ParsedQuery, ctx: KnowledgeLookups): SigningAsked | null {
  if (query.deals.length !== 1) return null;
  const { tokens } = query;
  const dealNouns = setOf(ctx.vocabulary.phrasing.dealNouns);
  const dealWords = new Set(wordsReadAs(query.readings, "deal"));
  const { datedBy, beforeMonth } = wordsOf(ctx.vocabulary.phrasing);
  const named = (i: number) => dealWords.has(tokens[i] ?? "") || dealNouns.has(tokens[i] ?? "");
  // A year of its name, not one a preposition puts as a time ("what happens in 2026 under the Korea deal").
  const { placeBefore } = ctx.vocabulary.phrasing;
  const timeWord = (token = "") => beforeMonth.has(token) || placeBefore.includes(token);
  // "How does the Japan deal relate to the 1988 S&T agreement?": after the deal is named, a year before a bare
  // "agreement" dates another one.
  const namedBefore = (i: number) => tokens.slice(0, i).some((token) => dealWords.has(token));
  const ofDeal = (i: number, k: number) =>
    dealWords.has(tokens[i + k] ?? "") || (named(i + k) && !namedBefore(i));
  // Between the year and the deal's name, only words of its title ("the 2024 US-UK tech deal"), not another thing
  // ("the 2028 thing in the UK deal").
  const titled = new Set([
    ...ctx.vocabulary.phrasing.titleWords,
    ...ctx.vocabulary.phrasing.usSide,
    ...dealWords,
  ]);
  const year = tokens.findIndex(
    (token, i) =>
      /^(?:19|20)\d{2}$/.test(token) &&
      !timeWord(tokens[i - 1]) &&
      [1, 2, 3].some((k) => ofDeal(i, k) && tokens.slice(i + 1, i + k).every((word) => titled.has(word))),
  );
  // "The Japan TPD from 18 October 2025": a date just after the deal's name.
  const after = tokens.findIndex((token, i) => named(i - 1) && datedBy.has(token));
  const dated =
    year >= 0 ? tokens.slice(year, year + 1) : after >= 0 ? tokens.slice(after + 1, after + 4) : [];
  const dates = datesIn(dated, beforeMonth);
  return dates.length > 0
    ? { people: [], places: [], deals: [...query.deals], dates, sole: false, soleDeal: false }
    : null;
}

const framingOrSaying = once((phrasing: Phrasing) => new Set([...phrasing.framing, ...phrasing.sayAsked]));

/**
 * "What does the Korea deal signed during the APEC summit say about AI?", "… the Japan deal signed by Onoda say …":
 * the positions of a clause that picks the deal by its signing, from the signing word just after the deal's name to
 * the verb the question asks by; its words are not what is asked. Empty when the signing is what is asked ("Was the
 * Korea deal signed in Seoul?").
 */
export function signingClause(query: ParsedQuery, ctx: KnowledgeLookups): ReadonlySet<number> {
  const { tokens } = query;
  const { signing, dealNouns } = ctx.vocabulary.phrasing;
  const named = new Set([...wordsReadAs(query.readings, "deal"), ...dealNouns]);
  const at = tokens.findIndex((token, i) => setOf(signing).has(token) && named.has(tokens[i - 1] ?? ""));
  const verb = framingOrSaying(ctx.vocabulary.phrasing);
  const end = tokens.findIndex((token, i) => i > at && verb.has(token));
  const clause =
    at > 0 && end > 0 && query.form !== "yes-no" ? tokens.slice(at, end).map((_, k) => at + k) : [];
  return new Set(clause);
}

/** The signers, places and dates put around the word "sign" (or `verbs`); the signer's slot starts at `signerFrom`. */
function signingClaimed(
  query: ParsedQuery,
  ctx: KnowledgeLookups,
  signerFrom: number | null,
  inName?: (token: string) => boolean,
  verbs: readonly string[] = ["sign"],
): SigningAsked | null {
  const signingWords = setOf(ctx.vocabulary.phrasing.signing);
  const at = query.tokens.findIndex((token) => verbs.includes(token) || signingWords.has(token));
  if (at < 0 || !dealMade(query, at, verbs, ctx)) return null;
  const askedBetween = (from: number, to: number) =>
    query.tokens.slice(from, to).some((token) => QUESTION_WORDS.has(token));
  // "According to Reuters, who signed …": a place before a question word is not where the signing is asked.
  const places = placesAsked(query, ctx, inName).filter((place) => !askedBetween(place.at, at));
  const readWords = new Set(query.readings.flatMap((reading) => tokenize(reading.words)));
  // "Did Biden sign …", "Has Starmer signed …", "… when he signed": the signer's slot ends at the verb; "Does it
  // take effect once signed?" names no signer.
  const perfect = ["has", "have", "had"].includes(query.tokens[0] ?? "") || signedByPronoun(query);
  // "PM Kishida signed the Japan TPD, right?": a statement's signer is its subject, the words before the verb. A
  // question word anywhere before the verb makes it a question, whatever opens it ("Quick question: who signed …").
  const first = query.tokens[0] ?? "";
  const { openFirst, passive, placeWords, beforeMonth } = wordsOf(ctx.vocabulary.phrasing);
  const statement =
    signerFrom === null &&
    !openFirst.has(first) &&
    !passive.has(first) &&
    !passive.has(query.tokens[at - 1] ?? "") &&
    !askedBetween(0, at);
  const from = statement ? 0 : signerFrom;
  const between = from !== null ? governmentsAsSigners(query, from, at, ctx) : [];
  // A signer is a name of a few words, not a clause ("Has the Korea deal made any progress since it was signed?",
  // "… made progress since signing?").
  const clause =
    between.length > 6 || between.some((token) => setOf(ctx.vocabulary.phrasing.after).has(token));
  const slot = (verbs.includes(query.tokens[at] ?? "") || perfect || statement) && !clause ? between : [];
  // "signed by Starmer", "signed in Seoul by Lee Jae-myung": the signer after "by", a place or date between.
  const by = query.tokens.indexOf("by", at + 1);
  if (by > at && by - at <= BY_REACH) {
    const after = query.tokens.slice(by + 1);
    const end = after.findIndex((token) => placeWords.has(token) || token === "on");
    slot.push(...(end < 0 ? after : after.slice(0, end)));
  }
  const signatories = signatoriesOf(ctx.knowledge);
  // "Is Onoda named as the Japanese signatory?", "What made Trump leave without signing?": with no signer's slot,
  // the signatories named anywhere are asked.
  // "Was Bae the only one who signed …?", "Was it Onoda that signed it?": the signer named before a relative clause.
  const relative = /^(who|that)$/.test(query.tokens[at - 1] ?? "");
  const signerAsked = SIGNER_NOUN.test(query.tokens[at] ?? "") || relative || refusalAsked(query, ctx);
  if (slot.length === 0 && signerAsked && query.topics.length === 0)
    slot.push(...query.tokens.filter((token) => signatories.some((person) => nameHas(person, token))));
  // "Signed by the OSTP director": a word written in capitals is a body, not a person.
  const acronyms = new Set((query.text.match(/\b\p{Lu}{2,6}\b/gu) ?? []).map((word) => word.toLowerCase()));
  const people = slot.filter(
    (token) =>
      signatories.some((person) => token.length >= 3 && nameHas(person, token)) ||
      (token.length > 1 &&
        !/\d/.test(token) &&
        !FILLER_WORDS.has(token) &&
        !setOf(ctx.vocabulary.phrasing.noOne).has(token) &&
        !readWords.has(token) &&
        !acronyms.has(token)),
  );
  // "Did Melania Trump sign …?": a name the texts hold that shares a word with a signatory's ("Trump") is another
  // person, asked by its first word, not that signatory.
  const others = query.readings
    .map((reading) => tokenize(reading.words))
    .filter(
      (words) =>
        words.length > 1 &&
        words.some((word) => slot.includes(word) && signatories.some((person) => nameHas(person, word))) &&
        !signatories.some((person) => words.every((word) => nameHas(person, word))),
    );
  if (others.length > 0) {
    const shared = new Set(others.flat());
    people.splice(
      0,
      people.length,
      ...people.filter((word) => !shared.has(word)),
      ...others.map((words) => words[0] as string),
    );
  }
  const dates = datesIn(query.tokens, beforeMonth);
  if (people.length === 0 && places.length === 0 && dates.length === 0) return null;
  const placeDeals = new Set(places.flatMap((place) => (place.deal ? [place.deal] : [])));
  const named = query.deals.filter((deal) => !placeDeals.has(deal) || query.deals.length === 1);
  const signedByAll = (deal: Deal) =>
    people.length > 0 && people.every((word) => deal.signatories.some((person) => nameHas(person, word)));
  const byAll = ctx.knowledge.deals.filter(signedByAll).map((deal) => deal.id);
  // "What did Sunak and Trump agree?": the deal is the one the real signatory named signed.
  const deals = named.length > 0 ? named : byAll.length > 0 ? byAll : dealsSignedBy(query, ctx);
  // Not "Did Kratsios sign only the Japan deal?", which asks it of the deal.
  const { sole, widening } = ctx.vocabulary.phrasing;
  const dealWords = new Set(wordsReadAs(query.readings, "deal"));
  const ofDeal = (i: number) =>
    dealWords.has(query.tokens.slice(i + 1).find((t) => !FILLER_WORDS.has(t)) ?? "");
  // "alone", "by himself": where the words of one end.
  const soleEnds = sole.flatMap((phrase) => {
    const words = phrase.split(" ");
    const at = indexOfSequence(query.tokens, words);
    return at < 0 ? [] : [at + words.length - 1];
  });
  const soleOf = (deal: boolean) =>
    soleEnds.some((i) => ofDeal(i) === deal) && phrasesIn(query.tokens, widening).length === 0;
  return { people, places, deals, dates, sole: soleOf(false), soleDeal: soleOf(true) };
}

/**
 * The months (with the day beside one: "18 October", "October 18th", and the year after: "October 2025") and the
 * years standing alone among the tokens.
 */
function datesIn(tokens: readonly string[], beforeMonth: ReadonlySet<string>): SigningAsked["dates"] {
  const dayAt = (i: number) => /^(?:[12]?\d|3[01])(?:st|nd|rd|th)?$/.exec(tokens[i] ?? "")?.[0];
  const isYear = (i: number) => /^(?:19|20)\d{2}$/.test(tokens[i] ?? "");
  const isMonth = (i: number) => MONTHS.includes(tokens[i] ?? "");
  return tokens.flatMap((token, i): SigningAsked["dates"] => {
    const month = MONTHS.indexOf(token);
    // "Theresa May" is a person; "in May", "May 2025" a month.
    const mayIsMonth = beforeMonth.has(tokens[i - 1] ?? "") || /^\d/.test(tokens[i + 1] ?? "");
    if (token === "may" && !mayIsMonth) return [];
    const day = dayAt(i - 1) ?? dayAt(i + 1);
    const onDay = day ? { day: String(Number.parseInt(day, 10)).padStart(2, "0") } : {};
    if (month >= 0) {
      const yearAt = [i + 1, i + 2].find((at) => isYear(at) && (at === i + 1 || dayAt(i + 1)));
      const ofYear = yearAt === undefined ? {} : { year: tokens[yearAt] as string };
      return [{ month: String(month + 1).padStart(2, "0"), ...onDay, ...ofYear }];
    }
    // "October 2025", "October 18 2025": the year of the month before it, said with it.
    const ofMonth = isMonth(i - 1) || (isMonth(i - 2) && dayAt(i - 1) !== undefined);
    return isYear(i) && !ofMonth ? [{ year: token }] : [];
  });
}

/** "… when he signed": a pronoun just before the signing word stands for the signer. */
const signedByPronoun = ({ text }: ParsedQuery) => /\b(?:he|she|they)\s+sign/i.test(text);

/**
 * "Did she sign the Korea deal?", "is he the prime minister?": whether one person signed, or holds an office, named
 * only by "he" or "she", whom the texts cannot tell; that word as typed, else null ("did they sign it?" may ask of
 * the two governments).
 */
export function signerByPronoun(query: ParsedQuery, ctx: KnowledgeLookups): string | null {
  const { form, text, tokens } = query;
  if (form !== "yes-no") return null;
  // "Was Starmer prime minister when he signed?", "Kratsios is the commerce secretary, isn't he?": "he" is the one
  // named.
  if (signatoriesNamed(query, ctx).length > 0) return null;
  const signed = /\b(he|she)\s+sign/i.exec(text)?.[1];
  if (signed) return signed;
  const pronoun = /\b(he|she)\b/i.exec(text)?.[1];
  const office = hasAnyOf(tokens, ctx.vocabulary.phrasing.offices);
  return pronoun && office ? pronoun : null;
}

/**
 * Whether what the signing word at `at` makes is a deal (or "it", or nothing said), so that the signing record
 * decides the question: not "the review of the Japan deal concluded", "seal an AI science partnership", "have the
 * quantum talks concluded". What is made is the verb's object, or its subject when passive or, for words other
 * than "sign", when there is no object ("the talks concluded"; but "did Biden sign?" names the signer).
 */
function dealMade(query: ParsedQuery, at: number, verbs: readonly string[], ctx: KnowledgeLookups): boolean {
  const { tokens } = query;
  const { placeWords, placeEnds, whenWords, passive, madePronouns } = wordsOf(ctx.vocabulary.phrasing);
  const isPart = (token: string) =>
    !placeWords.has(token) && !placeEnds.has(token) && !whenWords.has(token) && !/^\d/.test(token);
  const end = tokens.findIndex((token, i) => i > at && !isPart(token));
  const object = tokens.slice(at + 1, end < 0 ? tokens.length : end);
  const word = tokens[at] ?? "";
  // "Was the Genesis partnership signed in 2025?": the subject of a passive question is what was made.
  const passiveQuestion =
    /^(was|were|is|are)$/.test(tokens[0] ?? "") &&
    /ed$/.test(word) &&
    !/^(who|that)$/.test(tokens[at - 1] ?? "");
  const bySubject =
    passive.has(tokens[at - 1] ?? "") ||
    (object.length === 0 && (passiveQuestion || (!/^sign/.test(word) && !verbs.includes(word))));
  const made = bySubject ? tokens.slice(0, at).filter((token, i) => i > 0 || !passive.has(token)) : object;
  // "The review of (under) the Japan deal": what is made is named before its first preposition; the last word
  // there other than "-ly" or "himself" says what.
  const cut = made.findIndex(
    (token) => !isPart(token) || setOf(ctx.vocabulary.phrasing.madeBefore).has(token),
  );
  const before = cut < 0 ? made : made.slice(0, cut);
  const noOne = setOf(ctx.vocabulary.phrasing.noOne);
  // "Did Starmer sign the UK deal alone?": how it was signed names nothing made.
  const sole = soleWords(ctx.vocabulary.phrasing);
  const head = before
    .filter((token) => !passive.has(token) && !noOne.has(token) && !sole.has(token) && !/ly$/.test(token))
    .at(-1);
  if (head === undefined || FILLER_WORDS.has(head) || madePronouns.has(head)) return true;
  const readAsDeal = wordsReadAs(query.readings, "deal", "country");
  return ctx.vocabulary.phrasing.dealNouns.includes(head) || readAsDeal.includes(head);
}

/** The words of the sole-words ("alone", "by himself"), made once per vocabulary. */
const soleWords = once((phrasing: Phrasing) => new Set(phrasing.sole.flatMap(tokenize)));

/** Whether a place asked stands in the deal's record of where it was signed ("Chequers", "Gyeongju"). */
const inRecordOf = (deal: Deal) => {
  const record = tokenize(deal.signed.place);
  return (place: PlaceAsked) =>
    indexOfSequence(record, tokenize(place.words)) >= 0 || inRegion(deal, place.words);
};

/**
 * "Who signed for Japan?", "Which Japanese minister signed?", "the US signatory": the side asked of a deal's
 * signatories ("for" a partner or the U.S., or a partner's or the U.S.'s word before a person), or null.
 */
export function signerSideAsked({ tokens, readings }: ParsedQuery, ctx: KnowledgeLookups): SignerSide | null {
  const { usSide } = ctx.vocabulary.phrasing;
  const people = new Set([...ctx.vocabulary.phrasing.signerAsked, ...ctx.knowledge.valuesAsked.people]);
  const partnerAt = (at: number): SignerSide | null => {
    const reading = readings.find(
      (each) => (each.kind === "deal" || each.kind === "country") && tokenize(each.words)[0] === tokens[at],
    );
    return reading ? { side: "partner", of: reading.as } : null;
  };
  for (const [i, token] of tokens.entries()) {
    const next = tokens[i + 1] === "the" ? i + 2 : i + 1;
    const person = people.has(token) && token !== "who";
    if (token === "for" && phrasesIn(tokens.slice(next, next + 2), usSide).length > 0) return { side: "us" };
    if (person && hasAnyOf(tokens.slice(i - 1, i), usSide)) return { side: "us" };
    // "Korean signatories" are one side's, "korea signatories" the deal's.
    const ofSide = !/^sign(atories|ers)$/.test(token) || /(an|ese|ish)$/.test(tokens[i - 1] ?? "");
    const partner = token === "for" ? partnerAt(next) : person && ofSide ? partnerAt(i - 1) : null;
    if (partner) return partner;
  }
  return null;
}

/** A side of the deals' signatories: the U.S., or the partner of the deal `of` (a deal id or a country read). */
export type SignerSide = { side: "us" } | { side: "partner"; of: string };

/** The first sentence of a note on a disputed signatory: "Sources differ on who signed for Korea." */
const disagreement = (note: string) => note.split(/(?<=\.)\s/)[0] ?? note;

/**
 * "Yes" or "No" for a question about signing, decided by the deal's own signatories and place of signing:
 * someone who is not among the signatories, or a country that is not where it was signed, is a "No". Null when
 * the deal's record does not decide it (a place inside the partner country, such as a city it does not name,
 * or a person sources disagree about).
 */
export function signingLead(asked: SigningAsked, deal: Deal, side: SignerSide | null = null): Lead | null {
  const signers = deal.signatories;
  const names = (people: readonly Signatory[]) => joinNames(people.map((person) => person.name));
  const others = asked.people.filter((word) => !signers.some((person) => nameHas(person, word)));
  const disputed = new Set(signers.flatMap((person) => tokenize(person.disputed ?? "")));
  if (others.some((word) => disputed.has(word))) return null;
  if (others.length > 0) return noLead(`the ${deal.name} was signed by ${names(signers)}.`);
  const record = tokenize(deal.signed.place);
  const inRecord = inRecordOf(deal);
  const elsewhere = asked.places.find(
    (place) =>
      (place.country || place.region || place.recorded) && place.deal !== deal.id && !inRecord(place),
  );
  if (elsewhere)
    return noLead(
      `the ${deal.name} was signed at ${deal.signed.place}, not ${elsewhere.by === "at" ? "at" : "in"} ${placeName(elsewhere.words)}.`,
    );
  const wrongDate = asked.dates.some((date) => !signedOnDate(deal, date));
  if (wrongDate) return noLead(`the ${deal.name} was signed on ${formatDate(deal.signed.date)}.`);
  // A record naming the site or city rules out "Downing Street", "London" or "the Seoul Arts Center" (by its first
  // word), not "Chequers House", "the Great Hall at Chequers", nor a site in a city that names no site ("Tokyo").
  const another = (place: PlaceAsked) =>
    (place.site ? deal.signed.venue : place.city) && !record.includes(tokenize(place.words)[0] ?? "");
  const other = asked.places.some(inRecord) ? undefined : asked.places.find(another);
  if (other)
    return noLead(
      `the ${deal.name} was signed at ${deal.signed.place}, not ${other.site ? "at" : "in"} ${titleCase(other.words)}.`,
    );
  // The partner's country under another name ("Britain") holds the recorded place.
  if (!asked.places.every((place) => inRecord(place) || (place.country && place.deal === deal.id)))
    return null;
  const named = signers.filter((person) => asked.people.some((word) => nameHas(person, word)));
  // "Did Kratsios sign for Korea?", "Was Bae the US signatory?": No when they signed for the other side.
  const ofSide = side && (side.side === "us" || side.of === deal.id) ? side.side : null;
  const otherSide = named.filter((person) => ofSide && person.side !== ofSide);
  if (ofSide && otherSide.length > 0) {
    const sideName = (of: Signatory["side"]) =>
      of === "us" ? "the United States" : partnerName(deal.partner);
    const forSide = signers.filter((person) => person.side === ofSide);
    return noLead(
      `${names(otherSide)} signed the ${deal.name} for ${sideName(otherSide[0]?.side ?? "us")}; for ${sideName(ofSide)}: ${names(forSide)}.`,
    );
  }
  // "Was Bae the only signatory of the Korea deal?": No while others signed it too.
  if (asked.sole && named.length > 0 && named.length < signers.length)
    return noLead(`the ${deal.name} was signed by ${names(signers)}.`);
  const who = named.length > 0 ? `${names(named)} signed the ${deal.name}` : `the ${deal.name} was signed`;
  const where = asked.places.length > 0 ? ` at ${deal.signed.place}` : "";
  const when = asked.dates.length > 0 ? ` on ${formatDate(deal.signed.date)}` : "";
  // "Did Bae sign the Korea deal?": a Yes from the record says at once that sources disagree on that signer.
  const differ = named.flatMap((person) => (person.disputed ? [disagreement(person.disputed)] : []));
  return yesOrNoLead(true, [`${who}${where}${when}.`, ...differ].join(" "));
}

/**
 * "Were any deals signed in Seoul?", "Was any deal signed in Washington?": that none was, when every deal's record
 * rules each place asked out; null when some record holds it or cannot decide it.
 */
export function noneSignedAt(places: readonly PlaceAsked[], deals: readonly Deal[]): string | null {
  const [place] = places;
  if (!place || !deals.every((deal) => placeVerdict(places, deal) === "no")) return null;
  return `no deal I hold was signed ${place.by === "at" ? "at" : "in"} ${placeName(place.words)}.`;
}

/** "Were any deals signed in Tokyo?": the deals whose record holds every place asked. */
export const signedAt = (places: readonly PlaceAsked[], deals: readonly Deal[]): Deal[] =>
  places.length === 0 ? [] : deals.filter((deal) => placeVerdict(places, deal) === "yes");

/** Whether a deal's record holds the places asked ("yes"), rules them out ("no"), or cannot tell. */
function placeVerdict(places: readonly PlaceAsked[], deal: Deal) {
  const asked: SigningAsked = {
    people: [],
    places: [...places],
    deals: [],
    dates: [],
    sole: false,
    soleDeal: false,
  };
  return signingLead(asked, deal)?.verdict;
}

/** Whether a deal was signed on the date asked, by every part of it given ("2025", "October", "29"). */
export function signedOnDate(deal: Deal, date: SigningAsked["dates"][number]): boolean {
  const signedOn = deal.signed.date.split("-");
  return [date.year, date.month, date.day].every((part, k) => part === undefined || part === signedOn[k]);
}

/** Words pointing back at the place or time of a signing just given: "why there?", "why then?". */
const POINTING_AT_RECORD = ["there", "then"];

const NO_REASON = { lead: "The texts I hold give no reason; they record the signing:" };

/**
 * An open question's false signer, place or date, corrected from the deal's record before the answer's own lead:
 * "Why did Biden sign the Japan deal?" → "No — the texts say otherwise: the U.S.–Japan TPD was signed by …". The
 * correction is cited: the record's own excerpt (who signed it, or when and where) comes first.
 */
export function withSigningCorrected(
  query: ParsedQuery,
  answered: AnswerDraft,
  ctx: KnowledgeLookups,
  run: (record: "who-signed" | "when", deals: DealId[]) => AnswerDraft,
): AnswerDraft {
  const foreign = foreignSignerAsked(query, ctx);
  if (foreign) {
    // "Which Japanese minister signed the UK deal?": none did; the deal's record says who did.
    const record = run("who-signed", [foreign.deal.id]);
    const signers = joinNames(foreign.deal.signatories.map((person) => person.name));
    const no = `${foreign.signer} signed the ${foreign.deal.name}; it was signed by ${signers}.`;
    return ledBy(record, query.form === "yes-no" ? noLead(`no ${no}`) : { lead: `No ${no}` });
  }
  // "Why was the UK deal signed there?", "why then?" (after where or when it was signed): the place or time of its
  // record, pointed back at; no text says why.
  const why = hasAnyOf(query.tokens.slice(0, 1), ctx.vocabulary.phrasing.reasonAsked);
  const pointedAt = why && hasAnyOf(query.tokens, POINTING_AT_RECORD) && mentionsSigning(query, ctx);
  if (pointedAt && query.deals.length === 1) return ledBy(run("when", [...query.deals]), NO_REASON);
  // "Why did Korea refuse to sign?", "Why did the UK reject the deal?": a deal's side said not to sign, of no one
  // named, is corrected by the deal's record.
  const pastAsked = hasAnyOf(query.tokens.slice(0, 1), [
    ...ctx.vocabulary.phrasing.reasonAsked,
    "did",
    "when",
    "what",
  ]);
  const [refused] = query.deals.length === 1 && pastAsked && refusalAsked(query, ctx) ? query.deals : [];
  const refusedDeal = refused && signatoriesNamed(query, ctx).length === 0 ? ctx.deal(refused) : undefined;
  if (refusedDeal) {
    const { date, place } = refusedDeal.signed;
    const signed = `the ${refusedDeal.name} was signed on ${formatDate(date)} at ${place}.`;
    return ledBy(run("when", [refusedDeal.id]), noLead(`the texts say otherwise: ${signed}`));
  }
  const assumed = signingAssumed(query, ctx);
  const [dealId] = assumed?.deals.length === 1 ? assumed.deals : [];
  const deal = assumed && dealId !== undefined ? ctx.deal(dealId) : undefined;
  if (!assumed || !deal) return answered;
  const decided = signingLead(assumed, deal);
  // "Why was it signed at Balmoral?": a place the record does not hold; an occasion ("during APEC") is no place.
  const inRecord = inRecordOf(deal);
  const occasion = (place: PlaceAsked) => hasAnyOf(tokenize(place.words), ctx.vocabulary.phrasing.occasions);
  const elsewhere = assumed.places.some(inRecord)
    ? undefined
    : assumed.places.find((place) => !inRecord(place) && !occasion(place));
  // "Why did Starmer refuse to sign it?" when the record has him sign it: the record corrects the refusal.
  const signedAfterAll = refusalAsked(query, ctx) && decided?.verdict === "yes";
  // A signatory sources disagree on is said to be one as the record has it, with the disagreement.
  const disputed = deal.signatories.find(
    (person) => person.disputed && assumed.people.some((w) => nameHas(person, w)),
  );
  const differ = disputed?.disputed ? ` ${disagreement(disputed.disputed)}` : "";
  // "Why didn't Trump sign the Japan deal?" when the record agrees he did not: no text says why.
  if (refusalAsked(query, ctx) && decided?.verdict === "no")
    return ledBy(run("who-signed", [deal.id]), { lead: `The texts I hold give no reason: ${decided.lead}` });
  // "Why was the UK deal signed at Chequers?", "… in September?" when the record agrees: no text says why the
  // place or the time, only what the record holds. (Why a signer signed is asked of the deal's purpose.)
  const placeOrTime = assumed.people.length === 0 && assumed.places.length + assumed.dates.length > 0;
  if (why && placeOrTime && decided?.verdict === "yes" && !signedAfterAll)
    return ledBy(run("when", [deal.id]), NO_REASON);
  const correction =
    decided?.verdict === "no"
      ? decided.lead
      : signedAfterAll
        ? `${decided?.lead}${differ}`
        : decided === null && elsewhere
          ? `the ${deal.name} was signed at ${deal.signed.place}, not at ${titleCase(elsewhere.words)}.`
          : null;
  if (!correction) return answered;
  const signingRecord = run(signedAfterAll || correction.includes(" signed by ") ? "who-signed" : "when", [
    deal.id,
  ]);
  // With nothing else to answer ("Why was it signed at Balmoral?"), or a refusal the record contradicts, the
  // signing record is the answer.
  // An answer whose lead is about the wrong signer or place ("… says about “kishida signed”") is no answer either.
  const dated = assumed.dates.flatMap(({ month, year }) => [MONTHS[Number(month) - 1] ?? "", year ?? ""]);
  const wrong = [...assumed.people, ...assumed.places.map((place) => place.words), ...dated.filter(Boolean)];
  const said = phrasedLead(answered).toLowerCase();
  const aboutThem = wrong.some((word) => said.includes(word)) || signedAfterAll;
  const answer = ledBy(
    answered.found && !aboutThem ? answered : signingRecord,
    noLead(`the texts say otherwise: ${correction}`),
  );
  const [cited] = signingRecord.excerpts;
  const shown = answer.excerpts.some((excerpt) => excerpt.passageId === cited?.passageId);
  if (!cited || shown || answer.page.offset > 0) return answer;
  // The record's excerpt leads the first page as one more match, so later pages keep their offsets.
  const page = { ...answer.page, shown: answer.page.shown + 1, total: answer.page.total + 1 };
  return { ...answer, excerpts: [cited, ...answer.excerpts], page };
}

/**
 * "Japanese minister", "Korean officials": the partner's word read just before the word for a person at `at`, or
 * undefined. The one reading of a signer by partner, for the signing record and for a foreign signer.
 */
export function partnerBefore(query: ParsedQuery, ctx: KnowledgeLookups, at: number): Reading | undefined {
  const person = query.tokens.slice(at, at + 1);
  const lists = [ctx.vocabulary.phrasing.signerAsked, ctx.knowledge.valuesAsked.people];
  if (!lists.some((list) => hasAnyOf(person, list))) return undefined;
  return query.readings.find((reading) => {
    const words = tokenize(reading.words);
    return (
      (reading.kind === "deal" || reading.kind === "country") &&
      words.every((word, k) => query.tokens[at - words.length + k] === word)
    );
  });
}

/**
 * "Which Japanese minister signed the UK deal?", "Was the Japan deal signed by a Korean official?": a signer of
 * one partner's country said to sign another partner's deal, the deal the signing word is about (the first named
 * after it, or before "signed by"). Null for any other: "Did the Japanese minister sign the Japan deal before …".
 */
function foreignSignerAsked(
  query: ParsedQuery,
  ctx: KnowledgeLookups,
): { deal: Deal; signer: string } | null {
  if (query.deals.length !== 2) return null;
  const { tokens } = query;
  const signing = setOf(ctx.vocabulary.phrasing.signing);
  const dealAt = (i: number) =>
    query.readings.find(
      (reading) =>
        reading.kind === "deal" && tokenize(reading.words).every((word, k) => tokens[i + k] === word),
    )?.as;
  for (const [at] of tokens.entries()) {
    const partner = partnerBefore(query, ctx, at);
    if (partner?.kind !== "deal") continue;
    const start = at - tokenize(partner.words).length;
    const byAt = tokens.lastIndexOf("by", start);
    const passive = byAt > 0 && byAt >= start - 2 && signing.has(tokens[byAt - 1] ?? "");
    const verb = passive ? byAt - 1 : tokens.findIndex((token, i) => i > at && signing.has(token));
    if (verb < 0) continue;
    const around = passive ? [...tokens.keys()].slice(0, verb).reverse() : [...tokens.keys()].slice(verb + 1);
    const signed = around.map(dealAt).find((deal) => deal !== undefined);
    const deal = signed && signed !== partner.as ? ctx.deal(signed) : undefined;
    if (deal) return { deal, signer: `${spelt(partner.words, ctx.deal(partner.as))} ${tokens[at]}` };
  }
  return null;
}

/** A partner's word as its deal's name spells it ("UK"), else capitalised ("Japanese"). */
function spelt(words: string, deal: Deal | undefined): string {
  const inName = deal?.name.split(/[\s–]+/).find((word) => word.toLowerCase() === words);
  return inName ?? capitalised(words);
}

/** "India", "the United States": a country's name inside a sentence. */
function placeName(words: string): string {
  const name = titleCase(words);
  return /^(?:United|Republic)\b|^(?:US|UK|USA)$/.test(name) ? `the ${name}` : name;
}

/** The signatories the question names by a word of their name ("Kratsios", or misspelt "Kratsos"), each once. */
export function signatoriesNamed(query: ParsedQuery, ctx: KnowledgeLookups): Signatory[] {
  const known = namedIn.get(query.tokens);
  if (known?.ctx === ctx) return known.people;
  const people = signatoriesOf(ctx.knowledge);
  // "Melania Trump" is a name of its own: its "Trump" names no signatory.
  const ofOtherNames = new Set(
    query.names
      .map((name) => name.words.join(" "))
      .filter((name) => !people.some((person) => person.name.toLowerCase().includes(name)))
      .flatMap((name) => name.split(" ")),
  );
  const words = query.tokens.filter((token) => token.length >= 3 && !ofOtherNames.has(token));
  const named = people.filter((person) => words.some((word) => nameHas(person, word)));
  const unique = [...new Map(named.map((person) => [person.name, person])).values()];
  namedIn.set(query.tokens, { ctx, people: unique });
  return unique;
}

/**
 * "Was Kratsios at all three signings?", "Did Trump attend the Korea signing?": the signatories whose presence at a
 * signing is asked; none when the question asks who signed ("Did Starmer sign it at Chequers?", "… signed by
 * Starmer at Chequers?").
 */
export function presentAsked(query: ParsedQuery, ctx: KnowledgeLookups): Signatory[] {
  const signs = query.tokens.includes("sign") || query.tokens.includes("by");
  const yesNo = query.form === "yes-no" || opensYesNo(query, ctx.vocabulary.phrasing);
  const asked =
    yesNo &&
    !signs &&
    (hasAnyOf(query.tokens, ctx.vocabulary.phrasing.presenceAsked) ||
      signingPlacesAsked(query, ctx).length > 0);
  return asked ? signatoriesNamed(query, ctx) : [];
}

/**
 * "Was Kratsios at Chequers?", "Was Starmer in Tokyo?": a signatory asked to have been at or in the venue or city
 * of a deal's signing asks whether they were at that signing: those deals, or none.
 */
export function signingPlacesAsked(query: ParsedQuery, ctx: KnowledgeLookups): DealId[] {
  const at = query.tokens.findIndex((token) => token === "at" || token === "in");
  if (at < 0 || !/^(was|were)$/.test(query.tokens[0] ?? "")) return [];
  if (signatoriesNamed(query, ctx).length === 0) return [];
  const asked = new Set(query.tokens.slice(at + 1));
  // The venue's first word ("Chequers", "Gyeongju Arts Center") or the city names the place.
  const placeWords = (deal: Deal) =>
    [deal.signed.venue, deal.signed.city].flatMap((name) => tokenize(name ?? "").slice(0, 1));
  return ctx.knowledge.deals
    .filter((deal) => placeWords(deal).some((word) => asked.has(word)))
    .map((deal) => deal.id);
}

/** Every deal's signatories, deal by deal, listed once per knowledge version. */
const signatoriesOf = once((knowledge: KnowledgeBase) => knowledge.deals.flatMap((deal) => deal.signatories));

/** The side a signatory signed for: "us", or the partner country's name. */
export const sideOf = (deal: Deal, person: Signatory) => (person.side === "us" ? "us" : deal.partner);

/**
 * The side a word of the question names: "us" for the United States' own words ("US", "American"), else the
 * partner country a deal's name in the question ("British", "Japan") stands for. Undefined for any other word.
 */
export function sideNamed(word: string, query: ParsedQuery, ctx: KnowledgeLookups): string | undefined {
  if (ctx.vocabulary.phrasing.usSide.includes(word)) return "us";
  const partner = query.readings.find(
    (reading) => reading.kind === "deal" && tokenize(reading.words).includes(word),
  );
  return partner ? ctx.deal(partner.as as DealId)?.partner : undefined;
}

/**
 * "the Trump administration", "the Starmer government", "the British government": the side named just before a
 * word for a government, by a signatory who signed for it, by the United States' own words, or by a partner's
 * name: "us", or the partner country's name. Undefined when the word before names no side.
 */
export function governmentAt(query: ParsedQuery, at: number, ctx: KnowledgeLookups): string | undefined {
  const { tokens } = query;
  if (!setOf(ctx.vocabulary.phrasing.governmentNouns).has(tokens[at + 1] ?? "")) return undefined;
  const word = tokens[at] ?? "";
  const side = sideNamed(word, query, ctx);
  if (side) return side;
  for (const deal of ctx.knowledge.deals) {
    const head = deal.signatories.find((person) => nameHas(person, word));
    if (head) return sideOf(deal, head);
  }
  return undefined;
}

/**
 * "Did the Trump administration sign the Japan deal?", "Did the British government sign it?": a government is
 * answered by the deal's own signatory for its side. The positions of the signer's words (`from` on) with each
 * government put as that signatory's surname; unchanged unless one deal is asked.
 */
function governmentsAsSigners(query: ParsedQuery, from: number, to: number, ctx: KnowledgeLookups): string[] {
  const slot = query.tokens.slice(from, to);
  const deal = query.deals.length === 1 ? ctx.deal(query.deals[0] as DealId) : undefined;
  if (!deal) return slot;
  return slot.flatMap((token, i) => {
    if (governmentAt(query, from + i - 1, ctx)) return [];
    const side = governmentAt(query, from + i, ctx);
    if (!side) return [token];
    const forSide = deal.signatories.filter((person) => sideOf(deal, person) === side);
    return forSide.length > 0 ? forSide.map((person) => tokenize(person.name).at(-1) ?? "") : [token];
  });
}

/** The signatories a question's words name, found once per question (the parts of an answer ask several times). */
const namedIn = new WeakMap<readonly string[], { ctx: KnowledgeLookups; people: Signatory[] }>();

/** The deals every signatory the question names signed ("Kratsios and Bae": Korea), or none when it names none. */
export function dealsSignedBy(query: ParsedQuery, ctx: KnowledgeLookups): DealId[] {
  const named = signatoriesNamed(query, ctx);
  if (named.length === 0) return [];
  return ctx.knowledge.deals
    .filter((deal) => named.every((person) => deal.signatories.some((own) => own.name === person.name)))
    .map((deal) => deal.id);
}

/**
 * "What did Korea sign?", "What did Kratsios sign?", "What exactly was signed?": the document signed, asked of the
 * deals those named signed, else of the deals named, else of every deal. None for any other question.
 */
export function documentSignedAsked(query: ParsedQuery, ctx: KnowledgeLookups): DealId[] {
  const { tokens } = query;
  // "what year was it signed", "what did Trump say when it was signed" ask of something else; "What has happened
  // since it was signed?" asks for the news.
  if (tokens[0] !== "what" || !SIGNED_WHAT.has(tokens[1] ?? "") || query.form !== "open") return [];
  if (query.intent === "status") return [];
  if (tokens.some((token, i) => i > 0 && QUESTION_WORDS.has(token))) return [];
  const asked = query.topics.length + query.sections.length + query.countries.length;
  if (asked > 0 || !mentionsSigning(query, ctx)) return [];
  const signers = new Set(signatoriesNamed(query, ctx).flatMap((person) => tokenize(person.name)));
  const terms = query.subjectTerms.filter((term) => !FILLER_WORDS.has(term) && !signers.has(term));
  if (!onlySigningWords(terms, ctx)) return [];
  const bySigner = dealsSignedBy(query, ctx);
  if (bySigner.length > 0) return bySigner;
  return query.deals.length > 0 ? [...new Set(query.deals)] : [...ctx.dealIds];
}

/** The words after "what" when it is what was signed: "what did …", "what was …", "what exactly …". */
const SIGNED_WHAT = new Set(["did", "was", "were", "is", "has", "have", "exactly", "document", "documents"]);

/**
 * "Will there be more deals?", "next tpd", "Is another agreement coming?": a deal still to come, asked (a word of
 * the next one, or "more", just before a word for the deals, or a country joining), of no deal named.
 */
export function dealStillToComeAsked(
  { tokens, deals, names, topics }: ParsedQuery,
  ctx: KnowledgeLookups,
): boolean {
  const { nextDeal, dealNouns, joinWords } = ctx.vocabulary.phrasing;
  const [later, nouns] = [setOf(nextDeal), setOf(dealNouns)];
  const still = (token: string) => later.has(token) || token === "more";
  // "Can a third country join the TPD?": another country taking part; not "joined the Genesis Mission".
  const joining =
    names.length + topics.length === 0 &&
    phrasesIn(tokens, joinWords).length > 0 &&
    tokens.some((token) => /^countr/.test(token));
  return (
    deals.length === 0 &&
    (joining || tokens.some((token, i) => still(token) && nouns.has(tokens[i + 1] ?? "")))
  );
}

/**
 * "Who will sign the next TPD?", "When is another one signed?": the signing of a deal the texts do not hold. The
 * records of those they hold follow a lead that says so, rather than standing as its answer.
 */
export function withNextSigningUnknown(
  query: ParsedQuery,
  answer: AnswerDraft,
  ctx: KnowledgeLookups,
): AnswerDraft {
  const records = answer.intent === "who-signed" || answer.intent === "when";
  const { nextDeal, future } = ctx.vocabulary.phrasing;
  // "Who else might sign a TPD?": someone else, still to sign.
  const someoneElse = query.tokens.includes("else") && phrasesIn(query.tokens, future).length > 0;
  const later = someoneElse || hasAnyOf(query.tokens, nextDeal);
  if (!(records && later) && !(answer.intent === "deals" && dealStillToComeAsked(query, ctx))) return answer;
  if (query.deals.length > 0) return answer;
  return {
    ...answer,
    verdict: undefined,
    lead: `The texts I hold record no deal still to be signed, only those signed so far. ${answer.lead}`,
  };
}
