import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { inRepo, round, START, startOnce, stop } from "./harness.js";

const QUESTION = "korea 6g";

/** Milliseconds from spawning `command` (through sh, as npm runs a script; `exec`, so that stopping the child
 * ends the command, not only sh) with QUESTION on stdin to its first line naming the deal (the answer's first). */
async function timeToAnswer(command: string): Promise<number> {
  const started = performance.now();
  const options = { ...inRepo(), timeout: 60_000, killSignal: "SIGKILL" } as const;
  const child = spawn("sh", ["-c", `exec ${command}`], { ...options, stdio: ["pipe", "pipe", "ignore"] });
  child.stdin.end(`${QUESTION}\n`);
  try {
    for await (const line of createInterface({ input: child.stdout })) {
      if (/korea/i.test(line)) return performance.now() - started;
    }
    throw new Error(`${command}: ended without an answer`);
  } finally {
    await stop(child);
  }
}

/** Console start-up against its floor, in turns, after one unmeasured start run to its end (docs/benchmarks.md). */
export async function startupSection(runs: number) {
  const floor = () => timeToAnswer(`node bench/startup-floor.mjs knowledge "${QUESTION}"`);
  startOnce();
  await floor();
  const measured: { consoleMs: number; floorMs: number; ratio: number }[] = [];
  for (let i = 0; i < runs; i++) {
    const floorMs = round(await floor(), 1);
    const consoleMs = round(await timeToAnswer(START), 1);
    measured.push({ consoleMs, floorMs, ratio: round(consoleMs / floorMs, 2) });
  }
  return { command: START, runs: measured };
}
