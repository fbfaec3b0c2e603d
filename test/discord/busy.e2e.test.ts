import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Adapter } from "../../src/adapters/adapter.js";
import { createDiscordAdapter } from "../../src/adapters/discord/index.js";
import { NOTICES } from "../../src/adapters/shared/notices.js";
import { createRateLimiter } from "../../src/adapters/shared/rate-limit.js";
import { type Bot, createBot } from "../../src/core/bot.js";
import { loadKnowledge } from "../../src/knowledge/load.js";
import { type FakeDiscord, startFakeDiscord, TOKEN } from "../fakes/discord.js";
import { slashCommand } from "../fakes/discord-payloads.js";
import { captureLogs } from "../slack/support/log-capture.js";

const EPHEMERAL = 64;
type Callback = { type: number; data?: { content?: string; embeds?: unknown[]; flags?: number } };

let fake: FakeDiscord;
let adapter: Adapter;
const logs = captureLogs([TOKEN]);

beforeAll(async () => {
  fake = await startFakeDiscord();
  const bot: Bot = createBot(await loadKnowledge("knowledge"));
  const limiter = createRateLimiter({ perUser: 1000, perTeam: 1000, windowMs: 60_000 });
  adapter = createDiscordAdapter({
    config: { token: TOKEN, applicationId: null, guildId: null, apiUrl: fake.apiUrl },
    getBot: () => bot,
    logger: logs.logger,
    // Each answer waits 1 s on the rate-limit check (a distant shared store), one at a time, one waiting.
    rateLimiter: {
      take: async (keys) => {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        return limiter.take(keys);
      },
    },
    answering: { budgetMs: 1500, concurrency: 1, maxWaiting: 1, maxWaitMs: 2000 },
  });
  await adapter.start();
});

afterAll(async () => {
  await adapter?.stop();
  await fake?.close();
});

const firstResponse = async (id: string): Promise<Callback> =>
  (await fake.waitForCall((c) => c.method === "POST" && c.path.includes(`/interactions/${id}/`), 8000))
    .body as Callback;

describe("Discord interactions past the queue's bound", () => {
  it("get a private 'busy' at once; the two let in are answered (directly, or deferred past the budget)", async () => {
    const payloads = Array.from({ length: 5 }, (_, i) => slashCommand({ query: `korea 6g ${i}` }));
    for (const payload of payloads) fake.dispatch("INTERACTION_CREATE", payload);
    const responses = await Promise.all(payloads.map((payload) => firstResponse(payload.id)));

    const busy = responses.filter((response) => response.data?.content === NOTICES.busy);
    expect(busy).toHaveLength(3);
    for (const response of busy) expect(response).toMatchObject({ type: 4, data: { flags: EPHEMERAL } });
    const shed = logs.lines.filter((line) => line.msg === "busy: question shed");
    expect(shed).toHaveLength(3);
    expect(shed[0]).toMatchObject({ adapter: "discord", via: "slash", notified: true, delivered: true });

    // The first is ready after 1 s: one direct reply. The second waits its turn past the budget: deferred,
    // then the answer is edited in.
    const served = payloads.filter((_, i) => responses[i]?.data?.content !== NOTICES.busy);
    const [first, second] = served.map((payload) => responses[payloads.indexOf(payload)]);
    expect(first?.type).toBe(4);
    expect(first?.data?.embeds).toHaveLength(1);
    expect(second).toEqual({ type: 5, data: { flags: EPHEMERAL } });
    const edit = await fake.waitForCall(
      (c) => c.method === "PATCH" && c.path.includes(String(served[1]?.token)),
      8000,
    );
    expect(JSON.stringify(edit.body)).toContain("Korea");
  });
});
