import { beforeAll, describe, expect, it } from "vitest";
import type { Bot } from "../../src/core/bot.js";
import { excerptsOf } from "../helpers/answer-parts.js";
import { realBot } from "../helpers/bots.js";

let bot: Bot;
beforeAll(async () => {
  bot = await realBot();
});

describe("a value inside a question that the texts give otherwise", () => {
  it("is corrected by the sentence that gives theirs, its excerpt first", () => {
    const answer = bot.answer("Was the UK deal paused in November 2025?");
    expect(answer.lead).toMatch(/^No — by mid-December 2025 the United States had paused talks/);
    expect(excerptsOf(answer)[0]?.passageId).toBe("uk-pause");
  });

  it("is compared with the value beside the words asked when a sentence gives several", () => {
    // "reactor design licensing within two years … and site licensing within one year"
    expect(bot.answer("Does the UK deal aim for site licensing within 2 years?").lead).toMatch(/^No — /);
    expect(bot.answer("Does the UK deal aim for reactor design licensing within 2 years?").lead).not.toMatch(
      /^No — /,
    );
  });

  it("is not corrected from a passage on something else that has the value asked", () => {
    // The working group's results are due "in the second half of 2026"; the cubesat was planned for the first.
    const answer = bot.answer("Is the Korean Artemis II cubesat planned for the second half of 2026?");
    expect(answer.lead).toContain("first half of 2026");
    expect(excerptsOf(answer)[0]?.passageId).toBe("korea-kasa-followup");
  });

  it("leaves a name that differs only after its first word alone: it may be the body asked, renamed", () => {
    expect(bot.answer("Does the UK deal involve the UK AI Safety Institute?").lead).not.toMatch(/^No — /);
    expect(bot.answer("Was the Korea working group agreed at the G20 summit?").lead).toMatch(
      /^No — .*India AI Impact Summit/,
    );
  });

  it("pages on through the answer without the value", () => {
    const next = bot.answer("When will the Russian nuclear fuel independence happen, 2030?", { offset: 3 });
    expect(next.found).toBe(true);
  });
});

describe("a lead that echoes the question's words", () => {
  it("gives way to the sentence of the excerpts that holds them, with no echo after it", () => {
    const answer = bot.answer("What does OSTP do in the Japan deal?");
    expect(answer.lead).toMatch(
      /^The parties to the U\.S\.–Japan .* represented by the Office of Science and Technology Policy \(OSTP\)/,
    );
    expect(answer.lead).not.toContain("says about");
  });

  it("stays when a sentence has a word asked only in another form ('building' for 'build')", () => {
    expect(bot.answer("What does the Japan MOC build on?").lead).toMatch(/says about “build”:$/);
  });
});
