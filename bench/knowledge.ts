import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import yaml from "js-yaml";
import { loadGolden } from "../scripts/golden.js";
import { REPO } from "./processes.js";

export const KNOWLEDGE_DIR = join(REPO, "knowledge");

/** The golden table's questions: varied phrasing, typos, other scripts, declines, every deal and topic. */
export function goldenQuestions(): string[] {
  return loadGolden().map((row) => row.q);
}

type Item = Record<string, unknown> & { id: string; text: string };
type DealFile = Record<string, unknown> & { sources: string[]; facts: (Item & { source: string })[] };
type ArticleFile = Record<string, unknown> & { source: string; passages: Item[] };
type SourcesFile = Record<string, unknown> & { sources: (Record<string, unknown> & { id: string })[] };

/**
 * Writes knowledge/ at `factor` times the documents into `dir`, as YAML the loader reads. Copy 0 is the real
 * knowledge (so golden questions keep their answers); copies 1…factor-1 repeat every source, fact and
 * article passage under new ids with 30 % of the words swapped for words drawn, by frequency, from the real
 * texts, so vocabulary, lengths, deals, topics and sections keep the real distribution. Returns the bytes.
 */
export async function writeSyntheticKnowledge(factor: number, dir: string, seed = 20251029): Promise<number> {
  const read = async <T>(path: string) => yaml.load(await readFile(join(KNOWLEDGE_DIR, path), "utf8")) as T;
  const names = async (sub: string) =>
    (await readdir(join(KNOWLEDGE_DIR, sub))).filter((n) => n.endsWith(".yaml"));
  const sources = await read<SourcesFile>("sources.yaml");
  const deals = await Promise.all(
    (await names("deals")).map(async (n) => [n, await read<DealFile>(`deals/${n}`)] as const),
  );
  const articles = await Promise.all(
    (await names("articles")).map(async (n) => [n, await read<ArticleFile>(`articles/${n}`)] as const),
  );
  const texts = [...deals.flatMap(([, d]) => d.facts), ...articles.flatMap(([, a]) => a.passages)];
  const words = texts.flatMap((item) => item.text.split(/\s+/).filter(Boolean));
  const random = seededRandom(seed);
  const mutate = (text: string) =>
    text
      .split(/\s+/)
      .map((word) => (random() < 0.3 ? words[Math.floor(random() * words.length)] : word))
      .join(" ");
  const copies = Array.from({ length: factor }, (_, copy) => copy);
  const id = (value: string, copy: number) => (copy === 0 ? value : `${value}-c${copy}`);
  const item = <T extends Item>(value: T, copy: number): T =>
    copy === 0 ? value : { ...value, id: id(value.id, copy), text: mutate(value.text) };

  const files: [string, unknown][] = [];
  files.push([
    "sources.yaml",
    {
      ...sources,
      sources: copies.flatMap((copy) =>
        sources.sources.map((source) =>
          copy === 0
            ? source
            : {
                ...source,
                id: id(source.id, copy),
                title: `${source.title} (part ${copy + 1})`,
                url: `${source.url}#part-${copy + 1}`,
              },
        ),
      ),
    },
  ]);
  for (const [name, deal] of deals) {
    files.push([
      `deals/${name}`,
      {
        ...deal,
        sources: copies.flatMap((copy) => deal.sources.map((source) => id(source, copy))),
        facts: copies.flatMap((copy) =>
          deal.facts.map((fact) => ({ ...item(fact, copy), source: id(fact.source, copy) })),
        ),
      },
    ]);
  }
  for (const [name, article] of articles) {
    for (const copy of copies) {
      const file = copy === 0 ? name : name.replace(/\.yaml$/, `-c${copy}.yaml`);
      const passages = article.passages.map((passage) => item(passage, copy));
      files.push([`articles/${file}`, { ...article, source: id(article.source, copy), passages }]);
    }
  }
  await rm(dir, { recursive: true, force: true });
  await mkdir(join(dir, "deals"), { recursive: true });
  await mkdir(join(dir, "articles"), { recursive: true });
  let bytes = 0;
  const vocabulary = await readFile(join(KNOWLEDGE_DIR, "vocabulary.yaml"), "utf8");
  for (const [path, text] of [
    ...files.map(([p, d]) => [p, yaml.dump(d, { lineWidth: -1 })]),
    ["vocabulary.yaml", vocabulary],
  ]) {
    await writeFile(join(dir, path as string), text as string);
    bytes += Buffer.byteLength(text as string);
  }
  return bytes;
}

/** mulberry32: a tiny seeded PRNG, so every run generates the same synthetic knowledge. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
