import type { TurnContext } from "./follow-up.js";
import type { DealId, SourceWeight } from "./model.js";
import { listNames } from "./text.js";

export const INTENT_NAMES = listNames("ask help deals topics compare who-signed when status sources");
export type IntentName = (typeof INTENT_NAMES)[number];

export type Citation = {
  title: string;
  /** For a verbatim quote, a link that scrolls to the quoted words (a text fragment); else the page. */
  url: string;
  /** ISO date the source was published, when the source shows one. */
  published?: string;
  publisher: string;
  weight: SourceWeight;
  /** Where the excerpt sits in its document, e.g. "II · Unleashing Civil Nuclear Energy". */
  section?: string;
  /** The citation as renderers print it, e.g. "UK MOU §II, civil nuclear · official text". */
  label: string;
};

export type Excerpt = {
  passageId: string;
  /** quote: verbatim from the source; summary: a knowledge entry in the project's words. */
  kind: "quote" | "summary";
  text: string;
  /** The deal the excerpt speaks to, or null for text about the deals in general. */
  deal: DealId | null;
  source: Citation;
};

/** One line of a list-style answer (help, deals, topics, sources). */
export type Item = {
  title: string;
  text: string;
  source?: Citation;
  /** A question that digs into this item, for buttons and follow-ups. */
  query?: string;
};

/** One deal's row in a `compare` answer; `excerpt` null means the deal's text has nothing on the topic. */
export type CompareRow = {
  deal: DealId;
  /** The deal's full name: the row's heading on every surface. */
  dealName: string;
  excerpt: Excerpt | null;
  /** Said when there is no excerpt, e.g. "No commitment on quantum found in the U.S.–UK deal text." */
  note: string | null;
};

/** How one word or phrase of the question was read: the "why this answer" shown by adapters. */
export type Reading = {
  /** The words as the user typed them (normalised). */
  words: string;
  kind: "deal" | "topic" | "intent" | "country";
  /** What they were read as: a deal id, topic id, intent name or country. */
  as: string;
  /** True when the words matched only by spelling tolerance (a typo). */
  fuzzy: boolean;
  /**
   * A misspelt topic word's alias, as the knowledge writes it ("bindng" read as "binding"), or the English alias
   * a topic asked in another language stands for ("拘束力" read as "binding").
   */
  alias?: string;
  /** True when the words came from the previous question of a conversation, not from this one. */
  carried?: boolean;
};

export type Suggestion = { label: string; query: string };

/** What an answer shows: excerpts (cited, paged), a list (help, deals, topics, sources) or a comparison. */
export type AnswerBody =
  | { kind: "excerpts"; excerpts: Excerpt[] }
  | { kind: "list"; items: Item[] }
  | { kind: "comparison"; rows: CompareRow[] };

/** The follow-ups an answer offers, decided once here so every surface offers the same. */
export type AnswerActions = {
  /** "More results": the offset of the next page, or null. */
  more: { offset: number } | null;
  /** "Compare across deals": the topic ids to compare and the question that compares them. */
  compare: { topics: string[]; query: string } | null;
  /** Follow-up questions, as buttons or a "Try:" line. */
  suggested: Suggestion[];
  /** Whether the answer is worth posting for others (a surface with private answers offers "Share"). */
  share: boolean;
  /** Whether to ask the reader if the answer helped. */
  feedback: boolean;
};

/** Readable names for every deal and topic id the answer mentions, so no surface looks anything up. */
export type AnswerLabels = { deals: Record<DealId, string>; topics: Record<string, string> };

export type Answer = {
  /** The question as read, after normalisation. */
  query: string;
  intent: IntentName;
  found: boolean;
  /** A short headline, e.g. "U.S.–Korea TPD · 6G". */
  title: string;
  /** One sentence framing the answer, made from knowledge (never free text about the deals). */
  lead: string;
  body: AnswerBody;
  /** Caveats, such as sources that disagree. */
  notes: string[];
  /** The deals this answer is about. */
  deals: DealId[];
  /** The topic ids this answer is about. */
  topics: string[];
  readings: Reading[];
  labels: AnswerLabels;
  /** Where the excerpts sit among all matches; `next` is the offset of the next page, or null. */
  page: { offset: number; shown: number; total: number; next: number | null };
  actions: AnswerActions;
  /** True when the question was longer than the cap and was shortened before reading. */
  shortened: boolean;
};

/** What an intent fills in; the bot turns it into an Answer (body, labels, actions). */
export type AnswerDraft = Omit<Answer, "body" | "labels" | "actions"> & {
  /** The answer to a yes/no question, which opens the lead as the Answer has it ("Yes — " and `lead`). */
  verdict?: Verdict;
  excerpts: Excerpt[];
  items: Item[];
  rows: CompareRow[];
  suggestions: Suggestion[];
};

/** Yes, No, or instead of them the side of a choice the question offers ("Binding", "After"). */
export type Verdict = "yes" | "no" | { choice: string };

export type AnswerOptions = {
  /** Skip this many excerpts (for "More results"). */
  offset?: number;
  /** How many excerpts the page holds (`PAGE_SIZE` when not given or under 1): every later page read at once. */
  pageSize?: number;
  /** Restrict the answer to one deal, as a platform option might. */
  deal?: DealId;
  /** The previous turn of a conversation: a follow-up ("and japan?", "more") is read against it. */
  context?: TurnContext;
};

/** Every excerpt an answer cites: its page of excerpts, or the rows of a comparison that have one. */
export function excerptsOf(answer: Pick<Answer, "body">): Excerpt[] {
  if (answer.body.kind === "excerpts") return answer.body.excerpts;
  if (answer.body.kind === "comparison") return answer.body.rows.flatMap((row) => row.excerpt ?? []);
  return [];
}
