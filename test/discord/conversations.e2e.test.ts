import type { APIEmbed } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Adapter } from "../../src/adapters/adapter.js";
import { createDiscordAdapter } from "../../src/adapters/discord/index.js";
import { WORDING } from "../../src/adapters/shared/render-plan.js";
import { createBot } from "../../src/core/bot.js";
import { loadKnowledge } from "../../src/knowledge/load.js";
import {
  APP_ID,
  BOT_ROLE_ID,
  CHANNEL_ID,
  DM_CHANNEL_ID,
  type FakeDiscord,
  type RecordedCall,
  startFakeDiscord,
  TOKEN,
} from "../fakes/discord.js";
import {
  fileOnly,
  messageCommand,
  messageCreate,
  replyTo,
  roleMention,
  slashCommand,
  threadCreate,
  threadMessage,
} from "../fakes/discord-payloads.js";
import { createSilentLogger } from "../helpers/silent-logger.js";

type Sent = {
  id: string;
  channel_id: string;
  author: unknown;
  embeds: APIEmbed[];
  content?: string;
} & Record<string, unknown>;
type Callback = { type: number; data?: { flags?: number; embeds?: APIEmbed[]; content?: string } };

const EPHEMERAL = 64;
let fake: FakeDiscord;
let adapter: Adapter;

beforeAll(async () => {
  fake = await startFakeDiscord();
  const bot = createBot(await loadKnowledge("knowledge"));
  adapter = createDiscordAdapter({
    // Replies without the ping and thread messages carry text only with the Message Content intent.
    config: { token: TOKEN, applicationId: APP_ID, guildId: null, apiUrl: fake.apiUrl, messageContent: true },
    getBot: () => bot,
    logger: createSilentLogger(),
    rateLimiter: { take: () => ({ allowed: true, retryAfterMs: 0 }) },
  });
  await adapter.start();
});

afterAll(async () => {
  await adapter?.stop();
  await fake?.close();
});

const isPost = (call: RecordedCall) => call.method === "POST" && /\/channels\/\d+\/messages$/.test(call.path);

/** Sends a gateway message and resolves with the message the bot posts next, as the fake Discord stored it. */
async function say(payload: { id: string }): Promise<Sent> {
  const from = fake.calls.length;
  fake.dispatch("MESSAGE_CREATE", payload);
  const call = await fake.waitForCall((c) => isPost(c) && fake.calls.indexOf(c) >= from);
  const stored = [...fake.messages.values()].at(-1);
  if (!stored) throw new Error("the fake kept no message");
  expect(call.path).toContain(`/channels/${stored.channel_id}/messages`);
  return stored as Sent;
}

/** Sends a gateway message and checks the bot posts nothing within a moment. */
async function ignored(payload: { id: string }): Promise<void> {
  const before = fake.calls.filter(isPost).length;
  fake.dispatch("MESSAGE_CREATE", payload);
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(fake.calls.filter(isPost).length).toBe(before);
}

async function interact(payload: { id: string }): Promise<Callback> {
  fake.dispatch("INTERACTION_CREATE", payload);
  const call = await fake.waitForCall(
    (c) => c.method === "POST" && c.path.includes(`/interactions/${payload.id}/`),
  );
  return call.body as Callback;
}

const embedOf = (message: { embeds?: APIEmbed[] }) => message.embeds?.[0];

describe("GIVEN DISCORD_MESSAGE_CONTENT", () => {
  it("THEN the client asks for the Message Content intent besides its usual three", () => {
    const identify = fake.received.find((frame) => frame.op === 2)?.d as { intents: number };
    expect(identify.intents).toBe(1 | (1 << 9) | (1 << 12) | (1 << 15));
  });
});

describe("GIVEN the bot answered a mention in a guild channel", () => {
  it("WHEN someone replies to the answer, with or without the ping, THEN the reply is answered with the context carried", async () => {
    const first = await say(messageCreate("<@900000000000000001> korea 6g"));
    expect(embedOf(first)?.title).toContain("Korea");

    const second = await say(replyTo(first, "and japan?", { ping: true }));
    expect(embedOf(second)?.title).toContain("Japan");
    expect(embedOf(second)?.author?.name).toBe("Q: japan 6g");
    expect(embedOf(second)?.footer?.text).toMatch(/6g.*from earlier/);
    expect(second.message_reference).toBeDefined();

    // Without the ping the bot is not in `mentions`; the reference alone says the reply is to it.
    const third = await say(replyTo(second, "who signed it?", { ping: false }));
    expect(embedOf(third)?.title).toMatch(/Signatories.*Japan/);
  });

  it("WHEN someone mentions the bot's role THEN the question is answered, without the role markup", async () => {
    const answer = await say(roleMention("who signed the korea deal?"));
    expect(embedOf(answer)?.title).toMatch(/Korea/);
    expect(embedOf(answer)?.author?.name).not.toContain(BOT_ROLE_ID);
  });

  it("WHEN people reply to each other or talk without addressing the bot THEN it stays quiet", async () => {
    const person = messageCreate("lunch at noon?");
    fake.addMessage(person);
    await ignored(replyTo(person, "korea 6g sounds good"));
    await ignored(messageCreate("korea 6g"));
  });

  it("WHEN a thread is started from the bot's answer THEN messages in it are answered there, in context", async () => {
    const answer = await say(messageCreate("<@900000000000000001> japan fusion"));
    const thread = threadCreate(answer);
    fake.dispatch("THREAD_CREATE", thread);
    const inThread = await say(threadMessage(thread, "what about quantum?"));
    expect(inThread.channel_id).toBe(thread.id);
    expect(embedOf(inThread)?.title).toMatch(/Japan.*Quantum/);

    // A later message follows the latest answer in the thread.
    const later = await say(threadMessage(thread, "and korea?"));
    expect(embedOf(later)?.author?.name).toBe("Q: quantum korea");
    expect(embedOf(later)?.title).toMatch(/Korea.*Quantum/);
  });

  it("WHEN a thread is started from a person's message THEN the bot stays out of it", async () => {
    const person = messageCreate("anyone read the uk deal?");
    fake.addMessage(person);
    const thread = threadCreate(person);
    fake.dispatch("THREAD_CREATE", thread);
    await ignored(threadMessage(thread, "korea 6g"));
  });
});

describe("GIVEN the message context-menu command", () => {
  it("WHEN used on a person's message THEN its text is answered privately", async () => {
    const target = messageCreate("Is the UK tech deal paused? @everyone");
    const reply = await interact(messageCommand(WORDING.askAboutMessage, target));
    expect(reply.type).toBe(4);
    expect(reply.data?.flags).toBe(EPHEMERAL);
    expect(embedOf(reply.data ?? {})?.title).toMatch(/United Kingdom|UK/);
  });

  it("WHEN used on a message with no text THEN it says there is nothing to read, privately", async () => {
    const reply = await interact(messageCommand(WORDING.askAboutMessage, fileOnly({ dm: false })));
    expect(reply.data?.flags).toBe(EPHEMERAL);
    expect(reply.data?.content).toMatch(/no text/i);
  });
});

describe("GIVEN the app installed to a user", () => {
  it("WHEN /tpd is used in the bot's DM or a group DM THEN it is answered (privately where the bot is not a member)", async () => {
    const dm = await interact(slashCommand({ query: "korea 6g" }, { dm: true, userInstall: true }));
    expect(dm.type).toBe(4);
    expect(embedOf(dm.data ?? {})?.title).toContain("Korea");
    const group = await interact(slashCommand({ query: "japan fusion", public: true }, { groupDm: true }));
    expect(group.type).toBe(4);
    expect(embedOf(group.data ?? {})?.title).toContain("Japan");
  });
});

describe("GIVEN a DM", () => {
  it("WHEN it holds only a file THEN one line says files are not read", async () => {
    const reply = await say(fileOnly({ dm: true }));
    expect(reply.channel_id).toBe(DM_CHANNEL_ID);
    expect(reply.content).toMatch(/files/i);
    expect(reply.content?.split("\n")).toHaveLength(1);
  });

  it("WHEN a DM replies to the bot's answer THEN the context carries there too", async () => {
    const first = await say(messageCreate("korea 6g", { dm: true }));
    const second = await say(replyTo(first, "and the uk?", { dm: true }));
    expect(embedOf(second)?.author?.name).toBe("Q: uk 6g");
    expect(first.channel_id).not.toBe(CHANNEL_ID);
  });
});
