import { cp, mkdtemp, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import { parseArgs } from "node:util";
import yaml from "js-yaml";
import { BotError } from "../../core/errors.js";
import type { KnowledgeBase } from "../../core/model.js";
import { lintKnowledge } from "../lint.js";
import { KnowledgeError, loadKnowledge } from "../load.js";
import { type ArticleFile, articleFileSchema } from "../schema.js";
import {
  firstDifference,
  type ImportedPassage,
  importedPassages,
  renderArticleFile,
} from "./article-file.js";
import { readHtml } from "./html.js";
import { readMarkdown } from "./markdown.js";
import { type ImportMeta, importMeta } from "./metadata.js";
import { type PageDocument, PageError, type PageMeta } from "./page.js";
import { matchOrAddSource } from "./sources-file.js";

export const USAGE = `usage: npm run knowledge:add -- [flags] FILE …
  Imports web pages saved as Markdown (.md) or HTML (.html) into knowledge/articles/ as verbatim passages,
  one per paragraph or bullet, each under its heading (ref), and adds or matches the page in sources.yaml.
  Each value comes from a flag, else from the file (Markdown front matter; HTML meta tags):
  --id ID            source id, kebab-case; also the article file's name        (front matter: id)
  --title TEXT       the page's title                                           (title)
  --url URL          the page's https address                                   (url, source_url)
  --publisher TEXT   who published it                                           (publisher)
  --date YYYY-MM-DD  publication date; leave out when the page shows none       (date, published)
  --weight WEIGHT    "official text", "official summary" or "news report"; needed for a new source (weight)
  --type TEXT        e.g. "news report", "legal alert" (default "article")      (type)
  --short TEXT       the name citations use (default the publisher)             (short)
  --deals a,b        deals every passage is tagged with (refine by hand)        (deals)
  --knowledge DIR    the knowledge folder (default knowledge)
  --id, --title and --url name one page, so they take a single FILE.`;

type Output = { out: (text: string) => void; err: (text: string) => void };

/** One file's import: its page, its passages, and what it changes. */
type Plan = {
  file: string;
  meta: ImportMeta;
  passages: ImportedPassage[];
  /** The article file it writes, relative to the knowledge folder; absent when one already quotes the page. */
  articlePath?: string;
  sourceAdded: boolean;
};

/** Nothing can be written; one line per problem, each naming its file. */
class ImportFailure extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join("\n"));
  }
}

const READERS: Record<string, (text: string) => PageDocument> = {
  ".md": readMarkdown,
  ".markdown": readMarkdown,
  ".html": readHtml,
  ".htm": readHtml,
};

/** `npm run knowledge:add`: the exit code is 0 when done or nothing was to do, 1 when nothing could be written, 2 for bad usage. */
export async function knowledgeAdd(argv: readonly string[], output: Output): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (error) {
    output.err(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (args.help) {
    output.out(`${USAGE}\n`);
    return 0;
  }
  try {
    const plans = await importFiles(args.files, args.flags, args.dir);
    for (const plan of plans) output.out(report(plan, args.dir));
    return 0;
  } catch (error) {
    if (!(error instanceof ImportFailure)) throw error;
    output.err(`knowledge:add: nothing written.\n${error.message}\n`);
    return 1;
  }
}

function parse(argv: readonly string[]) {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      id: { type: "string" },
      title: { type: "string" },
      url: { type: "string" },
      publisher: { type: "string" },
      date: { type: "string" },
      weight: { type: "string" },
      type: { type: "string" },
      short: { type: "string" },
      deals: { type: "string" },
      knowledge: { type: "string", default: "knowledge" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (!values.help && positionals.length === 0) throw new BotError("USAGE", "give at least one FILE");
  if (positionals.length > 1 && (values.id || values.title || values.url))
    throw new BotError(
      "USAGE",
      "--id, --title and --url name one page: give each file's in its front matter",
    );
  const { knowledge, help, deals, ...rest } = values;
  const dealList = deals?.split(",").flatMap((deal) => deal.trim() || []);
  const flags: PageMeta = dealList ? { ...rest, deals: dealList } : rest;
  return { files: positionals, flags, dir: knowledge, help };
}

/** What planning a file needs to know: the knowledge as it is, and the other files' plans so far. */
type Context = {
  dir: string;
  knowledge: KnowledgeBase;
  articles: { path: string; data: ArticleFile }[];
  sourcesText: string;
  plans: Plan[];
};

/** Plans every file, checks the whole result with the loader and the lint, then writes it; or writes nothing. */
async function importFiles(files: string[], flags: PageMeta, dir: string): Promise<Plan[]> {
  const before = await loadKnowledge(dir).catch((error: unknown) => {
    if (!(error instanceof KnowledgeError)) throw error;
    throw new ImportFailure([`${error.message} (the knowledge must load before anything is added)`]);
  });
  const context: Context = {
    dir,
    knowledge: before.knowledge,
    articles: await articleFiles(dir),
    sourcesText: await readFile(join(dir, "sources.yaml"), "utf8"),
    plans: [],
  };
  const problems: string[] = [];
  for (const file of files) {
    try {
      context.plans.push(await planFile(file, flags, context));
    } catch (error) {
      if (!(error instanceof PageError)) throw error;
      problems.push(`${file}: ${error.message}`);
    }
  }
  if (problems.length > 0) throw new ImportFailure(problems);

  const { plans } = context;
  // sources.yaml first, so a running bot that reloads between the two writes never sees a passage without its source.
  const changes = new Map<string, string>();
  if (plans.some((plan) => plan.sourceAdded)) changes.set("sources.yaml", context.sourcesText);
  for (const plan of plans)
    if (plan.articlePath) changes.set(plan.articlePath, renderArticleFile(plan.meta, plan.passages));
  if (changes.size === 0) return plans;
  await checkResult(dir, changes, plans, before.knowledge);
  for (const [path, text] of changes) await writeAtomically(join(dir, path), text);
  return plans;
}

/** One file: its page and passages, whether an article file already quotes it, and its source matched or added. */
async function planFile(file: string, flags: PageMeta, context: Context): Promise<Plan> {
  const document = await readPage(file);
  const meta = importMeta(document.meta, flags);
  const dealIds = context.knowledge.deals.map((deal) => deal.id);
  const unknownDeal = meta.deals.find((deal) => !dealIds.includes(deal));
  if (unknownDeal) throw new PageError(`deals: unknown deal "${unknownDeal}" (known: ${dealIds.join(", ")})`);
  if (context.plans.some((plan) => plan.meta.id === meta.id))
    throw new PageError(`"${meta.id}" is imported twice`);
  const passages = importedPassages(meta, document.blocks);
  if (passages.length === 0) throw new PageError("has no paragraphs or bullets to import");

  const plan: Plan = { file, meta, passages, sourceAdded: false };
  const quoting = context.articles.find((article) => article.data.source === meta.id);
  const target = `articles/${meta.id}.yaml`;
  if (quoting) {
    const difference = firstDifference(quoting.data, passages);
    if (difference)
      throw new PageError(
        `${join(context.dir, quoting.path)} already quotes "${meta.id}" but differs: ${difference}. Delete it to import the page again`,
      );
  } else if (context.articles.some((article) => article.path === target)) {
    throw new PageError(`${join(context.dir, target)} exists and quotes another source`);
  } else plan.articlePath = target;

  const source = matchOrAddSource(context.sourcesText, meta);
  plan.sourceAdded = source.added !== undefined;
  context.sourcesText = source.text;
  return plan;
}

async function readPage(file: string): Promise<PageDocument> {
  const read = READERS[extname(file).toLowerCase()];
  if (!read) throw new PageError("is neither Markdown (.md, .markdown) nor HTML (.html, .htm)");
  const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
    throw new PageError(`cannot be read (${error.code ?? "error"})`);
  });
  if (bytes.includes(0)) throw new PageError("is binary, not a text file");
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new PageError("is not UTF-8 text");
  }
  if (text.trim() === "") throw new PageError("is empty");
  return read(text);
}

async function articleFiles(dir: string): Promise<{ path: string; data: ArticleFile }[]> {
  const names = (await readdir(join(dir, "articles"))).filter((name) => /\.ya?ml$/.test(name)).sort();
  return Promise.all(
    names.map(async (name) => {
      const path = `articles/${name}`;
      return { path, data: articleFileSchema.parse(yaml.load(await readFile(join(dir, path), "utf8"))) };
    }),
  );
}

/**
 * Loads the knowledge as it would be, in a copy of the folder, with the real loader; then checks that the lint
 * finds nothing new and that every imported passage reads back word for word.
 */
async function checkResult(
  dir: string,
  changes: Map<string, string>,
  plans: Plan[],
  before: KnowledgeBase,
): Promise<void> {
  const stage = await mkdtemp(join(tmpdir(), "knowledge-add-"));
  try {
    await cp(dir, stage, { recursive: true });
    for (const [path, text] of changes) await writeFile(join(stage, path), text);
    const after = await loadKnowledge(stage).then(
      (loaded) => loaded.knowledge,
      (error: unknown) => {
        if (!(error instanceof KnowledgeError)) throw error;
        throw new ImportFailure([`the result would not load: ${error.message.replaceAll(stage, dir)}`]);
      },
    );
    const known = new Set(lintKnowledge(before));
    const fresh = lintKnowledge(after).filter((problem) => !known.has(problem));
    if (fresh.length > 0)
      throw new ImportFailure(fresh.map((problem) => `the result fails the lint: ${problem}`));
    for (const plan of plans.filter((p) => p.articlePath)) {
      const read = after.passages.filter(
        (passage) => passage.sourceId === plan.meta.id && passage.kind === "quote",
      );
      const same =
        read.length === plan.passages.length &&
        read.every(
          (passage, i) => passage.text === plan.passages[i]?.text && passage.ref === plan.passages[i]?.ref,
        );
      if (!same) throw new ImportFailure([`${plan.file}: its passages do not read back word for word`]);
    }
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
}

/** Written beside the file and renamed over it, so a reader never sees half a file. */
async function writeAtomically(path: string, text: string): Promise<void> {
  const partial = `${path}.${process.pid}.partial`;
  await writeFile(partial, text);
  await rename(partial, path);
}

function report(plan: Plan, dir: string): string {
  const { meta, passages } = plan;
  if (!plan.articlePath)
    return `${plan.file}: nothing to add: "${meta.id}" is in ${join(dir, "sources.yaml")} and its ${passages.length} passages are already quoted\n`;
  const source = plan.sourceAdded
    ? `added source "${meta.id}" to ${join(dir, "sources.yaml")} (${meta.weight}, ${meta.publisher}${meta.date ? `, ${meta.date}` : ", no date"})`
    : `source "${meta.id}" is already in ${join(dir, "sources.yaml")}`;
  const width = Math.max(...passages.map((passage) => passage.id.length));
  const lines = passages.map((passage) => {
    const words = `${passage.ref ? `[${passage.ref}] ` : ""}${passage.text}`;
    return `    ${passage.id.padEnd(width)}  ${words.length > 80 ? `${words.slice(0, 79)}…` : words}`;
  });
  return [
    `${plan.file} → ${meta.id}`,
    `  ${source}`,
    `  added ${passages.length} passages to ${join(dir, plan.articlePath)}:`,
    ...lines,
    "",
  ].join("\n");
}
