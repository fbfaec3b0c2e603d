import yaml from "js-yaml";
import { type SourceEntry, sourcesFileSchema } from "../schema.js";
import { type ImportMeta, newSourceEntry } from "./metadata.js";
import { PageError } from "./page.js";

type SourceChange = { text: string; added?: SourceEntry };

const ENTRY_START = /^(\s*)- id:\s*(\S+)/;

/**
 * The page's source in sources.yaml: the entry with its id, which must agree with what the import was told, or a
 * new entry placed after the last source of the same weight. Every other line of the file stays as it was.
 */
export function matchOrAddSource(sourcesText: string, meta: ImportMeta): SourceChange {
  const parsed = sourcesFileSchema.safeParse(yaml.load(sourcesText));
  if (!parsed.success) throw new PageError("sources.yaml does not validate; fix it first");
  const sources = parsed.data.sources;
  const same = sources.find((source) => source.id === meta.id);
  if (same) {
    checkAgrees(same, meta);
    return { text: sourcesText };
  }
  const samePage = sources.find((source) => page(source.url) === page(meta.url));
  if (samePage)
    throw new PageError(
      `its URL is already source "${samePage.id}" in sources.yaml: import it with --id ${samePage.id}`,
    );
  const entry = newSourceEntry(meta);
  return { text: insertEntry(sourcesText, sources, entry), added: entry };
}

/** The page a URL points at; a fragment does not make another page. */
const page = (url: string) => url.split("#")[0] ?? url;

function checkAgrees(source: SourceEntry, meta: ImportMeta): void {
  const told: [string, string | undefined, string | undefined][] = [
    ["url", page(source.url), page(meta.url)],
    ["title", source.title, meta.title],
    ["publisher", source.publisher, meta.publisher],
    ["date", source.published, meta.date],
    ["weight", source.weight, meta.weight],
    ["type", source.type, meta.type],
    ["short", source.short, meta.short],
  ];
  for (const [field, known, given] of told) {
    if (given !== undefined && given !== known)
      throw new PageError(
        `source "${source.id}" is already in sources.yaml with ${field} ${known === undefined ? "unset" : `"${known}"`}, not "${given}": make them agree`,
      );
  }
}

function insertEntry(sourcesText: string, sources: SourceEntry[], entry: SourceEntry): string {
  const lines = sourcesText.replace(/\n$/, "").split("\n");
  const starts = lines.flatMap((line, index) => (ENTRY_START.test(line) ? [index] : []));
  const lastOfWeight = sources.findLastIndex((source) => source.weight === entry.weight);
  const indent = ENTRY_START.exec(lines[starts[0] ?? -1] ?? "")?.[1] ?? "  ";
  let at = lines.length;
  if (starts.length === sources.length && lastOfWeight >= 0 && lastOfWeight < starts.length - 1) {
    at = starts[lastOfWeight + 1] as number;
    // The next entry's blank lines and comments (a group heading) stay with it.
    while (at > 0 && /^\s*(?:#.*)?$/.test(lines[at - 1] as string)) at -= 1;
  }
  lines.splice(at, 0, "", ...entryLines(entry, indent));
  return `${lines.join("\n")}\n`;
}

function entryLines(entry: SourceEntry, indent: string): string[] {
  const scalar = (value: string) => yaml.dump(value, { lineWidth: -1 }).trimEnd();
  const fields: [string, string][] = [
    ["title", scalar(entry.title)],
    ["url", scalar(entry.url)],
    ...(entry.published ? [["published", JSON.stringify(entry.published)] as [string, string]] : []),
    ["publisher", scalar(entry.publisher)],
    ["type", scalar(entry.type)],
    ["official", String(entry.official)],
    ["weight", entry.weight],
    ...(entry.short ? [["short", scalar(entry.short)] as [string, string]] : []),
  ];
  return [`${indent}- id: ${entry.id}`, ...fields.map(([key, value]) => `${indent}  ${key}: ${value}`)];
}
