import { readFileSync } from "node:fs";
import yaml from "js-yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { checkRow, goldenRowSchema } from "../scripts/golden.js";
import type { Bot } from "../src/core/bot.js";
import { loadKnowledge } from "../src/knowledge/load.js";
import { REAL_KNOWLEDGE, realBot } from "./helpers/bots.js";

/** The outline rows: one or more questions per item of the official texts (../shared/official-outline.md). */
const rows = z
  .array(goldenRowSchema)
  .parse(yaml.load(readFileSync(new URL("./golden/outline.yaml", import.meta.url), "utf8")));

let bot: Bot;
beforeAll(async () => {
  bot = await realBot();
});

describe("every item of the official texts is the top answer to a question", () => {
  it.each(rows.map((row) => [row.q, row] as const))("%s", (_q, row) => {
    expect(checkRow(bot, row).problems).toEqual([]);
  });

  it("covers every verbatim passage of the deals' own texts", async () => {
    const tops = new Set(rows.flatMap((row) => [row.top, ...(row.expect ?? [])]));
    const { knowledge } = await loadKnowledge(REAL_KNOWLEDGE);
    const ownWords = knowledge.passages.filter(
      (passage) => passage.kind === "quote" && ["japan-moc", "korea-mou"].includes(passage.sourceId),
    );
    expect(ownWords.length).toBeGreaterThan(10);
    for (const passage of ownWords) expect(tops.has(passage.id), passage.id).toBe(true);
  });
});
