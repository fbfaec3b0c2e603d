import { fileURLToPath } from "node:url";
import { NOTICES } from "../../../src/adapters/shared/notices.js";
import type { QuestionRecorder } from "../../../src/adapters/shared/question-record.js";
import { createRateLimiter, type RateLimiter } from "../../../src/adapters/shared/rate-limit.js";
import { createSlackAdapter, type SlackAdapter } from "../../../src/adapters/slack/index.js";
import type { AnsweringConfig, SlackConfig } from "../../../src/config.js";
import type { Bot } from "../../../src/core/bot.js";
import { createBot } from "../../../src/core/bot.js";
import { loadKnowledge } from "../../../src/knowledge/load.js";
import { type FakeSlack, startFakeSlack, TEAM_ID } from "../../fakes/slack.js";
import { createSlackClient, type SentRequest, type SlackClient } from "../../fakes/slack-client.js";
import { captureLogs, type LogLine } from "./log-capture.js";

export const SIGNING_SECRET = "test-signing-secret-0123456789";
export const BOT_TOKEN = "xoxb-test-token-0123456789";

const KNOWLEDGE_DIR = fileURLToPath(new URL("../../../knowledge", import.meta.url));

let realBot: Promise<Bot> | null = null;
/** The real answer engine over the repository's knowledge/ directory (loaded once per test file). */
export function loadRealBot(): Promise<Bot> {
  realBot ??= loadKnowledge(KNOWLEDGE_DIR).then(createBot);
  return realBot;
}

export type Harness = {
  slack: FakeSlack;
  adapter: SlackAdapter;
  client: SlackClient;
  baseUrl: string;
  logs: { lines: LogLine[]; raw: string[] };
  setBot(bot: Bot): void;
  close(): Promise<void>;
};

export type HarnessOptions = {
  bot: Bot;
  perUser?: number;
  perTeam?: number;
  shutdownGraceMs?: number;
  /** The question log and feedback; none when unset. */
  recorder?: QuestionRecorder;
  /** The answer budget and queue bounds; the defaults when unset. */
  answering?: AnsweringConfig;
  /** Makes every answer take this long (through a slow rate-limit check, as a distant shared store can be). */
  answerDelayMs?: number;
};

/** The real Bolt app in HTTP mode on 127.0.0.1, talking to a fake Slack on 127.0.0.1. */
export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const slack = await startFakeSlack();
  const logs = captureLogs([BOT_TOKEN, SIGNING_SECRET]);
  let bot = options.bot;
  const config: SlackConfig = {
    botToken: BOT_TOKEN,
    signingSecret: SIGNING_SECRET,
    appToken: null,
    mode: "http",
    apiUrl: slack.apiUrl,
    port: 0,
  };
  const adapter = createSlackAdapter({
    config,
    getBot: () => bot,
    logger: logs.logger,
    rateLimiter: delayed(
      createRateLimiter({
        perUser: options.perUser ?? 1000,
        perTeam: options.perTeam ?? 1000,
        windowMs: 60_000,
      }),
      options.answerDelayMs ?? 0,
    ),
    answering: options.answering,
    healthReport: () => ({ status: "ok", adapters: [adapter.health()] }),
    host: "127.0.0.1",
    retryConfig: { retries: 0 },
    shutdownGraceMs: options.shutdownGraceMs ?? 2000,
    ...(options.recorder ? { recorder: options.recorder } : {}),
  });
  await adapter.start();
  const baseUrl = `http://127.0.0.1:${adapter.port()}`;
  return {
    slack,
    adapter,
    baseUrl,
    client: createSlackClient({ baseUrl, signingSecret: SIGNING_SECRET }),
    logs,
    setBot(next) {
      bot = next;
    },
    async close() {
      await adapter.stop();
      await slack.close();
    },
  };
}

function delayed(limiter: RateLimiter, delayMs: number): RateLimiter {
  if (delayMs <= 0) return limiter;
  return {
    take: async (keys) => {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      return limiter.take(keys);
    },
  };
}

let sequence = 0;
export function nextId(prefix: string): string {
  sequence += 1;
  return `${prefix}${Date.now().toString(36)}${sequence}`;
}

/** The id at the end of a command's response_url, which the fake Slack records its posts under. */
export const hookOf = (fields: Record<string, string>): string => fields.response_url?.split("/").pop() ?? "";

/** A slash command payload as Slack form-encodes it. */
export function commandFields(slack: FakeSlack, text: string, user = "U0USER001"): Record<string, string> {
  const hook = nextId("cmd");
  return {
    token: "legacy-verification-token",
    team_id: TEAM_ID,
    team_domain: "test",
    channel_id: "C0CHANNEL1",
    channel_name: "general",
    user_id: user,
    user_name: "asker",
    command: "/tpd",
    text,
    api_app_id: "A0APP0001",
    is_enterprise_install: "false",
    response_url: slack.responseUrl(hook),
    trigger_id: `${nextId("")}.1.abc`,
  };
}

/** An Events API envelope around one event. */
export function envelope(event: Record<string, unknown>, eventId = nextId("Ev")): Record<string, unknown> {
  return {
    token: "legacy-verification-token",
    team_id: TEAM_ID,
    api_app_id: "A0APP0001",
    event: { event_ts: event.ts, ...event },
    type: "event_callback",
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: TEAM_ID, user_id: "UBOT0001", is_bot: true, is_enterprise_install: false }],
  };
}

/** A block_actions payload for one button click. */
export function buttonPayload(
  slack: FakeSlack,
  button: { action_id: string; value: string },
  options: { ephemeral: boolean; user?: string },
): Record<string, unknown> {
  const hook = nextId("act");
  return {
    type: "block_actions",
    user: { id: options.user ?? "U0USER001", username: "asker", name: "asker", team_id: TEAM_ID },
    api_app_id: "A0APP0001",
    token: "legacy-verification-token",
    container: options.ephemeral
      ? { type: "message", message_ts: "1700000000.000001", channel_id: "C0CHANNEL1", is_ephemeral: true }
      : { type: "message", message_ts: "1700000000.000002", channel_id: "C0CHANNEL1", is_ephemeral: false },
    trigger_id: `${nextId("")}.1.def`,
    team: { id: TEAM_ID, domain: "test" },
    channel: { id: "C0CHANNEL1", name: "general" },
    response_url: slack.responseUrl(hook),
    actions: [
      {
        type: "button",
        action_id: button.action_id,
        block_id: "b1",
        text: { type: "plain_text", text: "x", emoji: true },
        value: button.value,
        action_ts: "1700000000.000003",
      },
    ],
  };
}

export type CommandReply = {
  ack: SentRequest;
  /** The answer (or notice) the command got. */
  body: Record<string, unknown>;
  /** Where it travelled: in the acknowledgement itself, or on the response_url after "Working on it…". */
  via: "ack" | "response_url";
};

/**
 * Sends a `/tpd` and returns what it answered: the acknowledgement's body when the answer travelled in it
 * or, after a "Working on it…" acknowledgement (a loaded machine can take that long), what followed on
 * the response_url.
 */
export async function askCommand(
  slack: FakeSlack,
  client: SlackClient,
  fields: Record<string, string>,
  timeoutMs?: number,
): Promise<CommandReply> {
  return commandReplyOf(slack, fields, await client.command(fields), timeoutMs);
}

/** What a command sent some other way (a raw socket, another timestamp) answered; see askCommand. */
export async function commandReplyOf(
  slack: FakeSlack,
  fields: Record<string, string>,
  ack: SentRequest,
  timeoutMs?: number,
): Promise<CommandReply> {
  if (ack.status !== 200) throw new Error(`/tpd acknowledged with HTTP ${ack.status}`);
  const acked = ackBody(ack);
  if (acked.text !== NOTICES.working) return { ack, body: acked, via: "ack" };
  const post = await slack.waitFor(
    () => slack.hooks.find((entry) => entry.hook === hookOf(fields)),
    timeoutMs,
  );
  return { ack, body: post.body, via: "response_url" };
}

/** A command acknowledgement's body, as JSON. */
export function ackBody(ack: SentRequest): Record<string, unknown> {
  return ack.body === "" ? {} : (JSON.parse(ack.body) as Record<string, unknown>);
}
