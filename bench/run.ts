import { existsSync, readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { isAbsolute, join } from "node:path";
import type { CoreResult } from "./core.js";
import type { DiscordResult } from "./discord.js";
import { evaluateGoals } from "./goals.js";
import { currentLoad, machine } from "./machine.js";
import { type BenchOptions, parseOptions, type SectionName, USAGE, UsageError } from "./options.js";
import { renderReport } from "./report.js";
import type { Results, Sections } from "./results.js";
import { scaleSection } from "./scale.js";
import { slackLoadSection } from "./slack-load.js";
import { soakSection } from "./soak.js";
import { REPO, runTask } from "./spawn.js";
import { startupSection } from "./startup.js";

const RUNNERS: { [K in SectionName]: (options: BenchOptions) => Promise<NonNullable<Sections[K]>> } = {
  core: (o) => runTask<CoreResult>("core", o.core, { timeoutMs: 10 * 60_000 }),
  scale: (o) => scaleSection({ ...o.scale, seed: o.seed }),
  startup: (o) => startupSection(o.startup),
  slack: (o) => slackLoadSection(o.slack),
  discord: (o) => runTask<DiscordResult>("discord", o.discord, { timeoutMs: 10 * 60_000 }),
  soak: (o) => soakSection(o.soak),
};

async function main(): Promise<number> {
  let options: BenchOptions;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    if (error.message) process.stderr.write(`bench: ${error.message}\n`);
    process.stderr.write(`${USAGE}\n`);
    return error.message ? 2 : 0;
  }
  const out = options.out || join(tmpdir(), "tpd-bench-quick.json");
  const outPath = isAbsolute(out) ? out : join(REPO, out);
  const previous = readPrevious(outPath);
  const results: Results = {
    machine: machine(),
    options,
    measured: { ...previous?.measured },
    sections: { ...previous?.sections },
    failures: {},
    goals: [],
  };
  if (results.machine.loadAverage.start > 0.5) {
    process.stderr.write(
      `bench: load average is ${results.machine.loadAverage.start}; other work will skew the figures\n`,
    );
  }
  for (const name of options.only) {
    const began = performance.now();
    const load = currentLoad();
    process.stderr.write(`bench: ${name}…\n`);
    try {
      const section = await RUNNERS[name](options);
      (results.sections as Record<string, unknown>)[name] = section;
      results.measured[name] = {
        date: new Date().toISOString(),
        loadAverage: { start: load, end: currentLoad() },
      };
    } catch (error) {
      results.failures[name] = error instanceof Error ? error.message : String(error);
    }
    process.stderr.write(`bench: ${name} took ${Math.round((performance.now() - began) / 1000)} s\n`);
  }
  results.machine.loadAverage.end = currentLoad();
  results.goals = evaluateGoals(results.sections);
  await writeFile(outPath, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`${renderReport(results)}\nResults written to ${outPath}\n`);
  return Object.keys(results.failures).length > 0 ? 1 : 0;
}

/** A run of some sections keeps the others' figures from the last run written to the same file. */
function readPrevious(path: string): Results | null {
  if (!existsSync(path)) return null;
  try {
    return JSON.parse(readFileSync(path, "utf8")) as Results;
  } catch {
    return null;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
