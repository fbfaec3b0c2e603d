import type { Answer, AnswerOptions, Citation, Excerpt, IntentName, Suggestion } from "./answer.js";
import { passageCitation, sourceCitation } from "./citation.js";
import type { Deal, DealId, KnowledgeBase, Passage, PassageIndex, Section, Source, Topic } from "./model.js";
import type { ParsedQuery } from "./query.js";
import { tokenize } from "./text.js";

export { formatDate } from "./dates.js";

import type { Vocabulary } from "./vocabulary.js";

/** Excerpts per page: answers stay short, and say how to get the next ones. */
export const PAGE_SIZE = 3;

/** Read-only lookups over the knowledge that every intent shares. */
export class KnowledgeContext {
  private readonly dealsById: Map<DealId, Deal>;
  private readonly topicsById: Map<string, Topic>;
  private readonly passageTopics = new Map<string, Set<string>>();
  private readonly passagesById: Map<string, Passage>;
  private readonly passagesByTopic = new Map<string, Passage[]>();
  private readonly citations: Map<string, Citation>;
  private readonly sourcesById: Map<string, Source>;

  constructor(
    readonly knowledge: KnowledgeBase,
    readonly index: PassageIndex,
    vocabulary: Vocabulary,
  ) {
    this.dealsById = new Map(knowledge.deals.map((deal) => [deal.id, deal]));
    this.topicsById = new Map(knowledge.topics.map((topic) => [topic.id, topic]));
    this.passagesById = new Map(knowledge.passages.map((passage) => [passage.id, passage]));
    this.sourcesById = new Map(knowledge.sources.map((source) => [source.id, source]));
    this.citations = new Map(knowledge.sources.map((source) => [source.id, sourceCitation(source)]));
    // A passage is about the topics it is tagged with and those whose aliases it mentions.
    for (const passage of knowledge.passages) {
      const mentioned = vocabulary
        .match(tokenize(passage.text), passage.text)
        .readings.filter((reading) => reading.kind === "topic" && !reading.fuzzy)
        .map((reading) => reading.as);
      const topics = new Set([...passage.topics, ...mentioned]);
      this.passageTopics.set(passage.id, topics);
      for (const topic of topics) {
        const list = this.passagesByTopic.get(topic);
        if (list) list.push(passage);
        else this.passagesByTopic.set(topic, [passage]);
      }
    }
  }

  get dealIds(): DealId[] {
    return this.knowledge.deals.map((deal) => deal.id);
  }

  deal(id: DealId): Deal | undefined {
    return this.dealsById.get(id);
  }

  dealName(id: DealId): string {
    return this.dealsById.get(id)?.name ?? id;
  }

  topic(id: string): Topic | undefined {
    return this.topicsById.get(id);
  }

  topicLabel(id: string): string {
    return this.topicsById.get(id)?.label ?? id;
  }

  topicsOf(passage: Passage): Set<string> {
    return this.passageTopics.get(passage.id) ?? new Set();
  }

  citation(sourceId: string): Citation {
    const citation = this.citations.get(sourceId);
    if (!citation) throw new Error(`unknown source ${sourceId}`); // the loader rejects such knowledge
    return { ...citation };
  }

  /** A passage's citation: its source, section and weight, and a link to the words for a quote. */
  passageCitation(passage: Passage): Citation {
    const source = this.sourcesById.get(passage.sourceId);
    if (!source) throw new Error(`unknown source ${passage.sourceId}`); // the loader rejects such knowledge
    return passageCitation(source, passage);
  }

  source(id: string): Source | undefined {
    return this.sourcesById.get(id);
  }

  passage(id: string): Passage | undefined {
    return this.passagesById.get(id);
  }

  /** Passages about a topic (tagged with it or mentioning one of its aliases), in knowledge order. */
  passagesOn(topic: string): readonly Passage[] {
    return this.passagesByTopic.get(topic) ?? [];
  }

  excerpt(passage: Passage, deal?: DealId): Excerpt {
    return {
      passageId: passage.id,
      kind: passage.kind,
      text: passage.text,
      deal: deal ?? (passage.deals.length === 1 ? (passage.deals[0] ?? null) : null),
      source: this.passageCitation(passage),
    };
  }

  passages(filter: { deals?: readonly DealId[]; sections?: readonly Section[] }): Passage[] {
    return this.knowledge.passages.filter(
      (passage) =>
        (!filter.deals ||
          filter.deals.length === 0 ||
          passage.deals.some((deal) => filter.deals?.includes(deal))) &&
        (!filter.sections || filter.sections.includes(passage.section)),
    );
  }

  /** Deals named in the question, or the one a platform option picked, else none. */
  dealsAsked(query: ParsedQuery, options: AnswerOptions): DealId[] {
    if (options.deal && this.dealsById.has(options.deal)) return [options.deal];
    return query.deals;
  }

  /** Two or three questions this knowledge answers well, near what was asked. */
  suggestions(deals: readonly DealId[], exceptTopics: readonly string[] = []): Suggestion[] {
    const picks: Suggestion[] = [];
    for (const dealId of deals.length > 0 ? deals : []) {
      const deal = this.deal(dealId);
      for (const topicId of deal?.areas ?? []) {
        if (exceptTopics.includes(topicId) || picks.length >= 3) continue;
        picks.push({ label: `${deal?.partner}: ${this.topicLabel(topicId)}`, query: `${dealId} ${topicId}` });
      }
    }
    if (picks.length > 0) return picks;
    return [
      { label: "Korea and 6G", query: "korea 6g" },
      { label: "Compare quantum across deals", query: "compare quantum" },
      { label: "Who signed the Japan deal?", query: "who signed the japan deal" },
    ];
  }

  /** An Answer with every field set to "nothing yet", for an intent to fill in. */
  blank(query: ParsedQuery, intent: IntentName): Answer {
    return {
      query: query.text,
      intent,
      found: false,
      title: "",
      lead: "",
      excerpts: [],
      items: [],
      rows: [],
      notes: [],
      deals: [],
      topics: [],
      readings: query.readings,
      page: { offset: 0, shown: 0, total: 0, next: null },
      suggestions: [],
      shortened: query.shortened,
    };
  }

  /** Puts one page of ranked results into the answer, making excerpts of that page only. */
  paginate<T>(answer: Answer, ranked: readonly T[], toExcerpt: (item: T) => Excerpt, offset = 0): Answer {
    // An offset past the end (a stale "More results" button) shows the last page rather than nothing.
    const lastPage = Math.max(0, Math.ceil(ranked.length / PAGE_SIZE) - 1) * PAGE_SIZE;
    const start = Math.max(0, Math.min(Math.floor(Number.isFinite(offset) ? offset : 0), lastPage));
    const excerpts = ranked.slice(start, start + PAGE_SIZE).map(toExcerpt);
    const end = start + excerpts.length;
    return {
      ...answer,
      excerpts,
      page: {
        offset: start,
        shown: excerpts.length,
        total: ranked.length,
        next: end < ranked.length ? end : null,
      },
    };
  }

  /** Notes on disputed facts (such as a signatory sources disagree on) among the deals answered. */
  disputeNotes(deals: readonly DealId[]): string[] {
    return deals.flatMap((id) =>
      (this.deal(id)?.signatories ?? []).flatMap((signatory) =>
        signatory.disputed ? [signatory.disputed] : [],
      ),
    );
  }

  /** "the United Kingdom, Japan and the Republic of Korea", for use inside a sentence. */
  dealList(deals: readonly DealId[]): string {
    return this.joinNames(
      deals.map((id) => {
        const partner = this.deal(id)?.partner ?? id;
        return /^(United|Republic)\b/.test(partner) ? `the ${partner}` : partner;
      }),
    );
  }

  /** "United Kingdom, Japan and Republic of Korea", for titles. */
  partnerList(deals: readonly DealId[]): string {
    return this.joinNames(deals.map((id) => this.deal(id)?.partner ?? id));
  }

  /** "the U.S.–Japan Technology Prosperity Deal or the U.S.–Korea …", for "in the … text" phrases. */
  dealNames(deals: readonly DealId[]): string {
    return deals.map((id) => `the ${this.dealName(id)}`).join(" or ");
  }

  private joinNames(names: string[]): string {
    if (names.length <= 1) return names.join("");
    return `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
  }
}
