import { Client, GatewayIntentBits, type MessageMentionOptions, Options, Partials } from "discord.js";
import type { DiscordConfig } from "../../config.js";

/** Nothing the bot sends may ping: no @everyone/@here, roles, users, nor the author of a replied-to message. */
export const NO_PINGS: MessageMentionOptions = { parse: [], repliedUser: false };

export function createDiscordClient(config: DiscordConfig): Client {
  return new Client({
    // Discord sends the content of messages that mention the bot and of DMs without MessageContent; replies
    // without the ping and thread messages need it (opt-in: it is privileged).
    intents: [
      GatewayIntentBits.Guilds,
      GatewayIntentBits.GuildMessages,
      GatewayIntentBits.DirectMessages,
      ...(config.messageContent ? [GatewayIntentBits.MessageContent] : []),
    ],
    // DM channels are not cached; without this partial discord.js drops their messages silently.
    partials: [Partials.Channel],
    allowedMentions: NO_PINGS,
    // Each message is answered from its event payload; caching them would only cost memory in busy guilds.
    makeCache: Options.cacheWithLimits({ ...Options.DefaultMakeCacheSettings, MessageManager: 0 }),
    rest: config.apiUrl ? { api: config.apiUrl } : {},
  });
}
