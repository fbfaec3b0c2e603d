import { beforeAll, describe, expect, it } from "vitest";
import type { Bot } from "../../src/core/bot.js";
import { excerptsOf, itemsOf, rowsOf } from "../helpers/answer-parts.js";
import { fixtureBot } from "../helpers/bots.js";

let bot: Bot;
beforeAll(async () => {
  bot = await fixtureBot();
});

const ids = (text: string, options = {}) =>
  excerptsOf(bot.answer(text, options)).map((excerpt) => excerpt.passageId);

describe("ask", () => {
  it("narrows to the deal and topic named, quoting official words first", () => {
    const answer = bot.answer("korea 6g");
    expect(answer.intent).toBe("ask");
    expect(answer.found).toBe(true);
    expect(answer.deals).toEqual(["korea"]);
    expect(answer.topics).toEqual(["telecom"]);
    expect(excerptsOf(answer).map((e) => e.passageId)).toEqual(["art-korea-6g", "korea-telecom"]);
    expect(excerptsOf(answer)[0]?.source).toMatchObject({
      title: "Fixture article on the deals",
      published: "2025-10-29",
      publisher: "Fixture House",
      weight: "official summary",
      label: "Fixture House · official summary",
    });
    expect(excerptsOf(answer)[0]?.source.url).toMatch(/^https:\/\/example\.org\/article#:~:text=/);
    expect(excerptsOf(answer)[0]?.kind).toBe("quote");
    expect(excerptsOf(answer)[1]?.kind).toBe("summary");
  });

  it("reads typos, case, punctuation and other scripts the same way", () => {
    const expected = ids("korea 6g");
    expect(ids("KOERA, 6G?!")).toEqual(expected);
    expect(ids("한국 6g")).toEqual(expected);
    expect(ids("japn fusoin")).toEqual(ids("japan fusion"));
  });

  it("records which words were read as what, marking typos", () => {
    const answer = bot.answer("koera 6g");
    expect(answer.readings).toEqual([
      { words: "koera", kind: "deal", as: "korea", fuzzy: true },
      { words: "6g", kind: "topic", as: "telecom", fuzzy: false },
    ]);
  });

  it("finds facts by their own words when no deal or topic is named", () => {
    expect(ids("chequers")[0]).toBe("uk-signing");
    expect(bot.answer("benchmarking taskforce").deals).toEqual(["uk"]);
  });

  it("declines plainly, with suggestions, when nothing matches", () => {
    const answer = bot.answer("pizza recipe");
    expect(answer.found).toBe(false);
    expect(excerptsOf(answer)).toEqual([]);
    expect(answer.lead).toMatch(/pizza recipe/);
    expect(answer.actions.suggested.length).toBeGreaterThanOrEqual(2);
    expect(answer.actions.suggested.length).toBeLessThanOrEqual(3);
  });

  it("says a topic is absent from a deal rather than padding with other text", () => {
    const answer = bot.answer("korea fusion");
    expect(answer.found).toBe(false);
    expect(answer.lead).toMatch(
      /^No commitment on Fusion found in the Fixture Korea deal\. Fusion appears in the deals with /,
    );
    expect(answer.actions.suggested[0]).toEqual({
      label: "Compare Fusion across deals",
      query: "compare fusion",
    });
  });

  it("names the deals that exist when asked about a country without one", () => {
    const answer = bot.answer("france quantum");
    expect(answer.found).toBe(false);
    expect(answer.lead).toContain("France");
    expect(answer.lead).toContain("the United Kingdom, Japan and the Republic of Korea");
    expect(bot.answer("north korea").found).toBe(false);
  });

  it("shows at most three excerpts and how to reach the next ones", () => {
    const first = bot.answer("japan");
    expect(excerptsOf(first)).toHaveLength(3);
    expect(first.page).toMatchObject({ offset: 0, shown: 3 });
    expect(first.page.total).toBeGreaterThan(3);
    expect(first.page.next).toBe(3);
    const second = bot.answer("japan", { offset: first.page.next ?? 0 });
    expect(second.page.offset).toBe(3);
    const overlap = excerptsOf(second).filter((e) =>
      excerptsOf(first).some((f) => f.passageId === e.passageId),
    );
    expect(overlap).toEqual([]);
  });

  it("reads a page size under one as the usual page, so the next page never points back at itself", () => {
    const usual = bot.answer("japan", { offset: 3 }).page;
    for (const pageSize of [0, 0.5, -2, Number.NaN])
      expect(bot.answer("japan", { offset: 3, pageSize }).page).toEqual(usual);
    expect(usual.next ?? Number.POSITIVE_INFINITY).toBeGreaterThan(3);
  });

  it("lets a platform option pick the deal", () => {
    expect(excerptsOf(bot.answer("quantum", { deal: "korea" })).map((e) => e.deal)).toEqual(["korea"]);
  });

  it("treats an empty question as a request for help", () => {
    expect(bot.answer("   ").intent).toBe("help");
  });
});

describe("compare", () => {
  it("gives one row per deal, saying plainly where a deal has nothing", () => {
    const answer = bot.answer("compare fusion");
    expect(answer.intent).toBe("compare");
    expect(rowsOf(answer).map((row) => [row.deal, row.excerpt?.passageId ?? null])).toEqual([
      ["uk", "uk-fusion"],
      ["japan", "japan-fusion"],
      ["korea", null],
    ]);
    expect(rowsOf(answer)[2]?.note).toBe("No commitment on fusion found in the Fixture Korea deal text.");
    expect(answer.deals).toEqual(["uk", "japan"]);
  });

  it("without a topic, tabulates which deal lists which area", () => {
    const answer = bot.answer("compare");
    expect(itemsOf(answer).find((item) => item.title === "Quantum")?.text).toBe(
      "Listed by: the United Kingdom and the Republic of Korea",
    );
  });
});

describe("who-signed, when, status", () => {
  it("who-signed lists signatories and notes a disputed one", () => {
    const answer = bot.answer("who signed the korea deal?");
    expect(answer.intent).toBe("who-signed");
    expect(excerptsOf(answer).map((e) => e.passageId)).toEqual(["korea-signatories"]);
    expect(answer.lead).toContain("Ed Example (Minister) [disputed]");
    expect(answer.notes).toEqual(["One news report names Fay Example as the Korean signatory instead."]);
  });

  it("who-signed without a deal covers every deal, one each first", () => {
    expect(ids("who signed")).toEqual(["uk-signatories", "japan-signatories", "korea-signatories"]);
  });

  it("when gives the signing facts with dates and places", () => {
    const answer = bot.answer("when was the japan deal signed");
    expect(answer.intent).toBe("when");
    expect(answer.lead).toBe("Japan: 28 October 2025, Tokyo.");
    expect(excerptsOf(answer).map((e) => e.passageId)).toEqual(["japan-signing"]);
  });

  it("status lists developments newest first", () => {
    expect(ids("status")).toEqual(["korea-working-group", "uk-resume-talks", "uk-pause"]);
    expect(bot.answer("is the uk deal paused?").intent).toBe("status");
  });

  it("status leads with each deal's newest report and its date, or says nothing is held after signing", () => {
    expect(bot.answer("where does the uk deal stand?").lead).toMatch(
      /^The newest report I hold on the Fixture UK deal is dated 10 January 2026\. /,
    );
    expect(bot.answer("status").lead).toContain(
      "I hold nothing on the deal with Japan after its signing on 28 October 2025.",
    );
    const japan = bot.answer("anything new on the japan deal since it was signed?");
    expect([japan.intent, japan.lead]).toEqual([
      "status",
      "I hold nothing on the deal with Japan after its signing on 28 October 2025. The knowledge is as of 21 February 2026.",
    ]);
  });
});

describe("deals, topics, sources, help", () => {
  it("deals lists every deal with its date and document", () => {
    const answer = bot.answer("deals");
    expect(itemsOf(answer).map((item) => item.title)).toEqual([
      "Fixture UK deal",
      "Fixture Japan deal",
      "Fixture Korea deal",
    ]);
    expect(itemsOf(answer)[0]?.text).toContain("signed 18 September 2025 in Chequers");
  });

  it("topics lists a deal's areas with a follow-up question each", () => {
    const answer = bot.answer("topics japan");
    expect(itemsOf(answer).map((item) => [item.title, item.query])).toEqual([
      ["Fusion", "japan fusion"],
      ["Space", "japan space"],
      ["6G", "japan telecom"],
    ]);
  });

  it("a question naming a topic is an ask even when it carries a list cue", () => {
    expect(bot.answer("does the uk deal cover quantum?").intent).toBe("ask");
  });

  it("sources lists a deal's documents, official first, with links", () => {
    const answer = bot.answer("sources korea");
    expect(itemsOf(answer).map((item) => item.source?.url)).toEqual([
      "https://example.org/korea",
      "https://example.org/article",
    ]);
  });

  it("sources says which documents of a kind asked it holds, or that it holds none", () => {
    const held = bot.answer("is there an article in the sources?");
    expect(held.lead).toBe("Yes — the texts I hold include one article:");
    expect(itemsOf(held).map((item) => item.title)).toEqual(["Fixture article on the deals"]);
    const none = bot.answer("is there a fact sheet in the sources?");
    expect(none.lead).toMatch(/^The texts I hold include no fact sheet\. \d+ documents/);
  });

  it("help is generated from every intent's own description and examples", () => {
    const answer = bot.answer("help");
    expect(itemsOf(answer).map((item) => item.title)).toEqual(bot.intents.map((intent) => intent.name));
    for (const intent of bot.intents) {
      const item = itemsOf(answer).find((candidate) => candidate.title === intent.name);
      expect(item?.text).toContain(intent.description);
      expect(item?.text).toContain(intent.examples[0]);
    }
  });
});

describe("suggest", () => {
  it("pins suggestions for an empty field and ranks by what is typed", () => {
    expect(bot.suggest("").length).toBeGreaterThan(0);
    const typed = bot.suggest("kor");
    expect(typed.length).toBeGreaterThan(0);
    expect(typed.every((s) => s.query.includes("korea") || s.label.toLowerCase().includes("korea"))).toBe(
      true,
    );
    expect(bot.suggest("zzzzzz")).toEqual([]);
    expect(bot.suggest("a", 5).length).toBeLessThanOrEqual(5);
  });
});
