import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { createInFlight } from "../../src/adapters/shared/in-flight.js";
import { type ListenerHost, registerListeners } from "../../src/adapters/slack/listeners.js";
import { BOT_EVENTS, BOT_SCOPES, EVENTS_PATH, SLASH_COMMAND } from "../../src/adapters/slack/registration.js";
import { createSilentLogger } from "../../src/logger.js";
import { loadRealBot } from "./support/harness.js";

type Manifest = {
  features: {
    app_home: { messages_tab_enabled: boolean; messages_tab_read_only_enabled: boolean };
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
  const seen = { commands: [] as unknown[], events: [] as unknown[], actions: [] as unknown[] };
  const host = {
    use: () => host,
    command: (name: unknown) => seen.commands.push(name),
    event: (name: unknown) => seen.events.push(name),
    action: (id: unknown) => seen.actions.push(id),
    error: () => {},
  } as unknown as ListenerHost;
  registerListeners(host, {
    pipeline: { ask: async () => {} },
    dedupe: { claim: async () => true },
    lifecycle: createInFlight(),
    logger: createSilentLogger(),
  });
  return seen;
}

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
    // Bolt names `message.im` as the `message` event (filtered to channel_type "im" in the listener).
    expect([...seen.events].sort()).toEqual(BOT_EVENTS.map((name) => name.split(".")[0]).sort());
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...BOT_SCOPES].sort());
    expect(manifest.settings.event_subscriptions.bot_events).not.toContain("message.channels");
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
