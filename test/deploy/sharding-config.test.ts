import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, shardProcessEnv } from "../../src/config.js";

describe("DISCORD_SHARDS", () => {
  it("is auto by default, or a whole number of shards", () => {
    expect(loadConfig({}).discordShards).toBe("auto");
    expect(loadConfig({ DISCORD_SHARDS: " auto " }).discordShards).toBe("auto");
    expect(loadConfig({ DISCORD_SHARDS: "4" }).discordShards).toBe(4);
  });

  it.each(["0", "2.5", "many", "-1"])("rejects %j naming the variable", (value) => {
    expect(() => loadConfig({ DISCORD_SHARDS: value })).toThrow(ConfigError);
    expect(() => loadConfig({ DISCORD_SHARDS: value })).toThrow(
      /DISCORD_SHARDS: must be auto or a whole number/,
    );
  });
});

describe("a shard process's environment", () => {
  it("keeps Discord and everything else, but not Slack or the launcher's health port", () => {
    const env = shardProcessEnv({
      DISCORD_TOKEN: "t",
      SHARDS: 1,
      SHARD_COUNT: 2,
      KNOWLEDGE_DIR: "k",
      DATABASE_URL: "postgres://db/tpd",
      SLACK_BOT_TOKEN: "xoxb-1",
      SLACK_SIGNING_SECRET: "s",
      SLACK_APP_TOKEN: "xapp-1",
      HEALTH_PORT: "8080",
    });
    expect(Object.keys(env).sort()).toEqual([
      "DATABASE_URL",
      "DISCORD_TOKEN",
      "KNOWLEDGE_DIR",
      "SHARDS",
      "SHARD_COUNT",
    ]);
  });
});
