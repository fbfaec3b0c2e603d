/** A web page read for import: what it says about itself, and its text as headings and paragraphs. */
export type PageDocument = { meta: PageMeta; blocks: Block[] };

/** A heading, or one paragraph or bullet, its text as shown on the page. */
export type Block = { kind: "heading" | "paragraph"; text: string };

/** Facts about the page found in the file itself (front matter, HTML meta tags); flags may add or override them. */
export type PageMeta = {
  id?: string;
  title?: string;
  url?: string;
  publisher?: string;
  date?: string;
  weight?: string;
  type?: string;
  short?: string;
  deals?: string[];
};

/**
 * Text as a reader sees it: line breaks and runs of spaces (non-breaking ones too) are one space, as in the
 * hand-made article files.
 */
export function cleanText(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** The metadata actually given: keys whose value is undefined are left out, so they never hide another's value. */
export function definedOnly(meta: { [K in keyof PageMeta]: PageMeta[K] | undefined }): PageMeta {
  return Object.fromEntries(Object.entries(meta).filter(([, value]) => value !== undefined));
}

/** Collects blocks, dropping those with no text left once cleaned. */
export class BlockList {
  readonly blocks: Block[] = [];

  add(kind: Block["kind"], raw: string): void {
    const text = cleanText(raw);
    if (text !== "") this.blocks.push({ kind, text });
  }
}

/** The file cannot be imported; the message says why, without the file name (the caller adds it). */
export class PageError extends Error {}
