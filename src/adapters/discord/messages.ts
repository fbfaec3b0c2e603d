import type { Message } from "discord.js";
import { type Bot, dealIds } from "../../core/bot.js";
import type { TurnContext } from "../../core/follow-up.js";
import { describeError } from "../../errors.js";
import type { Surface } from "../../store/types.js";
import { NOTICES } from "../shared/notices.js";
import type { Asked, EntryPoint } from "../shared/pipeline.js";
import { oneLine } from "../shared/safe-text.js";
import { NO_PINGS } from "./client.js";
import { contextFromAnswer, latestAnswerIn, threadAnswer } from "./conversation.js";
import { withFeedback } from "./feedback.js";
import { type DiscordReply, renderAnswer, renderNotice } from "./render.js";

/** How a guild message reached the bot: its mention, its managed role's mention, or a reply to it. */
type Addressed = {
  content: string;
  inGuild: boolean;
  authorIsBot: boolean;
  botId: string;
  /** The bot's managed role in this guild, when it has one. */
  botRoleId?: string | null;
  /** The message replies to one of the bot's (with or without the ping). */
  repliesToBot?: boolean;
};

/** Question text of a message addressed to the bot, or null when the bot should stay quiet. */
export function toQuestion(message: Addressed): string | null {
  if (message.authorIsBot) return null;
  const mention = new RegExp(`<@!?${message.botId}>`, "g");
  const role = message.botRoleId ? new RegExp(`<@&${message.botRoleId}>`, "g") : null;
  const addressed =
    !message.inGuild ||
    mention.test(message.content) ||
    (role?.test(message.content) ?? false) ||
    message.repliesToBot === true;
  if (!addressed) return null;
  const stripped = message.content.replace(mention, " ");
  return oneLine(role ? stripped.replace(role, " ") : stripped);
}

type Lookup = { via: string; previous: TurnContext | null } | null;
type BotRef = { botId: string; getBot: () => Pick<Bot, "deals"> };

/**
 * Messages addressed to the bot: mentions of it or of its role, replies to its messages, DMs, and messages in
 * a thread started from (or answered in by) the bot. A follow-up is read against the answer it replies to,
 * or the bot's latest answer in the thread or DM: the context lives in the platform's messages, not here.
 */
export const messageEntry = {
  name: "message",
  async read(message: Message, getBot: () => Pick<Bot, "deals">): Promise<Asked<DiscordReply> | null> {
    // Webhook and system messages are not people asking.
    if (message.author.bot || message.webhookId !== null || message.system) return null;
    const botId = message.client.user.id;
    const inGuild = message.inGuild();
    const botRoleId = inGuild ? (message.guild.roles.botRoleFor(botId)?.id ?? null) : null;
    const repliesToBot = Boolean(message.reference?.messageId) && message.mentions.repliedUser?.id === botId;
    const bot = { botId, getBot };
    const addressed = toQuestion({
      content: message.content,
      inGuild,
      authorIsBot: false,
      botId,
      botRoleId,
      repliesToBot,
    });

    let text: string;
    let found: Lookup;
    if (addressed !== null) {
      text = addressed;
      found = {
        via: viaOf(message, inGuild, repliesToBot, botRoleId),
        previous: await previousFor(message, repliesToBot, bot),
      };
    } else {
      text = oneLine(message.content);
      found = text !== "" && message.channel.isThread() ? await inThread(message, bot) : null;
    }
    if (!found) return null;
    if (!inGuild && text === "" && message.attachments.size > 0) {
      await send(message, renderNotice(NOTICES.filesNotRead)).catch(() => {});
      return null;
    }
    const question = {
      requestId: message.id,
      via: found.via,
      surface: surfaceOf(found.via),
      user: message.author.id,
      team: message.guildId,
      text,
      ...(found.previous ? { options: { context: found.previous } } : {}),
      awaitsReply: false,
    };
    const reply = {
      render: (answer: Parameters<typeof renderAnswer>[0], feedbackId: string | null) =>
        withFeedback(renderAnswer(answer), feedbackId),
      answer: (body: DiscordReply) => send(message, body),
      notice: (notice: string) => send(message, renderNotice(notice)),
    };
    return { question, reply };
  },
} satisfies EntryPoint<Message, () => Pick<Bot, "deals">, DiscordReply>;

/** How the question log names an entry: a reply, a thread message or a role mention continue a conversation. */
function surfaceOf(via: string): Surface {
  if (via === "dm" || via === "mention") return via;
  return via === "role" ? "mention" : "follow-up";
}

function viaOf(message: Message, inGuild: boolean, repliesToBot: boolean, botRoleId: string | null): string {
  if (!inGuild) return "dm";
  if (repliesToBot) return "reply";
  if (botRoleId && message.content.includes(`<@&${botRoleId}>`)) return "role";
  return "mention";
}

/** Whose answers a follow-up is read against, and the deals their context may name (read when needed). */
const readerOf = ({ botId, getBot }: BotRef) => ({ botId, deals: dealIds(getBot()) });

/** The answer a reply replies to; in a DM otherwise the bot's latest recent answer there. */
async function previousFor(
  message: Message,
  repliesToBot: boolean,
  bot: BotRef,
): Promise<TurnContext | null> {
  try {
    const reader = readerOf(bot);
    if (repliesToBot) return contextFromAnswer(await message.fetchReference(), reader.deals);
    if (!message.inGuild()) {
      const latest = await latestAnswerIn(message.channel, reader, { recentOnly: true });
      return contextFromAnswer(latest, reader.deals);
    }
    if (message.channel.isThread()) return (await threadAnswer(message.channel, reader))?.context ?? null;
  } catch (error) {
    message.client.emit("debug", `follow-up context not read: ${describeError(error).message}`);
  }
  return null;
}

/** A message in a thread that mentions nobody: answered only in a thread started from or answered by the bot. */
async function inThread(message: Message, bot: BotRef): Promise<Lookup> {
  if (!message.channel.isThread()) return null;
  try {
    const answer = await threadAnswer(message.channel, readerOf(bot));
    return answer ? { via: "thread", previous: answer.context } : null;
  } catch {
    return null;
  }
}

async function send(message: Message, reply: DiscordReply): Promise<void> {
  const payload = { ...reply, allowedMentions: NO_PINGS };
  if (message.inGuild()) {
    await message.reply(payload);
  } else if (message.channel.isSendable()) {
    await message.channel.send(payload);
  }
}
