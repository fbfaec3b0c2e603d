import { createHash } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import { basename, join, relative } from "node:path";
import yaml from "js-yaml";
import type { z } from "zod";
import type { BotDeps } from "../core/bot.js";
import { BotError } from "../core/errors.js";
import type { Deal, KnowledgeBase, Passage, Source, Topic } from "../core/model.js";
import { readWords } from "../core/passage-tables.js";
import { byCodePoint, tokenize } from "../core/text.js";
import {
  type ArticleFile,
  articleFileSchema,
  type DealFile,
  dealFileSchema,
  sourcesFileSchema,
  vocabularyFileSchema,
} from "./schema.js";
import { buildPassageIndex, indexContext } from "./search-index.js";
import { readSnapshot, writeSnapshot } from "./snapshot.js";

/** A knowledge file is missing, unreadable or invalid; the message names the file and the field. */
export class KnowledgeError extends BotError {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super("KNOWLEDGE_INVALID", `${file}: ${problems.join("; ")}`);
  }
}

/** The knowledge folder holds more YAML than the configured cap (KNOWLEDGE_MAX_BYTES). */
export class KnowledgeTooLarge extends KnowledgeError {
  constructor(
    dir: string,
    readonly bytes: number,
    readonly maxBytes: number,
  ) {
    super(dir, [`holds ${sizeOf(bytes)} of YAML, over the ${sizeOf(maxBytes)} cap (KNOWLEDGE_MAX_BYTES)`]);
  }
}

/** "20.0 MB", or "200 KB" under a megabyte. */
export const sizeOf = (bytes: number) =>
  bytes >= 1_048_576 ? `${(bytes / 1_048_576).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;

/** What a bot is built from (with the passages' words read, so building it reads no text), and how long it took. */
export type LoadedKnowledge = BotDeps & { loadMs: number };

export type LoadOptions = {
  /** Refuse a folder whose YAML files add up to more than this (KnowledgeTooLarge), before parsing any. */
  maxBytes?: number;
};

type RawFile = { path: string; text: string };

/** Paths inside the working directory are shown relative to it, others in full. */
function displayPath(path: string): string {
  const shown = relative(process.cwd(), path);
  return shown === "" || shown.startsWith("..") ? path : shown;
}

/** Reads, validates and indexes everything under `dir`: sources.yaml, vocabulary.yaml, deals/, articles/. */
export async function loadKnowledge(dir: string, options: LoadOptions = {}): Promise<LoadedKnowledge> {
  const started = performance.now();
  const knowledge = await readKnowledge(dir, options);
  const index = buildPassageIndex(knowledge.passages, indexContext(knowledge));
  return { knowledge, index, words: readWords(knowledge), loadMs: performance.now() - started };
}

/** Reads and validates everything under `dir`, without indexing it. */
export async function readKnowledge(dir: string, options: LoadOptions = {}): Promise<KnowledgeBase> {
  const unreadable = (path: string) => (error: NodeJS.ErrnoException) => {
    throw new KnowledgeError(path, [`cannot be read (${error.code ?? "error"})`]);
  };
  const read = (path: string): Promise<RawFile> =>
    readFile(path, "utf8").then((text) => ({ path: displayPath(path), text }), unreadable(path));
  const size = (path: string) => stat(path).then((info) => info.size, unreadable(path));
  const yamlPaths = async (sub: string): Promise<string[]> => {
    const folder = join(dir, sub);
    const names = await readdir(folder).catch(() => {
      throw new KnowledgeError(folder, ["folder is missing"]);
    });
    return names
      .filter((name) => /\.ya?ml$/.test(name))
      .sort()
      .map((name) => join(folder, name));
  };

  const singles = [join(dir, "sources.yaml"), join(dir, "vocabulary.yaml")];
  let bytes = 0;
  for (const path of singles) bytes += await size(path); // in order, so a missing folder names sources.yaml
  const [dealPaths, articlePaths] = await Promise.all([yamlPaths("deals"), yamlPaths("articles")]);
  if (options.maxBytes !== undefined) {
    const sizes = await Promise.all([...dealPaths, ...articlePaths].map(size));
    bytes = sizes.reduce((sum, one) => sum + one, bytes);
    if (bytes > options.maxBytes) throw new KnowledgeTooLarge(displayPath(dir), bytes, options.maxBytes);
  }
  const [sourcesFile, vocabularyFile, dealFiles, articleFiles] = await Promise.all([
    read(singles[0] as string),
    read(singles[1] as string),
    Promise.all(dealPaths.map(read)),
    Promise.all(articlePaths.map(read)),
  ]);
  const files = { sourcesFile, vocabularyFile, dealFiles, articleFiles };
  const version = createHash("sha256")
    .update(
      [sourcesFile, vocabularyFile, ...dealFiles, ...articleFiles]
        .map((file) => `${file.path}\n${file.text}`)
        .join("\n"),
    )
    .digest("hex")
    .slice(0, 16);
  const snapshot = readSnapshot(version);
  if (snapshot) return snapshot;
  const knowledge = buildKnowledge(files, version);
  writeSnapshot(version, knowledge);
  return knowledge;
}

function buildKnowledge(
  files: { sourcesFile: RawFile; vocabularyFile: RawFile; dealFiles: RawFile[]; articleFiles: RawFile[] },
  version: string,
): KnowledgeBase {
  const sources: Source[] = validate(files.sourcesFile, sourcesFileSchema).sources.map(
    ({ short, ...source }) => ({ ...source, short: short ?? source.publisher }),
  );
  const vocabulary = validate(files.vocabularyFile, vocabularyFileSchema);
  const topics: Topic[] = vocabulary.topics;
  const dealsRead = files.dealFiles.map((file) => ({ file, data: validate(file, dealFileSchema) }));
  const articlesRead = files.articleFiles.map((file) => ({ file, data: validate(file, articleFileSchema) }));

  const check = new ReferenceChecker(sources, topics);
  check.unique(files.sourcesFile.path, "sources", sources);
  check.unique(files.vocabularyFile.path, "topics", topics);

  const passages: Passage[] = [];
  const deals: Deal[] = [];
  for (const { file, data } of dealsRead) {
    const expectedId = basename(file.path).replace(/\.ya?ml$/, "");
    if (data.id !== expectedId) check.fail(file.path, `id: "${data.id}" does not match the file name`);
    deals.push(dealFrom(file.path, data, check));
    passages.push(...factPassages(file.path, data, check));
  }
  check.knowDeals(deals.map((deal) => deal.id));
  for (const { file, data } of articlesRead) passages.push(...articlePassages(file.path, data, check));

  check.unique("knowledge", "passage ids", passages);
  check.unique("knowledge/deals", "deal ids", deals);
  check.throwIfAny();

  deals.sort((a, b) => byCodePoint(a.signed.date, b.signed.date)); // the order the deals were signed in
  return {
    version,
    asOf: newestPublication(sources),
    sources,
    deals,
    topics,
    passages,
    otherCountries: vocabulary.otherCountries,
    ambiguousAliases: vocabulary.ambiguous,
    sectionAliases: vocabulary.sections,
    notSections: vocabulary.notSections,
    phrasing: vocabulary.phrasing,
    intentCues: vocabulary.intents,
    otherLanguages: vocabulary.otherLanguages,
    valuesAsked: vocabulary.valuesAsked,
    publishers: vocabulary.publishers,
    suggestions: vocabulary.suggestions,
  };
}

/** The knowledge's date: its newest source. */
function newestPublication(sources: readonly Source[]): string {
  return (
    sources
      .flatMap((source) => source.published ?? [])
      .sort()
      .at(-1) ?? ""
  );
}

function validate<T extends z.ZodType>(file: RawFile, schema: T): z.infer<T> {
  let data: unknown;
  try {
    data = yaml.load(file.text, { filename: file.path });
  } catch (error) {
    const reason = error instanceof yaml.YAMLException ? error.reason : String(error);
    const line = error instanceof yaml.YAMLException ? ` (line ${error.mark.line + 1})` : "";
    throw new KnowledgeError(file.path, [`is not valid YAML: ${reason}${line}`]);
  }
  // Without Zod's compiled fast path: each file is parsed once, and compiling it cost more than it saved.
  const result = schema.safeParse(data, { jitless: true });
  if (!result.success) {
    throw new KnowledgeError(
      file.path,
      result.error.issues.map((issue) => `${issue.path.join(".") || "(file)"}: ${issue.message}`),
    );
  }
  return result.data;
}

/** Collects cross-file problems (unknown source or topic ids, duplicates) so one run reports them all. */
class ReferenceChecker {
  private readonly problems = new Map<string, string[]>();
  private readonly sources: Map<string, Source>;
  private readonly topicIds: Set<string>;
  private dealIds = new Set<string>();

  constructor(sources: Source[], topics: Topic[]) {
    this.sources = new Map(sources.map((source) => [source.id, source]));
    this.topicIds = new Set(topics.map((topic) => topic.id));
  }

  fail(file: string, problem: string): void {
    this.problems.set(file, [...(this.problems.get(file) ?? []), problem]);
  }

  source(file: string, field: string, sourceId: string): void {
    if (!this.sources.has(sourceId))
      this.fail(file, `${field}: unknown source "${sourceId}" (see sources.yaml)`);
  }

  /** A ref must name a declared section of its source, when the source declares sections. */
  ref(file: string, field: string, sourceId: string, ref: string | undefined): void {
    const sections = this.sources.get(sourceId)?.sections ?? [];
    if (ref === undefined || sections.length === 0) return;
    if (!sections.some((section) => section.id === ref))
      this.fail(file, `${field}: "${ref}" is not a section of source "${sourceId}" (see sources.yaml)`);
  }

  knowDeals(ids: string[]): void {
    this.dealIds = new Set(ids);
  }

  /** Each id of a list must be declared: `areas.2: unknown topic "x" (see vocabulary.yaml)`. */
  known(kind: "source" | "topic" | "deal", file: string, field: string, ids: readonly string[]): void {
    const [known, see] =
      kind === "source"
        ? [this.sources, "sources.yaml"]
        : kind === "topic"
          ? [this.topicIds, "vocabulary.yaml"]
          : [this.dealIds, "deals/"];
    ids.forEach((id, i) => {
      if (!known.has(id)) this.fail(file, `${field}.${i}: unknown ${kind} "${id}" (see ${see})`);
    });
  }

  unique(file: string, what: string, items: readonly { id: string }[]): void {
    const seen = new Set<string>();
    for (const { id } of items) {
      if (seen.has(id)) this.fail(file, `${what}: "${id}" is used more than once`);
      seen.add(id);
    }
  }

  throwIfAny(): void {
    const [first] = this.problems;
    if (!first) return;
    const all = [...this.problems].flatMap(([file, problems]) =>
      problems.map((problem) => `${file}: ${problem}`),
    );
    throw new KnowledgeError(
      first[0],
      all.length > 1 ? [...first[1], `(and in all: ${all.join("; ")})`] : first[1],
    );
  }
}

function dealFrom(file: string, data: DealFile, check: ReferenceChecker): Deal {
  check.known("source", file, "sources", data.sources);
  for (const [i, signatory] of data.signatories.entries())
    check.known("source", file, `signatories.${i}.sources`, signatory.sources);
  check.source(file, "signed.source", data.signed.source);
  check.known("topic", file, "areas", data.areas);
  if (data.outline && !data.facts.some((fact) => fact.id === data.outline))
    check.fail(file, `outline: "${data.outline}" is not one of the deal's facts`);
  return {
    id: data.id,
    name: data.name,
    label: data.label ?? data.name,
    partner: data.partner,
    aliases: data.aliases,
    document: data.document,
    signed: (({ source, ...signed }) => ({
      ...signed,
      place: [signed.venue, signed.city, signed.country].filter(Boolean).join(", "),
      // As a question's words read them: "asia-pacific" is "asia pacific".
      regions: signed.regions.map((region) => tokenize(region).join(" ")),
      sourceId: source,
    }))(data.signed),
    signatories: data.signatories.map(({ sources, ...signatory }) => ({ ...signatory, sourceIds: sources })),
    bodies: data.bodies,
    scope: data.scope,
    areas: data.areas,
    ...(data.outline ? { outline: data.outline } : {}),
    sourceIds: data.sources,
  };
}

function factPassages(file: string, data: DealFile, check: ReferenceChecker): Passage[] {
  return data.facts.map((fact, order) => {
    check.source(file, `facts.${order}.source`, fact.source);
    check.ref(file, `facts.${order}.ref`, fact.source, fact.ref);
    check.known("topic", file, `facts.${order}.topics`, fact.topics);
    if (fact.section === "development" && !fact.date)
      check.fail(file, `facts.${order}.date: a development needs a date`);
    return {
      id: fact.id,
      sourceId: fact.source,
      kind: "summary",
      section: fact.section,
      text: fact.text,
      deals: [data.id],
      topics: fact.topics,
      ...(fact.date ? { date: fact.date } : {}),
      ...(fact.ref ? { ref: fact.ref } : {}),
      order,
    };
  });
}

function articlePassages(file: string, data: ArticleFile, check: ReferenceChecker): Passage[] {
  check.source(file, "source", data.source);
  return data.passages.map((passage, order) => {
    check.known("topic", file, `passages.${order}.topics`, passage.topics);
    check.known("deal", file, `passages.${order}.deals`, passage.deals);
    check.ref(file, `passages.${order}.ref`, data.source, passage.ref);
    return {
      id: passage.id,
      sourceId: data.source,
      kind: "quote",
      section: passage.section,
      text: passage.text,
      deals: passage.deals,
      topics: passage.topics,
      ...(passage.ref ? { ref: passage.ref } : {}),
      order,
    };
  });
}
