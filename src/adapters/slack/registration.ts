/** What the app registers with Slack; manifest.yml must match these (checked by test/slack/manifest.test.ts). */
export const SLASH_COMMAND = "/tpd";

/**
 * Bot events the listeners handle. The `message.*` events all arrive as event type `message`: DMs
 * (`message.im`) are answered; in channels, private channels and group DMs only replies in a thread the
 * bot has answered in are (a reply that mentions the bot is left to `app_mention`, so it is answered once).
 */
export const BOT_EVENTS = `app_mention message.im message.channels message.groups message.mpim app_home_opened
  assistant_thread_started assistant_thread_context_changed`.split(/\s+/);

/**
 * Bot token scopes: the command and mentions, posting, reading DMs and the threads the bot answered in
 * (for follow-ups and their context), and the assistant surface (status, title, suggested prompts).
 */
export const BOT_SCOPES = `commands app_mentions:read chat:write im:history channels:history groups:history
  mpim:history assistant:write`.split(/\s+/);

/** The message shortcut "Ask TPD about this": the selected message's text is the question. */
export const ASK_ABOUT_MESSAGE_CALLBACK = "tpd_ask_about_message";

/** Where Bolt's HTTP receiver takes events, commands and interactivity. */
export const EVENTS_PATH = "/slack/events";
export const HEALTH_PATH = "/healthz";

/** Button action ids. `ask` buttons (items i0…, suggestions s0…, Home examples h0…) carry a suffix so ids stay unique. */
export const ACTION = {
  more: "tpd_more",
  compare: "tpd_compare",
  share: "tpd_share",
  askPrefix: "tpd_ask_",
} as const;
/** Every button whose click asks a question (More, Compare, Share, Ask): one listener takes them all. */
export const QUESTION_ACTION_PATTERN = new RegExp(
  `^(?:${ACTION.more}|${ACTION.compare}|${ACTION.share}|${ACTION.askPrefix}[ish]\\d+)$`,
);
