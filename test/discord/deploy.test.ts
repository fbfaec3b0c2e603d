import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCommands } from "../../src/adapters/discord/commands.js";
import { deployCommands } from "../../src/adapters/discord/deploy.js";
import { ConfigError } from "../../src/config.js";
import { type Bot, createBot } from "../../src/core/bot.js";
import { loadKnowledge } from "../../src/knowledge/load.js";
import { APP_ID, type FakeDiscord, GUILD_ID, startFakeDiscord, TOKEN } from "../fakes/discord.js";
import { baseEnv } from "../helpers/run-process.js";

let fake: FakeDiscord;
let bot: Bot;

beforeAll(async () => {
  fake = await startFakeDiscord();
  bot = createBot(await loadKnowledge("knowledge"));
});

afterAll(async () => {
  await fake?.close();
});

const puts = () => fake.calls.filter((call) => call.method === "PUT");

describe("deployCommands", () => {
  it("GIVEN a guild id THEN it bulk-overwrites that guild's commands with /tpd and the context-menu command", async () => {
    const before = puts().length;
    const result = await deployCommands(
      { token: TOKEN, applicationId: APP_ID, guildId: GUILD_ID, apiUrl: fake.apiUrl },
      bot,
    );
    expect(result).toMatchObject({ scope: "guild", count: 2 });
    const [call] = puts().slice(before);
    expect(call?.path).toBe(`/api/v10/applications/${APP_ID}/guilds/${GUILD_ID}/commands`);
    expect(call?.authorization).toBe(`Bot ${TOKEN}`);
    expect(call?.body).toEqual(buildCommands(bot));
    expect(call?.body).toMatchObject([
      {
        name: "tpd",
        name_localizations: { ja: expect.any(String), ko: expect.any(String) },
        description_localizations: { ja: expect.any(String), ko: expect.any(String) },
        type: 1,
        contexts: [0, 1, 2],
        integration_types: [0, 1],
        options: [
          { name: "query", type: 3, required: true, autocomplete: true, max_length: 250 },
          {
            name: "deal",
            type: 3,
            choices: [
              { name: "U.S.–UK", value: "uk" },
              { name: "U.S.–Japan", value: "japan" },
              { name: "U.S.–Korea", value: "korea" },
            ],
          },
          { name: "public", type: 5 },
        ],
      },
      {
        name: "Ask TPD about this",
        name_localizations: { ja: expect.any(String), ko: expect.any(String) },
        type: 3,
        contexts: [0, 1, 2],
        integration_types: [0, 1],
      },
    ]);
  });

  it("GIVEN no guild id THEN it registers globally", async () => {
    const before = puts().length;
    const result = await deployCommands(
      { token: TOKEN, applicationId: APP_ID, guildId: null, apiUrl: fake.apiUrl },
      bot,
    );
    expect(result.scope).toBe("global");
    expect(puts().slice(before)[0]?.path).toBe(`/api/v10/applications/${APP_ID}/commands`);
  });

  it("GIVEN no application id THEN it refuses with a message naming the variable", async () => {
    await expect(
      deployCommands({ token: TOKEN, applicationId: null, guildId: null, apiUrl: fake.apiUrl }, bot),
    ).rejects.toThrow(ConfigError);
    await expect(
      deployCommands({ token: TOKEN, applicationId: null, guildId: null, apiUrl: fake.apiUrl }, bot),
    ).rejects.toThrow(/DISCORD_APPLICATION_ID/);
  });

  it("WHEN `npm run discord:deploy` runs with the variables THEN it reads them through loadConfig and PUTs", async () => {
    const before = puts().length;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--import", "tsx", "src/discord-deploy.ts"],
      {
        env: {
          ...baseEnv(),
          DISCORD_TOKEN: TOKEN,
          DISCORD_APPLICATION_ID: APP_ID,
          DISCORD_GUILD_ID: GUILD_ID,
          DISCORD_API_URL: fake.apiUrl,
          LOG_LEVEL: "silent",
        },
        timeout: 20_000,
      },
    );
    expect(stdout).toBe(`Registered 2 command(s) for guild ${GUILD_ID}.\n`);
    const [call] = puts().slice(before);
    expect(call?.path).toBe(`/api/v10/applications/${APP_ID}/guilds/${GUILD_ID}/commands`);
    expect(call?.body).toEqual(buildCommands(bot));
  });
});
