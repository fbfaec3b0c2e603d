import {
  APP_ID,
  BOT_ID,
  BOT_ROLE_ID,
  botUser,
  CHANNEL_ID,
  COMMAND_ID,
  DM_CHANNEL_ID,
  GUILD_ID,
  messageDefaults,
} from "./discord.js";

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
export const otherPerson = {
  id: "800000000000000003",
  username: "colleague",
  discriminator: "0",
  global_name: "Colleague",
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

/** A group DM the bot is not in: only a user-installed app is reachable there. */
export const GROUP_DM_CHANNEL_ID = "900000000000000011";

type Where = {
  dm?: boolean;
  /** A group DM (context 2, private channel); implies a user install. */
  groupDm?: boolean;
  /** Installed to the user rather than the guild: authorizing_integration_owners {"1": user id}. */
  userInstall?: boolean;
  ageMs?: number;
  user?: typeof asker;
  locale?: string;
};

/**
 * Who installed the app the interaction runs under, as Discord reports it: a guild install in a guild
 * {"0": guild id}; a guild install used in the bot's DM {"0": "0"}; a user install {"1": user id}.
 */
function owners(where: Where, inGuild: boolean, user: typeof asker): Record<string, string> {
  if (where.userInstall || where.groupDm) return { "1": user.id };
  return { "0": inGuild ? GUILD_ID : "0" };
}

function interactionBase(type: number, where: Where) {
  const id = snowflake(where.ageMs ?? 0);
  const inGuild = !where.dm && !where.groupDm;
  const user = where.user ?? asker;
  const privateChannel = where.groupDm
    ? {
        channel_id: GROUP_DM_CHANNEL_ID,
        channel: { id: GROUP_DM_CHANNEL_ID, type: 3, recipients: [user, otherPerson] },
        user,
        // A user-installed app in a channel it is not part of may only reply ephemerally or by webhook.
        app_permissions: "559104",
      }
    : {
        channel_id: DM_CHANNEL_ID,
        channel: { id: DM_CHANNEL_ID, type: 1, recipients: [user] },
        user,
      };
  return {
    id,
    application_id: APP_ID,
    type,
    token: `interaction-token-${id}`,
    version: 1,
    locale: where.locale ?? "en-US",
    app_permissions: "2248473465835073",
    entitlements: [],
    authorizing_integration_owners: owners(where, inGuild, user),
    context: inGuild ? 0 : where.groupDm ? 2 : 1,
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
      : privateChannel),
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
      ...messageDefaults(),
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

/** A message someone sent earlier, as Discord returns it in `referenced_message` and `resolved.messages`. */
export type DiscordMessage = ReturnType<typeof messageCreate>;

/**
 * A reply to an earlier message: `message_reference` and the whole `referenced_message`. With `ping`, the
 * replied-to author is also in `mentions` (the default in Discord's client); without it, only the reference says so.
 */
export function replyTo(
  referenced: Record<string, unknown> & { id: string; channel_id: string; author: unknown },
  content: string,
  options: { ping?: boolean; dm?: boolean; author?: typeof asker } = {},
) {
  const base = messageCreate(content, { dm: options.dm, author: options.author });
  const { guild_id: _guild, ...plainReferenced } = referenced as Record<string, unknown>;
  return {
    ...base,
    channel_id: referenced.channel_id,
    type: 19,
    mentions: options.ping ? [referenced.author] : base.mentions,
    message_reference: {
      type: 0,
      message_id: referenced.id,
      channel_id: referenced.channel_id,
      ...(options.dm ? {} : { guild_id: GUILD_ID }),
    },
    referenced_message: plainReferenced,
  };
}

/** A message that mentions the bot's managed role (`<@&ROLE>`): in the content and in `mention_roles`. */
export function roleMention(question: string) {
  return { ...messageCreate(`<@&${BOT_ROLE_ID}> ${question}`), mention_roles: [BOT_ROLE_ID] };
}

/**
 * THREAD_CREATE for a public thread started from a message: the thread's id is the starter message's id,
 * and `newly_created` is set for the event that announces a new thread.
 */
export function threadCreate(starter: { id: string; channel_id: string }, name = "Follow-up") {
  return {
    id: starter.id,
    guild_id: GUILD_ID,
    parent_id: starter.channel_id,
    owner_id: asker.id,
    type: 11,
    name,
    last_message_id: null,
    rate_limit_per_user: 0,
    message_count: 0,
    member_count: 1,
    total_message_sent: 0,
    flags: 0,
    thread_metadata: {
      archived: false,
      auto_archive_duration: 1440,
      archive_timestamp: new Date().toISOString(),
      locked: false,
      create_timestamp: new Date().toISOString(),
    },
    newly_created: true,
  };
}

/** A person's message inside a thread (its channel is the thread), with no mention of the bot. */
export function threadMessage(thread: { id: string }, content: string) {
  return { ...messageCreate(content), channel_id: thread.id, position: 1 };
}

/** A message with only a file attached (no text), as a DM or in a guild. */
export function fileOnly(where: { dm?: boolean } = { dm: true }) {
  const base = messageCreate("", where);
  return {
    ...base,
    attachments: [
      {
        id: snowflake(),
        filename: "deal-notes.pdf",
        size: 48_213,
        url: "https://cdn.discordapp.com/attachments/1/2/deal-notes.pdf",
        proxy_url: "https://media.discordapp.net/attachments/1/2/deal-notes.pdf",
        content_type: "application/pdf",
      },
    ],
  };
}

/**
 * A message context-menu command ("Ask TPD about this"): type 2 with `data.type` 3, the target's id and
 * the target message itself in `data.resolved.messages`.
 */
export function messageCommand(
  name: string,
  target: Record<string, unknown> & { id: string },
  where: Where = {},
) {
  return {
    ...interactionBase(2, where),
    data: {
      id: `${COMMAND_ID}1`,
      name,
      type: 3,
      target_id: target.id,
      resolved: { messages: { [target.id]: target } },
    },
  };
}
