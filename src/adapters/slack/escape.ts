import { forMarkup, percentEncode } from "../shared/safe-text.js";

/**
 * Slack's side of text safety. mrkdwn needs exactly `&`, `<`, `>` escaped; that alone turns `<!channel>`,
 * `<!here>`, `<!everyone>` and `<!subteam^…>` into inert text.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(MRKDWN_SPECIAL, (char) => MRKDWN_ENTITY[char as keyof typeof MRKDWN_ENTITY]);
}

const MRKDWN_SPECIAL = /[&<>]/g;
const MRKDWN_ENTITY = { "&": "&amp;", "<": "&lt;", ">": "&gt;" } as const;

/** `mrkdwnText`: echo-safe mrkdwn of untrusted text; `linkUrl`: a URL safe inside `<url|label>`, or null. */
export const { formatted: mrkdwnText, link: linkUrl } = forMarkup({
  escape: escapeMrkdwn,
  // `|`, `<` and `>` would end a `<url|label>` link.
  escapeUrl: (href) => escapeMrkdwn(percentEncode(href, /[|<>]/g)),
  maxUrl: 2000,
});
