import { describe, expect, it } from "vitest";
import { loadKnowledge } from "../../src/knowledge/load.js";
import { FIXTURE_KNOWLEDGE, fixtureBot, REAL_KNOWLEDGE, realBot } from "../helpers/bots.js";

describe("overview", () => {
  it("lists every deal in signing order with its signing, and the newest development cited", async () => {
    const bot = await fixtureBot();
    const { knowledge } = await loadKnowledge(FIXTURE_KNOWLEDGE);
    const overview = bot.overview();
    expect(overview.asOf).toBe(knowledge.asOf);
    expect(overview.deals.map((deal) => deal.id)).toEqual(knowledge.deals.map((deal) => deal.id));
    const uk = overview.deals.find((deal) => deal.id === "uk");
    expect(uk?.signed).toEqual(knowledge.deals.find((deal) => deal.id === "uk")?.signed);
    // Of the pause (December 2025) and the talks (January 2026), the newer.
    expect(uk?.latest).toMatchObject({ passageId: "uk-resume-talks", date: "2026-01-10", kind: "summary" });
    expect(uk?.latest?.source.url).toMatch(/^https:\/\//);
    expect(overview.deals.find((deal) => deal.id === "korea")?.latest?.date).toBe("2026-02-21");
    expect(overview.deals.find((deal) => deal.id === "japan")?.latest).toBeNull();
  });

  it("offers the knowledge's suggested questions to start with, each of which the bot answers", async () => {
    const bot = await realBot();
    const { knowledge } = await loadKnowledge(REAL_KNOWLEDGE);
    const { examples } = bot.overview();
    expect(examples).toEqual(knowledge.suggestions.slice(0, examples.length));
    expect(examples.length).toBeGreaterThan(1);
    for (const example of examples) expect(bot.answer(example.query).found, example.query).toBe(true);
  });

  it("falls back to the intents' examples when the knowledge suggests none", async () => {
    const bot = await fixtureBot();
    const queries = bot.overview().examples.map((example) => example.query);
    expect(queries.length).toBeGreaterThan(1);
    expect(queries).toEqual(
      bot.intents.flatMap((intent) => intent.examples.slice(0, 1)).slice(0, queries.length),
    );
  });
});
