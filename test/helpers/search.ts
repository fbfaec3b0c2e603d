import type { SearchHit, SearchResults } from "../../src/core/model.js";

/** Every hit of a search, best first, ties in the order met: the list MiniSearch's `search` returns. */
export function allHits(results: SearchResults): SearchHit[] {
  return results.passageIds.flatMap((id) => results.hit(id) ?? []).sort((a, b) => b.score - a.score);
}
