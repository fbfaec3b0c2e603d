import type { Adapter } from "./adapters/adapter.js";
import { createConsoleAdapter } from "./adapters/console/repl.js";
import { type Config, loadConfig } from "./config.js";
import { createRateLimiter } from "./core/rate-limit.js";
import { createLogger, type Logger } from "./logger.js";
import { buildHealthReport, startHealthServer } from "./runtime/health.js";
import { createLiveBot, type LiveBot } from "./runtime/live-bot.js";
import { exitWithStartupError } from "./startup-error.js";

/** Composition root: config, knowledge, then the adapters whose credentials are present (the console if none). */
async function main(): Promise<void> {
  const config = loadConfig();
  const platforms = Boolean(config.slack || config.discord);
  // The console owns stdout, so its logs go to stderr and only warnings and errors show.
  const logger = createLogger({
    level: platforms ? config.logLevel : "warn",
    secrets: secretsOf(config),
    destination: platforms ? process.stdout : process.stderr,
  });
  const liveBot = await createLiveBot(config.knowledgeDir, logger);
  const getBot = () => liveBot.current();

  if (!platforms) {
    const consoleAdapter = createConsoleAdapter({
      getBot,
      input: process.stdin,
      output: process.stdout,
      interactive: Boolean(process.stdin.isTTY),
      onClose: () => process.exit(0),
    });
    await consoleAdapter.start();
    return;
  }

  const startedAt = Date.now();
  let stopping = false;
  const adapters: Adapter[] = [];
  const healthReport = () =>
    buildHealthReport({
      startedAt,
      stopping,
      knowledge: liveBot.info(),
      adapters: adapters.map((a) => a.health()),
    });
  adapters.push(...(await platformAdapters(config, { getBot, logger, healthReport })));

  let health: Awaited<ReturnType<typeof startHealthServer>> | null = null;
  try {
    await Promise.all(adapters.map((adapter) => adapter.start()));
    if (config.healthPort !== null) health = await startHealthServer(config.healthPort, healthReport);
  } catch (error) {
    // Through the logger, which scrubs secrets: platform errors can echo request details.
    logger.fatal({ err: error instanceof Error ? error.message : String(error) }, "cannot start");
    logger.flush?.();
    process.stderr.write(`tpd-bot: cannot start: ${scrub(error, secretsOf(config))}\n`);
    process.exit(1);
  }
  const stopWatching = config.watchKnowledge ? liveBot.watch() : () => {};
  process.on("SIGHUP", () => void liveBot.reload("SIGHUP"));
  logger.info(
    {
      adapters: adapters.map((adapter) => adapter.health()),
      healthPort: health?.port ?? null,
      knowledge: liveBot.info(),
    },
    "tpd-bot started",
  );

  const shutdown = async (signal: string) => {
    if (stopping) {
      logger.warn({ signal }, "second signal: exiting now");
      process.exit(1);
    }
    stopping = true;
    const began = performance.now();
    logger.info({ signal }, "shutting down: finishing answers in progress");
    stopWatching();
    const results = await Promise.allSettled(adapters.map((adapter) => adapter.stop()));
    await health?.close();
    for (const result of results) {
      if (result.status === "rejected")
        logger.error({ err: String(result.reason) }, "adapter did not stop cleanly");
    }
    logger.info({ signal, shutdownMs: Math.round(performance.now() - began) }, "stopped");
    logger.flush?.();
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

/** Loads each platform's code only when its credentials are set, so the console starts fast. */
async function platformAdapters(
  config: Config,
  deps: { getBot: LiveBot["current"]; logger: Logger; healthReport: () => unknown },
): Promise<Adapter[]> {
  const rateLimiter = createRateLimiter(config.rateLimit);
  const adapters: Adapter[] = [];
  if (config.slack) {
    const { createSlackAdapter } = await import("./adapters/slack/index.js");
    adapters.push(
      createSlackAdapter({
        config: config.slack,
        rateLimiter,
        shutdownGraceMs: config.shutdownGraceMs,
        ...deps,
      }),
    );
  }
  if (config.discord) {
    const { createDiscordAdapter } = await import("./adapters/discord/index.js");
    const { getBot, logger } = deps;
    adapters.push(
      createDiscordAdapter({
        config: config.discord,
        getBot,
        logger,
        rateLimiter,
        shutdownGraceMs: config.shutdownGraceMs,
      }),
    );
  }
  return adapters;
}

function scrub(error: unknown, secrets: readonly string[]): string {
  let message = error instanceof Error ? error.message : String(error);
  for (const secret of secrets) message = message.split(secret).join("[redacted]");
  return message;
}

function secretsOf(config: Config): string[] {
  return [
    config.slack?.botToken,
    config.slack?.signingSecret,
    config.slack?.appToken,
    config.discord?.token,
  ].filter((secret): secret is string => Boolean(secret));
}

main().catch(exitWithStartupError);
