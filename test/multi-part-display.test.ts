import { beforeAll, describe, expect, it } from "vitest";
import { renderText } from "../src/adapters/console/render-text.js";
import { renderAnswer as renderDiscord } from "../src/adapters/discord/render.js";
import { renderAnswer as renderSlack } from "../src/adapters/slack/render.js";
import type { Answer } from "../src/core/answer.js";
import { excerptsOf } from "./helpers/answer-parts.js";
import { realBot } from "./helpers/bots.js";

/** Words of the signatories' excerpt, and of the UK's and Korea's quantum rows. */
const SIGNED = "signed by President Donald Trump";
const UK_QUANTUM = "true quantum advantage";
const KOREA_QUANTUM = "interoperable quantum standards";

describe("a question of two parts, one answered by excerpts and one by a comparison", () => {
  let answer: Answer;
  beforeAll(async () => {
    answer = (await realBot()).answer("who signed the uk deal and which deals cover quantum?");
  });

  it("keeps both parts in the one body: the signatories' excerpt and each covering deal's row excerpt", () => {
    const texts = excerptsOf(answer).map((excerpt) => excerpt.text);
    for (const words of [SIGNED, UK_QUANTUM, KOREA_QUANTUM])
      expect(
        texts.some((text) => text.includes(words)),
        words,
      ).toBe(true);
    // The comparison part is across all the deals, not the deal the other part names.
    expect(answer.lead).toMatch(
      /Quantum technology: in the deals with the United Kingdom, Japan and the Republic of Korea/,
    );
  });

  it("shows both parts on Slack, Discord and the console", () => {
    for (const [surface, shown] of [
      ["Slack", JSON.stringify(renderSlack(answer, { shareable: true }).blocks)],
      ["Discord", JSON.stringify(renderDiscord(answer).embeds)],
      ["console", renderText(answer)],
    ] as const) {
      expect(shown, surface).toContain(SIGNED);
      expect(shown, surface).toContain(UK_QUANTUM);
    }
  });

  it("says which deals have nothing, when a compared deal has no excerpt", async () => {
    const mixed = (await realBot()).answer("when was the japan deal signed and which deals mention fusion?");
    expect(excerptsOf(mixed).some((excerpt) => excerpt.text.includes("Tokyo"))).toBe(true);
    expect(excerptsOf(mixed).some((excerpt) => excerpt.text.includes("JT-60SA"))).toBe(true);
    expect(mixed.notes.join(" ")).toMatch(/No commitment on fusion energy found in the U\.S\.–Korea/);
  });
});
