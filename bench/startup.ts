import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { type FakeSlack, startFakeSlack } from "../test/slack/support/fake-slack.js";
import { BOT_TOKEN, commandFields, SIGNING_SECRET } from "../test/slack/support/harness.js";
import { createSlackClient } from "../test/slack/support/slack-client.js";
import { cleanEnv, freePort, REPO, runTask, stopChild } from "./spawn.js";
import type { StartupProbe } from "./startup-probe.js";
import { median, round } from "./stats.js";

export type StartupOptions = { runs: number };

export type Timings = { runs: number; medianMs: number; maxMs: number; samples: number[] };

export type StartupResult = {
  /** `node -e 0` and `node --import tsx -e 0`: the floor under every start-up below. */
  floor: { node: Timings; nodeTsx: Timings };
  /** Spawn → the answer to a piped "korea 6g" on stdout. */
  console: Timings;
  /** Spawn → GET /healthz 200, and → a signed /tpd answered on its response_url. */
  slackHealthy: Timings;
  slackFirstAnswer: Timings;
  /** Where one fresh process spends its start-up (median of the runs), step by step. */
  breakdown: StartupProbe;
};

const MAIN = ["--import", "tsx", "src/main.ts"];
const RUN_LIMIT_MS = 30_000;

export async function startupSection(options: StartupOptions): Promise<StartupResult> {
  // One unmeasured start first: tsx compiles into its cache, as it would have on any deployed machine.
  await consoleRun();
  const repeat = async (run: () => Promise<number>) => {
    const samples: number[] = [];
    for (let i = 0; i < options.runs; i++) samples.push(await run());
    return timings(samples);
  };
  const floor = {
    node: await repeat(() => exitRun(["-e", "0"])),
    nodeTsx: await repeat(() => exitRun(["--import", "tsx", "-e", "0"])),
  };
  const consoleTimes = await repeat(consoleRun);
  const slack = await startFakeSlack();
  try {
    const healthy: number[] = [];
    const answered: number[] = [];
    for (let i = 0; i < options.runs; i++) {
      const run = await slackRun(slack);
      healthy.push(run.healthyMs);
      answered.push(run.answeredMs);
    }
    const probes: StartupProbe[] = [];
    for (let i = 0; i < options.runs; i++)
      probes.push(await runTask<StartupProbe>("startup-probe", {}, { timeoutMs: RUN_LIMIT_MS }));
    const breakdown: StartupProbe = {};
    for (const step of Object.keys(probes[0] ?? {}))
      breakdown[step] = median(probes.map((probe) => probe[step] ?? 0));
    return {
      floor,
      console: consoleTimes,
      slackHealthy: timings(healthy),
      slackFirstAnswer: timings(answered),
      breakdown,
    };
  } finally {
    await slack.close();
  }
}

function timings(samples: number[]): Timings {
  const rounded = samples.map((ms) => round(ms, 1));
  return {
    runs: samples.length,
    medianMs: round(median(samples), 1),
    maxMs: Math.max(...rounded),
    samples: rounded,
  };
}

async function exitRun(args: string[]): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: REPO, stdio: "ignore" });
  await once(child, "exit");
  return performance.now() - started;
}

/** The console with "korea 6g" piped in, timed to the line that starts the answer. */
async function consoleRun(): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, MAIN, {
    cwd: REPO,
    env: cleanEnv(),
    stdio: ["pipe", "pipe", "ignore"],
  });
  const timer = setTimeout(() => child.kill("SIGKILL"), RUN_LIMIT_MS);
  child.stdin.end("korea 6g\n");
  try {
    for await (const line of createInterface({ input: child.stdout })) {
      if (/korea/i.test(line)) return performance.now() - started;
    }
    throw new Error("the console ended without answering");
  } finally {
    clearTimeout(timer);
    await stopChild(child);
  }
}

/** src/main.ts in Slack HTTP mode against the fake Slack: until /healthz is 200, then until /tpd is answered. */
async function slackRun(slack: FakeSlack): Promise<{ healthyMs: number; answeredMs: number }> {
  const port = await freePort();
  const env = cleanEnv({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    PORT: String(port),
    LOG_LEVEL: "warn",
  });
  const base = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = spawn(process.execPath, MAIN, { cwd: REPO, env, stdio: ["ignore", "ignore", "ignore"] });
  const exited = once(child, "exit");
  try {
    const deadline = started + RUN_LIMIT_MS;
    let healthyMs = 0;
    while (healthyMs === 0) {
      if (performance.now() > deadline || child.exitCode !== null)
        throw new Error("Slack mode did not become healthy");
      const status = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(1000) }).then(
        (response) => response.status,
        () => 0,
      );
      if (status === 200) healthyMs = performance.now() - started;
      else await new Promise((resolve) => setTimeout(resolve, 5));
    }
    slack.reset();
    const fields = commandFields(slack, "korea 6g");
    const reply = await createSlackClient({ baseUrl: base, signingSecret: SIGNING_SECRET }).command(fields);
    if (reply.status !== 200) throw new Error(`/tpd was answered ${reply.status}`);
    await slack.waitFor(() => slack.hooks.length > 0, 10_000);
    return { healthyMs, answeredMs: performance.now() - started };
  } finally {
    await Promise.race([stopChild(child), exited]);
  }
}
