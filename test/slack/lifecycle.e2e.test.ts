import { afterEach, describe, expect, it } from "vitest";
import { NOTICES } from "../../src/adapters/shared/notices.js";
import { ANSWERING_DEFAULTS } from "../../src/config.js";
import {
  ackBody,
  commandFields,
  envelope,
  type Harness,
  hookOf,
  loadRealBot,
  startHarness,
} from "./support/harness.js";

let h: Harness | null = null;
/** Answers slower than the budget: acknowledged with "Working on it…", then posted to the response_url. */
const HELD = { answering: { ...ANSWERING_DEFAULTS, budgetMs: 50 }, answerDelayMs: 600 };
afterEach(async () => {
  await h?.close();
  h = null;
});

describe("stopping the Slack adapter", () => {
  it("stops taking new work, lets the answer in flight finish, then closes the port", async () => {
    h = await startHarness({ bot: await loadRealBot(), shutdownGraceMs: 3000, ...HELD });
    const harness = h;
    harness.slack.delayHooks(300);
    const inFlight = commandFields(harness.slack, "korea 6g");
    const ack = await harness.client.command(inFlight);
    expect(ack.status).toBe(200);
    expect(ackBody(ack)).toEqual({ response_type: "ephemeral", text: NOTICES.working });
    await harness.slack.waitFor(() => harness.slack.hooks.find((post) => post.hook === hookOf(inFlight)));

    const started = performance.now();
    const stopping = harness.adapter.stop();
    expect(harness.adapter.health().up).toBe(false);
    expect((await fetch(`${harness.baseUrl}/healthz`)).status).toBe(503);
    // Events are turned away unacknowledged so Slack redelivers them; commands get a short note.
    const event = await harness.client.event(
      envelope({ type: "app_mention", user: "U1", text: "korea", ts: "8.1", channel: "C1" }),
    );
    expect(event.status).toBe(503);
    const late = await harness.client.command(commandFields(harness.slack, "korea 6g"));
    expect(JSON.parse(late.body)).toEqual({ response_type: "ephemeral", text: NOTICES.restarting });

    await stopping;
    expect(performance.now() - started).toBeGreaterThanOrEqual(200);
    const answered = harness.logs.lines.find((line) => line.msg === "answered" && line.via === "command");
    expect(answered).toMatchObject({ delivered: true });
    expect(harness.slack.callsTo("chat.postMessage")).toEqual([]);
    await expect(fetch(`${harness.baseUrl}/healthz`)).rejects.toThrow();
  });

  it("waits for answers in flight only up to the grace period", async () => {
    h = await startHarness({ bot: await loadRealBot(), shutdownGraceMs: 150, ...HELD });
    const harness = h;
    harness.slack.delayHooks(2000);
    const fields = commandFields(harness.slack, "korea 6g");
    expect(ackBody(await harness.client.command(fields)).text).toBe(NOTICES.working);
    await harness.slack.waitFor(() => harness.slack.hooks.find((post) => post.hook === hookOf(fields)));
    const started = performance.now();
    await harness.adapter.stop();
    expect(performance.now() - started).toBeLessThan(1500);
    expect(harness.logs.lines.some((line) => line.msg === "stopping with answers still in progress")).toBe(
      true,
    );
  });
});
