import { beforeAll, describe, expect, it } from "vitest";
import { renderText } from "../src/adapters/console/render-text.js";
import { renderAnswer as renderDiscord } from "../src/adapters/discord/render.js";
import { renderAnswer as renderSlack } from "../src/adapters/slack/render.js";
import type { Answer } from "../src/core/answer.js";
import { excerptsOf } from "./helpers/answer-parts.js";
import { realBot } from "./helpers/bots.js";

const LABEL = "UK MOU §II, civil nuclear · official text";

describe("every adapter shows where a cited line sits and what stands behind it", () => {
  let answer: Answer;
  beforeAll(async () => {
    answer = (await realBot()).answer("uk russian nuclear fuel 2028");
    expect(excerptsOf(answer).map((excerpt) => excerpt.source.label)).toContain(LABEL);
  });

  it("Slack", () => {
    expect(JSON.stringify(renderSlack(answer, { shareable: true }).blocks)).toContain(LABEL);
  });

  it("Discord", () => {
    expect(JSON.stringify(renderDiscord(answer).embeds)).toContain(LABEL);
  });

  it("console and the ask CLI", () => {
    expect(renderText(answer)).toContain(LABEL);
  });
});

describe("a citation's date reads the same on every surface", () => {
  it("Slack, Discord and the console all print the published date as '29 October 2025'", async () => {
    const answer = (await realBot()).answer("korea 6g");
    const published = excerptsOf(answer).map((excerpt) => excerpt.source.published);
    expect(published).toContain("2025-10-29");
    for (const shown of [
      JSON.stringify(renderSlack(answer, { shareable: true }).blocks),
      JSON.stringify(renderDiscord(answer).embeds),
      renderText(answer),
    ]) {
      expect(shown).toContain("29 October 2025");
      expect(shown).not.toMatch(/\b(Oct 29|29 Oct)\b/);
    }
  });
});

describe("a quote that opens with its own quotation marks", () => {
  it("is not wrapped in a second pair on the console, while a plain quote is", async () => {
    const answer = (await realBot()).answer("kratsios quote redefining american technological leadership");
    const remark = excerptsOf(answer).find((excerpt) => excerpt.text.startsWith("“The Trump Administration"));
    expect(remark?.kind).toBe("quote");
    const shown = renderText(answer);
    expect(shown).toContain(" “The Trump Administration");
    expect(shown).not.toContain("““");
    const plain = renderText(
      (await realBot()).answer("korea ties with strategic partners in the pacific for stability"),
    );
    expect(plain).toMatch(/\d\. “[A-Z]/);
  });
});
