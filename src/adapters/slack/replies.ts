import type { AckFn, RespondArguments, RespondFn, webApi } from "@slack/bolt";
import type { Answer } from "../../core/answer.js";
import { describeError } from "../../errors.js";
import type { Logger } from "../../logger.js";
import type { Reply } from "../shared/pipeline.js";
import type { SlackMessage } from "./blocks.js";

/** Never link_names or parse: full; never unfurl the cited sources into big previews. */
const QUIET = { unfurl_links: false, unfurl_media: false } as const;

type WebClient = webApi.WebClient;
type Render = (answer: Answer, feedbackId: string | null) => SlackMessage;
type SlackReply = Reply<SlackMessage>;

/**
 * Posts to a response_url as Bolt's `respond` does (JSON; a status other than 2xx is an error), giving up after
 * `timeoutMs`: the reply of a command taken before Bolt (see app.ts).
 */
export function respondTo(responseUrl: string, timeoutMs: number): RespondFn {
  return async (message) => {
    const response = await fetch(responseUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(typeof message === "string" ? { text: message } : message),
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`response_url refused the reply: ${response.status}`);
    return response;
  };
}

/**
 * `/tpd` and the message shortcut: a private answer to whoever asked. Given the command's `ack`, the first
 * message travels in the acknowledgement itself (one round trip, nothing more to post); what follows a
 * holding acknowledgement ("working on it…"), or anything without `ack`, goes through the response_url.
 */
export function privateReply(
  respond: RespondFn,
  render: Render,
  ack: AckFn<string | RespondArguments> | null = null,
): SlackReply {
  let acknowledge = ack;
  const send = async (body: RespondArguments) => {
    const first = acknowledge;
    acknowledge = null;
    await (first ?? respond)(body);
  };
  const notice = (text: string) => send({ response_type: "ephemeral", text });
  return {
    render,
    answer: (message) => send({ response_type: "ephemeral", ...content(message), ...QUIET }),
    notice,
    ...(ack ? { hold: notice } : {}),
  };
}

/**
 * A button's result, privately to whoever clicked. On a private answer it replaces that answer (the
 * next page takes the place of the last); on a public message it arrives as a new private message, so
 * one click never changes what everyone else sees.
 */
export function buttonReply(respond: RespondFn, onPrivateMessage: boolean, render: Render): SlackReply {
  return {
    render,
    answer: async (message) => {
      await respond({
        response_type: "ephemeral",
        replace_original: onPrivateMessage,
        ...content(message),
        ...QUIET,
      });
    },
    notice: (text) => privateNotice(respond, text),
  };
}

/**
 * "Share in channel": posts the answer publicly through the interaction's response_url, then removes
 * the private copy. The response_url works wherever the command did (private channels, group DMs)
 * without the bot being a member, which chat.postMessage would need.
 */
export function shareReply(
  respond: RespondFn,
  render: Render,
  logger: Logger,
  requestId: string,
): SlackReply {
  return {
    render,
    answer: async (message) => {
      await respond({ response_type: "in_channel", replace_original: false, ...content(message), ...QUIET });
      try {
        await respond({ delete_original: true });
      } catch (error) {
        logger.warn(
          { requestId, err: describeError(error) },
          "could not remove the private copy after sharing",
        );
      }
    },
    notice: (text) => privateNotice(respond, text),
  };
}

/** Where a conversation's answer goes; `user`, in a channel thread, is the asker the quieter notices go to. */
type ConversationTarget = { channel: string; threadTs: string | null; user?: string };
export type SlackClients = { answers: WebClient; notices: WebClient };

/**
 * A mention or a DM: the answer goes in the thread (in a DM, in its thread when the question was in one). In a
 * channel thread "slow down" and "busy" go only to the asker. Notices travel on their own client, so Slack
 * rate-limiting them never holds up answers to anyone.
 */
export function conversationReply(
  clients: SlackClients,
  target: ConversationTarget,
  render: Render,
): SlackReply {
  const where = { channel: target.channel, ...(target.threadTs ? { thread_ts: target.threadTs } : {}) };
  return {
    render,
    answer: async (message) => {
      await clients.answers.chat.postMessage({ ...where, ...posted(message), ...QUIET });
    },
    notice: async (text, kind) => {
      if (target.user && (kind === "rate-limit" || kind === "busy"))
        await clients.notices.chat.postEphemeral({ ...where, user: target.user, text });
      else await clients.notices.chat.postMessage({ ...where, text, ...QUIET });
    },
  };
}

/** A short private text beside (never in place of) the message a button sits on. */
export async function privateNotice(respond: RespondFn, text: string): Promise<void> {
  await respond({ response_type: "ephemeral", replace_original: false, text });
}

function content(message: SlackMessage) {
  return { text: message.text, blocks: message.blocks };
}

/** A message posted with chat.postMessage also carries its metadata (the context a follow-up reads). */
function posted(message: SlackMessage) {
  return { ...content(message), ...(message.metadata ? { metadata: message.metadata } : {}) };
}
