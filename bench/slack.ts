import { createHmac } from "node:crypto";
import { once } from "node:events";
import { Agent, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { loadGolden } from "../scripts/golden.js";
import { NOTICES } from "../src/adapters/shared/notices.js";
import { httpRequest, type Server, TSX } from "./processes.js";

const SIGNING_SECRET = "bench-signing-secret-0123456789";
const ACK_TIMEOUT_MS = 10_000;
export const APP_MAIN = [...TSX, "src/main.ts"];

/** How a `/tpd` ended: answered (in the ack or on its response_url), only acknowledged, shed with a notice, or failed. */
export type Outcome = "answer" | "ack" | "notice" | "error";
export type Asked = { ackMs: number; doneMs: number; outcome: Outcome };

/**
 * What the bench needs of Slack on 127.0.0.1: a Web API that says yes (auth.test with ids) and response_url
 * hooks that hand each post to whoever waits for it. Unlike the test fakes it records nothing.
 */
export async function startLoopbackSlack() {
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
  let next = 0;
  return {
    /** The app as `npm start` would run it in Slack HTTP mode, with limits far above the load. */
    appEnv: (extra: Record<string, string> = {}): Record<string, string> => ({
      SLACK_BOT_TOKEN: "xoxb-bench-token-0123456789",
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: `${base}/api/`,
      RATE_LIMIT_PER_USER: "1000000",
      RATE_LIMIT_PER_TEAM: "1000000",
      LOG_LEVEL: "info",
      ...extra,
    }),
    /** A fresh response_url and the promise of the first text posted to it. */
    hook(): { url: string; posted: Promise<string> } {
      next += 1;
      const id = String(next);
      return { url: `${base}/hooks/${id}`, posted: new Promise((resolve) => waiting.set(id, resolve)) };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())).then(() => waiting.clear()),
  };
}
export type LoopbackSlack = Awaited<ReturnType<typeof startLoopbackSlack>>;

/**
 * Sends one signed `/tpd` (a golden question) as Slack does and times it from `due` (when it was meant to
 * leave, so waiting for a connection counts): `ackMs` to the HTTP acknowledgement, `doneMs` to the answer,
 * which is the ack itself when it carries one, else the first post to the command's response_url.
 */
export function createAsker(server: Server, slack: LoopbackSlack) {
  const questions = loadGolden().map((row) => row.q);
  const agent = new Agent({ keepAlive: true, maxSockets: 1000, scheduling: "fifo" });
  let sent = 0;
  const ask = async (due: number, waitForAnswer: boolean): Promise<Asked> => {
    sent += 1;
    const hook = slack.hook();
    const body = new URLSearchParams({
      token: "bench",
      team_id: `T${sent % 20}`,
      user_id: `U${sent % 1000}`,
      channel_id: "C0BENCH",
      command: "/tpd",
      text: questions[sent % questions.length] ?? "help",
      api_app_id: "A0BENCH",
      response_url: hook.url,
      trigger_id: `${sent}.1.bench`,
    }).toString();
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = createHmac("sha256", SIGNING_SECRET).update(`v0:${timestamp}:${body}`).digest("hex");
    const headers = {
      "content-type": "application/x-www-form-urlencoded",
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": `v0=${signature}`,
    };
    const options = { port: server.port, path: "/slack/events", method: "POST", agent, headers };
    const ack = await httpRequest({ ...options, timeout: ACK_TIMEOUT_MS }, body);
    const ackMs = performance.now() - due;
    if (ack.status !== 200) return { ackMs, doneMs: Number.NaN, outcome: "error" };
    const acked = kind(ackText(ack.text));
    if (acked !== "wait") return { ackMs, doneMs: ackMs, outcome: acked };
    if (!waitForAnswer) return { ackMs, doneMs: ackMs, outcome: "ack" };
    const posted = await Promise.race([hook.posted, sleep(ACK_TIMEOUT_MS).then(() => null)]);
    const said = posted === null ? "error" : kind(posted);
    return { ackMs, doneMs: performance.now() - due, outcome: said === "wait" ? "notice" : said };
  };
  return { ask, close: () => agent.destroy() };
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
