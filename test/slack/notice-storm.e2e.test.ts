import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BOT_USER_ID } from "../fakes/slack.js";
import { envelope, type Harness, loadRealBot, startHarness } from "./support/harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ bot: await loadRealBot(), perUser: 2, perTeam: 1000 });
});
afterAll(async () => {
  await h?.close();
});

const mention = (user: string, ts: string, text = "korea 6g") =>
  envelope({ type: "app_mention", user, text: `<@${BOT_USER_ID}> ${text}`, ts, channel: "C0STORM01" });

describe("one user's storm of mentions", () => {
  it("gets one slow-down notice per window, and Slack rate-limiting that notice never delays another user's answer", async () => {
    // Slack answers the notice with 429 and a long Retry-After; a client that paused for it would hold every answer.
    h.slack.rateLimit("chat.postEphemeral", 30);
    try {
      await Promise.all(Array.from({ length: 20 }, (_, i) => h.client.event(mention("U0STORM01", `7.${i}`))));
      await h.slack.waitFor(
        () => h.logs.lines.filter((line) => line.msg === "rate limited").length >= 18 || null,
      );
      await h.slack.waitFor(() => h.slack.callsTo("chat.postEphemeral")[0]);

      const started = performance.now();
      await h.client.event(mention("U0CALM001", "8.1", "japan fusion"));
      const answer = await h.slack.waitFor(() =>
        h.slack.callsTo("chat.postMessage").find((call) => call.params.thread_ts === "8.1"),
      );
      expect(answer.params.blocks).toBeDefined();
      expect(performance.now() - started).toBeLessThan(5000);

      const notices = h.slack.callsTo("chat.postEphemeral");
      expect(notices.map((call) => call.params.user)).toEqual(["U0STORM01"]);
      const limited = h.logs.lines.filter((line) => line.msg === "rate limited");
      expect(limited.filter((line) => line.notified === true)).toHaveLength(1);
    } finally {
      h.slack.rateLimit("chat.postEphemeral", null);
    }
  });
});
