import { runAskCli, UsageError } from "./adapters/console/ask-cli.js";
import { loadConfig, loadEnvFile } from "./config.js";
import { createBot } from "./core/bot.js";
import { exitQuietlyWhenStdoutCloses, exitWithStartupError } from "./errors.js";
import { loadKnowledge } from "./knowledge/load.js";

/** Entry point of `npm run ask`: answer from the command line, as text or JSON. */
exitQuietlyWhenStdoutCloses();
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
