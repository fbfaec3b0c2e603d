import type { Answer, Excerpt, Item, Reading, Suggestion } from "../../core/answer.js";
import { oneLine, sanitize } from "./safe-text.js";

/**
 * What every chat surface decides alike when it shows an Answer: which parts, in what order, with what words,
 * within what budgets, and which buttons. Each renderer keeps only its markup and its platform's limits.
 */

/** Each budget of one rendering (characters, or how many), at full size and the least it shrinks to. */
const BUDGETS = {
  lead: [1500, 100],
  excerpt: [1500, 100],
  item: [500, 40],
  note: [600, 40],
  title: [200, 40],
  words: [60, 12],
  /** Characters of a question carried in a button. */
  query: [500, 40],
  excerpts: [8, 3],
  items: [20, 3],
  suggestions: [5, 2],
  readings: [8, 3],
} as const;
export type Caps = Record<keyof typeof BUDGETS, number>;

/** Every deal of a comparison and every note is shown, however small the budgets. */
const MAX_ROWS = 8;
const MAX_NOTES = 5;

/** Renders with the full budgets, halving them all until the platform takes the result; else a minimal one. */
export function fitted<T>(
  render: (caps: Caps) => T,
  fits: (shown: T) => boolean,
  minimal: (caps: Caps) => T,
): T {
  for (const caps of HALVED_CAPS) {
    const rendered = render(caps);
    if (fits(rendered)) return rendered;
  }
  return minimal(LEAST_CAPS);
}

const scaled = (scale: number): Readonly<Caps> =>
  Object.freeze(
    Object.fromEntries(
      Object.entries(BUDGETS).map(([key, [full, floor]]) => [key, Math.max(floor, Math.floor(full * scale))]),
    ) as Caps,
  );
/** The budgets at full size, then halved five times; made once, not on every rendering. */
const HALVED_CAPS = [1, 1 / 2, 1 / 4, 1 / 8, 1 / 16, 1 / 32].map(scaled);
const LEAST_CAPS = scaled(0);

export const WORDING = {
  shortened: "Your question was long, so only its first part was read.",
  noRowExcerpt: "Nothing on this topic in this deal's text.",
  tooLong: "This answer is too long to show here; try a narrower question.",
  more: "More results",
  compare: "Compare across deals",
  /** The Slack message shortcut and the Discord message command: the selected message's text is the question. */
  askAboutMessage: "Ask TPD about this",
  moreItems: (count: number) => `…and ${count} more.`,
} as const;

/** An id's label, or the id itself where the answer carries none. */
const labelOf = (labels: Record<string, string>, id: string) =>
  (Object.hasOwn(labels, id) ? labels[id] : id) ?? id;

/** The parts of an answer's body, in the order every surface shows them. */
export type BodyPart =
  /** `deal` is named when the excerpts speak to more than one. */
  | { kind: "excerpt"; excerpt: Excerpt; deal: string | null }
  | { kind: "row"; deal: string; excerpt: Excerpt | null; note: string }
  | { kind: "item"; item: Item; index: number }
  | { kind: "more-items"; text: string };

export function bodyParts({ body, labels }: Answer, caps: Caps): BodyPart[] {
  if (body.kind === "comparison") {
    return body.rows.slice(0, MAX_ROWS).map((row) => ({
      kind: "row",
      deal: row.dealName,
      excerpt: row.excerpt,
      note: row.note ?? WORDING.noRowExcerpt,
    }));
  }
  if (body.kind === "list") {
    const readable = body.items.filter((item) => item.title.trim() !== "" || item.text.trim() !== "");
    const parts: BodyPart[] = readable
      .slice(0, caps.items)
      .map((item, index) => ({ kind: "item", item, index }));
    const rest = readable.length - parts.length;
    return rest > 0 ? [...parts, { kind: "more-items", text: WORDING.moreItems(rest) }] : parts;
  }
  const manyDeals = new Set(body.excerpts.map((excerpt) => excerpt.deal)).size > 1;
  return body.excerpts.slice(0, caps.excerpts).map((excerpt) => ({
    kind: "excerpt",
    excerpt,
    deal: manyDeals && excerpt.deal ? labelOf(labels.deals, excerpt.deal) : null,
  }));
}

export const notesOf = (answer: Answer) =>
  answer.notes.filter((note) => note.trim() !== "").slice(0, MAX_NOTES);

/** How the question was read, with deal and topic ids as their labels; `marks` says guessed or carried over. */
export function readingsOf({ readings, labels }: Answer, caps: Caps) {
  const worded = readings.filter((reading) => reading.words.trim() !== "");
  return worded.slice(0, caps.readings).map((reading: Reading) => {
    const names = reading.kind === "deal" ? labels.deals : reading.kind === "topic" ? labels.topics : {};
    const guessed = reading.fuzzy ? " (spelling guessed)" : "";
    const carried = reading.carried ? " (from earlier in the conversation)" : "";
    return {
      words: reading.words,
      kind: reading.kind,
      as: labelOf(names, reading.as),
      marks: guessed + carried,
    };
  });
}

/** "4–6 of 12" when the excerpts shown are one page of several, else null. */
export function pageRange({ page: { offset, shown, total } }: Answer): string | null {
  return shown === 0 || total <= shown ? null : `${offset + 1}–${offset + shown} of ${total}`;
}

/** The words before a source's link: summaries (the knowledge's own words) say so, so none reads as a quote. */
export const sourceHead = (kind: Excerpt["kind"] | "document") =>
  kind === "summary" ? "— summary of " : "— ";

/** Suggestions with their question on one line, without blanks or repeats (nor any of `skip`), each labelled. */
export function distinctQuestions(
  suggestions: readonly Suggestion[],
  skip: Iterable<string> = [],
): Suggestion[] {
  const seen = new Set(skip);
  return suggestions.flatMap((suggestion) => {
    const query = oneLine(sanitize(suggestion.query));
    if (query === "" || seen.has(query)) return [];
    seen.add(query);
    return [{ label: suggestion.label || query, query }];
  });
}

/** Follow-up questions offered as buttons; a surface that puts a list item's question on the item leaves those out. */
export function followUps(answer: Answer, caps: Caps, withoutItems = false): Suggestion[] {
  const items = answer.body.kind === "list" && withoutItems ? answer.body.items : [];
  const onItems = items.map((item) => oneLine(sanitize(item.query ?? "")));
  return distinctQuestions(answer.actions.suggested, onItems).slice(0, caps.suggestions);
}
