import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { coreSection } from "./core.js";
import { REPO, round, runToEnd } from "./harness.js";
import { reloadSection } from "./reload.js";
import { evaluateGoals, renderReport } from "./report.js";
import { slackSection } from "./slack-load.js";
import { startupSection } from "./startup.js";

const { values } = parseArgs({
  options: {
    only: { type: "string" },
    runs: { type: "string" },
    factors: { type: "string" },
    quick: { type: "boolean", default: false },
    out: { type: "string" },
  },
});
const { quick } = values;
/** A setting's value in a quick run, else in a full one. */
const q = <T>(quickValue: T, full: T) => (quick ? quickValue : full);
const runs = Number(values.runs ?? q(1, 3));
const factors = (values.factors ?? q("1,10", "1,10,100,1000")).split(",").map(Number);
const RUNNERS = {
  core: () => coreSection({ runs, factors, samples: q(100, 1000), budgetMs: q(2000, 60_000) }),
  startup: () => startupSection(q(1, Math.max(runs, 5))),
  slack: () => slackSection({ runs, seconds: q(1, 5), warmupSeconds: q(0.5, 3), samples: q(20, 5000) }),
  reload: () => reloadSection(runs, q(10, 100)),
};
type Section = keyof typeof RUNNERS;
const SECTIONS = Object.keys(RUNNERS);
const only = (values.only ?? SECTIONS.join(",")).split(",") as Section[];
const valid = only.every((name) => SECTIONS.includes(name)) && runs >= 1 && factors.every((f) => f >= 1);
if (!valid || !factors.every(Number.isInteger)) {
  const usage = `[--only ${SECTIONS.join(",")}] [--runs N] [--factors 1,10,100,1000] [--quick] [--out PATH]`;
  process.stderr.write(`npm run bench -- ${usage}\n(docs/benchmarks.md says what each does)\n`);
  process.exit(2);
}
const full = !quick && only.length === SECTIONS.length;
// Only a full run (every section, not quick) is kept in bench/results.json; a partial one goes elsewhere.
const out =
  values.out ?? (full ? join(REPO, "bench/results.json") : join(tmpdir(), "tpd-bench-partial.json"));
/** What a section measured, as its runner returns it, and when. */
export type Measured<T> = { at: string; loadAverage: { start: number; end: number }; figures: T };
export type Sections = { [K in Section]?: Measured<Awaited<ReturnType<(typeof RUNNERS)[K]>>> };

const load = () => round(loadavg()[0] ?? 0, 2);
const head = spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: REPO, encoding: "utf8" });
const results = {
  date: new Date().toISOString(),
  commit: head.stdout?.trim() || "unknown", // "unknown" without git (an exported tree)
  machine: `${cpus()[0]?.model.trim()}, ${cpus().length} cores, Node ${process.version}`,
  loadAverage: { start: load(), end: 0 },
  quick,
  /** Only the sections this run measured. */
  sections: {} as Sections,
  goals: [] as ReturnType<typeof evaluateGoals>,
};
export type Results = typeof results;
for (const name of only) {
  process.stderr.write(`bench: ${name}…\n`);
  const [at, start] = [new Date().toISOString(), load()];
  const figures = await RUNNERS[name]();
  Object.assign(results.sections, { [name]: { at, loadAverage: { start, end: load() }, figures } });
}
results.loadAverage.end = load();
results.goals = evaluateGoals(results.sections);
const report = renderReport(results);
writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
process.stdout.write(`${report}\nResults written to ${out}\n`);
// A full run without --out rewrites the figures of docs/benchmarks.md.
if (full && !values.out) {
  const docs = join(REPO, "docs/benchmarks.md");
  const figures = /(?<=<!-- figures -->)[\s\S]*(?=<!-- \/figures -->)/;
  writeFileSync(
    docs,
    readFileSync(docs, "utf8").replace(figures, () => `\n${report}\n`),
  );
  // The tables are written unpadded; the project's formatter aligns them so `npm test` stays green.
  runToEnd("npx", ["biome", "format", "--write", "docs/benchmarks.md"]);
}
