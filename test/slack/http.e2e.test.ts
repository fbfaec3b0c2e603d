import { execFileSync } from "node:child_process";
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { LISTEN_BACKLOG } from "../../src/adapters/slack/app.js";
import type { Block, Button } from "../../src/adapters/slack/blocks.js";
import { decodeButtonValue } from "../../src/adapters/slack/button-values.js";
import { ACTION } from "../../src/adapters/slack/registration.js";
import { ANSWERING_DEFAULTS } from "../../src/config.js";
import { BOT_USER_ID } from "../fakes/slack.js";
import {
  askCommand,
  buttonPayload,
  commandFields,
  envelope,
  type Harness,
  hookOf,
  loadRealBot,
  nextId,
  startHarness,
} from "./support/harness.js";

let h: Harness;

beforeAll(async () => {
  // The widest budget the config allows, so a loaded test machine still answers in the acknowledgement.
  h = await startHarness({ bot: await loadRealBot(), answering: { ...ANSWERING_DEFAULTS, budgetMs: 2500 } });
});
afterAll(async () => {
  await h?.close();
});
beforeEach(() => {
  h.slack.reset();
});

async function postsTo(hook: string, count = 1) {
  return h.slack.waitFor(() => {
    const posts = h.slack.hooks.filter((post) => post.hook === hook);
    return posts.length >= count ? posts : null;
  });
}

function buttonsOf(blocks: unknown): Button[] {
  return (blocks as Block[]).flatMap((block) => {
    if (block.type === "actions") return block.elements;
    if (block.type === "section" && block.accessory) return [block.accessory];
    return [];
  });
}

function findButton(blocks: unknown, actionId: string): Button {
  const found = buttonsOf(blocks).find((button) => button.action_id === actionId);
  if (!found) throw new Error(`no ${actionId} button`);
  return found;
}

async function ask(text: string, user?: string) {
  const { ack, body } = await askCommand(h.slack, h.client, commandFields(h.slack, text, user));
  return { ack, post: body };
}

describe("Slack over HTTP, end to end (real Bolt, real answer engine, fake Slack on loopback)", () => {
  it("GET /healthz answers 200 with the health report", async () => {
    const response = await fetch(`${h.baseUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok", adapters: [{ name: "slack", up: true }] });
  });

  it("/tpd korea 6g: the private answer with a cited link travels in the acknowledgement itself", async () => {
    const fields = commandFields(h.slack, "korea 6g");
    const { ack, body, via } = await askCommand(h.slack, h.client, fields);
    expect(ack.status).toBe(200);
    expect(via).toBe("ack");
    expect(ack.ms).toBeLessThan(3000);
    const figure = `/tpd korea 6g ack (with the answer): ${ack.ms.toFixed(1)} ms`;
    console.info(figure);
    if (process.env.SLACK_ACK_REPORT) appendFileSync(process.env.SLACK_ACK_REPORT, `${figure}\n`);

    expect(body.response_type).toBe("ephemeral");
    expect(body.unfurl_links).toBe(false);
    expect(body.unfurl_media).toBe(false);
    expect(body).not.toHaveProperty("link_names");
    expect(body).not.toHaveProperty("parse");
    expect(typeof body.text).toBe("string");
    expect(String(body.text)).toContain("Korea");
    const json = JSON.stringify(body.blocks);
    expect(json).toMatch(/<https:\/\/www\.whitehouse\.gov\/[^|>]+\|[^>]+>/);
    expect(json).toContain("Why this answer");
    expect(buttonsOf(body.blocks).map((button) => button.action_id)).toContain(ACTION.share);
    // Nothing more to post: one round trip.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(h.slack.hooks.filter((post) => post.hook === hookOf(fields))).toEqual([]);
  });

  it("/tpd alone and /tpd help give the help, with how to reach the bot in Slack", async () => {
    for (const text of ["", "help"]) {
      const { post } = await ask(text);
      const json = JSON.stringify(post.blocks);
      expect(json).toContain("Ask about the Technology Prosperity Deals");
      expect(json).toContain("mention me in a channel");
    }
  });

  it("Share in channel posts the answer publicly, says who shared it, and removes the private copy", async () => {
    const { post } = await ask("korea 6g");
    const share = findButton(post.blocks, ACTION.share);
    const payload = buttonPayload(h.slack, share, { ephemeral: true, user: "U0SHARER1" });
    const sent = await h.client.action(payload);
    expect(sent.status).toBe(200);
    const posts = await postsTo(String(payload.response_url).split("/").pop() ?? "", 2);
    const [shared, removal] = posts;
    expect(shared?.body.response_type).toBe("in_channel");
    expect(shared?.body.replace_original).toBe(false);
    expect(JSON.stringify(shared?.body.blocks)).toContain("Shared by <@U0SHARER1>");
    expect(JSON.stringify(shared?.body.blocks)).toContain("whitehouse.gov");
    expect(buttonsOf(shared?.body.blocks).map((button) => button.action_id)).not.toContain(ACTION.share);
    expect(removal?.body).toEqual({ delete_original: true });
  });

  it("More results replaces the private answer with the next page", async () => {
    const { post } = await ask("ai");
    const more = findButton(post.blocks, ACTION.more);
    expect(decodeButtonValue(more.value)).toMatchObject({ q: "ai", o: 3 });
    const payload = buttonPayload(h.slack, more, { ephemeral: true });
    await h.client.action(payload);
    const [next] = await postsTo(String(payload.response_url).split("/").pop() ?? "");
    expect(next?.body.replace_original).toBe(true);
    expect(next?.body.response_type).toBe("ephemeral");
    expect(JSON.stringify(next?.body.blocks)).toMatch(/Showing 4–6 of \d+ matches/);
  });

  it("Compare across deals runs the compare intent on the answer's topic", async () => {
    const { post } = await ask("korea 6g");
    const compare = findButton(post.blocks, ACTION.compare);
    const payload = buttonPayload(h.slack, compare, { ephemeral: true });
    await h.client.action(payload);
    const [result] = await postsTo(String(payload.response_url).split("/").pop() ?? "");
    const json = JSON.stringify(result?.body.blocks);
    expect(json).toContain("U.S.–UK");
    expect(json).toContain("U.S.–Japan");
  });

  it("nothing found: says so plainly and the suggestions are buttons that ask", async () => {
    const { post } = await ask("xyzzy plugh");
    expect(JSON.stringify(post.blocks)).toContain("Nothing in the deal texts matches");
    const suggestion = buttonsOf(post.blocks).find((button) => button.text.text === "Korea and 6G");
    expect(suggestion).toBeDefined();
    const payload = buttonPayload(h.slack, suggestion as Button, { ephemeral: true });
    await h.client.action(payload);
    const [result] = await postsTo(String(payload.response_url).split("/").pop() ?? "");
    expect(JSON.stringify(result?.body.blocks)).toContain("6G");
  });

  it("a button on a public message answers the clicker privately without touching the public message", async () => {
    const { post } = await ask("ai");
    const more = findButton(post.blocks, ACTION.more);
    const payload = buttonPayload(h.slack, more, { ephemeral: false });
    await h.client.action(payload);
    const [result] = await postsTo(String(payload.response_url).split("/").pop() ?? "");
    expect(result?.body.replace_original).toBe(false);
    expect(result?.body.response_type).toBe("ephemeral");
    expect(buttonsOf(result?.body.blocks).map((button) => button.action_id)).toContain(ACTION.share);
  });

  it("a mention is answered in a thread on the mentioning message, without the bot's own mention", async () => {
    const ts = "1700000100.000100";
    const sent = await h.client.event(
      envelope({
        type: "app_mention",
        user: "U0USER001",
        text: `<@${BOT_USER_ID}> korea 6g`,
        ts,
        channel: "C0CHANNEL1",
      }),
    );
    expect(sent.status).toBe(200);
    const [call] = await h.slack.waitFor(() => {
      const calls = h.slack.callsTo("chat.postMessage");
      return calls.length > 0 ? calls : null;
    });
    expect(call?.params.channel).toBe("C0CHANNEL1");
    expect(call?.params.thread_ts).toBe(ts);
    expect(call?.params.unfurl_links).toBe("false");
    expect(call?.params.unfurl_media).toBe("false");
    expect(call?.params).not.toHaveProperty("link_names");
    expect(call?.params).not.toHaveProperty("parse");
    expect(call?.params.text).toContain("Korea");
    expect(JSON.stringify(call?.parsedBlocks)).toContain("“korea” → deal");
    expect(JSON.stringify(call?.parsedBlocks)).not.toContain(BOT_USER_ID);
    expect(buttonsOf(call?.parsedBlocks).map((button) => button.action_id)).not.toContain(ACTION.share);
    expect(call?.authorization).toBe("Bearer xoxb-test-token-0123456789");
  });

  it("a mention inside a thread is answered in that thread (its root)", async () => {
    await h.client.event(
      envelope({
        type: "app_mention",
        user: "U0USER001",
        text: `<@${BOT_USER_ID}> who signed the japan deal?`,
        ts: "1700000200.000200",
        thread_ts: "1700000150.000150",
        channel: "C0CHANNEL1",
      }),
    );
    const call = await h.slack.waitFor(() => h.slack.callsTo("chat.postMessage")[0]);
    expect(call.params.thread_ts).toBe("1700000150.000150");
  });

  it("a DM is answered in the DM", async () => {
    await h.client.event(
      envelope({
        type: "message",
        channel_type: "im",
        channel: "D0DIRECT01",
        user: "U0USER001",
        text: "when was the korea deal signed?",
        ts: "1700000300.000300",
      }),
    );
    const call = await h.slack.waitFor(() => h.slack.callsTo("chat.postMessage")[0]);
    expect(call.params.channel).toBe("D0DIRECT01");
    expect(call.params).not.toHaveProperty("thread_ts");
    expect(call.params.text?.length).toBeGreaterThan(0);
  });

  it("ignores the bot's own messages, other bots, edits, and non-DM messages", async () => {
    const quiet = [
      { type: "message", channel_type: "im", channel: "D1", user: BOT_USER_ID, text: "korea", ts: "1.1" },
      {
        type: "message",
        channel_type: "im",
        channel: "D1",
        bot_id: "B0OTHER01",
        user: "U0OTHERBOT",
        text: "korea",
        ts: "1.2",
      },
      {
        type: "message",
        subtype: "bot_message",
        channel_type: "im",
        channel: "D1",
        bot_id: "B0OTHER01",
        text: "korea",
        ts: "1.3",
      },
      {
        type: "message",
        subtype: "message_changed",
        channel_type: "im",
        channel: "D1",
        ts: "1.4",
        message: { text: "korea" },
      },
      {
        type: "message",
        channel_type: "channel",
        channel: "C1",
        user: "U0USER001",
        text: "korea",
        ts: "1.5",
      },
      {
        type: "app_mention",
        channel: "C1",
        bot_id: "B0OTHER01",
        user: "U0OTHERBOT",
        text: `<@${BOT_USER_ID}> korea`,
        ts: "1.6",
      },
    ];
    for (const event of quiet) expect((await h.client.event(envelope(event))).status).toBe(200);
    // A real question afterwards is answered, and is the only thing posted.
    await h.client.event(
      envelope({
        type: "message",
        channel_type: "im",
        channel: "D2",
        user: "U0USER001",
        text: "korea",
        ts: "1.7",
      }),
    );
    await h.slack.waitFor(() => h.slack.callsTo("chat.postMessage")[0]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(h.slack.callsTo("chat.postMessage").map((call) => call.params.channel)).toEqual(["D2"]);
    expect(h.slack.callsTo("chat.postEphemeral")).toEqual([]);
  });

  it("logs one structured line per question, and never a token", async () => {
    const before = h.logs.lines.length;
    await ask(`korea 6g ${nextId("")}`);
    const line = await h.slack.waitFor(() =>
      h.logs.lines.slice(before).find((entry) => entry.msg === "answered" && entry.via === "command"),
    );
    expect(line).toMatchObject({ adapter: "slack", intent: "ask", found: true, delivered: true });
    expect(typeof line.requestId).toBe("string");
    expect(typeof line.latencyMs).toBe("number");
    for (const raw of h.logs.raw) {
      expect(raw).not.toContain("xoxb-test-token");
      expect(raw).not.toContain("test-signing-secret");
    }
  });
});

describe("the HTTP listener", () => {
  const ss = ["/usr/bin/ss", "/bin/ss", "/usr/sbin/ss"].find((path) => existsSync(path));
  it.skipIf(!ss)("lets the kernel hold a flood of new connections (a long listen backlog)", () => {
    const listing = execFileSync(ss as string, ["-ltnH", `sport = :${h.adapter.port()}`]).toString();
    // LISTEN  Recv-Q  Send-Q (the backlog)  Local address:port ...
    const backlog = Number(listing.trim().split(/\s+/)[2]);
    const cap = Number(readFileSync("/proc/sys/net/core/somaxconn", "utf8"));
    expect(backlog).toBe(Math.min(LISTEN_BACKLOG, cap));
  });
});
