import { forMarkup, neutralise, percentEncode } from "../shared/safe-text.js";

/** Discord's side of text safety: markdown backslash-escaped so source text shows as written. */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\*_~|`[\]]/g, "\\$&").replace(/^(\s*)([>#-]|\d+\.)/gm, "$1\\$2");
}

/** `markdown`: text for a description or field, escaped and unpingable; `linkUrl`: a URL safe in `[label](url)`. */
export const { formatted: markdown, link: linkUrl } = forMarkup({
  escape: (text) => neutralise(escapeMarkdown(text)),
  // Parentheses end a `[label](url)` link; `@`, spaces and angle brackets could be read as a mention or markup.
  escapeUrl: (href) => percentEncode(href, /[()@\s<>]/g),
  maxUrl: 512,
});
