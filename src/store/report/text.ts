import type { Report } from "./build.js";
import { type Cell, headline, reportSections } from "./sections.js";

const MAX_CELL = 60;

function cell(value: Cell): string {
  const text = value === null ? "" : String(value);
  const chars = Array.from(text);
  return chars.length > MAX_CELL ? `${chars.slice(0, MAX_CELL - 1).join("")}…` : text;
}

function table(title: string, headers: string[], rows: Cell[][]): string {
  if (rows.length === 0) return `${title}\n  (none)\n`;
  const cells = [headers, ...rows.map((row) => row.map(cell))];
  const widths = headers.map((_, i) => Math.max(...cells.map((row) => Array.from(row[i] ?? "").length)));
  const line = (row: string[]) =>
    `  ${row.map((value, i) => value + " ".repeat((widths[i] ?? 0) - Array.from(value).length)).join("  ")}`.trimEnd();
  return [title, line(headers), ...cells.slice(1).map(line)].join("\n").concat("\n");
}

/** The report for a terminal: the headline, then one aligned table per section. */
export function renderTable(report: Report): string {
  const tables = reportSections(report).map((section) => table(section.title, section.headers, section.rows));
  return [`${headline(report)}\n`, ...tables].join("\n");
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
