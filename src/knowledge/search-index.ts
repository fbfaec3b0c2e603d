import MiniSearch, { type AsPlainObject, type Options } from "minisearch";
import type { DealId, KnowledgeBase, Passage, PassageIndex, SearchHit } from "../core/model.js";

type IndexedPassage = { id: string; text: string; context: string; deals: DealId[] };

/** Words that carry no meaning for retrieval; dropped at indexing and at query time alike. */
const STOP_WORDS = new Set(
  "a an and are as at be by for from has have in is it its of on or that the this to was were will with".split(
    " ",
  ),
);

/** A light stemmer, so "signing", "signed" and "signs" meet; short words are left alone. */
function stem(word: string): string {
  if (word.length <= 5) return word;
  if (word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  for (const suffix of ["ing", "ed", "es", "s"]) {
    if (word.endsWith(suffix) && !word.endsWith("ss") && word.length - suffix.length >= 4) {
      return word.slice(0, -suffix.length);
    }
  }
  return word;
}

const processTerm = (term: string): string | null => {
  const lower = term.toLowerCase();
  return STOP_WORDS.has(lower) ? null : stem(lower);
};

const INDEX_OPTIONS: Options<IndexedPassage> = {
  fields: ["text", "context"],
  storeFields: ["deals"],
  processTerm,
  searchOptions: {
    boost: { text: 2, context: 1 },
    fuzzy: (term) => (term.length >= 5 ? 1 : false),
    prefix: (term) => term.length >= 4,
    combineWith: "OR",
    processTerm,
  },
};

/** A built index as plain data, to hand from the thread that built it to the one that searches it. */
export type SerializedPassageIndex = AsPlainObject;

/**
 * Builds the full-text index over passages. `contextFor` adds words that belong to a passage without being
 * in its text (its deal's names, its topics' labels), so "japan space" finds a sub-bullet that says only "Space".
 */
export function buildPassageIndex(
  passages: readonly Passage[],
  contextFor: (passage: Passage) => string,
): PassageIndex {
  return searching(indexPassages(passages, contextFor));
}

/** Builds the index as `buildPassageIndex` does, as plain data for `loadPassageIndex`. */
export function serializePassageIndex(
  passages: readonly Passage[],
  contextFor: (passage: Passage) => string,
): SerializedPassageIndex {
  return indexPassages(passages, contextFor).toJSON();
}

/** The index `serializePassageIndex` built, loaded in batches that leave the event loop free between them. */
export async function loadPassageIndex(serialized: SerializedPassageIndex): Promise<PassageIndex> {
  return searching(await MiniSearch.loadJSAsync(serialized, INDEX_OPTIONS));
}

function indexPassages(
  passages: readonly Passage[],
  contextFor: (passage: Passage) => string,
): MiniSearch<IndexedPassage> {
  const miniSearch = new MiniSearch<IndexedPassage>(INDEX_OPTIONS);
  miniSearch.addAll(
    passages.map((passage) => ({
      id: passage.id,
      text: passage.text,
      context: contextFor(passage),
      deals: passage.deals,
    })),
  );
  return miniSearch;
}

function searching(miniSearch: MiniSearch<IndexedPassage>): PassageIndex {
  return {
    search(text, options = {}): SearchHit[] {
      const deals = options.deals;
      // A passage of another deal weighs nothing, so it is skipped as it is met, before any result is made
      // for it; the others score as they would without the deals.
      const results = miniSearch.search(text, {
        boostDocument:
          deals && deals.length > 0
            ? (_id, _term, stored) =>
                Number(((stored?.deals ?? []) as DealId[]).some((deal) => deals.includes(deal)))
            : undefined,
      });
      return results.map((result) => ({
        passageId: String(result.id),
        score: result.score,
        matchedTerms: result.queryTerms,
      }));
    },
  };
}

/**
 * Words a passage belongs to without containing them: its deals' partner names and its topics' labels.
 * Aliases stay out: the core reads them before searching, and a small index keeps fuzzy search fast.
 */
export function indexContext(knowledge: KnowledgeBase): (passage: Passage) => string {
  const dealWords = new Map(knowledge.deals.map((deal) => [deal.id, `${deal.id} ${deal.partner}`]));
  const topicWords = new Map(knowledge.topics.map((topic) => [topic.id, topic.label]));
  return (passage) =>
    [
      ...passage.deals.map((deal) => dealWords.get(deal)),
      ...passage.topics.map((topic) => topicWords.get(topic)),
    ]
      .filter(Boolean)
      .join(" ");
}
