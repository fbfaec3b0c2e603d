import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import yaml from "js-yaml";
import { z } from "zod";
import { type Answer, excerptsOf, INTENT_NAMES } from "../src/core/answer.js";
import type { Bot } from "../src/core/bot.js";

/** The kinds of question the table holds; `npm run eval` reports accuracy for each. */
export const GOLDEN_CLASSES = [
  "natural",
  "terse",
  "typo",
  "facts",
  "compare",
  "grounding",
  "decline",
  "false-premise",
  "multi-part",
] as const;
export type GoldenClass = (typeof GOLDEN_CLASSES)[number];

export const goldenRowSchema = z.strictObject({
  q: z.string(),
  /** What kind of question this is; rows without one are fact questions. */
  class: z.enum(GOLDEN_CLASSES).default("facts"),
  /** The one deal the answer must be about: any other deal in the answer is wrong. */
  deal: z.string().optional(),
  /** Exactly the deals the answer must be about (for questions across deals). */
  deals: z.array(z.string()).optional(),
  intent: z.enum(INTENT_NAMES).optional(),
  /** Passage ids; at least one must be among the first three excerpts. */
  expect: z.array(z.string()).optional(),
  /** A passage id that must be the very first excerpt. */
  top: z.string().optional(),
  /** Words every one of which the answer itself must say (its lead, excerpts, items or rows; never the echo of the question). */
  says: z.array(z.string()).optional(),
  /** Words the answer must not say anywhere in its content. */
  never: z.array(z.string()).optional(),
  /** For yes/no questions: the lead must open with this answer. */
  lead: z.enum(["yes", "no"]).optional(),
  found: z.boolean().default(true),
});
export type GoldenRow = z.infer<typeof goldenRowSchema>;

const GOLDEN_DIR = fileURLToPath(new URL("../test/golden/", import.meta.url));

/** Every row of every YAML file in the golden folder (golden.yaml, outline.yaml, …), in file-name order. */
export function loadGolden(dir = GOLDEN_DIR): GoldenRow[] {
  const files = readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort();
  return files.flatMap((name) => {
    const parsed = z.array(goldenRowSchema).safeParse(yaml.load(readFileSync(`${dir}/${name}`, "utf8")));
    if (!parsed.success) throw new Error(`test/golden/${name}: ${parsed.error.message}`);
    return parsed.data;
  });
}

export type GoldenResult = { row: GoldenRow; answer: Answer; problems: string[] };

/**
 * What the answer itself says: lead, notes, excerpts, list items and compare rows. Words the lead quotes back
 * from the question (“…”) are left out, so an echo of the question never counts as the expected fact.
 */
export function answerContent(answer: Answer): string {
  const { body } = answer;
  const parts = [
    answer.lead.replace(/“[^”]*”/g, " "),
    ...answer.notes,
    ...(body.kind === "excerpts" ? body.excerpts.map((excerpt) => excerpt.text) : []),
    ...(body.kind === "list" ? body.items.flatMap((item) => [item.title, item.text]) : []),
    ...(body.kind === "comparison"
      ? body.rows.flatMap((row) => [row.excerpt?.text ?? "", row.note ?? ""])
      : []),
  ];
  return simplify(parts.join(" \n "));
}

const simplify = (text: string) =>
  text
    .toLowerCase()
    .replace(/[‐-―−]/g, "-")
    .replace(/\s+/g, " ");

/**
 * Checks one row strictly: found or declined as expected, the right intent, exactly the expected deals (an
 * extra deal on a one-deal question is wrong), the expected facts in the top three, the words it must say.
 */
export function checkRow(bot: Bot, row: GoldenRow): GoldenResult {
  const answer = bot.answer(row.q);
  const problems: string[] = [];
  const ids = excerptsOf(answer)
    .slice(0, 3)
    .map((excerpt) => excerpt.passageId);
  if (answer.found !== row.found) problems.push(`found is ${answer.found}, expected ${row.found}`);
  if (row.intent && answer.intent !== row.intent)
    problems.push(`intent is ${answer.intent}, expected ${row.intent}`);
  const wantedDeals = row.deals ?? (row.deal ? [row.deal] : null);
  if (wantedDeals && !sameSet(answer.deals, wantedDeals))
    problems.push(`deals are [${answer.deals}], expected [${wantedDeals}]`);
  if (row.top && ids[0] !== row.top) problems.push(`first excerpt is ${ids[0]}, expected ${row.top}`);
  if (row.expect && !row.expect.some((id) => ids.includes(id))) {
    problems.push(`top three are [${ids}], expected one of [${row.expect}]`);
  }
  const content = answerContent(answer);
  const missing = (row.says ?? []).filter((words) => !content.includes(simplify(words)));
  if (missing.length > 0) problems.push(`does not say [${missing.join(", ")}]`);
  const unwanted = (row.never ?? []).filter((words) => content.includes(simplify(words)));
  if (unwanted.length > 0) problems.push(`says [${unwanted.join(", ")}]`);
  if (row.lead) {
    const opens = answer.lead.trim().toLowerCase().startsWith(row.lead);
    if (!opens) problems.push(`lead does not open with ${row.lead}: "${answer.lead.slice(0, 80)}"`);
  }
  return { row, answer, problems };
}

function sameSet(actual: readonly string[], wanted: readonly string[]): boolean {
  const a = new Set(actual);
  const b = new Set(wanted);
  return a.size === b.size && [...a].every((value) => b.has(value));
}

export type ClassScore = { name: GoldenClass; passed: number; total: number };

/** Accuracy per class, in the order of GOLDEN_CLASSES, leaving out classes with no rows. */
export function scoreByClass(results: readonly GoldenResult[]): ClassScore[] {
  return GOLDEN_CLASSES.map((name) => {
    const rows = results.filter((result) => result.row.class === name);
    return { name, passed: rows.filter((r) => r.problems.length === 0).length, total: rows.length };
  }).filter((score) => score.total > 0);
}
