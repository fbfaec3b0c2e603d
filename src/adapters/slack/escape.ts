import { formatted, type Markup, percentEncode, safeUrl } from "../shared/safe-text.js";

/**
 * Slack's side of text safety. mrkdwn needs exactly `&`, `<`, `>` escaped; that alone turns `<!channel>`,
 * `<!here>`, `<!everyone>` and `<!subteam^…>` into inert text.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

const SLACK: Markup = {
  escape: escapeMrkdwn,
  // `|`, `<` and `>` would end a `<url|label>` link.
  escapeUrl: (href) => escapeMrkdwn(percentEncode(href, /[|<>]/g)),
  maxUrl: 2000,
};

/** Echo-safe mrkdwn of untrusted text, at most `max` characters. */
export function mrkdwnText(text: string, max: number): string {
  return formatted(SLACK, text, max);
}

/** A URL safe inside `<url|label>`, or null. */
export function linkUrl(url: string): string | null {
  return safeUrl(SLACK, url);
}
