import type { AnswerDraft, Item } from "../answer.js";
import { blankAnswer } from "../answer-building.js";
import type { KnowledgeLookups } from "../lookups.js";
import type { DealId } from "../model.js";
import { dealList, dealNames } from "../phrasing.js";
import type { ParsedQuery } from "../query.js";
import { hasAnyOf } from "../text.js";
import type { Intent } from "./intent.js";

export const topics: Intent = {
  name: "topics",
  description: "What a deal covers (or every topic, with the deals that cover it)",
  examples: ["topics {deal}", "what does the {deal} deal cover?"],
  commands: ["topics", "areas", "scope", "covers"],
  run({ query, options, ctx }): AnswerDraft {
    const named = ctx.dealsAsked(query, options);
    // "How many areas does each deal have?": what each document lists, deal by deal, as when they are named.
    const counted = areaCountAsked(query, ctx);
    const asked = named.length === 0 && counted ? ctx.dealIds : named;
    const answer = blankAnswer(query, "topics");
    // "Which deal has the most areas?": each document groups its areas its own way (headings, points), so none is
    // said to have the most; what each lists is said, deal by deal.
    const mostAsked = hasAnyOf(query.tokens, ctx.vocabulary.phrasing.mostAsked);
    const noneBroadest =
      "The deals group their areas each in their own way, so the texts make none broader or narrower than another:";
    if (asked.length > 0) {
      const items: Item[] = asked.flatMap((id) => {
        const deal = ctx.deal(id);
        const areas = ctx.passages({ deals: [id], sections: ["area"] });
        return (deal?.areas ?? []).map((topic) => {
          // A passage chiefly on the topic (tagged with it first) stands for it before one that also touches it.
          const fact =
            areas.find((p) => p.topics[0] === topic) ?? areas.find((p) => p.topics.includes(topic));
          return {
            title: `${asked.length > 1 ? `${deal?.partner}: ` : ""}${ctx.topicLabel(topic)}`,
            text: fact?.text ?? deal?.scope ?? "",
            source: ctx.citation(fact?.sourceId ?? (deal?.sourceIds[0] as string)),
            query: `${id} ${topic}`,
          };
        });
      });
      return {
        ...answer,
        found: items.length > 0,
        title: `What ${dealNames(ctx, asked, "and")} cover${asked.length > 1 ? "" : "s"}`,
        lead: [
          ...(mostAsked && asked.length > 1 ? [noneBroadest] : []),
          ...(counted && !mostAsked && asked.length > 1 ? [EACH_OWN_WAY] : []),
          ...asked.map((id) => outlineOf(ctx, id)),
        ].join(" "),
        items,
        deals: asked,
        topics: [...new Set(asked.flatMap((id) => ctx.deal(id)?.areas ?? []))],
      };
    }
    const items: Item[] = ctx.knowledge.topics.map((topic) => {
      const having = ctx.dealIds.filter((id) => ctx.deal(id)?.areas.includes(topic.id));
      return {
        title: topic.label,
        text: having.length > 0 ? `Listed by: ${dealList(ctx, having)}` : "Mentioned in the texts",
        query: topic.example,
      };
    });
    return {
      ...answer,
      found: true,
      title: "Topics",
      lead: mostAsked
        ? `${noneBroadest} ${ctx.dealIds.map((id) => outlineOf(ctx, id)).join(" ")} Topics the deals cover:`
        : "Topics the deals cover; ask about any of them, or name a deal.",
      items,
      deals: ctx.dealIds,
      topics: ctx.knowledge.topics.map((topic) => topic.id),
    };
  },
};

const EACH_OWN_WAY = "Each document groups its areas its own way:";

/** "How many areas does the UK deal have?", "how many headings do the deals have?": a count of a deal's areas. */
export const areaCountAsked = (query: ParsedQuery, ctx: KnowledgeLookups) =>
  query.tokens.includes("many") &&
  hasAnyOf(query.tokens, [...ctx.vocabulary.phrasing.areaNouns, ...ctx.vocabulary.phrasing.headingNouns]);

/**
 * What the document itself lists (its headings, "four headings: …"), which says what a count counts; the topics
 * are the knowledge's, not the document's number of anything. The scope follows when it adds areas.
 */
function outlineOf(ctx: KnowledgeLookups, id: DealId): string {
  const deal = ctx.deal(id);
  const outline = deal?.outline ? ctx.passage(deal.outline) : undefined;
  const all = deal?.areas.every((area) => outline?.topics.includes(area));
  return outline ? `${outline.text}${all ? "" : ` ${deal?.scope}`}` : `${deal?.name}: ${deal?.scope}`;
}
