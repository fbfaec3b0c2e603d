import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO, runToEnd, timeToLine } from "./processes.js";
import { round } from "./stats.js";

const QUESTION = "korea 6g";
/** The first line of the answer names the deal; the console prints nothing before it. */
const ANSWERED = /korea/i;
const BUNDLE_DIR = join(REPO, "dist", "bundle");
const BUNDLE = join(BUNDLE_DIR, "main.cjs");
const CODE_CACHE = `${BUNDLE}.code-cache`;

/**
 * Console start-up to first answer, against its floor (node + YAML parse + index + one query, in
 * startup-floor.mjs), taken in turns so that both see the same machine. One unmeasured start of each
 * first, the console's run to its own clean end: a build or compile cache the start script fills is then
 * filled, as on any machine that ran it once (a measured start is stopped at its answer).
 */
export async function startupSection(runs: number) {
  /** What `npm start` runs (the script, through sh, without npm's own start-up). */
  const command: string = JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")).scripts.start;
  const floor = `node bench/startup-floor.mjs knowledge "${QUESTION}"`;
  const console = () => timeToLine(command, ANSWERED, `${QUESTION}\n`);
  const bare = () => timeToLine(floor, ANSWERED);
  runToEnd(command, `${QUESTION}\n`);
  if (existsSync(BUNDLE) && !existsSync(CODE_CACHE)) throw new Error(`${command} wrote no code cache`);
  await bare();
  const measured: { consoleMs: number; floorMs: number; ratio: number }[] = [];
  for (let i = 0; i < runs; i++) {
    const floorMs = round(await bare(), 1);
    const consoleMs = round(await console(), 1);
    measured.push({ consoleMs, floorMs, ratio: round(consoleMs / floorMs, 2) });
  }
  const bundleFiles = existsSync(BUNDLE_DIR) ? readdirSync(BUNDLE_DIR) : [];
  const stray = bundleFiles.filter((name) => name.startsWith("main.cjs.code-cache."));
  if (stray.length > 0) throw new Error(`${command} left ${stray.join(", ")}`);
  return { command, question: QUESTION, runs: measured };
}
