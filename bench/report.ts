import type { Sections } from "./run.js";
import { type Spread, type Summary, short, spread } from "./stats.js";

type LoadAverage = { start: number; end: number };
type Measured<T> = { at: string; loadAverage: LoadAverage; figures: T };
export type Results = {
  date: string;
  commit: string;
  machine: string;
  loadAverage: LoadAverage;
  quick: boolean;
  /** Only the sections this run measured. */
  sections: { [K in keyof Sections]?: Measured<Sections[K]> };
  goals: { goal: string; target: string; spread: Spread; verdict: string }[];
};

type Target = [goal: string, values: number[] | undefined, op: "≤" | "≥", limit: number, unit: string];

/** The p99 at ×1 before the work on issue 16 (run of 2026-11-26, commit 3b382e3, load 0.84): "no slower than today". */
const X1_P99_BEFORE_MS = 1.01;

/** The targets, each read from every run of its section: met when all runs meet it. */
export function evaluateGoals(sections: Results["sections"]): Results["goals"] {
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

/** A table column: its heading and how a row (the n-th run of its section) fills it. */
type Column<R> = [head: string, cell: (row: R, run: number) => string];

/** The figures as Markdown: printed by every run, and the figures part of docs/benchmarks.md. */
export function renderReport(results: Results): string {
  const { core, startup, slack, reload } = results.sections;
  const quick = results.quick ? " (quick: too few samples to read anything from)" : "";
  const { start, end } = results.loadAverage;
  const lines = [
    `Run ${results.date}, commit ${results.commit}, ${results.machine}, load average ${start} → ${end}${quick}.`,
    "",
  ];
  const table = <R>(title: string, rows: R[], columns: Column<R>[], note = "") => {
    const cells = (row: string[]) => `| ${row.join(" | ")} |`;
    lines.push(`#### ${title}`, "", cells(columns.map(([head]) => head)), cells(columns.map(() => "---")));
    lines.push(...rows.map((row, i) => cells(columns.map(([, cell]) => cell(row, i + 1)))), "");
    if (note) lines.push(note, "");
  };
  const ms = (value: number) => `${short(value)} ms`;
  const lat = (s: Summary) => `${short(s.p50)} / ${ms(s.p99)}`;
  const when = (m: Measured<unknown>) =>
    `Measured ${m.at}, load average ${m.loadAverage.start} → ${m.loadAverage.end}.`;
  const run: Column<unknown> = ["Run", (_, i) => String(i)];
  if (results.goals.length > 0)
    table("Targets (issue 16): median (min–max) over the runs", results.goals, [
      ["Goal", (g) => g.goal],
      ["Target", (g) => g.target],
      ["Measured", (g) => range(g.spread)],
      ["Verdict", (g) => g.verdict],
    ]);
  if (core)
    table(
      "Core latency and scale: answer vs bare index search (floor), p50 / p99 per run",
      core.figures.flatMap(({ factor, runs }) => runs.map((m, i) => ({ factor, run: i + 1, ...m }))),
      [
        ["×", (r) => String(r.factor)],
        ["Passages", (r) => String(r.passages)],
        ["Run", (r) => String(r.run)],
        ["Answer", (r) => lat(r.answerMs)],
        ["Floor: index.search", (r) => lat(r.searchMs)],
        ["Answers timed", (r) => String(r.answerMs.n)],
        ["loadKnowledge", (r) => ms(r.loadMs)],
        ["createBot", (r) => ms(r.botBuildMs)],
        ["Heap", (r) => `${r.heapMB} MB`],
      ],
      `${when(core)} ×1 is knowledge/ itself; ×N adds N−1 synthetic copies of every source and passage.`,
    );
  if (startup)
    table(
      "Console start-up to first answer vs its floor, per run",
      startup.figures.runs,
      [
        run,
        [`\`${startup.figures.command}\``, (r) => ms(r.consoleMs)],
        ["Floor: node + YAML + MiniSearch + one query", (r) => ms(r.floorMs)],
        ["Ratio", (r) => `${r.ratio}×`],
      ],
      when(startup),
    );
  if (slack)
    table(
      "Slack: the app vs a bare Bolt app (empty ack), per run",
      slack.figures.runs,
      [
        run,
        [
          "Flat out app / bare",
          ({ flatOut: f }) => `${f.app.perSecond} / ${f.bare.perSecond} per s (${f.ratio}×)`,
        ],
        ["Paced at", (r) => `${r.paced.rate} per s`],
        ["App request → answer p50 / p99", (r) => lat(r.paced.app)],
        ["App ack p50 / p99", (r) => lat(r.paced.appAck)],
        ["Bare ack p50 / p99", (r) => lat(r.paced.bare)],
        [
          "Overload: rate, ack p99, acks > 3 s, notices",
          ({ overload: o }) => `${o.rate} per s, ${ms(o.ack.p99)}, ${o.lateAcks}, ${o.counts.notices}`,
        ],
      ],
      `${when(slack)} ${slack.figures.connections} connections flat out; errors: ${slack.figures.runs.map((r) => r.flatOut.app.errors + r.paced.counts.errors).join(", ")}.`,
    );
  if (reload)
    table(
      `Reload of ×${reload.figures.factor} knowledge (${reload.figures.yamlMB} MB of YAML) while serving, per run`,
      reload.figures.runs,
      [
        run,
        ["SIGHUP → reloaded", (r) => ms(r.reloadMs)],
        ["/healthz p50 / p99 / max (n)", (r) => `${lat(r.healthz)} / ${ms(r.healthz.max)} (${r.healthz.n})`],
        ["/tpd ack p50 / p99 / max (n)", (r) => `${lat(r.acks)} / ${ms(r.acks.max)} (${r.acks.n})`],
        [
          "Floor: the same in the second before, max",
          (r) => `/healthz ${ms(r.idle.healthz.max)}, ack ${ms(r.idle.acks.max)}`,
        ],
      ],
      when(reload),
    );
  return lines.join("\n");
}

function range(s: Spread): string {
  return `${short(s.median)} (${short(s.min)}–${short(s.max)}), ${s.runs.length} run${s.runs.length === 1 ? "" : "s"}`;
}
