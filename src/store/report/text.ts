import type { Report } from "./build.js";

const percent = (rate: number) => `${(rate * 100).toFixed(1)}%`;
const MAX_CELL = 60;

function cell(value: string | number | boolean | null): string {
  const text = value === null ? "" : String(value);
  const chars = Array.from(text);
  return chars.length > MAX_CELL ? `${chars.slice(0, MAX_CELL - 1).join("")}…` : text;
}

function table(
  title: string,
  headers: string[],
  rows: Array<Array<string | number | boolean | null>>,
): string {
  if (rows.length === 0) return `${title}\n  (none)\n`;
  const cells = [headers, ...rows.map((row) => row.map(cell))];
  const widths = headers.map((_, i) => Math.max(...cells.map((row) => Array.from(row[i] ?? "").length)));
  const line = (row: string[]) =>
    `  ${row.map((value, i) => value + " ".repeat((widths[i] ?? 0) - Array.from(value).length)).join("  ")}`.trimEnd();
  return [title, line(headers), ...cells.slice(1).map(line)].join("\n").concat("\n");
}

/** The report for a terminal: a headline, then one aligned table per section. */
export function renderTable(report: Report): string {
  const t = report.totals;
  const period = report.since ? `since ${report.since.slice(0, 10)}` : "all kept";
  const headline =
    `Questions (${period}): ${t.questions}, declined ${t.declined} (${percent(t.declineRate)}); ` +
    `votes ${t.votes}, down ${t.down} (${percent(t.downRate)}), notes ${t.notes}\n`;
  return [
    headline,
    table(
      "Most frequent unanswered questions",
      ["count", "users", "words", "example", "last asked", "reasons"],
      report.unanswered.map((u) => [
        u.count,
        u.users,
        u.words,
        u.example,
        u.lastAsked.slice(0, 10),
        u.reasons.join(" "),
      ]),
    ),
    table(
      "Down-votes by deal",
      ["deal", "votes", "down", "rate"],
      report.feedbackByDeal.map((r) => [r.deal, r.votes, r.down, percent(r.downRate)]),
    ),
    table(
      "Down-votes by topic",
      ["topic", "votes", "down", "rate"],
      report.feedbackByTopic.map((r) => [r.topic, r.votes, r.down, percent(r.downRate)]),
    ),
    table(
      "Down-votes and what was missing",
      ["at", "deals", "topics", "question", "note"],
      report.downVotes.map((v) => [
        v.at.slice(0, 16).replace("T", " "),
        v.deals.join(" "),
        v.topics.join(" "),
        v.question,
        v.note,
      ]),
    ),
    table(
      "Questions per day",
      ["day", "questions", "declined"],
      report.perDay.map((d) => [d.day, d.questions, d.declined]),
    ),
    table(
      "Questions per surface",
      ["platform", "surface", "questions"],
      report.perSurface.map((s) => [s.platform, s.surface, s.questions]),
    ),
    table(
      "Questions per topic",
      ["topic", "questions"],
      report.perTopic.map((p) => [p.topic, p.questions]),
    ),
    table(
      "Top intents",
      ["intent", "questions", "declined"],
      report.topIntents.map((i) => [i.intent, i.questions, i.declined]),
    ),
    table(
      "Slowest answers",
      ["ms", "at", "platform", "surface", "intent", "question"],
      report.slowest.map((s) => [
        s.latencyMs,
        s.at.slice(0, 16).replace("T", " "),
        s.platform,
        s.surface,
        s.intent,
        s.question,
      ]),
    ),
  ].join("\n");
}

const CSV_HEADER = ["section", "key", "count", "total", "rate", "text", "note"] as const;
type CsvRow = [string, string, number | null, number | null, number | null, string | null, string | null];

function csvCell(value: string | number | null): string {
  if (value === null) return "";
  let text = String(value);
  // A cell a spreadsheet would run as a formula is kept as text.
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The report as one CSV table in long form: a section column, then key, count, total, rate and text. */
export function renderCsv(report: Report): string {
  const t = report.totals;
  const rows: CsvRow[] = [
    ["totals", "questions", t.questions, null, null, null, null],
    ["totals", "declined", t.declined, t.questions, t.declineRate, null, null],
    ["totals", "down", t.down, t.votes, t.downRate, null, null],
    ["totals", "notes", t.notes, t.down, null, null, null],
    ...report.unanswered.map(
      (u): CsvRow => ["unanswered", u.words, u.count, u.users, null, u.example, u.reasons.join(" ")],
    ),
    ...report.feedbackByDeal.map(
      (r): CsvRow => ["down_by_deal", r.deal, r.down, r.votes, r.downRate, null, null],
    ),
    ...report.feedbackByTopic.map(
      (r): CsvRow => ["down_by_topic", r.topic, r.down, r.votes, r.downRate, null, null],
    ),
    ...report.downVotes.map((v): CsvRow => ["down_vote", v.at, null, null, null, v.question, v.note]),
    ...report.perDay.map((d): CsvRow => ["per_day", d.day, d.questions, null, null, null, null]),
    ...report.perSurface.map(
      (s): CsvRow => ["per_surface", `${s.platform}/${s.surface}`, s.questions, null, null, null, null],
    ),
    ...report.perTopic.map((p): CsvRow => ["per_topic", p.topic, p.questions, null, null, null, null]),
    ...report.topIntents.map((i): CsvRow => ["intent", i.intent, i.questions, null, null, null, null]),
    ...report.slowest.map((s): CsvRow => ["slowest", s.at, s.latencyMs, null, null, s.question, null]),
  ];
  return [CSV_HEADER, ...rows]
    .map((row) => row.map(csvCell).join(","))
    .join("\r\n")
    .concat("\r\n");
}
