import type { types } from "@slack/bolt";

/** Bolt's Block Kit types, narrowed to what this adapter sends: mrkdwn text, buttons with an id and a value. */
export interface Button extends types.Button {
  action_id: string;
  value: string;
}
export interface SectionBlock extends types.SectionBlock {
  text: types.MrkdwnElement;
  accessory?: Button;
}
export interface ContextBlock extends types.ContextBlock {
  elements: types.MrkdwnElement[];
}
export interface ActionsBlock extends types.ActionsBlock {
  elements: Button[];
}
export type Block =
  | types.HeaderBlock
  | SectionBlock
  | ContextBlock
  | ActionsBlock
  | types.DividerBlock
  | types.ContextActionsBlock;

/** A rendered reply: blocks plus the plain `text` Slack shows in notifications and old clients. */
export type SlackMessage = { text: string; blocks: Block[]; metadata?: types.MessageMetadata };

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
