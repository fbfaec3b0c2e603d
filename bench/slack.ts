import { createHmac } from "node:crypto";
import { Agent, createServer } from "node:http";
import { loadGolden } from "../scripts/golden.js";
import { NOTICES } from "../src/adapters/shared/notices.js";
import {
  close,
  httpRequest,
  listen,
  NODE_OPTIONS,
  type Server,
  sleep,
  startOnce,
  startServer,
  stop,
} from "./harness.js";

const SIGNING_SECRET = "bench-signing-secret-0123456789";
const ACK_TIMEOUT_MS = 10_000;
/** Both plain JavaScript: the bot as `npm start` runs it (its compiled bundle), never through tsx. */
export const [APP_MAIN, BARE_BOLT] = [[...NODE_OPTIONS, "scripts/start.mjs"], ["bench/bare-bolt.mjs"]];

/** How a `/tpd` ended: answered (in the ack or on its response_url), only acknowledged, shed with a notice, or failed. */
export type Outcome = "answer" | "ack" | "notice" | "error";
export type Asked = { due: number; ackMs: number; doneMs: number; outcome: Outcome };
/** A server on the loopback Slack. `ask` sends a signed `/tpd` (a golden question), timed from `due` to its ack and
 * to its answer (the ack when it carries one, else the first post to its response_url, if `waitForAnswer`). */
export type SlackApp = Server & { ask(due: number, waitForAnswer: boolean): Promise<Asked> };

/** Slack on 127.0.0.1 (a Web API that says yes, response_url hooks that hand each post to whoever waits for it)
 * and a server process for each of `mains` pointed at it, with rate limits far above the load. */
export async function startSlack<const M extends string[][]>(mains: M, env: Record<string, string> = {}) {
  const waiting = new Map<string, (body: string) => void>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const hook = /^\/hooks\/(.+)$/.exec(req.url ?? "")?.[1] ?? "";
      waiting.get(hook)?.(Buffer.concat(chunks).toString());
      waiting.delete(hook);
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ ok: true, team_id: "T0BENCH", user_id: "U0BOT", bot_id: "B0BOT" }));
    });
  });
  const base = `http://127.0.0.1:${await listen(server)}`;
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
    const signature = createHmac("sha256", SIGNING_SECRET).update(`v0:${timestamp}:${body}`).digest("hex");
    const headers = {
      "content-type": "application/x-www-form-urlencoded",
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": `v0=${signature}`,
    };
    const request = { port: app.port, path: "/slack/events", method: "POST", agent, headers };
    const ack = await httpRequest({ ...request, timeout: ACK_TIMEOUT_MS }, body);
    const ackMs = performance.now() - due;
    if (ack.status !== 200) return { due, ackMs, doneMs: Number.NaN, outcome: "error" };
    const acked = kind(ack.text);
    if (acked !== "wait") return { due, ackMs, doneMs: ackMs, outcome: acked };
    if (!waitForAnswer) return { due, ackMs, doneMs: ackMs, outcome: "ack" };
    const answer = await Promise.race([posted, sleep(ACK_TIMEOUT_MS).then(() => null)]);
    const said = answer === null ? "error" : kind(answer);
    return { due, ackMs, doneMs: performance.now() - due, outcome: said === "wait" ? "notice" : said };
  };

  const apps: SlackApp[] = [];
  const closeAll = async () => {
    agent.destroy();
    for (const app of apps) await stop(app.child);
    await close(server);
    waiting.clear();
  };
  try {
    startOnce();
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
    await closeAll();
    throw error;
  }
  return { apps: apps as { [K in keyof M]: SlackApp }, close: closeAll };
}

/** What an ack or a post (JSON or plain) says: empty or "Working on it…" waits, a notice sheds, the rest answers. */
function kind(body: string): Outcome | "wait" {
  if (!body.trim()) return "wait";
  const text = body.startsWith("{") ? ((JSON.parse(body) as { text?: string }).text ?? "") : body;
  if (text === NOTICES.working) return "wait";
  const notices: string[] = Object.values(NOTICES);
  return notices.includes(text) || text.startsWith("You're asking faster") ? "notice" : "answer";
}
