import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

export const REPO = fileURLToPath(new URL("..", import.meta.url));
const CHILD = fileURLToPath(new URL("./child.ts", import.meta.url));

/** Child → parent: the task's outcome, a reply to a request, or that it is ready (with details). */
export type ChildMessage =
  | { kind: "result"; ok: true; result: unknown }
  | { kind: "result"; ok: false; error: string }
  | { kind: "reply"; id: number; value: unknown }
  | { kind: "ready"; value: unknown };

/** Parent → child, for long-running tasks (servers): a numbered request. */
export type ParentMessage = { id: number; command: string };

export type TaskLimits = { timeoutMs: number; heapMB?: number; nodeArgs?: string[] };

export type TaskProcess<T> = {
  child: ChildProcess;
  /** Resolves with what the task reported as ready. */
  ready: Promise<unknown>;
  request<R>(command: string): Promise<R>;
  /** The task's result; rejects on error, on an exit without a result, or at the time limit (SIGKILL). */
  result: Promise<T>;
};

/**
 * Runs one measuring task in a fresh `node --expose-gc` process, so its memory figures are its own and a
 * stuck task is killed at its time limit instead of holding the run.
 */
export function startTask<T>(task: string, options: unknown, limits: TaskLimits): TaskProcess<T> {
  const args = [
    "--expose-gc",
    ...(limits.heapMB ? [`--max-old-space-size=${limits.heapMB}`] : []),
    ...(limits.nodeArgs ?? []),
    "--import",
    "tsx",
    CHILD,
    task,
    JSON.stringify(options),
  ];
  const child = spawn(process.execPath, args, { cwd: REPO, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  let outcome: Extract<ChildMessage, { kind: "result" }> | null = null;
  const pending = new Map<number, (value: unknown) => void>();
  let nextId = 0;
  let markReady: (value: unknown) => void = () => {};
  const ready = new Promise<unknown>((resolve) => {
    markReady = resolve;
  });
  child.on("message", (received) => {
    const message = received as ChildMessage;
    if (message.kind === "result") outcome = message;
    else if (message.kind === "ready") markReady(message.value);
    else {
      pending.get(message.id)?.(message.value);
      pending.delete(message.id);
    }
  });
  const timer = setTimeout(() => child.kill("SIGKILL"), limits.timeoutMs);
  const result = once(child, "exit").then(([code, signal]) => {
    clearTimeout(timer);
    const done = outcome as Extract<ChildMessage, { kind: "result" }> | null;
    if (done?.ok) return done.result as T;
    if (done) throw new Error(`${task}: ${done.error}`);
    throw new Error(
      signal === "SIGKILL"
        ? `${task}: killed after ${limits.timeoutMs} ms`
        : `${task}: exited with ${code ?? signal} and no result`,
    );
  });
  const readyOrEnded = Promise.race([
    ready,
    result.then(() => Promise.reject(new Error(`${task} ended before it was ready`))),
  ]);
  readyOrEnded.catch(() => {}); // only tasks that report ready are awaited on it
  result.catch(() => {}); // callers that only await `ready` still see a failure there
  return {
    child,
    ready: readyOrEnded,
    request<R>(command: string) {
      nextId += 1;
      const id = nextId;
      return new Promise<R>((resolve, reject) => {
        pending.set(id, resolve as (value: unknown) => void);
        child.send({ id, command } satisfies ParentMessage, (error) => {
          if (error) reject(error);
        });
      });
    },
    result,
  };
}

export function runTask<T>(task: string, options: unknown, limits: TaskLimits): Promise<T> {
  return startTask<T>(task, options, limits).result;
}

/** A port free on 127.0.0.1 right now (for a child that must be told its port up front). */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === "string") throw new Error("no port");
  return address.port;
}

/** Ends a child this run started and waits for it to be gone (SIGKILL after `graceMs`). */
export async function stopChild(child: ChildProcess, graceMs = 3000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Environment for a child bot process: the caller's, minus any platform credentials it may hold. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(SLACK_|DISCORD_|PORT$|HEALTH_PORT$|KNOWLEDGE_|LOG_LEVEL$)/.test(key)) env[key] = value;
  }
  return { ...env, ...extra };
}
