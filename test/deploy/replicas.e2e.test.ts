import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BOT_USER_ID, type FakeSlack, startFakeSlack } from "../fakes/slack.js";
import { createSlackClient, type SlackClient } from "../fakes/slack-client.js";
import { type BotProcess, botStarted, killAllBotProcesses, startBotProcess } from "../helpers/bot-process.js";
import { type PostgresServer, postgresForTests } from "../helpers/postgres.js";
import { SECRETS } from "../reliability/support/secrets.js";
import { askCommand, commandFields, envelope, nextId } from "../slack/support/harness.js";

/**
 * Two Slack HTTP replicas (real processes) behind an imaginary load balancer, one PostgreSQL, one fake
 * Slack: what one replica took or counted, the other sees.
 */
type Replica = { bot: BotProcess; client: SlackClient };

const SLOW_DOWN = /^You're asking faster than I can keep up\./;
const postgres: PostgresServer | null = await postgresForTests();
let slack: FakeSlack;
let replicas: [Replica, Replica];

async function startReplica(databaseUrl: string): Promise<Replica> {
  const bot = startBotProcess({
    SLACK_BOT_TOKEN: SECRETS.SLACK_BOT_TOKEN,
    SLACK_SIGNING_SECRET: SECRETS.SLACK_SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    PORT: "0",
    DATABASE_URL: databaseUrl,
    KNOWLEDGE_WATCH: "false",
  });
  const { slackPort } = await botStarted(bot, 30_000);
  const client = createSlackClient({
    baseUrl: `http://127.0.0.1:${slackPort}`,
    signingSecret: SECRETS.SLACK_SIGNING_SECRET,
  });
  return { bot, client };
}

/** What `replica` answered to a command: in the acknowledgement, or on the response_url after "Working on it…". */
const answerTo = async (replica: Replica, fields: Record<string, string>) =>
  askCommand(slack, replica.client, fields, 15_000);

describe.skipIf(!postgres)("Slack replicas sharing one PostgreSQL", () => {
  beforeAll(async () => {
    slack = await startFakeSlack();
    const databaseUrl = await (postgres as PostgresServer).createDatabase();
    // One after the other, as a rolling deploy would; the first migrates the schema, the second finds it done.
    const first = await startReplica(databaseUrl);
    replicas = [first, await startReplica(databaseUrl)];
  }, 90_000);

  afterAll(async () => {
    await killAllBotProcesses();
    await slack?.close();
    await postgres?.stop();
  });

  it("both replicas say their state is shared", () => {
    for (const { bot } of replicas) {
      const started = bot.logs().find((line) => line.msg === "tpd-bot started");
      expect(started?.sharedState).toBe("postgresql");
    }
  });

  it("WHEN the same event_id reaches both replicas (a retry after a timeout) THEN it is answered once", async () => {
    const eventId = nextId("EvShared");
    const mention = envelope(
      {
        type: "app_mention",
        user: "U0RETRY01",
        text: `<@${BOT_USER_ID}> korea 6g`,
        ts: "71.1",
        channel: "C0CHANNEL1",
      },
      eventId,
    );
    const retry = { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" };
    const [a, b] = await Promise.all([
      replicas[0].client.event(mention),
      replicas[1].client.event(mention, retry),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const later = await replicas[1].client.event(mention, { ...retry, "x-slack-retry-num": "2" });
    expect(later.status).toBe(200);

    await slack.waitFor(() =>
      slack.callsTo("chat.postMessage").find((call) => call.params.thread_ts === "71.1"),
    );
    await new Promise((resolve) => setTimeout(resolve, 500)); // room for a second answer, were there one
    expect(slack.callsTo("chat.postMessage").filter((call) => call.params.thread_ts === "71.1")).toHaveLength(
      1,
    );
    const ignored = replicas.flatMap(({ bot }) =>
      bot.logs().filter((line) => line.msg === "redelivered event ignored" && line.eventId === eventId),
    );
    expect(ignored).toHaveLength(2);
  });

  it("WHEN a user asks 21 questions in a minute across both replicas THEN the 21st is limited", async () => {
    const user = "U0BUSY001";
    for (let i = 0; i < 20; i += 1) {
      const fields = commandFields(slack, "korea 6g", user);
      const answer = await answerTo(replicas[(i % 2) as 0 | 1], fields);
      expect(String(answer.body.text), `question ${i + 1}`).not.toMatch(SLOW_DOWN);
    }
    for (const replica of replicas) {
      const fields = commandFields(slack, "korea 6g", user);
      expect(String((await answerTo(replica, fields)).body.text)).toMatch(SLOW_DOWN);
    }
    // Someone else in the same workspace is not held back.
    const other = commandFields(slack, "korea 6g", "U0CALM001");
    expect(String((await answerTo(replicas[1], other)).body.text)).not.toMatch(SLOW_DOWN);
  });

  it("WHEN a thread follow-up reaches the other replica THEN it is answered with the first question's context", async () => {
    const channel = "C0CHANNEL1";
    const user = "U0THREAD1";
    const answered = (replica: Replica) =>
      replica.bot.logs().filter((line) => line.msg === "answered").length;
    const inThread = (root: string) =>
      slack.callsTo("chat.postMessage").filter((call) => call.params.thread_ts === root);
    // Slack holds each person's message; the bot's answers it records as they are posted.
    const say = async (
      replica: Replica,
      event: { type: string; text: string; ts: string; thread_ts?: string },
    ) => {
      slack.addMessage(channel, { user, ...event });
      const sent = await replica.client.event(envelope({ channel, channel_type: "channel", user, ...event }));
      expect(sent.status).toBe(200);
    };

    const root = "74.1";
    const before = answered(replicas[0]);
    await say(replicas[0], { type: "app_mention", text: `<@${BOT_USER_ID}> korea 6g`, ts: root });
    const [first] = await slack.waitFor(() => (inThread(root).length === 1 ? inThread(root) : null));
    await slack.waitFor(() => answered(replicas[0]) === before + 1); // its log line follows the post
    expect(JSON.parse(String(first?.params.metadata)).event_payload).toMatchObject({ query: "korea 6g" });

    const [beforeA, beforeB] = replicas.map(answered);
    await say(replicas[1], { type: "message", text: "and japan?", ts: "74.2", thread_ts: root });
    const second = (await slack.waitFor(() => (inThread(root).length === 2 ? inThread(root) : null)))[1];
    await slack.waitFor(() => answered(replicas[1]) === (beforeB as number) + 1);
    expect(answered(replicas[0])).toBe(beforeA);
    // "6g" came from replica A's answer, read back from Slack: the follow-up is "japan 6g".
    expect(second?.params.text).toContain("Japan");
    expect(JSON.parse(String(second?.params.metadata)).event_payload).toMatchObject({ query: "japan 6g" });
    expect(JSON.stringify(second?.parsedBlocks)).toMatch(/“6g” → .*from earlier/);
  });

  it("WHEN the database goes away THEN both replicas still answer, each on its own", async () => {
    await (postgres as PostgresServer).stop();
    for (const [index, replica] of replicas.entries()) {
      const fields = commandFields(slack, "korea 6g", `U0AFTER0${index}`);
      expect(String((await answerTo(replica, fields)).body.text)).not.toMatch(SLOW_DOWN);
      const mention = envelope({
        type: "app_mention",
        user: `U0AFTER0${index}`,
        text: `<@${BOT_USER_ID}> japan fusion`,
        ts: `72.${index}`,
        channel: "C0CHANNEL1",
      });
      expect((await replica.client.event(mention)).status).toBe(200);
      await slack.waitFor(() =>
        slack.callsTo("chat.postMessage").find((call) => call.params.thread_ts === `72.${index}`),
      );
      await replica.bot.waitForLog((line) => /shared .* unavailable/.test(String(line.msg)));
    }
  });
});
