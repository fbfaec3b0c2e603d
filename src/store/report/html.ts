import type { Report } from "./build.js";
import { type Cell, headline, percent, reportSections } from "./sections.js";

type Bar = { label: string; value: number };

const escapeHtml = (value: Cell) =>
  String(value ?? "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");

/** One bar: its label and value as data, a tooltip, and the shapes drawn for it. */
const barGroup = (bar: Bar, shapes: string) =>
  `<g class="bar" data-label="${escapeHtml(bar.label)}" data-value="${bar.value}"><title>${escapeHtml(bar.label)}: ${bar.value}</title>${shapes}</g>`;

const svgOf = (kind: "columns" | "rows", width: number, height: number, title: string, groups: string[]) =>
  `<svg class="${kind}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(title)}">${groups.join("")}</svg>`;

/** Vertical bars, one per label (days); the value is written above each bar wide enough to hold it. */
function columnChart(title: string, bars: Bar[]): string {
  const [width, height, top, bottom, side] = [760, 220, 20, 30, 20];
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const step = (width - 2 * side) / Math.max(1, bars.length);
  const labelEvery = Math.ceil(bars.length / 12);
  const groups = bars.map((bar, i) => {
    const h = ((height - top - bottom) * bar.value) / max;
    const [x, y] = [side + i * step, height - bottom - h];
    const rect = `<rect x="${x + 1}" y="${y}" width="${Math.max(1, step - 2)}" height="${h}"/>`;
    const value =
      step >= 14 ? `<text class="value" x="${x + step / 2}" y="${y - 4}">${bar.value}</text>` : "";
    const label =
      i % labelEvery === 0
        ? `<text class="label" x="${x + step / 2}" y="${height - 10}">${escapeHtml(bar.label.slice(5))}</text>`
        : "";
    return barGroup(bar, rect + value + label);
  });
  return svgOf("columns", width, height, title, groups);
}

/** Horizontal bars, one per label (topics), the value written after each bar. */
function barChart(title: string, bars: Bar[]): string {
  const [labelWidth, barSpace, row] = [200, 500, 24];
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const groups = bars.map((bar, i) => {
    const [w, y] = [(barSpace * bar.value) / max, i * row];
    const label = `<text class="label" x="${labelWidth - 6}" y="${y + 16}">${escapeHtml(bar.label)}</text>`;
    const rect = `<rect x="${labelWidth}" y="${y + 4}" width="${Math.max(1, w)}" height="${row - 8}"/>`;
    const value = `<text class="value" x="${labelWidth + w + 6}" y="${y + 16}">${bar.value}</text>`;
    return barGroup(bar, label + rect + value);
  });
  return svgOf("rows", labelWidth + barSpace + 60, Math.max(row, bars.length * row), title, groups);
}

function chart(kind: "columns" | "rows", title: string, bars: Bar[]): string {
  if (bars.length === 0) return "<p>(none)</p>";
  return kind === "columns" ? columnChart(title, bars) : barChart(title, bars);
}

function table(headers: string[], rows: Cell[][]): string {
  if (rows.length === 0) return "<p>(none)</p>";
  const head = headers.map((header) => `<th>${escapeHtml(header)}</th>`).join("");
  const body = rows
    .map(
      (row) =>
        `<tr>${row.map((value) => `<td${typeof value === "number" ? ' class="n"' : ""}>${escapeHtml(value)}</td>`).join("")}</tr>`,
    )
    .join("");
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

const STYLE = `
body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#1d1d1f}
h1{font-size:1.5rem}h2{font-size:1.1rem;margin-top:2rem}
.totals{display:flex;gap:1rem;flex-wrap:wrap}.total{border:1px solid #ddd;border-radius:6px;padding:.5rem 1rem}
.total b{display:block;font-size:1.4rem}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #eee;padding:.25rem .5rem;text-align:left;vertical-align:top}
td.n{text-align:right;font-variant-numeric:tabular-nums}
svg rect{fill:#3b6ea8}svg text{font-size:11px;fill:#333}svg.columns text{text-anchor:middle}svg.rows text.label{text-anchor:end}
`;

/** One self-contained page: no script, no fetch; the policy forbids loading anything from elsewhere. */
export function renderHtml(report: Report): string {
  const t = report.totals;
  const total = (id: string, label: string, value: Cell) =>
    `<div class="total"><b id="${id}">${escapeHtml(value)}</b>${escapeHtml(label)}</div>`;
  const totals = [
    total("total-questions", "questions", t.questions),
    total("total-declined", `declined (${percent(t.declineRate)})`, t.declined),
    total("total-votes", "votes", t.votes),
    total("total-down", `down-votes (${percent(t.downRate)})`, t.down),
    total("total-notes", "notes", t.notes),
  ];
  const sections = reportSections(report).map((section) => {
    const heading = `<h2>${escapeHtml(section.title)}</h2>`;
    const rows = table(section.headers, section.rows);
    const body = section.chart
      ? `${chart(section.chart.kind, section.title, section.chart.bars)}<details><summary>as a table</summary>${rows}</details>`
      : rows;
    return `<section id="${section.id}">${heading}${body}</section>`;
  });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>tpd-bot question report</title><style>${STYLE}</style></head>
<body><h1>tpd-bot question report</h1>
<p>${escapeHtml(headline(report))} · generated ${escapeHtml(report.generatedAt.slice(0, 16).replace("T", " "))} UTC</p>
<div class="totals">${totals.join("")}</div>
${sections.join("\n")}
</body></html>
`;
}
