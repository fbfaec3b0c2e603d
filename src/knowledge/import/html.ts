import { DomUtils, ElementType, parseDocument } from "htmlparser2";
import { BlockList, cleanText, definedOnly, type PageDocument, type PageMeta } from "./page.js";

type Node = ReturnType<typeof parseDocument>["children"][number];

/** Page furniture and non-prose content: never imported. */
const LEFT_OUT = new Set(
  `head script style noscript template svg canvas iframe object nav header footer
  aside form button select table pre figure img picture video audio`.split(/\s+/),
);

/** Elements that end one passage and start the next. */
const BLOCK = new Set("p li ul ol dl dt dd blockquote div section article main body hr".split(" "));

const HEADING = /^h[1-6]$/;

/**
 * Reads a saved web page: the paragraphs, list items and headings of its `<article>` (else its `<main>`, else its
 * `<body>`), navigation, headers, footers, tables, code and media left out; and what its meta tags say about it.
 */
export function readHtml(html: string): PageDocument {
  const document = parseDocument(html);
  const region =
    DomUtils.findOne((element) => element.name === "article", document.children) ??
    DomUtils.findOne((element) => element.name === "main", document.children) ??
    document;
  const list = new BlockList();
  let paragraph = "";
  const flush = () => {
    list.add("paragraph", paragraph);
    paragraph = "";
  };
  const walk = (node: Node): void => {
    if (node.type === ElementType.Text) {
      paragraph += node.data;
      return;
    }
    // Scripts, styles, comments and directives are never text of the page.
    if (node.type !== ElementType.Tag || LEFT_OUT.has(node.name)) return;
    if (node.name === "br") {
      paragraph += " ";
    } else if (HEADING.test(node.name)) {
      flush();
      list.add("heading", DomUtils.textContent(node));
    } else if (BLOCK.has(node.name)) {
      flush();
      node.children.forEach(walk);
      flush();
    } else node.children.forEach(walk);
  };
  region.children.forEach(walk);
  flush();
  return { meta: pageMeta(document), blocks: list.blocks };
}

/** The page's own description of itself: Open Graph and article meta tags, the canonical link, `<title>`. */
function pageMeta(document: ReturnType<typeof parseDocument>): PageMeta {
  const elements = DomUtils.findAll(() => true, document.children);
  const meta = (key: string): string | undefined => {
    const element = elements.find(
      (e) =>
        e.name === "meta" &&
        (DomUtils.getAttributeValue(e, "property") === key || DomUtils.getAttributeValue(e, "name") === key),
    );
    return nonEmpty(element && DomUtils.getAttributeValue(element, "content"));
  };
  const canonical = elements.find(
    (e) => e.name === "link" && DomUtils.getAttributeValue(e, "rel")?.split(/\s+/).includes("canonical"),
  );
  const titleElement = elements.find((e) => e.name === "title");
  const published = meta("article:published_time");
  return definedOnly({
    title: meta("og:title") ?? nonEmpty(titleElement && DomUtils.textContent(titleElement)),
    url: nonEmpty(canonical && DomUtils.getAttributeValue(canonical, "href")) ?? meta("og:url"),
    publisher: meta("og:site_name"),
    date: published?.slice(0, 10),
  });
}

/** A fragment of HTML inside other text (Markdown) as plain text: tags dropped, entities decoded. */
export function htmlText(fragment: string): string {
  return DomUtils.textContent(parseDocument(fragment));
}

function nonEmpty(value: string | undefined): string | undefined {
  const text = cleanText(value ?? "");
  return text === "" ? undefined : text;
}
