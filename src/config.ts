import { existsSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { BotError } from "./core/errors.js";

/** Raised when the environment is missing or malforms a variable; the message names the variable. */
export class ConfigError extends BotError {
  constructor(message: string) {
    super("CONFIG_INVALID", message);
  }
}

export type DiscordConfig = {
  token: string;
  applicationId: string | null;
  guildId: string | null;
  /** REST base such as http://127.0.0.1:PORT/api, or null for Discord's default. */
  apiUrl: string | null;
  /**
   * Ask for the privileged Message Content intent (it must also be on in the Developer Portal): without it
   * Discord sends no text for replies to the bot that do not ping it, nor for messages in its threads.
   */
  messageContent?: boolean;
};

/** How questions wait for an answer (issue 16): the budget before "working on it…", and the queue's bounds. */
export const ANSWERING_DEFAULTS = {
  /** An answer not ready this long after the question gets "working on it…" first, then follows. */
  budgetMs: 1500,
  /** Questions worked on at once, per platform. */
  concurrency: 4,
  /** Questions waiting for a turn, per platform; past this a new one gets "busy" at once. */
  maxWaiting: 100,
  /** A question that waited this long since it was asked gets "busy" instead of its turn. */
  maxWaitMs: 250,
};
export type AnsweringConfig = typeof ANSWERING_DEFAULTS;

export type Config = ReturnType<typeof loadConfig>;
export type RateLimitConfig = Config["rateLimit"];
export type SlackConfig = NonNullable<Config["slack"]>;
export type StoreConfig = Config["store"];

/** An empty (or blank) variable counts as unset; surrounding spaces, as pasted from a dashboard, are dropped. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => {
    if (typeof value !== "string") return value;
    const trimmed = value.trim();
    return trimmed === "" ? undefined : trimmed;
  }, schema.optional());

// Messages never quote the value: a token pasted into the wrong variable must not reach the terminal.
const wholeNumber = (min: number, max: number, what = "a whole number") => {
  const message = `must be ${what} from ${min} to ${max}`;
  return z.coerce.number({ error: message }).int(message).min(min, message).max(max, message);
};
const port = wholeNumber(0, 65_535, "a port number");
const positiveInt = wholeNumber(1, 1_000_000);
const url = z.url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" });
const snowflake = z.string().regex(/^\d{5,25}$/, "must be a numeric Discord id");
const bool = z
  .enum(["true", "false", "1", "0"], { error: "must be true, false, 1 or 0" })
  .transform((value) => value === "true" || value === "1");
/**
 * Tokens and secrets are printable ASCII: a line break, space, control or invisible character inside one
 * is a paste gone wrong, and would otherwise reach an HTTP header (whose error echoes it) or a log line.
 */
const credential = z
  .string()
  .regex(/^[\x21-\x7e]*$/, "must not contain spaces, line breaks, control or non-ASCII characters");
const postgresUrl = z.url({
  protocol: /^postgres(ql)?$/,
  error: "must be a postgres:// or postgresql:// URL",
});
const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

const envSchema = z.object({
  ENV_FILE: optional(z.string()),
  KNOWLEDGE_DIR: optional(z.string()),
  LOG_LEVEL: optional(z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(", ")}` })),
  RATE_LIMIT_PER_USER: optional(positiveInt),
  RATE_LIMIT_PER_TEAM: optional(positiveInt),
  RATE_LIMIT_WINDOW_SECONDS: optional(positiveInt),
  // Slack's deadline is 3 s from its side: past 2.5 s the holding reply itself could arrive late.
  ANSWER_BUDGET_MS: optional(wholeNumber(0, 2500, "a number of milliseconds")),
  ANSWER_CONCURRENCY: optional(wholeNumber(1, 1000)),
  ANSWER_QUEUE_MAX: optional(wholeNumber(0, 100_000)),
  ANSWER_QUEUE_MAX_WAIT_MS: optional(wholeNumber(0, 2500, "a number of milliseconds")),
  HEALTH_PORT: optional(port),
  SHUTDOWN_GRACE_MS: optional(wholeNumber(0, 60_000, "a number of milliseconds")),
  KNOWLEDGE_WATCH: optional(bool),
  KNOWLEDGE_CHECK_SECONDS: optional(wholeNumber(0, 86_400, "a number of seconds")),
  KNOWLEDGE_ALLOW_SHRINK: optional(bool),
  KNOWLEDGE_MAX_BYTES: optional(wholeNumber(1, 2 ** 40, "a number of bytes")),
  SLACK_BOT_TOKEN: optional(credential.startsWith("xoxb-", "must be a bot token starting with xoxb-")),
  SLACK_SIGNING_SECRET: optional(credential.min(8, "looks too short for a signing secret")),
  SLACK_APP_TOKEN: optional(credential.startsWith("xapp-", "must be an app-level token starting with xapp-")),
  SLACK_API_URL: optional(url),
  PORT: optional(port),
  DISCORD_TOKEN: optional(credential.min(10, "looks too short for a bot token")),
  DISCORD_APPLICATION_ID: optional(snowflake),
  DISCORD_GUILD_ID: optional(snowflake),
  DISCORD_API_URL: optional(url),
  DISCORD_MESSAGE_CONTENT: optional(bool),
  QUESTION_LOG: optional(z.enum(["on", "off"], { error: "must be on or off" })),
  LOG_QUESTION_TEXT: optional(z.enum(["declined", "all"], { error: "must be declined or all" })),
  QUESTION_LOG_DAYS: optional(wholeNumber(1, 3650, "a number of days")),
  QUESTION_LOG_SECRET: optional(credential.min(16, "must be at least 16 characters")),
  DATABASE_URL: optional(postgresUrl),
  DATA_DIR: optional(z.string()),
  DISCORD_SHARDS: optional(
    z.union([z.literal("auto"), wholeNumber(1, 10_000, "auto or a whole number")], {
      error: "must be auto or a whole number from 1 to 10000",
    }),
  ),
});

/** Every variable the bot reads; `.env.example` documents each one. */
export const ENV_VARIABLES: readonly string[] = Object.keys(envSchema.shape);
type Env = z.infer<typeof envSchema>;

/**
 * Reads the env file into the environment: `.env` in the working directory when it exists, or the file named by
 * `ENV_FILE`, which must exist. Variables already set win (Node's rule for `process.loadEnvFile`), so a process
 * manager or a container can always override the file.
 */
export function loadEnvFile(): void {
  const named = process.env.ENV_FILE?.trim();
  const path = named || ".env";
  if (!existsSync(path)) {
    if (named) throw new ConfigError(`Invalid environment: ENV_FILE: no such file ${path}`);
    return;
  }
  try {
    process.loadEnvFile(path);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? "unreadable";
    throw new ConfigError(`Invalid environment: cannot read the env file ${path} (${reason})`);
  }
}

/** The only reader of the environment: validates it and hands each part of the program its slice. */
export function loadConfig(env: Record<string, string | undefined> = process.env) {
  const parsed = envSchema.safeParse(env, { jitless: true }); // parsed once: compiling a fast path costs more
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`Invalid environment: ${problems.join("; ")}`);
  }
  const vars = parsed.data;
  const answering = answeringConfig(vars);
  return {
    knowledgeDir: vars.KNOWLEDGE_DIR ?? "knowledge",
    logLevel: vars.LOG_LEVEL ?? ("info" as const),
    rateLimit: {
      perUser: vars.RATE_LIMIT_PER_USER ?? 20,
      perTeam: vars.RATE_LIMIT_PER_TEAM ?? 200,
      windowMs: (vars.RATE_LIMIT_WINDOW_SECONDS ?? 60) * 1000,
    },
    answering,
    /** Port for GET /healthz when no Slack HTTP server carries it; null to serve none. */
    healthPort: vars.HEALTH_PORT ?? null,
    shutdownGraceMs: vars.SHUTDOWN_GRACE_MS ?? 5000,
    watchKnowledge: vars.KNOWLEDGE_WATCH ?? true,
    /** How often the watch hashes the knowledge files to catch changes no file event reported; 0 = never. */
    knowledgeCheckSeconds: vars.KNOWLEDGE_CHECK_SECONDS ?? 30,
    /** Accept a reload that drops a deal or most passages (refused by default as a likely mistake). */
    allowKnowledgeShrink: vars.KNOWLEDGE_ALLOW_SHRINK ?? false,
    /** Knowledge holding more bytes of YAML than this fails start-up, and a reload to it is refused. */
    knowledgeMaxBytes: vars.KNOWLEDGE_MAX_BYTES ?? 20 * 1_048_576,
    slack: slackConfig(vars),
    discord: discordConfig(vars),
    /** Shard count for `npm run start:sharded`: "auto" asks Discord (GET /gateway/bot). */
    discordShards: vars.DISCORD_SHARDS ?? ("auto" as const),
    store: storeConfig(vars),
  };
}

function answeringConfig(vars: Env): AnsweringConfig {
  const answering = {
    budgetMs: vars.ANSWER_BUDGET_MS ?? ANSWERING_DEFAULTS.budgetMs,
    concurrency: vars.ANSWER_CONCURRENCY ?? ANSWERING_DEFAULTS.concurrency,
    maxWaiting: vars.ANSWER_QUEUE_MAX ?? ANSWERING_DEFAULTS.maxWaiting,
    maxWaitMs: vars.ANSWER_QUEUE_MAX_WAIT_MS ?? ANSWERING_DEFAULTS.maxWaitMs,
  };
  // A waiter past the budget has been sent "working on it…": shedding it then would break that promise.
  if (answering.maxWaitMs > 0 && answering.maxWaitMs >= answering.budgetMs) {
    throw new ConfigError(
      `Invalid environment: ANSWER_QUEUE_MAX_WAIT_MS must be below ANSWER_BUDGET_MS (default ${ANSWERING_DEFAULTS.budgetMs}), or 0 for no waiting`,
    );
  }
  return answering;
}

/** The question log and feedback votes (issue 13). */
function storeConfig(vars: Env) {
  return {
    /** False when QUESTION_LOG=off: nothing is stored and no feedback is asked for. */
    enabled: vars.QUESTION_LOG !== "off",
    /** "declined": keep the text of declined and 👎-rated questions only; "all": of every question. */
    questionText: vars.LOG_QUESTION_TEXT ?? ("declined" as const),
    retentionDays: vars.QUESTION_LOG_DAYS ?? 90,
    /** Key for hashing user ids; null to use one generated into the database on first start. */
    userHashSecret: vars.QUESTION_LOG_SECRET ?? null,
    /** PostgreSQL when set, else SQLite at `sqliteFile`. */
    databaseUrl: vars.DATABASE_URL ?? null,
    sqliteFile: join(vars.DATA_DIR ?? "data", "tpd-bot.sqlite"),
  };
}

function slackConfig(vars: Env) {
  const { SLACK_BOT_TOKEN: botToken, SLACK_SIGNING_SECRET: signingSecret, SLACK_APP_TOKEN: appToken } = vars;
  if (!botToken) {
    if (signingSecret || appToken) {
      throw new ConfigError(
        "Invalid environment: SLACK_BOT_TOKEN is required when Slack credentials are set",
      );
    }
    return null;
  }
  if (!signingSecret && !appToken) {
    throw new ConfigError(
      "Invalid environment: SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode) is required with SLACK_BOT_TOKEN",
    );
  }
  return {
    botToken,
    /** HTTP mode when set. */
    signingSecret: signingSecret ?? null,
    /** Socket Mode when set (and no signing secret). */
    appToken: signingSecret ? null : (appToken ?? null),
    mode: signingSecret ? ("http" as const) : ("socket" as const),
    /** Web API base URL ending in "/", or null for Slack's default. */
    apiUrl: vars.SLACK_API_URL ? vars.SLACK_API_URL.replace(/\/?$/, "/") : null,
    port: vars.PORT ?? 3000,
  };
}

function discordConfig(vars: Env): DiscordConfig | null {
  if (!vars.DISCORD_TOKEN) return null;
  return {
    token: vars.DISCORD_TOKEN,
    applicationId: vars.DISCORD_APPLICATION_ID ?? null,
    guildId: vars.DISCORD_GUILD_ID ?? null,
    apiUrl: vars.DISCORD_API_URL ? vars.DISCORD_API_URL.replace(/\/$/, "") : null,
    messageContent: vars.DISCORD_MESSAGE_CONTENT ?? false,
  };
}

/** Every secret the config holds (tokens, signing secrets, the database password), for scrubbing output. */
export function secretsOf(config: Config): string[] {
  return [
    config.slack?.botToken,
    config.slack?.signingSecret,
    config.slack?.appToken,
    config.discord?.token,
    config.store.userHashSecret,
    config.store.databaseUrl ? decodeURIComponent(new URL(config.store.databaseUrl).password) : null,
  ].filter((secret): secret is string => Boolean(secret));
}

/** What only one process may do: serve Slack (its port, its events) and the health port. */
const NOT_FOR_SHARDS = ["SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "HEALTH_PORT"];

/**
 * The environment of one Discord shard process under `npm run start:sharded`: the launcher's, without
 * Slack and the health port, which stay with the launcher.
 */
export function shardProcessEnv<T extends Record<string, unknown>>(env: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(env).filter(([name]) => !NOT_FOR_SHARDS.includes(name)),
  ) as Partial<T>;
}
