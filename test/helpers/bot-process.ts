import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { baseEnv, nodeArgs, ROOT } from "./run-process.js";

export type LogLine = Record<string, unknown> & { level?: string; msg?: string };

export type Exit = { code: number | null; signal: NodeJS.Signals | null; ms: number };

/** `src/main.ts` running as a real child process, whose output can be read while it runs. */
export type BotProcess = {
  readonly pid: number;
  /** Every stdout line as written. */
  readonly stdout: string[];
  /** Every stderr line as written. */
  readonly stderr: string[];
  /** The stdout lines that parse as JSON objects. */
  logs(): LogLine[];
  /** Resolves with the first log line (already written or still to come) that matches. */
  waitForLog(match: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  signal(signal: NodeJS.Signals): void;
  /** Settles when the process has exited and its output streams are closed. */
  readonly exited: Promise<Exit>;
  /** Kills the process if it is still running (SIGKILL) and waits for it. */
  kill(): Promise<Exit>;
};

const running = new Set<BotProcess>();

/**
 * Starts the bot the way `npm start` does (or `npm run start:built` for a .js entry in `cwd`), with
 * `baseEnv()` and the given variables only.
 */
export function startBotProcess(env: Record<string, string>, entry = "src/main.ts", cwd = ROOT): BotProcess {
  const started = performance.now();
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, nodeArgs(entry), {
    cwd,
    env: { ...baseEnv(), ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  const parsed: LogLine[] = [];
  const waiters = new Set<{ match: (line: LogLine) => boolean; resolve: (line: LogLine) => void }>();

  const lineReader = (sink: string[], onLine?: (line: string) => void) => {
    let rest = "";
    return (chunk: Buffer) => {
      const lines = (rest + chunk.toString("utf8")).split("\n");
      rest = lines.pop() ?? "";
      for (const line of lines) {
        sink.push(line);
        onLine?.(line);
      }
    };
  };
  const onStdoutLine = (line: string) => {
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      return;
    }
    if (typeof json !== "object" || json === null) return;
    parsed.push(json as LogLine);
    for (const waiter of waiters) {
      if (waiter.match(json as LogLine)) {
        waiters.delete(waiter);
        waiter.resolve(json as LogLine);
      }
    }
  };
  child.stdout.on("data", lineReader(stdout, onStdoutLine));
  child.stderr.on("data", lineReader(stderr));
  child.stdin.on("error", () => {});

  const exited = new Promise<Exit>((resolve) => {
    child.on("close", (code, signal) => {
      running.delete(bot);
      for (const waiter of waiters) waiter.resolve({ msg: "__exited__" });
      waiters.clear();
      resolve({ code, signal, ms: performance.now() - started });
    });
  });

  const bot: BotProcess = {
    pid: child.pid ?? -1,
    stdout,
    stderr,
    logs: () => parsed,
    waitForLog(match, timeoutMs = 10_000) {
      const existing = parsed.find(match);
      if (existing) return Promise.resolve(existing);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`no matching log line within ${timeoutMs} ms; stderr: ${stderr.join("\n")}`));
        }, timeoutMs);
        const waiter = {
          match,
          resolve: (line: LogLine) => {
            clearTimeout(timer);
            if (line.msg === "__exited__") reject(new Error(`the bot exited; stderr: ${stderr.join("\n")}`));
            else resolve(line);
          },
        };
        waiters.add(waiter);
      });
    },
    signal(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
    exited,
    kill() {
      bot.signal("SIGKILL");
      return exited;
    },
  };
  running.add(bot);
  return bot;
}

/** For afterAll: kills every bot process a test file started and left running. */
export async function killAllBotProcesses(): Promise<void> {
  await Promise.all([...running].map((bot) => bot.kill()));
}

/** Resolves once the bot has logged that it started, with the ports it listens on. */
export async function botStarted(
  bot: BotProcess,
  timeoutMs = 40_000,
): Promise<{ slackPort: number | null; healthPort: number | null }> {
  const started = await bot.waitForLog((line) => line.msg === "tpd-bot started", timeoutMs);
  const slack = bot.logs().find((line) => line.msg === "Slack adapter started");
  return {
    slackPort: typeof slack?.port === "number" ? slack.port : null,
    healthPort: typeof started.healthPort === "number" ? started.healthPort : null,
  };
}
