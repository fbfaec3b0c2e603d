import { NOTICES } from "../src/adapters/shared/notices.js";
import { type FakeSlack, startFakeSlack } from "../test/fakes/slack.js";
import { commandFields, SIGNING_SECRET } from "../test/slack/support/harness.js";
import { type LoadResult, signedLoad } from "./load.js";
import { pacedLoad } from "./paced.js";
import { goldenQuestions } from "./questions.js";
import type { ServerSample, ServerStats, SlackServerOptions } from "./slack-server.js";
import { startTask, type TaskProcess } from "./spawn.js";
import { round } from "./stats.js";

export type SlackLoadOptions = {
  connections: number;
  warmupSeconds: number;
  seconds: number;
  /** The paced runs send this share of the real app's flat-out requests/s, evenly spaced, to both apps. */
  pacedFraction: number;
};

export type Run = LoadResult & {
  /** CPU used by the server process over the run, as a share of one core. */
  serverCpu: number;
  /** The server's RSS as the run ended. */
  serverRssMB: number;
};

export type ModeResult = {
  saturated: Run;
  paced: Run;
  /** The app only: answers that reached the response_url, and error notices among what arrived there. */
  deliveries?: Deliveries;
  stats: ServerStats;
};

export type SlackLoadResult = {
  connections: number;
  app: ModeResult;
  bare: ModeResult;
  pacedRate: number;
  /** app ÷ bare. */
  ratio: { saturatedRps: number; saturatedP99: number; pacedP99: number };
};

export type Deliveries = { answers: number; errorNotices: number; missing: number };

export async function slackLoadSection(options: SlackLoadOptions): Promise<SlackLoadResult> {
  const slack = await startFakeSlack();
  try {
    const spec = (port: number, seconds: number) => ({
      port,
      signingSecret: SIGNING_SECRET,
      connections: options.connections,
      seconds,
      body: commandBody(slack),
    });
    const load = (port: number, seconds: number) => signedLoad(spec(port, seconds));
    const paced = (port: number, seconds: number, rate: number) =>
      pacedLoad({ ...spec(port, seconds), rate });

    let pacedRate = 0;
    const app = await withServer({ mode: "app", apiUrl: slack.apiUrl }, async (server, port) => {
      const deliveries = trackDeliveries(slack);
      await load(port, options.warmupSeconds);
      await deliveries.settle(0);
      deliveries.reset();
      const saturated = await measured(server, () => load(port, options.seconds));
      pacedRate = Math.max(1, Math.round(saturated.rps * options.pacedFraction));
      const steady = await measured(server, () => paced(port, options.seconds, pacedRate));
      const answered = saturated.requests + steady.requests - saturated.non2xx - steady.non2xx;
      const counted = await deliveries.settle(answered);
      deliveries.stop();
      return { saturated, paced: steady, deliveries: counted };
    });
    const bare = await withServer({ mode: "bare", apiUrl: slack.apiUrl }, async (server, port) => {
      await load(port, options.warmupSeconds);
      const saturated = await measured(server, () => load(port, options.seconds));
      const steady = await measured(server, () => paced(port, options.seconds, pacedRate));
      return { saturated, paced: steady };
    });
    return {
      connections: options.connections,
      app,
      bare,
      pacedRate,
      ratio: {
        saturatedRps: round(app.saturated.rps / bare.saturated.rps, 2),
        saturatedP99: round(app.saturated.latencyMs.p99 / bare.saturated.latencyMs.p99, 2),
        pacedP99: round(app.paced.latencyMs.p99 / bare.paced.latencyMs.p99, 2),
      },
    };
  } finally {
    await slack.close();
  }
}

/** A fresh /tpd body per request: golden questions in turn, 1000 users over 20 workspaces. */
export function commandBody(slack: FakeSlack): (i: number) => string {
  const questions = goldenQuestions();
  return (i) => {
    const user = `U${String(i % 1000).padStart(8, "0")}`;
    const fields = commandFields(slack, questions[i % questions.length] ?? "help", user);
    fields.team_id = `T${String(i % 20).padStart(8, "0")}`;
    return new URLSearchParams(fields).toString();
  };
}

type Server = TaskProcess<ServerStats>;

/** Starts a Slack server process, runs `work` against it, stops it and returns both outcomes. */
export async function withServer<T>(
  options: SlackServerOptions,
  work: (server: Server, port: number) => Promise<T>,
): Promise<T & { stats: ServerStats }> {
  const server = startTask<ServerStats>("slack-server", options, {
    timeoutMs: 30 * 60_000,
    nodeArgs: process.env.BENCH_PROFILE_SERVER ? ["--cpu-prof", "--cpu-prof-dir=/tmp/prof-slack"] : [],
  });
  try {
    const { port } = (await server.ready) as { port: number };
    const outcome = await work(server, port);
    await server.request("stop");
    return { ...outcome, stats: await server.result };
  } catch (error) {
    server.child.kill("SIGKILL");
    throw error;
  }
}

export async function measured(server: Server, run: () => Promise<LoadResult>): Promise<Run> {
  const before = await server.request<ServerSample>("sample");
  const started = performance.now();
  const result = await run();
  const after = await server.request<ServerSample>("sample");
  const serverCpu = round((after.cpuMs - before.cpuMs) / (performance.now() - started), 2);
  return { ...result, serverCpu, serverRssMB: after.rssMB };
}

/**
 * Counts what the app posts to response_urls and empties the fake's record as it goes, so a long run
 * does not pile up every answer in memory.
 */
export function trackDeliveries(slack: FakeSlack) {
  let answers = 0;
  let errorNotices = 0;
  const drain = () => {
    for (const hook of slack.hooks) {
      const text = String(hook.body.text ?? "");
      if (text === NOTICES.error || text.startsWith("You're asking faster")) errorNotices += 1;
      else answers += 1;
    }
    slack.reset();
  };
  const timer = setInterval(drain, 200);
  return {
    reset() {
      drain();
      answers = 0;
      errorNotices = 0;
    },
    /** Waits (up to 10 s) until at least `expected` posts have arrived. */
    async settle(expected: number): Promise<Deliveries> {
      const deadline = Date.now() + 10_000;
      drain();
      while (answers + errorNotices < expected && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        drain();
      }
      return { answers, errorNotices, missing: Math.max(0, expected - answers - errorNotices) };
    },
    stop() {
      clearInterval(timer);
      drain();
    },
  };
}
