import type { Answer, Citation, Excerpt } from "../../core/answer.js";
import { formatDate } from "../../core/phrasing.js";
import { pageRange, WORDING } from "../shared/render-plan.js";

/** How the reader asks for the next page in this surface (console: "more"; CLI: a flag). */
type MoreHint = (answer: Answer) => string;

const cite = (source: Citation) =>
  `${source.title} (${source.publisher}, ${formatDate(source.published)})\n     ${source.label}\n     ${source.url}`;

/** A quote in quotation marks, unless it opens with its own (a quoted remark and its attribution). */
const quoted = (text: string) => (/^[“"]/.test(text) ? text : `“${text}”`);

function excerptLines(excerpt: Excerpt, n: number): string[] {
  const body = excerpt.kind === "quote" ? quoted(excerpt.text) : `${excerpt.text} [summary]`;
  return [`  ${n}. ${body}`, `     — ${cite(excerpt.source)}`];
}

/** Plain-text rendering of an Answer for terminals and the `ask` CLI. */
export function renderText(answer: Answer, moreHint?: MoreHint): string {
  const lines: string[] = [answer.title.toUpperCase(), answer.lead];
  if (answer.shortened) lines.push(`(${WORDING.shortened})`);

  const { body } = answer;
  if (body.kind === "comparison") {
    for (const row of body.rows) {
      lines.push("", `${row.dealName}:`);
      if (row.excerpt)
        lines.push(...excerptLines(row.excerpt, 1).map((line) => line.replace(/^ {2}1\. /, "  ")));
      else lines.push(`  ${row.note ?? WORDING.noRowExcerpt}`);
    }
  } else if (body.kind === "excerpts" && body.excerpts.length > 0) {
    lines.push("");
    body.excerpts.forEach((excerpt, i) => {
      lines.push(...excerptLines(excerpt, answer.page.offset + i + 1));
    });
  } else if (body.kind === "list" && body.items.length > 0) {
    lines.push("");
    for (const item of body.items) {
      lines.push(`  • ${item.title}: ${item.text}`);
      if (item.source) lines.push(`     ${item.source.url}`);
    }
  }

  for (const note of answer.notes) lines.push("", `Note: ${note}`);
  const { suggested } = answer.actions;
  if (!answer.found && suggested.length > 0) {
    lines.push("", `Try: ${suggested.map((suggestion) => `“${suggestion.query}”`).join(", ")}`);
  }
  const readings = answer.readings.map(
    (r) => `${r.words} → ${r.kind} ${r.as}${r.fuzzy ? " (typo?)" : ""}${r.carried ? " (from earlier)" : ""}`,
  );
  if (readings.length > 0) lines.push("", `Read as: ${readings.join("; ")}`);
  const range = pageRange(answer);
  if (range && answer.page.next !== null)
    lines.push(`Showing ${range}.${moreHint ? ` ${moreHint(answer)}` : ""}`);
  return lines.filter((line, i, all) => !(line === "" && all[i - 1] === "")).join("\n");
}
