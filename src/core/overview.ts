import type { Excerpt, Suggestion } from "./answer.js";
import { excerptOf } from "./answer-building.js";
import type { KnowledgeLookups } from "./lookups.js";
import type { Deal, Passage } from "./model.js";

/** One deal at a glance: when and where it was signed, and the latest development the knowledge records. */
export type DealOverview = {
  id: Deal["id"];
  name: string;
  document: string;
  signed: Deal["signed"];
  /** The newest development, cited; null when the knowledge records none since signing. */
  latest: (Excerpt & { date: string }) | null;
};

/** What a home page shows: every deal, the knowledge's date and questions to start with. */
export type Overview = {
  /** The knowledge's date: its newest source (ISO). */
  asOf: string;
  deals: DealOverview[];
  examples: Suggestion[];
};

const OVERVIEW_EXAMPLES = 6;

/** The overview; examples are the knowledge's own suggested questions, else the intents' examples. */
export function overviewOf(ctx: KnowledgeLookups, intentExamples: readonly string[]): Overview {
  const { knowledge } = ctx;
  const examples =
    knowledge.suggestions.length > 0
      ? knowledge.suggestions
      : [...new Set(intentExamples)].map((query) => ({ label: query, query }));
  return {
    asOf: knowledge.asOf,
    deals: knowledge.deals.map((deal) => {
      const latest = newestDevelopment(ctx.passages({ deals: [deal.id], sections: ["development"] }));
      return {
        id: deal.id,
        name: deal.name,
        document: `${deal.document.title} (${deal.document.abbreviation})`,
        signed: deal.signed,
        latest: latest?.date ? { ...excerptOf(ctx, latest, deal.id), date: latest.date } : null,
      };
    }),
    examples: examples.slice(0, OVERVIEW_EXAMPLES).map(({ label, query }) => ({ label, query })),
  };
}

/** The newest dated development; among those of one day, the first the knowledge lists. */
export function newestDevelopment(developments: readonly Passage[]): Passage | null {
  let newest: Passage | null = null;
  for (const passage of developments) {
    if (!passage.date) continue;
    if (!newest?.date || passage.date > newest.date) newest = passage;
  }
  return newest;
}
