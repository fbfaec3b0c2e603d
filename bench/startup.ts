import { spawn } from "node:child_process";
import { once } from "node:events";
import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { type FakeSlack, startFakeSlack } from "../test/fakes/slack.js";
import { createSlackClient } from "../test/fakes/slack-client.js";
import { BOT_TOKEN, commandFields, SIGNING_SECRET } from "../test/slack/support/harness.js";
import { cleanEnv, freePort, REPO, runTask, stopChild } from "./spawn.js";
import type { StartupProbe } from "./startup-probe.js";
import { median, round } from "./stats.js";

export type StartupOptions = { runs: number };

export type Timings = { runs: number; medianMs: number; maxMs: number; samples: number[] };

export type Variant = {
  /** Spawn → the answer to a piped "korea 6g" on stdout. */
  console: Timings;
  /** Spawn → GET /healthz 200, and → a signed /tpd answered on its response_url. */
  slackHealthy: Timings;
  slackFirstAnswer: Timings;
  /** RSS of the Slack HTTP process once it has answered (median). */
  slackRssMB: number | null;
};

export type StartupResult = {
  /** `node -e 0` and `node --import tsx -e 0`: the floor under every start-up below. */
  floor: { node: Timings; nodeTsx: Timings };
  /** As `npm start` runs it: node --import tsx src/main.ts. */
  tsx: Variant;
  /** The same code bundled beforehand with esbuild (dependencies left in node_modules): node main.js. */
  bundled: Variant | null;
  /** Where one fresh process spends its start-up (median of the runs), step by step. */
  breakdown: StartupProbe;
};

const TSX_MAIN = ["--import", "tsx", "src/main.ts"];
const BUNDLE_DIR = join(REPO, "node_modules", ".cache", "tpd-bench");
const BUNDLE_MAIN = [join(BUNDLE_DIR, "main.js")];
const RUN_LIMIT_MS = 30_000;

export async function startupSection(options: StartupOptions): Promise<StartupResult> {
  const repeat = async (run: () => Promise<number>) => {
    const samples: number[] = [];
    for (let i = 0; i < options.runs; i++) samples.push(await run());
    return timings(samples);
  };
  const floor = {
    node: await repeat(() => exitRun(["-e", "0"])),
    nodeTsx: await repeat(() => exitRun(["--import", "tsx", "-e", "0"])),
  };
  const slack = await startFakeSlack();
  try {
    // One unmeasured start first: tsx compiles into its cache, as it would have on any deployed machine.
    await consoleRun(TSX_MAIN);
    const tsx = await variant(TSX_MAIN, slack, options.runs);
    const bundled = (await bundle()) ? await variant(BUNDLE_MAIN, slack, options.runs) : null;
    const probes: StartupProbe[] = [];
    for (let i = 0; i < options.runs; i++) {
      probes.push(await runTask<StartupProbe>("startup-probe", {}, { timeoutMs: RUN_LIMIT_MS }));
    }
    const breakdown: StartupProbe = {};
    for (const step of Object.keys(probes[0] ?? {})) {
      breakdown[step] = median(probes.map((probe) => probe[step] ?? 0));
    }
    return { floor, tsx, bundled, breakdown };
  } finally {
    await slack.close();
    await rm(BUNDLE_DIR, { recursive: true, force: true });
  }
}

async function variant(main: string[], slack: FakeSlack, runs: number): Promise<Variant> {
  const consoleTimes: number[] = [];
  for (let i = 0; i < runs; i++) consoleTimes.push(await consoleRun(main));
  const healthy: number[] = [];
  const answered: number[] = [];
  const rss: number[] = [];
  for (let i = 0; i < runs; i++) {
    const run = await slackRun(main, slack);
    healthy.push(run.healthyMs);
    answered.push(run.answeredMs);
    if (run.rssMB !== null) rss.push(run.rssMB);
  }
  return {
    console: timings(consoleTimes),
    slackHealthy: timings(healthy),
    slackFirstAnswer: timings(answered),
    slackRssMB: rss.length > 0 ? round(median(rss), 1) : null,
  };
}

/** src/main.ts bundled by esbuild (which tsx brings along); false when esbuild cannot be loaded. */
async function bundle(): Promise<boolean> {
  try {
    const esbuild = await import("esbuild");
    await rm(BUNDLE_DIR, { recursive: true, force: true });
    await esbuild.build({
      entryPoints: [join(REPO, "src", "main.ts")],
      bundle: true,
      platform: "node",
      format: "esm",
      packages: "external",
      splitting: true,
      outdir: BUNDLE_DIR,
      logLevel: "error",
    });
    return true;
  } catch (error) {
    process.stderr.write(`bench: no bundled start-up (${error instanceof Error ? error.message : error})\n`);
    return false;
  }
}

/** Resident set of a process from /proc (Linux); null elsewhere. */
async function rssOf(pid: number | undefined): Promise<number | null> {
  if (pid === undefined) return null;
  try {
    const status = await readFile(`/proc/${pid}/status`, "utf8");
    const kb = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1]);
    return Number.isFinite(kb) ? round(kb / 1024, 1) : null;
  } catch {
    return null;
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
async function consoleRun(main: string[]): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, main, {
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
async function slackRun(
  main: string[],
  slack: FakeSlack,
): Promise<{ healthyMs: number; answeredMs: number; rssMB: number | null }> {
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
  const child = spawn(process.execPath, main, { cwd: REPO, env, stdio: ["ignore", "ignore", "ignore"] });
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
    const answeredMs = performance.now() - started;
    return { healthyMs, answeredMs, rssMB: await rssOf(child.pid) };
  } finally {
    await Promise.race([stopChild(child), exited]);
  }
}
