import { LONE_SURROGATE } from "../../core/normalize.js";

/**
 * Text safety for everything echoed to a chat platform: well-formed, unable to ping, within a limit, links
 * only to http(s). What differs per platform (its markup's escaping) comes in as a {@link Markup}.
 */

const ZWSP = "\u200b";
const ELLIPSIS = "…";
// Control characters (tab and newline are kept below) and the bidi embeddings, overrides and isolates that can
// make a quote read differently from what it says.
const CONTROLS = /[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu;
/**
 * Text with any character `sanitize` might change (every surrogate, `\r`, controls but tab and newline, bidi
 * marks), written as what it keeps: a plain scan, so the usual clean text is returned as it is.
 */
const MAY_NEED_SANITIZING = /[^\t\n\u0020-\u007e\u00a0-\u2029\u202f-\u2065\u206a-\ud7ff\ue000-\uffff]/;

/** How one platform shows text as written: its markup's escaping, and what ends a link in it. */
type Markup = {
  /** Escapes text for a formatted place (Slack mrkdwn, Discord markdown) so it shows as written and cannot ping. */
  escape(text: string): string;
  /** Encodes the characters that would end a link in this markup (the URL is already parsed and http(s)). */
  escapeUrl(href: string): string;
  /** The longest link this platform should be given. */
  maxUrl: number;
};

/** Replaces lone surrogates (which platforms reject), drops control and bidi characters, normalises line ends. */
export function sanitize(text: string): string {
  if (!MAY_NEED_SANITIZING.test(text)) return text;
  return text
    .replace(LONE_SURROGATE, "\ufffd")
    .replace(/\r\n?/g, "\n")
    .replace(CONTROLS, (char) => (char === "\n" || char === "\t" ? char : ""));
}

/** Collapses runs of whitespace (including newlines) to single spaces, for one-line places. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/**
 * Makes echoed text unable to ping even where a platform would parse it: `@everyone`/`@here`, `<@…>`, `<!…>`
 * and `<#…>` get a zero-width space that breaks the syntax.
 */
export function neutralise(text: string): string {
  return text.replace(/@(everyone|here)/gi, `@${ZWSP}$1`).replace(/<(?=[@!#])/g, `<${ZWSP}`);
}

/** Undoes {@link neutralise} for text read back from one of our own messages. */
export function unneutralise(text: string): string {
  return text.replaceAll(ZWSP, "");
}

/** Shortens to at most `max` UTF-16 units (as both platforms count) on a code point boundary. */
export const truncate = (text: string, max: number): string => escapeWithin(text, max, (same) => same);

/**
 * `toMarkup(text)` within `max` units: when it is too long, the longest start of `text` whose escaped form fits
 * (with an ellipsis), so neither a surrogate pair nor an escape such as `&amp;` or `\*` is ever split.
 */
function escapeWithin(text: string, max: number, toMarkup: (text: string) => string): string {
  const whole = toMarkup(text);
  if (whole.length <= max) return whole;
  if (max <= 0) return "";
  const room = max - ELLIPSIS.length;
  // Escaping never shortens text, so no start longer than `room` code points fits, and the escaped length grows
  // with the start's length: a binary search finds the longest that fits.
  const points = firstCodePoints(text, room);
  const escapedStart = (count: number) => toMarkup(points.slice(0, count).join(""));
  let low = 0;
  let high = points.length;
  // Usually the longest candidate fits already (little or nothing to escape in it): one try instead of a search.
  if (escapedStart(high).length <= room) low = high;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (escapedStart(mid).length <= room) low = mid;
    else high = mid - 1;
  }
  const start = escapedStart(low)
    .replace(/\u200d$/, "")
    .trimEnd();
  return `${start}${ELLIPSIS}`;
}

/** The first `count` code points of `text` (a surrogate pair is one). */
function firstCodePoints(text: string, count: number): string[] {
  const points: string[] = [];
  for (const point of text) {
    if (points.length >= count) break;
    points.push(point);
  }
  return points;
}

/** Untrusted text for a place without formatting (headers, button labels, embed author): one line, unpingable. */
export function plain(text: string, max: number): string {
  return escapeWithin(oneLine(sanitize(text)), max, neutralise);
}

/** The text safety of one platform's markup. */
export function forMarkup(markup: Markup) {
  return {
    /** Untrusted text for a formatted place: sanitised, escaped, unpingable, at most `max` characters. */
    formatted: (text: string, max: number): string => escapeWithin(sanitize(text), max, markup.escape),
    /** A link target: http(s) without credentials, with what would end the link encoded; else null. */
    link(url: string): string | null {
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        return null;
      }
      const { protocol, username, password } = parsed;
      if ((protocol !== "https:" && protocol !== "http:") || username || password) return null;
      const href = markup.escapeUrl(parsed.href);
      return href.length <= markup.maxUrl ? href : null;
    },
  };
}

/** Percent-encodes each character `pattern` matches. */
export function percentEncode(text: string, pattern: RegExp): string {
  return text.replace(
    pattern,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`,
  );
}
