import type { AnswerDraft, CompareRow, Item } from "../answer.js";
import {
  blankAnswer,
  excerptOf,
  type Lead,
  noLead,
  PAGE_SIZE,
  suggestionsNear,
  yesOrNoLead,
} from "../answer-building.js";
import {
  anyEvidence,
  asksEither,
  bestEvidence,
  describe,
  isEmpty,
  type Subject,
  subjectOf,
} from "../coverage.js";
import { belongingAsked, headTitles } from "../gate.js";
import type { KnowledgeLookups } from "../lookups.js";
import { type DealId, type Passage, type Section, type Signatory, sectionWords } from "../model.js";
import { countsOf, countWord, dealList, dealsWith, joinNames, notGivenSaid } from "../phrasing.js";
import { negatesAnything, opensYesNo, type ParsedQuery, type Split, splitByNegation } from "../query.js";
import {
  dealsSignedBy,
  governmentAt,
  mentionsSigning,
  sideOf,
  signatoriesNamed,
} from "../signing-question.js";
import {
  anyPhrase,
  capitalised,
  hasAnyOf,
  indexOfSequence,
  keptPer,
  phrasesIn,
  QUESTION_WORDS,
  setOf,
  tokenize,
} from "../text.js";
import {
  asksLikeness,
  creationAsked,
  deniesAsked,
  happenedAsked,
  NOT_BINDING,
  setsUpIn,
  stemsAsked,
} from "../yes-no.js";
import { dealsOfKindNamed } from "./deals.js";
import type { Intent, IntentRequest } from "./intent.js";

export const compare: Intent = {
  name: "compare",
  description: "One topic across every deal, a row per deal; which deals cover something",
  examples: ["compare {topic}", "compare {topic}", "which deals mention {topic}?"],
  commands: ["compare", "comparison"],
  run(request): AnswerDraft {
    // "How many deals cover fusion?": the deals that do, counted first.
    const answer = compared(request);
    const { query, ctx } = request;
    // Not "How many areas does each deal list?": the deals are what is counted ("how many of the deals …", "how many
    // of them …", which the vocabulary reads as the deals).
    const at = query.tokens.indexOf("many");
    const counted = query.tokens.slice(at + 1).find((token) => !/^(of|the|these|those|three)$/.test(token));
    const many =
      answer.found &&
      query.form === "which-deal" &&
      at >= 0 &&
      (ctx.vocabulary.phrasing.dealNouns.includes(counted ?? "") || counted === "them") &&
      answer.verdict === undefined;
    const [some, all] = [answer.deals.length, ctx.dealIds.length].map(countWord);
    const count = some === all ? `All ${all} deals.` : `${capitalised(some ?? "")} of the ${all} deals.`;
    return many ? { ...answer, lead: `${count} ${answer.lead}` } : answer;
  },
};

/** Each deal's best passage on topics alone, by topics: `compared`'s `best` for a question that asks only them. */
const bestOnTopic = keptPer<KnowledgeLookups, string, Map<DealId, Passage | undefined>>();

function compared(request: IntentRequest): AnswerDraft {
  const { query, ctx } = request;
  const answer = blankAnswer(query, "compare");
  const signers = signersAsked(query, ctx);
  if (signers) return signedByAnswer(answer, signers, ctx);
  const split = splitByNegation(query, ctx.vocabulary.phrasing);
  if (split) return withoutAnswer(request, split);
  // "What's the difference between the MOU and MOC?": two kinds of document named, and no partner, compare the kinds.
  const kindsOfDocument = new Set(dealsOfKindNamed(query, ctx).map((deal) => ctx.deal(deal)?.document.type));
  const partnerNamed = query.readings.some((reading) => reading.kind === "deal");
  const asked = subjectOf(query, ctx);
  if (kindsOfDocument.size > 1 && !partnerNamed && query.sections.length === 0 && isEmpty(asked))
    return compared({ ...request, query: { ...query, sections: ["document"] } });
  const areasLacked =
    lackingAsked(query, ctx) || lackBetweenAsked(query, ctx) || dealsPerAreaAsked(query, ctx) !== null;
  if ((isEmpty(asked) || areasLacked) && query.sections.length === 0)
    return coverageTable(answer, query, ctx);

  // "Which deal, Japan or Korea, …" or "how do the Japan and Korea deals differ" weighs the deals named.
  const pool =
    query.deals.length >= 2 || (query.form === "which-deal" && query.deals.length > 0)
      ? query.deals
      : ctx.dealIds;
  const narrowed = narrowedByWords(query, asked, pool, ctx);
  // "Which deals have a 180-day exit clause?": the words asked, in the section asked (discontinuation).
  const sections = narrowed.names.length === 0 ? query.sections : [];
  // A passage denying the words asked ("it does not name a specific office") is no deal having them; of a property
  // of the deals ("Which deals commit money?"), it is what the deal says of it ("nothing in it commits …").
  const negations = setOf(ctx.vocabulary.phrasing.negations);
  const property = ctx.vocabulary.phrasing.propertyTopics;
  const affirmed =
    query.form === "which-deal" &&
    !query.tokens.some((token) => negations.has(token)) &&
    !asked.topics.some((topic) => property.includes(topic));
  // "Which deal creates a fund?": a passage naming one without setting it up (a word of setting up near it) has
  // none. A programme asked by its name ("a Quantum Code Challenge") is one the deal has where its texts list it.
  const setUp = creationAsked(query, ctx) && asked.names.length === 0 ? stemsAsked(asked) : new Set<string>();
  const inSection = (passage: Passage) =>
    (sections.length === 0 || sections.includes(passage.section)) &&
    !(affirmed && deniesAsked(passage.text, asked.terms, negations)) &&
    (setUp.size === 0 || setsUpIn(passage, setUp, ctx));
  const subject = wordsThatStand(narrowed, pool, sections.length > 0, inSection, ctx);
  const sectionNames = sectionWords(sections);
  // A property of the deals ("legal status") asked in a section ("notice to quit") is that section.
  const aboutProperty = subject.topics.some((topic) => property.includes(topic));
  const bySection =
    sections.length > 0 &&
    isEmpty({ ...subject, topics: subject.topics.filter((t) => !property.includes(t)) });
  // "Does every deal mention 6G and fusion?": each topic is decided on its own where no passage has them all,
  // then combined: every one for "and", any for "or" or "/".
  const parts = bySection ? [] : subject.topics.map((topic) => ({ ...subject, topics: [topic] }));
  const either = asksEither(query) && parts.length > 1;
  const described = either ? parts.map((part) => describe(ctx, part)).join(" or ") : describe(ctx, subject);
  // The words asked that narrowed the topic are quoted: "AI (“datasets”)".
  const narrowedTo = subject !== asked && subject === narrowed ? ` (“${subject.terms.join(" ")}”)` : "";
  const onSection = sections.length > 0 ? ` on ${sectionNames}` : "";
  const what = bySection ? sectionNames : `${described}${narrowedTo}${onSection}`;
  const allOf = narrowed.terms.length > 1 ? "all of " : "";
  const unsaid = subject === narrowed ? "" : ` No passage has ${allOf}“${narrowed.terms.join(" ")}”.`;
  const absent = subject.names.length + subject.terms.length > 0 ? "Nothing on" : "No commitment on";
  // Each deal's best passage on each part is looked for once: the rows and the notes ask for it again. On topics
  // alone, in no section, it is the same for every question, and kept for the bot's life.
  const bestFound = new Map<Subject, Map<DealId, Passage | undefined>>();
  const namesSection = bySection ? sections.map((section) => ctx.hasWordsAt([section])) : [];
  const best = (deal: DealId, part: Subject) => {
    // (`inSection` then keeps every passage: it reads the words asked only of a which-deal question.)
    const onTopicsAlone =
      sections.length === 0 &&
      (asked.terms.length === 0 || !affirmed) &&
      part.topics.length > 0 &&
      part.names.length + part.terms.length + part.aliasWords.length === 0;
    const ofPart = onTopicsAlone
      ? bestOnTopic(ctx, part.topics.join(" "), () => new Map())
      : (bestFound.get(part) ?? new Map<DealId, Passage | undefined>());
    bestFound.set(part, ofPart);
    if (ofPart.has(deal)) return ofPart.get(deal);
    // In a section asked, only the deal's passages of it are read; asked of nothing else, one that names it says it
    // best ("The purpose of this MOU is …", not the preamble).
    const within = sections.length > 0 ? [ctx.positionsIn({ deals: [deal], sections })] : [];
    const square = squareness(part, ctx);
    const value = bySection
      ? (passage: Passage, at: number) => square(passage, at) + Number(namesSection.some((has) => has(at)))
      : square;
    const highest = squarest(part) + Number(bySection);
    const found = bestEvidence(ctx, deal, part, inSection, value, highest, within);
    // "Which deal mentions Melania Trump?": what the deal's texts or its signing's summaries say comes before a
    // later report that says it more squarely.
    const ofDeal = (passage: Passage) => !laterOnly(passage) && inSection(passage);
    const own = laterOnly(found) ? bestEvidence(ctx, deal, part, ofDeal, value, highest, within) : undefined;
    ofPart.set(deal, own ?? found);
    return own ?? found;
  };
  // A deal whose texts held have nothing of the section asked (the Japan exit terms were never read), or of the
  // sections where the other deals' texts have what is asked (a working group, in their governance sections),
  // neither has nor lacks it.
  const unheldOf = (deal: DealId): readonly Section[] => {
    if (sections.length > 0) return ctx.passages({ deals: [deal], sections }).length === 0 ? sections : [];
    if (parts.length > 1 || best(deal, subject)) return [];
    const others = pool.flatMap((other) => (other === deal ? [] : (best(other, subject) ?? [])));
    return ctx.sectionsUnheld(deal, others);
  };
  const unheld = new Map(pool.map((deal) => [deal, unheldOf(deal)]));
  const unread = pool.filter((deal) => (unheld.get(deal)?.length ?? 0) > 0);
  const unreadSaid = (deals: readonly DealId[]) =>
    notGivenSaid(ctx, deals, [...new Set(deals.flatMap((deal) => unheld.get(deal) ?? []))]);
  const row = (deal: DealId, part: Subject, heading = ctx.dealName(deal)): CompareRow => {
    const passage = best(deal, part);
    const about = part === subject ? what : describe(ctx, part);
    const note = unread.includes(deal)
      ? unreadSaid([deal])
      : `${absent} ${about} found in the ${ctx.dealName(deal)} text.`;
    return {
      deal,
      // "Which deal mentions the Genesis Mission?": a later report on a deal is shown as one, not as its text.
      dealName: laterOnly(passage) ? `${heading} · ${LATER_REPORT}` : heading,
      excerpt: passage ? excerptOf(ctx, passage, deal) : null,
      note: passage ? null : note,
    };
  };
  // A deal with no passage on them all shows one on a topic it has; the others it has or lacks are noted.
  const byDeal = pool.map((deal) => {
    if (parts.length < 2 || best(deal, subject)) return { deal, row: row(deal, subject), has: [], lacks: [] };
    const has = parts.filter((part) => best(deal, part));
    const [shown] = has;
    const heading = shown && `${ctx.dealName(deal)} · ${describe(ctx, shown)}`;
    const lacks = shown ? parts.filter((part) => !has.includes(part)) : [];
    return { deal, row: shown ? row(deal, shown, heading) : row(deal, subject), has, lacks };
  });
  // "Compare the UK and Korea deals on AI and quantum": a deal with each part in a passage of its own shows each,
  // under its own heading, while the answer keeps to a page of excerpts; a part not shown is noted.
  let room = PAGE_SIZE - byDeal.length;
  const shownToo = byDeal.map(({ has }) => {
    const more = has.slice(1, 1 + Math.max(0, room));
    room -= more.length;
    return more;
  });
  const rows = byDeal.flatMap(({ deal, row: first }, i) => [
    first,
    ...(shownToo[i] ?? []).map((part) => row(deal, part, `${ctx.dealName(deal)} · ${describe(ctx, part)}`)),
  ]);
  const rowPassage = (row: CompareRow) => ctx.passage(row.excerpt?.passageId ?? "");
  const laterReported = byDeal.filter(({ row }) => laterOnly(rowPassage(row))).map((each) => each.deal);
  // "Was Microsoft's pledge part of the deal?": what only a report of the signing names is not what a deal covers;
  // the place it was signed at is ("Does any deal mention Chequers?": its signature block may name it).
  const asksCover = query.coverage || belongingAsked(query, ctx);
  const placeAsked = (deal: DealId) =>
    tokenize(ctx.deal(deal)?.signed.place ?? "").some((word) => subject.terms.includes(word));
  const signingReported = byDeal
    .filter(({ deal, row }) => asksCover && rowPassage(row)?.section === "signing" && !placeAsked(deal))
    .map((each) => each.deal);
  const reportedOnly = new Set([...laterReported, ...signingReported]);
  const covered = byDeal
    .filter((each) => each.row.excerpt && !reportedOnly.has(each.deal) && (either || each.lacks.length === 0))
    .map((each) => each.deal);
  const laterSaid = [
    ...(laterReported.length > 0 ? [` A later report on ${dealsWith(ctx, laterReported)} mentions it.`] : []),
    ...(signingReported.length > 0
      ? [` Reports of the signing of ${dealsWith(ctx, signingReported)} name it, not as what it covers.`]
      : []),
  ].join("");
  const notes = byDeal.flatMap(({ deal, has, lacks }, i) => [
    ...has
      .slice(1 + (shownToo[i]?.length ?? 0))
      .map((part) => `The ${ctx.dealName(deal)} covers ${describe(ctx, part)} in another passage.`),
    ...lacks.map((part) => `${absent} ${describe(ctx, part)} found in the ${ctx.dealName(deal)} text.`),
  ]);
  // "Which deals are non-binding?", "… legally binding?": the deals whose passage says they do not bind, named.
  const unbound = rows.filter((row) => NOT_BINDING.test(row.excerpt?.text ?? "")).map((row) => row.deal);
  // "Which deals are legally binding?" asks what each says on a property, not which texts mention it.
  const onProperty = aboutProperty && sections.length === 0 && covered.length > 0;
  // "all three cover fusion?", "Does any deal cover biotech?" ask Yes or No; "compare AI in all three deals" asks
  // for the rows.
  // "Does Korea or Japan cover fusion?" asks which of them does.
  const asksWhether = opensYesNo(query, ctx.vocabulary.phrasing) && !query.tokens.includes("or");
  // "Summarise the AI parts of all three deals" asks for them told, not whether all three have them.
  const told = phrasesIn(query.tokens, ctx.vocabulary.phrasing.explaining).length > 0;
  const yesNo =
    query.form === "yes-no" ||
    asksWhether ||
    (query.allDeals && !asksWhat(query) && !told && query.intentBy !== "command");
  // "Do all three cover fusion?" asks it of every deal; "Do the TPDs mention fusion?", "Does any deal …?" of them
  // together, which one deal having it answers Yes.
  const ofEvery = hasAnyOf(query.tokens, EVERY);
  // "Which deal has no fusion?", "which doesn't mention quantum?": the deals without it; "Is there a deal without
  // quantum?" asks whether there is one, which a deal lacking it answers Yes.
  const lackExists =
    (query.form === "yes-no" || opensYesNo(query, ctx.vocabulary.phrasing)) &&
    query.deals.length === 0 &&
    hasAnyOf(query.tokens, LACKING);
  const lacking =
    (query.form === "which-deal" || lackExists) &&
    !onProperty &&
    hasAnyOf(query.tokens, ctx.vocabulary.phrasing.lackAsked);
  const known = pool.filter((deal) => !unread.includes(deal));
  const missing = known.filter((deal) => !covered.includes(deal));
  // "Do all three have a 180-day exit?" has no Yes while a deal's exit terms are not held; "Do the UK and Japan
  // deals differ on fusion?" none at all: the deals covering it is no Yes to their differing.
  const decided = yesNo && !asksLikeness(query, ctx) && (unread.length === 0 || missing.length > 0);
  // "What's the difference between an MOU and an MOC?": the kind of document each deal is, from its record.
  const kinds = bySection && !decided && sections.every((section) => section === "document");
  // "Which deal is the only one with fusion?" when more than one has it: none alone, said so.
  const soleAsked =
    query.form === "which-deal" &&
    !opensYesNo(query, ctx.vocabulary.phrasing) &&
    phrasesIn(query.tokens, ctx.vocabulary.phrasing.sole).length > 0;
  // "Compare the three deals on space and fusion": each topic with the deals that have it, not only those with both.
  const hasPart = (part: Subject) => (each: (typeof byDeal)[number]) =>
    each.row.excerpt !== null &&
    !reportedOnly.has(each.deal) &&
    (each.has.length + each.lacks.length === 0 || each.has.includes(part));
  const partSaid = (part: Subject) => {
    const deals = byDeal.filter(hasPart(part)).map((each) => each.deal);
    const about = describe(ctx, part);
    return deals.length > 0
      ? `${capitalised(about)}: in ${dealsWith(ctx, deals)}.`
      : `The deal texts say nothing on ${about}.`;
  };
  // "which deals cover both quantum and space" asks for the deals with both, as the lead says them together.
  const together = query.tokens.includes("both");
  const eachPart = !decided && !either && !lacking && !kinds && !soleAsked && !together && parts.length > 1;
  const opening = eachPart
    ? { lead: parts.map(partSaid).join(" ") }
    : kinds
      ? { lead: documentKinds(pool, ctx) }
      : lacking
        ? lackingLead(what, missing, covered, ctx, unread.length > 0, lackExists)
        : soleAsked && covered.length > 1
          ? { lead: `No deal alone: ${what} is in ${dealsWith(ctx, covered)}.` }
          : leadFor(
              decided,
              what,
              known,
              covered,
              ctx,
              // "compare which is longer": a command asks no yes or no either; nor does the texts' silence on
              // what the deals belong to, or on whether something happened ("Has any deal been renewed?").
              query.intentBy === "command" ||
                QUESTION_WORDS.has(query.tokens[0] ?? "") ||
                (covered.length + reportedOnly.size === 0 &&
                  (belongingAsked(query, ctx) || happenedAsked(query, ctx))),
              setUp.size > 0,
              ofEvery,
            );
  return {
    ...answer,
    found: covered.length + reportedOnly.size > 0,
    title: `${capitalised(what)} across the deals`,
    verdict: onProperty ? undefined : opening.verdict,
    lead: onProperty
      ? `${unbound.length > 0 ? `Not legally binding, by their texts: ${dealsWith(ctx, unbound)}. ` : ""}What ${dealsWith(ctx, covered)} ${covered.length === 1 ? "says" : "say"} on ${what}:`
      : `${opening.lead}${laterSaid}${unsaid}${unread.length > 0 ? ` ${unreadSaid(unread)}` : ""}`,
    rows,
    notes,
    excerpts: rows.flatMap((row) => (row.excerpt ? [row.excerpt] : [])).slice(0, 3),
    page: { offset: 0, shown: Math.min(covered.length, 3), total: covered.length, next: null },
    deals:
      lacking && missing.length > 0
        ? missing
        : pool.filter((deal) => covered.includes(deal) || reportedOnly.has(deal)),
    topics: query.topics,
    suggestions: covered.length > 0 ? [] : suggestionsNear(ctx, []),
  };
}

/** "Memorandum of Understanding (MOU): the deals with the United Kingdom and the Republic of Korea. …" */
function documentKinds(deals: readonly DealId[], ctx: KnowledgeLookups): string {
  const kinds = new Map<string, DealId[]>();
  for (const id of deals) {
    const document = ctx.deal(id)?.document;
    if (!document) continue;
    const kind = `${document.type} (${document.abbreviation})`;
    kinds.set(kind, [...(kinds.get(kind) ?? []), id]);
  }
  return [...kinds].map(([kind, ids]) => `${kind}: ${dealsWith(ctx, ids)}.`).join(" ");
}

const LATER_REPORT = "a later report, not the deal's text";
/** A passage reporting what happened after the signing, which no deal's own text says. */
const laterOnly = (passage: Passage | null | undefined) => passage?.section === "development";

/** The topics' labels in a sentence: "fusion energy and space", "civil nuclear energy or cybersecurity". */
export const topicsSaid = (ctx: KnowledgeLookups, topics: readonly string[], conjunction: string) =>
  joinNames(
    topics.map((topic) => ctx.topicLabel(topic).toLowerCase()),
    conjunction,
  );

/** The deals with every topic wanted and none excluded, compared on the topics wanted. */
function withoutAnswer(request: IntentRequest, { wanted, excluded }: Split): AnswerDraft {
  const { query, ctx } = request;
  const matching = ctx.dealIds.filter(
    (deal) =>
      wanted.every((topic) => ctx.covers(deal, topic)) && !excluded.some((topic) => ctx.covers(deal, topic)),
  );
  const [has, lacks] = [topicsSaid(ctx, wanted, "and"), topicsSaid(ctx, excluded, "or")];
  const shown = compared({
    ...request,
    // Of "neither … nor …", the rows on the topics excluded, read without the negation (no split again).
    query: {
      ...query,
      ...(wanted.length > 0
        ? { topics: wanted }
        : { topics: excluded, tokens: query.tokens.filter((token) => !/^(neither|nor)$/.test(token)) }),
      deals: matching.length > 0 ? matching : query.deals,
    },
  });
  const cover = matching.length === 1 ? "covers" : "cover";
  const said =
    wanted.length === 0
      ? matching.length > 0
        ? `${dealsWith(ctx, matching)} ${cover} neither ${topicsSaid(ctx, excluded, "nor")}.`
        : `every deal covers ${lacks}.`
      : matching.length > 0
        ? `${dealsWith(ctx, matching)} ${cover} ${has} but not ${lacks}.`
        : `no deal covers ${has} without ${lacks}.`;
  // "Does any deal cover …?" asks yes or no of the deals; "Which deals cover …?" asks which.
  const asksWhether = query.form === "yes-no" || opensYesNo(query, ctx.vocabulary.phrasing);
  const lead = asksWhether ? yesOrNoLead(matching.length > 0, said) : { lead: capitalised(said) };
  return { ...shown, verdict: undefined, ...lead, found: matching.length > 0, deals: matching };
}

/**
 * "Which deals say something about datasets for AI?": the other words asked with a topic narrow it when some
 * deal's passage on the topic has them all; a deal without such a passage then lacks what was asked. Only a
 * which-deal question: "is AI part of all three?" asks of the topic.
 */
function narrowedByWords(
  query: ParsedQuery,
  subject: Subject,
  pool: readonly DealId[],
  ctx: KnowledgeLookups,
): Subject {
  // A verb ("promoting", "funded") may stand in another form ("promote", "funds"): only other words narrow.
  const words = subject.terms.filter((term) => !/(ing|ed)$/.test(term));
  // "Which deal covers AI safety?", "Do the deals cover AI safety?"; not what the deals are ("binding laws?").
  const property = subject.topics.some((topic) => ctx.vocabulary.phrasing.propertyTopics.includes(topic));
  const asked = query.form === "which-deal" || (query.form === "yes-no" && !property);
  if (!asked || subject.topics.length === 0 || words.length === 0) return subject;
  const narrower = { ...subject, terms: words, aliasWords: [...subject.aliasWords, { words }] };
  return pool.some((deal) => anyEvidence(ctx, deal, narrower, () => true)) ? narrower : subject;
}

/**
 * "Which deal names OSTP as representing the US?", "compare the exit notice periods": words that each stand in
 * the texts, only never together, are no proof that every deal lacks what is asked: the rarest of them is asked
 * instead. Words no text has are left out in a section asked, or when two or more others stand together. Unchanged
 * when a deal has them all, when a word no text has may be what is asked ("global warming"), or when nothing would
 * be left to ask.
 */
function wordsThatStand(
  subject: Subject,
  pool: readonly DealId[],
  inSectionAsked: boolean,
  inSection: (passage: Passage) => boolean,
  ctx: KnowledgeLookups,
): Subject {
  if (subject.names.length > 0 || subject.terms.length === 0) return subject;
  const stands = (terms: string[]) =>
    pool.some((deal) => anyEvidence(ctx, deal, { ...subject, terms }, inSection));
  if (stands(subject.terms)) return subject;
  const said = subject.terms.filter((term) => stands([term]));
  // A word no text has ("global warming") may be what is asked: the texts then say nothing on it. Unless the
  // others stand together ("brings in the First Lady's initiative"): the missing one only frames them.
  const framing = said.length >= 2 && stands(said);
  if (said.length < subject.terms.length && !inSectionAsked && !framing) return subject;
  const rarest = [...said].sort((a, b) => ctx.passagesWith([a]).length - ctx.passagesWith([b]).length);
  // Two words asked as one thing ("trade negotiations") are that no longer once either is left out.
  const { compound: _asOneThing, ...kept } = subject;
  const left = { ...kept, terms: stands(said) ? said : rarest.slice(0, 1) };
  return isEmpty(left) && !inSectionAsked ? subject : left;
}

/** "Which agencies lead it in each deal?", "what do all three say": asks what, so no Yes or No answers it. */
const asksWhat = (query: ParsedQuery) => query.tokens.some((token) => QUESTION_WORDS.has(token));

/** "Yes — all three …" for do-all questions, else which deals have it, in one sentence. */
function leadFor(
  yesNo: boolean,
  what: string,
  pool: readonly DealId[],
  covered: readonly DealId[],
  ctx: KnowledgeLookups,
  opensWh: boolean,
  setUpAsked: boolean,
  ofEvery: boolean,
): Lead {
  // "How does representation differ …?" asks no yes or no.
  const nothing = setUpAsked ? `deal texts set up no ${what}.` : `deal texts say nothing on ${what}.`;
  if (covered.length === 0) return opensWh ? { lead: `The ${nothing}` } : noLead(`the ${nothing}`);
  const inDeals = `${covered.length === 1 ? "only " : ""}${dealsWith(ctx, covered)}`;
  if (!yesNo) return { lead: `${capitalised(what)}: in ${dealsWith(ctx, covered)}.` };
  const all = pool.length === 1 ? "it covers" : pool.length === 2 ? "both cover" : `all ${pool.length} cover`;
  if (covered.length === pool.length) return yesOrNoLead(true, `${all} ${what}: ${dealList(ctx, covered)}.`);
  const missing = pool.filter((deal) => !covered.includes(deal));
  const said = `${what} appears in ${inDeals}, not in ${dealsWith(ctx, missing)}.`;
  return ofEvery ? noLead(said) : yesOrNoLead(true, said);
}

/** Words asking for a deal that lacks something: "Is there a deal without quantum?", "Does any deal lack fusion?". */
const LACKING = ["without", "lack", "lacks", "lacking", "missing"];

/** Words asking a thing of every deal: "Do all three …?", "Does each deal …?", "both deals". */
const EVERY = ["all", "every", "each", "both"];

/** "Which deal has no fusion?": the deals without what is asked, and those with it; "None" when every one has it. */
function lackingLead(
  what: string,
  missing: readonly DealId[],
  covered: readonly DealId[],
  ctx: KnowledgeLookups,
  someUnread: boolean,
  // "Is there a deal without quantum?": Yes when a deal lacks it, No when every deal covers it.
  whether: boolean,
): Lead {
  const cover = (deals: readonly DealId[]) =>
    `${dealsWith(ctx, deals)} ${deals.length === 1 ? "covers" : "cover"}`;
  if (missing.length === 0) {
    // With a deal whose texts on it are not held, none is known to lack it, nor all to cover it.
    if (someUnread) return { lead: `${capitalised(cover(covered))} ${what}.` };
    const all = `${cover(covered).replace(/cover$/, "all cover")} ${what}.`;
    return whether ? noLead(all) : { lead: `None: ${all}` };
  }
  const others = covered.length > 0 ? `; ${cover(covered)} it` : "";
  const lead = `The texts I hold of ${dealsWith(ctx, missing)} say nothing on ${what}${others}.`;
  return whether ? yesOrNoLead(true, lead) : { lead };
}

/** The highest squareness: an area passage of the deal alone, mainly and only about a topic asked, with every word. */
const squarest = ({ topics, terms }: Subject) =>
  topics.length === 0 ? 0 : squareOf(true, true, true, 1, terms.length, true);

/** Squareness from what a passage has: of the deal alone, tagged with a topic asked, mainly about one, its topics. */
const squareOf = (own: boolean, tag: boolean, main: boolean, topics: number, words: number, area: boolean) =>
  (own ? 2 : 0) + (tag ? 1 : 0) + (main ? 2 : 0) + (area ? 1 : 0) + 1 / Math.max(1, topics) + words;

/**
 * How squarely a passage speaks to the topics, to pick the best: a listed area first, official words next.
 * Without topics every passage is as good, and the evidence order decides.
 */
function squareness(subject: Subject, ctx: KnowledgeLookups): (passage: Passage, position: number) => number {
  const { topics, terms } = subject;
  if (topics.length === 0) return () => 0;
  const hasTerm = terms.map((term) => ctx.hasWordsAt([term]));
  return (passage: Passage, position: number) =>
    squareOf(
      passage.deals.length === 1,
      topics.some((topic) => passage.topics.includes(topic)),
      topics.includes(passage.topics[0] ?? ""), // the topic the fact is mainly about
      ctx.topicsAt(position).size, // a passage about this topic alone beats a list
      hasTerm.filter((has) => has(position)).length, // the other words asked ("nuclear shipping") pick it
      // A listed area, or the deal's own clause on the topic ("legal status"), over a passage that touches it.
      passage.section === "area" || topics.includes(passage.section),
    );
}

/**
 * "What's not in the Japan deal?", "What does the UK deal leave out?", "What's missing from the Korea deal?": of one
 * deal, asking of nothing else, the areas it lacks.
 */
/**
 * "What does the Korea deal have that Japan lacks?", "What is missing from Japan that Korea has?": two deals named,
 * and only a word of lacking asked, which their lists of areas answer.
 */
export function lackBetweenAsked(query: ParsedQuery, ctx: KnowledgeLookups): boolean {
  const { lackAsked } = ctx.vocabulary.phrasing;
  const lacking = setOf(lackAsked);
  return (
    new Set(query.deals).size === 2 &&
    hasAnyOf(query.tokens, lackAsked) &&
    query.subjectTerms.every((term) => lacking.has(term))
  );
}

export function lackingAsked(query: ParsedQuery, ctx: KnowledgeLookups): boolean {
  const { lackAsked, exclusion, uniqueAsked } = ctx.vocabulary.phrasing;
  if (new Set(query.deals).size !== 1 || query.form !== "open") return false;
  // "What does the UK deal have that the others don't?" asks what it alone has.
  if (phrasesIn(query.tokens, uniqueAsked).length > 0) return false;
  if (query.topics.length + query.names.length + query.sections.length > 0) return false;
  const excluding = anyPhrase(exclusion).exec(query.text.toLowerCase());
  const lacking = setOf(lackAsked);
  const excluded = new Set(tokenize(excluding?.[0] ?? ""));
  const asksLack =
    negatesAnything(query, ctx.vocabulary.phrasing) ||
    excluding !== null ||
    hasAnyOf(query.tokens, lackAsked);
  return asksLack && query.subjectTerms.every((term) => lacking.has(term) || excluded.has(term));
}

/**
 * "Which topics are in only one deal?", "Is there any topic in just two deals?", "Which areas are unique?": how many
 * deals the areas asked are listed by; null unless areas are asked by that, of no deal named.
 */
export function dealsPerAreaAsked(query: ParsedQuery, ctx: KnowledgeLookups): number | null {
  const { areaNouns, dealNouns, uniqueAsked } = ctx.vocabulary.phrasing;
  if (query.deals.length + query.topics.length + query.names.length > 0) return null;
  if (!hasAnyOf(query.tokens, areaNouns)) return null;
  if (phrasesIn(query.tokens, uniqueAsked).length > 0) return 1;
  return countsOf(query, ctx, dealNouns)[0]?.count ?? null;
}

/**
 * Without a topic: which deal covers which area, from their lists; what they share and each lists alone leads.
 * "Does the UK deal have anything Japan doesn't?": Yes when the deal named first lists an area alone, said first.
 */
function coverageTable(answer: AnswerDraft, query: ParsedQuery, ctx: KnowledgeLookups): AnswerDraft {
  const deals = [...new Set(query.deals)];
  const compared = deals.length >= 2 ? deals : ctx.dealIds;
  const negated = negatesAnything(query, ctx.vocabulary.phrasing);
  const ownAsked = query.form === "yes-no" && deals.length === 2 && negated;
  const first = deals.length === 1 || ownAsked ? deals[0] : undefined;
  const topicIds = [...new Set(compared.flatMap((deal) => ctx.deal(deal)?.areas ?? []))];
  const groups = new Map<string, { having: DealId[]; labels: string[] }>();
  const items: Item[] = topicIds.map((topic) => {
    const having = compared.filter((deal) => ctx.deal(deal)?.areas.includes(topic));
    const labels = [...(groups.get(having.join())?.labels ?? []), ctx.topicLabel(topic)];
    groups.set(having.join(), { having, labels });
    return {
      title: ctx.topicLabel(topic),
      text: `Listed by: ${dealList(ctx, having)}`,
      query: `compare ${topic}`,
    };
  });
  const all = compared.length === 2 ? "Both deals list" : `All ${countWord(compared.length)} deals list`;
  const some = (having: DealId[]) =>
    having.length === 1
      ? `Only ${dealsWith(ctx, having)} lists`
      : `${capitalised(dealsWith(ctx, having))} list`;
  // One deal asked ("what's unique about the Korea deal?"): what it alone lists comes first.
  const alone = (having: readonly DealId[]) => Number(first !== undefined && having.join() === first);
  // "Which topics are in only one deal?": the areas listed by that many deals come first.
  const perArea = dealsPerAreaAsked(query, ctx);
  const counted = (having: readonly DealId[]) => Number(having.length === perArea);
  const comparison = [...groups.values()]
    .sort(
      (a, b) =>
        alone(b.having) - alone(a.having) ||
        counted(b.having) - counted(a.having) ||
        b.having.length - a.having.length,
    )
    .map(
      ({ having, labels }) =>
        `${having.length === compared.length ? all : some(having)}: ${labels.join("; ")}.`,
    );
  const hasOwn = [...groups.values()].some(({ having }) => alone(having));
  // "What's not in the Japan deal?": the areas the other deals list that it does not, first.
  const lacks =
    first !== undefined && lackingAsked(query, ctx)
      ? topicIds
          .filter((topic) => !ctx.deal(first)?.areas.includes(topic))
          .map((topic) => ctx.topicLabel(topic))
      : [];
  const lacking =
    lacks.length > 0
      ? `Listed by another deal but not by ${dealsWith(ctx, [first as DealId])}: ${lacks.join("; ")}. `
      : "";
  const noneAlone =
    deals.length === 1 && !hasOwn && lacks.length === 0
      ? `No area is listed by ${dealsWith(ctx, deals)} alone. `
      : "";
  const anyCounted = [...groups.values()].some(({ having }) => counted(having));
  const noneCounted =
    perArea !== null && !anyCounted ? `No area is listed by ${countWord(perArea)} deals. ` : "";
  return {
    ...answer,
    ...(ownAsked ? { verdict: hasOwn ? ("yes" as const) : ("no" as const) } : {}),
    ...(perArea !== null && query.form === "yes-no" ? { verdict: anyCounted ? "yes" : "no" } : {}),
    found: items.length > 0,
    title: `Areas of cooperation: ${dealList(ctx, compared)}`,
    lead: `${lacking}${noneAlone}${noneCounted}${comparison.join(" ")} Name a topic to compare the texts side by side, e.g. “${items[0]?.query ?? "compare"}”.`,
    items,
    deals: [...compared],
  };
}

/**
 * The titles a signatory holds, from the office: "Deputy Prime Minister and Minister of Science" → both heads,
 * each ending in a post's name ("Minister"): what a question may ask a signer to be.
 */
function titlesOf(office: string, posts: ReadonlySet<string>): string[] {
  return office
    .split(/ and (?=\p{Lu})/u)
    .map((role) => (role.split(/ (?:of|for|to) /)[0] ?? "").trim())
    .filter((head) => posts.has(tokenize(head).at(-1) ?? ""));
}

/** The signers asked and the deals they signed; `without`: deals asked of whose signers none holds the title. */
type SignersAsked = { who: string; deals: DealId[]; signatories: Signatory[]; without: DealId[] };

/**
 * "Which deal was signed by the president himself?", "Which deals did Kratsios sign?": the signers asked, by
 * name or by the title of their office (the longest title the question has, so "deputy prime minister" is not
 * a prime minister), and the deals they signed, from each deal's signatories. Null for other questions.
 */
export function signersAsked(query: ParsedQuery, ctx: KnowledgeLookups): SignersAsked | null {
  // "signed by presidents" asks for a president; "by a head of government" for the titles that head one.
  const singular = query.tokens.map((token) => token.replace(/(?<=[a-z]{4})s$/, ""));
  const head = phrasesIn(singular, ctx.vocabulary.phrasing.headAsked)[0];
  // "Which heads of government signed?" asks which deals they signed, as a which-deal question does.
  const which = query.form === "which-deal" || (head !== undefined && query.tokens[0] === "which");
  if (!which || !mentionsSigning(query, ctx)) return null;
  const all = ctx.knowledge.deals.flatMap((deal) => deal.signatories.map((person) => ({ deal, person })));
  // "Which deals did the Trump administration sign?": those signed for his side, by whoever signed them.
  const government = query.tokens.map((_, at) => governmentAt(query, at, ctx)).find(Boolean);
  if (government) {
    const forSide = all.filter(({ deal, person }) => sideOf(deal, person) === government);
    const signatories = [...new Map(forSide.map(({ person }) => [person.name, person])).values()];
    const side = government === "us" ? "United States'" : `${government}'s`;
    return {
      who: `the ${side} side (${joinNames(signatories.map(asSigner))})`,
      deals: [...new Set(forSide.map(({ deal }) => deal.id))],
      signatories,
      without: [],
    };
  }
  const named = dealsSignedBy(query, ctx);
  if (named.length > 0) {
    const signatories = signatoriesNamed(query, ctx);
    return { who: joinNames(signatories.map(asSigner)), deals: named, signatories, without: [] };
  }
  const posts = setOf(ctx.vocabulary.phrasing.offices);
  const titles = [...new Set(all.flatMap(({ person }) => titlesOf(person.office, posts)))]
    .filter((title) => indexOfSequence(singular, tokenize(title)) >= 0)
    .sort((a, b) => tokenize(b).length - tokenize(a).length);
  const title = head ?? titles[0];
  if (!title) return null;
  const holds = (office: string) =>
    titlesOf(office, posts).some((held) => (head ? headTitles(head).includes(held) : held === title));
  // "the Korean president", "Japan's prime minister": the title on that deal's partner side.
  const of = query.deals;
  const holders = all.filter(
    ({ deal, person }) =>
      holds(person.office) && (of.length === 0 || (of.includes(deal.id) && person.side === "partner")),
  );
  if (holders.length === 0)
    return { who: `the ${title} of ${dealList(ctx, of)}`, deals: [], signatories: [], without: of };
  const signatories = [...new Map(holders.map(({ person }) => [person.name, person])).values()];
  const offices = signatories.map((person) => `${asSigner(person)}, ${person.office}`);
  return {
    who: `the ${title} (${offices.join("; ")})`,
    deals: [...new Set(holders.map(({ deal }) => deal.id))],
    signatories,
    without: [],
  };
}

/** A signer's name, marked where sources disagree about who signed. */
const asSigner = (person: Signatory) => `${person.name}${person.disputed ? " [disputed]" : ""}`;

/** The deals the signers asked signed, each with its signatories' record cited. */
function signedByAnswer(answer: AnswerDraft, asked: SignersAsked, ctx: KnowledgeLookups): AnswerDraft {
  const signedBy = (deal: DealId) =>
    `the ${ctx.dealName(deal)} was signed by ${joinNames(ctx.deal(deal)?.signatories.map(asSigner) ?? [])}`;
  const lead =
    asked.deals.length > 0
      ? `Signed by ${asked.who}: ${dealsWith(ctx, asked.deals)}.`
      : `No deal was signed by ${asked.who}: ${asked.without.map(signedBy).join("; ")}.`;
  const excerpts = [...asked.deals, ...asked.without].flatMap((deal) => {
    const passages = ctx.passages({ deals: [deal], sections: ["signatories"] });
    const naming = passages.filter((passage) =>
      asked.signatories.some((person) => ctx.hasWords(passage, tokenize(person.name))),
    );
    const [first] = naming.length > 0 ? naming : passages;
    return first ? [excerptOf(ctx, first, deal)] : [];
  });
  return {
    ...answer,
    found: true,
    title: `Signed by ${asked.who}`,
    lead,
    excerpts,
    page: { offset: 0, shown: excerpts.length, total: excerpts.length, next: null },
    deals: asked.deals.length > 0 ? asked.deals : asked.without,
  };
}
