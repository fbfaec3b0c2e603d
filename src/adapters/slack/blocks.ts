import type { types } from "@slack/bolt";

/**
 * The Block Kit shapes this adapter sends (a structural subset of @slack/types' KnownBlock) and
 * Slack's documented limits for them.
 */
export type PlainText = { type: "plain_text"; text: string; emoji?: boolean };
export type Mrkdwn = { type: "mrkdwn"; text: string; verbatim?: boolean };

export type Button = {
  type: "button";
  action_id: string;
  text: PlainText;
  value: string;
  style?: "primary" | "danger";
};

export type HeaderBlock = { type: "header"; text: PlainText };
export type SectionBlock = { type: "section"; text: Mrkdwn; accessory?: Button };
export type ContextBlock = { type: "context"; elements: Mrkdwn[] };
export type ActionsBlock = { type: "actions"; elements: Button[] };
export type DividerBlock = { type: "divider" };
/** 👍/👎 under an answer (feedback buttons, see feedback.ts). */
export type ContextActionsBlock = types.ContextActionsBlock;
export type Block =
  | HeaderBlock
  | SectionBlock
  | ContextBlock
  | ActionsBlock
  | DividerBlock
  | ContextActionsBlock;

/** Slack message metadata: JSON an app attaches to its own message (where a conversation's context travels). */
export type MessageMetadata = {
  event_type: string;
  event_payload: Record<string, string | number | boolean>;
};

/** A rendered reply: blocks plus the plain `text` Slack shows in notifications and old clients. */
export type SlackMessage = { text: string; blocks: Block[]; metadata?: MessageMetadata };

export const LIMITS = {
  blocks: 50,
  sectionText: 3000,
  headerText: 150,
  contextElements: 10,
  contextText: 3000,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  actionsElements: 25,
  /** Slack's undocumented msg_blocks_too_long appears near 13k characters of blocks JSON. */
  blocksJson: 11_500,
  fallbackText: 3000,
} as const;
