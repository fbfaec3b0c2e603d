import {
  type APIActionRowComponent,
  type APIApplicationCommandOptionChoice,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  type APIEmbedField,
  ButtonStyle,
  ComponentType,
} from "discord.js";
import type { Answer, Citation, Excerpt, Item, Suggestion } from "../../core/answer.js";
import type { DealId } from "../../core/model.js";
import { formatDate } from "../../core/phrasing.js";
import * as plan from "../shared/render-plan.js";
import { neutralise, oneLine, plain, sanitize, truncate, unneutralise } from "../shared/safe-text.js";
import { type ButtonAction, encodeAction } from "./custom-id.js";
import { linkUrl, markdown } from "./text.js";

/** Discord's documented limits (characters). */
export const LIMITS = {
  ...{
    content: 2000,
    embeds: 10,
    title: 256,
    description: 4096,
    fields: 25,
    fieldName: 256,
    fieldValue: 1024,
  },
  ...{ footer: 2048, author: 256, embedTotal: 6000, rows: 5, buttonsPerRow: 5, label: 80 },
  ...{ choices: 25, choiceName: 100, choiceValue: 100, commandDescription: 100 },
} as const;
/** Our own cap on the footer, so the body keeps most of the embed's 6000. */
const FOOTER_MAX = 700;

export type ButtonRow = APIActionRowComponent<APIButtonComponentWithCustomId>;

/** A message body for interaction replies, message replies and DMs alike. */
export type DiscordReply = { content?: string; embeds: APIEmbed[]; components: ButtonRow[] };

type RenderContext = {
  /** The deal the question was restricted to by the slash option, kept for "More results". */
  deal?: DealId | null;
};

/** Shown before the question in the embed author line; also how a click recovers a long question. */
const QUESTION_PREFIX = "Q: ";

/** Renders an Answer as one embed plus buttons, within Discord's limits for any input. */
export function renderAnswer(answer: Answer, context: RenderContext = {}): DiscordReply {
  return plan.fitted(
    (caps) => ({ embeds: [answerEmbed(answer, caps)], components: answerButtons(answer, context, caps) }),
    (reply) => reply.embeds.every(withinLimits),
    (caps) => {
      const bare: Answer = { ...answer, body: { kind: "list", items: [] }, notes: [plan.WORDING.tooLong] };
      return { embeds: [answerEmbed(bare, caps)], components: [] };
    },
  );
}

/** A short text-only reply: rate limits, errors, restarts. */
export function renderNotice(text: string): DiscordReply {
  return { content: truncate(neutralise(sanitize(text)), LIMITS.content), embeds: [], components: [] };
}

/** Autocomplete choices from the bot's suggestions: ≤25, names and values 1–100, unique values. */
export function renderChoices(
  suggestions: readonly Suggestion[],
): APIApplicationCommandOptionChoice<string>[] {
  // A value is the question itself: one that does not fit cannot be offered without changing it.
  return plan
    .distinctQuestions(suggestions)
    .filter(({ query }) => query.length <= LIMITS.choiceValue)
    .slice(0, LIMITS.choices)
    .map(({ label, query }) => ({
      name: plain(label, LIMITS.choiceName) || plain(query, LIMITS.choiceName),
      value: query,
    }));
}

/** The question an answer embed was rendered for, read back from its author line. */
export function questionFromEmbeds(embeds: readonly { author?: { name: string } | null }[]): string | null {
  const name = embeds[0]?.author?.name;
  if (!name?.startsWith(QUESTION_PREFIX)) return null;
  const question = unneutralise(name.slice(QUESTION_PREFIX.length)).replace(/…$/, "").trim();
  return question.length > 0 ? question : null;
}

/** The parts that could outgrow a limit are built whole; a rendering that does not fit is made again smaller. */
function withinLimits(embed: APIEmbed): boolean {
  const fields = embed.fields ?? [];
  const parts = [embed.title, embed.author?.name, embed.description, embed.footer?.text];
  const total =
    fields.reduce((sum, field) => sum + field.name.length + field.value.length, 0) +
    parts.reduce((sum, part) => sum + (part?.length ?? 0), 0);
  return (
    total <= LIMITS.embedTotal &&
    (embed.description?.length ?? 0) <= LIMITS.description &&
    fields.every((field) => field.value.length <= LIMITS.fieldValue)
  );
}

/** Title, the question as author, lead and body in the description, rows and notes as fields, why in the footer. */
function answerEmbed(answer: Answer, caps: plan.Caps): APIEmbed {
  const question = oneLine(sanitize(answer.query));
  const embed: APIEmbed = {
    title: markdown(oneLine(sanitize(answer.title)), LIMITS.title) || "Technology Prosperity Deals",
    color: answer.found ? 0x2f6fde : 0x7a7f87,
  };
  if (question) embed.author = { name: plain(`${QUESTION_PREFIX}${question}`, LIMITS.author) };
  const blocks = [markdown(answer.lead, caps.lead)];
  const listed: string[] = [];
  const fields: APIEmbedField[] = [];
  for (const part of plan.bodyParts(answer, caps)) {
    if (part.kind === "excerpt") {
      const heading = part.deal ? markdown(oneLine(sanitize(part.deal)), caps.words) : "";
      const deal = heading ? `**${heading}**\n` : "";
      blocks.push(`${deal}${cited(part.excerpt, caps)}`);
    } else if (part.kind === "row") {
      const value = part.excerpt ? cited(part.excerpt, caps) : markdown(part.note, caps.note);
      // A name of control characters alone sanitises to nothing: the field still needs one.
      fields.push({ name: markdown(oneLine(sanitize(part.deal)), 40) || "deal", value: fieldValue(value) });
    } else listed.push(part.kind === "item" ? itemLine(part.item, caps) : part.text);
  }
  blocks.push(listed.join("\n"));
  const { suggested } = answer.actions;
  if (!answer.found && suggested.length > 0) {
    const labels = suggested.map((s) => oneLine(sanitize(s.label || s.query))).filter(Boolean);
    if (labels.length > 0) blocks.push(markdown(`Try: ${labels.join(" · ")}`, 400));
  }
  const description = neutralise(blocks.filter(Boolean).join("\n\n")).trim();
  if (description) embed.description = description;
  const notes = plan.notesOf(answer);
  if (notes.length > 0) {
    const bullets = notes.map((note) => `• ${oneLine(sanitize(note))}`).join("\n");
    fields.push({
      name: notes.length === 1 ? "Note" : "Notes",
      value: fieldValue(markdown(bullets, caps.note)),
    });
  }
  if (fields.length > 0) embed.fields = fields.slice(0, LIMITS.fields);
  embed.footer = { text: footer(answer, caps) };
  return embed;
}

function itemLine({ title, text, source }: Item, caps: plan.Caps): string {
  const head = title.trim() ? `• **${markdown(oneLine(title), caps.title)}** — ` : "• ";
  const cite = source ? ` (${citation(source, caps)})` : "";
  return `${head}${markdown(oneLine(text), caps.item)}${cite}`;
}

/** `> quote` (or the summary as plain text) and a line naming the source. */
function cited(excerpt: Excerpt, caps: plan.Caps): string {
  const text = markdown(excerpt.text.trim(), caps.excerpt).replace(/\n{2,}/g, "\n");
  const shown = excerpt.kind === "quote" ? text.replace(/^/gm, "> ") : text;
  return `${shown}\n${plan.sourceHead(excerpt.kind)}${citation(excerpt.source, caps)}`;
}

/** `[Title](url) · Publisher · 18 September 2025 · label`, with the link dropped when the URL is unusable. */
function citation(source: Citation, caps: plan.Caps): string {
  const title = markdown(oneLine(source.title), caps.title) || "source";
  const href = linkUrl(source.url);
  const rest = [source.publisher, formatDate(source.published), source.label].map((part) =>
    markdown(oneLine(part), caps.title),
  );
  return [href ? `[${title}](${href})` : title, ...rest].filter(Boolean).join(" · ");
}

/** How the question was read, which page of excerpts this is, and whether the question was shortened. */
function footer(answer: Answer, caps: plan.Caps): string {
  const line = (text: string) => truncate(oneLine(sanitize(text)), caps.words);
  const readings = plan
    .readingsOf(answer, caps)
    .map((r) => `“${line(r.words)}” as ${r.kind} ${line(r.as)}${r.marks}`);
  const range = plan.pageRange(answer);
  const lines = [
    readings.length > 0
      ? `Why this answer: read ${readings.join("; ")}`
      : "Why this answer: no deal or topic recognised, so the deal texts were searched for your words",
    range ? `Excerpts ${range}` : "",
    answer.shortened ? plan.WORDING.shortened : "",
  ];
  const shown = lines.filter(Boolean).map((text) => plain(text, FOOTER_MAX));
  return truncate(shown.join("\n"), FOOTER_MAX);
}

/** More results / Compare across deals on the first row; follow-up questions on the second. */
function answerButtons(answer: Answer, context: RenderContext, caps: plan.Caps): ButtonRow[] {
  const { more, compare } = answer.actions;
  const query = oneLine(sanitize(answer.query)) || null;
  const main: [ButtonAction, string][] = [];
  if (more)
    main.push([{ kind: "more", offset: more.offset, deal: context.deal ?? null, query }, plan.WORDING.more]);
  if (compare) main.push([{ kind: "compare", topics: compare.topics }, plan.WORDING.compare]);
  const asks = plan
    .followUps(answer, caps)
    .map((s): [ButtonAction, string] => [{ kind: "ask", query: s.query }, s.label]);
  const seen = new Set<string>();
  return [main, asks].flatMap((row) => {
    const components = row.flatMap(([action, label]) => {
      const customId = encodeAction(action);
      const text = plain(label, LIMITS.label);
      if (!customId || !text || seen.has(customId)) return [];
      seen.add(customId);
      const style = action.kind === "more" ? ButtonStyle.Primary : ButtonStyle.Secondary;
      return [{ type: ComponentType.Button, custom_id: customId, label: text, style } as const];
    });
    return components.length > 0
      ? [{ type: ComponentType.ActionRow, components: components.slice(0, LIMITS.buttonsPerRow) }]
      : [];
  });
}

/** Mentions broken again (pieces may meet to form `<@`); Discord rejects blank field values, and a zero-width space is the usual filler. */
function fieldValue(text: string): string {
  return neutralise(text).trim() || "\u200b";
}
