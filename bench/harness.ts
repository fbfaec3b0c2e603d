import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { type RequestOptions, request } from "node:http";
import { type AddressInfo, createServer, type Server as NetServer } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO = fileURLToPath(new URL("..", import.meta.url));

/** Anything pointing a child at a real platform, folder or database; NODE_EXTRA_CA_CERTS, parsed at every start
 * when set (35–40 ms of CPU for a system bundle), would measure the machine's settings (docs/benchmarks.md). */
const LEFT_OUT_ENV =
  /^(SLACK_|DISCORD_|PORT$|HEALTH_PORT$|KNOWLEDGE_|LOG_LEVEL$|QUESTION_LOG|DATABASE_URL$|ENV_FILE$|NODE_EXTRA_CA_CERTS$)/;

/** A child in the repository with the caller's environment less LEFT_OUT_ENV and no `.env` (tokens stay out). */
export function inRepo(extra: Record<string, string> = {}) {
  const kept = Object.entries(process.env).filter(([key]) => !LEFT_OUT_ENV.test(key));
  return {
    cwd: REPO,
    env: { ...Object.fromEntries(kept), ENV_FILE: "/dev/null", QUESTION_LOG: "off", ...extra },
  };
}

/** Runs `file` (no shell: a timeout kills the program itself) to its end with `input` on stdin: its stdout. */
export function runToEnd(file: string, args: string[], input = "", timeout = 600_000): string {
  const options = { ...inRepo(), input, encoding: "utf8", timeout, killSignal: "SIGKILL" } as const;
  const { status, signal, stdout } = spawnSync(file, args, options);
  if (status !== 0) throw new Error(`${[file, ...args].join(" ")}: exited with ${status ?? signal}`);
  return stdout;
}

/** The `start` script of package.json, as `npm start` runs it. */
export const START: string = JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")).scripts.start;
/** The node options START runs the bot with: every process of the bot's code that the bench starts has them. */
export const NODE_OPTIONS = START.split(" ").filter((word) => word.startsWith("--"));

/** Runs START once, answering a question: it compiles dist/ if the sources changed and saves the code cache. */
export const startOnce = () => runToEnd("sh", ["-c", `exec ${START}`], "korea 6g\n");

export type Server = { child: ChildProcess; port: number };

/** Starts a server process on a free port and waits until its /healthz answers 200. */
export async function startServer(args: string[], env: Record<string, string>): Promise<Server> {
  const probe = createServer();
  const port = await listen(probe);
  await close(probe);
  const child = spawn(process.execPath, args, {
    ...inRepo({ ...env, PORT: String(port) }),
    stdio: ["ignore", "ignore", "inherit"],
  });
  const deadline = performance.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${args.join(" ")} exited with ${child.exitCode}`);
    if (performance.now() > deadline) throw new Error(`${args.join(" ")} did not come up`);
    if ((await httpRequest({ port, path: "/healthz" })).status === 200) return { child, port };
    await sleep(50);
  }
}

/** Ends a child this run started and waits until it is gone (SIGKILL after 3 s). */
export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
  await exited;
  clearTimeout(timer);
}

/** One HTTP request to 127.0.0.1: its status and body; status 0 when it fails or times out. */
export function httpRequest(options: RequestOptions, body = ""): Promise<{ status: number; text: string }> {
  return new Promise((resolve) => {
    const req = request({ ...options, host: "127.0.0.1" }, (res) => {
      let text = "";
      res.on("data", (chunk: Buffer) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", () => resolve({ status: 0, text: "" }));
    req.end(body);
  });
}

/** Listens on a free port of 127.0.0.1: the port. */
export async function listen(server: NetServer): Promise<number> {
  await once(server.listen(0, "127.0.0.1"), "listening");
  return (server.address() as AddressInfo).port;
}

export const close = (server: NetServer) => new Promise((resolve) => server.close(resolve));
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Latency over samples in milliseconds: nearest-rank percentiles. */
export type Summary = { n: number; p50: number; p99: number; max: number };

export function summarize(samples: readonly number[]): Summary {
  const sorted = Float64Array.from(samples).sort();
  const at = (p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
  return { n: sorted.length, p50: round(at(50)), p99: round(at(99)), max: round(at(100)) };
}

/** One figure over several runs: a verdict is read from the median, with the range beside it. */
export type Spread = { median: number; min: number; max: number; runs: number[] };

export function spread(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN;
  return { median, min: sorted[0] ?? Number.NaN, max: sorted.at(-1) ?? Number.NaN, runs: [...values] };
}

export function round(value: number, digits = 3): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Three significant digits or whole units: 0.174, 1.01, 27.6, 5746. */
export function short(value: number): string {
  if (!Number.isFinite(value) || Math.abs(value) >= 100) return String(Math.round(value));
  return value.toPrecision(3);
}
