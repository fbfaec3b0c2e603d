import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NOTICES } from "../../src/adapters/shared/notices.js";
import { encodeButtonValue } from "../../src/adapters/slack/button-values.js";
import { ACTION } from "../../src/adapters/slack/registration.js";
import { type FakeDiscord, startFakeDiscord } from "../fakes/discord.js";
import { slashCommand } from "../fakes/discord-payloads.js";
import { type DiscordRestProxy, startDiscordRestProxy } from "../fakes/discord-rest-proxy.js";
import { killAllBotProcesses } from "../helpers/bot-process.js";
import { buttonPayload, commandFields, envelope } from "../slack/support/harness.js";
import { SECRETS } from "./support/secrets.js";
import { type SlackHttpBot, startSlackHttpBot } from "./support/slack-http-bot.js";

/** One bot process on Slack over HTTP (and optionally Discord), with its own fake Slack. */
type Running = SlackHttpBot;

const CALLBACK = /^\/api\/v10\/interactions\/\d+\/[^/]+\/callback$/;

let discord: FakeDiscord;
let proxy: DiscordRestProxy;
let graceful: Running;
let impatient: Running;
let overrun: Running;
const figures: string[] = [];

const start = startSlackHttpBot;

/**
 * Clicks "More results" and resolves once its answer is on the way (the fake Slack holds the reply). A
 * button's answer travels on its response_url, after the acknowledgement.
 */
async function inFlight(running: Running, text = "korea 6g"): Promise<void> {
  const more = { action_id: ACTION.more, value: encodeButtonValue({ q: text, o: 0 }) };
  const payload = buttonPayload(running.slack, more, { ephemeral: true });
  expect((await running.client.action(payload)).status).toBe(200);
  const hook = String(payload.response_url).split("/").pop();
  await running.slack.waitFor(() => running.slack.hooks.find((post) => post.hook === hook));
}

beforeAll(async () => {
  discord = await startFakeDiscord();
  proxy = await startDiscordRestProxy(discord.apiUrl);
  [graceful, impatient, overrun] = await Promise.all([
    start({ DISCORD_TOKEN: SECRETS.DISCORD_TOKEN, DISCORD_API_URL: proxy.apiUrl, SHUTDOWN_GRACE_MS: "5000" }),
    start({ SHUTDOWN_GRACE_MS: "20000" }),
    start({ SHUTDOWN_GRACE_MS: "800" }),
  ]);
}, 60_000);

afterAll(async () => {
  await killAllBotProcesses();
  await Promise.all([graceful, impatient, overrun].map((running) => running?.slack.close()));
  await proxy?.close();
  await discord?.close();
  console.info(`shutdown: ${figures.join("; ")}`);
});

// Each test has its own bot process, so they all run side by side.
describe.concurrent("SIGTERM and SIGINT through the real process", () => {
  describe("GIVEN answers in flight on Slack and Discord", () => {
    it("WHEN SIGTERM arrives THEN new work is refused, the answers finish, everything closes, exit 0 within the grace", async () => {
      const { bot, slack, client, base } = graceful;
      slack.delayHooks(1500);
      await inFlight(graceful);
      proxy.delay("POST", CALLBACK, 1500);
      const held = slashCommand({ query: "japan fusion" });
      discord.dispatch("INTERACTION_CREATE", held);
      await proxy.arrived("POST", new RegExp(`/interactions/${held.id}/`));

      const signalledAt = performance.now();
      bot.signal("SIGTERM");
      await bot.waitForLog((line) => line.msg === "shutting down: finishing answers in progress");

      const health = await fetch(`${base}/healthz`);
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({ status: "stopping" });

      slack.delayHooks(0);
      const late = await client.command(commandFields(slack, "korea 6g"));
      expect(JSON.parse(late.body)).toEqual({ response_type: "ephemeral", text: NOTICES.restarting });
      const event = await client.event(
        envelope({ type: "app_mention", user: "U1", text: "korea", ts: "8.1", channel: "C1" }),
      );
      expect(event.status).toBe(503);
      const refused = slashCommand({ query: "korea 6g" });
      discord.dispatch("INTERACTION_CREATE", refused);
      const refusal = await discord.waitForCall((call) => call.path.includes(`/interactions/${refused.id}/`));
      expect(JSON.stringify(refusal.body)).toContain(NOTICES.restarting);

      const exit = await bot.exited;
      const shutdownMs = performance.now() - signalledAt;
      expect(exit.code).toBe(0);
      expect(shutdownMs).toBeGreaterThanOrEqual(1000);
      expect(shutdownMs).toBeLessThan(5000);

      const logs = bot.logs();
      const stopAt = logs.findIndex((line) => line.msg === "shutting down: finishing answers in progress");
      const finished = logs.slice(stopAt).filter((line) => line.msg === "answered");
      expect(finished.map((line) => [line.adapter, line.intent, line.found])).toEqual(
        expect.arrayContaining([
          ["slack", "ask", true],
          ["discord", "ask", true],
        ]),
      );
      expect(finished.find((line) => line.adapter === "slack")).toMatchObject({ delivered: true });
      expect(finished.find((line) => line.adapter === "discord")).toMatchObject({ requestId: held.id });
      const stopped = logs.find((line) => line.msg === "stopped");
      expect(stopped?.adapters).toEqual([
        expect.objectContaining({ name: "slack", up: false, detail: expect.stringMatching(/^stopped/) }),
        expect.objectContaining({ name: "discord", up: false, detail: "not started" }),
      ]);
      expect(logs.some((line) => line.msg === "Slack adapter stopped")).toBe(true);
      expect(discord.connected()).toBe(false);
      await expect(fetch(`${base}/healthz`)).rejects.toThrow();
      figures.push(
        `SIGTERM with answers in flight -> exit 0 in ${Math.round(shutdownMs)} ms (logged ${String(stopped?.shutdownMs)} ms, replies held 1500 ms)`,
      );
    });
  });

  describe("GIVEN an answer that would outlast the patience of the operator or the grace", () => {
    it("WHEN a second signal arrives THEN it exits at once with code 1", async () => {
      const { bot, slack } = impatient;
      slack.delayHooks(30_000);
      await inFlight(impatient);
      bot.signal("SIGTERM");
      await bot.waitForLog((line) => line.msg === "shutting down: finishing answers in progress");
      const secondAt = performance.now();
      bot.signal("SIGINT");
      const exit = await bot.exited;
      const ms = performance.now() - secondAt;
      expect(exit.code).toBe(1);
      expect(ms).toBeLessThan(1500);
      expect(bot.logs().some((line) => line.msg === "second signal: exiting now")).toBe(true);
      figures.push(`second signal -> exit 1 in ${Math.round(ms)} ms`);
    });

    it("WHEN the grace runs out THEN it stops anyway, says how many answers were cut short, and exits 0", async () => {
      const { bot, slack } = overrun;
      slack.delayHooks(30_000);
      await inFlight(overrun);
      const signalledAt = performance.now();
      bot.signal("SIGTERM");
      const exit = await bot.exited;
      const ms = performance.now() - signalledAt;
      expect(exit.code).toBe(0);
      expect(ms).toBeGreaterThanOrEqual(750);
      expect(ms).toBeLessThan(3000);
      expect(bot.logs().find((line) => line.msg === "stopping with answers still in progress")).toMatchObject(
        {
          level: "warn",
          unfinished: 1,
        },
      );
      figures.push(`grace 800 ms overrun -> exit 0 in ${Math.round(ms)} ms`);
    });
  });
});
