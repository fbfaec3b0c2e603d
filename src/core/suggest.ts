import type { Suggestion } from "./answer.js";
import type { IntentInfo } from "./bot.js";
import type { KnowledgeLookups } from "./lookups.js";
import { normalizeInput } from "./normalize.js";
import { editDistance, tokenize } from "./text.js";

/** Autocomplete: known good questions (intent examples, each deal's areas, topic examples) ranked for a prefix. */
export function createSuggester(ctx: KnowledgeLookups, intents: readonly IntentInfo[]) {
  const known = new Map<string, string>();
  const add = (query: string, label = query) => {
    if (!known.has(query)) known.set(query, label);
  };
  const offered = ctx.offered();
  for (const { query, label } of offered) add(query, label);
  for (const deal of ctx.knowledge.deals) {
    add(deal.id, deal.name);
    for (const topic of deal.areas) add(`${deal.id} ${topic}`, `${deal.partner}: ${ctx.topicLabel(topic)}`);
  }
  for (const topic of ctx.knowledge.topics) {
    add(topic.example);
    add(`compare ${topic.id}`, `Compare ${topic.label} across deals`);
  }
  for (const intent of intents) for (const example of intent.examples) add(example);
  const entries = [...known].map(([query, label]) => ({
    query,
    label,
    words: tokenize(`${query} ${label}`),
  }));

  return (prefix: string, limit = 10): Suggestion[] => {
    const typed = tokenize(normalizeInput(prefix).text);
    const max = Math.max(0, limit);
    if (typed.length === 0) return offered.slice(0, max).map((s) => ({ ...s }));
    const scored = entries
      .map((entry) => ({ entry, score: score(typed, entry.words) }))
      .filter(({ score: value }) => value > 0)
      .sort((a, b) => b.score - a.score || a.entry.query.length - b.entry.query.length);
    return scored.slice(0, max).map(({ entry }) => ({ query: entry.query, label: entry.label }));
  };
}

/** Every typed word must match a word of the entry (the last one as a prefix); typos cost points. */
function score(typed: readonly string[], words: readonly string[]): number {
  let total = 0;
  for (const [i, word] of typed.entries()) {
    const isLast = i === typed.length - 1;
    let best = 0;
    for (const candidate of words) {
      if (candidate === word) best = Math.max(best, 3);
      else if (isLast && candidate.startsWith(word)) best = Math.max(best, 2);
      else if (word.length >= 4 && editDistance(word, candidate.slice(0, word.length + 1), 1) <= 1)
        best = Math.max(best, 1);
    }
    if (best === 0) return 0;
    total += best;
  }
  return total;
}
