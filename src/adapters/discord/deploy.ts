import { pathToFileURL } from "node:url";
import { REST, type RESTPutAPIApplicationCommandsJSONBody, Routes } from "discord.js";
import { ConfigError, type DiscordConfig, loadConfig, loadEnvFile } from "../../config.js";
import { INTENT_CATALOG, type IntentInfo } from "../../core/bot.js";
import { buildCommands } from "./commands.js";

export type DeployResult = { scope: "guild" | "global"; route: string; count: number };

/**
 * Registers `/tpd` with a bulk overwrite: to one guild when `guildId` is set (instant, for testing),
 * else globally. Honours `apiUrl` (REST proxy, tests).
 */
export async function deployCommands(
  config: DiscordConfig,
  intents: readonly IntentInfo[],
): Promise<DeployResult> {
  if (!config.applicationId) {
    throw new ConfigError("Invalid environment: DISCORD_APPLICATION_ID is required to deploy commands");
  }
  const rest = new REST(config.apiUrl ? { api: config.apiUrl } : {}).setToken(config.token);
  const route = config.guildId
    ? Routes.applicationGuildCommands(config.applicationId, config.guildId)
    : Routes.applicationCommands(config.applicationId);
  const body: RESTPutAPIApplicationCommandsJSONBody = buildCommands(intents);
  const saved = (await rest.put(route, { body })) as unknown[];
  return { scope: config.guildId ? "guild" : "global", route, count: saved.length };
}

/** `npm run discord:deploy`: registers the commands described by the core's intent catalogue. */
async function main(): Promise<void> {
  loadEnvFile();
  const config = loadConfig();
  if (!config.discord)
    throw new ConfigError("Invalid environment: DISCORD_TOKEN is required to deploy commands");
  const result = await deployCommands(config.discord, INTENT_CATALOG);
  const where =
    result.scope === "guild" ? `guild ${config.discord.guildId}` : "all guilds (global; may take a while)";
  process.stdout.write(`Registered ${result.count} command(s) for ${where}.\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    process.stderr.write(
      `discord:deploy failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  });
}
