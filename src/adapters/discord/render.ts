import {
  type APIActionRowComponent,
  type APIApplicationCommandOptionChoice,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  type APIEmbedField,
  ButtonStyle,
  ComponentType,
} from "discord.js";
import type { Answer, Citation, CompareRow, Excerpt, Item, Reading, Suggestion } from "../../core/answer.js";
import type { DealId } from "../../core/model.js";
import { formatDate } from "../../core/phrasing.js";
import { neutralise, oneLine, plain, sanitize, truncate, unneutralise } from "../shared/safe-text.js";
import { type ButtonAction, encodeAction } from "./custom-id.js";
import { escapeMarkdown, linkUrl, markdown } from "./text.js";

/** Discord's documented limits (characters). */
export const LIMITS = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  embedTotal: 6000,
  rows: 5,
  buttonsPerRow: 5,
  label: 80,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
} as const;

/** Our own tighter budgets inside one embed, so every part keeps some room within the 6000 total. */
const BUDGET = { footer: 700, fields: 2700, lead: 700, minBlock: 80 } as const;

export type ButtonRow = APIActionRowComponent<APIButtonComponentWithCustomId>;

/** A message body for interaction replies, message replies and DMs alike. */
export type DiscordReply = {
  content?: string;
  embeds: APIEmbed[];
  components: ButtonRow[];
};

export type RenderContext = {
  /** The deal the question was restricted to by the slash option, kept for "More results". */
  deal?: DealId | null;
};

/** Shown before the question in the embed author line; also how a click recovers a long question. */
export const QUESTION_PREFIX = "Q: ";

const COLOR_FOUND = 0x2f6fde;
const COLOR_NOT_FOUND = 0x7a7f87;

/** Renders an Answer as one embed plus buttons, within Discord's limits for any input. */
export function renderAnswer(answer: Answer, context: RenderContext = {}): DiscordReply {
  return { embeds: [answerEmbed(answer)], components: answerButtons(answer, context) };
}

/** A short text-only reply: rate limits, errors, restarts. */
export function renderNotice(text: string): DiscordReply {
  return { content: truncate(neutralise(sanitize(text)), LIMITS.content), embeds: [], components: [] };
}

/** Autocomplete choices from the bot's suggestions: ≤25, names and values 1–100, unique values. */
export function renderChoices(
  suggestions: readonly Suggestion[],
): APIApplicationCommandOptionChoice<string>[] {
  const seen = new Set<string>();
  const choices: APIApplicationCommandOptionChoice<string>[] = [];
  for (const suggestion of suggestions) {
    // A value is the question itself: one that does not fit cannot be offered without changing it.
    const value = oneLine(sanitize(suggestion.query));
    if (value.length === 0 || value.length > LIMITS.choiceValue || seen.has(value)) continue;
    const name = plain(suggestion.label, LIMITS.choiceName) || plain(value, LIMITS.choiceName);
    if (name.length === 0) continue;
    seen.add(value);
    choices.push({ name, value });
    if (choices.length === LIMITS.choices) break;
  }
  return choices;
}

/** The question an answer embed was rendered for, read back from its author line. */
export function questionFromEmbeds(embeds: readonly { author?: { name: string } | null }[]): string | null {
  const name = embeds[0]?.author?.name;
  if (!name?.startsWith(QUESTION_PREFIX)) return null;
  const question = unneutralise(name.slice(QUESTION_PREFIX.length)).replace(/…$/, "").trim();
  return question.length > 0 ? question : null;
}

function answerEmbed(answer: Answer): APIEmbed {
  const title = markdown(oneLine(answer.title), LIMITS.title) || "Technology Prosperity Deals";
  const question = oneLine(sanitize(answer.query));
  const author = question ? { name: plain(`${QUESTION_PREFIX}${question}`, LIMITS.author) } : undefined;
  const footer = whyThisAnswer(answer);
  const fields = answerFields(answer);
  const used =
    title.length +
    (author?.name.length ?? 0) +
    footer.length +
    fields.reduce((sum, field) => sum + field.name.length + field.value.length, 0);
  const description = answerBody(answer, Math.min(LIMITS.description, LIMITS.embedTotal - used)).trim();

  const embed: APIEmbed = { title, color: answer.found ? COLOR_FOUND : COLOR_NOT_FOUND };
  if (author) embed.author = author;
  if (description) embed.description = description;
  if (fields.length > 0) embed.fields = fields;
  if (footer) embed.footer = { text: footer };
  return embed;
}

/** Lead, then excerpts (quoted, with source link and date) or list items; suggestions when nothing was found. */
function answerBody(answer: Answer, budget: number): string {
  const parts: string[] = [];
  const lead = markdown(answer.lead, Math.min(BUDGET.lead, budget));
  if (lead) parts.push(lead);

  const tail: string[] = [];
  if (!answer.found && answer.actions.suggested.length > 0) {
    const labels = answer.actions.suggested.map((s) => oneLine(sanitize(s.label || s.query))).filter(Boolean);
    if (labels.length > 0) tail.push(markdown(`Try: ${labels.join(" · ")}`, 400));
  }

  const room = budget - joinedLength([...parts, ...tail]) - 2 * (tail.length + 1);
  const { body } = answer;
  if (body.kind === "excerpts" && body.excerpts.length > 0) parts.push(...excerptBlocks(body.excerpts, room));
  if (body.kind === "list" && body.items.length > 0) parts.push(...itemLines(body.items, room));

  return finalise([...parts, ...tail].filter(Boolean).join("\n\n"), budget);
}

function excerptBlocks(excerpts: readonly Excerpt[], budget: number): string[] {
  // As many excerpts as get a useful share each; the footer's page count still tells how many matched.
  const shown = Math.min(excerpts.length, Math.floor(budget / (BUDGET.minBlock + 2)));
  if (shown === 0) return [];
  const each = Math.floor(budget / shown) - 2;
  return excerpts.slice(0, shown).map((excerpt) => excerptBlock(excerpt, each));
}

/** `> quote` (or the summary as plain text) and a line naming the source, within `max`. */
function excerptBlock(excerpt: Excerpt, max: number): string {
  const sourceLine = sourceLineWithin(excerpt, Math.min(700, Math.floor(max * 0.6)));
  const room = max - sourceLine.length - 1;
  const escaped = neutralise(escapeMarkdown(sanitize(excerpt.text).trim())).replace(/\n{2,}/g, "\n");
  const text = excerpt.kind === "quote" ? quoteLines(escaped) : escaped;
  return [truncate(text, room), sourceLine].filter(Boolean).join("\n");
}

/** The citation, shortening its title (never the URL) until it fits; only the link's text goes last. */
function sourceLineWithin(excerpt: Excerpt, max: number): string {
  const head = `— ${excerpt.kind === "summary" ? "summary of " : ""}`;
  for (const titleMax of [120, 60, 30, 12]) {
    const line = head + citation(excerpt.source, titleMax);
    if (line.length <= max) return line;
  }
  const bare = `${head}${markdown(oneLine(excerpt.source.title), 40) || "source"}`;
  return bare.length <= max ? bare : "";
}

function quoteLines(text: string): string {
  return text
    .split("\n")
    .map((line) => `> ${line}`)
    .join("\n");
}

function itemLines(items: readonly Item[], budget: number): string[] {
  const perItem = 160;
  const shown = Math.min(items.length, Math.max(0, Math.floor((budget - 40) / perItem)));
  if (shown === 0) return [];
  const each = Math.floor((budget - 40) / shown) - 1;
  const lines = items.slice(0, shown).map((item) => itemLine(item, each));
  const rest = items.length - shown;
  if (rest > 0) lines.push(`…and ${rest} more.`);
  return [lines.join("\n")];
}

function itemLine(item: Item, max: number): string {
  const title = markdown(oneLine(item.title), 120);
  const source = item.source ? ` (${citation(item.source, 60)})` : "";
  const head = title ? `• **${title}** — ` : "• ";
  const room = max - head.length - (source.length <= max / 2 ? source.length : 0);
  const text = markdown(oneLine(item.text), Math.max(0, room));
  return truncate(`${head}${text}${source.length <= max / 2 ? source : ""}`, max);
}

/** `[Title](url) · Publisher · 18 September 2025`, with the link dropped when the URL is unusable. */
function citation(source: Citation, titleMax = 120): string {
  const title = markdown(oneLine(source.title), titleMax) || "source";
  const href = linkUrl(source.url);
  const link = href ? `[${title}](${href})` : title;
  const publisher = markdown(oneLine(source.publisher), 60);
  const label = markdown(oneLine(source.label), 120);
  return [link, publisher, markdown(formatDate(source.published), 40), label].filter(Boolean).join(" · ");
}

/** Compare rows as one field per deal, then notes; all within a shared budget. */
function answerFields(answer: Answer): APIEmbedField[] {
  const rows = answer.body.kind === "comparison" ? answer.body.rows.slice(0, LIMITS.fields - 1) : [];
  const count = rows.length + (answer.notes.length > 0 ? 1 : 0);
  if (count === 0) return [];
  const each = Math.min(LIMITS.fieldValue, Math.floor(BUDGET.fields / count) - 40);
  const fields = rows.map((row) => compareField(row, each));
  if (answer.notes.length > 0) {
    const notes = answer.notes.map((note) => `• ${oneLine(sanitize(note))}`).join("\n");
    fields.push({
      name: answer.notes.length === 1 ? "Note" : "Notes",
      value: nonBlank(markdown(notes, each)),
    });
  }
  return fields;
}

function compareField(row: CompareRow, max: number): APIEmbedField {
  const name = markdown(oneLine(row.dealName), 40) || row.deal;
  const value = row.excerpt
    ? excerptBlock(row.excerpt, max)
    : markdown(row.note ?? "Nothing on this in the deal text.", max);
  return { name, value: nonBlank(finalise(value, max)) };
}

/** The footer: how the question was read, which page of excerpts this is, and whether it was shortened. */
function whyThisAnswer(answer: Answer): string {
  const lines: string[] = [];
  const readings = answer.readings.map(describeReading).filter(Boolean);
  lines.push(
    readings.length > 0
      ? `Why this answer: read ${readings.join("; ")}`
      : "Why this answer: no deal or topic recognised, so the deal texts were searched for your words",
  );
  const { offset, shown, total } = answer.page;
  if (shown > 0 && total > shown) lines.push(`Excerpts ${offset + 1}–${offset + shown} of ${total}`);
  if (answer.shortened) lines.push("Your question was long, so only its start was read.");
  return truncate(lines.map((line) => plain(line, BUDGET.footer)).join("\n"), BUDGET.footer);
}

function describeReading(reading: Reading): string {
  const words = oneLine(sanitize(reading.words));
  if (!words) return "";
  const as = oneLine(sanitize(reading.as));
  const carried = reading.carried ? " (from earlier in the conversation)" : "";
  return `“${truncate(words, 60)}” as ${reading.kind} ${truncate(as, 40)}${reading.fuzzy ? " (close spelling)" : ""}${carried}`;
}

/** More results / Compare across deals on the first row; follow-up questions on the second. */
function answerButtons(answer: Answer, context: RenderContext): ButtonRow[] {
  const seen = new Set<string>();
  const button = (
    action: ButtonAction,
    label: string,
    style: ButtonStyle.Primary | ButtonStyle.Secondary,
  ) => {
    const customId = encodeAction(action);
    const text = plain(label, LIMITS.label);
    if (!customId || !text || seen.has(customId)) return null;
    seen.add(customId);
    return { type: ComponentType.Button, custom_id: customId, label: text, style } as const;
  };

  const { more, compare, suggested } = answer.actions;
  const query = oneLine(sanitize(answer.query));
  const main = [
    more
      ? button(
          { kind: "more", offset: more.offset, deal: context.deal ?? null, query: query || null },
          "More results",
          ButtonStyle.Primary,
        )
      : null,
    compare
      ? button({ kind: "compare", topics: compare.topics }, "Compare across deals", ButtonStyle.Secondary)
      : null,
  ];
  const asks = suggested.map((s) => {
    const question = oneLine(sanitize(s.query));
    return question
      ? button({ kind: "ask", query: question }, s.label || question, ButtonStyle.Secondary)
      : null;
  });

  return [main, asks]
    .map((row) => row.filter((b) => b !== null).slice(0, LIMITS.buttonsPerRow))
    .filter((row) => row.length > 0)
    .map((components) => ({ type: ComponentType.ActionRow, components }));
}

/** Discord rejects blank field values; a zero-width space is the conventional filler. */
function nonBlank(text: string): string {
  return text.trim() || "\u200b";
}

function joinedLength(parts: readonly string[]): number {
  return parts.reduce((sum, part) => sum + part.length, 0);
}

/** Re-applies mention breaking on assembled text (pieces may meet to form `<@`) and the length cap. */
function finalise(text: string, max: number): string {
  return truncate(neutralise(text), Math.max(0, max));
}
