import { beforeAll, describe, expect, it } from "vitest";
import { checkRow, GOLDEN_CLASSES, type GoldenResult, loadGolden, scoreByClass } from "../scripts/golden.js";
import type { Bot } from "../src/core/bot.js";
import { loadKnowledge } from "../src/knowledge/load.js";
import { excerptsOf } from "./helpers/answer-parts.js";
import { REAL_KNOWLEDGE, realBot } from "./helpers/bots.js";

const rows = loadGolden();
let bot: Bot;
let results: GoldenResult[];
beforeAll(async () => {
  bot = await realBot();
  results = rows.map((row) => checkRow(bot, row));
});

describe("golden table over the real knowledge", () => {
  it("has declines among its questions, and every deal", () => {
    expect(rows.filter((row) => !row.found).length).toBeGreaterThanOrEqual(4);
    expect(new Set(rows.map((row) => row.deal).filter(Boolean))).toEqual(new Set(["uk", "japan", "korea"]));
  });

  it("reaches 95% in every class under strict scoring", () => {
    for (const score of scoreByClass(results)) {
      const misses = results
        .filter((r) => r.row.class === score.name && r.problems.length > 0)
        .map((r) => `${r.row.q}: ${r.problems.join("; ")}`);
      expect(score.passed / score.total, `${score.name}:\n${misses.join("\n")}`).toBeGreaterThanOrEqual(0.95);
    }
    expect(scoreByClass(results).every((score) => GOLDEN_CLASSES.includes(score.name))).toBe(true);
  });

  it("has every paragraph and bullet of the White House article as the top answer of some question", async () => {
    const { knowledge } = await loadKnowledge(REAL_KNOWLEDGE);
    const quotes = knowledge.passages.filter(
      (passage) => passage.sourceId === "wh-article-japan-korea" && passage.kind === "quote",
    );
    expect(quotes.length).toBe(15);
    const tops = new Set(results.map((result) => excerptsOf(result.answer)[0]?.passageId));
    for (const quote of quotes) expect(tops.has(quote.id), quote.id).toBe(true);
  });
});
