import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Block, Button } from "../../src/adapters/slack/blocks.js";
import { decodeButtonValue } from "../../src/adapters/slack/button-values.js";
import { ANSWER_EVENT_TYPE } from "../../src/adapters/slack/conversation.js";
import { ASK_ABOUT_MESSAGE_CALLBACK } from "../../src/adapters/slack/registration.js";
import { type ApiCall, BOT_USER_ID, TEAM_ID } from "../fakes/slack.js";
import { envelope, type Harness, loadRealBot, nextId, startHarness } from "./support/harness.js";

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ bot: await loadRealBot() });
});
afterAll(async () => {
  await h?.close();
});
beforeEach(() => {
  h.slack.reset();
});

const CHANNEL = "C0CHANNEL1";
const ASKER = "U0USER001";

let clock = Math.floor(Date.now() / 1000);
/** A message timestamp a little after the last, as Slack issues them. */
function nextTs(): string {
  clock += 1;
  return `${clock}.000${Math.floor(Math.random() * 900 + 100)}`;
}

/** Sends a person's message event, recording it in the fake Slack as Slack would hold it. */
async function person(event: Record<string, unknown> & { channel: string; text: string }) {
  const ts = (event.ts as string | undefined) ?? nextTs();
  h.slack.addMessage(event.channel, {
    ts,
    text: event.text,
    user: (event.user as string | undefined) ?? ASKER,
    ...(event.thread_ts ? { thread_ts: event.thread_ts as string } : {}),
  });
  const sent = await h.client.event(envelope({ user: ASKER, ...event, ts }));
  expect(sent.status).toBe(200);
  return ts;
}

async function nthPost(count: number): Promise<ApiCall> {
  const posts = await h.slack.waitFor(() => {
    const calls = h.slack.callsTo("chat.postMessage");
    return calls.length >= count ? calls : null;
  });
  return posts[count - 1] as ApiCall;
}

const metadataOf = (call: ApiCall) =>
  JSON.parse(call.params.metadata ?? "null") as {
    event_type: string;
    event_payload: Record<string, unknown>;
  };
const quietFor = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function buttonsOf(blocks: unknown): Button[] {
  return ((blocks ?? []) as Block[]).flatMap((block) => {
    if (block.type === "actions") return block.elements;
    if (block.type === "section" && block.accessory) return [block.accessory];
    return [];
  });
}

describe("Slack conversations, end to end (real Bolt, real answer engine, fake Slack on loopback)", () => {
  it("a reply in a thread the bot answered is answered there, with the context carried over", async () => {
    const root = await person({ type: "app_mention", channel: CHANNEL, text: `<@${BOT_USER_ID}> korea 6g` });
    const first = await nthPost(1);
    expect(first.params.thread_ts).toBe(root);
    expect(metadataOf(first)).toEqual({
      event_type: ANSWER_EVENT_TYPE,
      event_payload: expect.objectContaining({ query: "korea 6g" }),
    });

    // "and japan?" — no mention: a message.channels event in the thread.
    await person({
      type: "message",
      channel_type: "channel",
      channel: CHANNEL,
      text: "and japan?",
      thread_ts: root,
    });
    const second = await nthPost(2);
    expect(second.params.thread_ts).toBe(root);
    expect(second.params.channel).toBe(CHANNEL);
    expect(second.params.text).toContain("Japan");
    expect(metadataOf(second).event_payload).toMatchObject({ query: "japan 6g" });
    // "Why this answer" says what came from the earlier question.
    expect(JSON.stringify(second.parsedBlocks)).toMatch(/“6g” → .*from earlier/);
    const replies = h.slack.callsTo("conversations.replies");
    expect(replies.at(-1)?.params).toMatchObject({
      channel: CHANNEL,
      ts: root,
      include_all_metadata: "true",
    });

    await person({
      type: "message",
      channel_type: "channel",
      channel: CHANNEL,
      text: "who signed it?",
      thread_ts: root,
    });
    const third = await nthPost(3);
    expect(metadataOf(third).event_payload).toMatchObject({ query: expect.stringContaining("japan") });
    expect(JSON.stringify(third.parsedBlocks)).toContain("Signatories");
    expect(third.params.text).toContain("Japan");
  });

  it("'more' in the thread continues the last answer", async () => {
    const root = await person({ type: "app_mention", channel: CHANNEL, text: `<@${BOT_USER_ID}> ai` });
    const first = await nthPost(1);
    const next = metadataOf(first).event_payload.next;
    expect(typeof next).toBe("number");
    await person({
      type: "message",
      channel_type: "channel",
      channel: CHANNEL,
      text: "more",
      thread_ts: root,
    });
    const second = await nthPost(2);
    expect(metadataOf(second).event_payload).toMatchObject({ query: "ai" });
    expect(second.params.text).not.toBe(first.params.text);
  });

  it("stays out of conversations it was not asked into", async () => {
    // A top-level channel message: not even a look at the channel.
    await person({ type: "message", channel_type: "channel", channel: CHANNEL, text: "korea 6g" });
    // A reply in a thread of people only: the bot looks, sees no answer of its own, stays quiet.
    const root = await person({ type: "message", channel_type: "channel", channel: CHANNEL, text: "lunch?" });
    await person({
      type: "message",
      channel_type: "channel",
      channel: CHANNEL,
      text: "japan 6g",
      thread_ts: root,
    });
    // Private channels and group DMs alike.
    await person({
      type: "message",
      channel_type: "group",
      channel: "G0PRIVATE1",
      text: "korea",
      thread_ts: root,
    });
    await quietFor(300);
    expect(h.slack.callsTo("chat.postMessage")).toEqual([]);
    // Only the two thread replies were looked into, never the top-level messages.
    expect(h.slack.callsTo("conversations.replies").map((call) => call.params.ts)).toEqual([root, root]);
  });

  it("a thread reply that mentions the bot is answered once (as the mention), not twice", async () => {
    const root = await person({ type: "app_mention", channel: CHANNEL, text: `<@${BOT_USER_ID}> korea 6g` });
    await nthPost(1);
    const ts = nextTs();
    const text = `<@${BOT_USER_ID}> and japan?`;
    // Slack sends both events for one message.
    await person({ type: "message", channel_type: "channel", channel: CHANNEL, text, thread_ts: root, ts });
    await h.client.event(
      envelope({ type: "app_mention", user: ASKER, channel: CHANNEL, text, thread_ts: root, ts }),
    );
    const second = await nthPost(2);
    expect(second.params.text).toContain("Japan");
    await quietFor(300);
    expect(h.slack.callsTo("chat.postMessage")).toHaveLength(2);
  });

  it("a DM follow-up reads the previous answer in the DM", async () => {
    const dm = "D0DIRECT07";
    await person({ type: "message", channel_type: "im", channel: dm, text: "korea 6g" });
    await nthPost(1);
    await person({ type: "message", channel_type: "im", channel: dm, text: "and japan?" });
    const second = await nthPost(2);
    expect(second.params.channel).toBe(dm);
    expect(metadataOf(second).event_payload).toMatchObject({ query: "japan 6g" });
  });

  it("a DM with only a file gets one line saying files are not read", async () => {
    const dm = "D0DIRECT08";
    await h.client.event(
      envelope({
        type: "message",
        subtype: "file_share",
        channel_type: "im",
        channel: dm,
        user: ASKER,
        text: "",
        ts: nextTs(),
        files: [{ id: "F0FILE0001", name: "notes.pdf", mimetype: "application/pdf", filetype: "pdf" }],
        upload: false,
        display_as_bot: false,
      }),
    );
    const reply = await nthPost(1);
    expect(reply.params.channel).toBe(dm);
    expect(reply.params.text).toMatch(/files/i);
    expect(reply.params.text?.split("\n")).toHaveLength(1);
  });

  it("'Ask TPD about this' answers the selected message privately", async () => {
    const hook = nextId("sc");
    const sent = await h.client.action({
      type: "message_action",
      token: "legacy-verification-token",
      action_ts: `${clock}.123456`,
      team: { id: TEAM_ID, domain: "test" },
      user: { id: ASKER, username: "asker", team_id: TEAM_ID, name: "asker" },
      channel: { id: CHANNEL, name: "general" },
      is_enterprise_install: false,
      enterprise: null,
      callback_id: ASK_ABOUT_MESSAGE_CALLBACK,
      trigger_id: `${nextId("")}.1.abc`,
      response_url: h.slack.responseUrl(hook),
      message_ts: `${clock}.000200`,
      message: {
        type: "message",
        user: "U0COLLEAGUE",
        ts: `${clock}.000200`,
        text: "Has the <https://example.org|UK> tech deal been paused? cc <!here>",
      },
    });
    expect(sent.status).toBe(200);
    const post = await h.slack.waitFor(() => h.slack.hooks.find((p) => p.hook === hook));
    expect(post.body.response_type).toBe("ephemeral");
    expect(String(post.body.text)).toMatch(/United Kingdom|UK/);
    expect(JSON.stringify(post.body.blocks)).not.toContain("<!here>");
    expect(h.slack.callsTo("chat.postMessage")).toEqual([]);
  });

  it("App Home shows every deal with its date and latest news, the knowledge's date and example buttons", async () => {
    await h.client.event(
      envelope({
        type: "app_home_opened",
        user: ASKER,
        channel: "D0HOME0001",
        tab: "home",
        event_ts: nextTs(),
      }),
    );
    const publish = await h.slack.waitFor(() => h.slack.callsTo("views.publish")[0]);
    expect(publish.params.user_id).toBe(ASKER);
    const view = JSON.parse(publish.params.view ?? "{}") as { type: string; blocks: Block[] };
    expect(view.type).toBe("home");
    const json = JSON.stringify(view.blocks);
    for (const deal of ["United Kingdom", "Japan", "Korea"]) expect(json).toContain(deal);
    expect(json).toMatch(/Signed 18 September 2025/);
    expect(json).toMatch(/Knowledge as of \d{1,2} \w+ 20\d\d/);
    expect(json).toMatch(/Latest \(\d{1,2} \w+ 20\d\d\)/);
    const examples = buttonsOf(view.blocks);
    expect(examples.length).toBeGreaterThan(2);

    // The Messages tab opening does not publish the Home view.
    h.slack.reset();
    await h.client.event(
      envelope({
        type: "app_home_opened",
        user: ASKER,
        channel: "D0HOME0001",
        tab: "messages",
        event_ts: nextTs(),
      }),
    );
    await quietFor(200);
    expect(h.slack.callsTo("views.publish")).toEqual([]);

    // A Home button has no response_url: the answer arrives in the app's DM with the person.
    const [example] = examples;
    if (!example) throw new Error("no example button");
    const question = decodeButtonValue(example.value)?.q;
    await h.client.action({
      type: "block_actions",
      user: { id: ASKER, username: "asker", name: "asker", team_id: TEAM_ID },
      api_app_id: "A0APP0001",
      token: "legacy-verification-token",
      container: { type: "view", view_id: "V0HOME0001" },
      trigger_id: `${nextId("")}.1.def`,
      team: { id: TEAM_ID, domain: "test" },
      view: { id: "V0HOME0001", type: "home", blocks: view.blocks },
      actions: [
        {
          type: "button",
          action_id: example.action_id,
          block_id: "h",
          text: example.text,
          value: example.value,
          action_ts: nextTs(),
        },
      ],
    });
    const answer = await nthPost(1);
    expect(answer.params.channel).toBe(ASKER);
    expect(metadataOf(answer).event_payload.query).toBe(question);
  });

  it("the assistant surface: suggested prompts, a status while answering, a title, answers in the thread", async () => {
    const channel = "D0ASSIST01";
    const threadTs = nextTs();
    await h.client.event(
      envelope({
        type: "assistant_thread_started",
        assistant_thread: {
          user_id: ASKER,
          context: { channel_id: CHANNEL, team_id: TEAM_ID, enterprise_id: null },
          channel_id: channel,
          thread_ts: threadTs,
        },
        event_ts: nextTs(),
      }),
    );
    const prompts = await h.slack.waitFor(() => h.slack.callsTo("assistant.threads.setSuggestedPrompts")[0]);
    expect(prompts.params).toMatchObject({ channel_id: channel, thread_ts: threadTs });
    expect(JSON.parse(prompts.params.prompts ?? "[]").length).toBeGreaterThan(1);

    await person({ type: "message", channel_type: "im", channel, text: "korea 6g", thread_ts: threadTs });
    const first = await nthPost(1);
    expect(first.params).toMatchObject({ channel, thread_ts: threadTs });
    const status = h.slack.callsTo("assistant.threads.setStatus")[0];
    expect(status?.params).toMatchObject({ channel_id: channel, thread_ts: threadTs });
    expect(status?.params.status?.length).toBeGreaterThan(0);
    const title = await h.slack.waitFor(() => h.slack.callsTo("assistant.threads.setTitle")[0]);
    expect(title.params.title).toBe("korea 6g");

    await person({ type: "message", channel_type: "im", channel, text: "and japan?", thread_ts: threadTs });
    const second = await nthPost(2);
    expect(metadataOf(second).event_payload).toMatchObject({ query: "japan 6g" });
    // The title is set from the first question only.
    expect(h.slack.callsTo("assistant.threads.setTitle")).toHaveLength(1);
  });

  it("where a workspace lacks the assistant surface, its calls fail quietly and the answer still arrives", async () => {
    const channel = "D0ASSIST02";
    const threadTs = nextTs();
    h.slack.failNext("assistant.threads.setStatus", "not_allowed_token_type");
    h.slack.failNext("assistant.threads.setTitle", "not_allowed_token_type");
    await person({
      type: "message",
      channel_type: "im",
      channel,
      text: "who signed the japan deal?",
      thread_ts: threadTs,
    });
    const answer = await nthPost(1);
    expect(answer.params.thread_ts).toBe(threadTs);
    expect(answer.params.text).toContain("Japan");
  });
});
