import type { Message } from "discord.js";
import type { Asked, EntryPoint } from "../shared/pipeline.js";
import { NO_PINGS } from "./client.js";
import { withFeedback } from "./feedback.js";
import { type DiscordReply, renderAnswer, renderNotice } from "./render.js";

/** Question text of a message addressed to the bot, or null when the bot should stay quiet. */
export function toQuestion(message: {
  content: string;
  inGuild: boolean;
  authorIsBot: boolean;
  botId: string;
}): string | null {
  if (message.authorIsBot) return null;
  const mention = new RegExp(`<@!?${message.botId}>`, "g");
  if (message.inGuild && !mention.test(message.content)) return null;
  return message.content.replace(mention, " ").replace(/\s+/g, " ").trim();
}

/** Mentions in guild channels get a reply to the message; DMs get an answer in the DM. */
export const messageEntry = {
  name: "message",
  read(message: Message): Asked<DiscordReply> | null {
    const text = toQuestion({
      content: message.content,
      inGuild: message.inGuild(),
      // Webhook and system messages are not people asking.
      authorIsBot: message.author.bot || message.webhookId !== null || message.system,
      botId: message.client.user.id,
    });
    if (text === null) return null;
    const via = message.inGuild() ? ("mention" as const) : ("dm" as const);
    const question = {
      requestId: message.id,
      via,
      surface: via,
      user: message.author.id,
      team: message.guildId,
      text,
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
} satisfies EntryPoint<Message, unknown, DiscordReply>;

async function send(message: Message, reply: DiscordReply): Promise<void> {
  const payload = { ...reply, allowedMentions: NO_PINGS };
  if (message.inGuild()) {
    await message.reply(payload);
  } else if (message.channel.isSendable()) {
    await message.channel.send(payload);
  }
}
