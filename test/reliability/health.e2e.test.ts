import type { IncomingMessage, ServerResponse } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { healthResponder, startHealthServer } from "../../src/runtime/health.js";
import { type FakeDiscord, startFakeDiscord } from "../fakes/discord.js";
import { slashCommand } from "../fakes/discord-payloads.js";
import { type DiscordRestProxy, startDiscordRestProxy } from "../fakes/discord-rest-proxy.js";
import { type FakeSlack, startFakeSlack } from "../fakes/slack.js";
import { createSlackClient } from "../fakes/slack-client.js";
import { type FakeSocketMode, startFakeSocketMode } from "../fakes/slack-socket-mode.js";
import { type BotProcess, botStarted, killAllBotProcesses, startBotProcess } from "../helpers/bot-process.js";
import { askCommand, commandFields } from "../slack/support/harness.js";
import { SECRETS } from "./support/secrets.js";

type Report = {
  status: string;
  uptimeSeconds: number;
  knowledge: {
    version: string;
    documents: number;
    asOf: string;
    passages: number;
    deals: number;
    loadedAt: string;
    loadMs: number;
  };
  adapters: { name: string; up: boolean; detail: string }[];
};

const CALLBACK = /^\/api\/v10\/interactions\/\d+\/[^/]+\/callback$/;

let both: { bot: BotProcess; slack: FakeSlack; discord: FakeDiscord; port: number; healthPort: number };
let socket: { bot: BotProcess; slack: FakeSlack; sockets: FakeSocketMode; healthPort: number };
let discordOnly: { bot: BotProcess; discord: FakeDiscord; proxy: DiscordRestProxy; healthPort: number };

async function healthz(port: number, path = "/healthz", method = "GET") {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, { method });
  const text = await response.text();
  return {
    status: response.status,
    report: (text ? JSON.parse(text) : null) as Report,
    headers: response.headers,
  };
}

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 8000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function expectFullReport(report: Report): void {
  expect(report.status).toBe("ok");
  expect(report.knowledge.version).toMatch(/^[0-9a-f]{16}$/);
  expect(report.knowledge.documents).toBeGreaterThan(0);
  expect(report.knowledge.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  expect(report.knowledge.passages).toBeGreaterThan(0);
  expect(report.knowledge.deals).toBe(3);
  expect(Number.isNaN(Date.parse(report.knowledge.loadedAt))).toBe(false);
  expect(report.knowledge.loadMs).toBeGreaterThan(0);
  expect(report.uptimeSeconds).toBeGreaterThanOrEqual(0);
}

beforeAll(async () => {
  const [slackA, slackB, discordA, discordB] = await Promise.all([
    startFakeSlack(),
    startFakeSlack(),
    startFakeDiscord(),
    startFakeDiscord(),
  ]);
  const [sockets, proxy] = await Promise.all([
    startFakeSocketMode(slackB),
    startDiscordRestProxy(discordB.apiUrl),
  ]);
  const bots = {
    both: startBotProcess({
      SLACK_BOT_TOKEN: SECRETS.SLACK_BOT_TOKEN,
      SLACK_SIGNING_SECRET: SECRETS.SLACK_SIGNING_SECRET,
      SLACK_API_URL: slackA.apiUrl,
      PORT: "0",
      HEALTH_PORT: "0",
      DISCORD_TOKEN: SECRETS.DISCORD_TOKEN,
      DISCORD_API_URL: discordA.apiUrl,
    }),
    socket: startBotProcess({
      SLACK_BOT_TOKEN: SECRETS.SLACK_BOT_TOKEN,
      SLACK_APP_TOKEN: SECRETS.SLACK_APP_TOKEN,
      SLACK_API_URL: slackB.apiUrl,
      HEALTH_PORT: "0",
    }),
    discordOnly: startBotProcess({
      DISCORD_TOKEN: SECRETS.DISCORD_TOKEN,
      DISCORD_API_URL: proxy.apiUrl,
      HEALTH_PORT: "0",
    }),
  };
  const [a, b, c] = await Promise.all([
    botStarted(bots.both),
    botStarted(bots.socket),
    botStarted(bots.discordOnly),
  ]);
  both = {
    bot: bots.both,
    slack: slackA,
    discord: discordA,
    port: a.slackPort ?? -1,
    healthPort: a.healthPort ?? -1,
  };
  socket = { bot: bots.socket, slack: slackB, sockets, healthPort: b.healthPort ?? -1 };
  discordOnly = { bot: bots.discordOnly, discord: discordB, proxy, healthPort: c.healthPort ?? -1 };
}, 60_000);

afterAll(async () => {
  await killAllBotProcesses();
  await Promise.all([both?.slack.close(), socket?.slack.close(), socket?.sockets.close()]);
  await discordOnly?.proxy.close();
  await Promise.all([both?.discord.close(), discordOnly?.discord.close()]);
});

// The three deployments are separate processes, so their checks run side by side.
describe.concurrent("GET /healthz in each deployment", () => {
  it("Slack over HTTP and Discord: the full report on PORT (and HEALTH_PORT); 503 on both once Discord is down for good, while Slack still answers", async () => {
    const { status, report, headers } = await healthz(both.port);
    expect(status).toBe(200);
    expect(headers.get("cache-control")).toBe("no-store");
    expectFullReport(report);
    expect(report.adapters).toEqual([
      { name: "slack", up: true, detail: `HTTP on port ${both.port}` },
      expect.objectContaining({ name: "discord", up: true, detail: expect.stringContaining("connected") }),
    ]);
    expect(await healthz(both.healthPort)).toMatchObject({ status: 200, report: { status: "ok" } });

    both.discord.drop(4004); // authentication failed: discord.js does not reconnect
    const onPort = await until(
      () => healthz(both.port),
      (result) => result.status === 503,
    );
    expect(onPort.status).toBe(503);
    expect(onPort.report.status).toBe("degraded");
    expect(onPort.report.adapters).toEqual([
      expect.objectContaining({ name: "slack", up: true }),
      expect.objectContaining({ name: "discord", up: false }),
    ]);
    expect((await healthz(both.healthPort)).status).toBe(503);

    const client = createSlackClient({
      baseUrl: `http://127.0.0.1:${both.port}`,
      signingSecret: SECRETS.SLACK_SIGNING_SECRET,
    });
    const fields = commandFields(both.slack, "korea 6g");
    const { body } = await askCommand(both.slack, client, fields);
    expect(JSON.stringify(body)).toContain("whitehouse.gov");
  });

  it("Socket Mode only: served on HEALTH_PORT; 503 from a dropped WebSocket until Slack's client reconnects", async () => {
    const { status, report } = await healthz(socket.healthPort);
    expect(status).toBe(200);
    expectFullReport(report);
    expect(report.adapters).toEqual([{ name: "slack", up: true, detail: "Socket Mode" }]);

    socket.sockets.drop();
    const down = await until(
      () => healthz(socket.healthPort),
      (result) => result.status === 503,
    );
    expect(down.status).toBe(503);
    expect(down.report.adapters).toEqual([
      { name: "slack", up: false, detail: "reconnecting (Socket Mode)" },
    ]);
    // @slack/socket-mode waits its ping timeout (5 s) before reconnecting.
    const back = await until(
      () => healthz(socket.healthPort),
      (result) => result.status === 200,
      12_000,
    );
    expect(back.status).toBe(200);
    expect(socket.sockets.connections()).toBe(1);
  }, 20_000);

  it("Discord only: served on HEALTH_PORT and nothing else; 503 'stopping' while an answer in flight finishes", async () => {
    const { bot, discord, proxy, healthPort } = discordOnly;
    const { status, report } = await healthz(healthPort);
    expect(status).toBe(200);
    expectFullReport(report);
    expect(report.adapters).toEqual([
      expect.objectContaining({
        name: "discord",
        up: true,
        detail: expect.stringContaining("shards 0:Ready"),
      }),
    ]);
    expect((await healthz(healthPort, "/healthz?probe=1")).status).toBe(200);
    expect((await healthz(healthPort, "/")).status).toBe(404);
    expect((await healthz(healthPort, "/healthz", "POST")).status).toBe(404);

    proxy.delay("POST", CALLBACK, 1000);
    const held = slashCommand({ query: "korea 6g" });
    discord.dispatch("INTERACTION_CREATE", held);
    await proxy.arrived("POST", new RegExp(`/interactions/${held.id}/`));
    bot.signal("SIGTERM");
    await bot.waitForLog((line) => line.msg === "shutting down: finishing answers in progress");
    const stopping = await healthz(healthPort);
    expect(stopping.status).toBe(503);
    expect(stopping.report.status).toBe("stopping");
    expect((await bot.exited).code).toBe(0);
    await expect(fetch(`http://127.0.0.1:${healthPort}/healthz`)).rejects.toThrow();
  });
});

describe("the /healthz answer", () => {
  it("is 200 only for an ok report from a process that is up, 503 otherwise, 500 when the report fails", async () => {
    let report: () => { status: string } = () => ({ status: "ok" });
    const server = await startHealthServer(0, () => report() as { status: "ok" }, "127.0.0.1");
    try {
      expect(await healthz(server.port)).toMatchObject({ status: 200, report: { status: "ok" } });
      report = () => ({ status: "degraded" });
      expect(await healthz(server.port)).toMatchObject({ status: 503, report: { status: "degraded" } });
      report = () => {
        throw new Error("no knowledge yet");
      };
      expect(await healthz(server.port)).toMatchObject({
        status: 500,
        report: { error: "no knowledge yet" },
      });
    } finally {
      await server.close();
    }
    // The Slack HTTP server answers with the same responder, 503 while Slack itself is not up.
    const answers: { status: number; body: string }[] = [];
    const respond = healthResponder(
      () => ({ status: "ok" }),
      () => false,
    );
    const response = {
      writeHead: (status: number) => ({ end: (body: string) => answers.push({ status, body }) }),
    };
    respond({} as IncomingMessage, response as unknown as ServerResponse);
    expect(answers).toEqual([{ status: 503, body: '{"status":"ok"}' }]);
  });
});
