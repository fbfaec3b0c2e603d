import { randomUUID } from "node:crypto";
import type {
  AllMiddlewareArgs,
  AnyMiddlewareArgs,
  App,
  BlockAction,
  ButtonAction,
  RespondArguments,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
  SlackEventMiddlewareArgs,
  SlackShortcutMiddlewareArgs,
} from "@slack/bolt";
import type { Answer, AnswerOptions } from "../../core/answer.js";
import { type Bot, dealIds } from "../../core/bot.js";
import { contextOf, type TurnContext } from "../../core/follow-up.js";
import { describeError } from "../../errors.js";
import type { Logger } from "../../logger.js";
import type { InFlight } from "../shared/in-flight.js";
import { NOTICES } from "../shared/notices.js";
import type { Asked as AskedOf, EntryPoint, Pipeline, Question } from "../shared/pipeline.js";
import { RECEIVED_AT, type SlackAppOptions } from "./app.js";
import { registerAssistant } from "./assistant.js";
import type { SlackMessage } from "./blocks.js";
import { decodeButtonValue } from "./button-values.js";
import { answerMetadata, dmConversation, threadConversation } from "./conversation.js";
import type { DedupeStore } from "./dedupe.js";
import { renderHome } from "./home.js";
import { toQuery } from "./incoming-text.js";
import {
  ACTION,
  ASK_ABOUT_MESSAGE_CALLBACK,
  QUESTION_ACTION_PATTERN,
  SLASH_COMMAND,
} from "./registration.js";
import { type RenderOptions, renderAnswer } from "./render.js";
import {
  buttonReply,
  conversationReply,
  privateNotice,
  privateReply,
  type SlackClients,
  shareReply,
} from "./replies.js";

type ListenerDeps = {
  pipeline: Pipeline;
  /** The current bot, for what is not a question: the Home tab's overview. */
  getBot: () => Bot;
  dedupe: DedupeStore;
  lifecycle: InFlight;
  logger: Logger;
  /** The client answers go through, and the one notices go through (see app.ts). */
  noticeClient?: SlackClients["notices"];
};

export const SLACK_USAGE =
  "Ask privately with /tpd followed by your question, mention me in a channel to get the answer in a thread, or send me a direct message.";

/** The part of a Bolt App that listeners register on. */
export type ListenerHost = Pick<
  App,
  "use" | "command" | "event" | "action" | "shortcut" | "assistant" | "error"
>;

/** What an entry point makes of one Slack payload: the question and how to reply, or null to stay quiet. */
type Asked = AskedOf<SlackMessage> | null;
export type Context = { deps: ListenerDeps; log: Logger };

export const render =
  (options: Omit<RenderOptions, "footer">) =>
  (answer: Answer, feedbackId: string | null): SlackMessage =>
    renderAnswer(answer, { ...options, footer: answer.intent === "help" ? SLACK_USAGE : null, feedbackId });

/**
 * An answer posted in a conversation carries the context a follow-up reads (as message metadata), so the
 * next question in the thread or DM is read against it on any replica.
 */
const renderInConversation = (answer: Answer, feedbackId: string | null): SlackMessage => ({
  ...render({ shareable: false })(answer, feedbackId),
  metadata: answerMetadata(contextOf(answer)),
});

/** The previous answer a question is read against, when Slack can tell it; a failed lookup asks afresh. */
async function contextOr(
  lookup: () => Promise<{ context: TurnContext | null }>,
  log: Logger,
): Promise<TurnContext | null> {
  try {
    return (await lookup()).context;
  } catch (error) {
    log.warn({ err: describeError(error) }, "could not read the conversation; answering without context");
    return null;
  }
}

/** Whose answers to look for in a conversation, and the deals a context read back may name. */
export const readerOf = (deps: ListenerDeps, botUserId: string) => ({
  botUserId,
  deals: dealIds(deps.getBot()),
});

/** Logs a notice that could not be sent; a failed notice never fails the listener. */
const noticeFailed = (log: Logger) => (error: unknown) =>
  log.warn({ err: describeError(error) }, "could not send notice");

/** A question asked in a conversation (a mention, a thread reply, a DM): answered there, read against `previous`. */
export function inConversation(
  clients: SlackClients,
  target: Parameters<typeof conversationReply>[1],
  previous: TurnContext | null,
  fields: Pick<Question, "via" | "surface" | "text" | "user" | "team" | "eventId">,
): AskedOf<SlackMessage> {
  return {
    question: question({
      ...fields,
      awaitsReply: false,
      ...(previous ? { options: { context: previous } } : {}),
    }),
    reply: conversationReply(clients, target, renderInConversation),
  };
}

const question = (fields: Omit<Question, "requestId">): Question => ({
  requestId: randomUUID(),
  ...fields,
});

export const clientsOf = (client: SlackClients["answers"], deps: ListenerDeps): SlackClients => ({
  answers: client,
  notices: deps.noticeClient ?? client,
});

/** The question a `/tpd` carries. */
const commandQuestion = (
  body: { text?: string; user_id: string; team_id?: string },
  askedAt: Pick<Question, "askedAt">,
): Question =>
  question({
    via: "command",
    surface: "slash",
    text: toQuery(body.text ?? "") || "help",
    user: body.user_id,
    team: body.team_id ?? null,
    awaitsReply: true,
    ...askedAt,
  });

/**
 * `/tpd question`: a private answer with a Share button, in the acknowledgement when ready in time. Over HTTP
 * the receiver hands commands to `takeCommand` before Bolt; this listener takes them over Socket Mode.
 */
const command = {
  name: "command",
  read({ command: body, respond, ack, context }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Asked {
    // When the request reached this process, as the receiver recorded it (see app.ts).
    const at = context[RECEIVED_AT];
    const asked = commandQuestion(body, typeof at === "number" ? { askedAt: at } : {});
    return { question: asked, reply: privateReply(respond, render({ shareable: true }), ack) };
  },
} satisfies EntryPoint<SlackCommandMiddlewareArgs & AllMiddlewareArgs, Context, SlackMessage>;

/**
 * A signed `/tpd` as the receiver sees it before Bolt (HTTP mode), answered right there by the pipeline as
 * any question is: in the acknowledgement when ready within the budget, else "working on it…" and the answer
 * on its response_url; "busy" at once while the queue is full. Bolt's routing of a command (its middleware
 * and every listener's filters) costs about an eighth of a `/tpd`'s CPU and adds nothing here: the receiver
 * checked the signature, Slack never retries a command, and the pipeline replies to every failure itself.
 */
export const takeCommand =
  (pipeline: Pipeline): NonNullable<SlackAppOptions["takeCommand"]> =>
  (fields, askedAt, { ack, respond }) => {
    const { command: name, user_id: user, text, team_id: team } = fields;
    if (name !== SLASH_COMMAND || typeof user !== "string") return false;
    const body = {
      user_id: user,
      text: typeof text === "string" ? text : "",
      ...(typeof team === "string" ? { team_id: team } : {}),
    };
    const acknowledge = async (response?: string | RespondArguments) =>
      ack(typeof response === "string" ? { text: response } : (response ?? {}));
    void pipeline.ask(
      commandQuestion(body, { askedAt }),
      privateReply(respond, render({ shareable: true }), acknowledge),
    );
    return true;
  };

/** A mention in a channel: the answer in the thread; inside a thread the bot answered, read in its context. */
const mention = {
  name: "mention",
  async read(
    { event, client, context, body }: SlackEventMiddlewareArgs<"app_mention"> & AllMiddlewareArgs,
    { deps, log }: Context,
  ): Promise<Asked> {
    if (event.bot_id || event.subtype || !event.user) return null;
    const target = { channel: event.channel, threadTs: event.thread_ts ?? event.ts, user: event.user };
    const botUserId = context.botUserId;
    const previous =
      event.thread_ts && botUserId
        ? await contextOr(() => threadConversation(client, { ...target, ...readerOf(deps, botUserId) }), log)
        : null;
    return inConversation(clientsOf(client, deps), target, previous, {
      via: "mention",
      surface: "mention",
      text: toQuery(event.text ?? "", botUserId) || "help",
      user: event.user,
      team: body.team_id ?? event.team ?? null,
      eventId: body.event_id,
    });
  },
} satisfies EntryPoint<SlackEventMiddlewareArgs<"app_mention"> & AllMiddlewareArgs, Context, SlackMessage>;

type MessageArgs = SlackEventMiddlewareArgs<"message"> & AllMiddlewareArgs;

/**
 * A reply in a channel thread (`message.channels`, `.groups`, `.mpim`) without a mention: answered only in a
 * thread the bot has answered in, read against its latest answer there. Top-level messages and other threads
 * are left alone without a look; a reply that mentions the bot is the mention listener's.
 */
const threadFollowUp = {
  name: "thread-reply",
  async read({ event, client, context, body }: MessageArgs, { deps, log }: Context): Promise<Asked> {
    if (event.channel_type === "im" || event.subtype !== undefined || event.bot_id || !event.user)
      return null;
    const botUserId = context.botUserId;
    if (!event.thread_ts || event.thread_ts === event.ts || !botUserId) return null;
    const text = event.text ?? "";
    if (text.includes(`<@${botUserId}>`)) return null;
    const target = { channel: event.channel, threadTs: event.thread_ts, user: event.user };
    let conversation: Awaited<ReturnType<typeof threadConversation>>;
    try {
      conversation = await threadConversation(client, { ...target, ...readerOf(deps, botUserId) });
    } catch (error) {
      log.warn({ err: describeError(error) }, "could not read a thread; staying quiet");
      return null;
    }
    if (!conversation.answered) return null;
    return inConversation(clientsOf(client, deps), target, conversation.context, {
      via: "thread-reply",
      surface: "follow-up",
      text: toQuery(text, botUserId) || "help",
      user: event.user,
      team: body.team_id ?? event.team ?? null,
      eventId: body.event_id,
    });
  },
} satisfies EntryPoint<MessageArgs, Context, SlackMessage>;

/** A direct message (`message.im`): the answer in the DM, read against the bot's last answer there. */
const directMessage = {
  name: "dm",
  async read({ event, client, context, body }: MessageArgs, { deps, log }: Context): Promise<Asked> {
    // Edits, joins and bot posts carry a subtype; a shared file is read as whatever text came with it.
    if (event.subtype !== undefined && event.subtype !== "file_share") return null;
    if (event.channel_type !== "im" || ("bot_id" in event && event.bot_id) || !event.user) return null;
    const botUserId = context.botUserId;
    const text = toQuery(event.text ?? "", botUserId);
    const target = { channel: event.channel, threadTs: event.thread_ts ?? null };
    const clients = clientsOf(client, deps);
    if (text === "" && event.subtype === "file_share") {
      await conversationReply(clients, target, render({ shareable: false }))
        .notice(NOTICES.filesNotRead, "error")
        .catch(noticeFailed(log));
      return null;
    }
    const previous = botUserId
      ? await contextOr(
          () => dmConversation(client, { channel: event.channel, ...readerOf(deps, botUserId) }),
          log,
        )
      : null;
    return inConversation(clients, target, previous, {
      via: "dm",
      surface: "dm",
      text: text || "help",
      user: event.user,
      team: body.team_id ?? null,
      eventId: body.event_id,
    });
  },
} satisfies EntryPoint<MessageArgs, Context, SlackMessage>;

/** "Ask TPD about this" on any message: its text is the question, answered privately to whoever asked. */
const askAboutMessage = {
  name: "message-shortcut",
  async read({ shortcut, respond }: SlackShortcutMiddlewareArgs, { log }: Context): Promise<Asked> {
    if (shortcut.type !== "message_action") return null;
    const text = toQuery(shortcut.message.text ?? "");
    if (text === "") {
      await privateNotice(respond, NOTICES.noText).catch(noticeFailed(log));
      return null;
    }
    const asked = question({
      via: "message-shortcut",
      // Asked privately about a message, as a command is.
      surface: "slash",
      text,
      user: shortcut.user.id,
      team: shortcut.team?.id ?? shortcut.user.team_id ?? null,
      awaitsReply: true,
    });
    // A shortcut's acknowledgement carries no message: the answer goes through the response_url.
    return { question: asked, reply: privateReply(respond, render({ shareable: true })) };
  },
} satisfies EntryPoint<SlackShortcutMiddlewareArgs, Context, SlackMessage>;

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>>;

/** More results, Compare, Share and Ask buttons: the question the button carries, answered privately. */
const button = {
  name: "button",
  read({ action, body, respond, client }: ButtonArgs & AllMiddlewareArgs, { deps, log }: Context): Asked {
    const value = decodeButtonValue(action.value);
    if (!value || value.q.trim() === "") {
      log.error({ via: "button", actionId: action.action_id }, "unreadable button value");
      void privateNotice(respond, NOTICES.staleButton).catch(noticeFailed(log));
      return null;
    }
    const sharing = action.action_id === ACTION.share;
    const options: AnswerOptions = {};
    if (action.action_id === ACTION.more || sharing) {
      if (value.o !== undefined) options.offset = value.o;
      if (value.d !== undefined) options.deal = value.d;
    }
    const asked = question({
      via: "button",
      surface: "button",
      text: value.q,
      options,
      user: body.user.id,
      team: body.team?.id ?? body.user.team_id ?? null,
      awaitsReply: true,
    });
    const deal = options.deal ?? null;
    if (body.container?.type === "view") {
      // A Home tab button has no response_url: the answer arrives in the app's DM with whoever clicked.
      const target = { channel: body.user.id, threadTs: null };
      return {
        question: asked,
        reply: conversationReply(clientsOf(client, deps), target, renderInConversation),
      };
    }
    // Every button result but a share arrives privately, so it can be shared in turn.
    const reply = sharing
      ? shareReply(respond, render({ shareable: false, sharedBy: body.user.id, deal }), log, asked.requestId)
      : buttonReply(respond, body.container?.is_ephemeral === true, render({ shareable: true, deal }));
    return { question: asked, reply };
  },
} satisfies EntryPoint<ButtonArgs & AllMiddlewareArgs, Context, SlackMessage>;

/** Listeners stay thin: acknowledge, let an entry point read the payload, hand the question to the pipeline. */
export function registerListeners(app: ListenerHost, deps: ListenerDeps): void {
  const { lifecycle } = deps;
  const log = deps.logger.child({ adapter: "slack" });
  const context: Context = { deps, log };
  const run = async (reading: Asked | Promise<Asked>) => {
    const asked = await reading;
    if (asked) await deps.pipeline.ask(asked.question, asked.reply);
  };

  app.use(async (args) =>
    lifecycle.draining ? refuseWhileDraining(args, log) : skipRedeliveries(args, deps.dedupe, log),
  );

  // The pipeline acknowledges a command: with its answer when ready within the budget, else "working on it…".
  app.command(SLASH_COMMAND, async (args) => run(command.read(args)));
  app.event("app_mention", async (args) => run(mention.read(args, context)));
  registerAssistant(app, context);
  app.event("message", async (args) =>
    run(
      args.event.channel_type === "im"
        ? directMessage.read(args, context)
        : threadFollowUp.read(args, context),
    ),
  );
  app.shortcut(ASK_ABOUT_MESSAGE_CALLBACK, async (args) => {
    await args.ack();
    await run(askAboutMessage.read(args as SlackShortcutMiddlewareArgs, context));
  });
  app.event("app_home_opened", async ({ event, client }) => {
    if (event.tab !== "home") return;
    try {
      await client.views.publish({ user_id: event.user, view: renderHome(deps.getBot().overview()) });
    } catch (error) {
      log.warn({ err: describeError(error) }, "could not publish the Home tab");
    }
  });
  // One listener for every question button: Bolt runs each registered listener's filters on every request.
  app.action<BlockAction<ButtonAction>>(QUESTION_ACTION_PATTERN, async (args) => {
    await args.ack();
    await run(button.read(args, context));
  });
  app.error(async (error) => {
    log.error({ err: describeError(error) }, "unhandled error in a Slack listener");
  });
}

type GlobalArgs = AnyMiddlewareArgs & AllMiddlewareArgs;

/**
 * While stopping: commands and buttons get a short "restarting" reply. Events arriving over HTTP are
 * turned away before Bolt acknowledges them (see app.ts) so Slack redelivers them elsewhere; over
 * Socket Mode they are already acknowledged, so they are logged and dropped.
 */
async function refuseWhileDraining(args: GlobalArgs, log: Logger): Promise<void> {
  if ("command" in args && args.command) {
    await args.ack({ response_type: "ephemeral", text: NOTICES.restarting });
    return;
  }
  if ("action" in args && args.action) {
    await args.ack();
    if (args.respond) await privateNotice(args.respond, NOTICES.restarting).catch(noticeFailed(log));
    return;
  }
  log.warn({ eventId: eventIdOf(args.body) }, "event dropped while stopping");
}

async function skipRedeliveries(args: GlobalArgs, dedupe: DedupeStore, log: Logger): Promise<void> {
  const eventId = eventIdOf(args.body);
  if (eventId === null) return args.next();
  if (await dedupe.claim(eventId)) return args.next();
  log.info(
    { eventId, retryNum: args.context.retryNum, retryReason: args.context.retryReason },
    "redelivered event ignored",
  );
}

function eventIdOf(body: unknown): string | null {
  if (typeof body !== "object" || body === null || !("event_id" in body)) return null;
  return typeof body.event_id === "string" ? body.event_id : null;
}
