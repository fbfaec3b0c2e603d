/** What the app registers with Slack; manifest.yml must match these (checked by test/slack/manifest.test.ts). */
export const SLASH_COMMAND = "/tpd";

/** Bot events the listeners handle. `message.im` arrives as event type `message` with channel_type "im". */
export const BOT_EVENTS = ["app_mention", "message.im"] as const;

/** Bot token scopes the command and events need. */
export const BOT_SCOPES = ["commands", "app_mentions:read", "chat:write", "im:history"] as const;

/** Where Bolt's HTTP receiver takes events, commands and interactivity. */
export const EVENTS_PATH = "/slack/events";
export const HEALTH_PATH = "/healthz";

/** Button action ids. `ask` buttons (items i0…, suggestions s0…) carry a suffix so ids stay unique. */
export const ACTION = {
  more: "tpd_more",
  compare: "tpd_compare",
  share: "tpd_share",
  askPrefix: "tpd_ask_",
} as const;
export const ASK_ACTION_PATTERN = /^tpd_ask_[is]\d+$/;
