import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { NOTICES } from "../../src/adapters/shared/notices.js";
import { ANSWERING_DEFAULTS } from "../../src/config.js";
import type { Bot } from "../../src/core/bot.js";
import { BOT_USER_ID } from "../fakes/slack.js";
import { slackSignature } from "../fakes/slack-signing.js";
import { answer } from "./support/answers.js";
import { fakeBot } from "./support/fake-bot.js";
import {
  ackBody,
  askCommand,
  commandFields,
  envelope,
  type Harness,
  hookOf,
  loadRealBot,
  nextId,
  SIGNING_SECRET,
  startHarness,
} from "./support/harness.js";

const BROADCASTS = ["<!channel>", "<!here>", "<!everyone>", "<!subteam^"];

let h: Harness;
let realBot: Bot;

beforeAll(async () => {
  realBot = await loadRealBot();
  h = await startHarness({ bot: realBot });
});
afterAll(async () => {
  await h?.close();
});
beforeEach(() => {
  h.slack.reset();
  h.setBot(realBot);
});

async function stillAnswers() {
  const { ack, body } = await askCommand(h.slack, h.client, commandFields(h.slack, "korea 6g"));
  expect(ack.status).toBe(200);
  expect(JSON.stringify(body.blocks)).toContain("whitehouse.gov");
}

describe("Slack request safety, end to end", () => {
  it("answers url_verification with the challenge", async () => {
    const sent = await h.client.event({
      token: "t",
      challenge: "challenge-abc123",
      type: "url_verification",
    });
    expect(sent.status).toBe(200);
    expect(JSON.parse(sent.body)).toEqual({ challenge: "challenge-abc123" });
  });

  it("rejects a bad signature, a 6-minute-old timestamp and missing headers with 401, then keeps serving", async () => {
    const body = new URLSearchParams(commandFields(h.slack, "korea 6g")).toString();
    const form = "application/x-www-form-urlencoded";
    const forged = await h.client.post(body, form, {
      signature: slackSignature("not-the-secret", Math.floor(Date.now() / 1000), body),
    });
    expect(forged.status).toBe(401);
    const old = Math.floor(Date.now() / 1000) - 6 * 60;
    const stale = await h.client.post(body, form, {
      timestamp: old,
      signature: slackSignature(SIGNING_SECRET, old, body),
    });
    expect(stale.status).toBe(401);
    const unsigned = await fetch(`${h.baseUrl}/slack/events`, {
      method: "POST",
      headers: { "content-type": form },
      body,
    });
    expect(unsigned.status).toBe(401);
    expect(h.slack.hooks).toEqual([]);
    await stillAnswers();
  });

  it("answers an unsigned SSL check, and nothing smuggled into its body reaches a listener", async () => {
    const logged = h.logs.lines.length;
    const smuggled = new URLSearchParams({
      ssl_check: "1",
      ...commandFields(h.slack, "korea 6g"),
    }).toString();
    const check = await fetch(`${h.baseUrl}/slack/events`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: smuggled,
    });
    expect(check.status).toBe(200);
    expect(await check.text()).toBe("");
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(h.slack.hooks).toEqual([]);
    expect(h.logs.lines.slice(logged).filter((line) => line.msg === "answered")).toEqual([]);
    await stillAnswers();
  });

  it("answers malformed bodies with 4xx (or ignores odd events) and then still answers", async () => {
    expect((await h.client.post("{not json", "application/json")).status).toBe(400);
    expect((await h.client.post("payload=%7Bnot-json", "application/x-www-form-urlencoded")).status).toBe(
      400,
    );
    const hollow = await h.client.event(envelope({ type: "app_mention", channel: "C1", ts: "2.1" }));
    expect(hollow.status).toBe(200);
    await stillAnswers();
    expect(h.slack.callsTo("chat.postMessage")).toEqual([]);
  });

  it("does not answer Slack's retries of an event twice (same event_id, X-Slack-Retry-Num)", async () => {
    const eventId = nextId("EvRetry");
    const mention = envelope(
      {
        type: "app_mention",
        user: "U0USER001",
        text: `<@${BOT_USER_ID}> korea 6g`,
        ts: "3.1",
        channel: "C0CHANNEL1",
      },
      eventId,
    );
    const [first, immediate] = await Promise.all([
      h.client.event(mention),
      h.client.event(mention, { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" }),
    ]);
    const later = await h.client.event(mention, {
      "x-slack-retry-num": "2",
      "x-slack-retry-reason": "http_timeout",
    });
    for (const sent of [first, immediate, later]) expect(sent.status).toBe(200);
    await h.slack.waitFor(() => h.slack.callsTo("chat.postMessage")[0]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(h.slack.callsTo("chat.postMessage")).toHaveLength(1);
    expect(
      h.logs.lines.filter((line) => line.msg === "redelivered event ignored" && line.eventId === eventId),
    ).toHaveLength(2);
  });

  it("never lets broadcast mentions typed by a user reach a reply raw", async () => {
    const fields = commandFields(
      h.slack,
      "xyzzy &lt;!channel&gt; <!here> &lt;!everyone&gt; &lt;!subteam^S0123|@team&gt;",
    );
    const { body } = await askCommand(h.slack, h.client, fields);
    const json = JSON.stringify(body);
    expect(json).toContain("Nothing in the deal texts matches");
    for (const broadcast of BROADCASTS) expect(json).not.toContain(broadcast);
  });

  it("escapes broadcasts even when the answer itself carries them (mention reply and fallback text)", async () => {
    const hostile = "<!channel> <!here> <!everyone> <!subteam^S0123|@team> & <https://evil.example|x>";
    h.setBot(
      fakeBot((text) =>
        answer({
          query: text,
          title: hostile,
          lead: hostile,
          notes: [hostile],
          suggestions: [{ label: hostile, query: hostile }],
        }),
      ),
    );
    await h.client.event(
      envelope({
        type: "app_mention",
        user: "U0USER001",
        text: `<@${BOT_USER_ID}> ${hostile}`,
        ts: "4.1",
        channel: "C0CHANNEL1",
      }),
    );
    const call = await h.slack.waitFor(() => h.slack.callsTo("chat.postMessage")[0]);
    for (const value of Object.values(call.params)) {
      for (const broadcast of BROADCASTS) expect(value).not.toContain(broadcast);
    }
    expect(call.params.text).toContain("&lt;!channel&gt;");
  });

  it("a failing Web API call is logged with the request id and answered with a short error, never a crash", async () => {
    h.slack.failNext("chat.postMessage", "msg_blocks_too_long");
    await h.client.event(
      envelope({
        type: "app_mention",
        user: "U0USER001",
        text: `<@${BOT_USER_ID}> korea 6g`,
        ts: "5.1",
        channel: "C0CHANNEL1",
      }),
    );
    const calls = await h.slack.waitFor(() => {
      const posted = h.slack.callsTo("chat.postMessage");
      return posted.length >= 2 ? posted : null;
    });
    expect(calls[1]?.params.text).toBe(NOTICES.error);
    expect(calls[1]?.params.thread_ts).toBe("5.1");
    const failure = await h.slack.waitFor(() => h.logs.lines.find((line) => line.msg === "reply failed"));
    expect(failure).toMatchObject({ level: "error", adapter: "slack", via: "mention", errorReplied: true });
    expect(failure.err).toMatchObject({ platformError: "msg_blocks_too_long" });
    expect(typeof failure.requestId).toBe("string");

    // Both the answer and the apology fail: logged, and the next question is still answered.
    h.slack.failNext("chat.postMessage", "channel_not_found", "channel_not_found");
    await h.client.event(
      envelope({
        type: "app_mention",
        user: "U0USER001",
        text: `<@${BOT_USER_ID}> korea`,
        ts: "5.2",
        channel: "C0GONE",
      }),
    );
    await h.slack.waitFor(() =>
      h.logs.lines.find((line) => line.msg === "reply failed" && line.errorReplied === false),
    );
    await stillAnswers();
  });

  it("a stale or forged button value gets a short private note, not an answer", async () => {
    const { buttonPayload } = await import("./support/harness.js");
    const payload = buttonPayload(h.slack, { action_id: "tpd_more", value: "not json" }, { ephemeral: true });
    expect((await h.client.action(payload)).status).toBe(200);
    const post = await h.slack.waitFor(() => h.slack.hooks[0]);
    expect(post.body).toMatchObject({ response_type: "ephemeral", replace_original: false });
    expect(String(post.body.text)).toContain("no longer works");
  });
});

describe("an answer slower than the budget", () => {
  let slow: Harness;
  beforeAll(async () => {
    slow = await startHarness({
      bot: await loadRealBot(),
      answering: { ...ANSWERING_DEFAULTS, budgetMs: 50 },
      answerDelayMs: 600,
    });
  });
  afterAll(async () => {
    await slow?.close();
  });

  it("a failing response_url is logged and retried as a short error", async () => {
    slow.slack.failHooks(500);
    const fields = commandFields(slow.slack, "korea 6g");
    expect(ackBody(await slow.client.command(fields))).toEqual({
      response_type: "ephemeral",
      text: NOTICES.working,
    });
    const posts = await slow.slack.waitFor(() => {
      const found = slow.slack.hooks.filter((post) => post.hook === hookOf(fields));
      return found.length >= 2 ? found : null;
    });
    expect(posts[1]?.body).toMatchObject({ response_type: "ephemeral", text: NOTICES.error });
    await slow.slack.waitFor(() =>
      slow.logs.lines.find((line) => line.msg === "reply failed" && line.via === "command"),
    );
  });
});

describe("rate limits", () => {
  let limited: Harness;
  beforeAll(async () => {
    limited = await startHarness({ bot: await loadRealBot(), perUser: 2, perTeam: 1000 });
  });
  afterAll(async () => {
    await limited?.close();
  });

  it("the same user asking too fast gets a short, friendly private 'slow down'", async () => {
    const replies = [];
    for (let i = 0; i < 3; i += 1) {
      const fields = commandFields(limited.slack, "korea 6g", "U0FAST0001");
      replies.push(await askCommand(limited.slack, limited.client, fields));
    }
    const third = replies[2] as (typeof replies)[number];
    expect(third.body).toMatchObject({ response_type: "ephemeral" });
    expect(String(third.body.text)).toMatch(
      /^You're asking faster than I can keep up\. Please wait about \d+ seconds? and try again\.$/,
    );
    expect(third.body).not.toHaveProperty("blocks");

    // A mention over the limit: the nudge goes only to the asker, in the thread.
    await limited.client.event(
      envelope({
        type: "app_mention",
        user: "U0FAST0001",
        text: `<@${BOT_USER_ID}> korea`,
        ts: "6.1",
        channel: "C0CHANNEL1",
      }),
    );
    const nudge = await limited.slack.waitFor(() => limited.slack.callsTo("chat.postEphemeral")[0]);
    expect(nudge.params).toMatchObject({ channel: "C0CHANNEL1", user: "U0FAST0001", thread_ts: "6.1" });
    expect(limited.slack.callsTo("chat.postMessage")).toEqual([]);
    expect(limited.logs.lines.some((line) => line.msg === "rate limited" && line.limited === true)).toBe(
      true,
    );

    // Someone else is not held back.
    const other = commandFields(limited.slack, "korea 6g", "U0CALM0001");
    const { body } = await askCommand(limited.slack, limited.client, other);
    expect(body).toHaveProperty("blocks");
  });
});
