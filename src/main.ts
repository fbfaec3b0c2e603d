import { createConsoleAdapter } from "./adapters/console/repl.js";
import { loadConfig, loadEnvFile, secretsOf } from "./config.js";
import { describeError, exitQuietlyWhenStdoutCloses, exitWithStartupError } from "./errors.js";
import { createLogger } from "./logger.js";
import { createLiveBot } from "./runtime/live-bot.js";
import { installProcessGuards } from "./runtime/process-guards.js";
import { installSignalHandlers } from "./runtime/signals.js";

/** Known as soon as the config is read, so that every way out of start-up can scrub them. */
let secrets: string[] = [];

/** Composition root: config, knowledge, then the adapters whose credentials are present (the console if none). */
async function main(): Promise<void> {
  loadEnvFile();
  const config = loadConfig();
  secrets = secretsOf(config);
  const platforms = Boolean(config.slack || config.discord);
  // The console owns stdout, so its logs go to stderr and only warnings and errors show.
  const logger = createLogger({
    level: platforms ? config.logLevel : "warn",
    secrets,
    destination: platforms ? process.stdout : process.stderr,
  });
  installProcessGuards(logger);
  const signals = platforms ? installSignalHandlers(logger) : null;
  if (platforms) logger.info({ pid: process.pid }, "tpd-bot starting");
  const liveBot = await createLiveBot({
    dir: config.knowledgeDir,
    logger,
    allowShrink: config.allowKnowledgeShrink,
    maxBytes: config.knowledgeMaxBytes,
  });
  const getBot = () => liveBot.current();

  if (!platforms) {
    exitQuietlyWhenStdoutCloses();
    const consoleAdapter = createConsoleAdapter({
      getBot,
      input: process.stdin,
      output: process.stdout,
      interactive: Boolean(process.stdin.isTTY),
      onClose: () => process.exit(0),
      onError: (error) => logger.error({ err: describeError(error) }, "answering failed"),
    });
    await consoleAdapter.start();
    return;
  }

  // Platform code (Bolt, discord.js, the health server, databases) loads only when a platform is configured.
  const { servePlatforms } = await import("./serve.js");
  await servePlatforms({ config, logger, liveBot, secrets, signals });
}

main().catch((error: unknown) => exitWithStartupError(error, secrets));
