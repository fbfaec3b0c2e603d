import type { AnswerOptions, Citation, Suggestion } from "./answer.js";
import { passageCitation, sourceCitation } from "./citation.js";
import type { Deal, DealId, KnowledgeBase, Passage, PassageIndex, Section, Source, Topic } from "./model.js";
import type { ParsedQuery } from "./query.js";
import { editDistance, holdsPhrase, stem, tokenize, typoAllowance } from "./text.js";
import type { Vocabulary } from "./vocabulary.js";

/** Read-only lookups over the knowledge that every intent shares: deals, topics, passages, sources. */
export class KnowledgeLookups {
  private readonly dealsById: Map<DealId, Deal>;
  private readonly topicsById: Map<string, Topic>;
  private readonly passageTopics = new Map<string, Set<string>>();
  private readonly passagesById: Map<string, Passage>;
  private readonly passagesByTopic = new Map<string, Passage[]>();
  private readonly citations: Map<string, Citation>;
  private readonly sourcesById: Map<string, Source>;
  /** Each passage's words, stemmed, in order: to find names and words as the text has them. */
  private readonly passageWords = new Map<string, string[]>();
  private readonly passageWordSets = new Map<string, Set<string>>();
  private readonly coverage = new Map<string, boolean>();
  /** Every word the knowledge uses (stemmed): a word outside it names something the texts do not. */
  private readonly knownWords = new Set<string>();

  constructor(
    readonly knowledge: KnowledgeBase,
    readonly index: PassageIndex,
    readonly vocabulary: Vocabulary,
  ) {
    this.dealsById = new Map(knowledge.deals.map((deal) => [deal.id, deal]));
    this.topicsById = new Map(knowledge.topics.map((topic) => [topic.id, topic]));
    this.passagesById = new Map(knowledge.passages.map((passage) => [passage.id, passage]));
    this.sourcesById = new Map(knowledge.sources.map((source) => [source.id, source]));
    this.citations = new Map(knowledge.sources.map((source) => [source.id, sourceCitation(source)]));
    const ambiguous = new Set(knowledge.ambiguousAliases.map((alias) => tokenize(alias).join(" ")));
    // A passage is about the topics it is tagged with and those whose unambiguous aliases it mentions.
    for (const passage of knowledge.passages) {
      const mentioned = vocabulary
        .match(tokenize(passage.text), passage.text)
        .readings.filter((r) => r.kind === "topic" && !r.fuzzy && !ambiguous.has(r.words))
        .map((reading) => reading.as);
      const topics = new Set([...passage.topics, ...mentioned]);
      this.passageTopics.set(passage.id, topics);
      for (const topic of topics) {
        const list = this.passagesByTopic.get(topic);
        if (list) list.push(passage);
        else this.passagesByTopic.set(topic, [passage]);
      }
      const words = tokenize(passage.text).map(stem);
      this.passageWords.set(passage.id, words);
      this.passageWordSets.set(passage.id, new Set(words));
      for (const word of words) this.knownWords.add(word);
    }
    const described = [
      ...knowledge.sources.flatMap((source) => [source.title, source.publisher]),
      ...knowledge.deals.flatMap((deal) => [
        deal.name,
        deal.partner,
        deal.document.title,
        deal.signed.place,
        ...deal.aliases,
        ...deal.signatories.flatMap((signatory) => [signatory.name, signatory.office]),
      ]),
      ...knowledge.topics.flatMap((topic) => [topic.label, ...topic.aliases, ...topic.names]),
    ];
    for (const text of described) for (const word of tokenize(text)) this.knownWords.add(stem(word));
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

  /** Passages about a topic (tagged with it or mentioning one of its unambiguous aliases), in knowledge order. */
  passagesOn(topic: string): readonly Passage[] {
    return this.passagesByTopic.get(topic) ?? [];
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

  /**
   * Whether a deal covers a topic: it lists the topic among its areas, or one of its own passages is tagged
   * with it. An alias a passage merely mentions never makes the deal cover a topic.
   */
  covers(deal: DealId, topic: string): boolean {
    const key = `${deal} ${topic}`;
    let covered = this.coverage.get(key);
    if (covered === undefined) {
      covered =
        this.deal(deal)?.areas.includes(topic) === true ||
        this.passages({ deals: [deal] }).some((passage) => passage.topics.includes(topic));
      this.coverage.set(key, covered);
    }
    return covered;
  }

  /** Whether the passage has the phrase word for word (stemmed, any punctuation between its words). */
  says(passage: Passage, phrase: readonly string[]): boolean {
    return holdsPhrase(this.passageWords.get(passage.id) ?? [], phrase);
  }

  /** Whether the passage has every one of the words, anywhere (stemmed). */
  hasWords(passage: Passage, words: readonly string[]): boolean {
    const own = this.passageWordSets.get(passage.id);
    return own !== undefined && words.every((word) => own.has(stem(word)));
  }

  /** Whether the knowledge uses this word anywhere: in a text, a deal's details, a title or the vocabulary. */
  knows(word: string): boolean {
    return this.knownWords.has(stem(word));
  }

  /** Whether the word is a typo of a word the knowledge uses (one or two letters off, by length). */
  nearlyKnows(word: string): boolean {
    const allowance = typoAllowance(word.length);
    if (allowance === 0) return false;
    const stemmed = stem(word);
    for (const known of this.knownWords) {
      if (known[0] === stemmed[0] && editDistance(stemmed, known, allowance) <= allowance) return true;
    }
    return false;
  }

  /** Deals named in the question, or the one a platform option picked, else none. */
  dealsAsked(query: ParsedQuery, options: AnswerOptions): DealId[] {
    if (options.deal && this.dealsById.has(options.deal)) return [options.deal];
    return query.deals;
  }

  /** The knowledge's own suggested questions, else each topic's example question. */
  offered(): Suggestion[] {
    const { suggestions, topics } = this.knowledge;
    return suggestions.length > 0
      ? suggestions.map((s) => ({ ...s }))
      : topics.map((topic) => ({ label: topic.example, query: topic.example }));
  }

  /** Topics by how many deals list them, most first: the ones worth naming in hints and examples. */
  commonTopics(): Topic[] {
    const listedBy = (id: string) => this.knowledge.deals.filter((deal) => deal.areas.includes(id)).length;
    return [...this.knowledge.topics].sort((a, b) => listedBy(b.id) - listedBy(a.id));
  }
}
