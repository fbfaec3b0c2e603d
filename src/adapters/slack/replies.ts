import type { RespondFn, webApi } from "@slack/bolt";
import type { Logger } from "../../logger.js";
import type { Reply } from "./answering.js";
import { describe } from "./answering.js";
import type { SlackMessage } from "./blocks.js";

/** Never link_names or parse: full; never unfurl the cited sources into big previews. */
const QUIET = { unfurl_links: false, unfurl_media: false } as const;

type WebClient = webApi.WebClient;

/** `/tpd`: a private answer through the command's response_url. */
export function commandReply(respond: RespondFn): Reply {
  return {
    answer: async (message) => {
      await respond({ response_type: "ephemeral", ...content(message), ...QUIET });
    },
    notice: async (text) => {
      await respond({ response_type: "ephemeral", text });
    },
  };
}

/**
 * A button's result, privately to whoever clicked. On a private answer it replaces that answer (the
 * next page takes the place of the last); on a public message it arrives as a new private message, so
 * one click never changes what everyone else sees.
 */
export function buttonReply(respond: RespondFn, onPrivateMessage: boolean): Reply {
  return {
    answer: async (message) => {
      await respond({
        response_type: "ephemeral",
        replace_original: onPrivateMessage,
        ...content(message),
        ...QUIET,
      });
    },
    notice: async (text) => {
      await respond({ response_type: "ephemeral", replace_original: false, text });
    },
  };
}

/**
 * "Share in channel": posts the answer publicly through the interaction's response_url, then removes
 * the private copy. The response_url works wherever the command did (private channels, group DMs)
 * without the bot being a member, which chat.postMessage would need.
 */
export function shareReply(respond: RespondFn, logger: Logger, requestId: string): Reply {
  return {
    answer: async (message) => {
      await respond({ response_type: "in_channel", replace_original: false, ...content(message), ...QUIET });
      try {
        await respond({ delete_original: true });
      } catch (error) {
        logger.warn({ requestId, err: describe(error) }, "could not remove the private copy after sharing");
      }
    },
    notice: async (text) => {
      await respond({ response_type: "ephemeral", replace_original: false, text });
    },
  };
}

export type ThreadTarget = { channel: string; threadTs: string; user: string };

/** A mention: the answer goes in the thread; "slow down" only to the asker. */
export function threadReply(client: WebClient, target: ThreadTarget): Reply {
  return {
    answer: async (message) => {
      await client.chat.postMessage({
        channel: target.channel,
        thread_ts: target.threadTs,
        ...content(message),
        ...QUIET,
      });
    },
    notice: async (text, reason) => {
      if (reason === "rate-limit") {
        await client.chat.postEphemeral({
          channel: target.channel,
          user: target.user,
          thread_ts: target.threadTs,
          text,
        });
        return;
      }
      await client.chat.postMessage({ channel: target.channel, thread_ts: target.threadTs, text, ...QUIET });
    },
  };
}

export type DirectTarget = { channel: string; threadTs: string | null };

/** A DM: the answer goes back in the DM (in its thread when the question was in one). */
export function directReply(client: WebClient, target: DirectTarget): Reply {
  const thread = target.threadTs ? { thread_ts: target.threadTs } : {};
  return {
    answer: async (message) => {
      await client.chat.postMessage({ channel: target.channel, ...thread, ...content(message), ...QUIET });
    },
    notice: async (text) => {
      await client.chat.postMessage({ channel: target.channel, ...thread, text, ...QUIET });
    },
  };
}

function content(message: SlackMessage) {
  return { text: message.text, blocks: message.blocks };
}
