import {
  type Answer,
  type Citation,
  type CompareRow,
  type Excerpt,
  excerptsOf,
  type Item,
} from "../../core/answer.js";
import type { DealId } from "../../core/model.js";
import { formatDate } from "../../core/phrasing.js";
import { plain } from "../shared/safe-text.js";
import type { ActionsBlock, Block, Button, ContextBlock, SectionBlock, SlackMessage } from "./blocks.js";
import { LIMITS } from "./blocks.js";
import { encodeButtonValue } from "./button-values.js";
import { linkUrl, mrkdwnText } from "./escape.js";
import { ACTION } from "./registration.js";

export type RenderOptions = {
  /** Adds "Share in channel" (for private answers only). */
  shareable: boolean;
  /** The Slack user who shared the answer publicly, shown under it. */
  sharedBy?: string | null;
  /** The deal the answer was restricted to, carried on to "More results". */
  deal?: DealId | null;
  /** An extra line under the answer, e.g. how to reach the bot from Slack. */
  footer?: string | null;
};

/** Character budgets; all shrink together when a message would exceed Slack's size limits. */
type Caps = {
  lead: number;
  excerpt: number;
  item: number;
  note: number;
  sourceTitle: number;
  words: number;
  /** Characters of a question carried in a button value. */
  query: number;
  excerpts: number;
  items: number;
  suggestions: number;
  readings: number;
};

const FULL: Caps = {
  lead: 1500,
  excerpt: 1500,
  item: 500,
  note: 600,
  sourceTitle: 200,
  words: 60,
  query: 500,
  excerpts: 8,
  items: 20,
  suggestions: 5,
  readings: 8,
};
const FLOOR: Caps = {
  lead: 100,
  excerpt: 100,
  item: 40,
  note: 40,
  sourceTitle: 40,
  words: 12,
  query: 40,
  excerpts: 3,
  items: 3,
  suggestions: 2,
  readings: 3,
};
const MAX_ROWS = 8;

/** Answer -> Block Kit with a plain-text fallback, within Slack's limits for any input. Pure. */
export function renderAnswer(answer: Answer, options: RenderOptions): SlackMessage {
  const text = fallbackText(answer);
  let scale = 1;
  for (let attempt = 0; attempt < 6; attempt += 1) {
    const blocks = renderBlocks(answer, options, scaled(scale));
    if (fits(blocks)) return { text, blocks };
    scale /= 2;
  }
  return { text, blocks: minimalBlocks(answer) };
}

function scaled(scale: number): Caps {
  const caps = { ...FULL };
  for (const key of Object.keys(caps) as (keyof Caps)[]) {
    caps[key] = Math.max(FLOOR[key], Math.floor(FULL[key] * scale));
  }
  return caps;
}

function fits(blocks: Block[]): boolean {
  return blocks.length <= LIMITS.blocks && JSON.stringify(blocks).length <= LIMITS.blocksJson;
}

function renderBlocks(answer: Answer, options: RenderOptions, caps: Caps): Block[] {
  const blocks: Block[] = [header(answer.title)];
  if (answer.lead.trim() !== "") blocks.push(section(mrkdwnText(answer.lead, caps.lead)));
  if (answer.shortened) {
    blocks.push(context("Your question was long, so only its first part was read."));
  }
  const { body } = answer;
  const excerpts = body.kind === "excerpts" ? body.excerpts : [];
  const manyDeals = new Set(excerpts.map((excerpt) => excerpt.deal)).size > 1;
  for (const excerpt of excerpts.slice(0, caps.excerpts)) {
    const deal = manyDeals && excerpt.deal ? (answer.labels.deals[excerpt.deal] ?? excerpt.deal) : null;
    blocks.push(section(excerptText(excerpt, caps, deal)));
  }
  if (body.kind === "comparison") {
    for (const row of body.rows.slice(0, MAX_ROWS)) blocks.push(section(rowText(row, caps, answer)));
  }
  if (body.kind === "list") blocks.push(...itemBlocks(body.items, caps));
  const notes = answer.notes.filter((note) => note.trim() !== "").slice(0, 5);
  if (notes.length > 0) {
    const each = Math.min(caps.note, Math.floor(LIMITS.sectionText / notes.length) - 12);
    const lines = notes.map((note) => `:warning: ${mrkdwnText(note, each)}`);
    blocks.push(section(lines.join("\n")));
  }
  const about = [
    whyLine(answer, caps),
    pageLine(answer),
    options.footer ? mrkdwnText(options.footer, 300) : null,
  ];
  const aboutLines = about.filter((line): line is string => line !== null);
  if (aboutLines.length > 0) blocks.push(context(...aboutLines));
  if (options.sharedBy && /^[UW][A-Z0-9]{2,20}$/.test(options.sharedBy)) {
    blocks.push(context(`Shared by <@${options.sharedBy}>`));
  }
  const actions = answerButtons(answer, options, caps);
  if (actions.elements.length > 0) blocks.push(actions);
  const suggestions = suggestionButtons(answer, caps);
  if (suggestions.elements.length > 0) blocks.push(suggestions);
  return blocks;
}

function minimalBlocks(answer: Answer): Block[] {
  return [
    header(answer.title),
    section(mrkdwnText(answer.lead, 500)),
    context("This answer is too long to show in Slack; try a narrower question."),
  ];
}

function header(title: string): Block {
  const text = plain(title, LIMITS.headerText) || "TPD answer";
  return { type: "header", text: { type: "plain_text", text, emoji: true } };
}

function section(text: string, accessory?: Button): SectionBlock {
  const block: SectionBlock = { type: "section", text: { type: "mrkdwn", text: text || "…" } };
  if (accessory) block.accessory = accessory;
  return block;
}

/** Context lines are written here (not user text) but may embed already-escaped pieces. */
function context(...lines: string[]): ContextBlock {
  return {
    type: "context",
    elements: lines
      .slice(0, LIMITS.contextElements)
      .map((line) => ({ type: "mrkdwn" as const, text: line.slice(0, LIMITS.contextText) })),
  };
}

function excerptText(excerpt: Excerpt, caps: Caps, dealLabel: string | null): string {
  return citedText(dealLabel ? `*${mrkdwnText(dealLabel, caps.words)}*\n` : "", excerpt, caps);
}

function rowText(row: CompareRow, caps: Caps, answer: Answer): string {
  const name = `*${mrkdwnText(row.dealName || (answer.labels.deals[row.deal] ?? row.deal), caps.sourceTitle)}*`;
  if (row.excerpt) return citedText(`${name}\n`, row.excerpt, caps);
  const note = row.note ? mrkdwnText(row.note, caps.note) : "Nothing on this topic in this deal's text.";
  return `${name}\n_${note}_`;
}

/** Heading, the quote (or summary) and its source line, the text cut so the section stays within Slack's limit. */
function citedText(head: string, excerpt: Excerpt, caps: Caps): string {
  const source = sourceLine(excerpt.source, caps, excerpt.kind);
  let room = Math.min(caps.excerpt, LIMITS.sectionText - head.length - source.length - 1);
  for (;;) {
    const body = mrkdwnText(excerpt.text, Math.max(0, room));
    const text = `${head}${excerpt.kind === "quote" ? quote(body) : body}\n${source}`;
    if (text.length <= LIMITS.sectionText || room <= 0) return text;
    room -= text.length - LIMITS.sectionText;
  }
}

function quote(escaped: string): string {
  return escaped
    .split("\n")
    .map((line) => `>${line}`)
    .join("\n");
}

/** Quotes cite their source; summaries (the knowledge's own words) say so, so nobody mistakes them for quotes. */
function sourceLine(source: Citation, caps: Caps, kind: Excerpt["kind"] | "document"): string {
  const title = mrkdwnText(source.title, caps.sourceTitle) || "Source";
  const url = linkUrl(source.url);
  const link = url ? `<${url}|${title}>` : title;
  const publisher = source.publisher.trim() ? `, ${mrkdwnText(source.publisher, caps.sourceTitle)}` : "";
  const label = source.label.trim() ? `\n${mrkdwnText(source.label, caps.sourceTitle)}` : "";
  return `— ${kind === "summary" ? "summary of " : ""}${link}${publisher}, ${mrkdwnText(formatDate(source.published), 40)}${label}`;
}

function itemBlocks(items: Item[], caps: Caps): Block[] {
  const readable = items.filter((item) => item.title.trim() !== "" || item.text.trim() !== "");
  const shown = readable.slice(0, caps.items);
  const blocks: Block[] = shown.map((item, index) => {
    const title = item.title.trim() ? `*${mrkdwnText(item.title, caps.sourceTitle)}*\n` : "";
    const source = item.source ? `\n${sourceLine(item.source, caps, "document")}` : "";
    const text = `${title}${mrkdwnText(item.text, caps.item)}${source}`;
    const button = item.query?.trim()
      ? askButton(`${ACTION.askPrefix}i${index}`, "Ask", item.query, caps)
      : undefined;
    return section(text, button);
  });
  if (readable.length > shown.length) blocks.push(context(`…and ${readable.length - shown.length} more.`));
  return blocks;
}

function whyLine({ readings, labels }: Answer, caps: Caps): string | null {
  if (readings.length === 0) return null;
  const parts = readings.slice(0, caps.readings).map((reading) => {
    const words = mrkdwnText(reading.words, caps.words);
    let as = reading.as;
    if (reading.kind === "deal") as = labels.deals[reading.as] ?? as;
    if (reading.kind === "topic") as = labels.topics[reading.as] ?? as;
    const guessed = reading.fuzzy ? " (spelling guessed)" : "";
    const carried = reading.carried ? " (from earlier in the conversation)" : "";
    return `“${words}” → ${reading.kind} ${mrkdwnText(as, caps.words)}${guessed}${carried}`;
  });
  return `Why this answer: ${parts.join(" · ")}`;
}

function pageLine(answer: Answer): string | null {
  const { offset, shown, total } = answer.page;
  if (shown === 0 || total <= shown) return null;
  return `Showing ${offset + 1}–${offset + shown} of ${total} matches.`;
}

function answerButtons(answer: Answer, options: RenderOptions, caps: Caps): ActionsBlock {
  const elements: Button[] = [];
  const deal = options.deal ?? undefined;
  const { more, compare, share } = answer.actions;
  if (more) {
    elements.push(
      button(ACTION.more, "More results", encode({ q: answer.query, o: more.offset, deal }, caps)),
    );
  }
  if (compare)
    elements.push(button(ACTION.compare, "Compare across deals", encode({ q: compare.query }, caps)));
  if (options.shareable && share) {
    const value = encode({ q: answer.query, o: answer.page.offset, deal }, caps);
    elements.push({ ...button(ACTION.share, "Share in channel", value), style: "primary" });
  }
  return { type: "actions", elements };
}

function suggestionButtons(answer: Answer, caps: Caps): ActionsBlock {
  // A list's items carry their own "Ask" buttons.
  const onItems = new Set(answer.body.kind === "list" ? answer.body.items.map((item) => item.query) : []);
  const elements = answer.actions.suggested
    .filter((suggestion) => suggestion.query.trim() !== "" && !onItems.has(suggestion.query))
    .slice(0, caps.suggestions)
    .map((suggestion, index) =>
      askButton(`${ACTION.askPrefix}s${index}`, suggestion.label || suggestion.query, suggestion.query, caps),
    );
  return { type: "actions", elements };
}

function askButton(actionId: string, label: string, query: string, caps: Caps): Button {
  return button(actionId, label, encode({ q: query }, caps));
}

function button(actionId: string, label: string, value: string): Button {
  const text = plain(label, LIMITS.buttonText) || "Ask";
  return { type: "button", action_id: actionId, text: { type: "plain_text", text, emoji: true }, value };
}

function encode(value: { q: string; o?: number; deal?: DealId | undefined }, caps: Caps): string {
  const q = Array.from(value.q).slice(0, caps.query).join("");
  return encodeButtonValue({
    q,
    ...(value.o !== undefined ? { o: value.o } : {}),
    ...(value.deal ? { d: value.deal } : {}),
  });
}

/** Notification text: headline, framing sentence and the first source, escaped. */
function fallbackText(answer: Answer): string {
  const first = excerptsOf(answer)[0] ?? null;
  const parts = [answer.title, answer.lead];
  if (first) parts.push(`${first.text} (${first.source.title}, ${formatDate(first.source.published)})`);
  const joined = parts.filter((part) => part.trim() !== "").join("\n");
  return mrkdwnText(joined, LIMITS.fallbackText) || "TPD answer";
}
