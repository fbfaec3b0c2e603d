/** Text hygiene for anything that reaches Discord: well-formed, unpingable, markdown-inert, within a limit. */

const ZWSP = "\u200b";
const ELLIPSIS = "…";

// C0/C1 controls except tab and newline, and the bidi embeddings/overrides/isolates that can disguise text.
const CONTROLS = /[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Replaces lone surrogates (which Discord rejects) and drops control characters. */
export function clean(text: string): string {
  return text
    .replace(LONE_SURROGATE, "\ufffd")
    .replace(/\r\n?/g, "\n")
    .replace(CONTROLS, (char) => (char === "\n" || char === "\t" ? char : ""));
}

/**
 * Makes echoed text unable to ping even if allowed_mentions were lost on the way:
 * `@everyone`/`@here` and `<@…>`/`<@&…>`/`<@!…>` get a zero-width space that breaks the syntax.
 */
export function neutralise(text: string): string {
  return text.replace(/@(everyone|here)/gi, `@${ZWSP}$1`).replace(/<@/g, `<${ZWSP}@`);
}

/** Undoes {@link neutralise} for text read back from one of our own messages. */
export function unneutralise(text: string): string {
  return text.replaceAll(ZWSP, "");
}

/** Backslash-escapes Discord markdown so source text shows as written. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\*_~|`[\]]/g, "\\$&").replace(/^(\s*)([>#-]|\d+\.)/gm, "$1\\$2");
}

/** Shortens to at most `max` UTF-16 units (never more than Discord's character count), whole code points. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return "";
  let end = max - ELLIPSIS.length;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1; // do not split a surrogate pair
  return `${text.slice(0, Math.max(0, end)).trimEnd()}${ELLIPSIS}`;
}

/** Collapses runs of whitespace (including newlines) to single spaces, for one-line places. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** Plain text for a place without markdown (titles of buttons, author, footer, choice names). */
export function plain(text: string, max: number): string {
  return truncate(neutralise(oneLine(clean(text))), max);
}

/** Markdown text for a description or field: cleaned, escaped, unpingable, within `max`. */
export function markdown(text: string, max: number): string {
  return truncate(neutralise(escapeMarkdown(clean(text))), max);
}
