import { Worker } from "node:worker_threads";
import type { SentRequest } from "../../fakes/slack-client.js";
import { slackSignature } from "../../fakes/slack-signing.js";

/**
 * Sends many signed commands at once from a worker thread: its own event loop, so a bot busy answering
 * (in the test's thread) cannot slow the sending down, and each acknowledgement is timed as Slack would.
 */
export async function floodCommands(
  baseUrl: string,
  signingSecret: string,
  commands: Array<Record<string, string>>,
): Promise<SentRequest[]> {
  const timestamp = Math.floor(Date.now() / 1000);
  const requests = commands.map((fields) => {
    const body = new URLSearchParams(fields).toString();
    return { body, signature: slackSignature(signingSecret, timestamp, body) };
  });
  const worker = new Worker(SENDER, {
    eval: true,
    workerData: { url: `${baseUrl}/slack/events`, timestamp, requests },
  });
  try {
    const [sent] = (await new Promise((resolve, reject) => {
      worker.once("message", (message) => resolve([message]));
      worker.once("error", reject);
    })) as [SentRequest[]];
    return sent;
  } finally {
    await worker.terminate();
  }
}

/**
 * Opens one keep-alive connection per request first (concurrent GET /healthz), then writes every command on
 * them in one go: the flood reaches the bot together even when this thread gets little of a loaded CPU.
 */
const SENDER = `
const http = require("node:http");
const { parentPort, workerData } = require("node:worker_threads");
const { url, timestamp, requests } = workerData;
const target = new URL(url);
const agent = new http.Agent({ keepAlive: true, maxSockets: requests.length });
const send = (method, path, headers, body) =>
  new Promise((resolve) => {
    const started = performance.now();
    const req = http.request({ host: target.hostname, port: target.port, path, method, headers, agent }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode, body: text, ms: performance.now() - started }));
    });
    req.on("error", () => resolve({ status: 0, body: "", ms: performance.now() - started }));
    req.end(body);
  });
Promise.all(requests.map(() => send("GET", "/healthz", {}, "")))
  .then(() =>
    Promise.all(
      requests.map(({ body, signature }) =>
        send("POST", target.pathname, {
          "content-type": "application/x-www-form-urlencoded",
          "x-slack-request-timestamp": String(timestamp),
          "x-slack-signature": signature,
        }, body),
      ),
    ),
  )
  .then((sent) => {
    agent.destroy();
    parentPort.postMessage(sent);
  });
`;
