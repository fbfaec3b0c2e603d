import type { Adapter } from "./adapters/adapter.js";
import { createQuestionRecorder, type QuestionRecorder } from "./adapters/shared/question-record.js";
import { createRateLimiter } from "./adapters/shared/rate-limit.js";
import type { Config } from "./config.js";
import { BotError } from "./core/errors.js";
import { describeError, scrub } from "./errors.js";
import type { Logger } from "./logger.js";
import { buildHealthReport, startHealthServer } from "./runtime/health.js";
import { WATCH_OFF, watchKnowledge } from "./runtime/knowledge-watch.js";
import type { LiveBot } from "./runtime/live-bot.js";
import { createShutdown } from "./runtime/shutdown.js";
import type { installSignalHandlers } from "./runtime/signals.js";
import { startAdapters } from "./runtime/start-adapters.js";
import type { SharedState } from "./shared-state/index.js";
import type { Platform } from "./store/types.js";

type ServeOptions = {
  config: Config;
  logger: Logger;
  liveBot: LiveBot;
  /** Scrubbed from the message printed when an adapter cannot start. */
  secrets: readonly string[];
  /** Installed by main.ts before the knowledge loaded; handed the real handlers once serving. */
  signals: ReturnType<typeof installSignalHandlers> | null;
};

/**
 * The bot on Slack and/or Discord: knowledge watch, shared state, question log, adapters, health server and
 * graceful shutdown. Imported by main.ts only when a platform is configured, so the console never loads it.
 */
export async function servePlatforms({
  config,
  logger,
  liveBot,
  secrets,
  signals,
}: ServeOptions): Promise<void> {
  const getBot = () => liveBot.current();
  const knowledgeWatch = config.watchKnowledge
    ? watchKnowledge({
        dir: config.knowledgeDir,
        logger,
        checkMs: config.knowledgeCheckSeconds * 1000,
        onChange: (reason) => liveBot.reload(reason),
      })
    : null;
  const knowledgeReport = () => ({ ...liveBot.info(), watch: knowledgeWatch?.state() ?? WATCH_OFF });
  const startedAt = Date.now();
  let stopping = false;
  const adapters: Adapter[] = [];
  const healthReport = () =>
    buildHealthReport({
      startedAt,
      stopping,
      knowledge: knowledgeReport(),
      adapters: adapters.map((a) => a.health()),
    });
  const shared = await sharedState(config, logger);
  // Opens no database with QUESTION_LOG=off; never waits for one that is slow or down.
  const { createQuestionLog } = await import("./store/question-log.js");
  const questionLog = createQuestionLog({ config: config.store, logger });
  const knowledgeVersion = () => liveBot.info().version;
  const recorder = (platform: Platform) =>
    createQuestionRecorder({ platform, questionLog, knowledgeVersion });
  adapters.push(...(await platformAdapters(config, { getBot, logger, healthReport, recorder }, shared)));

  let health: Awaited<ReturnType<typeof startHealthServer>> | null = null;
  try {
    await startAdapters(adapters);
    if (config.healthPort !== null) health = await startHealthServer(config.healthPort, healthReport);
  } catch (error) {
    const reason =
      error instanceof BotError
        ? error.message
        : `health server on HEALTH_PORT: ${describeError(error).message}`;
    // Through the logger, which scrubs secrets: platform errors can echo request details.
    logger.fatal({ err: reason }, "cannot start");
    logger.flush?.();
    process.stderr.write(`tpd-bot: cannot start: ${scrub(reason, secrets)}\n`);
    process.exit(1);
  }
  logger.info(
    {
      adapters: adapters.map((adapter) => adapter.health()),
      healthPort: health?.port ?? null,
      knowledge: knowledgeReport(),
      sharedState: shared ? "postgresql" : "in-process",
    },
    "tpd-bot started",
  );

  const shutdown = createShutdown({
    adapters,
    logger,
    graceMs: config.shutdownGraceMs,
    onStopping: () => {
      stopping = true;
      knowledgeWatch?.stop();
    },
    close: async () => {
      await health?.close();
      await questionLog.close();
      await shared?.close();
    },
    exit: (code) => process.exit(code),
  });
  signals?.ready({
    reload: () => void liveBot.reload("SIGHUP"),
    stop: (signal) => void shutdown(signal),
  });
}

/**
 * With DATABASE_URL, Slack de-duplication and rate limits live in PostgreSQL so replicas share them. A
 * database that cannot be reached at start leaves them in this process: answering matters more.
 */
async function sharedState(config: Config, logger: Logger): Promise<SharedState | null> {
  const databaseUrl = config.store.databaseUrl;
  if (!databaseUrl) return null;
  const { openSharedState } = await import("./shared-state/index.js");
  try {
    return await openSharedState({ databaseUrl, rateLimit: config.rateLimit, logger });
  } catch (error) {
    logger.error(
      { err: describeError(error) },
      "shared state unavailable; de-duplication and rate limits stay in this process",
    );
    return null;
  }
}

/** Loads each platform's code only when its credentials are set, so the console starts fast. */
async function platformAdapters(
  config: Config,
  deps: {
    getBot: LiveBot["current"];
    logger: Logger;
    healthReport: () => { status: string };
    recorder: (platform: Platform) => QuestionRecorder;
  },
  shared: SharedState | null,
): Promise<Adapter[]> {
  const common = {
    getBot: deps.getBot,
    logger: deps.logger,
    rateLimiter: shared?.rateLimiter ?? createRateLimiter(config.rateLimit),
    answering: config.answering,
    shutdownGraceMs: config.shutdownGraceMs,
  };
  const adapters: Adapter[] = [];
  if (config.slack) {
    const { createSlackAdapter } = await import("./adapters/slack/index.js");
    adapters.push(
      createSlackAdapter({
        ...common,
        config: config.slack,
        healthReport: deps.healthReport,
        dedupe: shared?.dedupe,
        recorder: deps.recorder("slack"),
      }),
    );
  }
  if (config.discord) {
    const { createDiscordAdapter } = await import("./adapters/discord/index.js");
    adapters.push(
      createDiscordAdapter({ ...common, config: config.discord, recorder: deps.recorder("discord") }),
    );
  }
  return adapters;
}
