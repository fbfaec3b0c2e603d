import type { Message, TextBasedChannel, ThreadChannel } from "discord.js";
import type { TurnContext } from "../../core/follow-up.js";
import type { DealId } from "../../core/model.js";
import { DM_CONTEXT_MS } from "../shared/dm-context.js";
import { decodeAction } from "./custom-id.js";
import { questionFromEmbeds } from "./render.js";

/** The parts of a sent message a follow-up reads: its embeds and its buttons (API shape). */
type AnswerMessage = {
  embeds: readonly { author?: { name: string } | null }[];
  components: readonly { components?: readonly { custom_id?: string }[] }[];
};

/** How many recent messages of a thread or DM are read for the bot's latest answer. */
const RECENT = 20;

/**
 * The context a bot answer carries for a follow-up, read from the message itself: the question it answered
 * (the embed's author line) and, from its "More results" button, where the next page starts and its deal.
 * Null when the message is not an answer; a deal not among `deals` (the bot's own) is refused. Nothing is
 * remembered in the process: the message is the memory.
 */
export function contextOf(message: AnswerMessage, deals: readonly DealId[]): TurnContext | null {
  const query = questionFromEmbeds(message.embeds);
  if (!query) return null;
  for (const row of message.components) {
    for (const component of row.components ?? []) {
      const action = component.custom_id ? decodeAction(component.custom_id, deals) : null;
      if (action?.kind === "more") {
        return {
          query: action.query ?? query,
          ...(action.deal ? { deal: action.deal } : {}),
          next: action.offset,
        };
      }
    }
  }
  return { query, next: null };
}

/** The context of a discord.js message when it is one of the bot's answers. */
export function contextFromAnswer(message: Message | null, deals: readonly DealId[]): TurnContext | null {
  if (!message) return null;
  const embeds = message.embeds.map((embed) => ({
    author: embed.author ? { name: embed.author.name } : null,
  }));
  const components = message.components.map((row) => row.toJSON() as AnswerMessage["components"][number]);
  return contextOf({ embeds, components }, deals);
}

/** The bot's newest answer among a channel's recent messages (fetched from Discord, never cached). */
export async function latestAnswerIn(
  channel: Pick<TextBasedChannel, "messages"> | Pick<ThreadChannel, "messages">,
  reader: { botId: string; deals: readonly DealId[] },
  options: { recentOnly?: boolean } = {},
): Promise<Message | null> {
  const recent = await channel.messages.fetch({ limit: RECENT, cache: false });
  const since = options.recentOnly ? Date.now() - DM_CONTEXT_MS : 0;
  let newest: Message | null = null;
  for (const message of recent.values()) {
    if (message.author.id !== reader.botId || message.createdTimestamp < since) continue;
    if (!contextFromAnswer(message, reader.deals)) continue;
    if (!newest || BigInt(message.id) > BigInt(newest.id)) newest = message;
  }
  return newest;
}

/**
 * Whether a thread is the bot's to answer in, and its context: the bot's latest answer in it, else the answer
 * the thread was started from. Null for a thread that neither started from nor holds an answer of the bot.
 */
export async function threadAnswer(
  thread: ThreadChannel,
  reader: { botId: string; deals: readonly DealId[] },
): Promise<{ context: TurnContext | null } | null> {
  const latest = await latestAnswerIn(thread, reader);
  if (latest) return { context: contextFromAnswer(latest, reader.deals) };
  const starter = await thread.fetchStarterMessage().catch(() => null);
  if (starter?.author.id !== reader.botId) return null;
  const context = contextFromAnswer(starter, reader.deals);
  return context ? { context } : null;
}
