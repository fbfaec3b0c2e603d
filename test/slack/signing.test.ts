import type { IncomingMessage } from "node:http";
import { Readable } from "node:stream";
import { verifySlackRequest } from "@slack/bolt";
import { afterEach, describe, expect, it, vi } from "vitest";
import { checkSlackRequest } from "../../src/adapters/slack/request-gate.js";
import { slackSignature } from "../fakes/slack-signing.js";

// Slack's published example (docs: verifying requests from Slack), as quoted in shared/platform-notes.md.
const EXAMPLE = {
  secret: "8f742231b10e8888abcd99yyyzzz85a5",
  timestamp: 1531420618,
  body: "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c",
  signature: "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503",
};

const verify =
  (signature: string, timestamp = EXAMPLE.timestamp) =>
  () =>
    verifySlackRequest({
      signingSecret: EXAMPLE.secret,
      body: EXAMPLE.body,
      headers: { "x-slack-signature": signature, "x-slack-request-timestamp": timestamp },
    });

describe("request signing", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("the test signer reproduces Slack's published example", () => {
    expect(slackSignature(EXAMPLE.secret, EXAMPLE.timestamp, EXAMPLE.body)).toBe(EXAMPLE.signature);
  });

  it("Bolt accepts the example within 5 minutes and rejects it when tampered or stale", () => {
    vi.useFakeTimers({ now: (EXAMPLE.timestamp + 60) * 1000 });
    expect(verify(EXAMPLE.signature)).not.toThrow();
    expect(verify(EXAMPLE.signature.replace(/.$/, "0"))).toThrow();
    vi.setSystemTime((EXAMPLE.timestamp + 6 * 60) * 1000);
    expect(verify(EXAMPLE.signature)).toThrow(/stale|old|timestamp/i);
  });
});

/** The example as it reaches the receiver: a form POST with Slack's two headers. */
function exampleRequest(signature: string, body = EXAMPLE.body): IncomingMessage {
  return Object.assign(Readable.from([Buffer.from(body)]), {
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-slack-request-timestamp": String(EXAMPLE.timestamp),
      "x-slack-signature": signature,
    },
  }) as unknown as IncomingMessage;
}

describe("the receiver's own check (the only one: Bolt's is off)", () => {
  const now = (EXAMPLE.timestamp + 60) * 1000;

  it("passes Slack's example, with its form fields", async () => {
    const checked = await checkSlackRequest(exampleRequest(EXAMPLE.signature), EXAMPLE.secret, now);
    expect(checked).toMatchObject({ form: { command: "/webhook-collect", user_id: "U2CERLKJA" } });
  });

  it("refuses it tampered with, signed with another secret, or with a short signature", async () => {
    const tampered = EXAMPLE.body.replace("roadrunner", "coyote");
    for (const request of [
      exampleRequest(EXAMPLE.signature, tampered),
      exampleRequest(slackSignature("another-secret", EXAMPLE.timestamp, EXAMPLE.body)),
      exampleRequest(EXAMPLE.signature.slice(0, -1)),
      exampleRequest(`${EXAMPLE.signature}00`),
      exampleRequest(EXAMPLE.signature.replace("v0=", "v1=")),
      exampleRequest(EXAMPLE.signature.replace("v0=", "")),
      exampleRequest(EXAMPLE.signature.toUpperCase().replace("V0=", "v0=")),
      exampleRequest(""),
    ]) {
      expect(await checkSlackRequest(request, EXAMPLE.secret, now)).toEqual({
        status: 401,
        reason: "bad signature",
      });
    }
  });
});
