import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { Bot } from "../../src/core/bot.js";
import { stem, tokenize } from "../../src/core/text.js";
import { loadKnowledge } from "../../src/knowledge/load.js";
import { excerptsOf } from "../helpers/answer-parts.js";
import { REAL_KNOWLEDGE, realBot } from "../helpers/bots.js";

let bot: Bot;
beforeAll(async () => {
  bot = await realBot();
});

const firstExcerpt = (question: string) => excerptsOf(bot.answer(question))[0]?.passageId;

describe("a lead that states the value a question asks for", () => {
  it("spells an abbreviation out in the words of the excerpt that does, its deal named", () => {
    const answer = bot.answer("What does CAISI stand for in the UK deal?");
    expect(answer.lead).toMatch(
      /^In the U\.S\.–UK Technology Prosperity Deal, CAISI stands for “Center for AI Standards and Innovation”\./,
    );
    expect(excerptsOf(answer)[0]?.text).toContain("Center for AI Standards and Innovation (CAISI)");
  });

  it("reads 'of' as a letter only where the abbreviation has one", () => {
    expect(bot.answer("What is OSTP?").lead).toContain(
      "OSTP stands for “Office of Science and Technology Policy”",
    );
    expect(bot.answer("What does MOC stand for in the Japan deal?").lead).toContain(
      "MOC stands for “Memorandum of Cooperation”",
    );
  });

  it("says an abbreviation is not spelled out when its words do not make it, with what the texts call it", () => {
    const answer = bot.answer("What does KASA stand for?");
    expect(answer.lead).toMatch(
      /^The texts I hold do not spell out KASA; they call it “Korea's space agency”\./,
    );
  });

  it("finds the passage that spells it out when the excerpts found by the question's other words do not", () => {
    const answer = bot.answer("What does MOU mean in the Korea deal?");
    expect(answer.lead).toContain("MOU stands for “Memorandum of Understanding”");
    expect(excerptsOf(answer)[0]?.text).toContain("(MOU)");
  });

  it("answers 'what does X stand for' from the texts, not with where a deal stands", () => {
    expect(bot.answer("What does MSIT stand for?").intent).toBe("ask");
  });

  it("asks no abbreviation of a word typed in lower case beside 'mean'", () => {
    expect(bot.answer("what does non-binding mean in the korea deal?").lead).not.toContain("spell out");
  });

  it("quotes the sentence naming the body asked, and shows its excerpt first", () => {
    const answer = bot.answer("Which UK regulator works with the NRC to speed up nuclear licensing?");
    expect(answer.lead).toMatch(/^The White House says .*UK Office for Nuclear Regulation/);
    expect(excerptsOf(answer)[0]?.passageId).toBe("uk-wh-nrc-licensing");
  });

  it("takes a name holding the kind asked as the answer, though the question gives its other words", () => {
    const answer = bot.answer("Which programme does the UK deal set up for quantum industry exchange?");
    expect(answer.lead).toContain("Quantum Industry Exchange Program");
    expect(answer.lead).not.toContain("do not say");
  });

  it("passes over a body the question names itself", () => {
    expect(firstExcerpt("Which US agency works with the National Research Foundation of Korea?")).toBe(
      "korea-ai-research",
    );
    expect(bot.answer("Which Korean body partners with NSF on use-inspired AI research?").lead).toMatch(
      /^Under "Accelerating AI Adoption and Innovation".*National Research Foundation of Korea\./,
    );
  });

  it("says plainly when no excerpt names a body of the kind asked", () => {
    const answer = bot.answer("Which Japanese university leads the quantum work under the Japan deal?");
    expect(answer.lead).toMatch(
      /^The texts I hold do not say which Japanese university leads the quantum work under the Japan deal\. /,
    );
  });

  it("quotes the sentence giving the span asked", () => {
    expect(bot.answer("How many days' notice is needed to end the Korea MOU?").lead).toMatch(
      /^Either side may end the U\.S\.–Korea Technology Prosperity Deal by giving 180 days' written notice/,
    );
    expect(bot.answer("When will the UK working group first meet?").lead).toContain("within six months");
  });

  it("quotes the sentence that puts what is asked at a named place", () => {
    expect(bot.answer("Where is fusion research planned under the Japan deal?").lead).toMatch(
      /^AIP's FYI reports .* at the JT-60SA test facility/,
    );
    expect(bot.answer("What region does the Korea MOU want stability in?").lead).toContain(
      "across the Pacific",
    );
  });

  it("says plainly when no excerpt names a place of the kind asked, but not for a bare 'where'", () => {
    expect(bot.answer("Which U.S. states will host the UK nuclear projects?").lead).toMatch(
      /^The texts I hold do not say which US states will host the UK nuclear projects\. /,
    );
    expect(bot.answer("Where would the maritime shipping corridor run under the UK deal?").lead).toContain(
      "between the two countries' territories",
    );
  });

  it("asks a time of day of a clock time, which a date does not give", () => {
    expect(bot.answer("What time of day was the Korea deal signed?").lead).toMatch(
      /^The texts I hold do not say what time of day/,
    );
  });

  it("answers a question offering two answers with the one its excerpts give, not with a Yes", () => {
    expect(bot.answer("Was the Korea deal signed in Gyeongju or Seoul?").lead).toMatch(
      /^Gyeongju — The U\.S\.–Korea/,
    );
    expect(bot.answer("Is the UK deal an MOU or a treaty?").lead).toMatch(/^MOU — The U\.S\.–UK Technology/);
    expect(bot.answer("Is the Korea MOU ended with 90 or 180 days' notice?").lead).toMatch(
      /^180 — Either side/,
    );
  });

  it("takes no answer offered that its sentence denies, and leaves an 'or' of two things covered to a Yes or No", () => {
    expect(bot.answer("Is the Korea MOU a treaty or an MOU?").lead).not.toMatch(/^Treaty/);
    expect(bot.answer("Does the UK deal cover AI or quantum?").lead).toMatch(/^Yes/);
  });

  it("leaves a question that asks for no value, and a yes/no one, to their own leads", () => {
    expect(bot.answer("What does the Korea deal say about quantum?").lead).toMatch(/^What the /);
    expect(bot.answer("Does the UK deal name CAISI?").lead).not.toContain("stands for");
  });
});

describe("a passage's words asked, which bound those of each of its sentences on a later page", () => {
  // The lookups count a passage's words from its whole text; a sentence split from it at spaces has no word
  // the passage lacks, so a passage with fewer words asked than needed has no sentence with enough.
  const wordsOf = (text: string) => new Set(tokenize(text).map(stem));
  const lacking = (text: string) => {
    const words = wordsOf(text);
    return text.split(/\s+/).flatMap((part) => [...wordsOf(part)].filter((word) => !words.has(word)));
  };

  it("holds for every passage of the knowledge", async () => {
    const { knowledge } = await loadKnowledge(REAL_KNOWLEDGE);
    for (const passage of knowledge.passages) expect(lacking(passage.text), passage.id).toEqual([]);
  });

  it("holds for any text of letters, digits, dots and spaces", () => {
    const char = fc.constantFrom("a", "b", "U", "S", "é", "1", ".", ". ", " ", "\n", "-", "’");
    fc.assert(
      fc.property(fc.array(char, { maxLength: 40 }), (chars) => lacking(chars.join("")).length === 0),
    );
  });
});
