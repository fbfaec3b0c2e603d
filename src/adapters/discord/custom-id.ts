import type { DealId } from "../../core/model.js";
import { neutralise, unneutralise } from "../shared/safe-text.js";

/**
 * Button custom ids carry everything a click needs, so the bot keeps no per-message state and any
 * replica (or a restarted process) can handle a click. Discord caps a custom id at 100 characters.
 */
const CUSTOM_ID_MAX = 100;
const PREFIX = "tpd";

export type ButtonAction =
  /** Next page; `query` null when it did not fit and must be read back from the message. */
  | { kind: "more"; offset: number; deal: DealId | null; query: string | null }
  /** Topic ids (slugs), compared together. */
  | { kind: "compare"; topics: string[] }
  | { kind: "ask"; query: string };

/** The custom id for an action, or null when it cannot fit (the caller then drops the button). */
export function encodeAction(action: ButtonAction): string | null {
  switch (action.kind) {
    case "more": {
      const head = `${PREFIX}:more:${action.offset}:${action.deal ?? ""}:`;
      if (head.length > CUSTOM_ID_MAX) return null;
      const query = neutralise(action.query ?? "");
      return head.length + query.length <= CUSTOM_ID_MAX ? head + query : head;
    }
    case "compare": {
      if (action.topics.length === 0 || !action.topics.every((topic) => TOPIC_ID.test(topic))) return null;
      const topics = action.topics.join("+");
      return within(`${PREFIX}:cmp:${topics}`, topics);
    }
    case "ask":
      return within(`${PREFIX}:ask:${neutralise(action.query)}`, action.query);
  }
}

function within(id: string, payload: string): string | null {
  return payload.length > 0 && id.length <= CUSTOM_ID_MAX ? id : null;
}

const MORE = /^tpd:more:(\d{1,6}):([a-z0-9-]*):(.*)$/s;
const TOPIC_ID = /^[\w-]+$/;
const COMPARE = /^tpd:cmp:([\w-]+(?:\+[\w-]+)*)$/;
const ASK = /^tpd:ask:(.+)$/s;

/** Reads a custom id back; a "more" naming a deal not among `deals` (the bot's own) is refused. */
export function decodeAction(customId: string, deals: readonly DealId[]): ButtonAction | null {
  const more = MORE.exec(customId);
  if (more) {
    const [, offset = "0", deal = "", query = ""] = more;
    if (deal !== "" && !deals.includes(deal)) return null;
    return {
      kind: "more",
      offset: Number(offset),
      deal: deal === "" ? null : deal,
      query: query === "" ? null : unneutralise(query),
    };
  }
  const compare = COMPARE.exec(customId);
  if (compare?.[1]) return { kind: "compare", topics: compare[1].split("+") };
  const ask = ASK.exec(customId);
  if (ask?.[1]) return { kind: "ask", query: unneutralise(ask[1]) };
  return null;
}
