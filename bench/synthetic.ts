import type { KnowledgeBase, Passage, Source } from "../src/core/model.js";
import { tokenize } from "../src/core/text.js";

/** mulberry32: a tiny seeded PRNG, so every run generates the same synthetic knowledge. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export type SyntheticOptions = {
  /** Copies of every source and its passages; 1 is the real knowledge unchanged. */
  factor: number;
  seed: number;
  /** Share of words replaced in each copied passage. */
  mutation?: number;
};

/**
 * Knowledge shaped like the real one at `factor` times the documents: copy 0 of every source and passage
 * is the original (so golden questions keep their answers), and copies 1..factor-1 repeat each source and
 * passage with a share of their words swapped for words drawn, by frequency, from the real passages, so
 * the vocabulary, text lengths, deals, topics and sections keep the real distribution.
 */
export function syntheticKnowledge(real: KnowledgeBase, options: SyntheticOptions): KnowledgeBase {
  const { factor, seed } = options;
  const mutation = options.mutation ?? 0.3;
  const random = seededRandom(seed);
  const words = real.passages.flatMap((passage) => passage.text.split(/\s+/).filter(Boolean));
  const pick = () => words[Math.floor(random() * words.length)] as string;
  const copyId = (id: string, copy: number) => (copy === 0 ? id : `${id}-c${copy}`);

  const sources: Source[] = [];
  const passages: Passage[] = [];
  for (let copy = 0; copy < factor; copy++) {
    for (const source of real.sources) {
      sources.push(
        copy === 0
          ? source
          : {
              ...source,
              id: copyId(source.id, copy),
              title: `${source.title} (part ${copy + 1})`,
              url: `${source.url}#part-${copy + 1}`,
            },
      );
    }
    for (const passage of real.passages) {
      if (copy === 0) {
        passages.push(passage);
        continue;
      }
      const text = passage.text
        .split(/\s+/)
        .map((word) => (random() < mutation ? pick() : word))
        .join(" ");
      passages.push({
        ...passage,
        id: copyId(passage.id, copy),
        sourceId: copyId(passage.sourceId, copy),
        text,
      });
    }
  }
  const deals = real.deals.map((deal) => ({
    ...deal,
    sourceIds: Array.from({ length: factor }, (_, copy) =>
      deal.sourceIds.map((id) => copyId(id, copy)),
    ).flat(),
  }));
  return { ...real, version: `synthetic-x${factor}-seed${seed}`, sources, deals, passages };
}

/** Distinct words in the passages; synthetic copies must not add any (else "typo" handling would shift). */
export function vocabularySize(knowledge: KnowledgeBase): number {
  return new Set(knowledge.passages.flatMap((passage) => tokenize(passage.text))).size;
}
