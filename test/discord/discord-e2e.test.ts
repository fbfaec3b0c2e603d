import { Writable } from "node:stream";
import type { APIEmbed } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Adapter } from "../../src/adapters/adapter.js";
import { decodeAction } from "../../src/adapters/discord/custom-id.js";
import { createDiscordAdapter } from "../../src/adapters/discord/index.js";
import type { ButtonRow } from "../../src/adapters/discord/render.js";
import { NOTICES } from "../../src/adapters/shared/notices.js";
import { createRateLimiter, type RateLimiter } from "../../src/adapters/shared/rate-limit.js";
import { type Bot, createBot, dealIds } from "../../src/core/bot.js";
import { loadKnowledge } from "../../src/knowledge/load.js";
import { createLogger } from "../../src/logger.js";
import {
  APP_ID,
  BOT_ID,
  CHANNEL_ID,
  DM_CHANNEL_ID,
  type FakeDiscord,
  type RecordedCall,
  startFakeDiscord,
  TOKEN,
} from "../fakes/discord.js";
import {
  asker,
  autocomplete,
  buttonClick,
  messageCreate,
  otherBot,
  slashCommand,
} from "../fakes/discord-payloads.js";

type MessageData = {
  content?: string;
  embeds?: APIEmbed[];
  components?: ButtonRow[];
  flags?: number;
  allowed_mentions?: { parse?: string[]; replied_user?: boolean };
  message_reference?: { message_id: string };
  choices?: { name: string; value: string }[];
};
type Callback = { type: number; data?: MessageData };

const EPHEMERAL = 64;
const generous = () => createRateLimiter({ perUser: 1000, perTeam: 1000, windowMs: 60_000 });

let fake: FakeDiscord;
let adapter: Adapter;
let realBot: Bot;
let currentBot: () => Bot;
let limiter: RateLimiter;
const logLines: Record<string, unknown>[] = [];
const latencies: number[] = [];
/** Questions asked while the gateway was down wait for the reconnect; reported apart from the rest. */
const reconnectLatencies: number[] = [];

/** Injects an interaction and resolves with its first response (the callback POST), timing it. */
async function interact(payload: { id: string }, timings = latencies): Promise<Callback> {
  const sentAt = fake.dispatch("INTERACTION_CREATE", payload);
  const call = await fake.waitForCall(
    (c) => c.method === "POST" && c.path.includes(`/interactions/${payload.id}/`),
  );
  timings.push(call.at - sentAt);
  return call.body as Callback;
}

/** Injects a message and resolves with the bot's next message in a channel (a reply or a DM). */
async function say(payload: { id: string }): Promise<RecordedCall> {
  const from = fake.calls.length;
  fake.dispatch("MESSAGE_CREATE", payload);
  return fake.waitForCall(
    (c) => c.method === "POST" && /\/channels\/\d+\/messages$/.test(c.path) && fake.calls.indexOf(c) >= from,
  );
}

const answeredLine = (requestId: string) =>
  logLines.find((line) => line.msg === "answered" && line.requestId === requestId);
const channelMessages = () =>
  fake.calls.filter((c) => c.method === "POST" && /\/channels\/\d+\/messages$/.test(c.path));
const buttons = (data: MessageData | undefined) => (data?.components ?? []).flatMap((row) => row.components);
const button = (data: MessageData | undefined, label: string) => {
  const found = buttons(data).find((b) => b.label === label);
  if (!found) throw new Error(`no "${label}" button in ${JSON.stringify(buttons(data).map((b) => b.label))}`);
  return found;
};

beforeAll(async () => {
  fake = await startFakeDiscord();
  realBot = createBot(await loadKnowledge("knowledge"));
  currentBot = () => realBot;
  limiter = generous();
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString().split("\n").filter(Boolean)) logLines.push(JSON.parse(line));
      callback();
    },
  });
  adapter = createDiscordAdapter({
    config: { token: TOKEN, applicationId: APP_ID, guildId: null, apiUrl: fake.apiUrl },
    getBot: () => currentBot(),
    logger: createLogger({ level: "info", secrets: [TOKEN], destination }),
    rateLimiter: { take: (keys) => limiter.take(keys) },
  });
  await adapter.start();
});

afterAll(async () => {
  await adapter?.stop();
  await fake?.close();
  if (latencies.length > 0) {
    const sorted = [...latencies].sort((a, b) => a - b);
    const p50 = sorted[Math.floor((sorted.length - 1) / 2)] ?? 0;
    const max = sorted[sorted.length - 1] ?? 0;
    console.info(
      `interaction → first response over ${sorted.length} interactions: p50 ${p50.toFixed(1)} ms, max ${max.toFixed(1)} ms;` +
        ` asked during the gateway drop: ${reconnectLatencies.map((ms) => `${ms.toFixed(0)} ms`).join(", ")}`,
    );
  }
});

describe("GIVEN the real discord.js client logged in to a fake Discord", () => {
  it("THEN it identified with Guilds, GuildMessages and DirectMessages only, and reports healthy", async () => {
    const identify = fake.received.find((frame) => frame.op === 2)?.d as { token: string; intents: number };
    expect(identify.token).toBe(TOKEN);
    expect(identify.intents).toBe(1 | (1 << 9) | (1 << 12));
    expect(identify.intents & (1 << 15)).toBe(0); // MessageContent is privileged and not needed
    const health = adapter.health();
    expect(health).toMatchObject({ name: "discord", up: true });
    expect(health.detail).toContain("shards 0:Ready");
  });

  it("WHEN /tpd is used THEN the answer is an ephemeral embed with a citation link, within 3 s", async () => {
    const reply = await interact(slashCommand({ query: "korea 6g" }));
    expect(reply.type).toBe(4);
    expect(reply.data?.flags).toBe(EPHEMERAL);
    const [embed] = reply.data?.embeds ?? [];
    expect(embed?.title).toContain("Korea");
    expect(embed?.description).toMatch(/\[[^\]]+\]\(https:\/\/[^)]+\)/);
    expect(embed?.footer?.text).toMatch(/^Why this answer/);
    expect(reply.data?.allowed_mentions?.parse).toEqual([]);
  });

  it("WHEN public is true THEN the answer is posted for everyone", async () => {
    const reply = await interact(slashCommand({ query: "korea 6g", public: true }));
    expect(reply.type).toBe(4);
    expect((reply.data?.flags ?? 0) & EPHEMERAL).toBe(0);
  });

  it("WHEN the deal option is set THEN the answer is about that deal only, and More results keeps it", async () => {
    const reply = await interact(slashCommand({ query: "quantum", deal: "japan" }));
    expect(reply.data?.embeds?.[0]?.title).toContain("Japan");
    const more = decodeAction(button(reply.data, "More results").custom_id, dealIds(realBot));
    expect(more).toMatchObject({ kind: "more", deal: "japan", offset: 3 });
  });

  it("WHEN /tpd is used in a DM THEN it is answered there too", async () => {
    const reply = await interact(slashCommand({ query: "when was the japan deal signed?" }, { dm: true }));
    expect(reply.type).toBe(4);
    expect(reply.data?.embeds?.[0]?.description).toContain("](https://");
  });

  it("WHEN the query is typed THEN autocomplete offers ranked suggestions, pinned ones when empty", async () => {
    const typed = await interact(autocomplete("kor"));
    expect(typed.type).toBe(8);
    const choices = typed.data?.choices ?? [];
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices.some((choice) => /korea/i.test(choice.value))).toBe(true);
    const empty = await interact(autocomplete(""));
    expect(empty.data?.choices?.map((c) => c.value)).toEqual(
      realBot
        .suggest("", 25)
        .map((s) => s.query)
        .filter((q) => q.length <= 100),
    );
  });

  it("WHEN More results is clicked on an ephemeral answer THEN the next page comes, ephemeral too", async () => {
    const first = await interact(slashCommand({ query: "korea" }));
    expect(first.data?.embeds?.[0]?.footer?.text).toMatch(/Excerpts 1–3 of \d+/);
    const click = buttonClick(button(first.data, "More results").custom_id, {
      embeds: first.data?.embeds ?? [],
      components: first.data?.components ?? [],
      flags: EPHEMERAL,
    });
    const next = await interact(click);
    expect(next.type).toBe(4);
    expect(next.data?.flags).toBe(EPHEMERAL);
    expect(next.data?.embeds?.[0]?.footer?.text).toMatch(/Excerpts 4–6 of \d+/);
  });

  it("WHEN More results is clicked on a public answer THEN the next page is public", async () => {
    const first = await interact(slashCommand({ query: "ai", public: true }));
    const click = buttonClick(button(first.data, "More results").custom_id, {
      embeds: first.data?.embeds ?? [],
      components: first.data?.components ?? [],
      flags: 0,
    });
    const next = await interact(click);
    expect((next.data?.flags ?? 0) & EPHEMERAL).toBe(0);
    expect(next.data?.embeds?.[0]?.footer?.text).toMatch(/Excerpts 4–6 of \d+/);
  });

  it("WHEN the question is too long for the button THEN More results reads it back from the embed", async () => {
    const query =
      "what does the us uk technology prosperity deal say about artificial intelligence and research";
    const first = await interact(slashCommand({ query }));
    const more = button(first.data, "More results");
    expect(decodeAction(more.custom_id, dealIds(realBot))).toMatchObject({ kind: "more", query: null });
    const next = await interact(
      buttonClick(more.custom_id, { embeds: first.data?.embeds ?? [], components: [], flags: EPHEMERAL }),
    );
    expect(next.data?.embeds?.[0]?.title).toBe(first.data?.embeds?.[0]?.title);
    expect(next.data?.embeds?.[0]?.footer?.text).toMatch(/Excerpts 4–/);
  });

  it("WHEN Compare across deals is clicked THEN the topic is compared with one field per deal", async () => {
    const first = await interact(slashCommand({ query: "uk ai" }));
    const compare = button(first.data, "Compare across deals");
    const reply = await interact(
      buttonClick(compare.custom_id, { embeds: first.data?.embeds ?? [], components: [] }),
    );
    const [embed] = reply.data?.embeds ?? [];
    expect(embed?.title).toMatch(/across the deals/);
    expect(embed?.fields?.map((field) => field.name)).toHaveLength(3);
  });

  it("WHEN nothing is found THEN it says so and a suggestion button asks that question", async () => {
    const first = await interact(slashCommand({ query: "bananas" }));
    expect(first.data?.embeds?.[0]?.description).toContain("Try:");
    const suggestion = buttons(first.data)[0];
    const action = decodeAction(suggestion?.custom_id ?? "", dealIds(realBot));
    if (action?.kind !== "ask")
      throw new Error(`expected a suggestion button, got ${JSON.stringify(action)}`);
    const reply = await interact(buttonClick(suggestion?.custom_id ?? "", { embeds: [], components: [] }));
    expect(reply.type).toBe(4);
    expect(reply.data?.embeds?.[0]?.author?.name).toBe(`Q: ${action.query}`);
  });

  it("WHEN the bot is mentioned in a channel THEN it replies to that message without pinging anyone", async () => {
    const message = messageCreate(`<@${BOT_ID}> what does the korea deal say on 6g?`);
    const call = await say(message);
    expect(call.path).toBe(`/api/v10/channels/${CHANNEL_ID}/messages`);
    const body = call.body as MessageData;
    expect(body.message_reference?.message_id).toBe(message.id);
    expect(body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(body.embeds?.[0]?.author?.name).toBe("Q: what does the korea deal say on 6g?");
  });

  it("WHEN someone DMs the bot THEN it answers in the DM", async () => {
    const message = messageCreate("who signed the uk deal?", { dm: true });
    const call = await say(message);
    expect(call.path).toBe(`/api/v10/channels/${DM_CHANNEL_ID}/messages`);
    const body = call.body as MessageData;
    expect(body.embeds?.[0]?.title).toBeTruthy();
    expect(body.allowed_mentions?.parse).toEqual([]);
  });

  it("WHEN a question carries @everyone, @here or a mention THEN nothing can ping", async () => {
    const message = messageCreate(`<@${BOT_ID}> @everyone @here <@${asker.id}> korea 6g`);
    const call = await say(message);
    const text = JSON.stringify(call.body);
    expect(text).not.toMatch(/@(everyone|here)/);
    expect(text).not.toContain(`<@${asker.id}>`);
    expect((call.body as MessageData).allowed_mentions).toEqual({ parse: [], replied_user: false });

    const reply = await interact(slashCommand({ query: "@everyone korea 6g", public: true }));
    expect(JSON.stringify(reply.data)).not.toMatch(/@(everyone|here)/);
    expect(reply.data?.allowed_mentions?.parse).toEqual([]);
  });

  it("WHEN guild chatter does not mention the bot, or a bot speaks THEN it stays quiet", async () => {
    const before = channelMessages().length;
    fake.dispatch("MESSAGE_CREATE", messageCreate("anyone read the korea deal?"));
    fake.dispatch("MESSAGE_CREATE", messageCreate(`<@${BOT_ID}> korea 6g`, { author: otherBot }));
    fake.dispatch("MESSAGE_CREATE", messageCreate("korea 6g", { author: otherBot, dm: true }));
    // Events are handled in order, so a reply to this message means the three above were skipped.
    const barrier = messageCreate(`<@${BOT_ID}> japan fusion`);
    const call = await say(barrier);
    expect((call.body as MessageData).message_reference?.message_id).toBe(barrier.id);
    expect(channelMessages().length).toBe(before + 1);
  });

  it("WHEN a user or a guild asks too often THEN a short ephemeral slow-down reply comes", async () => {
    limiter = createRateLimiter({ perUser: 1, perTeam: 2, windowMs: 60_000 });
    try {
      expect((await interact(slashCommand({ query: "korea 6g" }))).data?.embeds).toHaveLength(1);
      const limited = await interact(slashCommand({ query: "korea 6g", public: true }));
      expect(limited.data?.flags).toBe(EPHEMERAL);
      expect(limited.data?.content).toMatch(
        /^You're asking faster than I can keep up\. Please wait about \d+ seconds? and try again\.$/,
      );
      expect(limited.data?.embeds).toEqual([]);

      const other = { ...asker, id: "800000000000000077" };
      expect(
        (await interact(slashCommand({ query: "korea 6g" }, { user: other }))).data?.embeds,
      ).toHaveLength(1);
      const third = { ...asker, id: "800000000000000078" };
      const guildLimited = await interact(slashCommand({ query: "korea 6g" }, { user: third }));
      expect(guildLimited.data?.content).toMatch(/^You're asking faster/);

      // Mentions over the limit get one notice, then silence.
      const before = channelMessages().length;
      const notice = await say(messageCreate(`<@${BOT_ID}> korea 6g`));
      expect((notice.body as MessageData).content).toMatch(/^You're asking faster/);
      fake.dispatch("MESSAGE_CREATE", messageCreate(`<@${BOT_ID}> korea 6g`));
      limiter = generous();
      const barrier = messageCreate(`<@${BOT_ID}> japan fusion`);
      await say(barrier);
      expect(channelMessages().length).toBe(before + 2);
    } finally {
      limiter = generous();
    }
  });

  it("WHEN answering throws THEN a short ephemeral error reply and one structured log line, no crash", async () => {
    currentBot = () => {
      throw new Error("knowledge exploded");
    };
    try {
      const payload = slashCommand({ query: "korea 6g", public: true });
      const reply = await interact(payload);
      expect(reply.data).toMatchObject({ content: NOTICES.error, flags: EPHEMERAL });
      const line = logLines.find((l) => l.requestId === payload.id);
      expect(line).toMatchObject({
        level: "error",
        adapter: "discord",
        via: "slash",
        msg: "answer failed",
      });
      expect(line?.err).toMatchObject({ message: "knowledge exploded" });

      const message = messageCreate(`<@${BOT_ID}> korea 6g`);
      const call = await say(message);
      expect((call.body as MessageData).content).toBe(NOTICES.error);
    } finally {
      currentBot = () => realBot;
    }
    const reply = await interact(slashCommand({ query: "korea 6g" }));
    expect(reply.data?.embeds).toHaveLength(1);
  });

  it("THEN every answer was logged with request id, intent, found and latency, and no token anywhere", () => {
    const answered = logLines.filter((line) => line.msg === "answered");
    expect(answered.length).toBeGreaterThan(10);
    for (const line of answered) {
      expect(line).toMatchObject({ adapter: "discord", level: "info" });
      expect(line.requestId).toMatch(/^\d+$/);
      expect(typeof line.intent).toBe("string");
      expect(typeof line.found).toBe("boolean");
      expect(typeof line.latencyMs).toBe("number");
    }
    const everything = JSON.stringify(logLines);
    expect(everything).not.toContain(TOKEN);
    expect(everything).not.toContain("interaction-token-");
  });

  it("WHEN an interaction arrives late but its answer is ready THEN one direct reply, no deferral", async () => {
    const payload = slashCommand({ query: "korea 6g" }, { ageMs: 2000 });
    const first = await interact(payload);
    expect(first.type).toBe(4);
    expect(first.data?.embeds?.[0]?.title).toContain("Korea");
    await new Promise((resolve) => setTimeout(resolve, 100));
    // Nothing to complete afterwards: no edit, no follow-up.
    expect(fake.calls.filter((c) => c.path.includes(`/webhooks/${APP_ID}/${payload.token}`))).toEqual([]);
  });

  it("WHEN the answer is not ready within the budget THEN the bot defers and then edits in the answer", async () => {
    // 1.4 s old on arrival with a 1.5 s budget, and a rate-limit check that takes 400 ms (a distant store).
    const ready = generous();
    limiter = {
      take: async (keys) => {
        await new Promise((resolve) => setTimeout(resolve, 400));
        return ready.take(keys);
      },
    };
    try {
      const payload = slashCommand({ query: "korea 6g" }, { ageMs: 1400 });
      const first = await interact(payload);
      expect(first).toEqual({ type: 5, data: { flags: EPHEMERAL } });
      const edit = await fake.waitForCall((c) => c.method === "PATCH" && c.path.includes(payload.token));
      expect(edit.path).toBe(`/api/v10/webhooks/${APP_ID}/${payload.token}/messages/@original`);
      expect((edit.body as MessageData).embeds?.[0]?.title).toContain("Korea");
      // The line is written once the edit is acknowledged.
      for (let waited = 0; waited < 3000 && !answeredLine(payload.id); waited += 10) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(answeredLine(payload.id)).toMatchObject({ held: true, delivered: true });
    } finally {
      limiter = generous();
    }
  });

  it("WHEN the gateway drops the connection THEN discord.js resumes the session and answers again", async () => {
    const identifies = fake.received.filter((frame) => frame.op === 2).length;
    fake.drop(4000);
    // Asked while disconnected: Discord replays it after the RESUME.
    const during = slashCommand({ query: "japan fusion" });
    const duringReply = interact(during, reconnectLatencies);
    const resume = await fake.waitForFrame(6);
    expect(resume.d).toMatchObject({ token: TOKEN, session_id: "session-1" });
    expect((await duringReply).data?.embeds?.[0]?.title).toContain("Japan");
    expect(fake.received.filter((frame) => frame.op === 2).length).toBe(identifies);

    const after = await interact(slashCommand({ query: "korea 6g" }));
    expect(after.data?.embeds).toHaveLength(1);
    expect(adapter.health().up).toBe(true);
  });

  it("WHEN stopping with an answer in flight THEN stop() waits for it, then disconnects", async () => {
    fake.setResponseDelay(400);
    const payload = slashCommand({ query: "korea 6g" });
    fake.dispatch("INTERACTION_CREATE", payload);
    await fake.waitForCall((c) => c.path.includes(`/interactions/${payload.id}/`));
    const started = performance.now();
    await adapter.stop();
    expect(performance.now() - started).toBeGreaterThan(250);
    expect(logLines.some((line) => line.requestId === payload.id && line.msg === "answered")).toBe(true);
    expect(adapter.health()).toMatchObject({ up: false, detail: "not started" });
    fake.setResponseDelay(0);
  });

  it("THEN every interaction got its first response well within 3 s", () => {
    expect(latencies.length).toBeGreaterThan(15);
    for (const latency of [...latencies, ...reconnectLatencies]) expect(latency).toBeLessThan(3000);
  });
});
