import type { Message } from "discord.js";
import {
  ask,
  ERROR_TEXT,
  type HandlerDeps,
  logAnswered,
  logFailed,
  logLimited,
  type Question,
  slowDownText,
} from "./ask.js";
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
export function createMessageHandler(deps: HandlerDeps): (message: Message) => Promise<void> {
  const notices = createNoticeGate();
  return async (message) => {
    const botId = message.client.user.id;
    const text = toQuestion({
      content: message.content,
      inGuild: message.inGuild(),
      // Webhook and system messages are not people asking.
      authorIsBot: message.author.bot || message.webhookId !== null || message.system,
      botId,
    });
    if (text === null || !deps.accepting()) return;

    const startedAt = performance.now();
    const question: Question = {
      requestId: message.id,
      entry: message.inGuild() ? "mention" : "dm",
      user: message.author.id,
      guild: message.guildId,
      text,
      options: {},
    };
    try {
      const outcome = await ask(deps, question);
      if (outcome.kind === "limited") {
        logLimited(deps, question);
        // One notice per user and window: answering every extra message would defeat the limit.
        if (notices.shouldNotify(question.user, outcome.retryAfterMs)) {
          await send(message, renderNotice(slowDownText(outcome.retryAfterMs)));
        }
        return;
      }
      await send(message, withFeedback(renderAnswer(outcome.answer), outcome.questionId));
      logAnswered(deps, question, outcome.answer, startedAt);
    } catch (error) {
      // The id and entry only: the question's text and author stay out of the logs.
      const context = { requestId: question.requestId, entry: question.entry };
      logFailed(deps, context, error, startedAt);
      try {
        await send(message, renderNotice(ERROR_TEXT));
      } catch (replyError) {
        logFailed(deps, context, replyError, startedAt);
      }
    }
  };
}

async function send(message: Message, reply: DiscordReply): Promise<void> {
  const payload = { ...reply, allowedMentions: NO_PINGS };
  if (message.inGuild()) {
    await message.reply(payload);
  } else if (message.channel.isSendable()) {
    await message.channel.send(payload);
  }
}

function createNoticeGate(maxUsers = 10_000) {
  const until = new Map<string, number>();
  return {
    shouldNotify(user: string, retryAfterMs: number): boolean {
      const now = Date.now();
      if ((until.get(user) ?? 0) > now) return false;
      until.delete(user);
      until.set(user, now + retryAfterMs);
      if (until.size > maxUsers) {
        const oldest = until.keys().next().value;
        if (oldest !== undefined) until.delete(oldest);
      }
      return true;
    },
  };
}
