import { afterAll, describe, expect, it } from "vitest";
import { BOT_USER_ID, type FakeSlack, startFakeSlack } from "../fakes/slack.js";
import { createSlackClient } from "../fakes/slack-client.js";
import { botStarted, killAllBotProcesses, startBotProcess } from "../helpers/bot-process.js";
import { runEntry } from "../helpers/run-process.js";
import { envelope } from "../slack/support/harness.js";
import { SECRETS } from "./support/secrets.js";

/**
 * Secrets that change shape on the way to a log line. A value broken by a line break is refused at
 * start, naming the variable and never showing any piece of the value; a value holding characters that
 * JSON or URL encoding rewrite is scrubbed in every form an upstream error echoes it.
 */

const slacks: FakeSlack[] = [];
async function fakeSlack(): Promise<FakeSlack> {
  const slack = await startFakeSlack();
  slacks.push(slack);
  return slack;
}

afterAll(async () => {
  await killAllBotProcesses();
  await Promise.all(slacks.map((slack) => slack.close()));
});

/** Distinct runs of letters, so a leak is found whatever encoding surrounds it. */
const PIECES = ["QuotedRunAlpha", "SlashedRunBravo", "PlusRunCharlie"];
const BOT_TOKEN = `xoxb-730142-884213-${PIECES[0]}"${PIECES[1]}\\/${PIECES[2]}+=`;
const APP_TOKEN = `xapp-1-A0FORMS-${PIECES[0]}"${PIECES[1]}\\/${PIECES[2]}%`;

/** Every echo an upstream might make: raw (JSON-escaped again by the log line), URL- and form-encoded. */
const echoes = (value: string) =>
  `invalid_auth ${value} url=/api?token=${encodeURIComponent(value)} form=${new URLSearchParams({ t: value })}`;

function leaked(lines: readonly string[], needles: readonly string[]): string[] {
  return lines.filter((line) => needles.some((needle) => line.includes(needle)));
}

describe.concurrent("secrets in every form, through the real process", () => {
  for (const [variable, value, env] of [
    ["SLACK_BOT_TOKEN", "xoxb-111-AAA\nBBBsecret", { SLACK_SIGNING_SECRET: SECRETS.SLACK_SIGNING_SECRET }],
    ["SLACK_APP_TOKEN", "xapp-1-AAA\nBBBsecret", { SLACK_BOT_TOKEN: SECRETS.SLACK_BOT_TOKEN }],
  ] as const) {
    it(`WHEN ${variable} holds a line break THEN start-up stops naming the variable, and no piece of the value is printed`, async () => {
      const slack = await fakeSlack();
      const result = await runEntry("src/main.ts", [], {
        env: { [variable]: value, ...env, SLACK_API_URL: slack.apiUrl, PORT: "0" },
      });
      expect(result.code).toBe(1);
      expect(result.stderr.trim()).toBe(
        `tpd-bot: cannot start: Invalid environment: ${variable}: must not contain spaces, line breaks, control or non-ASCII characters`,
      );
      const pieces = value.split("\n");
      expect(leaked([result.stdout, result.stderr], pieces)).toEqual([]);
      // Refused before any request could carry it in a header.
      expect(slack.calls).toEqual([]);
    });
  }

  it("WHEN the Web API echoes a bot token holding quote, backslash, slash and plus THEN no form of it is logged", async () => {
    const slack = await fakeSlack();
    const bot = startBotProcess({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SECRETS.SLACK_SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      PORT: "0",
      LOG_LEVEL: "trace",
    });
    const { slackPort } = await botStarted(bot);
    const client = createSlackClient({
      baseUrl: `http://127.0.0.1:${slackPort}`,
      signingSecret: SECRETS.SLACK_SIGNING_SECRET,
    });
    slack.failNext("chat.postMessage", echoes(BOT_TOKEN), echoes(BOT_TOKEN));
    const mention = { type: "app_mention", user: "U0FORMS1", text: `<@${BOT_USER_ID}> korea 6g`, ts: "31.1" };
    await client.event(envelope({ ...mention, channel: "C0FORMS1" }));
    // The Web API client retries with back-off before giving up; allow for a loaded machine.
    await bot.waitForLog((line) => line.msg === "reply failed", 25_000);
    // The token did reach the fake in its header, as Slack would see it.
    expect(slack.calls[0]?.authorization).toBe(`Bearer ${BOT_TOKEN}`);
    bot.signal("SIGTERM");
    expect((await bot.exited).code).toBe(0);
    expect(leaked([...bot.stdout, ...bot.stderr], PIECES)).toEqual([]);
    expect(bot.stdout.filter((line) => line.includes("[redacted]")).length).toBeGreaterThanOrEqual(1);
  }, 40_000);

  it("WHEN Socket Mode cannot connect and each retry's error echoes the app token THEN no form of it is logged", async () => {
    const slack = await fakeSlack();
    slack.failNext("apps.connections.open", echoes(APP_TOKEN), echoes(APP_TOKEN));
    const bot = startBotProcess({
      SLACK_BOT_TOKEN: SECRETS.SLACK_BOT_TOKEN,
      SLACK_APP_TOKEN: APP_TOKEN,
      SLACK_API_URL: slack.apiUrl,
      LOG_LEVEL: "trace",
    });
    // Socket Mode retries every few seconds; one failed attempt is enough to check the log.
    const failed = await bot.waitForLog(
      (line) => /Failed to retrieve a new WSS URL/.test(String(line.msg)),
      25_000,
    );
    expect(String(failed.msg)).toContain("[redacted]");
    bot.signal("SIGTERM");
    expect((await bot.exited).code).toBe(0);
    expect(slack.callsTo("apps.connections.open")[0]?.authorization).toBe(`Bearer ${APP_TOKEN}`);
    expect(leaked([...bot.stdout, ...bot.stderr], PIECES)).toEqual([]);
  }, 40_000);

  it("WHEN the real logger meets a multi-line secret raw, line by line, JSON-escaped or URL-encoded THEN every form is redacted", async () => {
    const secret = "xoxb-111-AAA\nBBBsecret";
    const result = await runEntry("test/reliability/support/scrub-entry.ts", [secret]);
    expect(result.code).toBe(0);
    const lines = result.stdout.split("\n").filter(Boolean);
    expect(lines).toHaveLength(8);
    expect(leaked(lines, ["xoxb-111-AAA", "BBBsecret"])).toEqual([]);
    for (const line of lines.slice(0, -1)) expect(line).toContain("[redacted]");
  });
});
