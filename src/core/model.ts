import type { IntentName } from "./answer.js";
import { listNames } from "./text.js";
/** The knowledge the core reads: plain data, validated and indexed before it reaches the core. */

/** A deal's id as its knowledge file names it; the loader checks every reference against the deals loaded. */
export type DealId = string;

/** What stands behind a source: the deal's own text, a government's summary of it, or third-party reporting. */
export const SOURCE_WEIGHTS = ["official text", "official summary", "news report"] as const;
export type SourceWeight = (typeof SOURCE_WEIGHTS)[number];

/** A part of a document that facts can point at, e.g. { id: "II.B", title: "Unleashing Civil Nuclear Energy" }. */
export type DocumentSection = {
  /** The document's own numeral where it has one (I, II.B …: letters are positional), else a plain name. */
  id: string;
  title: string;
  /** A few words for citation labels, e.g. "civil nuclear". */
  short?: string;
};

export type Source = {
  id: string;
  title: string;
  url: string;
  /** ISO date, YYYY-MM-DD; absent when the page read shows no date. */
  published?: string;
  publisher: string;
  /** e.g. "article", "memorandum of understanding", "news report". */
  type: string;
  /** True for the governments' own publications (texts and summaries). */
  official: boolean;
  weight: SourceWeight;
  /** The name citations use, e.g. "UK MOU" (the publisher when not set in the knowledge). */
  short: string;
  /** The language the document is written in, e.g. "English", "Japanese". */
  language: string;
  /** The document's sections facts may cite; empty when it has none worth naming. */
  sections: DocumentSection[];
  /** For a text held only in part, what of it is held. */
  heldInPart?: string;
};

/**
 * What part of a deal a passage speaks to (lets intents like `when` or `status` pick their facts), each with how
 * a lead or title names it ("The exit terms of …"), since some ids are not plain English.
 */
const SECTION_WORDS = {
  article: "articles",
  document: "document",
  signing: "signing",
  signatories: "signatories",
  purpose: "purpose",
  area: "areas",
  governance: "governance",
  "legal-status": "legal status",
  operative: "entry into effect",
  amendment: "amendment terms",
  discontinuation: "exit terms",
  development: "later developments",
} as const;
export type Section = keyof typeof SECTION_WORDS;
export const SECTIONS = Object.keys(SECTION_WORDS) as [Section, ...Section[]];

export function sectionWords(sections: readonly Section[]): string {
  return sections.map((section) => SECTION_WORDS[section]).join(" and ");
}

/** One retrievable unit: a paragraph or bullet of a source (a quote) or one structured fact (a summary). */
export type Passage = {
  id: string;
  sourceId: string;
  /** quote: the source's own words; summary: a knowledge entry in the project's words, citing its source. */
  kind: "quote" | "summary";
  section: Section;
  text: string;
  deals: DealId[];
  topics: string[];
  /** ISO date of the event the passage reports, for dated developments. */
  date?: string;
  /** Where the passage sits in its source: a section id of the source, or a heading of an imported page. */
  ref?: string;
  /** Position within its file, to keep an article's reading order. */
  order: number;
};

export type Topic = {
  id: string;
  label: string;
  aliases: string[];
  /** Named bodies, programmes, facilities and places of the topic: a text mentions them only word for word. */
  names: string[];
  /** An example question that shows the topic off (help, autocomplete). */
  example: string;
};

export type Signatory = {
  name: string;
  office: string;
  side: "us" | "partner";
  sourceIds: string[];
  /** Present when sources disagree about this signatory. */
  disputed?: string;
};

/** A body a deal's texts name ("National Science Foundation", "NSF") and the side it is of. */
export type Body = { name: string; abbreviation?: string; side: "us" | "partner" | "joint" };

export type Deal = {
  id: DealId;
  /** e.g. "U.S.–Japan Technology Prosperity Deal". */
  name: string;
  /** A short name for buttons and choices, e.g. "U.S.–Japan". */
  label: string;
  partner: string;
  aliases: string[];
  document: { title: string; type: string; abbreviation: string };
  /** `sourceId`: the source that records the date and place; `city`, `venue`: the parts of the place it names. */
  /** `place`: the venue, city and country the record names, as one ("Gyeongju Arts Center, Gyeongju, Republic of Korea"). */
  signed: {
    date: string;
    place: string;
    venue?: string;
    city?: string;
    country?: string;
    /** The parts of the world the place is in, as a question's words ("asia", "asia pacific"). */
    regions: string[];
    sourceId: string;
  };
  signatories: Signatory[];
  bodies: Body[];
  /** One line on what the deal covers, in the project's words. */
  scope: string;
  /** Topic ids of the deal's areas of cooperation, in the order the deal lists them. */
  areas: string[];
  /** The passage that says how the document groups its areas (its headings, or an official list of points). */
  outline?: string;
  sourceIds: string[];
};

export type KnowledgeBase = {
  /** Content hash of the knowledge files. */
  version: string;
  /** The knowledge's date: the newest publication date among its sources (ISO). */
  asOf: string;
  sources: Source[];
  deals: Deal[];
  topics: Topic[];
  passages: Passage[];
  /** Countries and blocs the deals do not cover, so a question about them is declined plainly. */
  otherCountries: string[];
  /** Aliases that read as a topic in a question but never make a passage count toward it. */
  ambiguousAliases: string[];
  /** Other words for the sections of a deal ("aim" for purpose). */
  sectionAliases: Array<{ id: Section; aliases: string[] }>;
  /** Everyday phrases holding a section's word that ask for no section ("leave room for"). */
  notSections: string[];
  phrasing: Phrasing;
  /** Cue phrases of each intent, in any language ("who signed", "いつ"). */
  intentCues: Partial<Record<IntentName, string[]>>;
  otherLanguages: OtherLanguages;
  /** What a question asks for that only a value answers ("how much", "deadline*"), as vocabulary.yaml has it. */
  valuesAsked: Record<(typeof VALUES_ASKED_LISTS)[number], string[]>;
  /** Who published an account of the deals, by the names a question gives them (see vocabulary.yaml). */
  publishers: Array<{ publisher: string; names: string[] }>;
  /** Questions offered when nothing matched and before anything is typed; may be empty. */
  suggestions: Array<{ label: string; query: string }>;
};

/** The word lists of `Phrasing` whose words the vocabulary knows as words of a question (see vocabulary.yaml). */
const KNOWN_WORD_LISTS = [
  ...listNames("whichDeal allDeals yesNo coverage framing premiseNouns offTopic requestsToBot politeOpening"),
  ...listNames(
    "greetings thanks english foreignOnly signing signingParties personalEvents personalFacts relatives",
  ),
  ...listNames("deadlineYear signedLater signedEarlier order orderVerbs dealNouns later after titleWords"),
  ...listNames(
    "tags tagAuxiliaries statedVerbs elidedOpeners meaningWords saying now offices noOne relations soleGap dealGap",
  ),
  ...listNames("requests composing pieces future explaining uniqueAsked"),
];

/**
 * The word lists of `Phrasing` whose words the vocabulary does not thereby know as words of a question
 * (`Vocabulary.uses`, the reading of typos): they hold parts of words ("paus*"), words other languages share ("un",
 * "sole") or other languages' own ("nicht", "pas"), and a known word changes how a question in another language is read.
 */
export const NOT_KNOWN_AS_WORDS = [
  ...listNames(
    "officeAsked languagesAsked countEnd pauseAsked pauseReported reasonAsked reasonGiven resumeAsked resumeReported",
  ),
  ...listNames(
    "negations sole widening signerAsked recordAsked cityAsked venueAsked homeCountry sites cities occasions",
  ),
  ...listNames(
    "refusals premiseOpeners exclusion sourceFraming claimSourceAsked authorshipAsked sayAsked quoteAsked wordsAsked firstOrLast middleRanks rankedAs",
  ),
  ...listNames("rankVerbs newestOrOldest earliestRank rankWords intervalAsked auxiliaries placeBefore"),
  ...listNames(
    "anyPart connectives placeWords placeEnds seasons beforeMonth dateNouns datedBy signerFirst openFirst",
  ),
  ...listNames("passiveAuxiliaries madePronouns moneyWords bindingWords togetherWords atOnce agreedDate"),
  ...listNames(
    "soleAfter noAnswerOffered beforeAnswer forAThing weighing degreeAsked eachAsked onSignatureAsked presenceAsked likenessAsked",
  ),
  ...listNames("onSignature ratification wordingAsked wordingBefore listRequests counterparts lackAsked"),
  ...listNames("spanWords partAsked whoIsAsked headAsked agreementNouns sameSpan spans bothSides"),
  ...listNames(
    "byAgreement ordinals negatingPrefixes boundPrefixes mentionAsked everyDeal bodyWords notAbbreviations",
  ),
  ...listNames(
    "soleRestricting soleOfAllAfter madeBefore leadIns tagPronouns ending mostAsked fewestAsked successionAsked doneTogether sameAsked",
  ),
  ...listNames(
    "consecutiveAsked givingVerbs postNouns latestAsked inForceAsked sourceKindAsked verbatimAsked publicAsked areaNouns headingNouns disputeNouns reportNouns claimPrefaces askedWhether joinWords namingWords originWords timelineAsked bodiesListed usSide companyWords startVerbs versionAsked sideWords happenWords officialAsked ownTextAsked wholeTextAsked reliabilityAsked disputeAsked partiesAsked partyWords launchedThings launchNouns effectVerbs governmentNouns documentKinds timelineOrLimits",
  ),
  ...listNames(
    "otherDocuments creation existence happenedOpeners provisionWords restating expiryAsked lastingAsked eventVerbs selfAsked signerKinds anyAsked gainAsked personPronouns pointBack judgementWords opinionAsked nextDeal",
  ),
];

/** The word lists of `KnowledgeBase.valuesAsked`, each described where vocabulary.yaml holds it. */
export const VALUES_ASKED_LISTS = [
  ...listNames("money numbers timeUnits time roles people offices bodies bodyNames expansions clock"),
  ...listNames(
    "clockGiven frequency frequencyGiven places exact sums occasionsAsked limitAsked figuresAsked",
  ),
];

/** The word lists of `Phrasing`, each described where vocabulary.yaml holds it. */
export const PHRASING_LISTS = [...KNOWN_WORD_LISTS, ...NOT_KNOWN_AS_WORDS];
export type PhrasingList = (typeof PHRASING_LISTS)[number];

/** Wording of questions, as data: which-deal and yes/no wording, requests the bot does not serve, signing words … */
export type Phrasing = Record<PhrasingList | "propertyTopics", string[]>;

/** What tells a question asked in another language, and a yes/no one among them (see vocabulary.yaml). */
export type OtherLanguages = Record<"words" | "english" | "yesNo" | "open" | "cover", string[]>;

export type SearchHit = {
  passageId: string;
  score: number;
  /** How many of the query's distinct words (after processing) this passage matched. */
  termsMatched: number;
};

/** What a search matched: every score is measured against the best. */
export type SearchResults = {
  /** The highest score of any match; 0 when nothing matched. */
  best: number;
  /** The passages matched, in the order the search met them (not by score). */
  passageIds: readonly string[];
  /** One passage's score and words matched; undefined when it did not match. */
  hit(passageId: string): SearchHit | undefined;
  /** The passages matched as places in the index (see `PassageIndex.passageIds`), in the order met. */
  places: readonly number[];
  /** The score of the passage at a place in the index; 0 when it did not match. */
  scoreAt(place: number): number;
  /** How many of the query's distinct words the passage at a place in the index matched; 0 when none. */
  termsMatchedAt(place: number): number;
};

export type SearchOptions = { deals?: readonly DealId[]; asTyped?: ReadonlySet<string> };

/** Full-text search over passages, built by the knowledge loader and injected into the core. */
export type PassageIndex = {
  /**
   * Passages matching any of the words, scored; with `deals`, only passages of those deals. A word of `asTyped`
   * reaches no word one letter away ("competing" is not "computing").
   */
  search(text: string, options?: SearchOptions): SearchResults;
  /** The passages indexed, by id, in the index's order: each one's place in the index. */
  readonly passageIds: readonly string[];
  /** Each passage's place in the list the index was built from, by id. */
  readonly positions: ReadonlyMap<string, number>;
};
