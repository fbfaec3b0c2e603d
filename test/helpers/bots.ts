import { fileURLToPath } from "node:url";
import { type Bot, createBot } from "../../src/core/bot.js";
import { loadKnowledge } from "../../src/knowledge/load.js";

export const FIXTURE_KNOWLEDGE = fileURLToPath(new URL("../fixtures/knowledge", import.meta.url));
export const REAL_KNOWLEDGE = fileURLToPath(new URL("../../knowledge", import.meta.url));

const cache = new Map<string, Promise<Bot>>();

/** A bot over the small fixture knowledge set, built once per test file. */
export const fixtureBot = () => botFor(FIXTURE_KNOWLEDGE);
/** A bot over the real knowledge/ directory, built once per test file. */
export const realBot = () => botFor(REAL_KNOWLEDGE);

function botFor(dir: string): Promise<Bot> {
  let bot = cache.get(dir);
  if (!bot) {
    bot = loadKnowledge(dir).then(createBot);
    cache.set(dir, bot);
  }
  return bot;
}
