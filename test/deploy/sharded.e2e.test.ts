import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  BOT_ID,
  CHANNEL_2_ID,
  CHANNEL_ID,
  type FakeDiscord,
  GUILD_2_ID,
  GUILD_ID,
  startFakeDiscord,
  TOKEN,
} from "../fakes/discord.js";
import { messageCreate } from "../fakes/discord-payloads.js";
import { type BotProcess, killAllBotProcesses, startBotProcess } from "../helpers/bot-process.js";
import { WHITE_HOUSE_ARTICLE } from "../helpers/knowledge-urls.js";
import { builtScriptEntry, type ProductionApp, productionApp } from "./support/production-app.js";

const GUILDS = [
  { id: GUILD_ID, channelId: CHANNEL_ID }, // shard 1 of 2
  { id: GUILD_2_ID, channelId: CHANNEL_2_ID }, // shard 0 of 2
];

type ShardHealth = {
  status: string;
  totalShards: number;
  shards: Array<{ id: number; state: string; pid: number }>;
};

let app: ProductionApp;
let fake: FakeDiscord;
let launcher: BotProcess;
let healthPort: number;

const health = async (): Promise<{ code: number; body: ShardHealth }> => {
  const response = await fetch(`http://127.0.0.1:${healthPort}/healthz`);
  return { code: response.status, body: (await response.json()) as ShardHealth };
};

beforeAll(async () => {
  [app, fake] = await Promise.all([productionApp(), startFakeDiscord({ shards: 2, guilds: GUILDS })]);
  launcher = startBotProcess(
    {
      DISCORD_TOKEN: TOKEN,
      DISCORD_API_URL: fake.apiUrl,
      DISCORD_SHARDS: "auto",
      HEALTH_PORT: "0",
      KNOWLEDGE_WATCH: "false",
      // Would start Slack once per shard, on one port, against nothing: the launcher keeps it out of the shards.
      SLACK_BOT_TOKEN: "xoxb-not-for-the-shards",
      SLACK_SIGNING_SECRET: "not-for-the-shards",
      SLACK_API_URL: "http://127.0.0.1:9/api/",
    },
    builtScriptEntry("start:sharded"),
    app.dir,
  );
  const started = await launcher.waitForLog((line) => line.msg === "tpd-bot sharded started", 90_000);
  healthPort = started.healthPort as number;
}, 400_000);

afterAll(async () => {
  await killAllBotProcesses();
  await Promise.all([app?.remove(), fake?.close()]);
});

describe("npm run start:sharded over the built JavaScript", () => {
  it("asks Discord for the shard count and runs one process per shard, each with its own guilds", async () => {
    const identified = fake.received
      .filter((frame) => frame.op === 2)
      .map((frame) => (frame.d as { shard: number[] }).shard);
    expect(identified.sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(fake.sessions()).toEqual([
      { shard: 0, guilds: [GUILD_2_ID] },
      { shard: 1, guilds: [GUILD_ID] },
    ]);
    const { code, body } = await health();
    expect(code).toBe(200);
    expect(body.status).toBe("ok");
    expect(body.shards.map(({ id, state }) => ({ id, state }))).toEqual([
      { id: 0, state: "ready" },
      { id: 1, state: "ready" },
    ]);
    const pids = body.shards.map((shard) => shard.pid);
    expect(new Set(pids).size).toBe(2);
    expect(pids).not.toContain(launcher.pid);
  });

  it("each shard answers a mention in its own guild, once", async () => {
    const from = fake.calls.length;
    for (const guild of GUILDS)
      fake.dispatch("MESSAGE_CREATE", messageCreate(`<@${BOT_ID}> korea 6g`, { guild }));
    const replies = await Promise.all(
      GUILDS.map((guild) =>
        fake.waitForCall(
          (call) =>
            fake.calls.indexOf(call) >= from && call.path === `/api/v10/channels/${guild.channelId}/messages`,
          15_000,
        ),
      ),
    );
    for (const reply of replies) expect(JSON.stringify(reply.body)).toContain(WHITE_HOUSE_ARTICLE);
    await new Promise((resolve) => setTimeout(resolve, 500)); // room for a second answer, were there one
    const posted = fake.calls
      .slice(from)
      .filter((call) => call.method === "POST" && call.path.includes("/channels/"));
    expect(posted).toHaveLength(2);
  });

  it("Slack stays out of the shards, and SIGTERM stops every shard and then the launcher", async () => {
    expect(launcher.logs().some((line) => /Slack adapter started/.test(String(line.msg)))).toBe(false);
    const { body } = await health();
    launcher.signal("SIGTERM");
    expect((await launcher.exited).code).toBe(0);
    for (const { pid } of body.shards) expect(() => process.kill(pid, 0)).toThrow();
  });
});

describe("DISCORD_SHARDS as a number", () => {
  it("runs that many shards, whatever Discord recommends", async () => {
    const recommendsOne = await startFakeDiscord({ shards: 1 });
    try {
      const fixed = startBotProcess(
        {
          DISCORD_TOKEN: TOKEN,
          DISCORD_API_URL: recommendsOne.apiUrl,
          DISCORD_SHARDS: "2",
          KNOWLEDGE_WATCH: "false",
        },
        builtScriptEntry("start:sharded"),
        app.dir,
      );
      const started = await fixed.waitForLog((line) => line.msg === "tpd-bot sharded started", 60_000);
      expect(started.totalShards).toBe(2);
      const identified = recommendsOne.received
        .filter((frame) => frame.op === 2)
        .map((frame) => (frame.d as { shard: number[] }).shard);
      expect(identified.sort()).toEqual([
        [0, 2],
        [1, 2],
      ]);
      fixed.signal("SIGTERM");
      expect((await fixed.exited).code).toBe(0);
    } finally {
      await recommendsOne.close();
    }
  }, 90_000);
});
