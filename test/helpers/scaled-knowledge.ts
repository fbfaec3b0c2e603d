import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import yaml from "js-yaml";

type Entry = { id: string; text: string } & Record<string, unknown>;

/**
 * Writes into `target` a valid knowledge folder `factor` times the size of `source`: every article file
 * gets `factor - 1` sibling copies and every deal file `factor - 1` copies of its facts, each entry with
 * its own id and about a third of its words swapped for other words of the knowledge (the same ones every
 * run), so the files load, validate and index as a real edit of that size would. Returns the bytes written.
 */
export async function writeScaledKnowledge(source: string, target: string, factor: number): Promise<number> {
  const texts: string[] = [];
  const read = async (file: string) =>
    yaml.load(await readFile(join(source, file), "utf8")) as Record<string, unknown>;
  const deals = await yamlNames(join(source, "deals"));
  const articles = await yamlNames(join(source, "articles"));
  const dealData = await Promise.all(deals.map((name) => read(join("deals", name))));
  const articleData = await Promise.all(articles.map((name) => read(join("articles", name))));
  for (const data of [...dealData.map((deal) => deal.facts), ...articleData.map((a) => a.passages)])
    texts.push(...(data as Entry[]).map((entry) => entry.text));
  const words = texts.flatMap((text) => text.split(/\s+/).filter(Boolean));
  let swaps = 0;
  const otherWord = () => {
    swaps += 1;
    return words[(swaps * 7919) % words.length] as string;
  };
  const mutate = (text: string, copy: number) =>
    text
      .split(/\s+/)
      .map((word, i) => ((i + copy) % 3 === 0 ? otherWord() : word))
      .join(" ");
  const copies = (entries: Entry[]) =>
    Array.from({ length: factor - 1 }, (_, i) =>
      entries.map((entry) => ({ ...entry, id: `${entry.id}-c${i + 1}`, text: mutate(entry.text, i + 1) })),
    );

  let bytes = 0;
  const write = async (file: string, data: unknown) => {
    const text = typeof data === "string" ? data : yaml.dump(data, { lineWidth: -1 });
    bytes += Buffer.byteLength(text);
    await writeFile(join(target, file), text);
  };
  await mkdir(join(target, "deals"), { recursive: true });
  await mkdir(join(target, "articles"), { recursive: true });
  for (const file of ["sources.yaml", "vocabulary.yaml"])
    await write(file, await readFile(join(source, file), "utf8"));
  for (const [i, name] of deals.entries()) {
    const deal = dealData[i] as { facts: Entry[] };
    await write(join("deals", name), { ...deal, facts: [deal.facts, ...copies(deal.facts)].flat() });
  }
  for (const [i, name] of articles.entries()) {
    const article = articleData[i] as { passages: Entry[] };
    await write(join("articles", name), article);
    for (const [copy, passages] of copies(article.passages).entries())
      await write(join("articles", name.replace(/\.ya?ml$/, `-c${copy + 1}.yaml`)), { ...article, passages });
  }
  return bytes;
}

async function yamlNames(folder: string): Promise<string[]> {
  return (await readdir(folder)).filter((name) => /\.ya?ml$/.test(name)).sort();
}
