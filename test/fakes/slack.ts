import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export type ApiCall = {
  method: string;
  /** Form fields as sent; `blocks` is parsed from its JSON string into `parsedBlocks`. */
  params: Record<string, string>;
  parsedBlocks: unknown[] | null;
  authorization: string | null;
};

export type HookPost = { hook: string; body: Record<string, unknown> };

/** A message as conversations.history / conversations.replies return it. */
export type StoredMessage = {
  type: "message";
  ts: string;
  text: string;
  user: string;
  bot_id?: string;
  thread_ts?: string;
  parent_user_id?: string;
  blocks?: unknown[];
  /** Returned only to calls with include_all_metadata. */
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
};

/**
 * A stand-in for Slack on 127.0.0.1: the Web API under /api/ (form-encoded calls, as the WebClient
 * sends them) and response_url endpoints under /hooks/. Everything is recorded for assertions.
 */
export type FakeSlack = {
  apiUrl: string;
  responseUrl(hook: string): string;
  calls: ApiCall[];
  hooks: HookPost[];
  /** Every call of `method` answers HTTP 429 with this Retry-After (seconds), as Slack's rate limits do; null lifts it. */
  rateLimit(method: string, retryAfterSeconds: number | null): void;
  /** The next calls of `method` answer `{ ok: false, error }`, one error per call. */
  failNext(method: string, ...errors: string[]): void;
  /** The next POSTs to response_urls answer this HTTP status. */
  failHooks(...statuses: number[]): void;
  /** Delays answers to response_url POSTs (to hold a reply in flight). */
  delayHooks(ms: number): void;
  /** Answers every call of `method` with this body (e.g. apps.connections.open for Socket Mode). */
  answer(method: string, body: Record<string, unknown>): void;
  callsTo(method: string): ApiCall[];
  /** Messages in a channel, oldest first: the bot's posts and those added with `addMessage`. */
  messagesIn(channel: string): StoredMessage[];
  /** Records a person's message (as the Events API would report it) so history and replies include it. */
  addMessage(channel: string, message: { ts: string; text: string; user: string; thread_ts?: string }): void;
  waitFor<T>(read: () => T | undefined | null | false, timeoutMs?: number): Promise<T>;
  reset(): void;
  close(): Promise<void>;
};

export const BOT_USER_ID = "UBOT0001";
export const BOT_ID = "BBOT0001";
export const TEAM_ID = "T0000001";

export async function startFakeSlack(): Promise<FakeSlack> {
  const calls: ApiCall[] = [];
  const hooks: HookPost[] = [];
  const failures = new Map<string, string[]>();
  const rateLimited = new Map<string, number>();
  let hookFailures: number[] = [];
  let hookDelay = 0;
  const answers = new Map<string, Record<string, unknown>>();
  const channels = new Map<string, StoredMessage[]>();
  // Message timestamps are seconds since the epoch, as on Slack, so `oldest` bounds behave as there.
  let ts = Math.floor(Date.now() / 1000);

  const store = (channel: string, message: StoredMessage) => {
    const list = channels.get(channel) ?? [];
    const root = message.thread_ts ? list.find((m) => m.ts === message.thread_ts) : undefined;
    if (root) {
      root.thread_ts = root.ts;
      message.parent_user_id = root.user;
    }
    list.push(message);
    list.sort((a, b) => Number(a.ts) - Number(b.ts));
    channels.set(channel, list);
  };
  const visible = (message: StoredMessage, withMetadata: boolean): StoredMessage => {
    const { metadata, ...rest } = message;
    return withMetadata && metadata ? { ...rest, metadata } : rest;
  };

  const server: Server = createServer(async (request, response) => {
    const body = await readBody(request);
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const send = (status: number, payload: unknown) => {
      response.writeHead(status, { "content-type": "application/json" });
      response.end(JSON.stringify(payload));
    };
    if (url.pathname.startsWith("/api/")) {
      const method = url.pathname.slice("/api/".length);
      const params = Object.fromEntries(new URLSearchParams(body));
      const parsedBlocks = params.blocks ? (JSON.parse(params.blocks) as unknown[]) : null;
      calls.push({ method, params, parsedBlocks, authorization: request.headers.authorization ?? null });
      const retryAfter = rateLimited.get(method);
      if (retryAfter !== undefined) {
        response.writeHead(429, { "content-type": "application/json", "retry-after": String(retryAfter) });
        return response.end(JSON.stringify({ ok: false, error: "ratelimited" }));
      }
      const error = failures.get(method)?.shift();
      if (error) return send(200, { ok: false, error });
      const canned = answers.get(method);
      if (canned) return send(200, canned);
      ts += 1;
      if (method === "auth.test") {
        return send(200, {
          ok: true,
          url: "https://test.example/",
          team: "Test",
          user: "tpd",
          team_id: TEAM_ID,
          user_id: BOT_USER_ID,
          bot_id: BOT_ID,
        });
      }
      if (method === "chat.postMessage") {
        const posted: StoredMessage = {
          type: "message",
          ts: `${ts}.000100`,
          text: params.text ?? "",
          user: BOT_USER_ID,
          bot_id: BOT_ID,
          ...(params.thread_ts ? { thread_ts: params.thread_ts } : {}),
          ...(parsedBlocks ? { blocks: parsedBlocks } : {}),
          ...(params.metadata ? { metadata: JSON.parse(params.metadata) } : {}),
        };
        // Posting to a user id opens (or reuses) the DM with that user, as Slack does.
        const channel = (params.channel ?? "").startsWith("U")
          ? `D${params.channel}`
          : (params.channel ?? "");
        store(channel, posted);
        return send(200, { ok: true, channel, ts: posted.ts, message: visible(posted, false) });
      }
      if (method === "conversations.replies") {
        const withMetadata = params.include_all_metadata === "true";
        const thread = (channels.get(params.channel ?? "") ?? []).filter(
          (m) => m.ts === params.ts || m.thread_ts === params.ts,
        );
        if (thread.length === 0) return send(200, { ok: false, error: "thread_not_found" });
        const limit = Number(params.limit ?? 1000);
        return send(200, {
          ok: true,
          messages: thread.slice(0, limit).map((m) => visible(m, withMetadata)),
          has_more: thread.length > limit,
        });
      }
      if (method === "conversations.history") {
        const withMetadata = params.include_all_metadata === "true";
        const oldest = Number(params.oldest ?? 0);
        const top = (channels.get(params.channel ?? "") ?? []).filter(
          (m) => (!m.thread_ts || m.thread_ts === m.ts) && Number(m.ts) > oldest,
        );
        const limit = Number(params.limit ?? 100);
        const newestFirst = [...top].reverse();
        return send(200, {
          ok: true,
          messages: newestFirst.slice(0, limit).map((m) => visible(m, withMetadata)),
          has_more: newestFirst.length > limit,
        });
      }
      if (method === "views.publish") {
        return send(200, { ok: true, view: { id: `V${ts}`, ...JSON.parse(params.view ?? "{}") } });
      }
      if (method === "chat.postEphemeral") return send(200, { ok: true, message_ts: `${ts}.000200` });
      return send(200, { ok: true });
    }
    if (url.pathname.startsWith("/hooks/")) {
      hooks.push({
        hook: url.pathname.slice("/hooks/".length),
        body: JSON.parse(body) as Record<string, unknown>,
      });
      if (hookDelay > 0) await new Promise((resolve) => setTimeout(resolve, hookDelay));
      const status = hookFailures.shift();
      if (status) return send(status, { ok: false, error: "expired_url" });
      response.writeHead(200, { "content-type": "text/plain" });
      response.end("ok");
      return;
    }
    send(404, { ok: false, error: "unknown_path" });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;

  return {
    apiUrl: `${base}/api/`,
    responseUrl: (hook) => `${base}/hooks/${hook}`,
    calls,
    hooks,
    rateLimit(method, retryAfterSeconds) {
      if (retryAfterSeconds === null) rateLimited.delete(method);
      else rateLimited.set(method, retryAfterSeconds);
    },
    failNext(method, ...errors) {
      failures.set(method, [...(failures.get(method) ?? []), ...errors]);
    },
    failHooks(...statuses) {
      hookFailures.push(...statuses);
    },
    delayHooks(ms) {
      hookDelay = ms;
    },
    answer(method, body) {
      answers.set(method, body);
    },
    callsTo: (method) => calls.filter((call) => call.method === method),
    messagesIn: (channel) => [...(channels.get(channel) ?? [])],
    addMessage(channel, message) {
      store(channel, { type: "message", ...message });
    },
    async waitFor(read, timeoutMs = 3000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const value = read();
        if (value) return value;
        if (Date.now() > deadline) throw new Error("timed out waiting for the fake Slack to see a request");
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    reset() {
      calls.length = 0;
      hooks.length = 0;
      channels.clear();
      failures.clear();
      hookFailures = [];
      hookDelay = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}
