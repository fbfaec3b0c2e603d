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

const SENDER = `
const { parentPort, workerData } = require("node:worker_threads");
const { url, timestamp, requests } = workerData;
Promise.all(
  requests.map(async ({ body, signature }) => {
    const started = performance.now();
    const response = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-slack-request-timestamp": String(timestamp),
        "x-slack-signature": signature,
      },
      body,
    });
    const text = await response.text();
    return { status: response.status, body: text, ms: performance.now() - started };
  }),
).then((sent) => parentPort.postMessage(sent));
`;
