import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { App, HTTPReceiver, LogLevel } from "@slack/bolt";
import { createRateLimiter } from "../src/adapters/shared/rate-limit.js";
import { createSlackAdapter } from "../src/adapters/slack/index.js";
import { createBot } from "../src/core/bot.js";
import { createLogger } from "../src/logger.js";
import { BOT_TOKEN, SIGNING_SECRET } from "../test/slack/support/harness.js";
import { onRequest, reportReady } from "./ipc.js";
import { loadRealKnowledge } from "./questions.js";
import { type Memory, memory, round } from "./stats.js";

export type SlackServerOptions = { mode: "app" | "bare"; apiUrl: string };

export type ServerStats = {
  /** Log lines the app wrote at each level (the app only; the bare app logs nothing). */
  logLevels: Record<string, number>;
  memory: Memory;
};

export type ServerSample = { rssMB: number; cpuMs: number };

type Running = { port: number; stop(): Promise<void> };

/**
 * A Slack app in HTTP mode on 127.0.0.1 in a process of its own, so the load generator does not share
 * its event loop: `app` is the real adapter answering from the real knowledge, `bare` a Bolt App whose
 * /tpd only acknowledges with a constant text. Serves until the parent sends "stop".
 */
export async function slackServerTask(options: SlackServerOptions): Promise<ServerStats> {
  const logLevels: Record<string, number> = {};
  const running =
    options.mode === "app" ? await startApp(options.apiUrl, logLevels) : await startBare(options.apiUrl);
  await reportReady({ port: running.port });
  await new Promise<void>((resolve) => {
    onRequest(async (command) => {
      if (command === "sample") {
        const cpu = process.cpuUsage();
        return {
          rssMB: round(process.memoryUsage.rss() / 1024 / 1024, 1),
          cpuMs: (cpu.user + cpu.system) / 1000,
        };
      }
      if (command === "memory") return memory();
      if (command === "stop") setImmediate(resolve);
      return null;
    });
  });
  await running.stop();
  return { logLevels, memory: memory() };
}

async function startApp(apiUrl: string, logLevels: Record<string, number>): Promise<Running> {
  // Production logs every answer at info; these lines are counted by level and dropped.
  const destination = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      for (const match of chunk.toString().matchAll(/"level":"(\w+)"/g)) {
        const level = match[1] ?? "?";
        logLevels[level] = (logLevels[level] ?? 0) + 1;
      }
      callback();
    },
  });
  const bot = createBot(await loadRealKnowledge());
  const adapter = createSlackAdapter({
    config: {
      botToken: BOT_TOKEN,
      signingSecret: SIGNING_SECRET,
      appToken: null,
      mode: "http",
      apiUrl,
      port: 0,
    },
    getBot: () => bot,
    logger: createLogger({ level: "info", secrets: [BOT_TOKEN, SIGNING_SECRET], destination }),
    // Limits far above the load, in a short window so the per-team history stays production-sized.
    rateLimiter: createRateLimiter({ perUser: 1_000_000, perTeam: 1_000_000, windowMs: 1000 }),
    healthReport: () => ({ status: "ok" }),
    host: "127.0.0.1",
  });
  await adapter.start();
  return { port: adapter.port() ?? 0, stop: () => adapter.stop() };
}

async function startBare(apiUrl: string): Promise<Running> {
  const receiver = new HTTPReceiver({ signingSecret: SIGNING_SECRET, endpoints: "/slack/events" });
  const app = new App({
    token: BOT_TOKEN,
    receiver,
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: apiUrl },
    convoStore: false,
  });
  app.command("/tpd", async ({ ack }) => {
    await ack("Thanks, working on it.");
  });
  const server = (await app.start({ port: 0, host: "127.0.0.1" })) as Server;
  return {
    port: (server.address() as AddressInfo).port,
    stop: async () => {
      await app.stop();
    },
  };
}
