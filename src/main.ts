import { createConsoleAdapter } from "./adapters/console/repl.js";
import { loadConfig } from "./config.js";
import { createBot } from "./core/bot.js";
import { loadKnowledge } from "./knowledge/load.js";
import { exitWithStartupError } from "./startup-error.js";

/** Composition root: config, knowledge, then the adapters whose credentials are present (the console if none). */
async function main(): Promise<void> {
  const config = loadConfig();
  const bot = createBot(await loadKnowledge(config.knowledgeDir));
  const consoleAdapter = createConsoleAdapter({
    getBot: () => bot,
    input: process.stdin,
    output: process.stdout,
    interactive: Boolean(process.stdin.isTTY),
    onClose: () => process.exit(0),
  });
  await consoleAdapter.start();
}

main().catch(exitWithStartupError);
