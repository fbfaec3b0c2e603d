import { formatted, type Markup, neutralise, percentEncode, safeUrl } from "../shared/safe-text.js";

/** Discord's side of text safety: markdown backslash-escaped so source text shows as written. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\*_~|`[\]]/g, "\\$&").replace(/^(\s*)([>#-]|\d+\.)/gm, "$1\\$2");
}

const DISCORD: Markup = {
  escape: (text) => neutralise(escapeMarkdown(text)),
  // Parentheses end a `[label](url)` link; `@`, spaces and angle brackets could be read as a mention or markup.
  escapeUrl: (href) => percentEncode(href, /[()@\s<>]/g),
  maxUrl: 512,
};

/** Markdown text for a description or field: cleaned, escaped, unpingable, within `max`. */
export function markdown(text: string, max: number): string {
  return formatted(DISCORD, text, max);
}

/** A URL safe inside `[label](url)`, or null. */
export function linkUrl(url: string): string | null {
  return safeUrl(DISCORD, url);
}
