import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";
import { SECRETS } from "./support/secrets.js";

const slackHttp = {
  SLACK_BOT_TOKEN: SECRETS.SLACK_BOT_TOKEN,
  SLACK_SIGNING_SECRET: SECRETS.SLACK_SIGNING_SECRET,
};

function problem(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error(`expected ${JSON.stringify(env)} to be refused`);
}

describe("loadConfig refuses a bad environment with a message naming each variable", () => {
  const table: Array<[string, Record<string, string>, RegExp]> = [
    [
      "a word for a port",
      { HEALTH_PORT: "healthz" },
      /^Invalid environment: HEALTH_PORT: must be a port number/,
    ],
    [
      "a fraction for a port",
      { ...slackHttp, PORT: "3000.5" },
      /PORT: must be a port number from 0 to 65535/,
    ],
    [
      "a queue wait at or past the answer budget",
      { ANSWER_BUDGET_MS: "1000", ANSWER_QUEUE_MAX_WAIT_MS: "1000" },
      /ANSWER_QUEUE_MAX_WAIT_MS must be below ANSWER_BUDGET_MS/,
    ],
    [
      "a queue wait past the default budget",
      { ANSWER_QUEUE_MAX_WAIT_MS: "2000" },
      /ANSWER_QUEUE_MAX_WAIT_MS must be below ANSWER_BUDGET_MS \(default 1500\)/,
    ],
    ["a port out of range", { HEALTH_PORT: "65536" }, /HEALTH_PORT: must be a port number/],
    ["a zero rate limit", { RATE_LIMIT_PER_USER: "0" }, /RATE_LIMIT_PER_USER: must be a whole number from 1/],
    ["a negative grace", { SHUTDOWN_GRACE_MS: "-5" }, /SHUTDOWN_GRACE_MS: must be a number of milliseconds/],
    ["an unknown log level", { LOG_LEVEL: "loud" }, /LOG_LEVEL: must be one of fatal, error, warn, info/],
    ["a yes for a boolean", { KNOWLEDGE_WATCH: "yes" }, /KNOWLEDGE_WATCH: must be true, false, 1 or 0/],
    ["a URL without a scheme", { DISCORD_API_URL: "discord.local" }, /DISCORD_API_URL: must be an http/],
    ["a non-http URL", { SLACK_API_URL: "ftp://slack.local/" }, /SLACK_API_URL: must be an http/],
    [
      "a user token for the bot token",
      { SLACK_BOT_TOKEN: "xoxp-1-2", SLACK_SIGNING_SECRET: "x".repeat(20) },
      /SLACK_BOT_TOKEN: must be a bot token/,
    ],
    [
      "an app token without a bot token",
      { SLACK_APP_TOKEN: SECRETS.SLACK_APP_TOKEN },
      /SLACK_BOT_TOKEN is required/,
    ],
    [
      "a signing secret without a bot token",
      { SLACK_SIGNING_SECRET: SECRETS.SLACK_SIGNING_SECRET },
      /SLACK_BOT_TOKEN is required/,
    ],
    [
      "a bot token alone",
      { SLACK_BOT_TOKEN: SECRETS.SLACK_BOT_TOKEN },
      /SLACK_SIGNING_SECRET \(HTTP mode\) or SLACK_APP_TOKEN/,
    ],
    [
      "a blank signing secret",
      { SLACK_BOT_TOKEN: SECRETS.SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET: " " },
      /SLACK_SIGNING_SECRET \(HTTP mode\) or SLACK_APP_TOKEN/,
    ],
    ["a short Discord token", { DISCORD_TOKEN: "abc" }, /DISCORD_TOKEN: looks too short/],
    [
      "a bot token broken by a line break",
      { SLACK_BOT_TOKEN: "xoxb-111-AAA\nBBBsecret", SLACK_SIGNING_SECRET: SECRETS.SLACK_SIGNING_SECRET },
      /^Invalid environment: SLACK_BOT_TOKEN: must not contain spaces, line breaks, control or non-ASCII characters$/,
    ],
    [
      "an app token broken by a carriage return",
      { SLACK_BOT_TOKEN: SECRETS.SLACK_BOT_TOKEN, SLACK_APP_TOKEN: "xapp-1-AAA\r\nBBBsecret" },
      /^Invalid environment: SLACK_APP_TOKEN: must not contain spaces/,
    ],
    [
      "a signing secret with a space inside",
      { SLACK_BOT_TOKEN: SECRETS.SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET: "5e8c1f0a 9b7d4c2e" },
      /^Invalid environment: SLACK_SIGNING_SECRET: must not contain spaces/,
    ],
    [
      "a Discord token with a control character and a zero-width space",
      { DISCORD_TOKEN: "MTIzNDU2Nzg5\u0007MDEy\u200bMzQ1Njc4" },
      /^Invalid environment: DISCORD_TOKEN: must not contain spaces/,
    ],
    [
      "a name for an application id",
      { DISCORD_APPLICATION_ID: "tpd-bot" },
      /DISCORD_APPLICATION_ID: must be a numeric Discord id/,
    ],
  ];
  it.each(table)("%s", (_name, env, message) => {
    const text = problem(env);
    expect(text).toMatch(message);
    for (const value of Object.values(env)) {
      for (const piece of value.split(/[\s\p{Cc}\u200b]+/u))
        if (piece.length > 3) expect(text).not.toContain(piece);
    }
  });

  it("names every bad variable at once", () => {
    expect(problem({ LOG_LEVEL: "loud", PORT: "x", KNOWLEDGE_WATCH: "maybe" })).toMatch(
      /LOG_LEVEL: .*; KNOWLEDGE_WATCH: .*; PORT: /,
    );
  });
});

describe("loadConfig reads a good environment", () => {
  it("counts empty and blank variables as unset, and trims pasted spaces", () => {
    const config = loadConfig({
      SLACK_BOT_TOKEN: ` ${SECRETS.SLACK_BOT_TOKEN}\n`,
      SLACK_SIGNING_SECRET: SECRETS.SLACK_SIGNING_SECRET,
      SLACK_APP_TOKEN: "",
      DISCORD_TOKEN: "   ",
      HEALTH_PORT: "",
      LOG_LEVEL: "\t",
    });
    expect(config.slack).toMatchObject({ botToken: SECRETS.SLACK_BOT_TOKEN, mode: "http", appToken: null });
    expect(config.discord).toBeNull();
    expect(config.healthPort).toBeNull();
    expect(config.logLevel).toBe("info");
  });

  it("prefers HTTP mode when both a signing secret and an app token are set", () => {
    const config = loadConfig({ ...slackHttp, SLACK_APP_TOKEN: SECRETS.SLACK_APP_TOKEN });
    expect(config.slack).toMatchObject({ mode: "http", appToken: null });
  });
});
