/**
 * Links that scroll to and highlight quoted words, using URL text fragments
 * (https://wicg.github.io/scroll-to-text-fragment/): `#:~:text=start,end`.
 */

/** Quotes this short are matched whole; longer ones by their first and last words. */
const WHOLE_QUOTE_WORDS = 8;
const EDGE_WORDS = 4;

/** Percent-encodes a directive value; the spec reserves "-", "," and "&", which encodeURIComponent leaves or handles. */
export function encodeTextDirective(text: string): string {
  return encodeURIComponent(text).replace(/-/g, "%2D");
}

/** The page URL with a text fragment pointing at `quote` (any earlier fragment is replaced). */
export function textFragmentUrl(url: string, quote: string): string {
  const words = quote.split(/\s+/).filter((word) => word.length > 0);
  if (words.length === 0) return url;
  const directive =
    words.length <= WHOLE_QUOTE_WORDS
      ? encodeTextDirective(words.join(" "))
      : `${encodeTextDirective(words.slice(0, EDGE_WORDS).join(" "))},${encodeTextDirective(words.slice(-EDGE_WORDS).join(" "))}`;
  const page = url.split("#")[0] ?? url;
  return `${page}#:~:text=${directive}`;
}
