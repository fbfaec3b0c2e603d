import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { type RequestOptions, request } from "node:http";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

export const REPO = fileURLToPath(new URL("..", import.meta.url));

/** Anything that would point a child bot at a real platform, folder or database. */
const PLATFORM_ENV =
  /^(SLACK_|DISCORD_|PORT$|HEALTH_PORT$|KNOWLEDGE_|LOG_LEVEL$|QUESTION_LOG|DATABASE_URL$|ENV_FILE$)/;

/** A child in the repository with the caller's environment less PLATFORM_ENV and no `.env` (tokens stay out). */
export function inRepo(extra: Record<string, string> = {}) {
  const kept = Object.entries(process.env).filter(([key]) => !PLATFORM_ENV.test(key));
  return {
    cwd: REPO,
    env: { ...Object.fromEntries(kept), ENV_FILE: "/dev/null", QUESTION_LOG: "off", ...extra },
  };
}

/** Runs `command` (through sh) to its own end with `input` on stdin; throws unless it exits with 0. */
export function runToEnd(command: string, input = ""): void {
  const result = spawnSync("sh", ["-c", command], { ...inRepo(), input, stdio: "pipe", timeout: 120_000 });
  if (result.status !== 0) throw new Error(`${command}: exited with ${result.status ?? result.signal}`);
}

export type Server = { child: ChildProcess; port: number };

/** Starts a server process on a free port and waits until its /healthz answers 200. */
export async function startServer(args: string[], env: Record<string, string>): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, args, {
    ...inRepo({ ...env, PORT: String(port) }),
    stdio: ["ignore", "ignore", "inherit"],
  });
  const deadline = performance.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${args.join(" ")} exited with ${child.exitCode}`);
    if (performance.now() > deadline) throw new Error(`${args.join(" ")} did not come up`);
    if ((await httpRequest({ port, path: "/healthz" })).status === 200) return { child, port };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
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

/** Ends a child this run started and waits until it is gone (SIGKILL after 3 s). */
export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
  await exited;
  clearTimeout(timer);
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
