import type { AnswerDraft, Excerpt, Reading } from "./answer.js";
import { citing, isYesOrNo, type Lead, ledBy, noLead, yesOrNoLead } from "./answer-building.js";
import {
  anyEvidence,
  compoundAsked,
  describe,
  inDealTexts,
  type Subject,
  subjectOf,
  togetherInTexts,
} from "./coverage.js";
import {
  amountValue,
  asTyped,
  HAS_AMOUNT,
  headTitles,
  missingPremise,
  officeHolds,
  sumGivenBy,
  titlesOf,
  unsaidTitle,
} from "./gate.js";
import type { KnowledgeLookups } from "./lookups.js";
import {
  type Deal,
  type DealId,
  type Passage,
  type Phrasing,
  SECTIONS,
  type Section,
  type Signatory,
} from "./model.js";
import {
  countIn,
  countWord,
  DAY_MS,
  dealCountClaimed,
  dealList,
  dealNames,
  dealsWith,
  documentSaid,
  formatDate,
  inSentence,
  joinNames,
  MONTHS,
  nameInSentence,
  partnerList,
  titleCase,
} from "./phrasing.js";
import {
  dealsSplitByNegation,
  givenAsThing,
  offersChoice,
  opensYesNo,
  type ParsedQuery,
  wordingAskedFor,
  wordsInQuotes,
  wordsReadAs,
} from "./query.js";
import {
  inRegion,
  mentionsSigning,
  nameHas,
  regionsAsked,
  sideNamed,
  signatoriesNamed,
  signerSideAsked,
  signingAsked,
  signingLead,
} from "./signing-question.js";
import {
  anyOf,
  anyPhrase,
  capitalised,
  FILLER_WORDS,
  FULL_STOP,
  hasAnyOf,
  holdsAnyOf,
  indexOfSequence,
  once,
  phrasesIn,
  QUESTION_WORDS,
  setOf,
  standNear,
  stem,
  tokenize,
  withQuotationOpened,
} from "./text.js";
import { companiesNamed, SAYS_WHAT_IS_LACKING, valueGiven, valueUnsaid } from "./value-asked.js";
import { valueContradicted } from "./value-claimed.js";

/** A clause that only names what follows its colon ("6G:", "Fusion energy:"). */
const isHeading = (clause: string) => clause.trim().endsWith(":") && tokenize(clause).length <= 3;

/** Where a sentence or clause ends. */
const SENTENCE_END = new RegExp(`(?<=[;:])\\s+|${FULL_STOP.source}`, "u");
/** How many words before a key word a negation may stand and still negate it. */
const NEGATION_REACH = 5;

/**
 * A yes/no question answered from the answer's own excerpts: "Is the UK deal legally binding?" → "No — the
 * U.S.–UK … is not legally binding.", before the answer's own lead. The sentence that carries all the question's words decides, by whether a
 * negation governs them; a question about who signed is checked against the deal's signatories. When no
 * sentence holds all of the question's words of substance, the lead says the texts give no plain yes or no.
 */
export function withYesNoLead(query: ParsedQuery, answer: AnswerDraft, ctx: KnowledgeLookups): AnswerDraft {
  // "Is AI the only area all three share?": the areas every deal lists decide, in place of the answer's own lead.
  const shared = answer.found ? onlySharedLead(query, ctx) : null;
  if (shared) return { ...answer, ...shared };
  const sole = answer.found ? soleLead(query, answer, ctx) : null;
  if (sole) return ledBy(answer, sole);
  // "The Japan deal has eight areas, true?": no text has the count asked, but the deal's outline decides it.
  const counted = query.form === "yes-no" && !answer.found ? countClaimed(query, ctx) : null;
  if (counted) {
    const title = partnerList(ctx, answer.deals);
    return citing({ ...answer, found: true, title, ...counted }, counted.cites ?? [], ctx);
  }
  // "Are the TPDs part of a wider plan?": what the deals belong to is no topic they cover, so their covering one
  // (or a word of it) decides nothing.
  if (partOfAnother(query, ctx) && isYesOrNo(answer.verdict)) return undecided(answer);
  // "Are you an AI?", "Can I trust these answers?": what the bot is, which its help says, not a Yes or No.
  if (query.form !== "yes-no" || !answer.found || answer.intent === "help") return answer;
  // Without a sentence that decides it, the lead says so rather than leave the excerpts to imply an answer,
  // unless the answer's own lead already says what the texts lack.
  // Asked of nothing in particular ("Are the Japan and Korea deals alike?"), the areas they list decide; whether
  // deals say the same on a topic ("Do the Japan and Korea deals say the same about space?") no sentence decides.
  const likeness =
    (answer.intent === "compare" || hasAnyOf(query.tokens, ctx.vocabulary.phrasing.sayAsked)) &&
    asksLikeness(query, ctx) &&
    sameAreasAsked(query, ctx).length === 0;
  const weighs = likeness || weighsCoverage(query, ctx);
  const lacking = SAYS_WHAT_IS_LACKING.test(answer.lead);
  // A question offering things to choose from ("Are the deals MOUs or treaties?") is no yes/no question left
  // undecided when no sentence decides it: its answer's lead gives what the texts say. Whether the texts cover
  // either ("Does it mention energy resilience or grid security?") is one.
  const unanswered: Lead | null = offersChoice(query) && !query.coverage ? null : { lead: UNDECIDED };
  const decided = isYesOrNo(answer.verdict)
    ? null
    : weighs
      ? lacking
        ? null
        : { lead: UNDECIDED }
      : (yesOrNo(query, answer, ctx) ?? (lacking ? null : (valueUnset(query, answer, ctx) ?? unanswered)));
  const led = decided ? citing(ledBy(answer, decided), decided.cites ?? [], ctx) : answer;
  // "Is the UK deal operative?": a clause on how a deal becomes operative gives its terms, not whether it is now.
  if (decided && isYesOrNo(decided.verdict) && termsForState(query, decided.lead, ctx)) return undecided(led);
  const { verdict } = led;
  if (!isYesOrNo(verdict)) return led;
  // "Did he say anything about the pause?" with no one named before: whether the pause happened is not whether
  // "he" spoke of it.
  if (saidByPronoun(query, ctx) && query.names.length === 0) return undecided(led);
  // "Does the deal include a chips act?": the topic covered is no Yes to a name the texts lack.
  // "Does the deal cover the American AI Exports Program?": nor is it a Yes to a title no text says.
  if (verdict === "yes" && (missingPremise(query, ctx)?.incidental || unsaidTitle(query, ctx)))
    return undecided(led);
  // "Was the Korea deal announced before signing?": an order of events is a Yes only where the lead says it.
  if (verdict === "yes" && answer.intent !== "when" && orderUnsaid(query, led.lead, ctx))
    return undecided(led);
  // A Yes or No read from words typed with a slip says what it read them as: the reading is a guess.
  const guesses = query.guessed.map(({ typed, read }) => `“${typed}” as “${read}”`);
  const lead = guesses.length > 0 ? `reading ${guesses.join(", ")}: ${led.lead}` : led.lead;
  // "Is it binding or non-binding?": the answer offered, not a Yes or No.
  const offered = query.orNot.sides;
  return {
    ...led,
    verdict: offered ? { choice: capitalised(offered[verdict === "yes" ? 0 : 1]) } : verdict,
    lead,
  };
}

/** "before signing", "after it was signed": an order asked against the signing that `lead` does not say. */
function orderUnsaid(query: ParsedQuery, lead: string, ctx: KnowledgeLookups): boolean {
  const signing = setOf(ctx.vocabulary.phrasing.signing);
  const said = new Set(tokenize(lead));
  return query.tokens.some(
    (token, i) =>
      ORDER_WORDS.has(token) &&
      query.tokens.slice(i + 1, i + 4).some((word) => signing.has(word)) &&
      !said.has(token),
  );
}
const ORDER_WORDS = new Set(["before", "after", "prior"]);

/**
 * "Do the UK and Japan deals differ on fusion?", "are they similar on quantum?": deals set side by side, which no
 * sentence of one decides, nor their covering it.
 */
export const asksLikeness = (query: ParsedQuery, ctx: KnowledgeLookups) =>
  hasAnyOf(query.tokens, ctx.vocabulary.phrasing.likenessAsked);

/**
 * "Is the UK deal more about AI or nuclear?", "mainly about semiconductors?", "more than four headings?": weighing
 * what it has, which a sentence having it does not decide; not "any more" (still).
 */
export const weighsCoverage = (query: ParsedQuery, ctx: KnowledgeLookups) =>
  query.tokens.some(
    (token, i) => ctx.vocabulary.phrasing.degreeAsked.includes(token) && query.tokens[i - 1] !== "any",
  );

/** Words asking whether a thing is so by now: "set up yet?", "already launched?". */
export const BY_NOW = ["yet", "already"];

/**
 * "Has the Korea deal been terminated?", "Did Korea pull out?": whether something happened, which a clause allowing
 * it does not say; not "Did the UK deal include a termination clause?". With `section`, only of that section.
 */
export function happenedAsked(query: ParsedQuery, ctx: KnowledgeLookups, section?: Section): boolean {
  // "Has any deal been renewed?" asks it of each deal, as a yes/no question.
  const yesNo =
    query.form === "yes-no" || (query.form === "which-deal" && opensYesNo(query, ctx.vocabulary.phrasing));
  if (!yesNo || (section && !query.sections.includes(section))) return false;
  const { happenedOpeners, provisionWords } = ctx.vocabulary.phrasing;
  const claim = query.tokens.slice(0, query.tokens.length - query.tag);
  // "Korea withdrew from the deal, right?": a statement of what happened, checked by its tag; "it can end, right?"
  // states what may happen, "the Korea deal has 180 days notice, right?" what it provides.
  const numbers = setOf(ctx.knowledge.valuesAsked.numbers);
  const valued = claim.some((word) => /\d/.test(word) || numbers.has(word));
  const stated = query.stated && !valued && !claim.some((word) => MODALS.has(word));
  // "Is Korea leaving the deal?", "Is the UK deal being cancelled?": whether it is happening now; not "is the
  // notice period for leaving …" (a preposition makes the word a noun).
  const progressive = [...query.sectionAt].some(
    (at) => query.tokens[at]?.endsWith("ing") && !PREPOSITIONS.has(query.tokens[at - 1] ?? ""),
  );
  // "Is the UK deal terminated?", "Is it over?": whether it is so now; not "is it terminated by written notice?".
  const state = [...query.sectionAt].some(
    (at) => ENDED_STATE.test(query.tokens[at] ?? "") && !AGENT_OR_MEANS.has(query.tokens[at + 1] ?? ""),
  );
  // "Is the working group set up yet?", "Does it exist already?": whether it is so by now.
  const byNow = hasAnyOf(claim, BY_NOW);
  const happening =
    (/^(is|are)$/.test(claim[0] ?? "") && (claim.includes("being") || progressive || state)) || byNow;
  return (
    (hasAnyOf(claim.slice(0, 1), happenedOpeners) || stated || happening) && !hasAnyOf(claim, provisionWords)
  );
}

/** Words asking a thing of every deal at once, naming none ("Were they all signed in October?", "Were they …?"). */
const EVERY_ONE = ["all", "every", "each", "they", "them"];

/** Words before a verb's "-ing" form that make it a noun ("for leaving", "of ending"). */
const PREPOSITIONS = new Set(["for", "of", "about", "on", "after", "before", "by", "from", "to", "without"]);

/** A word saying a thing ended, as a state ("terminated", "withdrawn", "over", "dead"). */
const ENDED_STATE = /(?:ed|wn|^over|^dead)$/;

/** Words after a state asking how it comes about ("terminated by notice", "cancelled with 180 days' notice"). */
const AGENT_OR_MEANS = new Set(["by", "with", "through", "if", "when", "after", "upon", "on", "via"]);

/** Words that make a statement one of what may or must happen, not of what did. */
const MODALS = new Set(["can", "could", "may", "might", "must", "shall", "should", "will", "would"]);

/** Whether the question speaks of the deals in the plural ("the deals", "the TPDs"). */
export const namesDealsPlural = (query: ParsedQuery, ctx: KnowledgeLookups) =>
  phrasesIn(query.tokens, ctx.vocabulary.phrasing.dealNouns).some((noun) => noun.endsWith("s"));

/** What the texts say to a yes/no question: Yes or No with the deciding sentence, or null. */
function yesOrNo(query: ParsedQuery, answer: AnswerDraft, ctx: KnowledgeLookups): Lead | null {
  // The texts report what was agreed and what happened; no sentence of theirs decides what will happen, except
  // what is to be done under a deal ("Will the US and UK work on quantum standards under the deal?").
  // Nor does one decide where things stand now ("still cooperating on fusion?").
  const future =
    (phrasesIn(query.tokens, ctx.vocabulary.phrasing.future).length > 0 && !query.tokens.includes("under")) ||
    hasAnyOf(query.tokens, ctx.vocabulary.phrasing.later);
  const byClause =
    wordingLead(query, ctx) ??
    signingOrderLead(query, ctx) ??
    operativeOnSignature(query, answer, ctx) ??
    exitTiming(query, answer, ctx) ??
    noEndDate(query, answer, ctx) ??
    documentKind(query, ctx) ??
    sameAreas(query, ctx) ??
    sameSigner(query, ctx) ??
    signedByOffice(query, ctx) ??
    sameSpan(query, answer, ctx) ??
    valueDiffers(query, answer, ctx) ??
    agentDiffers(query, answer, ctx) ??
    fundsObliged(query, answer, ctx) ??
    sumClaimed(query, ctx) ??
    countClaimed(query, ctx) ??
    doneTogether(query, ctx);
  if (byClause) return byClause;
  const signing = signingAsked(query, ctx);
  if (signing) {
    // The deal's signing record decides, or nothing does: a sentence reporting a disputed signer is no "Yes".
    // "Were the Japan and Korea deals both signed in October?" is decided by each deal's record.
    // "Were the deals signed in September?", naming none, asks it of every deal's record.
    // "Were they all signed in October?", "all of them": every deal, named by "all" alone.
    const ofAll =
      query.deals.length === 0 && (namesDealsPlural(query, ctx) || hasAnyOf(query.tokens, EVERY_ONE));
    // "Did Trump sign anything?": any deal's record; "Did Melania Trump sign the UK deal?": the deal named, not the
    // one whose texts name her.
    // "Did Takaichi sign?", naming no deal, asks it of any deal as "anything" does.
    const anything =
      !ofAll && query.deals.length === 0 && (query.tokens.includes("anything") || signing.people.length > 0);
    const bySigning = query.deals.length > 0 || signing.people.length > 0 ? signing.deals : [];
    const every = ofAll || (anything && bySigning.length === 0);
    const asked = every ? ctx.dealIds : bySigning.length > 0 ? bySigning : answer.deals;
    const records = asked.flatMap((id) => ctx.deal(id) ?? []);
    // "Was Trump in Korea for the signing?": where it was signed says nothing of whether someone who did not sign
    // it was there.
    const bystander = signatoriesNamed(query, ctx).some(
      (person) => !records.some((deal) => deal.signatories.some((own) => own.name === person.name)),
    );
    if (bystander && signing.people.length === 0) return null;
    // "Did Kratsios sign only the Japan deal?": No when the people asked signed another deal too.
    const signedBy = (deal: Deal) =>
      signing.people.every((word) => deal.signatories.some((person) => nameHas(person, word)));
    const alsoSigned = ctx.knowledge.deals.filter((deal) => !records.includes(deal) && signedBy(deal));
    if (signing.soleDeal && signing.people.length > 0 && alsoSigned.length > 0 && records.every(signedBy)) {
      const people = (records[0]?.signatories ?? []).filter((person) =>
        signing.people.some((word) => nameHas(person, word)),
      );
      const also = alsoSigned.map((deal) => `the ${deal.name}`);
      return noLead(`${joinNames(people.map((person) => person.name))} also signed ${joinNames(also)}.`);
    }
    const side = signerSideAsked(query, ctx);
    const signed = records.map((deal) => signingLead(signing, deal, side));
    // "Were two deals signed in Asia?", "… in Tokyo?": asked of every deal, whatever deal a place names.
    const claimed = dealCountClaimed(query, ctx);
    const counted =
      claimed === null
        ? null
        : dealsCounted(
            claimed,
            ctx.knowledge.deals.map((deal) => signingLead(signing, deal, side)),
          );
    if (counted) return counted;
    // "Were any of the deals signed in Tokyo?": one deal's record saying so is the Yes.
    const some =
      anything || hasAnyOf(query.tokens, ctx.vocabulary.phrasing.anyAsked)
        ? signed.filter((lead) => lead?.verdict === "yes")
        : [];
    const decided =
      some.length > 0
        ? bothWays(some as Lead[])
        : signed.every((lead) => lead !== null)
          ? bothWays(signed as Lead[])
          : null;
    if (decided) return decided;
    // "Were the deals signed in Asia?": a sentence naming some of them decides nothing of all; a record that
    // says otherwise is a No.
    if (ofAll) {
      const noes = signed.filter((lead): lead is Lead => lead?.verdict === "no");
      return noes.length > 0 ? bothWays(noes) : null;
    }
    // "Signed during APEC?": a place or occasion the record does not name is decided by a sentence that has it.
    if (signing.people.length > 0 || signing.places.every((place) => place.country)) return null;
  }
  if (future) return null;
  // A question in another language is read by the topic it names alone: that tells whether a deal covers it, or
  // has a property ("binding"), never what is done about it ("fund", "ban"). Coverage is asked by a stem such as
  // "포함", "含", "inclu" in its words.
  const lower = query.text.toLowerCase();
  if (
    query.foreign &&
    !ctx.vocabulary.otherLanguages.cover.some((stem) => lower.includes(stem)) &&
    !query.topics.some((topic) => ctx.vocabulary.phrasing.propertyTopics.includes(topic))
  )
    return null;
  // A topic asked in several words ("legally binding", typed "legaly bindng") stands in a sentence by any of
  // them ("non-binding"), save those that narrow it ("computing" of "quantum computing"), which must stand; a
  // one-word topic typed with a slip ("bindng") is looked for as its alias writes it.
  // "Does it have a termination clause?": a topic's word that names the section asked chose the excerpts.
  const sectionTyped = new Set(
    ctx.vocabulary.sectionsIn(query.tokens).flatMap((hit) => hit.positions.map((at) => query.tokens[at])),
  );
  const groups = topicGroups(query).filter((group) => !group.typed.every((word) => sectionTyped.has(word)));
  const phrases = groups
    .filter(({ words }) => words.length > 1)
    .map(({ words }) => words.filter((word) => !FILLER_WORDS.has(word)).map(stem));
  const inPhrase = new Set(phrases.flat());
  const typed = new Set(groups.flatMap((group) => group.typed.map(stem)));
  const single = groups.flatMap(({ words }) => (words.length === 1 ? words.map(stem) : []));
  // "Does it link AI to biotech?", "Is Melania Trump's initiative connected to the Korea deal?": two things asked
  // (topics, names, a deal) in one sentence are the link; the verb need not stand there.
  const things = groups.length + query.names.length + Math.min(1, query.deals.length);
  const relating = new Set(things > 1 ? ctx.vocabulary.phrasing.relations.map(stem) : []);
  const keys = new Set(
    [...[...keyWords(query, ctx)].filter((key) => !typed.has(key)), ...single].filter(
      (key) => !inPhrase.has(key) && !relating.has(key),
    ),
  );
  const narrowing = togetherInTexts(query, ctx).map(({ words }) => words.map(stem));
  const joining = new Set(ctx.vocabulary.phrasing.joinWords.filter((word) => !word.includes(" ")).map(stem));
  // "anything on talent or visas?": either of two words offered by "or" will do.
  const eitherOf = new Map<string, string[]>();
  query.tokens.forEach((token, at) => {
    const [one, other] = [stem(query.tokens[at - 1] ?? ""), stem(query.tokens[at + 1] ?? "")];
    if (token !== "or" || !keys.has(one) || !keys.has(other)) return;
    eitherOf.set(one, [...(eitherOf.get(one) ?? []), other]);
    eitherOf.set(other, [...(eitherOf.get(other) ?? []), one]);
  });
  // "Is energy security mentioned?": two words asked side by side, and nothing else, name one thing, so they stand
  // near each other in the deciding sentence ("lower energy costs and stronger national security" is no mention).
  const compound = keys.size === 2 ? compoundAsked(query) : undefined;
  const named = query.names.map((name) => name.forms.map((form) => form.map(stem)));
  // "Can Korea or the US walk away from the Korea MOU?": nothing asked but a section, which a clause of it decides.
  // Not the document's: what a deal is ("an MOC?") is asked in words the search passes over.
  // "Has the Korea deal been terminated?" asks whether it happened, which the clause allowing it does not say.
  const nothingAsked = keys.size === 0 && phrases.length === 0;
  const bySection =
    nothingAsked &&
    !happenedAsked(query, ctx) &&
    query.sections.length > 0 &&
    !query.sections.includes("document");
  if (nothingAsked && !bySection) return null;
  const ofSection = (excerpt: Excerpt) =>
    !bySection || query.sections.includes(ctx.passage(excerpt.passageId)?.section ?? "document");
  // The sentence's words are stemmed ("nothing" is "noth"), so its negations are looked for in both forms.
  const negations = new Set([
    ...ctx.vocabulary.phrasing.negations,
    ...stemsOf(ctx.vocabulary.phrasing.negations),
  ]);
  const placesAsked = dealPlacesAsked(query, ctx).map(stem);
  const placeBefore = setOf(ctx.vocabulary.phrasing.placeBefore);
  const ofOtherSide = saidOfOtherSide(query, ctx);
  const happened = happenedAsked(query, ctx);
  const widening = everyPhrase(ctx.vocabulary.phrasing.widening);
  const bindingStems = stemsOf(ctx.vocabulary.phrasing.bindingWords);
  const askedStems = new Set(query.tokens.map(stem));
  // "Is the UK deal about trade?" asks what the deal is about, which no later report of it decides.
  const aboutDeal = /^(is|are)$/.test(query.tokens[0] ?? "") && query.tokens.includes("about") && !happened;
  const ofDealItself = (excerpt: Excerpt) =>
    !aboutDeal || ctx.passage(excerpt.passageId)?.section !== "development";
  function* deciding(deal: DealId | undefined, whole = false): Generator<Decision> {
    const ofDeal = answer.excerpts.filter(
      (excerpt) =>
        (!deal || !excerpt.deal || excerpt.deal === deal) && ofSection(excerpt) && ofDealItself(excerpt),
    );
    // Where a deal stands now ("active again?") is told by its newest development alone, not by an older one.
    for (const excerpt of answer.intent === "status" ? ofDeal.slice(0, 1) : ofDeal) {
      for (const sentence of excerpt.text.split(SENTENCE_END)) {
        if (!numberedNamesMatch(query, sentence)) continue;
        // "open-ended" is no "ended": a compound the question does not write is one word, unless it negates.
        // "including but not limited to": words that widen deny nothing, nor say what they hold ("limited").
        const compounds = sentence
          .replace(widening, " ")
          .replace(/\b([a-z]+)-([a-z]+)\b/g, (compound, first: string) =>
            negations.has(first) || query.text.toLowerCase().includes(compound)
              ? compound
              : compound.replace("-", ""),
          );
        const written = tokenize(compounds);
        const words = written.map(stem);
        if (ofOtherSide(written)) continue;
        // "Has the UK deal funded anything?": a clause of what binds ("nothing in it commits either side to spend
        // funds") says nothing of what was done, unless that is what is asked ("Did the UK commit to …?").
        if (happened && words.some((word) => bindingStems.has(word) && !askedStems.has(word))) continue;
        // Only a sentence holding every word of substance decides: "signed in London?" is not answered by a
        // sentence that says who signed but not where. Without one, no Yes or No is given.
        // "Is Korea joining Fostering the Future?" is decided by "… include participation in …": one word of
        // joining stands for another.
        const has = (key: string) =>
          words.some((word) => sameWord(word, key)) ||
          (joining.has(key) && words.some((word) => joining.has(word)));
        if (![...keys].every((key) => has(key) || (eitherOf.get(key) ?? []).some(has))) continue;
        // "AI standards": a sentence with the whole phrase decides before one with a word of it.
        const hasPhrase = (phrase: string[]) =>
          whole ? phrase.every((word) => words.includes(word)) : phrase.some((word) => words.includes(word));
        if (!phrases.every(hasPhrase)) continue;
        if (!narrowing.every((narrower) => indexOfSequence(words, narrower) >= 0)) continue;
        if (compound && !standNear(words, compound, sameWord)) continue;
        // "Does the UK deal mention the AI Safety Institute?": a name asked stands in the sentence, not only its topic.
        if (!named.every((forms) => forms.some((form) => indexOfSequence(words, form) >= 0))) continue;
        // "… meet in Korea?" is not answered by "Korea's science ministry announced …".
        const placed = (place: string) =>
          words.some(
            (word, at) =>
              sameWord(word, place) && words.slice(Math.max(0, at - 2), at).some((w) => placeBefore.has(w)),
          );
        if (!placesAsked.every(placed)) continue;
        // "is not legally binding", "non-binding", "commits neither side": before a word asked, or just after it
        // ("The £150 billion … is not the deal's value": before the last).
        const asked = words.flatMap((word, at) =>
          [...keys].some((key) => sameWord(word, key)) || inPhrase.has(word) ? [at] : [],
        );
        const negatedAt = (at: number) =>
          words.slice(Math.max(0, at - NEGATION_REACH), at + 3).some((word) => negations.has(word));
        const ends = [asked[0] ?? -1, asked.at(-1) ?? -1];
        // "The £150 billion reported around the deal is not the deal's value": what is asked, opening the sentence
        // as its subject, is denied by the verb that follows it, however far.
        const first = asked[0] ?? -1;
        const verb = written.findIndex((word, at) => at > first && COPULAS.has(word));
        const subjectDenied = first >= 0 && first <= 2 && verb > 0 && negations.has(written[verb + 1] ?? "");
        yield {
          negated: !bySection && (ends.some(negatedAt) || subjectDenied),
          // A clause after a colon is said in its sentence ("… is not the deal's value: it is …"), not from "it";
          // so is a heading before one ("6G: This partnership …"), which says nothing alone.
          // So is a clause after a colon that does not open a sentence of its own ("…(PNT): making critical
          // infrastructure more resilient"), which says nothing of what it is about.
          sentence: (ctx.vocabulary.phrasing.madePronouns.includes(tokenize(sentence)[0] ?? "") ||
          isHeading(sentence) ||
          (/^\p{Ll}/u.test(sentence.trim()) && excerpt.text.includes(`: ${sentence.trim()}`))
            ? wholeSentence(sentence.trim(), excerpt.text)
            : withQuotationOpened(sentence, excerpt.text)
          )
            .trim()
            .replace(/[,;:]$/, "."),
        };
      }
    }
  }
  const decide = (deal: DealId | undefined): Decision | null =>
    deciding(deal, true).next().value ?? deciding(deal).next().value ?? null;
  const deals = [...new Set(query.deals)];
  // "Is the UK deal binding but not the Korea deal?": Yes only when the deals before the negation are decided one way
  // and those after it the other; a sentence against it is the No.
  const split = dealsBeforeNegation(query, ctx);
  if (split) {
    const [wanted, excluded] = [split.wanted.map(decide), split.excluded.map(decide)];
    if (![...wanted, ...excluded].every((decision) => decision !== null))
      return boundLead(query, answer, ctx);
    const against =
      wanted.find((decision) => decision?.negated) ?? excluded.find((decision) => !decision?.negated);
    const said = [...new Set([...wanted, ...excluded].map((decision) => decision?.sentence))].join(" ");
    return against ? noLead(against.sentence) : yesOrNoLead(true, said);
  }
  // A sentence about one deal never decides a question that weighs two ("paused like the UK one?"); "are the
  // Japan and Korea deals binding?" asks it of each, and is decided only when each deal's sentence agrees.
  if (deals.length > 1 && !askedOfEach(query, ctx.vocabulary.phrasing)) return null;
  // Asked of no deal ("According to the MOU, is it binding?"), each deal answered that has a deciding sentence.
  const decisions =
    deals.length > 1
      ? deals.map(decide)
      : deals.length === 0 && answer.deals.length > 1
        ? answer.deals.flatMap((deal) => decide(deal) ?? [])
        : [decide(deals[0])];
  const [first] = decisions;
  // "Do the deals create any obligations?": what a deal sets up of its legal status is decided by whether it binds,
  // not by a sentence with the word ("consistent with … international obligations").
  const setsUp = creationAsked(query, ctx);
  // "Are the deals legally binding?": whether the deals bind, asked of them all, is said of each deal.
  const ofTheDeals = query.deals.length === 0 && namesDealsPlural(query, ctx);
  const bound = !first || setsUp || ofTheDeals ? boundLead(query, answer, ctx) : null;
  if (bound || !first) return bound;
  if (decisions.some((decision) => decision?.negated !== first.negated)) return null;
  const sentences = [...new Set(decisions.map((decision) => decision?.sentence))].join(" ");
  // "Were they announced on the same day?": the dates the two deals' sentences give decide, when every sentence
  // that could decide gives its deal one date ("announced" on 29 October, and Korea's joining on 30 October, give none).
  const span = spanShared(query, ctx.vocabulary.phrasing);
  if (span) {
    const dated = deals.map((deal) => new Set([...deciding(deal)].map((each) => dateIn(each.sentence))));
    const [one, other] = dated.map((dates) => (dates.size === 1 ? [...dates][0] : null));
    if (deals.length !== 2 || first.negated || !one || !other || !(span in SPAN_LENGTH)) return null;
    const same = one.slice(0, SPAN_LENGTH[span]) === other.slice(0, SPAN_LENGTH[span]);
    return yesOrNoLead(same, sentences);
  }
  // "Is it not legally binding?", "Do they say they commit no funds?": a sentence that negates it too says Yes.
  const yes = first.negated === askedNegated(query, ctx);
  // "Do the deals create a new agency?", "… any new institutions?": a sentence naming one without setting it up
  // (near a word of setting up) is no Yes.
  const setUp = new Set([...keys, ...inPhrase]);
  const { creation } = ctx.vocabulary.phrasing;
  const setUpSaid = decisions.some((decision) => decision && setsUpAsked(decision.sentence, creation, setUp));
  if (yes && setsUp && !setUpSaid) return null;
  // "Did the working group meet?": a sentence setting the thing up ("Bae and Kratsios, meeting at the summit, had
  // agreed to launch a working group") tells what was done of it only near the words of setting it up.
  // The date asked ("in February 2026") is when, not what was done.
  const doneOf = new Set([...setUp].filter((word) => !/\d/.test(word) && !MONTH_STEMS.has(word)));
  const madeOnly =
    !setsUp &&
    happenedAsked(query, ctx) &&
    setUpSaid &&
    !decisions.some((decision) => decision && setsUpAsked(decision.sentence, creation, doneOf, true));
  if (yes && madeOnly) return null;
  // "Did the UK make substantial progress on trade?": a sentence of what must or is to be done ("the UK must make
  // substantial progress") says nothing of whether it was.
  const required = (decision: Decision | null) => decision !== null && TO_BE_DONE.test(decision.sentence);
  if (yes && happenedAsked(query, ctx) && decisions.every(required)) return null;
  // "Can the deals be amended?", naming none: one deal's sentence ("the Korea deal … can be amended") is a Yes of
  // all only when every deal has one; a No of one ("the UK deal is not legally binding") is a No of all. What they
  // cover or mention ("Do the deals mention Artemis?") is asked of them together: one deal's is a Yes.
  const decidedFor = deals.length === 0 && answer.deals.length > 1 ? decisions.length : 1;
  const ofEach = deals.length === 0 && namesDealsPlural(query, ctx) && !query.coverage;
  if (yes && ofEach && decidedFor < ctx.dealIds.length) return null;
  return yesOrNoLead(yes, sentences);
}

const MONTH_STEMS = new Set(MONTHS.map(stem));

/** Every place a list's phrases stand in a text (`anyPhrase`, found throughout): made once per list. */
const everyPhrase = once((phrases: readonly string[]) => new RegExp(anyPhrase(phrases).source, "gi"));

/** A list's words as stems, made once per list. */
const stemsOf = once((words: readonly string[]) => new Set(words.map(stem)));

/**
 * The sentence of the text a part of it stands in; one that opens with a pronoun ("This will strengthen …") is said
 * after the sentence before it, which names what it stands for.
 */
function wholeSentence(part: string, text: string): string {
  const sentences = text.split(FULL_STOP);
  const at = sentences.findIndex((whole) => whole.includes(part));
  const whole = sentences[at];
  if (whole === undefined) return part;
  return at > 0 && whole.startsWith(part) ? `${sentences[at - 1]} ${whole}` : whole;
}

/**
 * Words that make a sentence one of what must, is to, could or is planned to be done, not of what was ("could …
 * creating jobs", "future contributions to the Artemis program"); not "a five-year plan to invest", a plan made.
 */
export const TO_BE_DONE =
  /\b(must|should|needs? to|has to|have to|is to|are to|could|might|may|would|future|planned|(?<!\ban? (?:[\w-]+ )?)plans? to|intends? to|aims? to)\b/i;

/** Within how many words of a word of setting up ("launch", "be set up") the thing set up is named. */
const SET_UP_WITHIN = 5;

/**
 * The stems of what a subject asks to be set up, one of which a sentence setting it up names: its names' words, and
 * of its other words the last, the thing itself ("a joint AI research centre" is a centre: "sets up joint
 * initiatives between … research … institutions" sets up none).
 */
export const stemsAsked = (subject: Subject): Set<string> =>
  new Set([...subject.terms.slice(-1), ...subject.names.flatMap((name) => name.words)].map(stem));

/**
 * Whether a question asks of a thing set up ("Does the deal create a fund?", "Did they launch a working group?"),
 * not of a launch as a thing ("a satellite launch", "UK launch sites").
 */
export function creationAsked({ tokens }: ParsedQuery, ctx: KnowledgeLookups): boolean {
  const { creation, launchedThings, launchNouns } = ctx.vocabulary.phrasing;
  const thing = (i: number) =>
    /^an?$/.test(tokens[i - 1] ?? "") ||
    launchedThings.includes(tokens[i - 1] ?? "") ||
    launchNouns.includes(tokens[i + 1] ?? "");
  const phrases = phrasesIn(tokens, creation);
  return (
    phrases.some((phrase) => phrase.includes(" ")) ||
    tokens.some((token, i) => creation.includes(token) && !thing(i))
  );
}

/** Whether a passage has a word of setting up ("launch", "set up"), read from the index. */
export const createsIn = (passage: Passage, ctx: KnowledgeLookups): boolean =>
  ctx.vocabulary.phrasing.creation.some((words) => ctx.hasWords(passage, words.split(" ")));

/** Whether a passage sets up one of the stems asked (any thing, when none is): a word of setting up near it. */
export const setsUpIn = (passage: Passage, asked: ReadonlySet<string>, ctx: KnowledgeLookups): boolean =>
  createsIn(passage, ctx) &&
  (asked.size === 0 || setsUpAsked(passage.text, ctx.vocabulary.phrasing.creation, asked));

/**
 * Whether a sentence of the text names one of the stems asked (or, with `every`, all of them) within SET_UP_WITHIN
 * words of a phrase of `creation`.
 */
export function setsUpAsked(
  text: string,
  creation: readonly string[],
  asked: ReadonlySet<string>,
  every = false,
): boolean {
  const phrases = creation.map((phrase) => phrase.split(" ").map(stem));
  return text.split(FULL_STOP).some((sentence) => {
    const words = tokenize(sentence).map(stem);
    return words.some((_, at) =>
      phrases.some((phrase) => {
        if (phrase.some((word, i) => words[at + i] !== word)) return false;
        const around = [
          ...words.slice(Math.max(0, at - SET_UP_WITHIN), at),
          ...words.slice(at + phrase.length, at + phrase.length + SET_UP_WITHIN),
        ];
        return every
          ? [...asked].every((word) => around.includes(word))
          : around.some((word) => asked.has(word));
      }),
    );
  });
}

/**
 * Whether the question negates what it asks: "not binding", "non-binding", "commit no funds". The other side of a
 * choice ("binding or not", "yes or no", "or non-binding") and a widening ("not just AI") negate nothing.
 */
function askedNegated({ tokens, orNot }: ParsedQuery, ctx: KnowledgeLookups): boolean {
  const negations = setOf(ctx.vocabulary.phrasing.negations);
  return tokens.some(
    (word, i) =>
      i > 0 &&
      negations.has(word) &&
      !orNot.places.includes(i) &&
      phrasesIn(tokens.slice(i, i + 2), ctx.vocabulary.phrasing.widening).length === 0,
  );
}

/** The first date a sentence gives ("published on 29 October 2025"), as YYYY-MM-DD; null without one. */
function dateIn(sentence: string): string | null {
  const [, day, month, year] = /\b(\d{1,2}) (\p{L}+) ((?:19|20)\d{2})\b/u.exec(sentence) ?? [];
  const at = MONTHS.indexOf(month?.toLowerCase() ?? "");
  return at < 0 ? null : `${year}-${String(at + 1).padStart(2, "0")}-${day?.padStart(2, "0")}`;
}

/**
 * "Does the UK MOU take effect as soon as it is signed?": the deal's operative clause decides. One that starts
 * it on signature is a Yes; one that names any other start ("only alongside substantive progress …") a No.
 */
function operativeOnSignature(query: ParsedQuery, answer: AnswerDraft, ctx: KnowledgeLookups): Lead | null {
  if (!query.sections.includes("operative")) return null;
  const { onSignatureAsked, onSignature, ratification } = ctx.vocabulary.phrasing;
  // "Does it have to be ratified before it takes effect?": only a clause that names ratification says Yes.
  const ratifying = query.tokens.some((token) => holdsAnyOf(token, ratification));
  if (!ratifying && !hasAnyOf(query.tokens, onSignatureAsked)) return null;
  // Each deal's operative clause shown, by its first sentence.
  const sentences = answer.deals.flatMap((deal) => {
    const clause = answer.excerpts.find(
      (excerpt) => excerpt.deal === deal && ctx.passage(excerpt.passageId)?.section === "operative",
    );
    const [sentence] = clause?.text.split(SENTENCE_END) ?? [];
    return sentence ? [sentence.trim()] : [];
  });
  const [first] = sentences;
  if (!first || (answer.deals.length > 1 && query.deals.length > 0)) return null;
  const starts = (sentence: string) => holdsAnyOf(sentence, ratifying ? ratification : onSignature);
  // "Does the deal come into force on signature?", naming none: no Yes or No when the deals' clauses differ.
  if (sentences.some((sentence) => starts(sentence) !== starts(first)))
    return { lead: `The deals differ: ${sentences.join(" ")}` };
  return yesOrNoLead(starts(first), sentences.join(" "));
}

/**
 * "Does the Korea deal expire?", "an end date?": a clause letting either side end a deal by notice sets no date it
 * ends on. Without a text that gives one, that is said, with the clause, rather than a Yes.
 */
function noEndDate(query: ParsedQuery, answer: AnswerDraft, ctx: KnowledgeLookups): Lead | null {
  const unset = endDateUnset(query, answer, ctx);
  return unset ? { lead: `${unset.said} ${unset.clause}` } : null;
}

/** "When does the Korea deal expire?": that no text gives a date it ends on, before what the answer says. */
export function withEndDateUnset(
  query: ParsedQuery,
  answer: AnswerDraft,
  ctx: KnowledgeLookups,
): AnswerDraft {
  const unset = query.form === "yes-no" ? null : endDateUnset(query, answer, ctx);
  return unset ? { ...answer, lead: `${unset.said} ${answer.lead}` } : answer;
}

/**
 * For a question asking when the deals answered expire, answered by exit clauses with no text giving a date: that
 * said, and the first sentence of each deal's clause; else null.
 */
function endDateUnset(
  query: ParsedQuery,
  answer: AnswerDraft,
  ctx: KnowledgeLookups,
): { said: string; clause: string } | null {
  const { expiryAsked, lastingAsked } = ctx.vocabulary.phrasing;
  const { deals } = answer;
  // "How long does the UK deal last?" asks when it ends, as "When does it expire?" does.
  const lasting = phrasesIn(query.tokens, ["how long"]).length > 0 && hasAnyOf(query.tokens, lastingAsked);
  if (deals.length === 0 || (phrasesIn(query.tokens, expiryAsked).length === 0 && !lasting)) return null;
  const clauses = answer.excerpts.filter(
    (excerpt) =>
      excerpt.deal !== null &&
      deals.includes(excerpt.deal) &&
      ctx.passage(excerpt.passageId)?.section === "discontinuation",
  );
  if (clauses.length === 0 || clauses.some((clause) => holdsAnyOf(clause.text, expiryAsked))) return null;
  const sentences = deals.flatMap((deal) => {
    const [sentence] = clauses.find((clause) => clause.deal === deal)?.text.split(FULL_STOP) ?? [];
    return sentence ? [sentence.trim()] : [];
  });
  const [deal] = deals;
  const ends =
    deals.length === 1 && deal ? `the ${ctx.dealName(deal)} ends` : `${dealNames(ctx, deals, "and")} end`;
  return { said: `The texts I hold give no date on which ${ends}.`, clause: sentences.join(" ") };
}

/**
 * "Can Korea walk away with immediate effect?", "Can it end sooner if both sides agree?": the exit clause of the
 * deal asked decides, by the notice it sets and whether it lets the two sides agree on another date. An end at
 * once is asked even when the two sides are named ("both sides … immediately"): the notice decides it.
 */
function exitTiming(query: ParsedQuery, answer: AnswerDraft, ctx: KnowledgeLookups): Lead | null {
  const { atOnce: atOnceWords, bothSides, byAgreement, ending } = ctx.vocabulary.phrasing;
  if (!query.sections.includes("discontinuation") && !holdsAnyOf(query.text, ending)) return null;
  const atOnce = holdsAnyOf(query.text, atOnceWords);
  // "if both sides agree", "by mutual consent" (not a bare "the agreement").
  const sides = anyPhrase(bothSides).exec(query.text);
  const agreed =
    !atOnce &&
    (holdsAnyOf(query.text, byAgreement) ||
      (sides !== null && /\bagree/i.test(query.text.slice(sides.index))));
  if (!agreed && !atOnce) return null;
  for (const excerpt of answer.excerpts) {
    if (query.deals.length > 0 && !query.deals.some((deal) => deal === excerpt.deal)) continue;
    if (ctx.passage(excerpt.passageId)?.section !== "discontinuation") continue;
    const clause = excerpt.text.split(FULL_STOP).find((sentence) => /\bnotice\b/i.test(sentence));
    if (!clause) continue;
    if (agreed)
      return holdsAnyOf(clause, ctx.vocabulary.phrasing.agreedDate) ? yesOrNoLead(true, clause.trim()) : null;
    if (/\b\d+ days\b/.test(clause)) return noLead(clause.trim());
  }
  return null;
}

/** "Was it Trump's first state visit?" over "second state visit", "within 12 months?" over "six months": No, with it. */
function valueDiffers(query: ParsedQuery, answer: AnswerDraft, ctx: KnowledgeLookups): Lead | null {
  const given = valueContradicted(query, answer, ctx);
  return given ? noLead(given.sentence) : null;
}

/**
 * "Is the US side represented by the State Department?" over "the United States is represented by the Office of
 * Science and Technology Policy": No, with that sentence, when no excerpt of the deal has the words asked after "by".
 */
function agentDiffers(query: ParsedQuery, answer: AnswerDraft, ctx: KnowledgeLookups): Lead | null {
  // A signing is decided by the deal's record; "…, wasn't it?" is no part of the name asked.
  const tokens = query.tokens.slice(0, query.tokens.length - query.tag);
  const at = tokens.indexOf("by");
  const verb = tokens[at - 1] ?? "";
  let start = at + 1;
  while (FILLER_WORDS.has(tokens[start] ?? "")) start++;
  const end = tokens.findIndex((token, i) => i >= start && FILLER_WORDS.has(token));
  const agent = tokens.slice(start, end < 0 ? undefined : end).map(stem);
  if (at < 1 || FILLER_WORDS.has(verb) || agent.length === 0 || mentionsSigning(query, ctx)) return null;
  const texts = answer.excerpts
    .filter((excerpt) => query.deals.length === 0 || query.deals.some((deal) => deal === excerpt.deal))
    .map((excerpt) => excerpt.text);
  const sentence = texts
    .flatMap((text) => text.split(FULL_STOP))
    .find((each) => new RegExp(`\\b${verb} by\\b`, "i").test(each));
  const named = texts.some((text) => indexOfSequence(tokenize(text).map(stem), agent) >= 0);
  return sentence && !named ? noLead(sentence.trim().replace(/[,;:]$/, ".")) : null;
}

type Decision = { negated: boolean; sentence: string };

/**
 * "Can British researchers apply for NSF funding?" over "U.S. researchers … may apply": a side's people or bodies
 * asked (a side's word just before a noun) that a sentence names only as the other side's decide nothing. Returns
 * whether a sentence's words are so.
 */
function saidOfOtherSide(query: ParsedQuery, ctx: KnowledgeLookups): (words: readonly string[]) => boolean {
  const sideOf = (word: string) => sideNamed(word, query, ctx) ?? null;
  const asked = query.tokens.flatMap((token, i) => {
    const side = sideOf(token);
    const noun = query.tokens[i + 1] ?? "";
    return side && noun && !FILLER_WORDS.has(noun) && !sideOf(noun) ? [{ side, noun: stem(noun) }] : [];
  });
  if (asked.length === 0) return () => false;
  return (words) =>
    asked.some(({ side, noun }) => {
      const at = words.flatMap((word, i) => (stem(word) === noun ? [i] : []));
      const sides = at.map((i) => sideOf(words[i - 1] ?? ""));
      return at.length > 0 && sides.every((each) => each !== null && each !== side);
    });
}

/**
 * "Is the 180-day notice in the Korea MOU text itself?": a Yes asked of a deal's own text that a report on it gives
 * (a summary, a news report) is none; that the official text held does not give it is said, then the report's words.
 */
export function withOwnTextOnly(query: ParsedQuery, answer: AnswerDraft, ctx: KnowledgeLookups): AnswerDraft {
  const [first] = answer.excerpts;
  const ofOwnText = holdsAnyOf(query.text, ctx.vocabulary.phrasing.ownTextAsked);
  if (answer.verdict !== "yes" || !ofOwnText || !first || first.source.weight === "official text")
    return answer;
  const held = `The official text I hold of ${dealNames(ctx, answer.deals, "and")} does not give it`;
  const reported = `${nameInSentence(first.source.publisher)} (${first.source.weight}) does: ${capitalised(answer.lead)}`;
  return { ...answer, verdict: undefined, lead: `${held}; ${reported}` };
}

/** The lead of a yes/no question that no sentence of the texts decides. */
export const UNDECIDED = "The texts I hold do not answer that with a plain yes or no; here is what they say.";

/**
 * "Were two deals signed in Asia?", "Were 2 of the deals signed in September?": the count of deals whose record
 * agrees decides, those that do said first. Null when a record does not decide.
 */
function dealsCounted(claimed: number, signed: readonly (Lead | null)[]): Lead | null {
  if (signed.some((lead) => lead === null)) return null;
  const leads = signed as Lead[];
  const agree = leads.filter((lead) => lead.verdict === "yes");
  const others = leads.filter((lead) => lead.verdict !== "yes");
  const said = [...agree, ...others].map(({ lead }, i) => (i === 0 ? lead : capitalised(lead))).join(" ");
  // "Was one of the deals signed in Asia?" asks for one at least; "Were two …?" for that many.
  const holds = claimed === 1 ? agree.length >= 1 : agree.length === claimed;
  return yesOrNoLead(holds, `${countWord(agree.length)} of them: ${said}`);
}

/** One lead from each deal's Yes or No: No when any says No (its reasons), else Yes (all reasons). */
function bothWays(leads: readonly Lead[]): Lead | null {
  if (leads.length === 0) return null;
  const noes = leads.filter((lead) => lead.verdict === "no");
  const chosen = noes.length > 0 ? noes : leads;
  const reasons = chosen.map(({ lead }, i) => (i === 0 ? lead : capitalised(lead)));
  return yesOrNoLead(noes.length === 0, reasons.join(" "));
}

/** "Any money attached?", "What's the budget?": a question about money, which a deal's funds clause answers. */
export const asksAboutMoney = (query: ParsedQuery, ctx: KnowledgeLookups): boolean =>
  hasAnyOf(query.tokens, ctx.vocabulary.phrasing.moneyWords);

/**
 * "Does the UK MOU oblige either government to spend money on quantum?": money asked as something a deal binds its
 * sides to, decided by the clause, shown among the excerpts, that nothing in the deal commits its sides to spend funds.
 */
function fundsObliged(query: ParsedQuery, answer: AnswerDraft, ctx: KnowledgeLookups): Lead | null {
  const asked = asksAboutMoney(query, ctx) && hasAnyOf(query.tokens, ctx.vocabulary.phrasing.bindingWords);
  // "Has the UK deal funded anything?" asks what was done, which a clause committing no funds does not say.
  if (!asked || happenedAsked(query, ctx)) return null;
  // "Does the UK deal commit funds but not the Korea deal?": No by the clause of the deals said to commit them.
  const claimed = dealsBeforeNegation(query, ctx)?.wanted;
  // "Do the UK and Korea deals both say so?": each deal asked by a clause of its own, or nothing decides.
  const deals = claimed ?? (query.deals.length > 1 ? [...new Set(query.deals)] : [undefined]);
  const clauses = deals.map((deal) =>
    answer.excerpts
      .filter(
        (excerpt) => !deal || excerpt.deal === deal || ctx.passage(excerpt.passageId)?.deals.includes(deal),
      )
      .flatMap((excerpt) => excerpt.text.split(FULL_STOP))
      .find((sentence) =>
        /(\bnothing in\b[^.]*\bcommits?|\bcommits? (neither|no)\b)[^.]*\bfunds\b/i.test(sentence),
      ),
  );
  if (clauses.some((clause) => clause === undefined)) return null;
  const said = [...new Set(clauses.map((clause) => clause?.trim()))].join(" ");
  return yesOrNoLead(!claimed && askedNegated(query, ctx), said);
}

/** Whether a sentence of the text denies a word asked, the first it holds: "it does not name a specific office". */
export function deniesAsked(text: string, terms: readonly string[], negations: ReadonlySet<string>): boolean {
  if (terms.length === 0) return false;
  const keys = terms.map(stem);
  return text.split(SENTENCE_END).some((sentence) => {
    const tokens = tokenize(sentence);
    const at = tokens.map(stem).findIndex((word) => keys.some((key) => sameWord(word, key)));
    return at > 0 && tokens.slice(Math.max(0, at - NEGATION_REACH), at).some((word) => negations.has(word));
  });
}

/**
 * One word in two forms the stems leave apart ("regulator" and "regulatory", "licens" and "license"): a known tail
 * only, so "commit" is not "committee" nor "intern" "international".
 */
export const sameWord = (word: string, key: string) => {
  const [short, long] = word.length <= key.length ? [word, key] : [key, word];
  return (
    long.startsWith(short) &&
    (short === long || (short.length >= 6 && /^(y|e|ion|ive|ments?)$/.test(long.slice(short.length))))
  );
};

/** "the Japan and Korea deals", "both deals": the question asks the same of each deal, not one against another. */
export function askedOfEach({ tokens }: ParsedQuery, phrasing: Phrasing): boolean {
  return hasAnyOf(tokens, phrasing.eachAsked) && !hasAnyOf(tokens, phrasing.weighing);
}

/** The topics asked, each as the words of its aliases: neighbouring readings of one topic ("legaly" "binding") make one. */
function topicGroups(query: ParsedQuery): Array<{ typed: string[]; words: string[] }> {
  const groups: Array<{ typed: string[]; words: string[] }> = [];
  let previous: Reading | undefined;
  for (const reading of query.readings) {
    const words = reading.kind === "topic" ? (reading.alias ?? reading.words) : null;
    const last = groups[groups.length - 1];
    if (words && last && previous?.kind === "topic" && previous.as === reading.as) {
      last.typed.push(...reading.words.split(" "));
      last.words.push(...words.split(" "));
    } else if (words) {
      groups.push({ typed: reading.words.split(" "), words: words.split(" ") });
    }
    previous = reading;
  }
  return groups;
}

const togetherOrFraming = once(
  (phrasing: Phrasing) => new Set([...phrasing.togetherWords, ...phrasing.framing]),
);

/** The question's words of substance: not its framing, not the deal's name, not the yes/no opener. */
/**
 * "Did Kratsios and Bae meet in Seoul?", "… in Korea?": a deal's word after "in" or "at" that names no deal ("in the
 * Korea deal") is a place asked, which a deciding sentence must put something in or at.
 */
function dealPlacesAsked({ tokens, readings }: ParsedQuery, ctx: KnowledgeLookups): string[] {
  const { placeBefore, dealNouns } = ctx.vocabulary.phrasing;
  const dealWords = new Set(wordsReadAs(readings, "deal"));
  return tokens.filter(
    (token, i) =>
      dealWords.has(token) &&
      placeBefore.includes(tokens[i - 1] ?? "") &&
      !dealNouns.includes(tokens[i + 1] ?? ""),
  );
}

export function keyWords(query: ParsedQuery, ctx: KnowledgeLookups): Set<string> {
  // The first name of each deal only says which deal is meant; a second one is asked about ("the UK deal
  // signed in London?" names the place, which the deciding sentence must then hold).
  const namingReadings = new Map<string, string>();
  for (const reading of query.readings) {
    if (reading.kind === "deal" && !namingReadings.has(reading.as))
      namingReadings.set(reading.as, reading.words);
  }
  const dealWords = new Set([...namingReadings.values()].flatMap((words) => words.split(" ")));
  // Words naming the section asked ("pull out" → discontinuation) chose the excerpts; what is asked of it remains.
  const sectionWords = new Set(ctx.vocabulary.sectionsIn(query.tokens).flatMap((hit) => hit.positions));
  // Words of asking ("mention", "clause", "set") and of the two sides acting together need not stand in the sentence.
  const together = togetherOrFraming(ctx.vocabulary.phrasing);
  // "Did Trump attend the Korea signing?": a signatory's name is asked about, though "Trump administration" frames.
  const signatory = new Set(signatoriesNamed(query, ctx).flatMap((person) => tokenize(person.name)));
  const places = new Set(dealPlacesAsked(query, ctx));
  // The first word opens a question ("Is", "Does"), but is what is asked in a statement tagged as one ("Starmer is
  // the UK prime minister, right?"), whose tag is not.
  const end = query.tokens.length - query.tag;
  return new Set(
    query.tokens
      .filter(
        (token, i) =>
          (i > 0 || query.stated) &&
          i < end &&
          !sectionWords.has(i) &&
          // "Is the UK deal the same as the Economic Prosperity Deal?": a sentence naming both does not say so.
          (signatory.has(token) ||
            (token === "same" && query.tokens[i + 1] === "as") ||
            (!FILLER_WORDS.has(token) &&
              // "giving", "making": a word of no substance with its "e" dropped before "-ing" or "-ed".
              !FILLER_WORDS.has(stem(token)) &&
              !FILLER_WORDS.has(`${stem(token)}e`))) &&
          ((!together.has(token) && !together.has(stem(token))) ||
            givenAsThing(query.tokens, i, ctx.vocabulary.phrasing)) &&
          (!dealWords.has(token) || places.has(token)) &&
          token.length > 2 &&
          // A question in another language has only the words the texts use to look for in them.
          (!query.foreign || query.terms.includes(token)),
      )
      .map(stem),
  );
}

const ORDINALS = /^(i|ii|iii|iv|v|vi|vii|viii|ix|x|\d+)$/;

/** The numbered names the question asks ("Artemis I", "Section 3"): each name's word and the number after it. */
function numberedNamesAsked(query: ParsedQuery): Array<[string, string]> {
  return query.tokens.flatMap((token, i) => {
    const next = query.tokens[i + 1];
    return i > 0 && next && ORDINALS.test(next) && !FILLER_WORDS.has(token) && !ORDINALS.test(token)
      ? [[token, next] as [string, string]]
      : [];
  });
}

/**
 * A name with a number ("Artemis I", "Section 3") must stand in the text with that same number: a sentence
 * about Artemis II never answers a question about Artemis I.
 */
export function numberedNamesMatch(query: ParsedQuery, text: string): boolean {
  const words = tokenize(text);
  return numberedNamesAsked(query).every(
    ([name, number]) =>
      words.some((word, i) => word === name && words[i + 1] === number) || !words.includes(name),
  );
}

/**
 * The numbered name a text writes with another number than asked ("Artemis II" for "Artemis III"), as the text
 * and the question write them; null when every numbered name asked stands with its own number or is absent.
 */
export function numberedNameDiffers(
  query: ParsedQuery,
  text: string,
): { asked: string; written: string } | null {
  const words = tokenize(text);
  for (const [name, number] of numberedNamesAsked(query)) {
    const other = words.find((word, at) => at > 0 && words[at - 1] === name && ORDINALS.test(word));
    if (!other || words.some((word, at) => word === number && words[at - 1] === name)) continue;
    const inText = new RegExp(`\\b${name}\\W+${other}\\b`, "i").exec(text)?.[0] ?? `${name} ${other}`;
    const inQuestion =
      new RegExp(`\\b${name}\\W+${number}\\b`, "i").exec(query.text)?.[0] ?? `${name} ${number}`;
    return { asked: inQuestion, written: inText };
  }
  return null;
}

/** "On the same day", "share a signing date", "in the same month": the span two dates are asked to share. */
const spanShared = (query: ParsedQuery, phrasing: Phrasing) =>
  sameSpanAsked(phrasing).exec(query.tokens.join(" "))?.[1];
const sameSpanAsked = once(
  ({ sameSpan, spans }: Phrasing) =>
    new RegExp(`\\b(?:${anyOf(sameSpan)})(?: an?| the)?(?: signing)? (${anyOf(spans)})\\b`),
);
/** How much of two signing dates must agree to share the span. */
const SPAN_LENGTH: Record<string, number> = { day: 10, date: 10, month: 7, year: 4 };

/**
 * Whether two ISO dates fall in the same week, whether weeks start on Monday or on Sunday; null when the two
 * ways of counting weeks disagree (a Sunday and the days around it), which no text settles.
 */
function sameWeek(one: string, other: string): boolean | null {
  const day = (iso: string) => Math.floor(Date.parse(`${iso}T12:00:00Z`) / DAY_MS);
  // 1 January 1970 was a Thursday: days since then, shifted so weeks start on Monday (+3) or on Sunday (+4).
  const week = (iso: string, shift: number) => Math.floor((day(iso) + shift) / 7);
  const fromMonday = week(one, 3) === week(other, 3);
  const fromSunday = week(one, 4) === week(other, 4);
  return fromMonday === fromSunday ? fromMonday : null;
}
/**
 * Where one deal stands among all of them: "the first to be signed", "the last TPD signed", "signed first"; else,
 * said without "first" or "last", "the most recent", "the newest". Made once per vocabulary.
 */
const rankPatterns = once((phrasing: Phrasing) => {
  const ends = anyOf([...phrasing.firstOrLast, ...phrasing.middleRanks]);
  const { rankedAs, rankVerbs } = phrasing;
  return {
    firstOrLast: new RegExp(`\\b(${ends})( (${anyOf(rankedAs)})\\b|$)|\\b(${anyOf(rankVerbs)}) (${ends})\\b`),
    newestOrOldest: new RegExp(`\\b(${anyOf(phrasing.newestOrOldest)})\\b`),
  };
});

/**
 * The deals a "first/last signed" question ranks its deal among, and how the lead names them: all the deals
 * held, those named ("the first of the Japan and Korea deals"), or those signed in the month, year or part of the
 * world asked ("the first signed in October", "the first signed in Asia"). Null when something else narrows them
 * ("the first signed at a summit").
 */
function rankedAmong(query: ParsedQuery, ctx: KnowledgeLookups): { deals: Deal[]; within: string } | null {
  const { phrasing } = ctx.vocabulary;
  // "Korea signed first, right?": the tag asks nothing of the rank.
  const text = query.tokens.slice(0, query.tokens.length - query.tag).join(" ");
  const { firstOrLast, newestOrOldest } = rankPatterns(phrasing);
  const match = firstOrLast.exec(text) ?? newestOrOldest.exec(text);
  if (!match) return null;
  const after = tokenize(text.slice(match.index));
  const dealWords = new Set(wordsReadAs(query.readings, "deal"));
  const monthOf = (deal: Deal) => MONTHS[Number(deal.signed.date.slice(5, 7)) - 1];
  const regions = regionsAsked(query, ctx);
  const regionWords = new Set(regions.flatMap(tokenize));
  const asked = after.filter(
    (word) =>
      !FILLER_WORDS.has(word) &&
      !setOf(phrasing.rankWords).has(word) &&
      !dealWords.has(word) &&
      !regionWords.has(word),
  );
  if (asked.some((word) => !MONTHS.includes(word) && !/^(19|20)\d\d$/.test(word))) return null;
  const named = [...new Set(query.deals)].flatMap((id) => ctx.deal(id) ?? []);
  const deals = (named.length > 1 ? named : ctx.knowledge.deals).filter(
    (deal) =>
      asked.every((word) => word === monthOf(deal) || word === deal.signed.date.slice(0, 4)) &&
      regions.every((words) => inRegion(deal, words)),
  );
  if (deals.length < 2 || !named[0] || !deals.includes(named[0])) return null;
  const where = [...regions.map(titleCase), ...asked.map(capitalised)];
  const within = where.length > 0 ? ` signed in ${where.join(" ")}` : "";
  return { deals, within: `of the ${countWord(deals.length)} deals I hold${within}` };
}

/**
 * "Was the UK deal signed after the Japan deal?", "…on the same day as the Japan one?", "Was the UK deal the
 * first to be signed?": decided by the deals' signing dates, the first deal named being the one asked about.
 */
function signingOrderLead(query: ParsedQuery, ctx: KnowledgeLookups): Lead | null {
  const asked = orderAsked(query, ctx);
  if (!asked || asked === "sequence") return null;
  const [subject, ...rest] = [...new Set(query.deals)].flatMap((id) => ctx.deal(id) ?? []);
  const dated = (deal: Deal) => `the ${deal.name} on ${formatDate(deal.signed.date)}`;
  if (!subject && asked in SPAN_LENGTH) {
    // "Were any signed on the same day?": whether two of the deals share the span, "all" whether every one does.
    const spans = ctx.knowledge.deals.map((deal) => deal.signed.date.slice(0, SPAN_LENGTH[asked]));
    const shared = query.allDeals ? new Set(spans).size === 1 : new Set(spans).size < spans.length;
    const [first, ...others] = ctx.knowledge.deals;
    if (!first) return null;
    const said = `the ${first.name} was signed on ${formatDate(first.signed.date)}`;
    return yesOrNoLead(shared, `${joinNames([said, ...others.map(dated)])}.`);
  }
  if (!subject) return null;
  const ranked = asked === "rank" ? rankedAmong(query, ctx) : null;
  const others = ranked ? ranked.deals.filter((deal) => deal !== subject) : rest.slice(0, 1);
  const [other] = others;
  if (!other) return null;
  const when = `the ${subject.name} was signed on ${formatDate(subject.signed.date)}; ${others.map(dated).join(", ")}.`;
  if (ranked) {
    const { earliestRank, middleRanks } = ctx.vocabulary.phrasing;
    // "the first": at 0; "the second", "the third": counted from it; "the last": at the end.
    const middle = middleRanks.findIndex((word) => query.tokens.includes(word));
    const inOrder = [...ranked.deals].sort((a, b) => a.signed.date.localeCompare(b.signed.date));
    const at = hasAnyOf(query.tokens, earliestRank) ? 0 : middle >= 0 ? middle + 1 : inOrder.length - 1;
    return yesOrNoLead(inOrder[at] === subject, `${ranked.within}, ${when}`);
  }
  if (asked === "week") {
    const same = sameWeek(subject.signed.date, other.signed.date);
    return same === null ? null : yesOrNoLead(same, when);
  }
  if (asked !== "order") {
    const span = SPAN_LENGTH[asked] ?? 10;
    const same = subject.signed.date.slice(0, span) === other.signed.date.slice(0, span);
    return yesOrNoLead(same, when);
  }
  if (subject.signed.date === other.signed.date) return null;
  const later = hasAnyOf(query.tokens, ctx.vocabulary.phrasing.signedLater);
  const isLater = subject.signed.date > other.signed.date;
  // "Signed before or after the Korea one?" is answered with the one it was.
  const both = later && hasAnyOf(query.tokens, ctx.vocabulary.phrasing.signedEarlier);
  const verdict = both ? { choice: isLater ? "After" : "Before" } : isLater === later ? "yes" : "no";
  return {
    verdict,
    lead: `the ${subject.name} was signed on ${formatDate(subject.signed.date)}, ${isLater ? "after" : "before"} the ${other.name} (${formatDate(other.signed.date)}).`,
  };
}

/**
 * What a question asks of the deals' signing dates, the one reading every order question takes. Yes/no: one of
 * two deals before the other ("order"), the two signed in the same day, month or year, or one deal first or last
 * among the deals ("rank"). Any other question: the deals in the order they were signed ("sequence": "which was
 * signed first, X or Y?", "the most recent deal", "in what order", "which was earlier, X or Y?"). Null for any
 * other question, and for one about when they were announced or published, which their signing dates do not tell.
 */
export function orderAsked(
  query: ParsedQuery,
  ctx: KnowledgeLookups,
): "sequence" | "order" | "rank" | "day" | "date" | "week" | "month" | "year" | null {
  const named = [...new Set(query.deals)];
  // "Was the UK deal signed after …", "Did the Korea deal come before the UK one?": the deals themselves, in time;
  // a question about something in them ("fusion after the UK deal?", "the first of the areas listed in the
  // signed UK deal?") is not decided by their dates.
  const aboutDeals = query.topics.length + query.names.length + query.sections.length === 0;
  if (query.form !== "yes-no")
    return aboutDeals && sequenceAsked(query, named.length, ctx) && onlySigningAsked(query, ctx)
      ? "sequence"
      : null;
  const signed = mentionsSigning(query, ctx);
  if (!signed && !aboutDeals) return null;
  const span = spanShared(query, ctx.vocabulary.phrasing);
  // "In the same week?" is no span of a date's digits: the days of the week decide it (`sameWeek`).
  // "Were any signed on the same day?", naming none: every deal's date.
  if (span && (named.length === 2 || (named.length === 0 && span in SPAN_LENGTH)))
    return signed && (span in SPAN_LENGTH || span === "week")
      ? (span as "day" | "week" | "month" | "year")
      : null;
  // "Is the UK deal the first TPD?": a deal's rank among the deals, asked of nothing else, is by when it was signed.
  if (aboutDeals && rankedAmong(query, ctx)) return "rank";
  const later = hasAnyOf(query.tokens, ctx.vocabulary.phrasing.signedLater);
  const earlier = hasAnyOf(query.tokens, ctx.vocabulary.phrasing.signedEarlier);
  return (later || earlier) && named.length === 2 ? "order" : null;
}

/**
 * "Which was signed first, the Japan deal or the Korea deal?", "what is the oldest of the deals?", "which deal is
 * the most recent?", "which was earlier, the Korea MOU or the Japan MOC?": where the deals stand in time. Asked of
 * the deals ("which deal", two or more named, or a word for the deals), never "the first heading of the UK deal".
 */
const NEWS_ASKED = /\b(latest|newest) (on|about|news|updates?|developments?|with|for)\b/;
function sequenceAsked(query: ParsedQuery, named: number, ctx: KnowledgeLookups): boolean {
  const { titleWords, dealNouns } = ctx.vocabulary.phrasing;
  const title = setOf(titleWords);
  const text = query.tokens.filter((token) => !title.has(token)).join(" ");
  const ofDeals =
    query.form === "which-deal" || named >= 2 || (named === 0 && hasAnyOf(query.tokens, dealNouns));
  // "What's the latest on the TPDs?" asks for the news on them, not the deal signed last.
  if (!ofDeals || NEWS_ASKED.test(text)) return false;
  if (phrasesIn(tokenize(text), ctx.vocabulary.phrasing.order).length > 0) return true;
  // "Which was earlier, the Korea MOU or the Japan MOC?": one of two deals named, before or after the other.
  const { signedLater, signedEarlier } = ctx.vocabulary.phrasing;
  const beforeOrAfter = hasAnyOf(query.tokens, signedLater) || hasAnyOf(query.tokens, signedEarlier);
  const asksWhich = query.form === "which-deal" || /^(which|what)$/.test(query.tokens[0] ?? "");
  return beforeOrAfter && named >= 2 && asksWhich;
}
/**
 * Whether the event an order question asks of is the signing, said or left unsaid: "which was signed first?",
 * "which was first, X or Y?", not "which deal was announced first?", "which was paused last?", "in what order are the
 * areas listed?". Unsaid, every word is one of order, of the deals or of asking.
 */
function onlySigningAsked(query: ParsedQuery, ctx: KnowledgeLookups): boolean {
  if (mentionsSigning(query, ctx)) return true;
  const words = orderWords(ctx.vocabulary.phrasing);
  const named = new Set(wordsReadAs(query.readings, "deal", "country"));
  return query.tokens.every(
    (token) => words.has(token) || named.has(token) || QUESTION_WORDS.has(token) || FILLER_WORDS.has(token),
  );
}

/** The words of order, of the deals and of their titles, made once per vocabulary. */
const orderWords = once((phrasing: Phrasing): ReadonlySet<string> => {
  const { order, orderVerbs, signedLater, signedEarlier, titleWords, dealNouns } = phrasing;
  const lists = [order, orderVerbs, signedLater, signedEarlier, titleWords, dealNouns];
  return new Set(lists.flatMap((list) => list.flatMap((phrase) => tokenize(phrase))));
});

/**
 * What a question asks to be the only one of its kind ("Is JT-60SA the only facility …?", "Does the Japan deal
 * cover nothing but AI?"): the name or topic the sole-word restricts, the ways a text writes it, and whether it is all
 * the question asks of (then the deal's areas answer); `ofDeal` when it asks for the only deal ("only the UK deal",
 * "only in the Korea deal", "the only one that …"). Null for other questions, for one that widens ("not only AI"), and
 * for "just" or "only" that restricts no name or topic ("can you just confirm …").
 */
function soleAsked(query: ParsedQuery, ctx: KnowledgeLookups) {
  const { tokens } = query;
  const text = tokens.join(" ");
  const { sole, widening, soleGap, dealGap, soleAfter } = ctx.vocabulary.phrasing;
  const match = anyPhrase(sole).exec(text);
  if (!match || holdsAnyOf(text, widening)) return null;
  const word = match[1] as string;
  const at = text.slice(0, match.index).split(" ").length - 1;
  const past = (gap: ReadonlySet<string>, from: number) => {
    let next = from;
    while (gap.has(tokens[next] ?? "")) next++;
    return next;
  };
  const after = at + word.split(" ").length;
  const dealWord = [...ctx.vocabulary.phrasing.dealNouns, ...wordsReadAs(query.readings, "deal"), "one"];
  const dealAt = past(setOf(dealGap), after);
  // "the only deal with …" names a deal; "does it only deal with …" does not.
  const ofDeal =
    dealWord.includes(tokens[dealAt] ?? "") && (tokens[dealAt + 1] !== "with" || tokens[at - 1] === "the");
  const topics = query.readings.filter((reading) => reading.kind === "topic" && !reading.carried);
  const alone = topics.length === 1 && query.sections.length === 0;
  const terms = [
    ...query.names.map((name) => ({
      ...name,
      words: asTyped(query.text, name.words.join(" ")),
      topic: undefined,
      alone: false,
    })),
    ...topics.map((topic) => {
      const start = indexOfSequence(tokens, tokenize(topic.words));
      const forms = [topic.words, topic.alias ?? "", ...(ctx.topic(topic.as)?.aliases ?? [])].map(tokenize);
      const end = start + tokenize(topic.words).length;
      return { start, end, words: asTyped(query.text, topic.words), forms, topic: topic.as, alone };
    }),
  ];
  // "The only …", "nothing else", "solely" say "nothing beside it" of what the question asks; "just" and "only"
  // restrict the words they stand by.
  const { soleRestricting, soleOfAllAfter } = ctx.vocabulary.phrasing;
  const ofAll = ofDeal || !soleRestricting.includes(word) || soleOfAllAfter.includes(tokens[at - 1] ?? "");
  const restricted = ofAll
    ? terms[0]
    : ((word !== "alone" ? terms.find((term) => term.start === past(setOf(soleGap), after)) : undefined) ??
      (setOf(soleAfter).has(word) ? terms.find((term) => term.end === at) : undefined));
  if (!restricted) return null;
  const { words, forms, topic } = restricted;
  return { words, forms, topic, alone: restricted.alone, ofDeal };
}

/**
 * "Is JT-60SA the only facility …?", asked of one deal: No when it lists other areas (asked of a topic alone) or a sentence
 * shown names it beside others ("the JT-60SA experimental reactor and other facilities"); else the texts do not say.
 * "Just nuclear in the UK deal?" asks as a yes/no question does, whatever its first word other than a wh-word; a
 * request ("tell me only about AI …") asks nothing.
 */
export function soleLead(query: ParsedQuery, answer: AnswerDraft, ctx: KnowledgeLookups): Lead | null {
  const asks = query.form === "yes-no" || query.text.trimEnd().endsWith("?");
  const sole = asks && !QUESTION_WORDS.has(query.tokens[0] ?? "") ? soleAsked(query, ctx) : null;
  // "Is quantum in every deal or only the Asian ones?" weighs deals, not what one deal holds.
  const deal = answer.deals.length === 1 ? ctx.deal(answer.deals[0] as DealId) : undefined;
  // "Are Japan and Korea the only deals with space?": the deals named are those asked to be the only ones.
  const named = [...new Set(query.deals.length > 0 ? query.deals : answer.deals)];
  if (!sole || named.length === 0 || query.allDeals) return null;
  if (sole.ofDeal) {
    // "Only the Korea deal mentions Artemis, right?": No when another deal's text has it too.
    const asked = subjectOf(query, ctx);
    const others = ctx.dealIds.filter(
      (id) => !named.includes(id) && anyEvidence(ctx, id, asked, inDealTexts),
    );
    const also = `${describe(ctx, asked)} is also in ${dealsWith(ctx, others)}.`;
    if (others.length > 0) return noLead(also);
    // "Is civil nuclear unique to the UK deal?": Yes when those deals' texts have it and no other's do.
    const own = named.every((id) => anyEvidence(ctx, id, asked, inDealTexts));
    const covers = named.length === 1 ? "covers" : "cover";
    return own
      ? yesOrNoLead(
          true,
          `of the deals, only ${dealNames(ctx, named, "and")} ${covers} ${describe(ctx, asked)}.`,
        )
      : null;
  }
  if (!deal) return null;
  const others = deal.areas.filter((area) => area !== sole.topic);
  if (sole.alone && others.length > 0)
    return noLead(
      `the ${deal.name} also covers ${joinNames(others.map((area) => inSentence(ctx.topicLabel(area))))}.`,
    );
  // A section asked ("AI alone as its purpose?") is looked in first.
  const inSection = (excerpt: Excerpt) =>
    query.sections.includes(ctx.passage(excerpt.passageId)?.section ?? "document") ? 0 : 1;
  const listing = answer.excerpts
    .filter((excerpt) => !excerpt.deal || excerpt.deal === deal.id)
    .sort((a, b) => inSection(a) - inSection(b))
    .flatMap((excerpt) => excerpt.text.split(FULL_STOP))
    .find((sentence) => sole.forms.some((form) => listedIn(sentence, form)));
  if (listing) return noLead(`the texts name more than ${sole.words}: “${listing.trim()}”`);
  return {
    lead: `The texts I hold do not say whether ${sole.words} is the only one; here is what they say.`,
  };
}

/**
 * "Is AI the only topic common to all deals?": Yes when it is the one area every deal asked lists; else No, with the
 * others they all list, or the deals that do not list it.
 */
function onlySharedLead(query: ParsedQuery, ctx: KnowledgeLookups): Lead | null {
  const asks = query.form === "yes-no" || query.text.trimEnd().endsWith("?");
  const sole =
    asks && query.allDeals && !QUESTION_WORDS.has(query.tokens[0] ?? "") ? soleAsked(query, ctx) : null;
  const topic = sole && !sole.ofDeal ? sole.topic : undefined;
  if (!topic) return null;
  const named = [...new Set(query.deals)];
  const deals = (named.length >= 2 ? named : ctx.dealIds).flatMap((id) => ctx.deal(id) ?? []);
  const label = inSentence(ctx.topicLabel(topic));
  const lacking = deals.filter((deal) => !deal.areas.includes(topic));
  if (lacking.length > 0)
    return noLead(
      `${label} is not listed by ${dealsWith(
        ctx,
        lacking.map((deal) => deal.id),
      )}.`,
    );
  const shared = (deals[0]?.areas ?? []).filter(
    (area) => area !== topic && deals.every((deal) => deal.areas.includes(area)),
  );
  const all = `all ${countWord(deals.length)} deals`;
  return shared.length > 0
    ? noLead(`${all} also list ${joinNames(shared.map((area) => inSentence(ctx.topicLabel(area))))}.`)
    : yesOrNoLead(true, `${label} is the only area ${all} list.`);
}

/**
 * Whether a sentence names the words beside others: within three words of "and", "or", "other", or next to a comma
 * that parts them from another short item of a list ("AI, quantum and fusion"), not from a clause ("Under the
 * deal, a working group …").
 */
function listedIn(sentence: string, form: readonly string[]): boolean {
  const chunks = sentence.split(",").map(tokenize);
  // The item next to the comma: the chunk's words up to its first (after its last) "and" or "or".
  const item = (words: readonly string[] | undefined, side: "first" | "last") => {
    const cuts = (words ?? []).flatMap((word, i) => (/^(and|or)$/.test(word) ? [i] : []));
    const part =
      side === "first" ? (words ?? []).slice(0, cuts[0]) : (words ?? []).slice((cuts.at(-1) ?? -1) + 1);
    return part.length > 0 && part.length <= 5;
  };
  return (
    form.length > 0 &&
    chunks.some((words, k) => {
      const at = indexOfSequence(words, form);
      if (at < 0) return false;
      const end = at + form.length;
      const near = [...words.slice(Math.max(0, at - 3), at), ...words.slice(end, end + 3)];
      return (
        (at <= 3 && item(chunks[k - 1], "last")) ||
        (words.length - end <= 3 && item(chunks[k + 1], "first")) ||
        near.some((word) => /^(and|or|other)$/.test(word))
      );
    })
  );
}

/**
 * "The Japan MOC commits $1bn to AI research, doesn't it?": a sum that none of the deal's own texts gives is a No,
 * with the deal's clause on funds where it has one, and the later development the sum comes from, dated.
 */
function sumClaimed(query: ParsedQuery, ctx: KnowledgeLookups): Lead | null {
  const sum = HAS_AMOUNT.exec(query.text)?.[0].trim();
  if (!sum || askedNegated(query, ctx)) return null;
  // "Did US companies pledge £150 billion?": the pledges reported beside a deal, by companies of the side asked or
  // (a No) of another.
  const companies = companiesNamed(query, ctx);
  if (companies) {
    const pledges = sumGivenBy(ctx, amountValue(sum)).filter(companies.ofAnySide);
    const pledge = pledges.find(companies.by) ?? pledges[0];
    return pledge ? { ...yesOrNoLead(companies.by(pledge), pledge.text), cites: [pledge] } : null;
  }
  const deals = [...new Set(query.deals)];
  const deal = deals.length === 1 ? ctx.deal(deals[0] as DealId) : undefined;
  if (!deal) return null;
  const giving = sumGivenBy(ctx, amountValue(sum)).filter((passage) => passage.deals.includes(deal.id));
  // "Did Japan and the US each put in $500 million?" asks of the countries, whatever gives the sum: a later
  // development that gives it is no No.
  const ofTheDeal = phrasesIn(query.tokens, ctx.vocabulary.phrasing.dealNouns).length > 0;
  if (!ofTheDeal && giving.some((passage) => passage.section === "development")) return null;
  if (giving.some((passage) => passage.section !== "development" && passage.section !== "signing"))
    return null;
  const clause = ctx
    .passages({ deals: [deal.id], sections: ["legal-status"] })
    .flatMap((passage) => passage.text.split(FULL_STOP))
    .find((sentence) => /\bcommits?\b[^.]*\bfunds\b/i.test(sentence));
  const later = giving.find((passage) => passage.section === "development");
  const reported = later
    ? ` “${sum}” comes up only in a later development (${formatDate(later.date)}), not in the deal.`
    : "";
  const given = `the ${deal.name}'s own texts give no sum of “${sum}”.`;
  return noLead(`${given}${clause ? ` ${clause.trim()}` : ""}${reported}`);
}

/**
 * "The Japan deal has eight areas, true?", "Does the UK deal have four headings?": a count of a deal's areas or
 * headings asked, decided by the passage that says how the deal groups them ("… lists seven points …"), when it
 * counts the same kind (points of areas, headings of headings); null otherwise.
 */
function countClaimed(query: ParsedQuery, ctx: KnowledgeLookups): Lead | null {
  const deals = [...new Set(query.deals)];
  const deal = deals.length === 1 ? ctx.deal(deals[0] as DealId) : undefined;
  const outline = deal?.outline ? ctx.passage(deal.outline) : undefined;
  if (!outline) return null;
  const { areaNouns, headingNouns } = ctx.vocabulary.phrasing;
  const { numbers } = ctx.knowledge.valuesAsked;
  const countOf = (word: string) => countIn(word, numbers);
  const kindOf = (noun: string) =>
    areaNouns.includes(noun) ? areaNouns : headingNouns.includes(noun) ? headingNouns : null;
  const at = query.tokens.findIndex((token, i) => countOf(token) > 0 && kindOf(query.tokens[i + 1] ?? ""));
  const kind = kindOf(query.tokens[at + 1] ?? "");
  if (at < 0 || !kind) return null;
  const asked = countOf(query.tokens[at] ?? "");
  const words = tokenize(outline.text);
  const counted = words.findIndex((word, i) => countOf(word) > 0 && kind.includes(words[i + 1] ?? ""));
  if (counted < 0) return null;
  const sentence = outline.text.split(FULL_STOP)[0]?.replace(/:[^:]*$/, ".") ?? outline.text;
  const same = countOf(words[counted] ?? "") === asked;
  const lead = same === !askedNegated(query, ctx) ? yesOrNoLead(true, sentence) : noLead(sentence);
  return { ...lead, cites: [outline] };
}

/**
 * "Does the UK deal give the Environment Agency a deadline?", "Does it set a budget for quantum?": a kind of value
 * that no sentence shown gives (beside the name asked, when one is): the texts do not give one, said plainly; one
 * that a sentence on what is asked gives ("a deadline for dropping Russian fuel?": "by the end of 2028") is a Yes.
 */
function valueUnset(query: ParsedQuery, answer: AnswerDraft, ctx: KnowledgeLookups): Lead | null {
  const naming = (sentence: string) =>
    query.names.length === 0 ||
    query.names.some((name) => name.forms.some((form) => indexOfSequence(tokenize(sentence), form) >= 0));
  const sentences = answer.excerpts.flatMap((excerpt) => {
    const passage = ctx.passage(excerpt.passageId);
    return passage
      ? excerpt.text
          .split(SENTENCE_END)
          .filter(naming)
          .map((text) => ({ ...passage, text }))
      : [];
  });
  const unsaid = valueUnsaid(query, sentences, ctx);
  const said = unsaid?.said?.trim();
  if (unsaid) return said ? { lead: said } : null;
  // A sentence naming the name asked shares one word asked; any other, two.
  const given = valueGiven(query, sentences, ctx, query.names.length > 0 ? 1 : 2);
  return given ? yesOrNoLead(true, given.trim().replace(/[,;:]$/, ".")) : null;
}

/**
 * "Is the UK deal an MOC?", "an MOC like Japan's?", "is it an executive order?": the record of the document of the
 * deal asked (each, or the first) decides; a kind no deal is (`otherDocuments`) is a No.
 */
function documentKind(query: ParsedQuery, ctx: KnowledgeLookups): Lead | null {
  // "Is the TPD an executive order?", naming no deal, asks it of each.
  const each = query.deals.length === 0 || askedOfEach(query, ctx.vocabulary.phrasing);
  const ids = query.deals.length > 0 ? [...new Set(query.deals)] : ctx.dealIds;
  const named = ids.flatMap((id) => ctx.deal(id) ?? []);
  const deals = each ? named : named.slice(0, 1);
  const kinds = ctx.knowledge.deals
    .map(({ document }) => document)
    .filter(({ type, abbreviation }) =>
      new RegExp(`\\b(${type}|${abbreviation}s?)\\b`, "i").test(query.text),
    );
  const other = holdsAnyOf(query.text, ctx.vocabulary.phrasing.otherDocuments);
  // The kind is what is asked unless a topic is asked of it after it ("Is an MOC binding?").
  const kindWords = new Set(
    kinds.flatMap(({ type, abbreviation }) => [
      abbreviation.toLowerCase(),
      `${abbreviation.toLowerCase()}s`,
      ...tokenize(type),
    ]),
  );
  const at = query.tokens.findLastIndex((token) => kindWords.has(token));
  const topicWords = new Set(wordsReadAs(query.readings, "topic"));
  const ofIt = at >= 0 && query.tokens.slice(at + 1).some((token) => topicWords.has(token));
  // "Is it a memorandum of understanding or cooperation?" offers kinds to choose from: no Yes or No answers it.
  if (
    deals.length === 0 ||
    (kinds.length === 0 && !other) ||
    ofIt ||
    offersChoice(query) ||
    !query.sections.includes("document")
  )
    return null;
  // "Is the Korea deal part of a trade deal?", "signed alongside a trade agreement?": another document beside the
  // deal is asked of, not what the deal is.
  const document = anyPhrase([
    ...ctx.vocabulary.phrasing.otherDocuments,
    ...kinds.map(({ type }) => type),
  ]).exec(query.text.toLowerCase());
  const before = tokenize(query.text.slice(0, document?.index ?? 0).toLowerCase()).filter(
    (word) => !/^(a|an|the)$/.test(word),
  );
  if (BESIDE.has(before.at(-1) ?? "")) return null;
  const of = (deal: Deal) => !other && kinds.some(({ type }) => type === deal.document.type);
  return bothWays(deals.map((deal) => yesOrNoLead(of(deal), documentSaid(deal))));
}

/**
 * Words that put another document beside the deal asked: "part of", "alongside", "linked to", "under", "depend on".
 */
const BESIDE = new Set([
  "of",
  "on",
  "upon",
  "alongside",
  "beside",
  "besides",
  "with",
  "to",
  "under",
  "from",
  "within",
  "into",
]);

/**
 * "Are the deals laws?": a question opened by "is/are" whose only other words are a kind of document asks what the
 * deals are, where "Are they consistent with national laws?" asks what they say and "binding laws?" whether they bind.
 * The bot asks it of the document section (as "Is it a law?" is read).
 */
export function kindOfDocumentAsked(query: ParsedQuery, ctx: KnowledgeLookups): boolean {
  if (
    query.form !== "yes-no" ||
    query.sections.length + query.topics.length > 0 ||
    !COPULAS.has(query.tokens[0] ?? "")
  )
    return false;
  const kindWords = new Set(
    phrasesIn(query.tokens, ctx.vocabulary.phrasing.otherDocuments).flatMap((phrase) => phrase.split(" ")),
  );
  return query.terms.length > 0 && query.terms.every((term) => kindWords.has(term));
}

/**
 * "Are the TPDs part of a wider plan?", "… part of America's AI strategy?": the deals asked to belong to something
 * that is not a deal ("Is AI part of the UK deal?" asks what the deal covers).
 */
/**
 * "Were the Japan and Korea deals announced together?", "Were the UK and Korea deals signed together?": whether the
 * passages saying how each deal was announced cite one document, or whether their signing records give one date and
 * place; Yes with them, else No with each. Null unless two deals or more (or all) are asked to have been announced or
 * signed together.
 */
function doneTogether(query: ParsedQuery, ctx: KnowledgeLookups): Lead | null {
  const named = [...new Set(query.deals)];
  const deals = named.length >= 2 ? named : query.allDeals || namesDealsPlural(query, ctx) ? ctx.dealIds : [];
  if (deals.length < 2 || !holdsAnyOf(query.text, ctx.vocabulary.phrasing.doneTogether)) return null;
  if (mentionsSigning(query, ctx)) {
    const records = deals.flatMap((id) => ctx.deal(id) ?? []);
    const [first] = records;
    const one = records.every(
      (deal) => deal.signed.date === first?.signed.date && deal.signed.place === first?.signed.place,
    );
    const said = records.map(
      (deal) => `the ${deal.name} was signed on ${formatDate(deal.signed.date)} at ${deal.signed.place}`,
    );
    const cites = deals.flatMap((id) => ctx.passages({ deals: [id], sections: ["signing"] }).slice(0, 1));
    return { ...yesOrNoLead(one, `${said.join("; ")}.`), cites };
  }
  if (!query.tokens.some((token) => token.startsWith("announc"))) return null;
  const announcements = deals.flatMap(
    (deal) =>
      ctx
        .passages({ deals: [deal], sections: ["document"] })
        .find((passage) => ANNOUNCED.test(passage.text)) ?? [],
  );
  if (announcements.length < deals.length) return null;
  const one = new Set(announcements.map((passage) => passage.sourceId)).size === 1;
  const said = one ? [announcements[0]?.text ?? ""] : announcements.map((passage) => passage.text);
  return { ...yesOrNoLead(one, said.join(" ")), cites: announcements };
}
const ANNOUNCED = /\bannounced\b/;

function partOfAnother(query: ParsedQuery, ctx: KnowledgeLookups): boolean {
  const { tokens } = query;
  const at = tokens.findIndex((token, i) => token === "part" && tokens[i + 1] === "of");
  if (at < 0) return false;
  const dealWords = new Set([
    ...wordsReadAs(query.readings, "deal", "country"),
    ...ctx.vocabulary.phrasing.dealNouns,
  ]);
  const owner = tokens.slice(at + 2, tokens.length - query.tag);
  const before = tokens.slice(0, at);
  return before.some((token) => dealWords.has(token)) && !owner.some((token) => dealWords.has(token));
}

/** The answer with its Yes or No taken back: the texts give none, and what they say follows. */
const undecided = (answer: AnswerDraft): AnswerDraft =>
  ledBy({ ...answer, verdict: undefined, lead: capitalised(answer.lead) }, { lead: UNDECIDED });

/** "Did he say …", "has she commented": a person asked to have said something by "he" or "she" alone. */
function saidByPronoun(query: ParsedQuery, ctx: KnowledgeLookups): boolean {
  const { sayAsked } = ctx.vocabulary.phrasing;
  return query.tokens.some((token, i) => PERSON.has(token) && sayAsked.includes(query.tokens[i + 1] ?? ""));
}

/** Whether a question asks whether a deal is in force now, of a sentence that says how it becomes so. */
function termsForState(query: ParsedQuery, sentence: string, ctx: KnowledgeLookups): boolean {
  const { inForceAsked, onSignatureAsked } = ctx.vocabulary.phrasing;
  const now = /^(is|are)$/.test(query.tokens[0] ?? "") && phrasesIn(query.tokens, inForceAsked).length > 0;
  return now && !hasAnyOf(query.tokens, onSignatureAsked) && /\bbecomes?\b/i.test(sentence);
}

/** Pronouns that stand for one person (not "they", which may stand for the deals). */
const PERSON = new Set(["he", "she"]);

/** The verbs that say what a subject is: "Is the UK deal an MOU?", "… is not the deal's value". */
const COPULAS = new Set(["is", "are", "was", "were"]);

/**
 * The deals "Are the Japan and Korea deals identical?", "Are the three deals the same?" asks to be alike, asked of
 * nothing in particular (every deal for "the deals"); none for any other question.
 */
export function sameAreasAsked(query: ParsedQuery, ctx: KnowledgeLookups): DealId[] {
  const same = phrasesIn(query.tokens, ctx.vocabulary.phrasing.sameAsked);
  const sameWords = new Set(same.flatMap(tokenize));
  const terms = query.subjectTerms.filter((term) => !sameWords.has(term));
  const subject = query.topics.length + query.sections.length + query.names.length + terms.length;
  // "Were the deals signed on the same day?" asks of their signing, not their areas.
  // "Are all three deals identical?" is read as a question across the deals; it opens as a yes/no one.
  const yesNo = query.form === "yes-no" || (query.allDeals && COPULAS.has(query.tokens[0] ?? ""));
  if (!yesNo || subject > 0 || same.length === 0 || mentionsSigning(query, ctx)) return [];
  const named = [...new Set(query.deals)];
  const ofAll = named.length === 0 && (namesDealsPlural(query, ctx) || query.allDeals);
  const ids = ofAll ? ctx.dealIds : named;
  return ids.length >= 2 ? ids : [];
}

/**
 * "Are the Japan and Korea deals identical?", "alike?", asked of nothing in particular: whether they list the same
 * areas decides; a No names the areas only one of them lists.
 */
function sameAreas(query: ParsedQuery, ctx: KnowledgeLookups): Lead | null {
  const deals = sameAreasAsked(query, ctx).flatMap((id) => ctx.deal(id) ?? []);
  if (deals.length < 2) return null;
  const listedBy = (topic: string) => deals.filter((deal) => deal.areas.includes(topic));
  const topics = [...new Set(deals.flatMap((deal) => deal.areas))];
  const sole = deals.flatMap((deal) => {
    const own = topics.filter((topic) => listedBy(topic).length === 1 && deal.areas.includes(topic));
    return own.length > 0
      ? [
          `only the deal with ${dealList(ctx, [deal.id])} lists ${joinNames(own.map((t) => ctx.topicLabel(t)))}`,
        ]
      : [];
  });
  if (sole.length === 0) return null;
  return noLead(`they do not list the same areas: ${sole.join("; ")}.`);
}

/**
 * "Was the Japan deal signed by the prime minister?": a post asked as the signer, decided by the offices the deal's
 * record gives its signatories (every word of the post in one of them).
 */
function signedByOffice(query: ParsedQuery, ctx: KnowledgeLookups): Lead | null {
  const { tokens } = query;
  if (!mentionsSigning(query, ctx)) return null;
  const titles = titlesOf(ctx.knowledge);
  // "Did a head of state sign …?": the titles that head one ("president").
  const head = phrasesIn(tokens, ctx.vocabulary.phrasing.headAsked)[0];
  const headAt = head ? indexOfSequence(tokens, tokenize(head)) : -1;
  // "… signed by the president?", or "Did the president sign …?": the post is after "by", or before the verb.
  const by = tokens.indexOf("by");
  const verb = tokens.findIndex((token) => /^sign(ed|s|ing)?$/.test(token));
  const [from, to] = by >= 0 ? [by + 1, tokens.length] : [1, verb];
  const titleAt = tokens.findIndex((token, i) => i >= from && i < to && titles.has(token));
  const at = head ? headAt + tokenize(head).length - 1 : titleAt;
  // Not "Did the minister who signed it meet …?", "Was the UK minister at the signing?": the post signs.
  const signs = by >= 0 || (/^(did|has|have)$/.test(tokens[0] ?? "") && verb === at + 1);
  if (at < 0 || !signs || (query.deals.length === 0 && !head)) return null;
  // Naming no deal ("Did any head of state sign?"), any deal signed so answers Yes.
  const deals = (query.deals.length > 0 ? [...new Set(query.deals)] : ctx.dealIds).flatMap(
    (id) => ctx.deal(id) ?? [],
  );
  const post = tokens.slice(from, at + 1).filter((word) => !FILLER_WORDS.has(word) || titles.has(word));
  const posts = head ? headTitles(head).map(tokenize) : [post];
  const signers = (deal: Deal) =>
    joinNames(deal.signatories.map((person) => `${person.name} (${person.office})`));
  const held = deals.map((deal) =>
    deal.signatories.filter((person) => posts.some((each) => officeHolds(person.office, each))),
  );
  const said = deals.map((deal) => `The ${deal.name} was signed by ${signers(deal)}.`).join(" ");
  const signed = (holders: readonly Signatory[]) => holders.length > 0;
  return yesOrNoLead(query.deals.length > 0 ? held.every(signed) : held.some(signed), said);
}

/**
 * "the same person", "the same people": a signer asked to be the same, not a day or place ("the same month"); or
 * "did anyone sign all three?", one signer of every deal asked for.
 */
export const sameSignerAsked = ({ tokens }: ParsedQuery): boolean =>
  tokens.some(
    (token, i) =>
      (token === "same" && SIGNER_NOUNS.has(tokens[i + 1] ?? "")) ||
      (ANYONE.has(token) && signedEvery(tokens.slice(i + 1))),
  );
const SIGNER_NOUNS = new Set(
  "person people signer signers signatory signatories official officials".split(" "),
);
const ANYONE = new Set(["anyone", "anybody", "someone", "somebody"]);

/** "What did the signatories of the Japan deal say?": the words of a deal's signers asked for, not who they are. */
export function signersSaid({ tokens }: ParsedQuery, ctx: KnowledgeLookups): boolean {
  const at = tokens.findIndex((token) => SIGNERS.has(token));
  const say = setOf(ctx.vocabulary.phrasing.sayAsked);
  return at >= 0 && tokens.slice(at + 1).some((token) => say.has(token));
}
const SIGNERS = new Set(["signer", "signers", "signatory", "signatories"]);

/** "signed all three", "sign both", "signed every deal": a signing asked of each deal at once. */
export const signedEvery = (tokens: readonly string[]): boolean =>
  tokens.some((token, i) => /^sign(s|ed)?$/.test(token) && EVERY_DEAL.has(tokens[i + 1] ?? ""));
const EVERY_DEAL = new Set(["all", "both", "every"]);

/** The names every one of the lists holds, in the first list's order. */
export const namesInEvery = ([first = [], ...rest]: readonly (readonly string[])[]): string[] =>
  first.filter((name) => rest.every((names) => names.includes(name)));

/**
 * "Did the same person sign the Japan and Korea deals for the US?": the signatories the deals' records share (of
 * the side asked, if one is) decide.
 */
export function sameSigner(query: ParsedQuery, ctx: KnowledgeLookups): Lead | null {
  if (!sameSignerAsked(query) || !mentionsSigning(query, ctx)) return null;
  // Naming none, it is asked of them all.
  const asked = query.deals.length > 0 ? [...new Set(query.deals)] : ctx.dealIds;
  const deals = asked.flatMap((id) => ctx.deal(id) ?? []);
  if (deals.length < 2) return null;
  const side = holdsAnyOf(query.text.toLowerCase(), ctx.vocabulary.phrasing.usSide) ? "us" : null;
  const signers = (deal: Deal) =>
    deal.signatories.filter((person) => !side || person.side === side).map((person) => person.name);
  const [first = [], ...rest] = deals.map(signers);
  const shared = namesInEvery([first, ...rest]);
  // "the same people" asks it of every signer; "the same person" of one.
  const everyOne = hasAnyOf(query.tokens, ["people", "signatories", "signers"]);
  const allShared = shared.length === first.length && rest.every((names) => names.length === first.length);
  const named = dealNames(
    ctx,
    deals.map((deal) => deal.id),
    "and",
  );
  return (everyOne ? allShared : shared.length > 0)
    ? yesOrNoLead(true, `${joinNames(shared)} signed ${named}.`)
    : noLead(
        deals
          .map(
            (deal) =>
              `The ${deal.name} was signed${side ? " for the United States" : ""} by ${joinNames(signers(deal))}.`,
          )
          .join(" "),
      );
}

/** "Do the UK and Korea MOUs have the same notice period?": the span ("180 days") each deal's excerpts give decides. */
function sameSpan(query: ParsedQuery, answer: AnswerDraft, ctx: KnowledgeLookups): Lead | null {
  const deals = [...new Set(query.deals)];
  if (deals.length !== 2 || !query.tokens.includes("same")) return null;
  const { numbers, timeUnits } = ctx.knowledge.valuesAsked;
  const span = new RegExp(`\\b(\\d+|${anyOf(numbers)})[\\s-]+(${anyOf(timeUnits)})\\b`, "i");
  const given = deals.map((deal) =>
    answer.excerpts
      .filter((excerpt) => excerpt.deal === deal)
      .flatMap((excerpt) => excerpt.text.split(FULL_STOP))
      .find((sentence) => span.test(sentence)),
  );
  const [one, other] = given.map((sentence) => span.exec(sentence ?? "")?.[0].toLowerCase());
  if (!one || !other) return null;
  return yesOrNoLead(one === other, given.map((sentence) => sentence?.trim()).join(" "));
}

/**
 * "Is the UK deal binding but not the Korea deal?": the deals named before the question's one negation, said to have
 * what is asked, and those after it, said not to; null for any other question.
 */
function dealsBeforeNegation(query: ParsedQuery, ctx: KnowledgeLookups) {
  const negations = setOf(ctx.vocabulary.phrasing.negations);
  const oneNegation = query.tokens.filter((token) => negations.has(token)).length === 1;
  return oneNegation && !/n['’]t\b/i.test(query.text)
    ? dealsSplitByNegation(query, ctx.vocabulary.phrasing)
    : null;
}

/** A sentence that says a deal does not bind its sides: "is not legally binding", "non-binding", "non-treaty". */
export const NOT_BINDING = /\b(not|non|no)\b[- ](legally )?(binding|bind)|\bnon-treaty\b|\bdo not bind\b/i;

/**
 * "Is it a treaty?", "Is it enforceable?": whether a deal binds its sides, when no sentence has the word asked, is
 * decided by the sentence of its legal status that says it does not bind ("is not legally binding", "non-binding").
 */
function boundLead(query: ParsedQuery, answer: AnswerDraft, ctx: KnowledgeLookups): Lead | null {
  const property = ctx.vocabulary.phrasing.propertyTopics;
  // "Does it have a termination clause?" asks about another clause of the same topic than whether it binds.
  const otherClause = query.sections.length > 0 && !query.sections.includes("legal-status");
  // "Does it enforce technology protections?" asks of another topic, not whether the deal binds.
  const asked =
    !otherClause && query.topics.length > 0 && query.topics.every((topic) => property.includes(topic));
  // "Is the UK deal binding but not the Korea deal?": the deals before the negation are those said to bind.
  const claimed = dealsBeforeNegation(query, ctx)?.wanted ?? null;
  const negated = askedNegated(query, ctx) && !claimed;
  if (!asked || negated || asksAboutMoney(query, ctx) || HAS_AMOUNT.test(query.text)) return null;
  const ofProperty = (passage: Passage | undefined) => property.includes(passage?.section ?? "");
  const notBinding = (text: string) => text.split(FULL_STOP).find((each) => NOT_BINDING.test(each));
  const sentence = answer.excerpts
    .filter((excerpt) => ofProperty(ctx.passage(excerpt.passageId)))
    .filter((excerpt) => !claimed || claimed.some((deal) => excerpt.deal === deal))
    .map((excerpt) => notBinding(excerpt.text))
    .find((each) => each !== undefined);
  if (!sentence) return null;
  // "Are the deals enforceable?": each deal answered by its own sentence, from a passage on it alone (a comparison
  // shows each deal's in its rows).
  const deals = claimed ?? (query.deals.length > 0 ? [...new Set(query.deals)] : ctx.dealIds);
  if (deals.length < 2 || answer.intent === "compare") return noLead(sentence.trim());
  const sections = SECTIONS.filter((section) => property.includes(section));
  const own = deals.flatMap((deal) => {
    const passage = ctx
      .passages({ deals: [deal], sections })
      .find((each) => each.deals.length === 1 && notBinding(each.text) !== undefined);
    return passage ? [{ passage, said: (notBinding(passage.text) as string).trim() }] : [];
  });
  if (own.length < deals.length) return noLead(sentence.trim());
  return { ...noLead(own.map(({ said }) => said).join(" ")), cites: own.map(({ passage }) => passage) };
}

/**
 * "Does the Japan MOC use the phrase 'reached the following understandings' like the Korea one?": decided for each
 * deal asked by whether its texts have the words quoted, the deal named first deciding the Yes or No; a deal
 * without them is shown the closest words its texts quote.
 */
export function wordingLead(query: ParsedQuery, ctx: KnowledgeLookups): Lead | null {
  const { wordingAsked, wordingBefore } = ctx.vocabulary.phrasing;
  const quoted = wordingAskedFor(query, ctx.vocabulary.phrasing);
  const named = [...new Set(query.deals)];
  const asked = hasAnyOf(query.tokens, wordingAsked) || phrasesIn(query.tokens, wordingBefore).length > 0;
  if (!quoted || !asked) return null;
  // "Is the phrase 'golden age' used?", naming no deal: Yes when any deal's texts have it.
  const deals = named.length > 0 ? named : ctx.dealIds;
  const words = tokenize(quoted);
  const ownAmong = (deal: DealId, passages: readonly Passage[]) =>
    passages.filter((passage) => passage.deals.includes(deal) && passage.section !== "development");
  // Only passages with every word of the quote can have it: the others are never read.
  const withWords = ctx.passagesWith(words);
  // Words typed in quotation marks are looked for as typed; a wording asked without them ("described as a
  // partner") is had, where no text has it as typed, in another form of its words ("partners"), said as the text has it.
  const loose = wordsInQuotes(query.text) === null;
  const stems = words.map(stem);
  const withWording = (deal: DealId) => {
    const own = ownAmong(deal, withWords);
    const typed = own.find((passage) => indexOfSequence(tokenize(passage.text), words) >= 0);
    if (typed || !loose) return typed && { passage: typed, wording: quoted };
    for (const passage of own) {
      const tokens = tokenize(passage.text);
      const at = indexOfSequence(tokens.map(stem), stems);
      if (at >= 0) return { passage, wording: tokens.slice(at, at + words.length).join(" ") };
    }
    return undefined;
  };
  // Each deal's first passage with the words, in their order.
  const having = new Map(deals.map((deal) => [deal, withWording(deal)]));
  const has = (deal: DealId) => having.get(deal) !== undefined;
  const closest = (deal: DealId) => {
    // A quote sharing a word with the words asked is in a passage with that word; the first quote of all is
    // the closest only when none shares one, and then it is too far to show (unless nothing was asked).
    const read = words.length > 0 ? ctx.passagesWithAny(words) : ctx.passages({ deals: [deal] });
    const shared = (text: string) => tokenize(text).filter((word) => words.includes(word)).length;
    // The first quote with the most words asked (what a stable sort by that count puts first).
    let best: { quote: string; shared: number; passage: Passage } | null = null;
    for (const passage of ownAmong(deal, read))
      for (const [, quote = ""] of passage.text.matchAll(/"([^"]+)"/g)) {
        const count = shared(quote);
        if (!best || count > best.shared) best = { quote, shared: count, passage };
      }
    return best && best.shared * 2 >= words.length ? best : null;
  };
  const cites: Passage[] = [];
  const verdict = (deal: DealId) => {
    const own = having.get(deal);
    if (own) {
      cites.push(own.passage);
      return `the ${ctx.dealName(deal)}'s texts have “${own.wording}”`;
    }
    const near = closest(deal);
    if (near) cites.push(near.passage);
    const theySay = near ? `; they say “${near.quote}”` : "";
    return `the ${ctx.dealName(deal)}'s texts I hold do not have “${quoted}”${theySay}`;
  };
  if (named.length === 0) {
    const holding = deals.filter(has);
    cites.push(...holding.flatMap((deal) => having.get(deal)?.passage ?? []));
    const lead =
      holding.length > 0
        ? `the texts of ${dealNames(ctx, holding, "and")} have “${quoted}”.`
        : `the deal texts I hold do not have “${quoted}”.`;
    return { ...yesOrNoLead(holding.length > 0, lead), cites };
  }
  const lead = `${deals.map(verdict).join(". And ")}.`;
  return { ...yesOrNoLead(has(deals[0] as DealId), lead), cites };
}
