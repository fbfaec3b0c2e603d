import type { Answer, AnswerActions, AnswerBody, AnswerDraft, AnswerLabels } from "./answer.js";
import { phrasedLead } from "./answer-building.js";

/** How deal and topic ids read to people. */
export type Names = { deal(id: string): string; topic(id: string): string };

/** Turns what an intent found into the Answer every surface renders: one body, its labels, its follow-ups. */
export function present(draft: AnswerDraft, names: Names): Answer {
  const { excerpts, items, rows, suggestions, verdict, ...rest } = draft;
  const body: AnswerBody =
    rows.length > 0
      ? { kind: "comparison", rows }
      : items.length > 0
        ? { kind: "list", items }
        : { kind: "excerpts", excerpts };
  // `rest` is a copy already: the body, labels and actions join it rather than a second copy.
  const lead = phrasedLead(draft);
  return Object.assign(rest, { lead, body, labels: labelsOf(draft, names), actions: actionsOf(draft) });
}

function actionsOf(draft: AnswerDraft): AnswerActions {
  const { found, intent, page, topics } = draft;
  // Only a search about topics compares them: list answers (topics, sources…) carry topic ids too.
  const compared = intent === "ask" && found ? topics.slice(0, 3) : [];
  const asked = draft.query.toLowerCase();
  // The intent's own suggestions, else the list's items as questions; never the question just asked.
  const followUps =
    draft.suggestions.length > 0
      ? draft.suggestions
      : draft.items.flatMap((item) => (item.query ? [{ label: item.title, query: item.query }] : []));
  return {
    more: page.next !== null ? { offset: page.next } : null,
    compare: compared.length > 0 ? { topics: compared, query: `compare ${compared.join(" ")}` } : null,
    suggested: followUps.filter((s) => s.query.trim() !== "" && s.query.toLowerCase() !== asked),
    share: found && intent !== "help",
    feedback: found && intent !== "help",
  };
}

function labelsOf(draft: AnswerDraft, names: Names): AnswerLabels {
  const dealIds = new Set([
    ...draft.deals,
    ...draft.excerpts.flatMap((excerpt) => (excerpt.deal ? [excerpt.deal] : [])),
  ]);
  const topicIds = new Set(draft.topics);
  for (const reading of draft.readings) {
    if (reading.kind === "deal") dealIds.add(reading.as);
    if (reading.kind === "topic") topicIds.add(reading.as);
  }
  return {
    deals: Object.fromEntries([...dealIds].map((id) => [id, names.deal(id)])),
    topics: Object.fromEntries([...topicIds].map((id) => [id, names.topic(id)])),
  };
}
