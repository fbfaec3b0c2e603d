import { Assistant, type AssistantConfig } from "@slack/bolt";
import { describeError } from "../../errors.js";
import { NOTICES } from "../shared/notices.js";
import { threadConversation } from "./conversation.js";
import { toQuery } from "./incoming-text.js";
import type { Context, ListenerHost } from "./listeners.js";
import { clientsOf, inConversation, readerOf, render } from "./listeners.js";
import { conversationReply } from "./replies.js";

/** Shown beside the thread while an answer is being made. */
const ANSWERING_STATUS = "is reading the deal texts…";
const TITLE_MAX = 60;
const PROMPTS_MAX = 4;

/**
 * The context travels in the bot's answers (message metadata), so the assistant's own store (which keeps a
 * copy in process memory and edits the first message) is not used.
 */
const NO_STORE: NonNullable<AssistantConfig["threadContextStore"]> = {
  get: async () => ({}),
  save: async () => {},
};

/**
 * Slack's AI-app surface: suggested prompts when a thread opens, a status while answering, a title from the
 * first question, and answers (with follow-ups in context) in the thread. Where a workspace lacks the
 * surface its calls fail; each is tried once and logged, and the answer is sent all the same. Messages in DM
 * threads come here (the Assistant takes them before other listeners) whether or not the surface is on.
 */
export function registerAssistant(app: Pick<ListenerHost, "assistant">, { deps, log }: Context): void {
  const quietly = async (what: string, work: () => Promise<unknown>) => {
    try {
      await work();
    } catch (error) {
      log.info({ err: describeError(error) }, `assistant ${what} not available`);
    }
  };

  app.assistant(
    new Assistant({
      threadContextStore: NO_STORE,
      threadStarted: async ({ setSuggestedPrompts }) => {
        const prompts = deps
          .getBot()
          .overview()
          .examples.slice(0, PROMPTS_MAX)
          .map((example) => ({ title: example.label, message: example.query }));
        await quietly("prompts", () => setSuggestedPrompts({ prompts, title: "Ask about the deals" }));
      },
      threadContextChanged: async () => {},
      userMessage: async ({ message, client, context, body, setStatus, setTitle }) => {
        if (!("user" in message) || !message.user || ("bot_id" in message && message.bot_id)) return;
        if (!("thread_ts" in message) || !message.thread_ts) return;
        const botUserId = context.botUserId;
        const text = toQuery(("text" in message ? message.text : "") ?? "", botUserId);
        const target = { channel: message.channel, threadTs: message.thread_ts };
        const clients = clientsOf(client, deps);
        if (text === "") {
          await quietly("notice", () =>
            conversationReply(clients, target, render({ shareable: false })).notice(
              NOTICES.filesNotRead,
              "error",
            ),
          );
          return;
        }
        await quietly("status", () => setStatus(ANSWERING_STATUS));
        let previous: Awaited<ReturnType<typeof threadConversation>> = { answered: false, context: null };
        if (botUserId) {
          await quietly("thread", async () => {
            previous = await threadConversation(client, { ...target, ...readerOf(deps, botUserId) });
          });
        }
        if (!previous.answered) await quietly("title", () => setTitle(text.slice(0, TITLE_MAX)));
        const asked = inConversation(clients, target, previous.context, {
          via: "assistant",
          surface: "dm",
          text,
          user: message.user,
          team: "team_id" in body && typeof body.team_id === "string" ? body.team_id : null,
          eventId: "event_id" in body && typeof body.event_id === "string" ? body.event_id : null,
        });
        await deps.pipeline.ask(asked.question, asked.reply);
      },
    }),
  );
}
