import type { ArticleFile } from "../schema.js";
import type { ImportMeta } from "./metadata.js";
import type { Block } from "./page.js";

/** One paragraph or bullet of the page, word for word, under the heading it stands below. */
export type ImportedPassage = { id: string; ref?: string; text: string };

/**
 * The page's paragraphs and bullets in reading order, numbered after the source id. A heading that repeats the
 * page title is the title, not a section.
 */
export function importedPassages(meta: ImportMeta, blocks: readonly Block[]): ImportedPassage[] {
  let ref: string | undefined;
  const passages: ImportedPassage[] = [];
  for (const block of blocks) {
    if (block.kind === "heading") {
      if (block.text !== meta.title) ref = block.text;
      continue;
    }
    passages.push({ id: `${meta.id}-${passages.length + 1}`, ...(ref ? { ref } : {}), text: block.text });
  }
  return passages;
}

/** The article file, in the layout of the hand-made ones: every passage's text double-quoted, a blank line between. */
export function renderArticleFile(meta: ImportMeta, passages: readonly ImportedPassage[]): string {
  const quoted = (text: string) => JSON.stringify(text);
  const header = [
    `# ${meta.publisher}${meta.date ? `, ${meta.date}` : ""}: ${quoted(meta.title)}`,
    "# Verbatim, one passage per paragraph or bullet in reading order, each with the heading it stands under",
    "# (ref). Imported with `npm run knowledge:add`; deals and topics are set by hand.",
    `source: ${meta.id}`,
    "passages:",
  ];
  const entries = passages.map((passage) =>
    [
      `  - id: ${passage.id}`,
      ...(meta.deals.length > 0 ? [`    deals: [${meta.deals.join(", ")}]`] : []),
      ...(passage.ref ? [`    ref: ${quoted(passage.ref)}`] : []),
      `    text: ${quoted(passage.text)}`,
    ].join("\n"),
  );
  return `${header.join("\n")}\n${entries.join("\n\n")}\n`;
}

/**
 * Where an article file already quoting the page differs from the import (texts and headings, in order), or
 * null when it holds the same passages. Ids, deals and topics are the editor's and never compared.
 */
export function firstDifference(existing: ArticleFile, passages: readonly ImportedPassage[]): string | null {
  const count = Math.max(existing.passages.length, passages.length);
  for (let i = 0; i < count; i++) {
    const had = existing.passages[i];
    const now = passages[i];
    if (!had || !now) return `it has ${existing.passages.length} passages, the page ${passages.length}`;
    if (had.text !== now.text) return `passage ${i + 1} (${had.id}) has other words`;
    if (had.ref !== now.ref)
      return `passage ${i + 1} (${had.id}) stands under "${had.ref ?? "no heading"}", not "${now.ref ?? "no heading"}"`;
  }
  return null;
}
