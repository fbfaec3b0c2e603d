import { cp, mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import yaml from "js-yaml";
import { REPO } from "./harness.js";

export const KNOWLEDGE_DIR = join(REPO, "knowledge");

/** The YAML files under `dir`, as paths relative to it, in order. */
async function yamlFiles(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).filter((path) => path.endsWith(".yaml")).sort();
}

/** The bytes of YAML under `dir`. */
export async function yamlBytes(dir: string): Promise<number> {
  const sizes = await Promise.all((await yamlFiles(dir)).map((path) => stat(join(dir, path))));
  return sizes.reduce((sum, info) => sum + info.size, 0);
}

type Item = Record<string, unknown> & { id: string; text: string };
type Deal = { sources: string[]; facts: (Item & { source: string })[] };
type Article = { source: string; passages: Item[] };

/** Writes ×`factor` knowledge into `dir` as docs/benchmarks.md describes (copy 0 is the real one). */
export async function writeSyntheticKnowledge(factor: number, dir: string): Promise<void> {
  const read = async <T>(path: string) => yaml.load(await readFile(join(KNOWLEDGE_DIR, path), "utf8")) as T;
  const folder = async <T>(sub: string) => {
    const inside = (await yamlFiles(KNOWLEDGE_DIR)).filter((path) => path.startsWith(`${sub}/`));
    return Promise.all(inside.map(async (path) => [path, await read<T>(path)] as const));
  };
  const { sources, ...sourcesFile } = await read<{ sources: Item[] }>("sources.yaml");
  const deals = await folder<Deal>("deals");
  const articles = await folder<Article>("articles");
  const texts = [...deals.flatMap(([, deal]) => deal.facts), ...articles.flatMap(([, a]) => a.passages)];
  const words = texts.flatMap((item) => item.text.split(/\s+/));
  const random = seededRandom(20251029);
  const mutate = (text: string) =>
    text.replace(/\S+/g, (word) =>
      random() < 0.3 ? (words[Math.floor(random() * words.length)] ?? word) : word,
    );
  const copies = Array.from({ length: factor }, (_, copy) => copy);
  const id = (value: string, copy: number) => (copy === 0 ? value : `${value}-c${copy}`);
  const copyOf = <T extends Item>(item: T, copy: number): T =>
    copy === 0 ? item : { ...item, id: id(item.id, copy), text: mutate(item.text) };

  await rm(dir, { recursive: true, force: true });
  for (const sub of ["deals", "articles"]) await mkdir(join(dir, sub), { recursive: true });
  const write = (path: string, data: unknown) =>
    writeFile(join(dir, path), yaml.dump(data, { lineWidth: -1 }));
  await cp(join(KNOWLEDGE_DIR, "vocabulary.yaml"), join(dir, "vocabulary.yaml"));
  const part = (source: Item, copy: number) => ({
    ...source,
    id: id(source.id, copy),
    ...(copy > 0 && { title: `${source.title} (part ${copy + 1})`, url: `${source.url}#part-${copy + 1}` }),
  });
  await write("sources.yaml", {
    ...sourcesFile,
    sources: copies.flatMap((c) => sources.map((s) => part(s, c))),
  });
  for (const [path, deal] of deals) {
    const facts = copies.flatMap((c) =>
      deal.facts.map((fact) => ({ ...copyOf(fact, c), source: id(fact.source, c) })),
    );
    await write(path, { ...deal, sources: copies.flatMap((c) => deal.sources.map((s) => id(s, c))), facts });
  }
  for (const [path, article] of articles) {
    for (const copy of copies) {
      const passages = article.passages.map((passage) => copyOf(passage, copy));
      const file = id(path, copy).replace(/\.yaml(-c\d+)$/, "$1.yaml");
      await write(file, { ...article, source: id(article.source, copy), passages });
    }
  }
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
