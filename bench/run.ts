import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { coreSection } from "./core.js";
import { REPO } from "./processes.js";
import { reloadSection } from "./reload.js";
import { evaluateGoals, type Results, renderReport } from "./report.js";
import { slackSection } from "./slack-load.js";
import { startupSection } from "./startup.js";

const SECTIONS = ["core", "startup", "slack", "reload"] as const;
type Section = (typeof SECTIONS)[number];

const USAGE = `npm run bench -- [--only ${SECTIONS.join(",")}] [--runs N] [--factors 1,10,100,1000] [--quick] [--out PATH]
  --only     sections to run (all by default); results.json then holds only those
  --runs     runs of each section (default 3: every verdict is read from all of them)
  --quick    a smoke run of a few seconds with too few samples to read anything from; written to the
             temp folder unless --out is given
A full run (every section, not quick) also rewrites the figures in docs/benchmarks.md.`;

const { values } = parseArgs({
  options: {
    only: { type: "string", default: SECTIONS.join(",") },
    runs: { type: "string" },
    factors: { type: "string" },
    quick: { type: "boolean", default: false },
    out: { type: "string" },
    help: { type: "boolean", default: false },
  },
});
const { quick } = values;
/** A setting's value in a quick run, else in a full one. */
const q = <T>(quickValue: T, full: T) => (quick ? quickValue : full);
const only = values.only.split(",") as Section[];
const runs = Number(values.runs ?? q(1, 3));
const factors = (values.factors ?? q("1,10", "1,10,100,1000")).split(",").map(Number);
const valid = only.every((name) => SECTIONS.includes(name)) && runs >= 1 && factors.every((f) => f >= 1);
if (values.help || !valid || !factors.every(Number.isInteger)) {
  process.stderr.write(`${USAGE}\n`);
  process.exit(values.help ? 0 : 2);
}
const out = values.out ?? q(join(tmpdir(), "tpd-bench-quick.json"), join(REPO, "bench/results.json"));
const RUNNERS = {
  core: () => coreSection({ runs, factors, samples: q(100, 1000), budgetMs: q(2000, 60_000) }),
  startup: () => startupSection(q(1, Math.max(runs, 5))),
  slack: () => slackSection({ runs, seconds: q(1, 5), warmupSeconds: q(0.5, 3), samples: q(20, 5000) }),
  reload: () => reloadSection(runs, q(10, 100)),
} satisfies Record<Section, () => Promise<unknown>>;
/** What each section measures, as its runner returns it. */
export type Sections = { [K in Section]: Awaited<ReturnType<(typeof RUNNERS)[K]>> };

/** The checkout's commit, or "unknown" in a tree without git (an exported copy). */
function commitOf(): string {
  try {
    const git = ["rev-parse", "--short", "HEAD"];
    return execFileSync("git", git, { cwd: REPO, encoding: "utf8", stdio: "pipe" }).trim();
  } catch {
    return "unknown";
  }
}
const load = () => Math.round((loadavg()[0] ?? 0) * 100) / 100;
const results: Results = {
  date: new Date().toISOString(),
  commit: commitOf(),
  machine: `${cpus()[0]?.model.trim()}, ${cpus().length} cores, Node ${process.version}`,
  loadAverage: { start: load(), end: 0 },
  quick,
  sections: {},
  goals: [],
};
for (const name of only) {
  process.stderr.write(`bench: ${name}…\n`);
  const at = new Date().toISOString();
  const start = load();
  const figures = await RUNNERS[name]();
  Object.assign(results.sections, { [name]: { at, loadAverage: { start, end: load() }, figures } });
}
results.loadAverage.end = load();
results.goals = evaluateGoals(results.sections);
const report = renderReport(results);
writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
process.stdout.write(`${report}\nResults written to ${out}\n`);
if (!quick && only.length === SECTIONS.length && !values.out) {
  const docs = join(REPO, "docs/benchmarks.md");
  const figures = /(?<=<!-- figures -->)[\s\S]*(?=<!-- \/figures -->)/;
  const text = readFileSync(docs, "utf8").replace(figures, () => `\n${report}\n`);
  writeFileSync(docs, text);
  // The tables are written unpadded; the project's formatter aligns them so `npm test` stays green.
  execFileSync("npx", ["biome", "format", "--write", docs], { cwd: REPO, stdio: "ignore" });
}
