import { connect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { slackSignature } from "../fakes/slack-signing.js";
import { killAllBotProcesses } from "../helpers/bot-process.js";
import { askCommand, commandFields, commandReplyOf } from "../slack/support/harness.js";
import { SECRETS } from "./support/secrets.js";
import { type SlackHttpBot, startSlackHttpBot } from "./support/slack-http-bot.js";

/**
 * Hostile HTTP clients against the real process on Slack over HTTP: requests stamped in the future,
 * signed bodies that are not objects, half-open and slow connections, and idle keep-alive sockets at
 * shutdown.
 */

let verifying: SlackHttpBot;
let halfOpen: SlackHttpBot;
let keptAlive: SlackHttpBot;
const figures: string[] = [];
const GRACE_MS = 1500;

beforeAll(async () => {
  [verifying, halfOpen, keptAlive] = await Promise.all([
    startSlackHttpBot({}),
    startSlackHttpBot({ SHUTDOWN_GRACE_MS: String(GRACE_MS) }),
    startSlackHttpBot({ SHUTDOWN_GRACE_MS: String(GRACE_MS) }),
  ]);
}, 60_000);

afterAll(async () => {
  await killAllBotProcesses();
  await Promise.all([verifying, halfOpen, keptAlive].map((running) => running?.slack.close()));
  console.info(`hostile HTTP: ${figures.join("; ")}`);
});

/** A raw TCP connection to the bot's port that has sent `text` and records what comes back. */
async function rawConnection(base: string, text: string) {
  const { hostname, port } = new URL(base);
  const socket: Socket = connect(Number(port), hostname);
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("error", reject);
  });
  let received = "";
  socket.on("data", (chunk: Buffer) => {
    received += chunk.toString();
  });
  socket.on("error", () => {});
  const closed = new Promise<number>((resolve) => socket.once("close", () => resolve(performance.now())));
  socket.write(text);
  return { socket, closed, received: () => received };
}

const halfRequest = (body: string) =>
  `POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length + 100}\r\n\r\n${body}`;

/** The answer to a slash command, as the command got it. */
async function answers(running: SlackHttpBot, text = "korea 6g"): Promise<string> {
  const fields = commandFields(running.slack, text, `U${Math.random().toString(36).slice(2, 10)}`);
  return JSON.stringify((await askCommand(running.slack, running.client, fields)).body);
}

describe.concurrent("hostile HTTP clients through the real process", () => {
  it("WHEN a signed request is stamped more than five minutes ahead or behind THEN 401; within the window it is served", async () => {
    const { client, slack } = verifying;
    const now = Math.floor(Date.now() / 1000);
    const body = new URLSearchParams(commandFields(slack, "korea 6g")).toString();
    const form = "application/x-www-form-urlencoded";
    // A few seconds past the limit, so a slow run (the clock moving on between stamping and checking) stays past it.
    for (const skew of [305, 3600, -305, 10 ** 9]) {
      const timestamp = Math.floor(Date.now() / 1000) + skew;
      expect((await client.post(body, form, { timestamp })).status, String(skew)).toBe(401);
    }
    for (const timestamp of [now + 240, now - 240]) {
      const fields = commandFields(slack, "japan fusion", `UCLOCK${timestamp - now + 1000}`);
      const response = await client.post(new URLSearchParams(fields).toString(), form, { timestamp });
      expect(response.status, String(timestamp - now)).toBe(200);
      expect((await commandReplyOf(slack, fields, response)).body).toHaveProperty("blocks");
    }
    const refusedForTime = verifying.bot
      .logs()
      .filter((line) => line.msg === "Slack request refused" && String(line.reason).startsWith("timestamp"));
    expect(refusedForTime).toHaveLength(4);
  });

  it("WHEN a signed body is JSON null, a number, a string or a list THEN 400 at once, and it keeps serving", async () => {
    const { client } = verifying;
    const form = "application/x-www-form-urlencoded";
    const cases: [string, string][] = [
      ["null", "application/json"],
      ["5", "application/json"],
      ['"event"', "application/json"],
      ["[]", "application/json"],
      ["payload=null", form],
      ["payload=%5B1%5D", form],
    ];
    let slowest = 0;
    for (const [body, type] of cases) {
      const response = await client.post(body, type);
      expect(response.status, body).toBe(400);
      slowest = Math.max(slowest, response.ms);
    }
    expect(slowest).toBeLessThan(2000);
    // Bolt never saw them, so no handler threw behind the response.
    expect(verifying.bot.logs().filter((line) => line.msg === "unhandled rejection; still serving")).toEqual(
      [],
    );
    expect(await answers(verifying)).toContain("whitehouse.gov");
    figures.push(`signed non-object bodies -> 400 within ${Math.round(slowest)} ms`);
  });

  it("WHEN an unsigned or wrongly signed body arrives THEN 401 as before", async () => {
    const { client } = verifying;
    const timestamp = Math.floor(Date.now() / 1000);
    expect((await client.post("null", "application/json", { signature: "v0=00" })).status).toBe(401);
    const wrong = slackSignature("not-the-secret", timestamp, "{}");
    expect((await client.post("{}", "application/json", { timestamp, signature: wrong })).status).toBe(401);
  });

  it("WHEN a client has sent half a request and SIGTERM arrives THEN the connection is cut at the grace and the process exits 0", async () => {
    const { bot, base } = halfOpen;
    const connection = await rawConnection(base, halfRequest('{"type":"event_'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const signalledAt = performance.now();
    bot.signal("SIGTERM");
    const exit = await bot.exited;
    const ms = performance.now() - signalledAt;
    expect(exit.code).toBe(0);
    expect(ms).toBeLessThan(GRACE_MS + 1000);
    expect((await connection.closed) - signalledAt).toBeLessThan(GRACE_MS + 1000);
    expect(bot.logs().some((line) => line.msg === "shutdown overran; exiting")).toBe(false);
    figures.push(`half-open request at SIGTERM (grace ${GRACE_MS} ms) -> exit 0 in ${Math.round(ms)} ms`);
  });

  it("WHEN an idle keep-alive connection is open at SIGTERM THEN it is closed at once and the process exits 0 promptly", async () => {
    const { bot, base, slack } = keptAlive;
    const fields = commandFields(slack, "uk quantum");
    const body = new URLSearchParams(fields).toString();
    const timestamp = Math.floor(Date.now() / 1000);
    const connection = await rawConnection(
      base,
      `POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\nContent-Type: application/x-www-form-urlencoded\r\nX-Slack-Request-Timestamp: ${timestamp}\r\nX-Slack-Signature: ${slackSignature(SECRETS.SLACK_SIGNING_SECRET, timestamp, body)}\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
    );
    // Answered on the connection itself (or acknowledged there, then on the response_url).
    await slack.waitFor(() => connection.received().includes('"response_type":"ephemeral"'));
    expect(connection.received()).toMatch(/^HTTP\/1\.1 200/);
    const signalledAt = performance.now();
    bot.signal("SIGTERM");
    const exit = await bot.exited;
    const ms = performance.now() - signalledAt;
    expect(exit.code).toBe(0);
    expect(ms).toBeLessThan(GRACE_MS);
    expect((await connection.closed) - signalledAt).toBeLessThan(GRACE_MS);
    figures.push(`idle keep-alive connection at SIGTERM -> exit 0 in ${Math.round(ms)} ms`);
  });

  it("WHEN a client sends its headers too slowly THEN the server answers 408 and closes within the header time-out", async () => {
    const { base } = verifying;
    const openedAt = performance.now();
    const connection = await rawConnection(base, "POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    const closedAt = await connection.closed;
    const ms = closedAt - openedAt;
    expect(ms).toBeGreaterThanOrEqual(9_000);
    expect(ms).toBeLessThan(13_000);
    expect(connection.received()).toMatch(/^HTTP\/1\.1 408/);
    expect(await answers(verifying)).toContain("whitehouse.gov");
    figures.push(`headers never finished -> 408 and closed after ${Math.round(ms)} ms`);
  }, 20_000);
});
