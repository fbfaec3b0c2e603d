import type { AnswerDraft, Excerpt, IntentName, Item } from "./answer.js";
import { IN_ENGLISH, interleave, PAGE_SIZE, phrasedLead } from "./answer-building.js";
import type { Phrasing } from "./model.js";
import { type ParsedQuery, wordsReadAs } from "./query.js";
import { hasAnyOf, phrasesIn, QUESTION_WORDS, tokenize, unique } from "./text.js";

/**
 * The parts of a question that asks several things ("who signed the korea deal and when?", "japan fusion and
 * space"): clauses split at "and" (never inside a vocabulary phrase) of which at least two ask something of
 * their own — an intent word, a topic, a section or a named thing. Null for a one-part question.
 */
export function splitParts(
  query: ParsedQuery,
  parse: (text: string) => ParsedQuery,
  route: (part: ParsedQuery) => IntentName,
  phrasing: Phrasing,
  /** The question a part that names only a deal stands for after the first ("and the Korea deal?"). */
  asFollowUp: (part: ParsedQuery, first: ParsedQuery) => ParsedQuery,
): ParsedQuery[] | null {
  const asked = askedClauses(query.text);
  const clauses = asked ?? clausesAtAnd(query, phrasing.homeCountry);
  if (clauses.length < 2) return null; // one clause asks one thing: no need to read it again
  const parsed = withFirstAsked(clauses.map(parse), asFollowUp);
  // A later clause may ask in words of its own; a first one ("Why did Biden …") is the question's opening,
  // unless a comma and question word mark every clause as a question ("Japan MOC: which body …, and which …").
  // Clauses marked as questions ask even of a deal alone ("What is the Korea deal, and is it still active?").
  const askedOfDeal = (part: ParsedQuery) =>
    asked !== null &&
    part.deals.length > 0 &&
    (part.form === "yes-no" || QUESTION_WORDS.has(part.tokens[0] ?? ""));
  const asking = parsed.filter(
    (part, i) =>
      part.intentBy !== "default" ||
      part.topics.length > 0 ||
      part.sections.length > 0 ||
      part.names.length > 0 ||
      askedOfDeal(part) ||
      ((i > 0 || asked !== null) && asksOwnWords(part, asked !== null)),
  );
  const [first] = parsed;
  if (!first || asking.length < 2 || asking.length !== parsed.length) return null;
  // A part that names no deal is about the deals of the question; one with no intent of its own takes the first's.
  const firstIntent = route({ ...first, deals: first.deals.length > 0 ? first.deals : query.deals });
  // "Which deal has a tokamak, and which mentions the ISS?": each "which" asks across the deals of its own subject.
  const whichEach = parsed.every((part) => part.tokens[0] === "which") && first.form === "which-deal";
  // A deal a part names only inside a name the whole question reads as a name ("… the Japan deal mention CAISI and
  // the UK AI Security Institute?") is not asked about.
  const parts = parsed.map((part) => {
    const own = part.deals.filter((deal) => query.deals.length === 0 || query.deals.includes(deal));
    return {
      ...part,
      ...(whichEach ? { form: "which-deal" as const } : {}),
      // "… and which deals cover quantum?" asks across the deals, whatever deal another part names; "… and which one
      // covers quantum?" asks of what the part before named ("the two headings in the Korea MOU"), in its deal.
      deals: own.length > 0 || acrossDeals(part, phrasing.dealNouns) || part.allDeals ? own : query.deals,
      countries: query.countries,
      ...(part.intentBy === "default" && part.form === "open"
        ? {
            form: first.form,
            allDeals: first.allDeals,
            coverage: first.coverage,
            intent: firstIntent,
            intentBy: "cue" as const,
          }
        : {}),
    };
  });
  // Parts that all go to one intent with no section of their own ("japan fusion and space") are one question.
  // A part asked only in words of its own ("… and what is the industry exchange?") keeps its own answer, and so
  // do clauses marked as questions that ask more than a topic ("…, and which regulators speed up licensing?"),
  // and a yes/no question after another question ("korea artemis stuff, also is it binding").
  const intents = new Set(parts.map(route));
  if (
    !whichEach &&
    !(first.form !== "yes-no" && parts.some((part) => part.form === "yes-no")) &&
    !(asked && parts.some((part) => part.subjectTerms.length > 0)) &&
    // "Is it binding, and does it cover space?": each yes/no question has its own Yes or No.
    !(asked && parts.filter((part) => part.form === "yes-no").length > 1) &&
    intents.size === 1 &&
    !eachOfItsOwnDeal(parsed) &&
    parts.every((part, i) => part.sections.length === 0 && !(i > 0 && asksOwnWords(part)))
  )
    return null;
  return parts;
}

/**
 * "Does the UK deal cover fusion? Does the Korea deal?", "Is the UK deal paused? And the Japan deal?": a later
 * part that names a deal and asks nothing else asks what the first part asked, of its own deal, as a follow-up would.
 */
function withFirstAsked(
  parts: ParsedQuery[],
  asFollowUp: (part: ParsedQuery, first: ParsedQuery) => ParsedQuery,
): ParsedQuery[] {
  const [first, ...rest] = parts;
  if (!first) return parts;
  const asksNothing = (part: ParsedQuery) =>
    part.deals.length > 0 &&
    part.intentBy === "default" &&
    part.topics.length + part.names.length + part.sections.length + part.subjectTerms.length === 0;
  if (asksNothing(first)) return parts;
  return [first, ...rest.map((part) => (asksNothing(part) ? asFollowUp(part, first) : part))];
}

/** A which-question with a noun for the deals (`dealNouns`): "which deals", "which country", "which of the agreements". */
const acrossDeals = (part: ParsedQuery, dealNouns: readonly string[]) =>
  part.form === "which-deal" && hasAnyOf(part.tokens, dealNouns);

/**
 * "What does the UK deal say on quantum, and what does the Japan deal say?", "korea space and japan space": each
 * part names its own deal and asks something of it. Not "compare the UK and Japan deals on AI", whose first part
 * asks nothing.
 */
function eachOfItsOwnDeal(parts: readonly ParsedQuery[]): boolean {
  const asks = (part: ParsedQuery) => part.deals.length > 0 && part.topics.length + part.names.length > 0;
  return parts.every(asks) && new Set(parts.map((part) => [...part.deals].sort().join(" "))).size > 1;
}

/**
 * Clauses that a comma before "and" and a question word marks ("when were the japan and korea deals signed, and
 * who signed?"): there the "and" inside a clause ("japan and korea") joins things, not questions. Null without one.
 */
function askedClauses(text: string): string[] | null {
  const clauses = text.split(ASKED_CLAUSE_BREAK);
  return clauses.length > 1 ? clauses : null;
}

/** Clauses split at each "and" outside a vocabulary phrase. */
function clausesAtAnd(query: ParsedQuery, homeCountry: readonly string[]): string[] {
  const clauses: string[][] = [[]];
  // "how the Japan and Korea preambles describe …": an "and" between two deals' names joins them; so does one
  // between a deal's partner and the United States ("When did Korea and the US agree to …?").
  const dealWords = new Set(wordsReadAs(query.readings, "deal"));
  const home = phrasesIn(query.tokens, homeCountry).map(tokenize);
  const homeFrom = (start: number, words: readonly string[]) =>
    words.every((word, k) => query.tokens[start + k] === word);
  const homeEndsAt = (end: number) => home.some((words) => homeFrom(end - words.length + 1, words));
  const homeStartsAt = (start: number) => home.some((words) => homeFrom(start, words));
  const dealAt = (at: number) => dealWords.has(query.tokens[at] ?? "");
  const joinsDeals = (i: number) => {
    const after = query.tokens[i + 1] === "the" ? i + 2 : i + 1;
    const left = dealAt(i - 1) || homeEndsAt(i - 1);
    const right = dealAt(after) || homeStartsAt(after);
    return left && right && (dealAt(i - 1) || dealAt(after));
  };
  // "the link between the TPDs and AI": the "and" after "between" joins the two things it relates; "… and not
  // Japan" says what is not, of the same question.
  let between = false;
  query.tokens.forEach((token, i) => {
    const negated = query.tokens[i + 1] === "not";
    const joins = query.inPhrases.has(i) || joinsDeals(i) || (token === "and" && (between || negated));
    if ((token === "and" || token === "also") && !joins) clauses.push([]);
    else clauses.at(-1)?.push(token);
    if (token === "between") between = true;
    else if (token === "and") between = false;
  });
  return clauses.filter((words) => words.length > 0).map((words) => words.join(" "));
}

const ASKED = [...QUESTION_WORDS].join("|");
/** The verbs a yes/no clause opens with, before what it asks of: "…, and does it cover space?", "… and is it binding?". */
const YES_NO_OPENING = "(?:is|are|was|were|does|do|did|can|has|have)\\s+(?:it|they|the|this|that)";
/**
 * Where one question ends and another begins: a question mark before more words ("Who signed the UK deal? Was it
 * binding?"), a comma and "and" before a question word or a yes/no opening, or "and" before a yes/no opening.
 */
const ASKED_CLAUSE_BREAK = new RegExp(
  `(?<=\\?)\\s+(?=\\S)|(?:,\\s*(?:and|also)|\\s[+&])\\s+(?=(?:${ASKED}|${YES_NO_OPENING})\\b)|\\s+and\\s+(?=${YES_NO_OPENING}\\b)`,
  "i",
);

/** A clause that asks with words of substance but no topic, section or name: "what is the industry exchange". */
function asksOwnWords(part: ParsedQuery, askedAnywhere = false): boolean {
  const asks = (askedAnywhere ? part.tokens : part.tokens.slice(0, 1)).some((token) =>
    QUESTION_WORDS.has(token),
  );
  return (
    asks &&
    part.subjectTerms.length > 0 &&
    part.topics.length + part.names.length + part.sections.length === 0
  );
}

/**
 * One answer made of the answers to each part: every lead, each part's best excerpts in turn. A part that
 * compares deals gives its rows' excerpts (and says which deals have none) when another part has excerpts, and
 * a list's items come with the others' excerpts as items: the Answer shows one body, and every part stays in it.
 */
export function mergeAnswers(answers: readonly AnswerDraft[], query: ParsedQuery): AnswerDraft {
  const [first] = answers;
  if (!first) throw new Error("no answers to merge");
  const mixed = new Set(answers.flatMap(bodyKinds)).size > 1;
  const own = (answer: AnswerDraft) =>
    mixed ? [...answer.excerpts, ...answer.rows.flatMap((row) => row.excerpt ?? [])] : answer.excerpts;
  const fromRows = mixed ? answers.reduce((sum, answer) => sum + answer.rows.length, 0) : 0;
  // Each part's excerpts in turn, each passage once.
  const inTurn = interleave(answers.map(own));
  const excerpts = inTurn
    .filter((excerpt, i) => inTurn.findIndex((other) => other.passageId === excerpt.passageId) === i)
    .slice(0, PAGE_SIZE + fromRows);
  const items = answers.flatMap((answer) => answer.items);
  const answered = answers.filter((answer) => answer.found);
  const leads = answers.filter((answer) => phrasedLead(answer) !== "");
  const rowNotes = mixed
    ? answers.flatMap((answer) => answer.rows.flatMap((row) => (row.excerpt || !row.note ? [] : [row.note])))
    : [];
  return {
    ...first,
    query: query.text,
    readings: query.readings,
    shortened: query.shortened,
    found: answered.length > 0,
    // Titles are parts joined by " · "; parts two answers share ("Japan") are shown once.
    title: unique(answers.flatMap((answer) => answer.title.split(" · "))).join(" · "),
    // A sentence two parts both say is said once ("I answer in English, …", after the parts); the first lead's
    // verdict opens the whole.
    verdict: leads[0]?.verdict,
    lead: unique(
      leads.flatMap((answer, i) =>
        (i === 0 ? answer.lead : phrasedLead(answer)).split(/(?<=\.)\s+(?=\p{Lu})/u),
      ),
    )
      .filter(Boolean)
      .sort((a, b) => Number(a === IN_ENGLISH) - Number(b === IN_ENGLISH))
      // A heading ends with a colon only where the excerpts follow it: before another part's lead it ends a sentence.
      .map((sentence, i, all) =>
        i < all.length - 1 && sentence.endsWith(":") ? `${sentence.slice(0, -1)}.` : sentence,
      )
      .join(" "),
    excerpts: items.length > 0 && mixed ? [] : excerpts,
    items: items.length > 0 && mixed ? [...items, ...excerpts.map(asItem)] : items,
    rows: mixed ? [] : answers.flatMap((answer) => answer.rows),
    notes: unique([...answers.flatMap((answer) => answer.notes), ...rowNotes]),
    deals: unique((answered.length > 0 ? answered : answers).flatMap((answer) => answer.deals)),
    topics: unique(answers.flatMap((answer) => answer.topics)),
    page: { offset: 0, shown: excerpts.length, total: excerpts.length, next: null },
    suggestions: first.suggestions,
  };
}

/** What an answer's body would be made of: excerpts, a list, rows (none for a bare decline). */
function bodyKinds(answer: AnswerDraft): Array<"excerpts" | "list" | "rows"> {
  return [
    ...(answer.excerpts.length > 0 ? (["excerpts"] as const) : []),
    ...(answer.items.length > 0 ? (["list"] as const) : []),
    ...(answer.rows.length > 0 ? (["rows"] as const) : []),
  ];
}

/** An excerpt as a line of a list, citing its source. */
function asItem(excerpt: Excerpt): Item {
  return { title: excerpt.source.label, text: excerpt.text, source: excerpt.source };
}
