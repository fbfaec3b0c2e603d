import { randomUUID } from "node:crypto";
import type {
  AllMiddlewareArgs,
  AnyMiddlewareArgs,
  App,
  BlockAction,
  ButtonAction,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
  SlackEventMiddlewareArgs,
} from "@slack/bolt";
import type { AnswerOptions } from "../../core/answer.js";
import type { Logger } from "../../logger.js";
import { describeError } from "../shared/errors.js";
import type { InFlight } from "../shared/in-flight.js";
import { NOTICES } from "../shared/notices.js";
import type { Asked as AskedOf, EntryPoint, Pipeline, Question } from "../shared/pipeline.js";
import type { SlackMessage } from "./blocks.js";
import { decodeButtonValue } from "./button-values.js";
import type { DedupeStore } from "./dedupe.js";
import { withFeedback } from "./feedback.js";
import { toQuery } from "./incoming-text.js";
import { ACTION, ASK_ACTION_PATTERN, SLASH_COMMAND } from "./registration.js";
import { type RenderOptions, renderAnswer } from "./render.js";
import {
  buttonReply,
  commandReply,
  directReply,
  privateNotice,
  type SlackClients,
  shareReply,
  threadReply,
} from "./replies.js";

export type ListenerDeps = {
  pipeline: Pipeline;
  dedupe: DedupeStore;
  lifecycle: InFlight;
  logger: Logger;
  /** The client answers go through, and the one notices go through (see app.ts). */
  noticeClient?: SlackClients["notices"];
};

export const SLACK_USAGE =
  "Ask privately with /tpd followed by your question, mention me in a channel to get the answer in a thread, or send me a direct message.";

/** The part of a Bolt App that listeners register on. */
export type ListenerHost = Pick<App, "use" | "command" | "event" | "action" | "error">;

/** What an entry point makes of one Slack payload: the question and how to reply, or null to stay quiet. */
type Asked = AskedOf<SlackMessage> | null;
type Context = { deps: ListenerDeps; log: Logger };

const render =
  (options: Omit<RenderOptions, "footer">) =>
  (answer: Parameters<typeof renderAnswer>[0], feedbackId: string | null): SlackMessage => {
    const message = renderAnswer(answer, {
      ...options,
      footer: answer.intent === "help" ? SLACK_USAGE : null,
    });
    return feedbackId ? withFeedback(message, feedbackId) : message;
  };

const question = (fields: Omit<Question, "requestId">): Question => ({ requestId: randomUUID(), ...fields });

const clientsOf = (client: SlackClients["answers"], deps: ListenerDeps): SlackClients => ({
  answers: client,
  notices: deps.noticeClient ?? client,
});

/** `/tpd question`: a private answer with a Share button. */
const command = {
  name: "command",
  read({ command: body, respond }: SlackCommandMiddlewareArgs): Asked {
    const asked = question({
      via: "command",
      surface: "slash",
      text: toQuery(body.text ?? "") || "help",
      user: body.user_id,
      team: body.team_id ?? null,
      awaitsReply: true,
    });
    return { question: asked, reply: commandReply(respond, render({ shareable: true })) };
  },
} satisfies EntryPoint<SlackCommandMiddlewareArgs, Context, SlackMessage>;

/** A mention in a channel: the answer in the thread. */
const mention = {
  name: "mention",
  read(
    { event, client, context, body }: SlackEventMiddlewareArgs<"app_mention"> & AllMiddlewareArgs,
    { deps }: Context,
  ): Asked {
    if (event.bot_id || event.subtype || !event.user) return null;
    const target = { channel: event.channel, threadTs: event.thread_ts ?? event.ts, user: event.user };
    const asked = question({
      via: "mention",
      surface: "mention",
      text: toQuery(event.text ?? "", context.botUserId) || "help",
      user: event.user,
      team: body.team_id ?? event.team ?? null,
      eventId: body.event_id,
      awaitsReply: false,
    });
    return {
      question: asked,
      reply: threadReply(clientsOf(client, deps), target, render({ shareable: false })),
    };
  },
} satisfies EntryPoint<SlackEventMiddlewareArgs<"app_mention"> & AllMiddlewareArgs, Context, SlackMessage>;

/** A direct message (`message.im`): the answer in the DM. */
const directMessage = {
  name: "dm",
  read(
    { event, client, context, body }: SlackEventMiddlewareArgs<"message"> & AllMiddlewareArgs,
    { deps }: Context,
  ): Asked {
    // Only DMs are subscribed, but check rather than trust; edits, joins and bot posts carry a subtype.
    if (event.channel_type !== "im" || event.subtype !== undefined || event.bot_id || !event.user)
      return null;
    const asked = question({
      via: "dm",
      surface: "dm",
      text: toQuery(event.text ?? "", context.botUserId) || "help",
      user: event.user,
      team: body.team_id ?? event.team ?? null,
      eventId: body.event_id,
      awaitsReply: false,
    });
    const target = { channel: event.channel, threadTs: event.thread_ts ?? null };
    return {
      question: asked,
      reply: directReply(clientsOf(client, deps), target, render({ shareable: false })),
    };
  },
} satisfies EntryPoint<SlackEventMiddlewareArgs<"message"> & AllMiddlewareArgs, Context, SlackMessage>;

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>>;

/** More results, Compare, Share and Ask buttons: the question the button carries, answered privately. */
const button = {
  name: "button",
  read({ action, body, respond }: ButtonArgs, { log }: Context): Asked {
    const value = decodeButtonValue(action.value);
    if (!value || value.q.trim() === "") {
      log.error({ via: "button", actionId: action.action_id }, "unreadable button value");
      void privateNotice(respond, NOTICES.staleButton).catch((error: unknown) =>
        log.warn({ err: describeError(error) }, "could not send notice"),
      );
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
    // Every button result but a share arrives privately, so it can be shared in turn.
    const reply = sharing
      ? shareReply(respond, render({ shareable: false, sharedBy: body.user.id, deal }), log, asked.requestId)
      : buttonReply(respond, body.container?.is_ephemeral === true, render({ shareable: true, deal }));
    return { question: asked, reply };
  },
} satisfies EntryPoint<ButtonArgs, Context, SlackMessage>;

/** Listeners stay thin: acknowledge, let an entry point read the payload, hand the question to the pipeline. */
export function registerListeners(app: ListenerHost, deps: ListenerDeps): void {
  const { lifecycle } = deps;
  const log = deps.logger.child({ adapter: "slack" });
  const context: Context = { deps, log };
  const run = async (asked: Asked) => {
    if (asked) await deps.pipeline.ask(asked.question, asked.reply);
  };

  app.use(async (args) => refuseWhileDraining(args, lifecycle, log));
  app.use(async (args) => skipRedeliveries(args, deps.dedupe, log));

  app.command(SLASH_COMMAND, async (args) => {
    await args.ack();
    await run(command.read(args));
  });
  app.event("app_mention", async (args) => run(mention.read(args, context)));
  app.event("message", async (args) => run(directMessage.read(args, context)));
  for (const id of [ACTION.more, ACTION.compare, ACTION.share, ASK_ACTION_PATTERN]) {
    app.action<BlockAction<ButtonAction>>(id, async (args) => {
      await args.ack();
      await run(button.read(args, context));
    });
  }
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
async function refuseWhileDraining(args: GlobalArgs, lifecycle: InFlight, log: Logger): Promise<void> {
  if (!lifecycle.draining) return args.next();
  if ("command" in args && args.command) {
    await args.ack({ response_type: "ephemeral", text: NOTICES.restarting });
    return;
  }
  if ("action" in args && args.action) {
    await args.ack();
    if (args.respond)
      await privateNotice(args.respond, NOTICES.restarting).catch((error: unknown) =>
        log.warn({ err: describeError(error) }, "could not send notice"),
      );
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
