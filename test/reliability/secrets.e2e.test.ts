import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BOT_ID, type FakeDiscord, startFakeDiscord } from "../fakes/discord.js";
import { asker, messageCreate, slashCommand } from "../fakes/discord-payloads.js";
import { type DiscordRestProxy, startDiscordRestProxy } from "../fakes/discord-rest-proxy.js";
import { BOT_USER_ID, type FakeSlack, startFakeSlack } from "../fakes/slack.js";
import { createSlackClient, type SlackClient } from "../fakes/slack-client.js";
import { type FakeSocketMode, startFakeSocketMode } from "../fakes/slack-socket-mode.js";
import { type BotProcess, botStarted, killAllBotProcesses, startBotProcess } from "../helpers/bot-process.js";
import { askCommand, buttonPayload, commandFields, envelope } from "../slack/support/harness.js";
import { copyKnowledge, type KnowledgeCopy } from "./support/knowledge-copy.js";
import { expectAnswerLine, expectJsonLines, leaks, SECRETS, secretNeedles } from "./support/secrets.js";

/**
 * The real process (`node --import tsx src/main.ts`) with known credentials, LOG_LEVEL=trace, and an
 * error forced on every path the tests can reach. Not one of the credentials may appear in any line
 * it writes, on stdout or stderr.
 */

let httpSlack: FakeSlack;
let socketSlack: FakeSlack;
let discord: FakeDiscord;
let proxy: DiscordRestProxy;
let sockets: FakeSocketMode;
let knowledge: KnowledgeCopy;
let httpBot: BotProcess;
let socketBot: BotProcess;
let client: SlackClient;
/** Interaction tokens are secrets too: they let anyone answer as the bot for 15 minutes. */
const interactionTokens: string[] = [];
/** Hostile requests sent, counted for the report. */
const forced: string[] = [];

let unroutable: Promise<{ status: number }> | null = null;

beforeAll(async () => {
  [httpSlack, socketSlack, discord, knowledge] = await Promise.all([
    startFakeSlack(),
    startFakeSlack(),
    startFakeDiscord(),
    copyKnowledge(),
  ]);
  proxy = await startDiscordRestProxy(discord.apiUrl);
  sockets = await startFakeSocketMode(socketSlack);
  const common = { LOG_LEVEL: "trace", RATE_LIMIT_PER_USER: "3", SHUTDOWN_GRACE_MS: "2000" };
  httpBot = startBotProcess({
    ...common,
    SLACK_BOT_TOKEN: SECRETS.SLACK_BOT_TOKEN,
    SLACK_SIGNING_SECRET: SECRETS.SLACK_SIGNING_SECRET,
    SLACK_API_URL: httpSlack.apiUrl,
    PORT: "0",
    DISCORD_TOKEN: SECRETS.DISCORD_TOKEN,
    DISCORD_API_URL: proxy.apiUrl,
    KNOWLEDGE_DIR: knowledge.dir,
    KNOWLEDGE_WATCH: "false",
  });
  socketBot = startBotProcess({
    ...common,
    SLACK_BOT_TOKEN: SECRETS.SLACK_BOT_TOKEN,
    SLACK_APP_TOKEN: SECRETS.SLACK_APP_TOKEN,
    SLACK_API_URL: socketSlack.apiUrl,
    HEALTH_PORT: "0",
  });
  const [{ slackPort }] = await Promise.all([botStarted(httpBot), botStarted(socketBot)]);
  client = createSlackClient({
    baseUrl: `http://127.0.0.1:${slackPort}`,
    signingSecret: SECRETS.SLACK_SIGNING_SECRET,
  });
  // Bolt holds an envelope it cannot route for 3 s before answering 404; sent first, checked last.
  unroutable = client.post(JSON.stringify({ type: "event_callback" }), "application/json");
  forced.push("event envelope without an event");
}, 60_000);

afterAll(async () => {
  await killAllBotProcesses();
  await Promise.all([httpSlack?.close(), socketSlack?.close(), sockets?.close(), proxy?.close()]);
  await discord?.close();
  await knowledge?.remove();
  console.info(`secrets: ${forced.length} failure paths forced: ${forced.join(", ")}`);
});

/** A slash command through the real process; resolves with what it answered. */
async function command(text: string, user = "U0USER001") {
  return askCommand(httpSlack, client, commandFields(httpSlack, text, user), 8000);
}

function interaction(query: string, user = asker) {
  const payload = slashCommand({ query }, { user });
  interactionTokens.push(payload.token);
  discord.dispatch("INTERACTION_CREATE", payload);
  return payload;
}

describe("GIVEN the bot on Slack over HTTP and on Discord, logging at trace", () => {
  it("answers a Slack command and a Discord command (the happy paths log too)", async () => {
    const post = await command("korea 6g");
    expect(JSON.stringify(post.body)).toContain("whitehouse.gov");
    const payload = interaction("korea 6g");
    await discord.waitForCall((call) => call.path.includes(`/interactions/${payload.id}/`));
  });

  it("WHEN requests are forged, stale, unsigned or malformed THEN they are refused and it keeps serving", async () => {
    const body = new URLSearchParams(commandFields(httpSlack, "korea 6g")).toString();
    const form = "application/x-www-form-urlencoded";
    const refused = [
      await client.post(body, form, { signature: "v0=0000" }),
      await client.post(body, form, { timestamp: Math.floor(Date.now() / 1000) - 360 }),
      await client.post(body, form, { signature: "" }),
    ];
    for (const response of refused) expect(response.status).toBe(401);
    forced.push("bad signature", "stale timestamp", "missing signature");

    const malformed = [
      await client.post("{not json", "application/json"),
      await client.post("payload=%7Bnot%20json", form),
      await client.post("\u0000\u0001binary", "application/octet-stream"),
    ];
    for (const response of malformed) expect(response.status).toBe(400);
    forced.push("malformed JSON", "malformed payload", "unknown content type");

    const stale = buttonPayload(httpSlack, { action_id: "tpd_more", value: "not json" }, { ephemeral: true });
    expect((await client.action(stale)).status).toBe(200);
    forced.push("forged button value");

    const other = await fetch(`${slackBase()}/nowhere`);
    expect(other.status).toBe(404);
    forced.push("unknown path");

    const post = await command("korea 6g");
    expect(JSON.stringify(post.body)).toContain("whitehouse.gov");
  });

  it("WHEN the Slack Web API fails (even echoing the token) THEN a short error, a log line, and it keeps serving", async () => {
    httpSlack.failNext("chat.postMessage", `invalid_auth ${SECRETS.SLACK_BOT_TOKEN}`, "channel_not_found");
    await client.event(
      envelope({
        type: "app_mention",
        user: "U0USER002",
        text: `<@${BOT_USER_ID}> korea 6g`,
        ts: "11.1",
        channel: "C0CHANNEL1",
      }),
    );
    await httpBot.waitForLog((line) => line.msg === "reply failed" && line.via === "mention");
    forced.push("Web API error echoing the bot token", "Web API error on the apology too");
  });

  it("WHEN a response_url fails THEN the failure is logged and it keeps serving", async () => {
    // A button's answer travels on its response_url (a command's, in the acknowledgement).
    httpSlack.failHooks(500, 500);
    const more = { action_id: "tpd_more", value: JSON.stringify({ q: "japan fusion", o: 0 }) };
    const payload = buttonPayload(httpSlack, more, { ephemeral: true, user: "U0USER003" });
    expect((await client.action(payload)).status).toBe(200);
    const hook = String(payload.response_url).split("/").pop();
    await httpSlack.waitFor(() => httpSlack.hooks.filter((post) => post.hook === hook).length >= 2, 8000);
    await httpBot.waitForLog((line) => line.msg === "reply failed" && line.via === "button");
    forced.push("response_url 500", "response_url 500 on the apology");
  });

  it("WHEN Discord's REST API answers 500 or echoes the bot token THEN the failure is logged and it keeps serving", async () => {
    // Every attempt at this interaction's callback fails (discord.js retries a 500 before giving up).
    const failed = slashCommand({ query: "uk quantum" }, { user: { ...asker, id: "800000000000000011" } });
    proxy.fail("POST", new RegExp(`^/api/v10/interactions/${failed.id}/[^/]+/callback$`), 500);
    interactionTokens.push(failed.token);
    discord.dispatch("INTERACTION_CREATE", failed);
    await httpBot.waitForLog((line) => line.msg === "reply failed" && line.requestId === failed.id);
    forced.push("Discord REST 500 on the interaction callback");

    proxy.fail(
      "POST",
      /^\/api\/v10\/channels\/\d+\/messages$/,
      400,
      {
        message: `Invalid Form Body: Bot ${SECRETS.DISCORD_TOKEN} /webhooks/1/${interactionTokens[0]}`,
        code: 50035,
      },
      2,
    );
    const mention = messageCreate(`<@${BOT_ID}> japan ai`);
    discord.dispatch("MESSAGE_CREATE", mention);
    await httpBot.waitForLog((line) => line.msg === "reply failed" && line.requestId === mention.id);
    forced.push("Discord REST 400 echoing the bot token and an interaction token");

    const payload = interaction("korea 6g", { ...asker, id: "800000000000000012" });
    await httpBot.waitForLog((line) => line.msg === "answered" && line.requestId === payload.id);
  });

  it("WHEN a user asks too fast on either platform THEN 'slow down', one line each", async () => {
    for (let i = 0; i < 4; i += 1) await command(`korea ${i}`, "U0FLOOD01");
    await httpBot.waitForLog((line) => line.msg === "rate limited" && line.adapter === "slack");
    const flooder = { ...asker, id: "800000000000000013" };
    for (let i = 0; i < 4; i += 1) interaction(`japan ${i}`, flooder);
    await httpBot.waitForLog((line) => line.msg === "rate limited" && line.adapter === "discord");
    forced.push("Slack rate limit", "Discord rate limit");
  });

  it("WHEN a knowledge edit is broken and SIGHUP asks for a reload THEN it is logged and the old knowledge serves", async () => {
    await knowledge.write("deals/uk.yaml", "id: uk\nname: [unclosed\n");
    httpBot.signal("SIGHUP");
    const failed = await httpBot.waitForLog((line) => String(line.msg).startsWith("knowledge reload failed"));
    expect(String(failed.problem)).toContain("uk.yaml");
    forced.push("knowledge reload failure");
    const post = await command("when was the uk deal signed?", "U0USER004");
    expect(JSON.stringify(post.body)).toContain("Chequers");
  });

  it("WHEN SIGTERM arrives THEN it stops with exit 0, and no line on either stream holds a secret", async () => {
    expect((await unroutable)?.status).toBe(404);
    httpBot.signal("SIGTERM");
    const exit = await httpBot.exited;
    expect(exit.code).toBe(0);
    forced.push("shutdown");

    const needles = [
      ...secretNeedles([SECRETS.SLACK_BOT_TOKEN, SECRETS.SLACK_SIGNING_SECRET, SECRETS.DISCORD_TOKEN]),
      ...interactionTokens,
    ];
    expect(leaks(httpBot, needles)).toEqual([]);
    expect(httpBot.stderr.filter((line) => line.trim() !== "")).toEqual([]);

    const lines = expectJsonLines(httpBot);
    expect(lines.some((line) => line.level === "trace" || line.level === "debug")).toBe(true);
    const answered = lines.filter((line) => line.msg === "answered");
    expect(answered.length).toBeGreaterThanOrEqual(8);
    for (const line of answered) expectAnswerLine(line);
    expect(new Set(answered.map((line) => line.adapter))).toEqual(new Set(["slack", "discord"]));
    const failures = lines.filter((l) => ["reply failed", "answer failed"].includes(String(l.msg)));
    expect(failures.length).toBeGreaterThanOrEqual(4);
    for (const line of failures) {
      expect(line.level).toBe("error");
      expect(typeof line.requestId).toBe("string");
      expect(["slack", "discord"]).toContain(line.adapter);
      // What people asked, and who, stays out of error lines.
      expect(line).not.toHaveProperty("text");
      expect(line).not.toHaveProperty("user");
    }
    // Stopping closes the gateway on purpose; that is not a reconnect worth a warning.
    const stopAt = lines.findIndex((line) => line.msg === "shutting down: finishing answers in progress");
    expect(lines.slice(stopAt).filter((line) => line.msg === "gateway reconnecting")).toEqual([]);
    // The redacted forms prove the scrubbing ran where the upstream echoed a token.
    expect(httpBot.stdout.some((line) => line.includes("[redacted]"))).toBe(true);
  });
});

describe("GIVEN the bot on Slack in Socket Mode (app-level token), logging at trace", () => {
  it("answers, survives a failing Web API, a garbage frame and a dropped socket, and never logs a token", async () => {
    socketSlack.failNext("chat.postMessage", `not_authed ${SECRETS.SLACK_APP_TOKEN}`);
    sockets.send(
      "events_api",
      envelope({
        type: "app_mention",
        user: "U0USER001",
        text: `<@${BOT_USER_ID}> korea 6g`,
        ts: "21.1",
        channel: "C1",
      }),
    );
    await socketBot.waitForLog((line) => line.msg === "reply failed");
    sockets.sendRaw("this is not JSON");
    sockets.sendRaw(JSON.stringify({ envelope_id: "x", type: "unknown_type", payload: {} }));
    const fields = commandFields(socketSlack, "japan fusion");
    const envelopeId = sockets.send("slash_commands", fields);
    // Answered in the envelope's acknowledgement.
    await socketSlack.waitFor(
      () => sockets.acks.find((ack) => ack.envelope_id === envelopeId && ack.payload),
      8000,
    );
    sockets.drop();
    await socketBot.waitForLog(
      (line) => /WebSocket|reconnect/i.test(String(line.msg)) && line.level !== "info",
    );
    forced.push("Socket Mode Web API error echoing the app token", "garbage frame", "dropped WebSocket");

    socketBot.signal("SIGTERM");
    expect((await socketBot.exited).code).toBe(0);
    const needles = secretNeedles([SECRETS.SLACK_BOT_TOKEN, SECRETS.SLACK_APP_TOKEN]);
    expect(leaks(socketBot, needles)).toEqual([]);
    expect(socketBot.stderr.filter((line) => line.trim() !== "")).toEqual([]);
    const lines = expectJsonLines(socketBot);
    const answered = lines.filter((line) => line.msg === "answered");
    expect(answered.length).toBe(2);
    for (const line of answered) expectAnswerLine(line);
  });
});

function slackBase(): string {
  const started = httpBot.logs().find((line) => line.msg === "Slack adapter started");
  return `http://127.0.0.1:${String(started?.port)}`;
}
