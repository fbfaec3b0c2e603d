import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeDiscord, startFakeDiscord } from "../fakes/discord.js";
import { type DiscordRestProxy, startDiscordRestProxy } from "../fakes/discord-rest-proxy.js";
import { type FakeSlack, startFakeSlack } from "../fakes/slack.js";
import { type ProcessResult, runEntry } from "../helpers/run-process.js";
import { SECRETS, secretNeedles } from "./support/secrets.js";

/**
 * Start-up failures through the real process: each names the variable, or the file and field, or the
 * platform and what to check; exits 1; prints a message, not a stack; and never prints a credential.
 */

const slackHttp = {
  SLACK_BOT_TOKEN: SECRETS.SLACK_BOT_TOKEN,
  SLACK_SIGNING_SECRET: SECRETS.SLACK_SIGNING_SECRET,
};
const needles = secretNeedles(Object.values(SECRETS));

/** Each test that talks to Slack gets its own fake, so the concurrent tests cannot see each other's failures. */
const slacks: FakeSlack[] = [];
async function fakeSlack(): Promise<FakeSlack> {
  const slack = await startFakeSlack();
  slacks.push(slack);
  return slack;
}

let discord: FakeDiscord;
let proxy: DiscordRestProxy;
let occupied: Server;
let occupiedPort: number;

beforeAll(async () => {
  discord = await startFakeDiscord();
  proxy = await startDiscordRestProxy(discord.apiUrl);
  occupied = createServer();
  await new Promise<void>((resolve) => occupied.listen(0, "127.0.0.1", resolve));
  occupiedPort = (occupied.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => occupied?.close(() => resolve()));
  await Promise.all([...slacks.map((slack) => slack.close()), proxy?.close()]);
  await discord?.close();
});

function expectStartupFailure(result: ProcessResult, message: RegExp): void {
  expect(result.code, result.stderr).toBe(1);
  const line = result.stderr.split("\n").find((text) => text.startsWith("tpd-bot: cannot start: "));
  expect(line, result.stderr).toMatch(message);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  for (const needle of needles) {
    expect(result.stdout).not.toContain(needle);
    expect(result.stderr).not.toContain(needle);
  }
}

// Each test has its own bot process, so they all run side by side; a start-up that waits out Slack's or
// Discord's retries takes ~9 s alone, and much longer while the whole suite loads the machine.
describe.concurrent("start-up failures through the real process", { timeout: 60_000 }, () => {
  describe("a bad environment stops start-up with exit 1, naming the variable", () => {
    it("reports every bad variable at once, without quoting a value (a bot token pasted as the app token)", async () => {
      // The full table of messages is checked in-process (config.test.ts); this proves the process path.
      const result = await runEntry("src/main.ts", [], {
        env: {
          SLACK_BOT_TOKEN: SECRETS.SLACK_BOT_TOKEN,
          SLACK_APP_TOKEN: SECRETS.SLACK_BOT_TOKEN,
          HEALTH_PORT: "healthz",
          LOG_LEVEL: "loud",
        },
      });
      expectStartupFailure(
        result,
        /LOG_LEVEL: must be one of .*HEALTH_PORT: must be a port number from 0 to 65535; SLACK_APP_TOKEN: must be an app-level token starting with xapp-/,
      );
    });

    it("treats empty and blank variables as unset: with every credential blank it runs the console", async () => {
      const result = await runEntry("src/main.ts", [], {
        input: "korea 6g\n",
        env: {
          SLACK_BOT_TOKEN: "",
          SLACK_SIGNING_SECRET: " ",
          SLACK_APP_TOKEN: "",
          DISCORD_TOKEN: "\t",
          HEALTH_PORT: "",
          LOG_LEVEL: "",
          PORT: "",
        },
      });
      expect(result.code).toBe(0);
      expect(result.stdout).toContain("6G telecommunications");
      expect(result.stderr).toBe("");
    });
  });

  describe("a missing knowledge folder or an unreachable platform stops start-up with exit 1", () => {
    it("names the knowledge file that cannot be read", async () => {
      const result = await runEntry("src/main.ts", [], { env: { KNOWLEDGE_DIR: "/nonexistent/knowledge" } });
      expectStartupFailure(result, /\/nonexistent\/knowledge\/sources\.yaml: cannot be read \(ENOENT\)/);
    });

    it("names Slack and the variables to check when auth.test fails, even if Slack echoes the token", async () => {
      const slack = await fakeSlack();
      slack.failNext("auth.test", `invalid_auth ${SECRETS.SLACK_BOT_TOKEN}`);
      const result = await runEntry("src/main.ts", [], {
        env: { ...slackHttp, SLACK_API_URL: slack.apiUrl, PORT: "0" },
      });
      expectStartupFailure(result, /Slack did not start: .*invalid_auth.*\(check SLACK_BOT_TOKEN/);
      const fatal = result.stdout
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { level: string; msg: string });
      expect(fatal.at(-1)).toMatchObject({ level: "fatal", msg: "cannot start" });
    });

    it("names Discord and DISCORD_TOKEN when Discord refuses the token", async () => {
      proxy.fail("GET", /\/gateway\/bot$/, 401, { message: "401: Unauthorized", code: 0 });
      const result = await runEntry("src/main.ts", [], {
        env: { DISCORD_TOKEN: SECRETS.DISCORD_TOKEN, DISCORD_API_URL: proxy.apiUrl },
      });
      expectStartupFailure(result, /Discord did not start: .*\(check DISCORD_TOKEN/);
    });

    it("names HEALTH_PORT when its port is taken", async () => {
      const slack = await fakeSlack();
      const result = await runEntry("src/main.ts", [], {
        env: { ...slackHttp, SLACK_API_URL: slack.apiUrl, PORT: "0", HEALTH_PORT: String(occupiedPort) },
      });
      expectStartupFailure(result, /health server on HEALTH_PORT: .*EADDRINUSE/);
    });
  });
});
