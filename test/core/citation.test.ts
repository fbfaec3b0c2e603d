import { beforeAll, describe, expect, it } from "vitest";
import type { Bot } from "../../src/core/bot.js";
import { citationLabel, passageCitation, sectionReference } from "../../src/core/citation.js";
import type { Passage, Source } from "../../src/core/model.js";
import { encodeTextDirective, textFragmentUrl } from "../../src/core/text-fragment.js";
import { loadKnowledge } from "../../src/knowledge/load.js";
import { excerptsOf } from "../helpers/answer-parts.js";
import { REAL_KNOWLEDGE, realBot } from "../helpers/bots.js";

const ukMou: Source = {
  id: "uk-mou",
  title: "UK memorandum",
  url: "https://example.org/uk-mou/",
  published: "2025-09-18",
  publisher: "The White House",
  type: "memorandum of understanding",
  official: true,
  weight: "official text",
  short: "UK MOU",
  language: "English",
  sections: [
    { id: "II.B", title: "Unleashing Civil Nuclear Energy", short: "civil nuclear" },
    { id: "legal-effect", title: "Funds and legal effect", short: "legal effect" },
  ],
};
const fact = (over: Partial<Passage>): Passage => ({
  id: "f",
  sourceId: "uk-mou",
  kind: "summary",
  section: "area",
  text: "Full independence from Russian nuclear fuel by the end of 2028.",
  deals: ["uk"],
  topics: [],
  order: 0,
  ...over,
});

describe("citations", () => {
  it("name the document, the section in its own numbering and the source's weight", () => {
    const citation = passageCitation(ukMou, fact({ ref: "II.B" }));
    expect(citation.label).toBe("UK MOU §II, civil nuclear · official text");
    expect(citation.section).toBe("II · Unleashing Civil Nuclear Energy");
    expect(citation.url).toBe(ukMou.url);
    expect(passageCitation(ukMou, fact({ ref: "legal-effect" })).label).toBe(
      "UK MOU, legal effect · official text",
    );
    expect(citationLabel({ ...ukMou, short: "TRT World", weight: "news report" })).toBe(
      "TRT World · news report",
    );
    expect(sectionReference({ id: "preamble", title: "Preamble" })).toBe("Preamble");
  });

  it("link a verbatim quote to its words with a text fragment, encoded as the spec requires", () => {
    expect(encodeTextDirective("U.S.-ROK, A & B")).toBe("U.S.%2DROK%2C%20A%20%26%20B");
    expect(textFragmentUrl("https://example.org/a#old", "Have reached the following understandings:")).toBe(
      "https://example.org/a#:~:text=Have%20reached%20the%20following%20understandings%3A",
    );
    const long =
      "The U.S.-Korea TPD advances strategic interests of the U.S. in space exploration and 6G telecommunications.";
    expect(textFragmentUrl("https://example.org/a", long)).toBe(
      "https://example.org/a#:~:text=The%20U.S.%2DKorea%20TPD%20advances,exploration%20and%206G%20telecommunications.",
    );
    const quote = passageCitation(ukMou, fact({ kind: "quote", ref: "II.B" }));
    expect(quote.url).toBe(textFragmentUrl(ukMou.url, fact({}).text));
  });
});

describe("the real knowledge's citations", () => {
  let bot: Bot;
  beforeAll(async () => {
    bot = await realBot();
  });

  it("show the section and weight behind each excerpt", () => {
    const answer = bot.answer("uk russian nuclear fuel 2028");
    const fuel = excerptsOf(answer).find((excerpt) => excerpt.passageId === "uk-nuclear-fuel");
    expect(fuel?.source.label).toBe("UK MOU §II, civil nuclear · official text");
    expect(fuel?.source.section).toBe("II · Unleashing Civil Nuclear Energy");
  });

  it("date status answers by the knowledge's newest source", async () => {
    const answer = bot.answer("is the uk deal paused?");
    expect(answer.intent).toBe("status");
    expect(answer.lead).toContain(`as of 5 June 2026`);
    expect((await loadKnowledge(REAL_KNOWLEDGE)).knowledge.asOf).toBe("2026-06-05");
  });
});
