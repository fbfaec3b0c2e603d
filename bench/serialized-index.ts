import MiniSearch, { type Options } from "minisearch";
import type { Passage, PassageIndex, SearchHit } from "../src/core/model.js";
import { buildPassageIndex } from "../src/knowledge/search-index.js";

// biome-ignore lint/suspicious/noExplicitAny: the index's document type is private to search-index.ts
type AnyMiniSearch = MiniSearch<any>;

/**
 * search-index.ts keeps its MiniSearch private (and its options change as search is tuned), so rather
 * than copy them, this runs the real `buildPassageIndex` and catches the instance it fills. With
 * `replaceWith`, that instance takes over the state of an index loaded from JSON instead of indexing,
 * which yields the real PassageIndex over a deserialized index.
 */
function capture(
  build: () => PassageIndex,
  replaceWith?: AnyMiniSearch,
): { index: PassageIndex; miniSearch: AnyMiniSearch } {
  const addAll = MiniSearch.prototype.addAll;
  let caught: AnyMiniSearch | null = null;
  MiniSearch.prototype.addAll = function (this: AnyMiniSearch, documents) {
    caught = this;
    if (replaceWith) Object.assign(this, replaceWith);
    else addAll.call(this, documents);
  };
  try {
    const index = build();
    if (!caught) throw new Error("buildPassageIndex no longer calls MiniSearch.addAll");
    return { index, miniSearch: caught };
  } finally {
    MiniSearch.prototype.addAll = addAll;
  }
}

/** Builds the index as the loader does, keeping hold of its MiniSearch to serialize it. */
export function buildCaptured(
  passages: readonly Passage[],
  contextFor: (passage: Passage) => string,
): { index: PassageIndex; miniSearch: AnyMiniSearch } {
  return capture(() => buildPassageIndex(passages, contextFor));
}

export function serialize(miniSearch: AnyMiniSearch): string {
  return JSON.stringify(miniSearch);
}

/** The real PassageIndex over an index loaded from `json` (built with the options the loader uses today). */
export function loadSerialized(json: string, contextFor: (passage: Passage) => string): PassageIndex {
  const { miniSearch: empty } = capture(() => buildPassageIndex([], contextFor));
  const options = (empty as unknown as { _options: Options })._options;
  const loaded = MiniSearch.loadJSON(json, options);
  return capture(() => buildPassageIndex([], contextFor), loaded).index;
}

/** How many of the queries get the same hits, in the same order with the same scores, from both indexes. */
export function sameResults(a: PassageIndex, b: PassageIndex, queries: readonly string[]): number {
  const key = (hits: SearchHit[]) => JSON.stringify(hits.map((hit) => [hit.passageId, hit.score.toFixed(9)]));
  return queries.filter((query) => key(a.search(query)) === key(b.search(query))).length;
}
