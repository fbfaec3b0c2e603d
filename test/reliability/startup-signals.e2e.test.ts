import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DiscordRestProxy, startDiscordRestProxy } from "../fakes/discord-rest-proxy.js";
import { type FakeSlack, startFakeSlack } from "../fakes/slack.js";
import { createSlackClient } from "../fakes/slack-client.js";
import { type BotProcess, botStarted, killAllBotProcesses, startBotProcess } from "../helpers/bot-process.js";
import { askCommand, commandFields } from "../slack/support/harness.js";
import { SECRETS } from "./support/secrets.js";

/**
 * Signals while the real process is still starting: Slack's auth.test is held by a proxy in front of
 * the fake Web API, so the process is caught between "starting" and "started".
 */

const AUTH_TEST = /^\/api\/auth\.test$/;
type Held = { bot: BotProcess; slack: FakeSlack; proxy: DiscordRestProxy };
const held: Held[] = [];
const figures: string[] = [];

/** A bot process whose Slack start-up is held `holdMs` at auth.test; resolves once the call is held. */
async function startHeld(holdMs: number): Promise<Held> {
  const slack = await startFakeSlack();
  const proxy = await startDiscordRestProxy(slack.apiUrl);
  proxy.delay("POST", AUTH_TEST, holdMs);
  const bot = startBotProcess({
    SLACK_BOT_TOKEN: SECRETS.SLACK_BOT_TOKEN,
    SLACK_SIGNING_SECRET: SECRETS.SLACK_SIGNING_SECRET,
    SLACK_API_URL: proxy.apiUrl,
    PORT: "0",
  });
  const running = { bot, slack, proxy };
  held.push(running);
  await bot.waitForLog((line) => line.msg === "tpd-bot starting", 40_000);
  await proxy.arrived("POST", AUTH_TEST, 40_000);
  return running;
}

let hup: Held;
let term: Held;

beforeAll(async () => {
  [hup, term] = await Promise.all([startHeld(1500), startHeld(30_000)]);
}, 60_000);

afterAll(async () => {
  await killAllBotProcesses();
  await Promise.all(held.flatMap(({ slack, proxy }) => [slack.close(), proxy.close()]));
  console.info(`start-up signals: ${figures.join("; ")}`);
});

describe.concurrent("signals before the bot is ready, through the real process", () => {
  it("WHEN SIGHUP arrives while Slack is connecting THEN it is logged and ignored, start-up completes, and a later SIGHUP reloads", async () => {
    const { bot, slack } = hup;
    bot.signal("SIGHUP");
    const ignored = await bot.waitForLog((line) => line.msg === "signal before ready; ignored");
    expect(ignored).toMatchObject({ level: "warn", signal: "SIGHUP" });
    const { slackPort } = await botStarted(bot);
    const client = createSlackClient({
      baseUrl: `http://127.0.0.1:${slackPort}`,
      signingSecret: SECRETS.SLACK_SIGNING_SECRET,
    });
    const fields = commandFields(slack, "korea 6g");
    const { body } = await askCommand(slack, client, fields);
    expect(JSON.stringify(body)).toContain("whitehouse.gov");

    bot.signal("SIGHUP");
    const reloaded = await bot.waitForLog((line) => line.msg === "knowledge reloaded");
    expect(reloaded).toMatchObject({ reason: "SIGHUP" });
    bot.signal("SIGTERM");
    expect((await bot.exited).code).toBe(0);
  });

  it("WHEN SIGTERM arrives while Slack is connecting THEN the process exits 0 promptly", async () => {
    const { bot } = term;
    const signalledAt = performance.now();
    bot.signal("SIGTERM");
    const exit = await bot.exited;
    const ms = performance.now() - signalledAt;
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(ms).toBeLessThan(1000);
    expect(bot.logs().some((line) => line.msg === "stopping before ready")).toBe(true);
    expect(bot.logs().some((line) => line.msg === "tpd-bot started")).toBe(false);
    figures.push(`SIGTERM during start-up -> exit 0 in ${Math.round(ms)} ms`);
  });
});
