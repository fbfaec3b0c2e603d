import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { createInFlight } from "../../src/adapters/shared/in-flight.js";
import { WORDING } from "../../src/adapters/shared/render-plan.js";
import { type ListenerHost, registerListeners } from "../../src/adapters/slack/listeners.js";
import {
  ASK_ABOUT_MESSAGE_CALLBACK,
  BOT_EVENTS,
  BOT_SCOPES,
  EVENTS_PATH,
  SLASH_COMMAND,
} from "../../src/adapters/slack/registration.js";
import { createSilentLogger } from "../helpers/silent-logger.js";
import { loadRealBot } from "./support/harness.js";

type Manifest = {
  features: {
    app_home: {
      home_tab_enabled: boolean;
      messages_tab_enabled: boolean;
      messages_tab_read_only_enabled: boolean;
    };
    shortcuts: { name: string; type: string; callback_id: string; description: string }[];
    assistant_view: {
      assistant_description: string;
      suggested_prompts?: { title: string; message: string }[];
    };
    slash_commands: {
      command: string;
      url: string;
      description: string;
      usage_hint: string;
      should_escape: boolean;
    }[];
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { request_url: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url: string };
    socket_mode_enabled: boolean;
  };
};

const manifestText = readFileSync(new URL("../../manifest.yml", import.meta.url), "utf8");
const manifest = parse(manifestText) as Manifest;
const schema = JSON.parse(
  readFileSync(
    new URL("./fixtures/slack-manifest-schema/manifest.schema.1.0.0.json", import.meta.url),
    "utf8",
  ),
) as Record<string, unknown>;

/** Records what registerListeners registers, without a Bolt App. */
function registered() {
  const seen = {
    commands: [] as unknown[],
    events: [] as unknown[],
    actions: [] as unknown[],
    shortcuts: [] as unknown[],
    assistants: 0,
  };
  const host = {
    use: () => host,
    command: (name: unknown) => seen.commands.push(name),
    event: (name: unknown) => seen.events.push(name),
    action: (id: unknown) => seen.actions.push(id),
    shortcut: (id: unknown) => seen.shortcuts.push(id),
    assistant: () => {
      seen.assistants += 1;
    },
    error: () => {},
  } as unknown as ListenerHost;
  registerListeners(host, {
    pipeline: { ask: async () => {} },
    getBot: () => {
      throw new Error("not asked while registering");
    },
    dedupe: { claim: async () => true },
    lifecycle: createInFlight(),
    logger: createSilentLogger(),
  });
  return seen;
}

/** Events Bolt's Assistant listens to once registered (its threads arrive as DM messages). */
const ASSISTANT_EVENTS = ["assistant_thread_started", "assistant_thread_context_changed", "message"];

describe("manifest.yml", () => {
  it("is a valid Slack app manifest (slackapi/manifest-schema v1, draft-07)", () => {
    // strict: false because the schema uses a non-standard "regex" keyword.
    const ajv = new Ajv({ strict: false, allErrors: true });
    const validate = ajv.compile(schema);
    const valid = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    const broken = {
      ...manifest,
      display_information: {},
      settings: { ...manifest.settings, socket_mode_enabled: "no" },
    };
    expect(validate(broken)).toBe(false);
  });

  it("declares exactly the command, events and scopes the code registers", () => {
    const seen = registered();
    expect(manifest.features.slash_commands.map((command) => command.command)).toEqual([SLASH_COMMAND]);
    expect(seen.commands).toEqual([SLASH_COMMAND]);
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual([...BOT_EVENTS].sort());
    // Bolt names every `message.*` subscription the `message` event (the listener tells them apart by
    // channel_type); the Assistant takes its own events.
    expect(seen.assistants).toBe(1);
    const listened = new Set([...seen.events, ...ASSISTANT_EVENTS]);
    expect([...listened].sort()).toEqual([...new Set(BOT_EVENTS.map((name) => name.split(".")[0]))].sort());
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...BOT_SCOPES].sort());
    // Channel messages are subscribed for thread follow-ups; the scope each needs is there.
    for (const [event, scope] of [
      ["message.channels", "channels:history"],
      ["message.groups", "groups:history"],
      ["message.mpim", "mpim:history"],
      ["message.im", "im:history"],
    ]) {
      expect(manifest.settings.event_subscriptions.bot_events).toContain(event);
      expect(manifest.oauth_config.scopes.bot).toContain(scope);
    }
    expect(manifest.oauth_config.scopes.bot).toContain("assistant:write");
  });

  it("declares the message shortcut the code registers, the Home tab and the assistant view", () => {
    const seen = registered();
    expect(manifest.features.shortcuts.map((shortcut) => shortcut.callback_id)).toEqual(seen.shortcuts);
    expect(manifest.features.shortcuts).toEqual([
      expect.objectContaining({
        type: "message",
        name: WORDING.askAboutMessage,
        callback_id: ASK_ABOUT_MESSAGE_CALLBACK,
      }),
    ]);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions.bot_events).toContain("app_home_opened");
    expect(manifest.features.assistant_view.assistant_description.length).toBeGreaterThan(0);
  });

  it("points commands, events and interactivity at Bolt's endpoint, with interactivity and the messages tab on", () => {
    const [command] = manifest.features.slash_commands;
    expect(command?.url.endsWith(EVENTS_PATH)).toBe(true);
    expect(command?.should_escape).toBe(false);
    expect(manifest.settings.event_subscriptions.request_url.endsWith(EVENTS_PATH)).toBe(true);
    expect(manifest.settings.interactivity).toMatchObject({ is_enabled: true });
    expect(manifest.settings.interactivity.request_url.endsWith(EVENTS_PATH)).toBe(true);
    expect(manifest.features.app_home).toMatchObject({
      messages_tab_enabled: true,
      messages_tab_read_only_enabled: false,
    });
    expect(manifest.settings.socket_mode_enabled).toBe(false);
  });

  it("uses the answer engine's own intent examples in the usage hint", async () => {
    const bot = await loadRealBot();
    const known = new Set(bot.intents.flatMap((intent) => [intent.name, ...intent.examples]));
    const hint = manifest.features.slash_commands[0]?.usage_hint ?? "";
    const examples = hint
      .replace(/^\[question\] e\.g\. /, "")
      .split(" · ")
      .map((example) => example.trim());
    expect(examples.length).toBeGreaterThan(1);
    for (const example of examples) expect(known).toContain(example);
  });
});
