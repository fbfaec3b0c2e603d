import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO, timeToLine } from "./processes.js";
import { round } from "./stats.js";

export type StartupRun = { consoleMs: number; floorMs: number; ratio: number };

export type StartupResult = {
  /** What `npm start` runs (the script, through sh, without npm's own start-up). */
  command: string;
  question: string;
  runs: StartupRun[];
};

const QUESTION = "korea 6g";
/** The first line of the answer names the deal; the console prints nothing before it. */
const ANSWERED = /korea/i;

/**
 * Console start-up to first answer, against its floor (node + YAML parse + index + one query, in
 * startup-floor.mjs), taken in turns so that both see the same machine. One unmeasured start of each
 * first: a build or compile cache the start script fills is then filled, as on any machine that ran it once.
 */
export async function startupSection(runs: number): Promise<StartupResult> {
  const command: string = JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")).scripts.start;
  const floor = `node bench/startup-floor.mjs knowledge "${QUESTION}"`;
  const console = () => timeToLine(command, ANSWERED, `${QUESTION}\n`);
  const bare = () => timeToLine(floor, ANSWERED);
  await console();
  await bare();
  const measured: StartupRun[] = [];
  for (let i = 0; i < runs; i++) {
    const floorMs = await bare();
    const consoleMs = await console();
    measured.push({
      consoleMs: round(consoleMs, 1),
      floorMs: round(floorMs, 1),
      ratio: round(consoleMs / floorMs, 2),
    });
  }
  return { command, question: QUESTION, runs: measured };
}
