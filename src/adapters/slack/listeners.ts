import { randomUUID } from "node:crypto";
import type {
  AllMiddlewareArgs,
  AnyMiddlewareArgs,
  App,
  BlockAction,
  ButtonAction,
  RespondFn,
  SlackActionMiddlewareArgs,
} from "@slack/bolt";
import type { AnswerOptions } from "../../core/answer.js";
import type { Logger } from "../../logger.js";
import type { Answering, Question, Reply } from "./answering.js";
import { describe } from "./answering.js";
import { decodeButtonValue } from "./button-values.js";
import type { DedupeStore } from "./dedupe.js";
import { toQuery } from "./incoming-text.js";
import type { Lifecycle } from "./lifecycle.js";
import { ACTION, ASK_ACTION_PATTERN, SLASH_COMMAND } from "./registration.js";
import { buttonReply, commandReply, directReply, shareReply, threadReply } from "./replies.js";

export type ListenerDeps = {
  answering: Answering;
  dedupe: DedupeStore;
  lifecycle: Lifecycle;
  logger: Logger;
};

export const RESTARTING_NOTICE = "I'm restarting right now. Please ask again in a few seconds.";
export const STALE_BUTTON_NOTICE = "That button no longer works. Please ask again with /tpd.";

const newRequestId = () => randomUUID();

/** The part of a Bolt App that listeners register on. */
export type ListenerHost = Pick<App, "use" | "command" | "event" | "action" | "error">;

/** Listeners stay thin: acknowledge, turn the payload into a Question, hand it to `answering`. */
export function registerListeners(app: ListenerHost, deps: ListenerDeps): void {
  const { answering, lifecycle } = deps;
  const log = deps.logger.child({ adapter: "slack" });

  app.use(async (args) => refuseWhileDraining(args, lifecycle, log));
  app.use(async (args) => skipRedeliveries(args, deps.dedupe, log));

  app.command(SLASH_COMMAND, async ({ command, ack, respond }) => {
    await ack();
    await lifecycle.track(() =>
      answering.handle(
        {
          requestId: newRequestId(),
          via: "command",
          text: toQuery(command.text ?? "") || "help",
          user: command.user_id,
          team: command.team_id ?? null,
          render: { shareable: true },
        },
        commandReply(respond),
      ),
    );
  });

  app.event("app_mention", async ({ event, client, context, body }) => {
    if (event.bot_id || event.subtype || !event.user) return;
    const user = event.user;
    await lifecycle.track(() =>
      answering.handle(
        {
          requestId: newRequestId(),
          via: "mention",
          text: toQuery(event.text ?? "", context.botUserId) || "help",
          user,
          team: body.team_id ?? event.team ?? null,
          eventId: body.event_id,
          render: { shareable: false },
        },
        threadReply(client, { channel: event.channel, threadTs: event.thread_ts ?? event.ts, user }),
      ),
    );
  });

  // `message.im` arrives as a `message` event; only DMs are subscribed, but check rather than trust.
  app.event("message", async ({ event, client, context, body }) => {
    if (event.channel_type !== "im") return;
    // Edits, deletions, joins and bot posts all carry a subtype; only plain user messages are questions.
    if (event.subtype !== undefined || event.bot_id || !event.user) return;
    const user = event.user;
    await lifecycle.track(() =>
      answering.handle(
        {
          requestId: newRequestId(),
          via: "dm",
          text: toQuery(event.text ?? "", context.botUserId) || "help",
          user,
          team: body.team_id ?? event.team ?? null,
          eventId: body.event_id,
          render: { shareable: false },
        },
        directReply(client, { channel: event.channel, threadTs: event.thread_ts ?? null }),
      ),
    );
  });

  const button =
    (kind: "more" | "compare" | "ask" | "share") =>
    async ({ ack, action, body, respond }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>>) => {
      await ack();
      const requestId = newRequestId();
      const value = decodeButtonValue(action.value);
      if (!value || value.q.trim() === "") {
        log.error({ requestId, via: "button", actionId: action.action_id }, "unreadable button value");
        await respond({
          response_type: "ephemeral",
          replace_original: false,
          text: STALE_BUTTON_NOTICE,
        }).catch((error: unknown) => log.warn({ requestId, err: describe(error) }, "could not send notice"));
        return;
      }
      const options: AnswerOptions = {};
      if (kind === "more" || kind === "share") {
        if (value.o !== undefined) options.offset = value.o;
        if (value.d !== undefined) options.deal = value.d;
      }
      const onPrivateMessage = body.container?.is_ephemeral === true;
      const question: Question = {
        requestId,
        via: "button",
        text: value.q,
        options,
        user: body.user.id,
        team: body.team?.id ?? body.user.team_id ?? null,
        // Every button result but a share arrives privately, so it can be shared in turn.
        render: kind === "share" ? { shareable: false, sharedBy: body.user.id } : { shareable: true },
      };
      const reply: Reply =
        kind === "share" ? shareReply(respond, log, requestId) : buttonReply(respond, onPrivateMessage);
      await lifecycle.track(() => answering.handle(question, reply));
    };

  app.action<BlockAction<ButtonAction>>(ACTION.more, button("more"));
  app.action<BlockAction<ButtonAction>>(ACTION.compare, button("compare"));
  app.action<BlockAction<ButtonAction>>(ACTION.share, button("share"));
  app.action<BlockAction<ButtonAction>>(ASK_ACTION_PATTERN, button("ask"));

  app.error(async (error) => {
    log.error({ err: describe(error) }, "unhandled error in a Slack listener");
  });
}

type GlobalArgs = AnyMiddlewareArgs & AllMiddlewareArgs;

/**
 * While stopping: commands and buttons get a short "restarting" reply. Events arriving over HTTP are
 * turned away before Bolt acknowledges them (see app.ts) so Slack redelivers them elsewhere; over
 * Socket Mode they are already acknowledged, so they are logged and dropped.
 */
async function refuseWhileDraining(args: GlobalArgs, lifecycle: Lifecycle, log: Logger): Promise<void> {
  if (!lifecycle.draining) return args.next();
  if ("command" in args && args.command) {
    await args.ack({ response_type: "ephemeral", text: RESTARTING_NOTICE });
    return;
  }
  if ("action" in args && args.action) {
    await args.ack();
    await respondQuietly(args.respond, RESTARTING_NOTICE, log);
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

async function respondQuietly(respond: RespondFn | undefined, text: string, log: Logger): Promise<void> {
  if (!respond) return;
  try {
    await respond({ response_type: "ephemeral", replace_original: false, text });
  } catch (error) {
    log.warn({ err: describe(error) }, "could not send notice");
  }
}
