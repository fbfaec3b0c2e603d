import type { ScaleRow } from "./core.js";
import type { ReloadResult } from "./reload.js";
import type { SlackResult } from "./slack-load.js";
import type { StartupResult } from "./startup.js";
import { type Spread, type Summary, short, spread } from "./stats.js";

export type Sections = {
  core?: ScaleRow[];
  startup?: StartupResult;
  slack?: SlackResult;
  reload?: ReloadResult;
};
type Measured<T> = { at: string; loadAverage: { start: number; end: number }; figures: T };
export type Results = {
  date: string;
  commit: string;
  machine: string;
  loadAverage: { start: number; end: number };
  quick: boolean;
  /** Only the sections this run measured. */
  sections: { [K in keyof Sections]?: Measured<NonNullable<Sections[K]>> };
  goals: Goal[];
};

export type Goal = { goal: string; target: string; spread: Spread; verdict: string };

/** The p99 at ×1 before the work on issue 16 (run of 2026-11-26, commit 3b382e3, load 0.84): "no slower than today". */
const X1_P99_BEFORE_MS = 1.01;

/** The targets, each read from every run of its section: met when all runs meet it. */
export function evaluateGoals({ core, startup, slack, reload }: Sections): Goal[] {
  const goals: Goal[] = [];
  const add = (goal: string, values: number[] = [], op: "≤" | "≥", limit: number, unit = "") => {
    if (values.length === 0) return;
    const meets = (value: number) => (op === "≤" ? value <= limit : value >= limit);
    const met = values.filter(meets).length;
    const { median } = spread(values);
    const verdict =
      met === values.length ? "met" : meets(median) ? `met in ${met} of ${values.length} runs` : "not met";
    goals.push({
      goal,
      target: limit === 0 ? "0" : `${op} ${limit}${unit}`,
      spread: spread(values),
      verdict,
    });
  };
  const x1 = core?.find((row) => row.factor === 1)?.runs ?? [];
  const x1000 = core?.find((row) => row.factor === 1000)?.runs ?? [];
  const sr = slack?.runs;
  const targets: [string, number[] | undefined, "≤" | "≥", number, string][] = [
    ["/tpd answer p99 ÷ bare Bolt ack p99, paced", sr?.map((r) => r.paced.ratio), "≤", 1.3, "×"],
    ["Flat-out throughput ÷ bare Bolt's", sr?.map((r) => r.flatOut.ratio), "≥", 0.5, "×"],
    ["Acks over 3 s, overloaded", sr?.map((r) => r.overload.lateAcks), "≤", 0, ""],
    ["×1000 p99 ÷ ×1 p99", x1000.map((m, i) => m.answerMs.p99 / (x1[i]?.answerMs.p99 ?? 0)), "≤", 20, "×"],
    [
      `×1 p99 (before the issue: ${X1_P99_BEFORE_MS} ms)`,
      x1.map((m) => m.answerMs.p99),
      "≤",
      X1_P99_BEFORE_MS,
      " ms",
    ],
    ["createBot at ×1000", x1000.map((m) => m.botBuildMs), "≤", 1000, " ms"],
    [
      `Slowest /healthz or ack, ×${reload?.factor} reload`,
      reload?.runs.map((r) => Math.max(r.healthz.max, r.acks.max)),
      "≤",
      50,
      " ms",
    ],
    ["Console start-up ÷ floor", startup?.runs.map((r) => r.ratio), "≤", 2, "×"],
  ];
  for (const target of targets) add(...target);
  return goals;
}

/** The figures as Markdown: printed by every run, and the figures part of docs/benchmarks.md. */
export function renderReport(results: Results): string {
  const { core, startup, slack, reload } = results.sections;
  const lines = [
    `Run ${results.date}, commit ${results.commit}, ${results.machine}, load average ${results.loadAverage.start} → ${results.loadAverage.end}${results.quick ? " (quick: too few samples to read anything from)" : ""}.`,
    "",
  ];
  const table = (title: string, head: string[], rows: string[][], note?: string) => {
    const cells = (row: string[]) => `| ${row.join(" | ")} |`;
    lines.push(`#### ${title}`, "", cells(head), cells(head.map(() => "---")), ...rows.map(cells), "");
    if (note) lines.push(note, "");
  };
  const lat = (s: Summary) => `${short(s.p50)} / ${short(s.p99)} ms`;
  const when = (m: Measured<unknown>) =>
    `Measured ${m.at}, load average ${m.loadAverage.start} → ${m.loadAverage.end}.`;
  if (results.goals.length > 0)
    table(
      "Targets (issue 16): median (min–max) over the runs",
      ["Goal", "Target", "Measured", "Verdict"],
      results.goals.map((g) => [g.goal, g.target, range(g.spread), g.verdict]),
    );
  if (core)
    table(
      "Core latency and scale: answer vs bare index search (floor), p50 / p99 per run",
      [
        "×",
        "Passages",
        "Run",
        "Answer",
        "Floor: index.search",
        "Answers timed",
        "loadKnowledge",
        "createBot",
        "Heap",
      ],
      core.figures.flatMap((row) =>
        row.runs.map((m, i) => [
          String(row.factor),
          String(m.passages),
          String(i + 1),
          lat(m.answerMs),
          lat(m.searchMs),
          String(m.answerMs.n),
          `${short(m.loadMs)} ms`,
          `${short(m.botBuildMs)} ms`,
          `${m.heapMB} MB`,
        ]),
      ),
      `${when(core)} ×1 is knowledge/ itself; ×N adds N−1 synthetic copies of every source and passage.`,
    );
  if (startup)
    table(
      "Console start-up to first answer vs its floor, per run",
      ["Run", `\`${startup.figures.command}\``, "Floor: node + YAML + MiniSearch + one query", "Ratio"],
      startup.figures.runs.map((r, i) => [
        String(i + 1),
        `${short(r.consoleMs)} ms`,
        `${short(r.floorMs)} ms`,
        `${r.ratio}×`,
      ]),
      when(startup),
    );
  if (slack)
    table(
      "Slack: the app vs a bare Bolt app (empty ack), per run",
      [
        "Run",
        "Flat out app / bare",
        "Paced at",
        "App request → answer p50 / p99",
        "App ack p50 / p99",
        "Bare ack p50 / p99",
        "Overload: rate, ack p99, acks > 3 s, notices",
      ],
      slack.figures.runs.map((r, i) => [
        String(i + 1),
        `${r.flatOut.app.perSecond} / ${r.flatOut.bare.perSecond} per s (${r.flatOut.ratio}×)`,
        `${r.paced.rate} per s`,
        lat(r.paced.app),
        lat(r.paced.appAck),
        lat(r.paced.bare),
        `${r.overload.rate} per s, ${short(r.overload.ack.p99)} ms, ${r.overload.lateAcks}, ${r.overload.counts.notices}`,
      ]),
      `${when(slack)} ${slack.figures.connections} connections flat out; errors: ${slack.figures.runs.map((r) => r.flatOut.app.errors + r.paced.counts.errors).join(", ")}.`,
    );
  if (reload)
    table(
      `Reload of ×${reload.figures.factor} knowledge (${reload.figures.yamlMB} MB of YAML) while serving, per run`,
      [
        "Run",
        "SIGHUP → reloaded",
        "/healthz p50 / p99 / max (n)",
        "/tpd ack p50 / p99 / max (n)",
        "Floor: the same in the second before, max",
      ],
      reload.figures.runs.map((r, i) => [
        String(i + 1),
        `${short(r.reloadMs)} ms`,
        `${lat(r.healthz)} / ${short(r.healthz.max)} ms (${r.healthz.n})`,
        `${lat(r.acks)} / ${short(r.acks.max)} ms (${r.acks.n})`,
        `/healthz ${short(r.idle.healthz.max)} ms, ack ${short(r.idle.acks.max)} ms`,
      ]),
      when(reload),
    );
  return lines.join("\n");
}

function range(s: Spread): string {
  return `${short(s.median)} (${short(s.min)}–${short(s.max)}), ${s.runs.length} run${s.runs.length === 1 ? "" : "s"}`;
}
