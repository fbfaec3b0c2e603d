import { KNOWLEDGE_DIR } from "./questions.js";
import { round } from "./stats.js";

export type StartupProbe = Record<string, number>;

/**
 * Where a fresh process spends its start-up, in the order src/main.ts does things for the console:
 * milliseconds since the process began (performance.now() counts from there) at each step.
 */
export async function startupProbeTask(): Promise<StartupProbe> {
  const at: StartupProbe = { "node + tsx + bench task entry": performance.now() };
  const mark = (step: string) => {
    at[step] = performance.now();
  };
  const { loadConfig } = await import("../src/config.js");
  loadConfig({});
  mark("config (zod)");
  await import("../src/logger.js");
  mark("logger (pino)");
  const { loadKnowledge } = await import("../src/knowledge/load.js");
  mark("import knowledge loader");
  const { createBot } = await import("../src/core/bot.js");
  mark("import core");
  const loaded = await loadKnowledge(KNOWLEDGE_DIR);
  mark("load knowledge (read, parse, validate, index)");
  const bot = createBot(loaded);
  mark("build bot");
  bot.answer("korea 6g");
  mark("first answer");
  await import("../src/adapters/console/repl.js");
  mark("import console adapter");
  await import("../src/adapters/slack/index.js");
  mark("import Slack adapter (Bolt)");
  await import("../src/adapters/discord/index.js");
  mark("import Discord adapter (discord.js)");
  const steps: StartupProbe = {};
  let previous = 0;
  for (const [step, ms] of Object.entries(at)) {
    steps[step] = round(ms - previous, 1);
    previous = ms;
  }
  return steps;
}
