/**
 * Turns Slack message or command text into the plain question the bot reads: Slack markup
 * (`<@U…>`, `<#C…|name>`, `<url|label>`, broadcasts) becomes what a reader sees, and the three
 * entities Slack encodes (`&amp;`, `&lt;`, `&gt;`) are decoded, so the core never sees Slack syntax.
 */
export function toQuery(text: string, botUserId?: string | null): string {
  return text
    .replace(/<([^<>]*)>/g, (_match, inner: string) => readMarkup(inner, botUserId ?? null))
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}

function readMarkup(inner: string, botUserId: string | null): string {
  const bar = inner.indexOf("|");
  const target = bar === -1 ? inner : inner.slice(0, bar);
  const label = bar === -1 ? null : inner.slice(bar + 1);
  if (target.startsWith("@")) {
    if (botUserId !== null && target.slice(1) === botUserId) return " ";
    return label ? ` @${label.replace(/^@/, "")} ` : " ";
  }
  if (target.startsWith("#")) return label ? ` #${label} ` : " ";
  if (target.startsWith("!")) {
    // Dates keep their fallback text; broadcasts and user groups carry nothing to answer.
    return target.startsWith("!date^") && label ? label : " ";
  }
  return label ?? target;
}
