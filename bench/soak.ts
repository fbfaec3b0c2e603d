import { startFakeSlack } from "../test/fakes/slack.js";
import { SIGNING_SECRET } from "../test/slack/support/harness.js";
import { type LoadResult, signedLoad } from "./load.js";
import { commandBody, type Deliveries, trackDeliveries, withServer } from "./slack-load.js";
import type { ServerSample } from "./slack-server.js";
import type { SoakCoreResult } from "./soak-core.js";
import { runTask } from "./spawn.js";
import type { Memory } from "./stats.js";

export type SoakOptions = {
  answers: number;
  slackSeconds: number;
  warmupSeconds: number;
  connections: number;
  /** RSS samples taken through each soak. */
  samples: number;
};

export type SlackSoakResult = {
  seconds: number;
  load: LoadResult;
  deliveries: Deliveries;
  /** Log lines at error or fatal level in the app. */
  loggedErrors: number;
  /** Idle after start-up; then after warm-up and at the end, both after a full collection. */
  idleRssMB: number;
  start: Memory;
  end: Memory;
  /** RSS during the load (no collection forced). */
  rssMB: number[];
};

export type SoakResult = { core?: SoakCoreResult; slack?: SlackSoakResult };

export async function soakSection(options: SoakOptions): Promise<SoakResult> {
  const core = await runTask<SoakCoreResult>(
    "soak-core",
    { answers: options.answers, samples: options.samples },
    { timeoutMs: 20 * 60_000 },
  );
  const slack = await slackSoak(options);
  return { core, slack };
}

async function slackSoak(options: SoakOptions): Promise<SlackSoakResult> {
  const slack = await startFakeSlack();
  try {
    const outcome = await withServer({ mode: "app", apiUrl: slack.apiUrl }, async (server, port) => {
      const idle = await server.request<ServerSample>("sample");
      const deliveries = trackDeliveries(slack);
      const load = (seconds: number) =>
        signedLoad({
          port,
          signingSecret: SIGNING_SECRET,
          connections: options.connections,
          seconds,
          body: commandBody(slack),
        });
      await load(options.warmupSeconds);
      await deliveries.settle(0);
      const start = await server.request<Memory>("memory");
      deliveries.reset();
      const rssMB: number[] = [];
      const sampler = setInterval(
        () => void server.request<ServerSample>("sample").then((sample) => rssMB.push(sample.rssMB)),
        Math.max(1000, (options.slackSeconds * 1000) / options.samples),
      );
      const result = await load(options.slackSeconds).finally(() => clearInterval(sampler));
      const counted = await deliveries.settle(result.requests - result.non2xx);
      deliveries.stop();
      const end = await server.request<Memory>("memory");
      return { idleRssMB: idle.rssMB, start, end, rssMB, load: result, deliveries: counted };
    });
    const levels = outcome.stats.logLevels;
    return {
      seconds: options.slackSeconds,
      load: outcome.load,
      deliveries: outcome.deliveries,
      loggedErrors: (levels.error ?? 0) + (levels.fatal ?? 0),
      idleRssMB: outcome.idleRssMB,
      start: outcome.start,
      end: outcome.end,
      rssMB: outcome.rssMB,
    };
  } finally {
    await slack.close();
  }
}
