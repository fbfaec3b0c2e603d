import { createHmac } from "node:crypto";
import { once } from "node:events";
import { Agent, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { loadGolden } from "../scripts/golden.js";
import { NOTICES } from "../src/adapters/shared/notices.js";
import { httpRequest, runToEnd, type Server, startServer, stop } from "./processes.js";

const SIGNING_SECRET = "bench-signing-secret-0123456789";
const ACK_TIMEOUT_MS = 10_000;
/** Both plain JavaScript: the bot as `npm start` runs it (its compiled bundle), never through tsx. */
export const [APP_MAIN, BARE_BOLT] = [["scripts/start.mjs"], ["bench/bare-bolt.mjs"]];

/** How a `/tpd` ended: answered (in the ack or on its response_url), only acknowledged, shed with a notice, or failed. */
export type Outcome = "answer" | "ack" | "notice" | "error";
export type Asked = { ackMs: number; doneMs: number; outcome: Outcome };
/**
 * A server process on the loopback Slack. `ask` sends it one signed `/tpd` (a golden question) as Slack does
 * and times it from `due` (when it was meant to leave, so waiting for a connection counts): `ackMs` to the
 * HTTP acknowledgement, `doneMs` to the answer, which is the ack itself when it carries one, else the first
 * post to the command's response_url (not waited for unless `waitForAnswer`).
 */
export type SlackApp = Server & { ask(due: number, waitForAnswer: boolean): Promise<Asked> };

/**
 * Slack on 127.0.0.1 for the slack and reload sections: a Web API that says yes (auth.test with ids),
 * response_url hooks that hand each post to whoever waits for it, and a process for each of `mains` (the app
 * as `npm start` runs it in Slack HTTP mode, the bare Bolt app) pointed at it, with limits far above the load.
 * Unlike the test fakes it records nothing. `close` stops every process and the loopback server.
 */
export async function startSlack<const M extends string[][]>(mains: M, env: Record<string, string> = {}) {
  const waiting = new Map<string, (text: string) => void>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const hook = /^\/hooks\/(.+)$/.exec(req.url ?? "")?.[1];
      if (hook) {
        const body = JSON.parse(Buffer.concat(chunks).toString() || "{}") as { text?: string };
        waiting.get(hook)?.(body.text ?? "");
        waiting.delete(hook);
      }
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ ok: true, team_id: "T0BENCH", user_id: "U0BOT", bot_id: "B0BOT" }));
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const agent = new Agent({ keepAlive: true, maxSockets: 1000, scheduling: "fifo" });
  const questions = loadGolden().map((row) => row.q);
  const ask = async (app: Server, n: number, due: number, waitForAnswer: boolean): Promise<Asked> => {
    const hook = `${app.port}-${n}`;
    const posted = new Promise<string>((resolve) => waiting.set(hook, resolve));
    const body = new URLSearchParams({
      token: "bench",
      team_id: `T${n % 20}`,
      user_id: `U${n % 1000}`,
      channel_id: "C0BENCH",
      command: "/tpd",
      text: questions[n % questions.length] ?? "help",
      api_app_id: "A0BENCH",
      response_url: `${base}/hooks/${hook}`,
      trigger_id: `${hook}.1.bench`,
    }).toString();
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = {
      "content-type": "application/x-www-form-urlencoded",
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": `v0=${createHmac("sha256", SIGNING_SECRET).update(`v0:${timestamp}:${body}`).digest("hex")}`,
    };
    const request = { port: app.port, path: "/slack/events", method: "POST", agent, headers };
    const ack = await httpRequest({ ...request, timeout: ACK_TIMEOUT_MS }, body);
    const ackMs = performance.now() - due;
    if (ack.status !== 200) return { ackMs, doneMs: Number.NaN, outcome: "error" };
    const acked = kind(ackText(ack.text));
    if (acked !== "wait") return { ackMs, doneMs: ackMs, outcome: acked };
    if (!waitForAnswer) return { ackMs, doneMs: ackMs, outcome: "ack" };
    const answer = await Promise.race([posted, sleep(ACK_TIMEOUT_MS).then(() => null)]);
    const said = answer === null ? "error" : kind(answer);
    return { ackMs, doneMs: performance.now() - due, outcome: said === "wait" ? "notice" : said };
  };

  const apps: SlackApp[] = [];
  const close = async () => {
    agent.destroy();
    for (const app of apps) await stop(app.child);
    await new Promise((resolve) => server.close(resolve));
    waiting.clear();
  };
  try {
    // Builds the bot if its sources changed; answers, so that a code cache it saves covers answering too
    runToEnd("node scripts/start.mjs", `${questions[0]}\n`);
    for (const main of mains) {
      const app = await startServer(main, {
        SLACK_BOT_TOKEN: "xoxb-bench-token-0123456789",
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: `${base}/api/`,
        RATE_LIMIT_PER_USER: "1000000",
        RATE_LIMIT_PER_TEAM: "1000000",
        LOG_LEVEL: "info",
        ...env,
      });
      let asked = 0; // each server counts its own requests, so that each cycles evenly through the questions
      apps.push({ ...app, ask: (due, waitForAnswer) => ask(app, ++asked, due, waitForAnswer) });
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { apps: apps as { [K in keyof M]: SlackApp }, close };
}

/** The text an acknowledgement carries: null for an empty ack, else its text (JSON or plain). */
function ackText(body: string): string | null {
  if (!body.trim()) return null;
  try {
    return (JSON.parse(body) as { text?: string }).text ?? "";
  } catch {
    return body;
  }
}

/**
 * An empty ack or "Working on it…" means wait (the answer follows); other notices shed the request;
 * anything else answers.
 */
function kind(text: string | null): Outcome | "wait" {
  if (text === null || text === NOTICES.working) return "wait";
  const notices: string[] = Object.values(NOTICES);
  return notices.includes(text) || text.startsWith("You're asking faster") ? "notice" : "answer";
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
