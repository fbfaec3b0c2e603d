import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import yaml from "js-yaml";
import { REPO } from "./harness.js";

export const KNOWLEDGE_DIR = join(REPO, "knowledge");

type Item = Record<string, unknown> & { id: string; text: string };
type Deal = { sources: string[]; facts: (Item & { source: string })[] };
type Article = { source: string; passages: Item[] };

/** Writes ×`factor` knowledge into `dir` as docs/benchmarks.md describes (copy 0 is the real one); returns its bytes. */
export async function writeSyntheticKnowledge(factor: number, dir: string): Promise<number> {
  const read = async <T>(path: string) => yaml.load(await readFile(join(KNOWLEDGE_DIR, path), "utf8")) as T;
  const folder = async <T>(sub: string) => {
    const names = (await readdir(join(KNOWLEDGE_DIR, sub))).filter((name) => name.endsWith(".yaml"));
    const paths = names.map((name) => `${sub}/${name}`);
    return Promise.all(paths.map(async (path) => [path, await read<T>(path)] as const));
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
  let bytes = 0;
  const write = async (path: string, data: unknown) => {
    const text = typeof data === "string" ? data : yaml.dump(data, { lineWidth: -1 });
    await writeFile(join(dir, path), text);
    bytes += Buffer.byteLength(text);
  };
  await write("vocabulary.yaml", await readFile(join(KNOWLEDGE_DIR, "vocabulary.yaml"), "utf8"));
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
