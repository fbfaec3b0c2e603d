import { REST, type RESTPutAPIApplicationCommandsJSONBody, Routes } from "discord.js";
import { ConfigError, type DiscordConfig } from "../../config.js";
import type { Bot } from "../../core/bot.js";
import { buildCommands } from "./commands.js";

type DeployResult = { scope: "guild" | "global"; route: string; count: number };

/**
 * Registers `/tpd` with a bulk overwrite: to one guild when `guildId` is set (instant, for testing),
 * else globally. Honours `apiUrl` (REST proxy, tests).
 */
export async function deployCommands(
  config: DiscordConfig,
  bot: Pick<Bot, "intents" | "deals">,
): Promise<DeployResult> {
  if (!config.applicationId) {
    throw new ConfigError("Invalid environment: DISCORD_APPLICATION_ID is required to deploy commands");
  }
  const rest = new REST(config.apiUrl ? { api: config.apiUrl } : {}).setToken(config.token);
  const route = config.guildId
    ? Routes.applicationGuildCommands(config.applicationId, config.guildId)
    : Routes.applicationCommands(config.applicationId);
  const body: RESTPutAPIApplicationCommandsJSONBody = buildCommands(bot);
  const saved = (await rest.put(route, { body })) as unknown[];
  return { scope: config.guildId ? "guild" : "global", route, count: saved.length };
}
