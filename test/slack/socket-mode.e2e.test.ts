import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type WebSocket, WebSocketServer } from "ws";
import { createRateLimiter } from "../../src/adapters/shared/rate-limit.js";
import { createSlackAdapter, type SlackAdapter } from "../../src/adapters/slack/index.js";
import { BOT_USER_ID, type FakeSlack, startFakeSlack } from "../fakes/slack.js";
import { createSilentLogger } from "../helpers/silent-logger.js";
import { commandFields, envelope, loadRealBot, nextId } from "./support/harness.js";

/**
 * Socket Mode against fakes on loopback: apps.connections.open on the fake Web API hands out a
 * ws://127.0.0.1 URL, and a local WebSocket server plays Slack's side (hello, envelopes, acks).
 */
let slack: FakeSlack;
let sockets: WebSocketServer;
let adapter: SlackAdapter;
const connections: WebSocket[] = [];
const acks: Record<string, unknown>[] = [];

beforeAll(async () => {
  slack = await startFakeSlack();
  sockets = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  await new Promise<void>((resolve) => sockets.once("listening", () => resolve()));
  sockets.on("connection", (socket) => {
    connections.push(socket);
    socket.on("message", (data) => acks.push(JSON.parse(String(data)) as Record<string, unknown>));
    socket.send(JSON.stringify({ type: "hello", num_connections: 1, debug_info: { host: "fake" } }));
  });
  const { port } = sockets.address() as AddressInfo;
  slack.answer("apps.connections.open", { ok: true, url: `ws://127.0.0.1:${port}/link` });
  const bot = await loadRealBot();
  adapter = createSlackAdapter({
    config: {
      botToken: "xoxb-socket-test",
      signingSecret: null,
      appToken: "xapp-socket-test",
      mode: "socket",
      apiUrl: slack.apiUrl,
      port: 0,
    },
    getBot: () => bot,
    logger: createSilentLogger(),
    rateLimiter: createRateLimiter({ perUser: 100, perTeam: 100, windowMs: 60_000 }),
    healthReport: () => ({ status: "ok" }),
    retryConfig: { retries: 0 },
  });
});

afterAll(async () => {
  await adapter?.stop();
  for (const socket of connections) socket.terminate();
  await new Promise<void>((resolve) => sockets?.close(() => resolve()));
  await slack?.close();
});

function send(type: string, payload: Record<string, unknown>) {
  const envelopeId = nextId("env");
  connections.at(-1)?.send(
    JSON.stringify({
      envelope_id: envelopeId,
      type,
      payload,
      accepts_response_payload: type !== "events_api",
    }),
  );
  return envelopeId;
}

describe("Socket Mode (fake Slack on loopback)", () => {
  it("is not up before start, and serves no HTTP port", () => {
    expect(adapter.health()).toMatchObject({ name: "slack", up: false });
    expect(adapter.port()).toBeNull();
  });

  it("connects with the app-level token and reports up", async () => {
    await adapter.start();
    expect(adapter.health()).toMatchObject({ up: true, detail: "Socket Mode" });
    const open = slack.callsTo("apps.connections.open")[0];
    expect(open?.authorization).toBe("Bearer xapp-socket-test");
  });

  it("answers a mention in its thread and acknowledges the envelope", async () => {
    const envelopeId = send(
      "events_api",
      envelope({
        type: "app_mention",
        user: "U0USER001",
        text: `<@${BOT_USER_ID}> korea 6g`,
        ts: "7.1",
        channel: "C1",
      }),
    );
    const call = await slack.waitFor(() => slack.callsTo("chat.postMessage")[0]);
    expect(call.params).toMatchObject({ channel: "C1", thread_ts: "7.1" });
    expect(acks.some((ack) => ack.envelope_id === envelopeId)).toBe(true);
  });

  it("answers /tpd privately in the envelope's acknowledgement", async () => {
    const fields = commandFields(slack, "korea 6g");
    const envelopeId = send("slash_commands", fields);
    const ack = await slack.waitFor(() => acks.find((entry) => entry.envelope_id === envelopeId), 5000);
    const payload = ack.payload as Record<string, unknown>;
    expect(payload.response_type).toBe("ephemeral");
    expect(JSON.stringify(payload.blocks)).toContain("whitehouse.gov");
    expect(slack.hooks).toEqual([]);
  });
});
