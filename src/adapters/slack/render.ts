import { type Answer, type Citation, type Excerpt, excerptsOf } from "../../core/answer.js";
import type { DealId } from "../../core/model.js";
import { formatDate } from "../../core/phrasing.js";
import * as plan from "../shared/render-plan.js";
import { plain } from "../shared/safe-text.js";
import type { ActionsBlock, Block, Button, ContextBlock, SectionBlock, SlackMessage } from "./blocks.js";
import { LIMITS } from "./blocks.js";
import { encodeButtonValue } from "./button-values.js";
import { linkUrl, mrkdwnText } from "./escape.js";
import { withFeedback } from "./feedback.js";
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
  /** Adds 👍/👎 carrying this question id, when they fit within Slack's limits. */
  feedbackId?: string | null;
};

/** Answer -> Block Kit with a plain-text fallback, within Slack's limits for any input. Pure. */
export function renderAnswer(answer: Answer, options: RenderOptions): SlackMessage {
  const shown = plan.fitted(
    (caps) => sized(renderBlocks(answer, options, caps)),
    ({ blocks, jsonLength }) => blocks.length <= LIMITS.blocks && jsonLength <= LIMITS.blocksJson,
    () => sized([header(answer.title), section(mrkdwnText(answer.lead, 500)), context(plan.WORDING.tooLong)]),
  );
  const blocks = options.feedbackId ? withFeedback(shown, options.feedbackId) : shown.blocks;
  return { text: fallbackText(answer), blocks };
}

/** Blocks with the length of their JSON, measured once (what Slack's size limit counts). */
const sized = (blocks: Block[]) => ({ blocks, jsonLength: JSON.stringify(blocks).length });

function renderBlocks(answer: Answer, options: RenderOptions, caps: plan.Caps): Block[] {
  const blocks: Block[] = [header(answer.title)];
  if (answer.lead.trim() !== "") blocks.push(section(mrkdwnText(answer.lead, caps.lead)));
  if (answer.shortened) blocks.push(context(plan.WORDING.shortened));
  blocks.push(...plan.bodyParts(answer, caps).map((part) => partBlock(part, caps)));
  const notes = plan.notesOf(answer);
  if (notes.length > 0) {
    const each = Math.min(caps.note, Math.floor(LIMITS.sectionText / notes.length) - 12);
    blocks.push(section(notes.map((note) => `:warning: ${mrkdwnText(note, each)}`).join("\n")));
  }
  const why = plan
    .readingsOf(answer, caps)
    .map(
      (reading) =>
        `“${mrkdwnText(reading.words, caps.words)}” → ${reading.kind} ${mrkdwnText(reading.as, caps.words)}${reading.marks}`,
    );
  const range = plan.pageRange(answer);
  const about = [
    why.length > 0 ? `Why this answer: ${why.join(" · ")}` : "",
    range ? `Showing ${range} matches.` : "",
    options.footer ? mrkdwnText(options.footer, 300) : "",
  ].filter((line) => line !== "");
  if (about.length > 0) blocks.push(context(...about));
  if (options.sharedBy && /^[UW][A-Z0-9]{2,20}$/.test(options.sharedBy)) {
    blocks.push(context(`Shared by <@${options.sharedBy}>`));
  }
  const deal = options.deal ?? undefined;
  const { more, compare, share } = answer.actions;
  const buttons = [
    more ? button(ACTION.more, plan.WORDING.more, { q: answer.query, o: more.offset, deal }, caps) : null,
    compare ? button(ACTION.compare, plan.WORDING.compare, { q: compare.query }, caps) : null,
    options.shareable && share
      ? {
          ...button(ACTION.share, "Share in channel", { q: answer.query, o: answer.page.offset, deal }, caps),
          style: "primary" as const,
        }
      : null,
  ];
  // A list's items carry their own "Ask" buttons.
  const asks = plan
    .followUps(answer, caps, true)
    .map((s, index) => button(`${ACTION.askPrefix}s${index}`, s.label, { q: s.query }, caps));
  for (const elements of [buttons.filter((b): b is Button => b !== null), asks]) {
    if (elements.length > 0) blocks.push({ type: "actions", elements } satisfies ActionsBlock);
  }
  return blocks;
}

function partBlock(part: plan.BodyPart, caps: plan.Caps): Block {
  switch (part.kind) {
    case "excerpt":
      return section(cited(part.deal ? `*${mrkdwnText(part.deal, caps.words)}*\n` : "", part.excerpt, caps));
    case "row": {
      const name = `*${mrkdwnText(part.deal, caps.title)}*\n`;
      return section(
        part.excerpt ? cited(name, part.excerpt, caps) : `${name}_${mrkdwnText(part.note, caps.note)}_`,
      );
    }
    case "item": {
      const { item, index } = part;
      const title = item.title.trim() ? `*${mrkdwnText(item.title, caps.title)}*\n` : "";
      const source = item.source ? `\n${sourceLine("document", item.source, caps)}` : "";
      const ask = item.query?.trim()
        ? button(`${ACTION.askPrefix}i${index}`, "Ask", { q: item.query }, caps)
        : undefined;
      return section(`${title}${mrkdwnText(item.text, caps.item)}${source}`, ask);
    }
    case "more-items":
      return context(part.text);
  }
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

/** Heading, the quote (or summary) and its source line, the text cut so the section stays within Slack's limit. */
function cited(head: string, excerpt: Excerpt, caps: plan.Caps): string {
  const source = sourceLine(excerpt.kind, excerpt.source, caps);
  let room = Math.min(caps.excerpt, LIMITS.sectionText - head.length - source.length - 1);
  for (;;) {
    const body = mrkdwnText(excerpt.text, Math.max(0, room));
    const quoted = excerpt.kind === "quote" ? body.replace(/^/gm, ">") : body;
    const text = `${head}${quoted}\n${source}`;
    if (text.length <= LIMITS.sectionText || room <= 0) return text;
    room -= text.length - LIMITS.sectionText;
  }
}

/** Each citation's source lines by kind and title budget: a passage's citation is one object (see the core). */
const sourceLines = new WeakMap<Citation, Map<string, string>>();

function sourceLine(kind: Excerpt["kind"] | "document", source: Citation, caps: plan.Caps): string {
  const lines = sourceLines.get(source) ?? new Map<string, string>();
  sourceLines.set(source, lines);
  const key = `${kind} ${caps.title}`;
  const line = lines.get(key) ?? writtenSourceLine(kind, source, caps);
  lines.set(key, line);
  return line;
}

function writtenSourceLine(kind: Excerpt["kind"] | "document", source: Citation, caps: plan.Caps): string {
  const title = mrkdwnText(source.title, caps.title) || "Source";
  const url = linkUrl(source.url);
  const publisher = source.publisher.trim() ? `, ${mrkdwnText(source.publisher, caps.title)}` : "";
  const label = source.label.trim() ? `\n${mrkdwnText(source.label, caps.title)}` : "";
  const date = mrkdwnText(formatDate(source.published), 40);
  return `${plan.sourceHead(kind)}${url ? `<${url}|${title}>` : title}${publisher}, ${date}${label}`;
}

function button(
  actionId: string,
  label: string,
  value: { q: string; o?: number; deal?: DealId | undefined },
  caps: plan.Caps,
): Button {
  const text = plain(label, LIMITS.buttonText) || "Ask";
  const encoded = encodeButtonValue({
    q: Array.from(value.q).slice(0, caps.query).join(""),
    ...(value.o !== undefined ? { o: value.o } : {}),
    ...(value.deal ? { d: value.deal } : {}),
  });
  return {
    type: "button",
    action_id: actionId,
    text: { type: "plain_text", text, emoji: true },
    value: encoded,
  };
}

/** Notification text: headline, framing sentence and the first source, escaped. */
function fallbackText(answer: Answer): string {
  const first = excerptsOf(answer)[0] ?? null;
  const parts = [answer.title, answer.lead];
  if (first) parts.push(`${first.text} (${first.source.title}, ${formatDate(first.source.published)})`);
  const joined = parts.filter((part) => part.trim() !== "").join("\n");
  return mrkdwnText(joined, LIMITS.fallbackText) || "TPD answer";
}
