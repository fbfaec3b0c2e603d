import { type Spread, type Summary, short, spread } from "./harness.js";
import type { Measured, Results, Sections } from "./run.js";

type Target = [goal: string, values: number[] | undefined, op: "≤" | "≥", limit: number, unit: string];

/** The p99 at ×1 before the work on issue 16 (run of 2026-11-26, commit 3b382e3, load 0.84): "no slower than today". */
const X1_P99_BEFORE_MS = 1.01;

/** The targets, each read from every run of its section: met when all runs meet it. */
export function evaluateGoals(sections: Sections) {
  const { core, startup, slack, reload } = sections;
  const x1 = core?.figures.find((row) => row.factor === 1)?.runs ?? [];
  const x1000 = core?.figures.find((row) => row.factor === 1000)?.runs ?? [];
  const sr = slack?.figures.runs;
  const worstProbe = reload?.figures.runs.map((r) => Math.max(r.healthz.max, r.acks.max));
  const before = X1_P99_BEFORE_MS;
  const targets: Target[] = [
    ["/tpd answer p99 ÷ bare Bolt ack p99, paced", sr?.map((r) => r.paced.ratio), "≤", 1.3, "×"],
    ["Flat-out throughput ÷ bare Bolt's", sr?.map((r) => r.flatOut.ratio), "≥", 0.5, "×"],
    ["Acks over 3 s, overloaded", sr?.map((r) => r.overload.lateAcks), "≤", 0, ""],
    ["×1000 p99 ÷ ×1 p99", x1000.map((m, i) => m.answerMs.p99 / (x1[i]?.answerMs.p99 ?? 0)), "≤", 20, "×"],
    [`×1 p99 (before the issue: ${before} ms)`, x1.map((m) => m.answerMs.p99), "≤", before, " ms"],
    ["createBot at ×1000", x1000.map((m) => m.botBuildMs), "≤", 1000, " ms"],
    [`Slowest /healthz or ack, ×${reload?.figures.factor} reload`, worstProbe, "≤", 50, " ms"],
    ["Console start-up ÷ floor", startup?.figures.runs.map((r) => r.ratio), "≤", 2, "×"],
  ];
  return targets.flatMap(([goal, values = [], op, limit, unit]) => {
    if (values.length === 0) return [];
    const meets = (value: number) => (op === "≤" ? value <= limit : value >= limit);
    const met = values.filter(meets).length;
    const figures = spread(values);
    const partly = meets(figures.median) ? `met in ${met} of ${values.length} runs` : "not met";
    const verdict = met === values.length ? "met" : partly;
    return [{ goal, target: limit === 0 ? "0" : `${op} ${limit}${unit}`, spread: figures, verdict }];
  });
}

/** The figures as Markdown: printed by every run, and the figures part of docs/benchmarks.md. */
export function renderReport(results: Results): string {
  const { core, startup, slack, reload } = results.sections;
  const quick = results.quick ? " (quick: too few samples to read anything from)" : "";
  const { date, commit, machine, loadAverage: load } = results;
  const run = `Run ${date}, commit ${commit}, ${machine}, load average ${load.start} → ${load.end}${quick}.`;
  const lines = [run, ""];
  /** A Markdown table: `head` holds the column headings between " | ", each row its cells likewise. */
  const table = (title: string, head: string, rows: string[], note = "") => {
    const dashes = head.split(" | ").map(() => "---");
    const body = [head, dashes.join(" | "), ...rows].map((row) => `| ${row} |`);
    lines.push(`#### ${title}`, "", ...body, "", ...(note ? [note, ""] : []));
  };
  const ms = (value: number) => `${short(value)} ms`;
  const lat = (s: Summary) => `${short(s.p50)} / ${short(s.p99)} / ${ms(s.max)}`;
  const range = (s: Spread) =>
    `${short(s.median)} (${short(s.min)}–${short(s.max)}), ${s.runs.length} run${s.runs.length === 1 ? "" : "s"}`;
  const when = (m: Measured<unknown>) =>
    `Measured ${m.at}, load average ${m.loadAverage.start} → ${m.loadAverage.end}.`;
  if (results.goals.length > 0)
    table(
      "Targets (issue 16): median (min–max) over the runs",
      "Goal | Target | Measured | Verdict",
      results.goals.map((g) => `${g.goal} | ${g.target} | ${range(g.spread)} | ${g.verdict}`),
    );
  if (core)
    table(
      "Core latency and scale: answer vs bare index search (floor), p50 / p99 / max per run",
      "× | Passages | Run | Answer | Floor: index.search | Answers timed | Allocated per answer | loadKnowledge | createBot | Heap",
      core.figures.flatMap(({ factor, runs }) =>
        runs.map(
          (r, i) =>
            `${factor} | ${r.passages} | ${i + 1} | ${lat(r.answerMs)} | ${lat(r.searchMs)} | ${r.answerMs.n} | ${r.allocatedKB} KB | ${ms(r.loadMs)} | ${ms(r.botBuildMs)} | ${r.heapMB} MB`,
        ),
      ),
      `${when(core)} ×1 is knowledge/ itself; ×N adds N−1 synthetic copies of every source and passage.`,
    );
  if (startup)
    table(
      "Console start-up to first answer vs its floor, per run",
      `Run | \`${startup.figures.command}\` | Floor: node + YAML + MiniSearch + one query | Ratio`,
      startup.figures.runs.map((r, i) => `${i + 1} | ${ms(r.consoleMs)} | ${ms(r.floorMs)} | ${r.ratio}×`),
      when(startup),
    );
  if (slack)
    table(
      "Slack: the app vs a bare Bolt app (empty ack), per run",
      "Run | Flat out app / bare | Paced at | App request → answer p50 / p99 / max | Bare ack p50 / p99 / max | Overload: rate, ack p99 / max, acks > 3 s, notices",
      slack.figures.runs.map(
        ({ flatOut: f, paced: p, overload: o }, i) =>
          `${i + 1} | ${f.app.perSecond} / ${f.bare.perSecond} per s (${f.ratio}×) | ${p.rate} per s | ${lat(p.app)} | ${lat(p.bare)} | ${o.rate} per s, ${short(o.ack.p99)} / ${ms(o.ack.max)}, ${o.lateAcks}, ${o.counts.notices}`,
      ),
      `${when(slack)} ${slack.figures.connections} connections flat out; errors: ${slack.figures.runs.map((r) => r.flatOut.app.errors + r.paced.counts.errors).join(", ")}.`,
    );
  if (reload)
    table(
      `Reload of ×${reload.figures.factor} knowledge (${reload.figures.yamlMB} MB of YAML) while serving, per run`,
      "Run | SIGHUP → reloaded | /healthz p50 / p99 / max (n) | /tpd ack p50 / p99 / max (n) | Floor: the same in the second before, max",
      reload.figures.runs.map(
        ({ reloadMs, healthz: h, acks: a, idle }, i) =>
          `${i + 1} | ${ms(reloadMs)} | ${lat(h)} (${h.n}) | ${lat(a)} (${a.n}) | /healthz ${ms(idle.healthz.max)}, ack ${ms(idle.acks.max)}`,
      ),
      when(reload),
    );
  return lines.join("\n");
}
