import { readFileSync } from "node:fs";
import yaml from "js-yaml";
import { z } from "zod";
import { type Answer, INTENT_NAMES } from "../src/core/answer.js";
import type { Bot } from "../src/core/bot.js";
import { DEAL_IDS } from "../src/core/model.js";

export const goldenRowSchema = z.strictObject({
  q: z.string(),
  deal: z.enum(DEAL_IDS).optional(),
  intent: z.enum(INTENT_NAMES).optional(),
  expect: z.array(z.string()).optional(),
  top: z.string().optional(),
  found: z.boolean().default(true),
});
export type GoldenRow = z.infer<typeof goldenRowSchema>;

export function loadGolden(path = new URL("../test/golden/golden.yaml", import.meta.url)): GoldenRow[] {
  return z.array(goldenRowSchema).parse(yaml.load(readFileSync(path, "utf8")));
}

export type GoldenResult = { row: GoldenRow; answer: Answer; problems: string[] };

/** Checks one row: right deal, right intent, expected fact in the top three (or first), right decline. */
export function checkRow(bot: Bot, row: GoldenRow): GoldenResult {
  const answer = bot.answer(row.q);
  const problems: string[] = [];
  const ids = answer.excerpts.slice(0, 3).map((excerpt) => excerpt.passageId);
  if (answer.found !== row.found) problems.push(`found is ${answer.found}, expected ${row.found}`);
  if (row.intent && answer.intent !== row.intent)
    problems.push(`intent is ${answer.intent}, expected ${row.intent}`);
  if (row.deal && !answer.deals.includes(row.deal))
    problems.push(`deals are [${answer.deals}], expected ${row.deal}`);
  if (row.top && ids[0] !== row.top) problems.push(`first excerpt is ${ids[0]}, expected ${row.top}`);
  if (row.expect && !row.expect.some((id) => ids.includes(id))) {
    problems.push(`top three are [${ids}], expected one of [${row.expect}]`);
  }
  return { row, answer, problems };
}
