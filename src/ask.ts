import { runAskCli, UsageError } from "./adapters/console/ask-cli.js";
import { loadConfig, loadEnvFile } from "./config.js";
import { createBot } from "./core/bot.js";
import { exitWithStartupError } from "./errors.js";
import { loadKnowledge } from "./knowledge/load.js";

/** Entry point of `npm run ask`: answer from the command line, as text or JSON. */
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  // A reader that stops early (`| head`) is not a failure of ours.
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});
try {
  loadEnvFile();
  const config = loadConfig();
  const bot = createBot(await loadKnowledge(config.knowledgeDir));
  await runAskCli(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, getBot: () => bot });
} catch (error) {
  if (error instanceof UsageError) {
    process.stderr.write(`${error.message ? `${error.message}\n` : ""}${error.usage}\n`);
    process.exit(2);
  }
  exitWithStartupError(error);
}
