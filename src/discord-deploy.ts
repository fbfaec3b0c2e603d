import { deployCommands } from "./adapters/discord/deploy.js";
import { ConfigError, loadConfig, loadEnvFile } from "./config.js";
import { createBot } from "./core/bot.js";
import { describeError } from "./errors.js";
import { loadKnowledge } from "./knowledge/load.js";

/** `npm run discord:deploy`: registers `/tpd` as described by the bot over the configured knowledge. */
try {
  loadEnvFile();
  const config = loadConfig();
  if (!config.discord)
    throw new ConfigError("Invalid environment: DISCORD_TOKEN is required to deploy commands");
  const bot = createBot(await loadKnowledge(config.knowledgeDir));
  const result = await deployCommands(config.discord, bot);
  const where =
    result.scope === "guild" ? `guild ${config.discord.guildId}` : "all guilds (global; may take a while)";
  process.stdout.write(`Registered ${result.count} command(s) for ${where}.\n`);
} catch (error) {
  process.stderr.write(`discord:deploy failed: ${describeError(error).message}\n`);
  process.exitCode = 1;
}
