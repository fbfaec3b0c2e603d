import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/**
 * What a bot process started by a test sees of the test's own environment: PATH, HOME, and an empty env
 * file in place of a `.env` in the checkout, so a developer's own tokens never reach a test run. The
 * question log is off unless a test turns it on (with its own DATA_DIR), so no run writes into the checkout.
 */
export function baseEnv(): Record<string, string> {
  return {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "",
    ENV_FILE: fileURLToPath(new URL("../fixtures/empty.env", import.meta.url)),
    QUESTION_LOG: "off",
  };
}

export type ProcessResult = { code: number | null; stdout: string; stderr: string; ms: number };

/** tsx's loader by absolute path, so an entry also runs from a working directory outside the checkout. */
const TSX = createRequire(join(ROOT, "package.json")).resolve("tsx");

/**
 * Node's arguments for an entry point: a TypeScript file of the checkout through tsx, or compiled
 * JavaScript (a path relative to the working directory) with plain node, as in production.
 */
export function nodeArgs(entry: string): string[] {
  return entry.endsWith(".ts") ? ["--import", TSX, join(ROOT, entry)] : [entry];
}

/** Runs an entry point (see `nodeArgs`) with the given input and environment, from the checkout or from `cwd`. */
export function runEntry(
  entry: string,
  args: string[] = [],
  options: { input?: string; env?: Record<string, string>; timeoutMs?: number; cwd?: string } = {},
): Promise<ProcessResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs(entry), ...args], {
      cwd: options.cwd ?? ROOT,
      env: { ...baseEnv(), ...options.env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 30_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({
        code,
        stdout: Buffer.concat(stdout).toString(),
        stderr: Buffer.concat(stderr).toString(),
        ms: performance.now() - started,
      });
    });
    child.stdin.on("error", () => {}); // a process that exits early may close its input first
    child.stdin.end(options.input ?? "");
  });
}
