/**
 * Text safety for Slack output. mrkdwn needs exactly `&`, `<`, `>` escaped; that alone turns
 * `<!channel>`, `<!here>`, `<!everyone>` and `<!subteam^…>` into inert text.
 */

// Control characters other than newline and tab.
const CONTROL = /(?![\n\t])\p{Cc}/gu;
// Bidi overrides and isolates can make a quote read differently from what it says.
const BIDI = /[\u202A-\u202E\u2066-\u2069]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Drops control and bidi-override characters, repairs broken surrogate pairs, normalises line ends. */
export function sanitize(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(CONTROL, "")
    .replace(BIDI, "")
    .replace(LONE_SURROGATE, "\uFFFD");
}

export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

const ELLIPSIS = "…";

/**
 * Cuts text to at most `max` characters (UTF-16 units, as Slack counts) on a code point boundary,
 * after `encode` has been applied to each code point, so neither a surrogate pair nor an entity like
 * `&amp;` is ever split.
 */
function fitEncoded(text: string, max: number, encode: (segment: string) => string): string {
  const whole = encode(text);
  if (whole.length <= max) return whole;
  let out = "";
  for (const char of text) {
    const piece = encode(char);
    if (out.length + piece.length > max - ELLIPSIS.length) break;
    out += piece;
  }
  return out.replace(/\u200D$/, "").trimEnd() + ELLIPSIS;
}

/** Echo-safe mrkdwn of untrusted text, at most `max` characters. */
export function mrkdwnText(text: string, max: number): string {
  return fitEncoded(sanitize(text), max, escapeMrkdwn);
}

/**
 * Text for `plain_text` objects (headers, button labels). Slack does not parse mentions there, but a
 * zero-width space after `<` keeps broadcast syntax inert even if the text is ever reused as mrkdwn.
 */
export function plainText(text: string, max: number): string {
  const clean = sanitize(text).replace(/\s+/g, " ").trim();
  return fitEncoded(clean, max, (segment) => segment.replace(/</g, "<\u200B"));
}

/** A URL safe inside `<url|label>`: http(s) only, with the characters that would end the link encoded. */
export function linkUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return null;
  const href = parsed.href.replace(/\|/g, "%7C").replace(/</g, "%3C").replace(/>/g, "%3E");
  return href.length <= 2000 ? escapeMrkdwn(href) : null;
}
