import type { AnswerDraft, Item } from "../answer.js";
import { blankAnswer } from "../answer-building.js";
import { sourceCitation } from "../citation.js";
import type { KnowledgeLookups } from "../lookups.js";
import type { DealId, Source } from "../model.js";
import { formatDate, partnerList } from "../phrasing.js";
import { byCodePoint, keptPer, once } from "../text.js";
import type { Intent } from "./intent.js";

export const sources: Intent = {
  name: "sources",
  description: "The documents behind the answers, with links",
  examples: ["sources", "sources {deal}", "where can I read the {deal} text?"],
  commands: ["sources", "source", "links", "documents", "docs"],
  run({ query, options, ctx }): AnswerDraft {
    const deals = ctx.dealsAsked(query, options);
    const { items, lead } = listOf(ctx, deals);
    return {
      ...blankAnswer(query, "sources"),
      found: items.length > 0,
      title: deals.length > 0 ? `Sources: ${partnerList(ctx, deals)}` : "Sources",
      lead,
      items: [...items],
      deals,
    };
  },
};

/** The list for the deals asked, and its lead: the same for every question, made on the first that asks. */
const keptLists = keptPer<KnowledgeLookups, string, { items: Item[]; lead: string }>();
const listOf = (ctx: KnowledgeLookups, deals: readonly DealId[]) =>
  keptLists(ctx, deals.join(" "), () => {
    // A deal's own list orders its sources; without a deal, official texts come first, oldest first.
    const wanted =
      deals.length > 0 ? [...new Set(deals.flatMap((id) => ctx.deal(id)?.sourceIds ?? []))] : null;
    const listed = wanted ? wanted.flatMap((id) => ctx.source(id) ?? []) : allInOrder(ctx.knowledge.sources);
    const count = `${listed.length} document${listed.length === 1 ? "" : "s"}`;
    const lead = `${count}, the newest dated ${formatDate(newest(listed))}; official texts first.`;
    return { items: listed.map(itemOf), lead };
  });

/** The date of the newest of the sources: how far the knowledge reaches. */
const newest = (listed: readonly Source[]) =>
  listed.map((source) => source.published ?? "").reduce((a, b) => (byCodePoint(a, b) < 0 ? b : a), "");

/** A source as a line of the list, made once per source. */
const itemOf = once(
  (source: Source): Item => ({
    title: source.title,
    text: `${source.publisher}, ${source.type}, ${formatDate(source.published)} · ${source.weight}`,
    source: sourceCitation(source),
  }),
);

/** Every source, official texts first, oldest first: sorted once per knowledge, not for each question. */
const allInOrder = once((sources: readonly Source[]): Source[] =>
  [...sources].sort(
    (a, b) => Number(b.official) - Number(a.official) || byCodePoint(a.published ?? "", b.published ?? ""),
  ),
);
