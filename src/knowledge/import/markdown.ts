import yaml from "js-yaml";
import { htmlText } from "./html.js";
import { BlockList, definedOnly, type PageDocument, PageError, type PageMeta } from "./page.js";

/**
 * Reads a web page saved as Markdown: YAML front matter, then ATX (`## …`) and underlined headings, paragraphs
 * and list items (each item, nested ones too, its own block; an item's later paragraphs their own blocks).
 * Block quotes are read as their contents; code, tables, images, rules and link definitions are left out.
 */
export function readMarkdown(markdown: string): PageDocument {
  const { meta, body } = splitFrontMatter(markdown.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n"));
  const list = new BlockList();
  let lines: string[] = [];
  let isListItem = false;
  let fence: string | null = null;
  const flush = () => {
    list.add("paragraph", inlineText(lines.join("\n")));
    lines = [];
    isListItem = false;
  };

  for (const raw of body.split("\n")) {
    if (fence !== null) {
      if (raw.trim().startsWith(fence)) fence = null;
      continue;
    }
    const line = raw
      .trim()
      .replace(/^(?:>\s?)+/, "")
      .trim();
    const opensFence = /^(`{3,}|~{3,})/.exec(line);
    const atxHeading = /^#{1,6}(?:\s+(.*?))?(?:\s+#+)?$/.exec(line);
    const item = /^(?:[-*+]|(\d{1,9})[.)])\s+(.*)$/.exec(line);
    if (line === "") flush();
    else if (opensFence) {
      flush();
      fence = opensFence[1] as string;
    } else if (atxHeading) {
      flush();
      list.add("heading", inlineText(atxHeading[1] ?? ""));
    } else if (/^(?:=+|-+)$/.test(line) && lines.length > 0 && !isListItem) {
      list.add("heading", inlineText(lines.join("\n")));
      lines = [];
    } else if (/^([-*_])(?:\s*\1){2,}$/.test(line) || /^\|.*\|$/.test(line) || /^\[[^\]]+\]:\s/.test(line)) {
      flush();
    } else if (item && (lines.length === 0 || isListItem || item[1] === undefined || item[1] === "1")) {
      // A numbered line interrupts a paragraph only as "1." (CommonMark), so a wrapped "2025. …" stays text.
      flush();
      lines.push(item[2] as string);
      isListItem = true;
    } else lines.push(line);
  }
  flush();
  return { meta, blocks: list.blocks };
}

function splitFrontMatter(markdown: string): { meta: PageMeta; body: string } {
  if (!markdown.startsWith("---\n")) return { meta: {}, body: markdown };
  const close = /^(?:---|\.\.\.)[ \t]*$/m.exec(markdown.slice(4));
  if (!close) throw new PageError("front matter: opened with --- but never closed");
  const source = markdown.slice(4, 4 + close.index);
  const body = markdown.slice(4 + close.index + close[0].length);
  let data: unknown;
  try {
    data = yaml.load(source, { schema: yaml.JSON_SCHEMA });
  } catch (error) {
    const reason = error instanceof yaml.YAMLException ? error.reason : String(error);
    throw new PageError(`front matter is not valid YAML: ${reason}`);
  }
  if (data === undefined || data === null) return { meta: {}, body };
  if (typeof data !== "object" || Array.isArray(data))
    throw new PageError("front matter is not a YAML mapping");
  return { meta: frontMatterMeta(data as Record<string, unknown>), body };
}

/** Front matter keys, including those page savers write (`source_url`, `published_time`). */
function frontMatterMeta(data: Record<string, unknown>): PageMeta {
  const text = (key: string): string | undefined => {
    const value = data[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "string") throw new PageError(`front matter: ${key} must be text`);
    return value;
  };
  const deals = data.deals;
  if (deals !== undefined && !(Array.isArray(deals) && deals.every((deal) => typeof deal === "string")))
    throw new PageError("front matter: deals must be a list of deal ids");
  return definedOnly({
    id: text("id"),
    title: text("title"),
    url: text("url") ?? text("source_url"),
    publisher: text("publisher"),
    date: text("date") ?? text("published") ?? text("published_time")?.slice(0, 10),
    weight: text("weight"),
    type: text("type"),
    short: text("short"),
    deals: deals as string[] | undefined,
  });
}

/** Backslash escapes, set aside while markup is removed so an escaped `*` or `[` stays a character. */
const ESCAPED = /\\([!-/:-@[-`{-~])/g;
const PLACEHOLDER = /\uE000(\d+)\uE001/g;

/** A paragraph's Markdown as plain text: links as their text, images, emphasis, code marks and HTML tags dropped. */
function inlineText(markdown: string): string {
  const escaped: string[] = [];
  let text = markdown
    .replace(/\\\n/g, " ")
    .replace(ESCAPED, (_, char: string) => `\uE000${escaped.push(char) - 1}\uE001`)
    .replace(/!\[[^\]]*\]\((?:[^()]|\([^)]*\))*\)/g, "")
    .replace(/\[([^\]]*)\]\((?:[^()]|\([^)]*\))*\)/g, "$1")
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, "$1")
    .replace(/<((?:https?|mailto):[^>\s]+)>/g, "$1")
    .replace(/`+([^`]+?)`+/g, "$1")
    .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, "$2")
    .replace(/\*(?=\S)([\s\S]*?\S)\*/g, "$1")
    .replace(/(^|[^\p{L}\p{N}_])_(?=\S)([\s\S]*?\S)_(?![\p{L}\p{N}_])/gu, "$1$2")
    .replace(/~~(?=\S)([\s\S]*?\S)~~/g, "$1");
  text = htmlText(text);
  return text.replace(PLACEHOLDER, (_, index: string) => escaped[Number(index)] ?? "");
}
