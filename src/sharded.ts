import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { REST, type RESTGetAPIGatewayBotResult, Routes, type Shard, ShardingManager } from "discord.js";
import { ConfigError, type DiscordConfig, loadConfig, loadEnvFile, shardProcessEnv } from "./config.js";
import { exitWithStartupError } from "./errors.js";
import { createLogger } from "./logger.js";
import { startHealthServer } from "./runtime/health.js";

/**
 * `npm run start:sharded`: discord.js's ShardingManager runs one `dist/main.js` process per gateway shard,
 * each with its own gateway session and its share of the guilds. This launcher only supervises: it
 * restarts a shard that dies, serves GET /healthz for all of them on HEALTH_PORT, and passes SIGTERM on.
 * Slack is not started in the shards (it would open its port once per shard): run it as its own process.
 */
type ShardState = {
  id: number;
  state: "starting" | "ready" | "reconnecting" | "disconnected" | "dead";
  pid: number | null;
};

let secrets: string[] = [];

async function main(): Promise<void> {
  loadEnvFile();
  const config = loadConfig();
  const discord = config.discord;
  if (!discord) throw new ConfigError("Invalid environment: DISCORD_TOKEN is required to run sharded");
  secrets = [discord.token];
  const logger = createLogger({ level: config.logLevel, secrets }).child({ launcher: "sharded" });
  if (config.slack) logger.warn("Slack variables are not passed to the shards: run Slack as its own process");

  const totalShards =
    config.discordShards === "auto" ? await recommendedShardCount(discord) : config.discordShards;
  const manager = new ShardingManager(fileURLToPath(new URL("./main.js", import.meta.url)), {
    token: discord.token,
    totalShards,
    respawn: true,
    // The launcher's node options (package.json's start:sharded sets the young generation's size) hold for each shard.
    execArgv: process.execArgv,
  });
  const states = new Map<number, ShardState>();
  let stopping = false;
  const set = (shard: Shard, state: ShardState["state"]) => {
    states.set(shard.id, { id: shard.id, state, pid: shard.process?.pid ?? null });
    logger.info({ shard: shard.id, state, pid: shard.process?.pid ?? null }, "shard state");
  };
  manager.on("shardCreate", (shard) => {
    shard.env = shardProcessEnv(shard.env as Record<string, unknown>);
    set(shard, "starting");
    shard.on("spawn", () => set(shard, "starting"));
    shard.on("ready", () => set(shard, "ready"));
    shard.on("resume", () => set(shard, "ready"));
    shard.on("reconnecting", () => set(shard, "reconnecting"));
    shard.on("disconnect", () => set(shard, "disconnected"));
    shard.on("death", () => set(shard, "dead"));
  });
  const report = () => {
    const shards = [...states.values()].sort((a, b) => a.id - b.id);
    const allReady = shards.length === totalShards && shards.every((shard) => shard.state === "ready");
    const status = stopping ? ("stopping" as const) : allReady ? ("ok" as const) : ("degraded" as const);
    return { status, totalShards, shards };
  };
  const health = config.healthPort === null ? null : await startHealthServer(config.healthPort, report);

  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    logger.info({ signal }, "stopping the shards");
    // Each shard drains its answers in progress on SIGTERM (up to SHUTDOWN_GRACE_MS), then exits.
    await Promise.all(
      [...manager.shards.values()].map(async (shard) => {
        const child = shard.process;
        if (!child || child.exitCode !== null) return;
        const exited = once(child, "exit");
        shard.kill();
        await exited;
      }),
    );
    await health?.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));

  await manager.spawn({ timeout: 60_000 });
  logger.info({ totalShards, healthPort: health?.port ?? null }, "tpd-bot sharded started");
}

/** What Discord recommends for this bot (one shard per ~1,000 guilds), through DISCORD_API_URL when set. */
async function recommendedShardCount(discord: DiscordConfig): Promise<number> {
  const rest = new REST(discord.apiUrl ? { api: discord.apiUrl } : {}).setToken(discord.token);
  const { shards } = (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
  return shards;
}

main().catch((error: unknown) => exitWithStartupError(error, secrets));
