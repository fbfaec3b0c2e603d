import type { types, webApi } from "@slack/bolt";
import { readTurnContext, type TurnContext } from "../../core/follow-up.js";
import type { DealId } from "../../core/model.js";
import { DM_CONTEXT_MS } from "../shared/dm-context.js";

/**
 * A conversation's context travels with the bot's answers as Slack message metadata, so any replica (or a
 * restarted process) reads the previous turn from Slack itself and nothing is kept in memory.
 */
export const ANSWER_EVENT_TYPE = "tpd_answer";

/** The metadata an answer carries: what a follow-up to it needs. */
export function answerMetadata(context: TurnContext): types.MessageMetadata {
  const { query, deal, next } = context;
  // Slack's metadata holds no nulls: a last page has no `next` at all.
  return {
    event_type: ANSWER_EVENT_TYPE,
    event_payload: { query, ...(deal ? { deal } : {}), ...(next !== null ? { next } : {}) },
  };
}

/** What Slack tells us of a conversation: whether the bot answered in it, and the latest answer's context. */
export type Conversation = { answered: boolean; context: TurnContext | null };

const NONE: Conversation = { answered: false, context: null };

/** How far back a thread or a DM is read for the bot's latest answer. */
const THREAD_LIMIT = 200;
const DM_LIMIT = 15;

type SlackMessageLike = {
  user?: string;
  bot_id?: string;
  metadata?: { event_type?: string; event_payload?: unknown };
};

/** Whose answers to look for, and the deals a context read back may name. */
type Reader = { botUserId: string; deals: readonly DealId[] };

/** The newest of the bot's answers among messages (oldest first), read from their metadata. */
export function latestAnswer(
  messages: readonly SlackMessageLike[],
  { botUserId, deals }: Reader,
): Conversation {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (!message || message.user !== botUserId) continue;
    if (message.metadata?.event_type !== ANSWER_EVENT_TYPE) continue;
    return { answered: true, context: readTurnContext(message.metadata.event_payload, deals) };
  }
  return NONE;
}

/** The bot's latest answer in a thread (conversations.replies lists the parent first, then replies oldest first). */
export async function threadConversation(
  client: webApi.WebClient,
  where: Reader & { channel: string; threadTs: string },
): Promise<Conversation> {
  const replies = await client.conversations.replies({
    channel: where.channel,
    ts: where.threadTs,
    include_all_metadata: true,
    limit: THREAD_LIMIT,
  });
  return latestAnswer((replies.messages ?? []) as SlackMessageLike[], where);
}

/** The bot's latest answer among a DM's recent messages (conversations.history lists newest first). */
export async function dmConversation(
  client: webApi.WebClient,
  where: Reader & { channel: string; now?: number },
): Promise<Conversation> {
  const now = where.now ?? Date.now() / 1000;
  const history = await client.conversations.history({
    channel: where.channel,
    include_all_metadata: true,
    limit: DM_LIMIT,
    oldest: String(now - DM_CONTEXT_MS / 1000),
  });
  return latestAnswer([...((history.messages ?? []) as SlackMessageLike[])].reverse(), where);
}
