import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Adapter } from "../../src/adapters/adapter.js";
import { createDiscordAdapter } from "../../src/adapters/discord/index.js";
import { createQuestionRecorder, type QuestionRecorder } from "../../src/adapters/shared/question-record.js";
import { createRateLimiter } from "../../src/adapters/shared/rate-limit.js";
import { FEEDBACK_ACTION_ID, NOTE_CALLBACK_ID } from "../../src/adapters/slack/feedback.js";
import { loadConfig, type StoreConfig } from "../../src/config.js";
import type { Bot } from "../../src/core/bot.js";
import type { Logger } from "../../src/logger.js";
import { createQuestionLog, type QuestionLog } from "../../src/store/question-log.js";
import type { Report } from "../../src/store/report/build.js";
import { APP_ID, type FakeDiscord, startFakeDiscord, TOKEN } from "../fakes/discord.js";
import { asker, buttonClick, slashCommand, snowflake } from "../fakes/discord-payloads.js";
import { runEntry } from "../helpers/run-process.js";
import {
  askCommand,
  commandFields,
  type Harness,
  loadRealBot,
  nextId,
  startHarness,
} from "../slack/support/harness.js";
import { captureLogs } from "../slack/support/log-capture.js";

const dir = mkdtempSync(join(tmpdir(), "tpd-feedback-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let folders = 0;
const storeConfig = (overrides: Partial<StoreConfig> = {}): StoreConfig => ({
  ...loadConfig({}).store,
  sqliteFile: join(dir, `data-${++folders}`, "tpd-bot.sqlite"),
  ...overrides,
});

const SLACK_USER = "U0FEEDBACK1";
const DISCORD_USER = asker.id;
type Json = Record<string, unknown>;
type Callback = { type: number; data?: Json & { components?: Json[]; custom_id?: string; flags?: number } };

/** Both platforms' real adapters (Bolt over HTTP, discord.js over a gateway), on fakes, with one question log. */
async function startBots(bot: Bot, questionLog: QuestionLog, logger?: Logger) {
  const recorder = (platform: "slack" | "discord"): QuestionRecorder =>
    createQuestionRecorder({ platform, questionLog, knowledgeVersion: () => "test-knowledge" });
  const slack = await startHarness({ bot, recorder: recorder("slack") });
  const fake = await startFakeDiscord();
  const discord: Adapter = createDiscordAdapter({
    config: { token: TOKEN, applicationId: APP_ID, guildId: null, apiUrl: fake.apiUrl },
    getBot: () => bot,
    logger: logger ?? captureLogs([TOKEN]).logger,
    rateLimiter: createRateLimiter({ perUser: 1000, perTeam: 1000, windowMs: 60_000 }),
    recorder: recorder("discord"),
  });
  await discord.start();
  return {
    slack,
    fake,
    async close() {
      await discord.stop();
      await fake.close();
      await slack.close();
    },
  };
}

async function slackAsk(h: Harness, text: string, user = SLACK_USER) {
  return (await askCommand(h.slack, h.client, commandFields(h.slack, text, user))).body;
}

function slackFeedback(blocks: unknown): { positive: string; negative: string } {
  const block = (blocks as Json[]).find((b) => b.type === "context_actions") as
    | {
        elements: Array<{
          type: string;
          positive_button: { value: string };
          negative_button: { value: string };
        }>;
      }
    | undefined;
  const buttons = block?.elements.find((e) => e.type === "feedback_buttons");
  if (!buttons) throw new Error("no feedback buttons in the answer");
  return { positive: buttons.positive_button.value, negative: buttons.negative_button.value };
}

/** A click on one of the feedback buttons, as Slack sends a block_actions payload for it. */
function feedbackClick(h: Harness, value: string, user: string) {
  return {
    type: "block_actions",
    user: { id: user, username: "asker", name: "asker", team_id: "T0000001" },
    api_app_id: "A0APP0001",
    token: "legacy-verification-token",
    container: {
      type: "message",
      message_ts: "1700000000.000001",
      channel_id: "C0CHANNEL1",
      is_ephemeral: true,
    },
    trigger_id: `${nextId("")}.1.fb`,
    team: { id: "T0000001", domain: "test" },
    channel: { id: "C0CHANNEL1", name: "general" },
    response_url: h.slack.responseUrl(nextId("fb")),
    actions: [
      {
        type: "feedback_buttons",
        action_id: FEEDBACK_ACTION_ID,
        block_id: "fb1",
        text: { type: "plain_text", text: "👎" },
        value,
        action_ts: "1700000000.000003",
      },
    ],
  };
}

/** The modal submitted, as Slack sends a view_submission payload. */
function noteSubmission(view: Json, note: string, user: string) {
  return {
    type: "view_submission",
    team: { id: "T0000001", domain: "test" },
    user: { id: user, username: "asker", name: "asker", team_id: "T0000001" },
    api_app_id: "A0APP0001",
    token: "legacy-verification-token",
    trigger_id: `${nextId("")}.1.view`,
    view: {
      ...view,
      id: "V0NOTE0001",
      team_id: "T0000001",
      state: { values: { missing: { note: { type: "plain_text_input", value: note } } } },
      hash: "1700000000.abc",
    },
  };
}

async function discordInteract(fake: FakeDiscord, payload: { id: string }): Promise<Callback> {
  fake.dispatch("INTERACTION_CREATE", payload);
  const call = await fake.waitForCall(
    (c) => c.method === "POST" && c.path.includes(`/interactions/${payload.id}/`),
  );
  return call.body as Callback;
}

function discordFeedbackIds(reply: Callback): { up: string; down: string } {
  const ids = (reply.data?.components ?? [])
    .flatMap((row) => (row.components as Json[]) ?? [])
    .map((component) => String(component.custom_id));
  const up = ids.find((id) => id.startsWith("tpd:fb:up:"));
  const down = ids.find((id) => id.startsWith("tpd:fb:down:"));
  if (!up || !down) throw new Error(`no feedback buttons among ${ids.join(", ")}`);
  return { up, down };
}

describe("feedback and the question log, end to end", () => {
  let bot: Bot;
  beforeAll(async () => {
    bot = await loadRealBot();
  });

  it("a 👎 with a note on Slack and on Discord, and a declined question, reach npm run report", async () => {
    const config = storeConfig();
    const questionLog = createQuestionLog({ config, logger: captureLogs([]).logger });
    const bots = await startBots(bot, questionLog);
    const { slack: h, fake } = bots;
    try {
      // Slack: an answer with 👍/👎; 👎 opens the private note modal; the note is sent.
      const answer = await slackAsk(h, "korea 6g");
      const { negative } = slackFeedback(answer.blocks);
      expect((await h.client.action(feedbackClick(h, negative, SLACK_USER))).status).toBe(200);
      const opened = await h.slack.waitFor(() => h.slack.callsTo("views.open")[0]);
      const view = JSON.parse(String(opened.params.view)) as Json;
      expect(view).toMatchObject({ type: "modal", callback_id: NOTE_CALLBACK_ID });
      const submitted = await h.client.action(
        noteSubmission(view, "The date <@U0OTHER99> asked about; mail me at jo@example.com", SLACK_USER),
      );
      expect(submitted.status).toBe(200);
      // A 👍 from someone else is thanked in a private (ephemeral) line.
      const { positive } = slackFeedback(answer.blocks);
      const upClick = feedbackClick(h, positive, "U0SECOND01");
      await h.client.action(upClick);
      const thanked = await h.slack.waitFor(() =>
        h.slack.hooks.find((p) => p.hook === String(upClick.response_url).split("/").pop()),
      );
      expect(thanked.body).toMatchObject({ response_type: "ephemeral", replace_original: false });
      // Acknowledged privately only: nothing was posted to the channel.
      expect(h.slack.callsTo("chat.postMessage")).toEqual([]);

      // Slack: a declined question (no deal with that country).
      const declined = await slackAsk(h, "what does the france deal say about cheese?");
      expect(JSON.stringify(declined.blocks)).not.toContain("context_actions");

      // Discord: a slash answer with two buttons; 👎 answers with the modal; the note is submitted.
      const reply = await discordInteract(fake, slashCommand({ query: "japan fusion" }));
      const { down } = discordFeedbackIds(reply);
      const click = await discordInteract(fake, buttonClick(down, { embeds: [], components: [], flags: 64 }));
      expect(click.type).toBe(9); // MODAL
      const modalId = String(click.data?.custom_id);
      const base = buttonClick("x", { embeds: [], components: [] });
      const id = snowflake();
      const submit = {
        ...base,
        id,
        token: `interaction-token-${id}`,
        type: 5,
        data: {
          custom_id: modalId,
          components: [
            { type: 1, components: [{ type: 4, custom_id: "note", value: "Needs the ITER timeline" }] },
          ],
        },
      };
      const thanks = await discordInteract(fake, submit);
      expect(thanks.type).toBe(4);
      expect(thanks.data?.flags).toBe(64);
      expect(
        fake.calls.filter((c) => c.method === "POST" && /\/channels\/\d+\/messages$/.test(c.path)),
      ).toEqual([]);

      await questionLog.settled();
    } finally {
      await bots.close();
      await questionLog.close();
    }

    const result = await runEntry("src/report.ts", ["--json"], {
      env: { DATA_DIR: join(config.sqliteFile, "..") },
    });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as Report;
    expect(report.totals).toMatchObject({ questions: 3, declined: 1, votes: 3, down: 2, notes: 2 });
    expect(report.downVotes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          platform: "slack",
          question: "korea 6g",
          note: "The date [mention] asked about; mail me at [email]",
        }),
        expect.objectContaining({
          platform: "discord",
          question: "japan fusion",
          note: "Needs the ITER timeline",
        }),
      ]),
    );
    expect(report.unanswered).toEqual([
      expect.objectContaining({
        example: "what does the france deal say about cheese?",
        reasons: ["no-such-deal"],
      }),
    ]);
    for (const vote of report.downVotes) expect(vote.user).toMatch(/^[\w-]{22}$/);
    expect(result.stdout).not.toContain(SLACK_USER);
    expect(result.stdout).not.toContain(DISCORD_USER);
  });

  it("answers still go out, with feedback buttons, when the database is down; each write is dropped with a line", async () => {
    const logs = captureLogs([]);
    const closedPort = `postgres://bot:pw-not-logged@127.0.0.1:9/tpd`;
    const questionLog = createQuestionLog({
      config: storeConfig({ databaseUrl: closedPort }),
      logger: logs.logger,
      budgetMs: 200,
    });
    const bots = await startBots(bot, questionLog);
    try {
      const answer = await slackAsk(bots.slack, "korea 6g");
      expect(JSON.stringify(answer.blocks)).toContain("whitehouse.gov");
      const reply = await discordInteract(bots.fake, slashCommand({ query: "korea 6g" }));
      expect(reply.type).toBe(4);
      expect(JSON.stringify(reply.data?.embeds)).toContain("Korea");
      discordFeedbackIds(reply);
      await questionLog.settled();
      const dropped = logs.lines.filter((line) => line.msg === "question log write dropped");
      expect(dropped.length).toBeGreaterThanOrEqual(2);
      expect(logs.raw.join("\n")).not.toContain("pw-not-logged");
    } finally {
      await bots.close();
      await questionLog.close();
    }
  });

  it("with QUESTION_LOG=off, answers carry no feedback buttons", async () => {
    const questionLog = createQuestionLog({
      config: storeConfig({ enabled: false }),
      logger: captureLogs([]).logger,
    });
    const bots = await startBots(bot, questionLog);
    try {
      const answer = await slackAsk(bots.slack, "korea 6g");
      expect(JSON.stringify(answer.blocks)).not.toContain("feedback_buttons");
      const reply = await discordInteract(bots.fake, slashCommand({ query: "korea 6g" }));
      expect(JSON.stringify(reply.data?.components ?? [])).not.toContain("tpd:fb:");
    } finally {
      await bots.close();
    }
  });
});
