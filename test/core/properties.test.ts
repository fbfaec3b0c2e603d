import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { renderChoices } from "../../src/adapters/discord/render.js";
import type { Bot } from "../../src/core/bot.js";
import { MAX_QUERY_LENGTH, normalizeInput } from "../../src/core/normalize.js";
import { eachToken, editDistance, tokenize } from "../../src/core/text.js";
import { isSlip } from "../../src/core/vocabulary.js";
import { hostileText } from "../helpers/answer-arbitrary.js";
import { excerptsOf, itemsOf, rowsOf } from "../helpers/answer-parts.js";
import { realBot } from "../helpers/bots.js";

let bot: Bot;
beforeAll(async () => {
  bot = await realBot();
});

/** Strings people and attackers send: words the bot knows mixed with anything at all. */
const question = fc.oneof(
  hostileText(800),
  fc
    .array(
      fc.constantFrom(
        "korea",
        "japan",
        "uk",
        "6g",
        "quantum",
        "compare",
        "who",
        "signed",
        "when",
        "status",
        "ai",
        "@here",
      ),
      {
        maxLength: 8,
      },
    )
    .map((words) => words.join(" ")),
  // Long inputs: a short random string repeated out to ~100 KB, cheap to generate and to shrink.
  fc
    .tuple(fc.string({ unit: "binary", minLength: 1, maxLength: 50 }), fc.integer({ min: 1000, max: 2000 }))
    .map(([chunk, times]) => chunk.repeat(times).slice(0, 100_000)),
);

describe("answering any string", () => {
  it("never throws, keeps to three excerpts and cites https URLs when found", () => {
    fc.assert(
      fc.property(question, fc.nat(20), (text, offset) => {
        const answer = bot.answer(text, { offset });
        expect(excerptsOf(answer).length).toBeLessThanOrEqual(3);
        expect([...answer.query].length).toBeLessThanOrEqual(MAX_QUERY_LENGTH);
        if (answer.found) {
          const cited = [
            ...excerptsOf(answer),
            ...itemsOf(answer).flatMap((item) => (item.source ? [item] : [])),
          ];
          // Help and the topic tables describe the bot and its vocabulary; every other answer cites a source.
          if (answer.intent === "help" || (answer.intent === "compare" && rowsOf(answer).length === 0)) {
            expect(itemsOf(answer).length).toBeGreaterThan(0);
          } else if (answer.intent === "topics" && answer.deals.length === 3) {
            expect(itemsOf(answer).length).toBeGreaterThan(0);
          } else {
            expect(cited.length).toBeGreaterThan(0);
          }
          for (const excerpt of excerptsOf(answer)) expect(excerpt.source.url).toMatch(/^https:\/\//);
        } else {
          expect(excerptsOf(answer)).toEqual([]);
          expect(answer.lead.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("answers 100 KB of text, control characters, emoji and right-to-left text", () => {
    for (const text of [
      "x".repeat(100_000),
      "\u0000\u0007\u001b[31m korea 6g",
      "🇰🇷 korea 🚀 6g",
      "كوريا 6g \u202e korea",
    ]) {
      expect(() => bot.answer(text)).not.toThrow();
    }
    expect(excerptsOf(bot.answer("\u0000\u0007\u001b[31m korea 6g"))[0]?.passageId).toBe(
      "jk-korea-strategic-interests",
    );
    expect(bot.answer("x".repeat(100_000)).shortened).toBe(true);
  });

  it("keeps a question at its longest within the length a thread carries, though a word is restated longer", () => {
    // "r" is read as "are": two characters more than typed.
    const text = `r these deals good ${"x".repeat(600)}`.slice(0, MAX_QUERY_LENGTH);
    expect([...bot.answer(text).query].length).toBe(MAX_QUERY_LENGTH);
  });

  it("suggests for any prefix without throwing, at most 25 as Discord choices", () => {
    fc.assert(
      fc.property(hostileText(300), fc.integer({ min: -5, max: 100 }), (prefix, limit) => {
        const suggestions = bot.suggest(prefix, limit);
        expect(suggestions.length).toBeLessThanOrEqual(Math.max(0, limit));
        const choices = renderChoices(suggestions);
        expect(choices.length).toBeLessThanOrEqual(25);
        for (const choice of choices) expect(choice.name.length).toBeLessThanOrEqual(100);
      }),
      { numRuns: 200 },
    );
  });
});

describe("normalizeInput", () => {
  it("is idempotent, capped, and removes control and invisible characters", () => {
    fc.assert(
      fc.property(hostileText(2000), (text) => {
        const once = normalizeInput(text);
        expect(normalizeInput(once.text).text).toBe(once.text);
        expect([...once.text].length).toBeLessThanOrEqual(MAX_QUERY_LENGTH);
        expect(once.text).not.toMatch(/[\p{Cc}\u200b-\u200f\u202a-\u202e\ufeff]/u);
      }),
      { numRuns: 500 },
    );
  });

  it("says when it shortened the question", () => {
    expect(normalizeInput("a".repeat(501))).toEqual({ text: "a".repeat(500), shortened: true });
    expect(normalizeInput("ｋｏｒｅａ\u200b ６ｇ")).toEqual({ text: "korea 6g", shortened: false });
    expect(normalizeInput(undefined)).toEqual({ text: "", shortened: false });
  });

  it("removes mentions, which address a message and are no words of its question", () => {
    expect(normalizeInput("@everyone is the korea deal binding").text).toBe("is the korea deal binding");
    expect(normalizeInput("<@U024BE7LH> <!here> who signed? <#C024BE7LR|general>").text).toBe("who signed?");
    expect(normalizeInput("<@!80351110224678912> korea 6g").text).toBe("korea 6g");
    expect(normalizeInput("email me@here.com").text).toBe("email me@here.com");
  });

  it("reads a flag as its country's two-letter code and a network generation typed apart as written", () => {
    expect(normalizeInput("🇯🇵 quantum").text).toBe("JP quantum");
    expect(normalizeInput("who signed🇬🇧?").text).toBe("who signed GB ?");
    expect(normalizeInput("does korea cover 6 g").text).toBe("does korea cover 6G");
    expect(normalizeInput("section 6 great").text).toBe("section 6 great");
  });

  it("writes out a shortened sum as the texts write sums, a bare letter only after a currency sign", () => {
    expect(normalizeInput("where does the £150bn come from").text).toBe(
      "where does the £150 billion come from",
    );
    expect(normalizeInput("the $1b plan, $500m each").text).toBe("the $1 billion plan, $500 million each");
    expect(normalizeInput("a 5m dish").text).toBe("a 5m dish");
  });
});

describe("tokenize", () => {
  /** What a token is, said as regular expressions: letters and digits of the lowercased text, "u.s." read as "us". */
  const byDefinition = (text: string) =>
    text
      .toLowerCase()
      .replace(/(?<=\b[a-z])\.(?=[a-z]\.)/g, "")
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  const pieces = [
    "u",
    "s",
    "k",
    ".",
    "A",
    "a",
    "_",
    "1",
    " ",
    "-",
    "é",
    "İ",
    "Σ",
    "😀",
    "日本",
    "\ud800",
    "١",
  ];

  it("splits any text as the definition does, in one pass over its characters", () => {
    fc.assert(
      fc.property(hostileText(200), (text) => {
        expect(tokenize(text)).toEqual(byDefinition(text));
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 24 }), (parts) => {
        const text = parts.join("");
        expect(tokenize(text)).toEqual(byDefinition(text));
      }),
      { numRuns: 5000 },
    );
    expect(tokenize("The U.S.-Japan MOC (Sept. 2025) and R&D, e.g. JT-60SA")).toEqual(
      byDefinition("The U.S.-Japan MOC (Sept. 2025) and R&D, e.g. JT-60SA"),
    );
  });

  it("hands each token with the FNV-1a hash of its characters, a joined token's without its dots", () => {
    const fnv = (token: string) => {
      let hash = 0x811c9dc5;
      for (let i = 0; i < token.length; i++) hash = Math.imul(hash ^ token.charCodeAt(i), 0x01000193);
      return hash;
    };
    const check = (text: string) => {
      const seen: [string, number][] = [];
      eachToken(text, (lower, start, end, joined, hash) =>
        seen.push([joined ?? lower.slice(start, end), hash]),
      );
      expect(seen).toEqual(tokenize(text).map((token) => [token, fnv(token)]));
    };
    fc.assert(fc.property(hostileText(200), check), { numRuns: 1000 });
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 24 }), (parts) => check(parts.join(""))),
      { numRuns: 2000 },
    );
    check("The U.S.-Japan MOC, 日本の量子 and 𝒜𝒷 (u.s.a.)");
  });
});

describe("editDistance", () => {
  /** Optimal string alignment distance, as the textbook table defines it, with no early stop. */
  const byDefinition = (a: string, b: string) => {
    const d = Array.from({ length: a.length + 1 }, (_, i) =>
      Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
    );
    for (let i = 1; i <= a.length; i++) {
      for (let j = 1; j <= b.length; j++) {
        const row = d[i] as number[];
        const up = d[i - 1] as number[];
        row[j] = Math.min(
          (up[j] as number) + 1,
          (row[j - 1] as number) + 1,
          (up[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
        );
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
          row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
      }
    }
    return (d[a.length] as number[])[b.length] as number;
  };

  it("is the alignment distance when that is within the limit, and more than the limit otherwise", () => {
    const word = fc.string({ unit: fc.constantFrom("a", "b", "c", "é"), maxLength: 40 });
    const upTo = (distance: number, max: number) => (distance <= max ? distance : "over");
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 3 }), (a, b, max) => {
        expect(upTo(editDistance(a, b, max), max)).toBe(upTo(byDefinition(a, b), max));
      }),
      { numRuns: 3000 },
    );
    expect(editDistance("wehn", "when", 1)).toBe(1);
    expect(editDistance("japn", "japan", 1)).toBe(1);
  });
});

describe("isSlip", () => {
  it("is a swap, a vowel for a vowel, a letter left out or doubled: one edit, never of the first letter", () => {
    for (const [typed, word] of [
      ["tehc", "tech"],
      ["nucleer", "nuclear"],
      ["workng", "working"],
      ["workin", "working"],
      ["becom", "become"],
      ["brittish", "british"],
    ] as const)
      expect(isSlip(typed, word), `${typed} for ${word}`).toBe(true);
    // Each of these is another real word, not a typo: a consonant for another, a letter added, an ending.
    for (const [typed, word] of [
      ["chairs", "chains"],
      ["plain", "plan"],
      ["commit", "commits"],
      ["tall", "tell"],
      ["nuclear", "nuclear"],
      ["etch", "tech"],
    ] as const)
      expect(isSlip(typed, word), `${typed} for ${word}`).toBe(false);
    const word = fc.string({ unit: fc.constantFrom("a", "b", "e", "t"), minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(word, word, (a, b) => {
        if (isSlip(a, b)) expect(editDistance(a, b, 1)).toBe(1);
      }),
      { numRuns: 3000 },
    );
  });
});

describe("reading a question with typos", () => {
  it("reads a slip of typing as the word meant, and a real word as written", () => {
    expect(bot.answer("wen was the korea deal sined").intent).toBe("when");
    const group = bot.answer("uk ministrial workng group");
    expect(group.found).toBe(true);
    expect(excerptsOf(group).map((excerpt) => excerpt.passageId)).toContain("uk-governance");
    // "chairs" is no typo of "chains": the question about a board's chair is still declined.
    expect(bot.answer("Who chairs the US-Korea quantum oversight board?").found).toBe(false);
    // "promise" is the texts' "promises" in another form, not a slip of the vocabulary's "premise".
    expect(bot.answer("Did Japan promise to invest in the US under the TPD?").lead).not.toContain("premise");
  });
});
