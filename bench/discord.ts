import { Writable } from "node:stream";
import { createDiscordAdapter } from "../src/adapters/discord/index.js";
import { NOTICES } from "../src/adapters/shared/notices.js";
import { createRateLimiter } from "../src/adapters/shared/rate-limit.js";
import { createBot } from "../src/core/bot.js";
import { createLogger } from "../src/logger.js";
import { APP_ID, startFakeDiscord, TOKEN } from "../test/fakes/discord.js";
import { slashCommand } from "../test/fakes/discord-payloads.js";
import { goldenQuestions, loadRealKnowledge } from "./questions.js";
import { type Memory, memory, type Summary, summarize } from "./stats.js";

export type DiscordOptions = { interactions: number; warmup: number };

export type DiscordResult = {
  interactions: number;
  latencyMs: Summary;
  /** First responses that were not an answer (an error text, or no type-4 callback). */
  errors: number;
  memory: Memory;
};

type Callback = { type?: number; data?: { content?: string } };

/**
 * The real discord.js client through createDiscordAdapter, logged in to the fake Discord on 127.0.0.1:
 * a /tpd interaction is dispatched on the gateway and timed to its callback POST on the fake REST API.
 * One at a time, cycling through the golden questions.
 */
export async function discordTask(options: DiscordOptions): Promise<DiscordResult> {
  const fake = await startFakeDiscord();
  const bot = createBot(await loadRealKnowledge());
  const adapter = createDiscordAdapter({
    config: { token: TOKEN, applicationId: APP_ID, guildId: null, apiUrl: fake.apiUrl },
    getBot: () => bot,
    logger: createLogger({ level: "info", secrets: [TOKEN], destination: discard() }),
    rateLimiter: createRateLimiter({ perUser: 1_000_000, perTeam: 1_000_000, windowMs: 1000 }),
  });
  try {
    await adapter.start();
    const questions = goldenQuestions();
    const samples: number[] = [];
    let errors = 0;
    for (let i = 0; i < options.warmup + options.interactions; i++) {
      const payload = slashCommand({ query: questions[i % questions.length] ?? "help" });
      const sentAt = fake.dispatch("INTERACTION_CREATE", payload);
      const call = await fake.waitForCall(
        (c) => c.method === "POST" && c.path.includes(`/interactions/${payload.id}/`),
        5000,
      );
      if (i < options.warmup) continue;
      samples.push(call.at - sentAt);
      const body = call.body as Callback;
      if (body.type !== 4 || body.data?.content === NOTICES.error) errors += 1;
      // The fake records every call; only the latest is needed.
      fake.calls.length = 0;
    }
    return { interactions: samples.length, latencyMs: summarize(samples), errors, memory: memory() };
  } finally {
    await adapter.stop();
    await fake.close();
  }
}

function discard(): Writable {
  return new Writable({
    write(_chunk, _encoding, callback) {
      callback();
    },
  });
}
