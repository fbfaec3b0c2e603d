import type { AnswerDraft, IntentName } from "./answer.js";
import { PAGE_SIZE } from "./answer-building.js";
import type { ParsedQuery } from "./query.js";

/**
 * The parts of a question that asks several things ("who signed the korea deal and when?", "japan fusion and
 * space"): clauses split at "and" (never inside a vocabulary phrase) of which at least two ask something of
 * their own — an intent word, a topic, a section or a named thing. Null for a one-part question.
 */
export function splitParts(
  query: ParsedQuery,
  parse: (text: string) => ParsedQuery,
  route: (part: ParsedQuery) => IntentName,
): ParsedQuery[] | null {
  const clauses: string[][] = [[]];
  query.tokens.forEach((token, i) => {
    if ((token === "and" || token === "also") && !query.inPhrases.has(i)) clauses.push([]);
    else clauses.at(-1)?.push(token);
  });
  const parsed = clauses.filter((words) => words.length > 0).map((words) => parse(words.join(" ")));
  const asking = parsed.filter(
    (part) =>
      part.intentBy !== "default" ||
      part.topics.length > 0 ||
      part.sections.length > 0 ||
      part.names.length > 0,
  );
  const [first] = parsed;
  if (!first || asking.length < 2 || asking.length !== parsed.length) return null;
  // A part that names no deal is about the deals of the question; one with no intent of its own takes the first's.
  const firstIntent = route({ ...first, deals: first.deals.length > 0 ? first.deals : query.deals });
  const parts = parsed.map((part) => ({
    ...part,
    deals: part.deals.length > 0 ? part.deals : query.deals,
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
  }));
  // Parts that all go to one intent with no section of their own ("japan fusion and space") are one question.
  const intents = new Set(parts.map(route));
  if (intents.size === 1 && parts.every((part) => part.sections.length === 0)) return null;
  return parts;
}

/** One answer made of the answers to each part: every lead, each part's best excerpts in turn. */
export function mergeAnswers(answers: readonly AnswerDraft[], query: ParsedQuery): AnswerDraft {
  const [first] = answers;
  if (!first) throw new Error("no answers to merge");
  const excerpts: AnswerDraft["excerpts"] = [];
  for (
    let round = 0;
    excerpts.length < PAGE_SIZE && answers.some((a) => a.excerpts.length > round);
    round++
  ) {
    for (const answer of answers) {
      const next = answer.excerpts[round];
      if (next && excerpts.length < PAGE_SIZE && !excerpts.some((e) => e.passageId === next.passageId))
        excerpts.push(next);
    }
  }
  const answered = answers.filter((answer) => answer.found);
  const unique = <T>(values: T[]) => [...new Set(values)];
  return {
    ...first,
    query: query.text,
    readings: query.readings,
    shortened: query.shortened,
    found: answered.length > 0,
    title: unique(answers.map((answer) => answer.title)).join(" · "),
    lead: unique(answers.map((answer) => answer.lead).filter(Boolean)).join(" "),
    excerpts,
    items: answers.flatMap((answer) => answer.items),
    rows: answers.flatMap((answer) => answer.rows),
    notes: unique(answers.flatMap((answer) => answer.notes)),
    deals: unique((answered.length > 0 ? answered : answers).flatMap((answer) => answer.deals)),
    topics: unique(answers.flatMap((answer) => answer.topics)),
    page: { offset: 0, shown: excerpts.length, total: excerpts.length, next: null },
    suggestions: first.suggestions,
  };
}
