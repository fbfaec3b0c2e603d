import { namesOf } from "../core/bodies.js";
import type { KnowledgeBase, Passage, Source, SourceWeight } from "../core/model.js";

/** Official means the governments' own texts and summaries; everything else is reporting. */
export function isOfficialWeight(weight: SourceWeight): boolean {
  return weight !== "news report";
}

/**
 * Checks that go beyond the schema: that each fact's source can say it, and that the list of sources is
 * tidy. Returns one line per problem, naming the fact or source; an empty list means the knowledge is clean.
 */
export function lintKnowledge(knowledge: KnowledgeBase): string[] {
  const sources = new Map(knowledge.sources.map((source) => [source.id, source]));
  return [
    ...knowledge.passages.flatMap((passage) => {
      const source = sources.get(passage.sourceId);
      if (!source) return [`${passage.id}: cites "${passage.sourceId}", which is not in sources.yaml`];
      const problems: string[] = [];
      if (passage.date && !source.published)
        problems.push(`${passage.id}: reports an event of ${passage.date} but "${source.id}" has no date`);
      else if (passage.date && source.published && source.published < passage.date)
        problems.push(
          `${passage.id}: reports an event of ${passage.date} from "${source.id}", published earlier (${source.published})`,
        );
      if (isBareLeadIn(passage))
        problems.push(
          `${passage.id}: quotes only a lead-in ("${passage.text}"), which says nothing on its own`,
        );
      if (passage.section === "development" && source.weight === "official text")
        problems.push(`${passage.id}: a development after signing cites the deal text "${source.id}"`);
      return problems;
    }),
    ...unnamedBodies(knowledge),
    ...unusedSources(knowledge),
    ...knowledge.sources.flatMap(sourceProblems),
    ...duplicateUrls(knowledge.sources),
  ];
}

/** A short verbatim line that only introduces what follows, e.g. "Have reached the following understandings:". */
const LEAD_IN_MAX_WORDS = 8;
function isBareLeadIn(passage: Passage): boolean {
  const text = passage.text.trim();
  return passage.kind === "quote" && text.endsWith(":") && text.split(/\s+/).length < LEAD_IN_MAX_WORDS;
}

/** A body a deal lists is named, word for word, by a passage of that deal: the answer listing it shows one. */
function unnamedBodies(knowledge: KnowledgeBase): string[] {
  return knowledge.deals.flatMap((deal) =>
    deal.bodies
      .filter(
        (body) =>
          !knowledge.passages.some(
            (passage) =>
              passage.deals.includes(deal.id) && namesOf(body).some((name) => passage.text.includes(name)),
          ),
      )
      .map((body) => `${deal.id}: lists the body "${body.name}", which no passage of the deal names`),
  );
}

function unusedSources(knowledge: KnowledgeBase): string[] {
  const used = new Set([
    ...knowledge.passages.map((passage) => passage.sourceId),
    ...knowledge.deals.flatMap((deal) => deal.signatories.flatMap((signatory) => signatory.sourceIds)),
  ]);
  return knowledge.sources
    .filter((source) => !used.has(source.id))
    .map((source) => `${source.id}: listed in sources.yaml but cited by nothing`);
}

function sourceProblems(source: Source): string[] {
  const problems: string[] = [];
  if (!source.url.startsWith("https://")) problems.push(`${source.id}: URL is not https`);
  if (source.official !== isOfficialWeight(source.weight))
    problems.push(
      `${source.id}: official is ${source.official} but its weight is "${source.weight}" (official means the governments' own texts and summaries)`,
    );
  return problems;
}

/** Two entries for one page would split its citations; the fragment part of a URL does not make a new page. */
function duplicateUrls(sources: readonly Source[]): string[] {
  const seen = new Map<string, string>();
  const problems: string[] = [];
  for (const source of sources) {
    const page = source.url.split("#")[0] ?? source.url;
    const first = seen.get(page);
    if (first) problems.push(`${source.id}: same URL as "${first}"`);
    else seen.set(page, source.id);
  }
  return problems;
}
