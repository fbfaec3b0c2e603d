import { beforeAll, describe, expect, it } from "vitest";
import { checkRow, loadGolden } from "../scripts/golden.js";
import type { Bot } from "../src/core/bot.js";
import { realBot } from "./helpers/bots.js";

const rows = loadGolden();
let bot: Bot;
beforeAll(async () => {
  bot = await realBot();
});

describe("golden table over the real knowledge", () => {
  it("has at least 40 questions, declines among them, and every deal", () => {
    expect(rows.length).toBeGreaterThanOrEqual(40);
    expect(rows.filter((row) => !row.found).length).toBeGreaterThanOrEqual(4);
    expect(new Set(rows.map((row) => row.deal).filter(Boolean))).toEqual(new Set(["uk", "japan", "korea"]));
  });

  it.each(rows.map((row) => [row.q, row] as const))("%s", (_q, row) => {
    expect(checkRow(bot, row).problems).toEqual([]);
  });

  it("has every paragraph and bullet of the White House article as the top answer of some question", () => {
    const quotes = bot.knowledge.passages.filter(
      (passage) => passage.sourceId === "wh-article-japan-korea" && passage.kind === "quote",
    );
    expect(quotes.length).toBe(15);
    const tops = new Set(rows.map((row) => bot.answer(row.q).excerpts[0]?.passageId));
    for (const quote of quotes) expect(tops.has(quote.id), quote.id).toBe(true);
  });
});
