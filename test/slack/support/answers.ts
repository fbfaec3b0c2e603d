import type { Answer, AnswerDraft, Citation, Excerpt } from "../../../src/core/answer.js";
import { type Names, present } from "../../../src/core/present.js";

export const WHITE_HOUSE: Citation = {
  title: "The United States Signs Technology Prosperity Deals with Japan and Korea",
  url: "https://www.whitehouse.gov/articles/2025/10/the-united-states-signs-technology-prosperity-deals-with-japan-and-korea/",
  published: "2025-10-29",
  publisher: "The White House",
  weight: "official summary",
  label: "White House article · official summary",
};

export function excerpt(overrides: Partial<Excerpt> = {}): Excerpt {
  return {
    passageId: "korea-6g",
    kind: "quote",
    text: "The U.S.-Korea TPD advances strategic interests of the U.S. in space exploration and 6G telecommunications.",
    deal: "korea",
    source: WHITE_HOUSE,
    ...overrides,
  };
}

const DEAL_LABEL: Record<string, string> = { korea: "U.S.–Korea" };
const NAMES: Names = { deal: (id) => DEAL_LABEL[id] ?? id, topic: (id) => id };

/** A hand-made answer shaped like the engine's answer to "korea 6g"; override what an intent fills in. */
export function answer(overrides: Partial<AnswerDraft> = {}, names: Names = NAMES): Answer {
  return present(
    {
      query: "korea 6g",
      intent: "ask",
      found: true,
      title: "Republic of Korea · Telecommunications, 5G and 6G",
      lead: "What the U.S.–Korea Technology Prosperity Deal says on Telecommunications, 5G and 6G:",
      excerpts: [excerpt()],
      items: [],
      rows: [],
      notes: [],
      deals: ["korea"],
      topics: ["telecom"],
      readings: [
        { words: "korea", kind: "deal", as: "korea", fuzzy: false },
        { words: "6g", kind: "topic", as: "telecom", fuzzy: false },
      ],
      page: { offset: 0, shown: 1, total: 4, next: 1 },
      suggestions: [],
      shortened: false,
      ...overrides,
    },
    names,
  );
}
