import type { Answer, AnswerDraft, Citation, Excerpt } from "../../src/core/answer.js";
import { type Names, present } from "../../src/core/present.js";

export const source: Citation = {
  title: "Technology Prosperity Deal between the United States and the Republic of Korea",
  url: "https://www.whitehouse.gov/articles/2025/10/technology-prosperity-deal-korea/",
  published: "2025-10-29",
  publisher: "The White House",
  weight: "official text",
  label: "Korea MOU · official text",
};

export function excerpt(text: string, overrides: Partial<Excerpt> = {}): Excerpt {
  return { passageId: "korea-6g-1", kind: "quote", text, deal: "korea", source, ...overrides };
}

const IDS: Names = { deal: (id) => id, topic: (id) => id };

/** A plausible found answer; override any part of what an intent fills in. */
export function makeAnswer(overrides: Partial<AnswerDraft> = {}, names: Names = IDS): Answer {
  return present(
    {
      query: "korea 6g",
      intent: "ask",
      found: true,
      title: "U.S.–Korea TPD · 6G",
      lead: "What the U.S.–Korea Technology Prosperity Deal says on 6G:",
      excerpts: [excerpt("Cooperate on 6G research and secure, trusted networks.")],
      items: [],
      rows: [],
      notes: [],
      deals: ["korea"],
      topics: ["6g"],
      readings: [
        { words: "korea", kind: "deal", as: "korea", fuzzy: false },
        { words: "6g", kind: "topic", as: "6g", fuzzy: false },
      ],
      page: { offset: 0, shown: 1, total: 3, next: 1 },
      suggestions: [],
      shortened: false,
      ...overrides,
    },
    names,
  );
}
