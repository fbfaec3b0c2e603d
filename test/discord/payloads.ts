import { APP_ID, BOT_ID, botUser, CHANNEL_ID, COMMAND_ID, DM_CHANNEL_ID, GUILD_ID } from "./fake-discord.js";

/** Gateway payloads as Discord sends them (API v10), trimmed to what discord.js reads. */

const DISCORD_EPOCH = 1_420_070_400_000n;
let increment = 0n;

/** A fresh snowflake; `ageMs` backdates it (the interaction looks that old to the bot). */
export function snowflake(ageMs = 0): string {
  increment = (increment + 1n) % 4096n;
  return (((BigInt(Date.now() - ageMs) - DISCORD_EPOCH) << 22n) | increment).toString();
}

export const asker = {
  id: "800000000000000001",
  username: "policy-nerd",
  discriminator: "0",
  global_name: "Policy Nerd",
  avatar: null,
};
export const otherBot = {
  id: "800000000000000002",
  username: "other-bot",
  discriminator: "0",
  global_name: null,
  avatar: null,
  bot: true,
};

const member = {
  user: asker,
  roles: [],
  joined_at: "2025-01-01T00:00:00.000Z",
  deaf: false,
  mute: false,
  flags: 0,
  pending: false,
  nick: null,
  avatar: null,
  permissions: "2248473465835073",
};

type Where = { dm?: boolean; ageMs?: number; user?: typeof asker };

function interactionBase(type: number, where: Where) {
  const id = snowflake(where.ageMs ?? 0);
  const inGuild = !where.dm;
  return {
    id,
    application_id: APP_ID,
    type,
    token: `interaction-token-${id}`,
    version: 1,
    locale: "en-US",
    app_permissions: "2248473465835073",
    entitlements: [],
    authorizing_integration_owners: { "0": GUILD_ID },
    context: inGuild ? 0 : 1,
    attachment_size_limit: 10_485_760,
    ...(inGuild
      ? {
          guild_id: GUILD_ID,
          guild_locale: "en-US",
          guild: { id: GUILD_ID, locale: "en-US", features: [] },
          channel_id: CHANNEL_ID,
          channel: { id: CHANNEL_ID, type: 0, guild_id: GUILD_ID, name: "general" },
          member: { ...member, user: where.user ?? asker },
        }
      : {
          channel_id: DM_CHANNEL_ID,
          channel: { id: DM_CHANNEL_ID, type: 1, recipients: [where.user ?? asker] },
          user: where.user ?? asker,
        }),
  };
}

export type SlashOptions = { query: string; deal?: string; public?: boolean };

export function slashCommand(options: SlashOptions, where: Where = {}) {
  const values = [
    { name: "query", type: 3, value: options.query },
    ...(options.deal ? [{ name: "deal", type: 3, value: options.deal }] : []),
    ...(options.public !== undefined ? [{ name: "public", type: 5, value: options.public }] : []),
  ];
  return {
    ...interactionBase(2, where),
    data: { id: COMMAND_ID, name: "tpd", type: 1, options: values },
  };
}

export function autocomplete(value: string, where: Where = {}) {
  return {
    ...interactionBase(4, where),
    data: {
      id: COMMAND_ID,
      name: "tpd",
      type: 1,
      options: [{ name: "query", type: 3, value, focused: true }],
    },
  };
}

/** A click on a button of a message the bot sent earlier (its embeds, components and flags as sent). */
export function buttonClick(
  customId: string,
  message: { embeds: unknown[]; components: unknown[]; flags?: number },
  where: Where = {},
) {
  return {
    ...interactionBase(3, where),
    data: { custom_id: customId, component_type: 2 },
    message: {
      id: snowflake(1000),
      channel_id: where.dm ? DM_CHANNEL_ID : CHANNEL_ID,
      author: botUser,
      content: "",
      embeds: message.embeds,
      components: message.components,
      flags: message.flags ?? 0,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      pinned: false,
      type: 20,
    },
  };
}

export function messageCreate(
  content: string,
  where: {
    dm?: boolean;
    author?: typeof asker | typeof otherBot;
    /** Another guild than GUILD_ID, and its channel. */
    guild?: { id: string; channelId: string };
  } = {},
) {
  const author = where.author ?? asker;
  const guild = where.guild ?? { id: GUILD_ID, channelId: CHANNEL_ID };
  const mentionsBot = content.includes(`<@${BOT_ID}>`) || content.includes(`<@!${BOT_ID}>`);
  return {
    id: snowflake(),
    channel_id: where.dm ? DM_CHANNEL_ID : guild.channelId,
    author,
    content,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: mentionsBot ? [botUser] : [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    pinned: false,
    type: 0,
    flags: 0,
    ...(where.dm ? { channel_type: 1 } : { guild_id: guild.id, member: { ...member, user: undefined } }),
  };
}
