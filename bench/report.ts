import { slackErrors } from "./goals.js";
import type { Results } from "./results.js";
import { type Summary, short } from "./stats.js";

type Table = { title: string; head: string[]; rows: string[][] };

/** The figures as Markdown tables: readable in a terminal and pasted as is into docs/benchmarks.md. */
export function renderReport(results: Results): string {
  const { machine } = results;
  const lines = [
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGB} GB, Node ${machine.node}, ${machine.os}`,
    `Run: ${machine.date}, commit ${machine.commit}, load average ${machine.loadAverage.start} → ${machine.loadAverage.end ?? "?"}`,
    "",
  ];
  for (const table of tables(results)) {
    lines.push(`### ${table.title}`, "", ...markdown(table), "");
  }
  for (const [section, failure] of Object.entries(results.failures)) {
    lines.push(`${section} FAILED: ${failure.split("\n")[0]}`);
  }
  return lines.join("\n");
}

function tables(results: Results): Table[] {
  const { core, scale, startup, slack, discord, soak } = results.sections;
  const out: Table[] = [];
  const ms = (value: number) => `${short(value)} ms`;
  const lat = (s: Summary) => `${short(s.p50)} / ${short(s.p99)} / ${short(s.max)} ms`;

  if (core) {
    out.push({
      title: "1 · Core latency (real knowledge)",
      head: ["Measure", "Value"],
      rows: [
        [
          "Answers timed",
          `${core.latencyMs.n} (${core.questions} golden questions × ${core.rounds} rounds, after warm-up)`,
        ],
        ["p50 / p99 / max", lat(core.latencyMs)],
        ["Slowest questions (p99)", core.slowest.map((q) => `“${q.question}” ${ms(q.p99)}`).join("; ")],
        ["Process RSS / heap after GC", `${core.memory.rssMB} MB / ${core.memory.heapUsedMB} MB`],
      ],
    });
  }
  if (scale) {
    out.push({
      title: "2 · Scale (synthetic knowledge, ×N the documents)",
      head: [
        "×",
        "Docs",
        "Passages",
        "Index build",
        "Bot build",
        "p50 / p99 / max per answer",
        "Answers",
        "Heap",
        "RSS",
      ],
      rows: scale.map((row) => [
        String(row.factor),
        String(row.documents),
        String(row.passages),
        ms(row.indexBuildMs),
        ms(row.botBuildMs),
        lat(row.latencyMs),
        String(row.latencyMs.n),
        `${row.memory.ready.heapUsedMB} MB`,
        `${row.memory.afterQueries.rssMB} MB`,
      ]),
    });
    const startups = scale.filter((row) => row.serialized || row.fromFiles);
    if (startups.length > 0) {
      out.push({
        title: "2b · Index from passages vs serialized MiniSearch; whole start-up from YAML",
        head: [
          "×",
          "Build index",
          "Load serialized",
          "JSON size",
          "loadKnowledge (YAML → index)",
          "+ bot build",
          "YAML size",
        ],
        rows: startups.map((row) => [
          String(row.factor),
          row.serialized ? ms(row.serialized.buildMs) : "—",
          row.serialized
            ? `${ms(row.serialized.loadMs)}${row.serialized.sameResults ? ` (same results ${row.serialized.sameResults})` : ""}`
            : "—",
          row.serialized ? size(row.serialized.sizeKB) : "—",
          row.fromFiles ? ms(row.fromFiles.loadKnowledgeMs) : "—",
          row.fromFiles ? ms(row.fromFiles.botBuildMs) : "—",
          row.fromFiles ? size(row.fromFiles.yamlKB) : "—",
        ]),
      });
    }
  }
  if (startup) {
    const t = (x: { medianMs: number; maxMs: number; runs: number }) =>
      `${ms(x.medianMs)} / ${ms(x.maxMs)} (${x.runs} runs)`;
    const variants = [
      ["tsx", startup.tsx] as const,
      ...(startup.bundled ? [["bundled", startup.bundled] as const] : []),
    ];
    out.push({
      title: "3 · Start-up (median / max)",
      head: [
        "From process start to",
        ...variants.map(([name]) => (name === "tsx" ? "npm start (tsx)" : "bundled JS")),
      ],
      rows: [
        ["console: answer to piped “korea 6g”", ...variants.map(([, v]) => t(v.console))],
        ["Slack HTTP: GET /healthz 200", ...variants.map(([, v]) => t(v.slackHealthy))],
        [
          "Slack HTTP: signed /tpd answered on response_url",
          ...variants.map(([, v]) => t(v.slackFirstAnswer)),
        ],
        [
          "Slack HTTP: RSS once answered",
          ...variants.map(([, v]) => (v.slackRssMB === null ? "—" : `${v.slackRssMB} MB`)),
        ],
      ],
    });
    out.push({
      title: "3b · Where start-up goes (one fresh process, median)",
      head: ["Step", "Time"],
      rows: [
        ["floor: node -e 0 (whole process)", t(startup.floor.node)],
        ["floor: node --import tsx -e 0 (whole process)", t(startup.floor.nodeTsx)],
        ...Object.entries(startup.breakdown).map(([step, value]) => [step, ms(value)]),
      ],
    });
  }
  if (slack) {
    const row = (name: string, run: typeof slack.app.saturated) => [
      name,
      String(run.rps),
      lat(run.latencyMs),
      run.steadyMs ? ms(run.steadyMs.p99) : "(no new connections)",
      String(run.requests),
      String(run.errors + run.non2xx),
      String(run.late),
      `${run.serverCpu} / ${run.generatorCpu}`,
      `${run.serverRssMB} MB`,
    ];
    out.push({
      title: `4 · Slack under load (signed /tpd, ${slack.connections} connections)`,
      head: [
        "Run",
        "req/s",
        "ack p50 / p99 / max",
        "p99 w/o 1st per conn.",
        "Requests",
        "Errors",
        "Acks > 3 s",
        "CPU server / load gen",
        "Server RSS",
      ],
      rows: [
        row("real app, flat out", slack.app.saturated),
        row("bare Bolt, flat out", slack.bare.saturated),
        row(`real app, ${slack.pacedRate} req/s`, slack.app.paced),
        row(`bare Bolt, ${slack.pacedRate} req/s`, slack.bare.paced),
        [
          "app ÷ bare",
          `${slack.ratio.saturatedRps}×`,
          `p99 ${slack.ratio.saturatedP99}× flat out, ${slack.ratio.pacedP99}× paced`,
          "",
          "",
          `total ${slackErrors(slack)}`,
        ],
        [
          "answers delivered",
          "",
          slack.app.deliveries
            ? `${slack.app.deliveries.answers} on response_url, ${slack.app.deliveries.errorNotices} error notices, ${slack.app.deliveries.missing} missing`
            : "",
        ],
      ],
    });
  }
  if (discord) {
    out.push({
      title: "5 · Discord (interaction → first response, fake gateway)",
      head: ["Interactions", "p50 / p99 / max", "Errors", "RSS"],
      rows: [
        [
          String(discord.interactions),
          lat(discord.latencyMs),
          String(discord.errors),
          `${discord.memory.rssMB} MB`,
        ],
      ],
    });
  }
  if (soak) {
    const rows: string[][] = [];
    if (soak.core) {
      const c = soak.core;
      rows.push([
        `core: ${c.answers} answers in ${c.seconds} s`,
        String(c.errors),
        `${c.start.rssMB} → ${c.end.rssMB} MB (max ${Math.max(...c.rssMB)})`,
        `${c.start.heapUsedMB} → ${c.end.heapUsedMB} MB`,
        lat(c.latencyMs),
        "",
      ]);
    }
    if (soak.slack) {
      const s = soak.slack;
      const errors =
        s.load.errors + s.load.non2xx + s.deliveries.errorNotices + s.deliveries.missing + s.loggedErrors;
      rows.push([
        `Slack: ${s.load.requests} commands in ${s.seconds} s (${s.load.rps} req/s)`,
        String(errors),
        `idle ${s.idleRssMB}, ${s.start.rssMB} → ${s.end.rssMB} MB (max under load ${Math.max(...s.rssMB)})`,
        `${s.start.heapUsedMB} → ${s.end.heapUsedMB} MB`,
        lat(s.load.latencyMs),
        String(s.load.late),
      ]);
    }
    out.push({
      title: "6 · Soak",
      head: ["Run", "Errors", "RSS start → end", "Heap after GC", "p50 / p99 / max", "Acks > 3 s"],
      rows,
    });
  }
  out.push({
    title: "Goals",
    head: ["Goal", "Target", "Measured", "Status"],
    rows: results.goals.map((goal) => [goal.goal, goal.target, goal.measured, goal.status]),
  });
  return out;
}

function size(kb: number): string {
  return kb >= 1024 ? `${(kb / 1024).toFixed(1)} MB` : `${kb} KB`;
}

function markdown(table: Table): string[] {
  const rows = table.rows.map((row) => table.head.map((_, i) => row[i] ?? ""));
  const widths = table.head.map((head, i) =>
    Math.max(head.length, ...rows.map((row) => (row[i] ?? "").length)),
  );
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  return [line(table.head), line(widths.map((width) => "-".repeat(width))), ...rows.map(line)];
}
