import type { AnswerDraft, AnswerOptions, IntentName } from "./answer.js";
import { coverageLine, decline, IN_ENGLISH, noDealWith, noLead } from "./answer-building.js";
import {
  askedInDeals,
  countrySubject,
  isEmpty,
  nameStands,
  subjectOf,
  withoutQualifier,
  writtenAs,
} from "./coverage.js";
import type { KnowledgeLookups } from "./lookups.js";
import type { Deal, DealId, KnowledgeBase, Passage, Phrasing, Signatory } from "./model.js";
import { toEnd } from "./passage-tables.js";
import { dealList, formatDate, joinNames, MONTHS, titleCase } from "./phrasing.js";
import { type ParsedQuery, wordingAskedFor, wordsReadAs } from "./query.js";
import {
  dealsSignedBy,
  isPlace,
  mentionsSigning,
  nameHas,
  regionsAsked,
  signatoriesNamed,
  signingAsked,
  signingAssumed,
} from "./signing-question.js";
import {
  anyOf,
  askingPart,
  capitalised,
  FILLER_WORDS,
  hasAnyOf,
  indexOfSequence,
  initialismsIn,
  once,
  phrasesIn,
  QUESTION_WORDS,
  setOf,
  stem,
  tokenize,
  unique,
  writtenWords,
} from "./text.js";

/**
 * The one decline gate every intent passes through: a request the bot does not serve, a country without a
 * deal, or a question that names something no text contains is declined before any intent answers it.
 * Returns null when the question may be answered.
 */
export function declineGate(
  query: ParsedQuery,
  intent: IntentName,
  options: AnswerOptions,
  ctx: KnowledgeLookups,
): AnswerDraft | null {
  const deals = ctx.dealsAsked(query, options);
  if (query.offTopic) {
    // A request to invent or write is refused; "Make up a quote from Kratsios": what the texts quote of him follows.
    const refused = !ctx.vocabulary.phrasing.offTopic.includes(query.offTopic);
    const { quoteAsked } = ctx.vocabulary.phrasing;
    const quotes = signatoriesNamed(query, ctx).length > 0 && hasAnyOf(query.tokens, quoteAsked);
    if (refused && intent === "ask" && quotes) return null;
    const lead = refused ? REFUSED : "That is not a question about the deals.";
    return decline(ctx, query, intent, `${lead} ${coverageLine(ctx)}`, refused ? deals : []);
  }
  if (asksPersonalFact(query, ctx)) return decline(ctx, query, intent, NOT_PERSONAL, deals);
  if (judgementAsked(query, ctx)) return decline(ctx, query, intent, NO_JUDGEMENT, deals);
  const countries = countriesAsked(query, ctx);
  // "Does any deal mention China?", "Is Taiwan in any deal?" ask of the texts, not for a deal with China or Taiwan.
  const mentioned =
    countries.some((country) => askedInDeals(country, query)) ||
    hasAnyOf(query.tokens, ctx.vocabulary.phrasing.mentionAsked);
  const dealAsked = countries.some((country) => dealAskedWith(country, query, ctx));
  if (countries.length > 0 && deals.length === 0 && (!mentioned || dealAsked)) {
    return noDealWith(ctx, query, intent, countries);
  }
  // "Does the UK deal mention Ukraine?", "Is Ukraine part of it?": a country no text names, asked of nothing else.
  // "Is the deal aimed at China?": the words asking whether a text has it ask nothing else.
  const unnamed = countries.filter((country) => !writtenAs(country, ctx)).map(titleCase);
  const subject = subjectOf(query, ctx);
  // "None of the deals mention China, right?": a word of denying asks it as much as one of asking does.
  const asking = setOf([...ctx.vocabulary.phrasing.mentionAsked, ...ctx.vocabulary.phrasing.negations]);
  const askedOnly = isEmpty({ ...subject, terms: subject.terms.filter((term) => !asking.has(term)) });
  if (unnamed.length > 0 && askedOnly)
    return decline(ctx, query, intent, `The texts I hold do not mention ${joinNames(unnamed)}.`, deals);
  if (intent === "help") return null;
  // "still" and "now" are words of where a deal stands too; asked of a post ("still prime minister?"), they are not.
  if ((intent !== "status" || query.form === "yes-no") && asksWhoNow(query, ctx.vocabulary.phrasing)) {
    const asOf = formatDate(ctx.knowledge.asOf);
    return decline(
      ctx,
      query,
      intent,
      `The texts I hold (as of ${asOf}) record the deals, not who holds a post today.`,
      deals,
    );
  }
  // "Where does the TPD name come from?", "Why is it called that?": no text says.
  if (nameOriginAsked(query, ctx))
    return decline(
      ctx,
      query,
      intent,
      "The texts I hold do not say where the name of the deals comes from.",
      deals,
    );
  const unheld = officeUnnamed(query, deals, ctx) ?? postNotHeld(query, ctx) ?? postOfSideUnnamed(query, ctx);
  if (unheld) return decline(ctx, query, intent, unheld, deals);
  // "Was sieht das Abkommen … vor?" with nothing recognised: the texts are English; say so.
  const nothingRead = deals.length === 0 && query.topics.length === 0 && !signatoriesNamed(query, ctx).length;
  if (query.foreign && nothingRead && query.intentBy === "default")
    return decline(ctx, query, intent, IN_ENGLISH, deals);
  const premise = missingPremise(query, ctx);
  if (premise && !premise.incidental) {
    // "It commits $2bn to quantum, right?", "Are there penalties in the UK deal?": a sum no text gives, or a thing
    // none names asked to be there, is a plain No; not a name that may be one the texts have under another name
    // between the same first and last words ("UK AI Safety Institute" for "UK AI Security Institute").
    const named = heldAs(premise.name ?? "", ctx) !== null;
    // A sum is a claim about a deal only when the question names one ("Did Korea pledge $350 billion?" asks of
    // an event the texts do not record, which they cannot deny).
    const { dealNouns, tagPronouns } = ctx.vocabulary.phrasing;
    const belongs = belongingAsked(query, ctx);
    const there = (query.coverage && !belongs) || hasAnyOf(query.tokens, ctx.vocabulary.phrasing.existence);
    const ofDeal = hasAnyOf(query.tokens, [...dealNouns, ...tagPronouns]);
    // "Did Reuters cover the pause?": a name the texts lack doing the covering is no thing a deal covers.
    const doer =
      /^(did|does|do|has|have)$/.test(query.tokens[0] ?? "") &&
      indexOfSequence(query.tokens, tokenize(premise.name ?? "")) === 1;
    const claimed =
      ((premise.sum && ofDeal && !belongs) || (there && !named && !doer)) && query.form === "yes-no";
    const lead = claimed
      ? noLead(`${premise.said}.`)
      : `${capitalised(premise.said)}, so I can't answer that from them.`;
    return decline(ctx, query, intent, lead, deals);
  }
  return null;
}

/**
 * "Is the Korea deal part of the tariff deal?", "Is it linked to the $350 billion investment?", "Are the TPDs part of
 * a bigger strategy?": what a deal belongs or relates to, which no text's silence denies.
 */
export function belongingAsked(query: ParsedQuery, ctx: KnowledgeLookups): boolean {
  const { dealNouns, tagPronouns, relations } = ctx.vocabulary.phrasing;
  const partOf = query.tokens.findIndex((token, at) => token === "part" && query.tokens[at + 1] === "of");
  // "Is Korea part of it?" (the Genesis Mission): a deal or its partner is what belongs.
  const partners = wordsReadAs(query.readings, "deal");
  const dealIsPart =
    partOf > 0 && [...dealNouns, ...tagPronouns, ...partners].includes(query.tokens[partOf - 1] ?? "");
  return dealIsPart || hasAnyOf(query.tokens, relations);
}

/** A request to invent, to write or to act, which the bot refuses: it only quotes the texts. */
export const REFUSED =
  "I can't help with that: I only quote the deal texts; I don't make up quotes, write pieces or play a part.";

const NO_JUDGEMENT =
  "I don't judge the deals or the people who made them: I quote what the texts say they cover, who signed them and what happened since.";

/**
 * "Is the UK deal good?", "Is Trump a good president?", "Which deal is best?", "Should the US have signed it?": a
 * judgement asked of the deals or their people, by a yes/no, which or how question, one opened by "should", or a
 * superlative ("the most important"). A word the texts use with its neighbour ("best practice") asks nothing of the
 * kind; nor does an open question ("What does the UK deal say about good practice?").
 */
function judgementAsked(query: ParsedQuery, ctx: KnowledgeLookups): boolean {
  const { tokens } = query;
  const judging = setOf(ctx.vocabulary.phrasing.judgementWords);
  // "How important is the UK deal?", "What is the most important area?" ask a judgement as "Is it important?" does.
  const superlative = tokens.some((token, i) => token === "most" && judging.has(tokens[i + 1] ?? ""));
  const asking =
    query.form !== "open" || superlative || /^(which|who|should|ought|how)$/.test(tokens[0] ?? "");
  // "Is the UK deal described as historic?" asks whether the texts use the word, not what the bot thinks of it.
  if (wordingAskedFor(query, ctx.vocabulary.phrasing) !== null) return false;
  // "What is your opinion of the deals?", "Are you biased?": the bot's own view, asked in any form.
  if (phrasesIn(tokens, ctx.vocabulary.phrasing.opinionAsked).length > 0) return true;
  if (!asking) return false;
  // "Is it worth it?": a phrase of judging, whole.
  if (phrasesIn(tokens, ctx.vocabulary.phrasing.judgementWords).some((phrase) => phrase.includes(" ")))
    return true;
  return tokens.some((token, i) => {
    if (!judging.has(token) || (/^(should|ought)$/.test(token) && i > 0)) return false;
    const before = tokens[i - 1];
    const after = tokens[i + 1];
    return !(before && ctx.anySays([before, token])) && !(after && ctx.anySays([token, after]));
  });
}

const NOT_PERSONAL =
  "The texts do not say. They record the deals (what they cover, who signed them, when and where), not personal facts such as the pay, age, gender, party, family or career of the people they name.";

/**
 * "How much is the OSTP director paid?", "is Kratsios married?", "when was Bae appointed?": a signatory's own
 * circumstances or dates, by name or post. At a signing, a relative or a date of one's own is only the setting of
 * what is asked ("did Trump's wife attend the signing?", "did he sign it after he was elected?"), not what is asked.
 */
function asksPersonalFact(query: ParsedQuery, ctx: KnowledgeLookups): boolean {
  const { personalFacts, personalEvents, relatives, signingParties, offices } = ctx.vocabulary.phrasing;
  const atSigning = mentionsSigning(query, ctx) || hasAnyOf(query.tokens, signingParties);
  const relative = setOf(relatives);
  const facts = phrasesIn(query.tokens, personalFacts).filter(
    (phrase) => !atSigning || !tokenize(phrase).some((word) => relative.has(word)),
  );
  const named = signatoriesNamed(query, ctx).length > 0;
  if (!atSigning && named && hasAnyOf(query.tokens, personalEvents)) return true;
  if (atSigning && hasAnyOf(query.tokens, ctx.vocabulary.phrasing.signerKinds)) return true;
  // "How much funding is paid by the minister's department?" asks of the deal's money, not of a person.
  const aboutDeal = query.topics.length + query.sections.length > 0;
  if (aboutDeal || facts.length === 0) return false;
  return named || hasAnyOf(query.tokens, offices);
}

/** "Who is the UK's science minister right now?": a person in office today, which no text of the deals records. */
function asksWhoNow(query: ParsedQuery, { now, offices }: Phrasing): boolean {
  if (!hasAnyOf(query.tokens, now)) return false;
  // "Is Keir Starmer still prime minister?": whether someone holds a post today.
  if (query.form === "yes-no")
    return /^(is|are)$/.test(query.tokens[0] ?? "") && hasAnyOf(query.tokens, offices);
  if (query.tokens[0] !== "who") return false;
  // "Who signed the deal currently in force?" asks of the deal, not of who holds a post.
  return /^(is|are|s)$/.test(query.tokens[1] ?? "") || hasAnyOf(query.tokens, offices);
}

/** A question asking where a name comes from, of nothing else: a word of naming, one of origin, and no subject. */
function nameOriginAsked(query: ParsedQuery, ctx: KnowledgeLookups): boolean {
  const { namingWords, originWords } = ctx.vocabulary.phrasing;
  // "Why is it called a prosperity deal?": what it is called (the document) is the name asked about.
  const sections = query.sections.filter((section) => section !== "document");
  const subject = query.topics.length + sections.length + query.names.length;
  return subject === 0 && hasAnyOf(query.tokens, namingWords) && hasAnyOf(query.tokens, originWords);
}

/**
 * "Who is the UK science minister?": a post asked of one deal that none of its signatories holds and no text names
 * word for word ("science minister") is not in the texts; who signed the deal is said instead. Null otherwise
 * ("Who is Japan's science minister?": Kimi Onoda, Minister of State for Science and Technology Policy, signed it).
 */
function officeUnnamed(query: ParsedQuery, deals: readonly string[], ctx: KnowledgeLookups): string | null {
  const { tokens } = query;
  if (tokens[0] !== "who" || !/^(is|s|was)$/.test(tokens[1] ?? "") || deals.length !== 1) return null;
  const at = tokens.findIndex((token) => ctx.vocabulary.phrasing.offices.includes(token));
  const deal = ctx.deal(deals[0] as string);
  if (at < 0 || !deal) return null;
  const dealWords = new Set(wordsReadAs(query.readings, "deal", "country").flatMap(tokenize));
  // The words naming the post: before it ("science minister"), or after "of"/"for" ("minister for science").
  const after = /^(of|for)$/.test(tokens[at + 1] ?? "") ? tokens.slice(at + 2) : [];
  const post = [...tokens.slice(2, at), ...after].filter(
    (word) => !FILLER_WORDS.has(word) && !dealWords.has(word),
  );
  if (post.length === 0) return null;
  const office = tokens[at] as string;
  const holds = (person: Signatory) => officeHolds(person.office, [...post, office]);
  const forms = [
    [...post, office],
    [office, "for", ...post],
    [office, "of", ...post],
  ];
  const named = ctx.passagesSaying(forms).some((passage) => passage.deals.includes(deal.id));
  if (deal.signatories.some(holds) || named) return null;
  const signers = joinNames(deal.signatories.map((person) => `${person.name} (${person.office})`));
  return `The texts I hold name no ${asTyped(query.text, [...post, office].join(" "))} of ${dealList(ctx, [deal.id])}. The ${deal.name} was signed by ${signers}.`;
}

/**
 * "What did the Korean president say?", "Who was the US ambassador involved?": a post of one side (the word before
 * it names a partner or the United States) that none of that side's signatories holds and no text names with that
 * word is not in the texts; who signed for that side is said instead. Null otherwise ("the UK prime minister").
 */
function postOfSideUnnamed(query: ParsedQuery, ctx: KnowledgeLookups): string | null {
  const asked = postOfSide(query, ctx);
  if (!asked || asked.signers.length === 0 || asked.holders.length > 0) return null;
  const { tokens } = query;
  const { post, partner, deals, signers } = asked;
  // "the Korean AI secretary": a text of the deal naming the post ("Senior Secretary for AI") names someone in it.
  const modifiers = post.slice(0, -1);
  const title = tokens[asked.at] as string;
  const forms = modifiers.length > 0 ? [post, [title, "for", ...modifiers], [title, "of", ...modifiers]] : [];
  const ofDeals = (passage: Passage) => deals.some((deal) => passage.deals.includes(deal.id));
  const named = ctx.anySays([asked.sideWord, ...post]) || ctx.passagesSaying(forms).some(ofDeals);
  if (named) return null;
  const of = partner ? dealList(ctx, [partner]) : "the United States";
  const who = joinNames(unique(signers.map((person) => `${person.name} (${person.office})`)));
  const deal = deals.length === 1 ? `The ${deals[0]?.name} was signed` : "The deals were signed";
  return `The texts I hold name no ${asTyped(query.text, post.join(" "))} of ${of}. ${deal} for ${partner ? "it" : "the United States"} by ${who}.`;
}

/** A post asked of a side ("the British prime minister"), with that side's signatories and those holding it. */
type PostOfSide = {
  /** Where the post's title word stands in the question. */
  at: number;
  post: string[];
  sideWord: string;
  partner?: DealId;
  deals: Deal[];
  signers: Signatory[];
  holders: Signatory[];
};

/**
 * "the Korean AI secretary", "the British prime minister", "the US president": a title word of the signatories'
 * offices after a side's word, read with the words between them as the post. Null when the question has none.
 */
export function postOfSide(query: ParsedQuery, ctx: KnowledgeLookups): PostOfSide | null {
  const { tokens } = query;
  const titles = titlesOf(ctx.knowledge);
  const at = tokens.findIndex((token) => titles.has(token));
  if (at < 1) return null;
  const partnerOf = new Map(query.readings.filter((r) => r.kind === "deal").map((r) => [r.words, r.as]));
  const usWords = setOf(ctx.vocabulary.phrasing.usSide);
  const isSide = (token: string) => partnerOf.has(token) || usWords.has(token);
  let before = at - 1;
  while (before >= 0 && !isSide(tokens[before] ?? "") && !FILLER_WORDS.has(tokens[before] ?? "")) before -= 1;
  const modifiers = tokens.slice(before + 1, at);
  const sideWord = tokens[before] === "s" ? tokens[before - 1] : tokens[before];
  if (!sideWord || !isSide(sideWord)) return null;
  const partner = partnerOf.get(sideWord);
  const side = partner ? "partner" : "us";
  const deals = (partner ? [partner] : query.deals.length > 0 ? query.deals : ctx.dealIds).flatMap(
    (id) => ctx.deal(id) ?? [],
  );
  const post = [...modifiers, tokens[at] as string];
  const signers = unique(deals.flatMap((deal) => deal.signatories.filter((person) => person.side === side)));
  const holders = signers.filter((person) => officeHolds(person.office, post));
  return { at, post, sideWord, partner, deals, signers, holders };
}

/**
 * "Is Michael Kratsios the Secretary of Commerce?", "Is Onoda the foreign minister?": a post asked of a signatory
 * that the office the texts give them does not hold (its title, and each word naming it, or an abbreviation of it:
 * "OSTP director") is answered by that office. Null otherwise.
 */
function postNotHeld(query: ParsedQuery, ctx: KnowledgeLookups): string | null {
  const { tokens } = query;
  const [person, ...others] = signatoriesNamed(query, ctx);
  if (!person || others.length > 0 || query.form !== "yes-no") return null;
  const titles = titlesOf(ctx.knowledge);
  const at = tokens.findIndex((token) => titles.has(token));
  const nameEnd = tokens.findLastIndex((token, i) => i < at && nameHas(person, token));
  if (at < 0 || nameEnd < 0) return null;
  // "Is Onoda the prime minister?", or said and tagged: "Onoda is the prime minister of Japan, right?".
  const IS = /^(is|was)$/;
  if (!IS.test(tokens[0] ?? "") && !IS.test(tokens[nameEnd + 1] ?? "")) return null;
  const end = tokens.length - query.tag;
  const dealWords = new Set(wordsReadAs(query.readings, "deal", "country").flatMap(tokenize));
  const after = /^(of|for)$/.test(tokens[at + 1] ?? "") ? tokens.slice(at + 2, end) : [];
  const post = [...tokens.slice(nameEnd + 1, at), ...after].filter(
    (word) => !FILLER_WORDS.has(word) && !dealWords.has(word),
  );
  const office = tokenize(person.office).map(stem);
  const initials = person.office
    .split(/\s+/)
    .filter((word) => /^\p{Lu}/u.test(word))
    .map((word) => word[0])
    .join("");
  const holds = (word: string) =>
    office.includes(stem(word)) || (word.length >= 2 && initials.includes(word.toUpperCase()));
  if ([tokens[at] as string, ...post].every(holds)) return null;
  const from = tokens.findIndex((token, i) => i > nameEnd && !FILLER_WORDS.has(token));
  const asked = tokens.slice(from, after.length > 0 ? end : at + 1).join(" ");
  return `The texts I hold name ${person.name} as ${person.office}, not as ${asTyped(query.text, asked)}.`;
}

/** Words before a title that make its holder another's second: a deputy prime minister is no prime minister. */
const SUBORDINATE = new Set(["deputy", "vice", "assistant", "acting", "associate", "junior", "under"]);

/** Whether an office ("Minister of State for Science and Technology Policy") has every word of a post asked. */
export function officeHolds(office: string, post: readonly string[]): boolean {
  // One of the office's roles holds every word of the post, those of its title (the words before "of", "for" or
  // "to") ending it: a "Prime Minister" is a minister, but "Assistant to the President" holds no presidency, nor a
  // "Deputy Prime Minister and Minister of Science" the post of prime minister.
  const asked = new Set(post.map(stem));
  return office.split(/ and (?=\p{Lu})/u).some((role) => {
    const words = tokenize(role).map(stem);
    const head = tokenize(role.split(/ (?:of|for|to) /)[0] ?? "").map(stem);
    const at = head.findIndex((word) => asked.has(word));
    const ending = at >= 0 && head.slice(at).every((word) => asked.has(word));
    const under = head.slice(0, Math.max(at, 0)).some((word) => SUBORDINATE.has(word));
    return ending && !under && [...asked].every((word) => words.includes(word));
  });
}

/** "A head of government", "the heads of state", "national leaders": a president, or for a government a prime minister too. */
export const headTitles = (head: string) =>
  /state/.test(head) ? ["President"] : ["President", "Prime Minister"];

/** The titles of a post a person may hold ("minister", "secretary"), not the bodies among the offices. */
export const titlesOf = once(({ valuesAsked }: KnowledgeBase) => {
  const bodies = new RegExp(`^(${anyOf(valuesAsked.bodies)})$`);
  return new Set(valuesAsked.offices.filter((office) => !bodies.test(office)));
});

/**
 * What to say before an answer when the question names something no text has but also holds what pins the
 * answer down ("the $1bn DOE-MEXT-METI partnership"): “The deal texts name no “MEXT”.”, or null.
 */
export function premiseAside(query: ParsedQuery, ctx: KnowledgeLookups): string | null {
  const premise = missingPremise(query, ctx);
  const aside = premise?.incidental ? `${capitalised(premise.said)}.` : null;
  return query.foreign ? [IN_ENGLISH, aside].filter(Boolean).join(" ") : aside;
}

/** The years a text gives as deadlines: "by the end of 2028", "until 2030", "the 2030 target". */
export function deadlineYears(text: string, ctx: KnowledgeLookups): string[] {
  const words = setOf(ctx.vocabulary.phrasing.deadlineYear);
  const tokens = tokenize(text);
  const deadline = (i: number) =>
    tokens.slice(Math.max(0, i - 3), i).some((word) => words.has(word)) || words.has(tokens[i + 1] ?? "");
  return [...new Set(tokens.filter((token, i) => /^(?:19|20)\d{2}$/.test(token) && deadline(i)))];
}

const MONTHS_AND_DAYS = [...MONTHS, ..."monday tuesday wednesday thursday friday saturday sunday".split(" ")];
export const AMOUNT =
  /[$£€¥]\s?\d[\d,.]*\s*(?:bn|billion|m|million|k|thousand|trillion|tn)?\b|\b\d[\d,.]*\s*(?:bn|billion|million|trillion)\b/gi;
/** `AMOUNT` for a test of whether a text has one (no global flag, so no state between tests). */
export const HAS_AMOUNT = new RegExp(AMOUNT.source, "i");
const YEAR = /\b(?:19|20)\d{2}\b/g;

/** How much an amount stands for: "$10bn" and "$10 billion" are one sum. */
export function amountValue(text: string): number {
  const match = /(\d[\d,.]*)\s*(bn|billion|m|million|k|thousand|trillion|tn)?/i.exec(text);
  if (!match?.[1]) return Number.NaN;
  const base = Number(match[1].replace(/,/g, ""));
  const unit = (match[2] ?? "").toLowerCase();
  const scale: Record<string, number> = {
    bn: 1e9,
    billion: 1e9,
    m: 1e6,
    million: 1e6,
    k: 1e3,
    thousand: 1e3,
    trillion: 1e12,
    tn: 1e12,
  };
  return base * (scale[unit] ?? 1);
}

/**
 * What the texts have, read once: sums (with the passages giving each), years, months, the initials of their names
 * (`initialismsIn`), the deals' titles as stems.
 */
type Facts = {
  amounts: Map<number, Passage[]>;
  years: Set<string>;
  months: Set<string>;
  /** Each initialism of three letters or more, with its words; "" for the initials of more than one name. */
  initialisms: Map<string, string>;
  titles: string[];
  titleWords: Set<string>;
};
const knownFacts = new WeakMap<KnowledgeLookups, Facts>();
const MONTH_YEAR = new RegExp(`\\b(${MONTHS.join("|")})\\s+(?:\\d{1,2},?\\s+)?((?:19|20)\\d{2})\\b`, "gi");
const monthYear = (match: RegExpMatchArray) => `${match[1]?.toLowerCase()} ${match[2]}`;

const factsOf = (ctx: KnowledgeLookups): Facts => knownFacts.get(ctx) ?? toEnd(readFacts(ctx));

/** Whether any text gives the year ("2025"). */
export const yearHeld = (ctx: KnowledgeLookups, year: string): boolean => factsOf(ctx).years.has(year);

/** The passages whose texts give the sum ("$10bn" and "$10 billion" alike), in knowledge order. */
export const sumGivenBy = (ctx: KnowledgeLookups, value: number): readonly Passage[] =>
  factsOf(ctx).amounts.get(value) ?? [];

/**
 * Reads what the texts have a few passages at a time, and keeps it: the runtime reads it while it builds a new
 * knowledge version in slices, so the first question after a reload does not read every passage at once.
 */
export function* readFacts(ctx: KnowledgeLookups): Generator<void, Facts> {
  const titles = ctx.knowledge.deals.map((deal) => tokenize(deal.document.title).map(stem));
  const [amounts, years, months] = [new Map<number, Passage[]>(), new Set<string>(), new Set<string>()];
  const read = (text: string, passage?: Passage) => {
    if (!/\d/.test(text)) return; // each of them has a digit, as most texts do not
    for (const match of text.matchAll(AMOUNT)) {
      const value = amountValue(match[0]);
      const giving = amounts.get(value) ?? [];
      amounts.set(value, giving);
      if (passage && giving.at(-1) !== passage) giving.push(passage);
    }
    const dated = [...text.matchAll(YEAR)];
    for (const match of dated) years.add(match[0]);
    // The year of a MONTH_YEAR is a YEAR too: a text without one names no month of a year.
    if (dated.length > 0) for (const match of text.matchAll(MONTH_YEAR)) months.add(monthYear(match));
  };
  const initialisms = new Map<string, string>();
  for (const [i, passage] of ctx.knowledge.passages.entries()) {
    read(passage.text, passage);
    // Initials of three letters or more (two, as "FT", stand for too many names); initials of two different names
    // stand for neither: "".
    for (const [initials, words] of initialismsIn(passage.text)) {
      if (initials.length < 3) continue;
      const held = initialisms.get(initials);
      initialisms.set(initials, held === undefined || held === words ? words : "");
    }
    read(passage.date ?? "");
    if (i % 200 === 199) yield;
  }
  for (const source of ctx.knowledge.sources) read(`${source.title} ${source.published}`);
  for (const deal of ctx.knowledge.deals) read(`${deal.signed.date} ${deal.document.title}`);
  const titleWords = new Set(titles.flat());
  const titled = titles.map((title) => title.join(" "));
  const facts = { titles: titled, titleWords, amounts, years, months, initialisms };
  knownFacts.set(ctx, facts);
  return facts;
}

/**
 * Something the question takes for granted that no text contains: a sum, a year, a proper name the knowledge
 * never uses, or a named body or programme ("Joint AI Council") whose words no passage has together.
 * Returns how to say it ("the texts name no “Joint AI Council”"), or null.
 */
type Premise = {
  said: string;
  incidental: boolean;
  sum?: boolean;
  year?: string;
  /** The name as the question has it ("UK AI Safety Institute"), and as the texts do ("UK AI Security Institute"). */
  name?: string;
  held?: string;
};
const premises = new WeakMap<ParsedQuery, Premise | null>();

export function missingPremise(query: ParsedQuery, ctx: KnowledgeLookups): Premise | null {
  let premise = premises.get(query);
  if (premise === undefined) {
    const said = premiseMissing(query, ctx);
    // "Does it need ratification by Congress?": what the deals are in law answers it, whoever is named; "Who signed
    // the UK MOU for the British side, Rishi Sunak?": the signing record answers it.
    const inLaw =
      said?.properName === true &&
      (query.topics.some((t) => ctx.vocabulary.phrasing.propertyTopics.includes(t)) ||
        (query.intent === "who-signed" && query.deals.length > 0 && mentionsSigning(query, ctx)));
    const held = heldAs(said?.name ?? "", ctx);
    const incidental = (found: Premise) =>
      found.incidental &&
      (held !== null || inLaw || heldElsewhere(query, ctx) || topicBeside(query, found.name ?? ""));
    // "Does the UK deal involve the UK AI Safety Institute?": asked of the name the texts have, which is said.
    const also = held ? { said: `${said?.said}; they name the “${held}”`, held } : {};
    premise = said ? { ...said, ...also, incidental: incidental(said) } : null;
    premises.set(query, premise);
  }
  return premise;
}

/**
 * "UK AI Safety Institute" held as "UK AI Security Institute": the texts' name between the same first and last
 * words (in the passages `within` keeps, if given).
 */
export function heldAs(
  name: string,
  ctx: KnowledgeLookups,
  within?: (passage: Passage) => boolean,
): string | null {
  const [first = "", ...rest] = tokenize(name);
  const last = rest.at(-1);
  if (last === undefined) return null;
  const renamed = new RegExp(`\\b${first}\\b(\\W+\\w+){1,3}?\\W+${last}\\b`, "i");
  for (const passage of ctx.passagesWith([first, last])) {
    if (within && !within(passage)) continue;
    const found = renamed.exec(passage.text);
    if (found) return found[0];
  }
  return null;
}

/**
 * What else the question names that the texts hold and that pins the answer down: a sum they give ("$1bn"), a
 * month they date something in ("June 2026"), the people who signed a deal, or a named body they have ("CAISI").
 */
function heldElsewhere(query: ParsedQuery, ctx: KnowledgeLookups): boolean {
  const facts = factsOf(ctx);
  const sums = [...query.text.matchAll(AMOUNT)].map((match) => amountValue(match[0]));
  if (sums.some((value) => value >= 1000 && facts.amounts.has(value))) return true;
  if ([...query.text.matchAll(MONTH_YEAR)].some((match) => facts.months.has(monthYear(match)))) return true;
  // "What did Trump and Starmer sign at Windsor Castle?": the people who signed one deal together pin it down.
  if (signatoriesNamed(query, ctx).length > 1 && dealsSignedBy(query, ctx).length === 1) return true;
  return query.names.some((name) => nameStands(ctx, name));
}

/**
 * "What is KIST doing on quantum in the Korea deal?": a topic asked beside a name that is about none ("KIST",
 * not "the Quantum Council") is what the texts can answer; the name they lack is then said, not declined.
 */
function topicBeside(query: ParsedQuery, name: string): boolean {
  const words = tokenize(name);
  const { tokens } = query;
  const at = indexOfSequence(tokens, words);
  if (at < 0) return false;
  // "the UK-US Quantum Council": the deal and topic words just before the name belong to it.
  const before = new Set(wordsReadAs(query.readings, "topic", "deal", "country"));
  let start = at;
  while (start > 0 && before.has(tokens[start - 1] ?? "")) start--;
  const span = new Set(tokens.slice(start, at + words.length));
  const topics = query.readings.filter((reading) => reading.kind === "topic");
  // "Who runs the Japan Fusion Council?": a name about a topic is a body the question asks about.
  return topics.length > 0 && !topics.some((topic) => tokenize(topic.words).every((word) => span.has(word)));
}

/** `properName`: the premise is a proper name the knowledge never uses. */
function premiseMissing(
  query: ParsedQuery,
  ctx: KnowledgeLookups,
): (Premise & { properName?: boolean }) | null {
  const facts = factsOf(ctx);
  // "Since the Korea deal commits $500 million, …": a sum of another deal's texts is none of the deal asked.
  const [deal, ...others] = query.deals;
  for (const match of query.text.matchAll(AMOUNT)) {
    const value = amountValue(match[0]);
    const held = facts.amounts.has(value);
    const ofDeal =
      held && deal && !others.length && !sumGivenBy(ctx, value).some((p) => p.deals.includes(deal));
    const texts = ofDeal ? `the texts I hold on the ${ctx.dealName(deal)}` : "the deal texts";
    if (Number.isFinite(value) && value >= 1000 && (!held || ofDeal))
      return { said: `${texts} mention no sum of “${match[0].trim()}”`, incidental: false, sum: true };
  }
  // "Did Biden sign the UK deal?", "…signed in Osaka?", "…in 2024?": answered from the deal's signing record;
  // the name, place or year is what is asked, not assumed.
  // "Why did Biden sign the Japan deal?": corrected from that deal's record (withSigningCorrected) when one deal is asked.
  const assumed = signingAssumed(query, ctx);
  const signing = signingAsked(query, ctx) ?? (assumed?.deals.length === 1 ? assumed : null);
  // "Were any deals signed in 2024?": which deals' records give the year is asked, not assumed.
  const recordsAsked = query.form === "which-deal" && mentionsSigning(query, ctx);
  for (const match of query.text.matchAll(YEAR)) {
    if (!facts.years.has(match[0]) && !recordsAsked && !signing?.dates.some((date) => date.year === match[0]))
      return { said: `the deal texts mention nothing dated ${match[0]}`, incidental: false, year: match[0] };
  }
  // Words offered beside an "or" ("Tokyo or Osaka", "Tokyo, or was it Osaka") are asked, not assumed, when the texts know one of them.
  const [before = [], after = []] = query.alternatives;
  const offered = before.length > 0 ? [...before.slice(-1), ...after.slice(0, 3)] : [];
  const signer = new Set([
    ...(signing?.people ?? []),
    ...(signing?.places ?? []).flatMap((place) => place.words.split(" ")),
    ...regionsAsked(query, ctx).flatMap(tokenize),
    ...(offered.some((word) => !FILLER_WORDS.has(word) && ctx.knows(word)) ? offered : []),
  ]);
  // A question in another language is read for the deals and topics it names; its other words are no names.
  if (query.foreign) return null;
  const asking = askingPart(query.text);
  const properName = unknownProperName(asking, query, ctx, signer);
  if (properName) {
    // "Hyundai or Samsung?": every name the texts lack is said, not the first alone.
    const names = [properName];
    let rest = asking.replace(properName, "");
    while (names.length < MAX_NAMES_SAID) {
      const next = unknownProperName(rest, query, ctx, signer);
      if (!next || names.includes(next)) break;
      names.push(next);
      rest = rest.replace(next, "");
    }
    const quoted = names.map((name) => `“${name}”`);
    return {
      said: `the texts I hold do not mention ${joinNames(quoted, "or")}`,
      incidental: true,
      name: properName,
      properName: true,
    };
  }
  const askingTokens = tokenize(asking);
  // "signed at the G7 summit?": the place of signing asked is checked against the deal's record, not declined.
  const name = unknownName(query, ctx, (words) =>
    tokenize(words).every((word) => askingTokens.includes(word) && !signer.has(word)),
  );
  if (name)
    return { said: `the texts I hold name no “${asTyped(query.text, name)}”`, incidental: true, name };
  return null;
}

/**
 * "What's the NRF?": a word typed in capitals that no text has, but that is the initials of capitalised words one
 * does ("National Research Foundation"): the word as typed and those words. Null otherwise.
 */
export function initialismAsked(
  query: ParsedQuery,
  ctx: KnowledgeLookups,
): { typed: string; words: string } | null {
  for (const [typed = "", letters = ""] of query.text.matchAll(/\b(\p{Lu}{3,})s?\b/gu)) {
    const token = letters.toLowerCase();
    const words = factsOf(ctx).initialisms.get(token);
    if (words && !ctx.knows(token)) return { typed, words };
  }
  return null;
}

/** How many names the texts lack one answer says. */
const MAX_NAMES_SAID = 3;

/**
 * The countries a question asks about as partners ("the India deal", "did India sign?"). Not those inside a
 * name the texts have ("India AI Impact Summit"), nor the place where people of a deal met or signed
 * ("what did Kratsios and Bae agree in India?"): that question is about the deal of the people named. Nor a
 * place the texts name where something happened ("Was the working group agreed in India?"), unless a deal is
 * asked there ("Is there a TPD in India?").
 */
export function countriesAsked(query: ParsedQuery, ctx: KnowledgeLookups): string[] {
  const people = signatoriesNamed(query, ctx).length > 0;
  const dealAsked = query.deals.length === 0 && hasAnyOf(query.tokens, ctx.vocabulary.phrasing.dealNouns);
  const placeOfEvent = (country: string) => !dealAsked && writtenAs(country, ctx) !== null;
  return query.countries.filter(
    (country) =>
      !partOfName(country, query, ctx) &&
      !((people || placeOfEvent(country)) && isPlace(country, query, ctx)) &&
      (dealAskedWith(country, query, ctx) || countrySubject(country, query, ctx) === null),
  );
}

/** "the India deal", "a US-India TPD": a deal with the country is asked for, whatever the texts say of it. */
function dealAskedWith(country: string, query: ParsedQuery, ctx: KnowledgeLookups): boolean {
  const words = tokenize(country);
  const at = indexOfSequence(query.tokens, words);
  return at >= 0 && ctx.vocabulary.phrasing.dealNouns.includes(query.tokens[at + words.length] ?? "");
}

/**
 * "the American AI Exports Program": a name of three or more capitalised words after the question's first that no
 * text says, words naming a side or a partner aside ("UK Department of Energy" is the texts' "Department of Energy");
 * names listed with "and" are each one.
 */
export function unsaidTitle(query: ParsedQuery, ctx: KnowledgeLookups): string | null {
  const sides = new Set([
    ...ctx.vocabulary.phrasing.usSide,
    ...ctx.knowledge.deals.flatMap((deal) => deal.aliases),
  ]);
  const words = askingPart(query.text)
    .split(/[\s()"“”]+/)
    .filter(Boolean);
  for (let i = 1; i < words.length; i++) {
    if (!/^\p{Lu}/u.test(words[i] as string)) continue;
    const run = capitalisedRun(words, i);
    // "Microsoft and Google": names listed, each its own.
    for (const name of run.split(" and ")) {
      const tokens = tokenize(name).filter((token) => !sides.has(token));
      if (tokens.length >= 3 && !ctx.anySays(tokens)) return name;
    }
    i += run.split(" ").length - 1;
  }
  return null;
}

/** The capitalised words around the one at `at`, as a name: "Joint AI Council", not "Council". */
function capitalisedRun(words: readonly string[], at: number): string {
  // "Bank of Korea", "Korea Hydro & Nuclear Power": a name holds "of", "and" or "&" between its capitalised words.
  const capital = (i: number) => i > 0 && /^\p{Lu}/u.test(words[i] ?? "");
  const joined = (i: number, step: number) => /^(of|and|&)$/.test(words[i] ?? "") && capital(i + step);
  // "Google, Microsoft and Nvidia": a comma ends a name, and the "and" at `i` ends a list when a word with a comma
  // stands just before the capitalised words before it.
  const endsName = (i: number) => (words[i] ?? "").endsWith(",");
  const listed = (i: number) => {
    let before = i - 1;
    while (before > 0 && capital(before) && !endsName(before)) before -= 1;
    return words[i] === "and" && endsName(before);
  };
  let start = at;
  while (start > 0 && !endsName(start - 1)) {
    if (capital(start - 1)) start -= 1;
    else if (joined(start - 1, -1) && !endsName(start - 2) && !listed(start - 1)) start -= 2;
    else break;
  }
  let end = at;
  while (!endsName(end)) {
    if (capital(end + 1)) end += 1;
    else if (joined(end + 1, 1) && !listed(end + 1)) end += 2;
    else break;
  }
  return words
    .slice(start, end + 1)
    .join(" ")
    .replace(/['’]s$|[^\p{L}\p{N})]+$/u, "");
}

/** The words as the question wrote them ("RIKEN", not "riken"), or as given when they cannot be found. */
export function asTyped(text: string, words: string): string {
  return new RegExp(writtenWords(words.split(" ")), "iu").exec(text)?.[0] ?? words;
}

/** A country named only inside a name the texts have ("India AI Impact Summit") is not asked about. */
function partOfName(country: string, query: ParsedQuery, ctx: KnowledgeLookups): boolean {
  const words = tokenize(country);
  const at = indexOfSequence(query.tokens, words);
  if (at < 0) return false;
  // "What did Nation Thailand report?", "How reliable is Nation Thailand?": a publisher the question names.
  const inPublisher = (name: string) => {
    const nameWords = tokenize(name);
    return nameWords.includes(words[0] ?? "") && indexOfSequence(query.tokens, nameWords) >= 0;
  };
  if (ctx.vocabulary.publishers.some(({ names }) => names.some(inPublisher))) return true;
  for (let extra = 1; extra <= 4 && at + words.length + extra <= query.tokens.length; extra++) {
    const phrase = query.tokens.slice(at, at + words.length + extra);
    if (ctx.anySays(phrase)) return true;
  }
  return false;
}

/** A capitalised word inside a sentence that neither the knowledge nor the vocabulary knows ("Kishida"). */
function unknownProperName(
  text: string,
  query: ParsedQuery,
  ctx: KnowledgeLookups,
  asked: ReadonlySet<string>,
): string | null {
  // "KR TPD SPACE STUFF???": a question typed in capitals names nothing by them.
  if (!/\p{Ll}/u.test(text)) return null;
  // "… in plain English": words asking for an explanation name nothing.
  const told = phrasesIn(query.tokens, ctx.vocabulary.phrasing.explaining);
  const readWords = new Set([...query.readings.map((reading) => reading.words), ...told].flatMap(tokenize));
  // "Who is Kratsois?": a signatory's name typed with a slip is that name, not an unknown one.
  const people = signatoriesNamed(query, ctx);
  const sentences = text.split(/[.!?:;]\s+/);
  for (const sentence of sentences) {
    const words = sentence.split(/[\s()"“”]+/).filter(Boolean);
    // By index, and with no closure over a word's tokens: this reads every word of every question.
    for (let i = 1; i < words.length; i++) {
      const word = words[i] as string;
      if (!/^\p{Lu}/u.test(word)) continue;
      // "Korean-language": only the capitalised parts of a compound may be a name.
      const named = word.includes("-") ? word.split("-").filter((part) => /^\p{Lu}/u.test(part)) : [word];
      for (const token of named.flatMap(tokenize)) {
        // A number in Roman numerals ("Artemis III") is checked with its name, never a name of its own.
        if (token.length < 3 || /\d/.test(token) || /^[ivx]+$/.test(token)) continue;
        if (FILLER_WORDS.has(token) || FILLER_WORDS.has(stem(token)) || MONTHS_AND_DAYS.includes(token))
          continue;
        if (readWords.has(token) || asked.has(token) || ctx.knows(token)) continue;
        // "NYT": the initials of a name the texts have ("The New York Times").
        if (/^\p{Lu}+\W*$/u.test(word) && factsOf(ctx).initialisms.has(token)) continue;
        if (anyNameHas(people, token)) continue;
        // "Trump and Lee": a signer the texts name beside the name they lack is no part of it.
        const run = capitalisedRun(words, i);
        const parts = run.split(" and ");
        const own = parts.find((part) => tokenize(part).includes(token));
        const signer = (part: string) => tokenize(part).every((each) => anyNameHas(people, each));
        return own && parts.every((part) => part === own || signer(part)) ? own : run;
      }
    }
  }
  return null;
}

function anyNameHas(people: readonly Signatory[], token: string): boolean {
  for (const person of people) if (nameHas(person, token)) return true;
  return false;
}

/** "tech partnership", "technology prosperity pact": the words of a deal's title with a noun for an agreement. */
function namesTheDeal(words: readonly string[], ctx: KnowledgeLookups): boolean {
  const noun = words[words.length - 1] ?? "";
  if (!setOf(ctx.vocabulary.phrasing.agreementNouns).has(noun.replace(/s$/, ""))) return false;
  const { titleWords } = factsOf(ctx);
  const asTitle = (word: string) => (word === "tech" ? "technology" : word);
  return words.slice(0, -1).every((word) => titleWords.has(stem(asTitle(word))));
}

/** A word of a sum ("1", "billion", "500m"): how large a thing is, never part of its name. */
const SUM_WORD = /^(?:\d[\d,.]*\w*|bn|billion|million|trillion|thousand)$/;

/**
 * A named body, programme, sum or document: a noun such as "council" or "fund" with the words before it. It
 * stands in the texts when some passage has all its words; a name from the vocabulary must stand word for word.
 */
function unknownName(
  query: ParsedQuery,
  ctx: KnowledgeLookups,
  asked: (words: string) => boolean,
): string | null {
  for (const name of query.names) {
    const words = name.words.join(" ");
    // "japan children": a name another deal's texts have is asked of this deal, not unknown; "UK AI Safety
    // Institute" is one the texts have in other words ("UK AI Security Institute"), said so (`heldAs`).
    const ofAnother = nameStands(ctx, withoutQualifier(name)) && heldAs(words, ctx) === null;
    if (!nameStands(ctx, name) && !ofAnother && asked(words)) return words;
  }
  const nouns = setOf(ctx.vocabulary.phrasing.premiseNouns);
  // "Does it mention sanctions?": the word asking whether a deal covers a thing is not part of its name.
  const asking = setOf(ctx.vocabulary.phrasing.coverage);
  const roles = setOf([...ctx.vocabulary.phrasing.counterparts, ...ctx.vocabulary.phrasing.effectVerbs]);
  const dealOrCountry = new Set(wordsReadAs(query.readings, "deal", "country"));
  // Words read as a topic ("quantum", "AI") say what the body is about, not what it is called.
  const topicWords = new Set(wordsReadAs(query.readings, "topic"));
  const { tokens, inPhrases } = query;
  for (const [i, token] of tokens.entries()) {
    // "deeper partnerships" is an ordinary plural; a body's name is one thing ("the Joint AI Council").
    // "a formal treaty": a noun read as a topic is what is asked of the deal, not the name of a body.
    if (!nouns.has(token) || inPhrases.has(i) || topicWords.has(token)) continue;
    const words = [token];
    for (let j = i - 1; j >= 0 && words.length < 4; j--) {
      const before = tokens[j] ?? "";
      const other = FILLER_WORDS.has(before) || QUESTION_WORDS.has(before) || dealOrCountry.has(before);
      // "a $1 billion AI partnership": a sum says how large the thing is, not what it is called.
      if (other || asking.has(before) || roles.has(before) || SUM_WORD.test(before)) break;
      // A word close to one the texts use is a slip of typing ("securty"), not part of a new name.
      if (!topicWords.has(before) && (ctx.knows(before) || !ctx.nearlyKnows(before))) words.unshift(before);
    }
    // "the research security provisions": a word of asking on its own names nothing ("a penalty clause" does).
    if (words.length === 1 && setOf(ctx.vocabulary.phrasing.framing).has(token)) continue;
    const stemmed = words.map(stem).join(" ");
    const stands =
      namesTheDeal(words, ctx) ||
      ctx.anyHas(words) ||
      factsOf(ctx).titles.some((title) => title.includes(stemmed));
    if (!stands && asked(words.join(" "))) return words.join(" ");
  }
  return null;
}
