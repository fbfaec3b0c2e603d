import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";

/**
 * A fake Discord on 127.0.0.1 for the real discord.js client: a REST API that records every call and a
 * gateway (same port) that does HELLO / IDENTIFY / READY / GUILD_CREATE / heartbeats / RESUME and lets
 * a test inject dispatches and drop the connection. With `shards` above 1 it announces that many shards in
 * GET /gateway/bot and, like Discord, gives each shard's session the guilds whose id maps to it
 * (`(id >> 22) % shards`), sends a guild's events on its shard and everything else (DMs) on shard 0.
 */

/** The fields every message object has that the fakes never vary: sent now, unedited, mentioning no one. */
export function messageDefaults() {
  return {
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    pinned: false,
  };
}

export const BOT_ID = "900000000000000001";
export const APP_ID = "900000000000000002";
export const GUILD_ID = "900000000000000003";
export const CHANNEL_ID = "900000000000000004";
export const DM_CHANNEL_ID = "900000000000000005";
export const COMMAND_ID = "900000000000000006";
/** A second guild, on shard 0 of two (GUILD_ID is on shard 1), with its own channel. */
export const GUILD_2_ID = "900000000004194307";
export const CHANNEL_2_ID = "900000000000000008";
export const TOKEN = "fake-bot-token.very-secret-value";
/** The role Discord creates for the bot when it joins a guild (managed, tagged with the bot's id). */
export const BOT_ROLE_ID = "900000000000000010";

export const botUser = {
  id: BOT_ID,
  username: "tpd-bot",
  discriminator: "0",
  global_name: null,
  avatar: null,
  bot: true,
};

export type RecordedCall = {
  method: string;
  /** Decoded path without the query, e.g. /api/v10/webhooks/APP/TOKEN/messages/@original. */
  path: string;
  query: URLSearchParams;
  body: unknown;
  authorization: string | null;
  /** performance.now() when the request was received. */
  at: number;
};

export type GatewayFrame = { op: number; d?: unknown; s?: number | null; t?: string | null };

export type FakeDiscord = {
  apiUrl: string;
  calls: RecordedCall[];
  /** Frames the client sent to the gateway (IDENTIFY, RESUME, heartbeats). */
  received: GatewayFrame[];
  /** Resolves with the first call (already received or still to come) matching `predicate`. */
  waitForCall(predicate: (call: RecordedCall) => boolean, timeoutMs?: number): Promise<RecordedCall>;
  waitForFrame(op: number, timeoutMs?: number): Promise<GatewayFrame>;
  /**
   * Sends a dispatch on the shard of its `guild_id` (shard 0 without one); queued (and replayed on RESUME,
   * as Discord does) while that shard has no session. Returns when it was sent.
   */
  dispatch(type: string, data: unknown): number;
  /** Closes shard 0's gateway connection with a code, as Discord does when it drops a session. */
  drop(code: number): void;
  /** Whether every shard has a ready session. */
  connected(): boolean;
  /** The shard ids with a ready session, and the guild ids each was given in READY. */
  sessions(): Array<{ shard: number; guilds: string[] }>;
  /** Every message the bot sent, and those added with `addMessage`, by id (GET /channels/{c}/messages/{m}). */
  messages: Map<string, Record<string, unknown>>;
  /** Records a message (e.g. a person's, or an answer sent before the test) so REST reads can find it. */
  addMessage(message: Record<string, unknown> & { id: string; channel_id: string }): void;
  /** Holds every REST response this long, like a slow network. */
  setResponseDelay(ms: number): void;
  close(): Promise<void>;
};

type Session = { socket: WebSocket; ready: boolean; id: string; sequence: number; guilds: string[] };

export async function startFakeDiscord(
  options: {
    heartbeatIntervalMs?: number;
    shards?: number;
    guilds?: Array<{ id: string; channelId: string }>;
  } = {},
): Promise<FakeDiscord> {
  const heartbeatInterval = options.heartbeatIntervalMs ?? 2000;
  const shardCount = options.shards ?? 1;
  const guilds = options.guilds ?? [{ id: GUILD_ID, channelId: CHANNEL_ID }];
  const shardOf = (guildId: string) => Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
  const calls: RecordedCall[] = [];
  const received: GatewayFrame[] = [];
  const waiters = new Set<{ test: (call: RecordedCall) => boolean; resolve: (call: RecordedCall) => void }>();
  const frameWaiters = new Set<{ op: number; resolve: (frame: GatewayFrame) => void }>();
  /** Per shard: the live session, and dispatches waiting for one. */
  const sessions = new Map<number, Session>();
  const pending = new Map<number, Array<{ t: string; d: unknown }>>();
  const shardOfSession = new Map<string, number>();
  let sessionCount = 0;
  let messageCounter = 0;
  const messages = new Map<string, Record<string, unknown>>();
  let responseDelayMs = 0;

  const server = createServer((request, response) => {
    void handle(request, response);
  });
  const gateway = new WebSocketServer({ server });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  const wsUrl = `ws://127.0.0.1:${port}`;

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const call: RecordedCall = {
      method: request.method ?? "GET",
      path: decodeURIComponent(url.pathname),
      query: url.searchParams,
      body: raw && request.headers["content-type"]?.includes("json") ? JSON.parse(raw) : raw || null,
      authorization: request.headers.authorization ?? null,
      at: performance.now(),
    };
    calls.push(call);
    for (const waiter of waiters) {
      if (waiter.test(call)) {
        waiters.delete(waiter);
        waiter.resolve(call);
      }
    }
    if (responseDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, responseDelayMs));
    const [status, payload] = route(call);
    if (payload === undefined) {
      response.writeHead(status).end();
    } else {
      response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(payload));
    }
  }

  function route(call: RecordedCall): [number, unknown] {
    const path = call.path.replace(/^\/api\/v10/, "");
    if (call.method === "GET" && path === "/gateway/bot") {
      return [
        200,
        {
          url: wsUrl,
          shards: shardCount,
          session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
        },
      ];
    }
    if (call.method === "GET" && path === "/users/@me") return [200, botUser];
    if (call.method === "POST" && /^\/interactions\/\d+\/[^/]+\/callback$/.test(path))
      return [204, undefined];
    const webhook = /^\/webhooks\/(\d+)\/[^/]+(?:\/messages\/(@original|\d+))?$/.exec(path);
    if (webhook && (call.method === "PATCH" || call.method === "POST")) {
      return [200, messageFrom(CHANNEL_ID, call.body)];
    }
    const channelMessages = /^\/channels\/(\d+)\/messages$/.exec(path);
    if (channelMessages?.[1] && call.method === "POST")
      return [200, messageFrom(channelMessages[1], call.body)];
    if (channelMessages?.[1] && call.method === "GET") {
      // Newest first, as Discord lists them.
      const limit = Number(call.query.get("limit") ?? 50);
      const inChannel = [...messages.values()]
        .filter((message) => message.channel_id === channelMessages[1])
        .sort((a, b) => (BigInt(String(b.id)) > BigInt(String(a.id)) ? 1 : -1));
      return [200, inChannel.slice(0, limit)];
    }
    const oneMessage = /^\/channels\/(\d+)\/messages\/(\d+)$/.exec(path);
    if (oneMessage && call.method === "GET") {
      const found = messages.get(oneMessage[2] ?? "");
      return found && found.channel_id === oneMessage[1]
        ? [200, found]
        : [404, { message: "Unknown Message", code: 10008 }];
    }
    if (call.method === "PUT" && /^\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(path)) {
      const commands = Array.isArray(call.body) ? call.body : [];
      return [
        200,
        commands.map((command, index) => ({
          id: `${COMMAND_ID}${index}`,
          application_id: APP_ID,
          version: "1",
          ...command,
        })),
      ];
    }
    return [404, { message: "404: Not Found", code: 0 }];
  }

  function messageFrom(channelId: string, body: unknown): Record<string, unknown> {
    const data = (body ?? {}) as Record<string, unknown>;
    messageCounter += 1;
    const reference = data.message_reference as { message_id?: string } | undefined;
    const message = {
      // Ids grow with time, like snowflakes, so "newest first" sorts as on Discord.
      id: `${((BigInt(Date.now()) - 1_420_070_400_000n) << 22n) + BigInt(messageCounter % 4096)}`,
      channel_id: channelId,
      author: botUser,
      content: data.content ?? "",
      embeds: data.embeds ?? [],
      components: data.components ?? [],
      ...messageDefaults(),
      type: reference ? 19 : 0,
      flags: data.flags ?? 0,
      ...(reference?.message_id
        ? { message_reference: { type: 0, message_id: reference.message_id, channel_id: channelId } }
        : {}),
    };
    messages.set(message.id, message);
    return message;
  }

  const sendDispatch = (session: Session, t: string, d: unknown) => {
    session.sequence += 1;
    session.socket.send(JSON.stringify({ op: 0, t, s: session.sequence, d }));
  };

  gateway.on("connection", (ws) => {
    let shard = 0;
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: heartbeatInterval }, s: null, t: null }));
    ws.on("message", (data) => {
      const frame = JSON.parse(data.toString()) as GatewayFrame;
      received.push(frame);
      for (const waiter of frameWaiters) {
        if (waiter.op === frame.op) {
          frameWaiters.delete(waiter);
          waiter.resolve(frame);
        }
      }
      const payload = (frame.d ?? {}) as { shard?: [number, number]; session_id?: string };
      if (frame.op === 1) ws.send(JSON.stringify({ op: 11 }));
      if (frame.op === 2) {
        shard = payload.shard?.[0] ?? 0;
        identify(ws, shard);
      }
      if (frame.op === 6) {
        shard = shardOfSession.get(payload.session_id ?? "") ?? 0;
        resume(ws, shard);
      }
    });
    ws.on("close", () => {
      if (sessions.get(shard)?.socket === ws) sessions.delete(shard);
    });
  });

  function identify(socket: WebSocket, shard: number) {
    sessionCount += 1;
    const mine = guilds.filter((guild) => shardOf(guild.id) === shard);
    const session: Session = {
      socket,
      ready: false,
      id: `session-${sessionCount}`,
      sequence: 0,
      guilds: mine.map((guild) => guild.id),
    };
    sessions.set(shard, session);
    shardOfSession.set(session.id, shard);
    sendDispatch(session, "READY", {
      v: 10,
      user: botUser,
      guilds: mine.map((guild) => ({ id: guild.id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: wsUrl,
      application: { id: APP_ID, flags: 0 },
      shard: [shard, shardCount],
    });
    for (const guild of mine) sendDispatch(session, "GUILD_CREATE", guildCreate(guild.id, guild.channelId));
    session.ready = true;
    flush(shard);
  }

  function resume(socket: WebSocket, shard: number) {
    const previous = sessions.get(shard);
    const session: Session = previous
      ? { ...previous, socket }
      : { socket, ready: false, id: `session-resumed-${shard}`, sequence: 0, guilds: [] };
    sessions.set(shard, session);
    sendDispatch(session, "RESUMED", null);
    session.ready = true;
    flush(shard);
  }

  function flush(shard: number) {
    const session = sessions.get(shard);
    if (!session) return;
    for (const event of pending.get(shard)?.splice(0) ?? []) sendDispatch(session, event.t, event.d);
  }

  return {
    apiUrl: `http://127.0.0.1:${port}/api`,
    calls,
    received,
    waitForCall(predicate, timeoutMs = 5000) {
      const existing = calls.find(predicate);
      if (existing) return Promise.resolve(existing);
      return new Promise((resolve, reject) => {
        const waiter = {
          test: predicate,
          resolve: (call: RecordedCall) => {
            clearTimeout(timer);
            resolve(call);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`no matching REST call within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    waitForFrame(op, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const waiter = {
          op,
          resolve: (frame: GatewayFrame) => {
            clearTimeout(timer);
            resolve(frame);
          },
        };
        const timer = setTimeout(() => {
          frameWaiters.delete(waiter);
          reject(new Error(`no gateway op ${op} within ${timeoutMs} ms`));
        }, timeoutMs);
        frameWaiters.add(waiter);
      });
    },
    dispatch(type, data) {
      const guildId = (data as { guild_id?: unknown } | null)?.guild_id;
      const shard = typeof guildId === "string" ? shardOf(guildId) : 0;
      const session = sessions.get(shard);
      if (session?.ready) sendDispatch(session, type, data);
      else pending.set(shard, [...(pending.get(shard) ?? []), { t: type, d: data }]);
      return performance.now();
    },
    drop(code) {
      const session = sessions.get(0);
      if (!session) return;
      session.ready = false; // from now on dispatches queue up for the RESUME
      session.socket.close(code, "dropped by the fake gateway");
    },
    connected: () =>
      Array.from({ length: shardCount }, (_, shard) => sessions.get(shard)?.ready === true).every(Boolean),
    sessions: () =>
      [...sessions.entries()]
        .filter(([, session]) => session.ready)
        .map(([shard, session]) => ({ shard, guilds: session.guilds }))
        .sort((a, b) => a.shard - b.shard),
    messages,
    addMessage(message) {
      messages.set(message.id, message);
    },
    setResponseDelay(ms) {
      responseDelayMs = ms;
    },
    async close() {
      for (const client of gateway.clients) client.terminate();
      await new Promise<void>((resolve) => gateway.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function guildCreate(guildId: string, channelId: string): Record<string, unknown> {
  return {
    id: guildId,
    name: "Tech policy",
    icon: null,
    owner_id: "900000000000000099",
    unavailable: false,
    member_count: 2,
    large: false,
    joined_at: new Date().toISOString(),
    features: [],
    roles: [
      {
        id: guildId,
        name: "@everyone",
        permissions: "68608",
        position: 0,
        color: 0,
        hoist: false,
        managed: false,
        mentionable: false,
        flags: 0,
      },
      {
        id: BOT_ROLE_ID,
        name: "tpd-bot",
        permissions: "274877975552",
        position: 1,
        color: 0,
        hoist: false,
        managed: true,
        mentionable: false,
        flags: 0,
        tags: { bot_id: BOT_ID },
      },
    ],
    emojis: [],
    stickers: [],
    members: [],
    presences: [],
    voice_states: [],
    threads: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
    channels: [
      {
        id: channelId,
        type: 0,
        name: "general",
        position: 0,
        permission_overwrites: [],
        guild_id: guildId,
      },
    ],
  };
}
