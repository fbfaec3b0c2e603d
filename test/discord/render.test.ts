import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeAction, encodeAction } from "../../src/adapters/discord/custom-id.js";
import {
  type DiscordReply,
  LIMITS,
  questionFromEmbeds,
  renderAnswer,
  renderChoices,
  renderNotice,
} from "../../src/adapters/discord/render.js";
import { answerArbitrary, hostileText } from "../helpers/answer-arbitrary.js";
import { excerpt, makeAnswer, source } from "./answers.js";

const DEALS = ["uk", "japan", "korea"];

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === "object") return Object.values(value).flatMap(strings);
  return [];
}

/** Throws (with the offending part named) when a reply breaks a Discord limit or could ping. */
function assertWithinLimits(reply: DiscordReply): void {
  expect(reply.content?.length ?? 0).toBeLessThanOrEqual(LIMITS.content);
  expect(reply.embeds.length).toBeLessThanOrEqual(LIMITS.embeds);
  let total = 0;
  for (const embed of reply.embeds) {
    const title = embed.title ?? "";
    const description = embed.description ?? "";
    const footer = embed.footer?.text ?? "";
    const author = embed.author?.name ?? "";
    expect(title.length).toBeLessThanOrEqual(LIMITS.title);
    expect(description.length).toBeLessThanOrEqual(LIMITS.description);
    expect(footer.length).toBeLessThanOrEqual(LIMITS.footer);
    expect(author.length).toBeLessThanOrEqual(LIMITS.author);
    if (embed.description !== undefined) expect(description.trim().length).toBeGreaterThan(0);
    const fields = embed.fields ?? [];
    expect(fields.length).toBeLessThanOrEqual(LIMITS.fields);
    for (const field of fields) {
      expect(field.name.trim().length).toBeGreaterThan(0);
      expect(field.name.length).toBeLessThanOrEqual(LIMITS.fieldName);
      expect(field.value.trim().length).toBeGreaterThan(0);
      expect(field.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
      total += field.name.length + field.value.length;
    }
    total += title.length + description.length + footer.length + author.length;
  }
  expect(total).toBeLessThanOrEqual(LIMITS.embedTotal);

  expect(reply.components.length).toBeLessThanOrEqual(LIMITS.rows);
  const ids = new Set<string>();
  for (const row of reply.components) {
    expect(row.components.length).toBeGreaterThan(0);
    expect(row.components.length).toBeLessThanOrEqual(LIMITS.buttonsPerRow);
    for (const button of row.components) {
      expect(button.label?.trim().length ?? 0).toBeGreaterThan(0);
      expect(button.label?.length ?? 0).toBeLessThanOrEqual(LIMITS.label);
      expect(button.custom_id.length).toBeLessThanOrEqual(100);
      expect(decodeAction(button.custom_id, DEALS)).not.toBeNull();
      expect(ids.has(button.custom_id)).toBe(false);
      ids.add(button.custom_id);
    }
  }

  for (const text of strings(reply)) {
    expect(text).not.toMatch(/@(everyone|here)/i);
    expect(text).not.toContain("<@");
    expect(text).not.toMatch(LONE_SURROGATE);
  }
}

describe("renderAnswer", () => {
  it("GIVEN any Answer THEN the message stays within Discord's limits and cannot ping", () => {
    fc.assert(
      fc.property(answerArbitrary, fc.constantFrom(null, "uk", "japan", "korea" as const), (answer, deal) => {
        assertWithinLimits(renderAnswer(answer, { deal }));
      }),
      { numRuns: 400 },
    );
  });

  it("GIVEN a row whose deal name is control characters alone THEN its field still has a name", () => {
    const answer = makeAnswer({
      intent: "compare",
      lead: "<!channel>",
      excerpts: [],
      rows: [
        { deal: "uk" as const, dealName: "\u0000\t\u0000", excerpt: null, note: "No commitment found." },
      ],
    });
    const reply = renderAnswer(answer);
    assertWithinLimits(reply);
    expect(reply.embeds[0]?.fields?.[0]?.name).toBe("deal");
  });

  it.each(["excerpts", "list", "comparison"])(
    "GIVEN an answer (%s) with the largest parts at once THEN it still fits",
    (kind) => {
      const huge = "word ".repeat(2000);
      const answer = makeAnswer({
        title: huge,
        lead: huge,
        query: huge,
        excerpts: kind === "excerpts" ? Array.from({ length: 10 }, () => excerpt(huge)) : [],
        items:
          kind === "list"
            ? Array.from({ length: 60 }, (_, i) => ({ title: huge, text: huge, source, query: `q${i}` }))
            : [],
        rows: Array.from({ length: kind === "comparison" ? 30 : 0 }, () => ({
          deal: "uk" as const,
          dealName: huge,
          excerpt: excerpt(huge),
          note: null,
        })),
        notes: [huge, huge],
        readings: Array.from({ length: 30 }, () => ({
          words: huge,
          kind: "topic" as const,
          as: huge,
          fuzzy: true,
        })),
        suggestions: Array.from({ length: 30 }, (_, i) => ({ label: `${huge}${i}`, query: `s${i}` })),
        shortened: true,
      });
      assertWithinLimits(renderAnswer(answer));
    },
  );

  it("GIVEN a found answer THEN each excerpt is quoted with its source link and date, why in the footer", () => {
    const [embed] = renderAnswer(makeAnswer()).embeds;
    expect(embed?.title).toBe("U.S.–Korea TPD · 6G");
    expect(embed?.author?.name).toBe("Q: korea 6g");
    expect(embed?.description).toContain("> Cooperate on 6G research and secure, trusted networks.");
    expect(embed?.description).toContain(
      `[Technology Prosperity Deal between the United States and the Republic of Korea](${source.url})`,
    );
    expect(embed?.description).toContain("The White House · 29 October 2025");
    expect(embed?.footer?.text).toContain("Why this answer: read “korea” as deal korea; “6g” as topic 6g");
    expect(embed?.footer?.text).toContain("Excerpts 1–1 of 3");
  });

  it("GIVEN a summary excerpt THEN it is not presented as a quotation", () => {
    const answer = makeAnswer({ excerpts: [excerpt("Signed in Seoul.", { kind: "summary" })] });
    const description = renderAnswer(answer).embeds[0]?.description ?? "";
    expect(description).not.toContain("> Signed in Seoul.");
    expect(description).toContain("Signed in Seoul.\n— summary of [");
  });

  it("GIVEN more excerpts and a topic THEN More results and Compare across deals buttons carry what a click needs", () => {
    const { components } = renderAnswer(makeAnswer(), { deal: "korea" });
    const buttons = components.flatMap((row) => row.components);
    expect(buttons.map((b) => b.label)).toEqual(["More results", "Compare across deals"]);
    expect(decodeAction(buttons[0]?.custom_id ?? "", DEALS)).toEqual({
      kind: "more",
      offset: 1,
      deal: "korea",
      query: "korea 6g",
    });
    expect(decodeAction(buttons[1]?.custom_id ?? "", DEALS)).toEqual({ kind: "compare", topics: ["6g"] });
  });

  it("GIVEN a list answer about topics THEN it offers no Compare button", () => {
    const answer = makeAnswer({
      intent: "topics",
      topics: ["ai", "quantum"],
      page: { offset: 0, shown: 0, total: 0, next: null },
    });
    expect(renderAnswer(answer).components).toEqual([]);
  });

  it("GIVEN a search on two topics THEN Compare across deals compares both", () => {
    const { components } = renderAnswer(makeAnswer({ topics: ["ai", "quantum"] }));
    const compare = components[0]?.components.find((b) => b.label === "Compare across deals");
    expect(decodeAction(compare?.custom_id ?? "", DEALS)).toEqual({
      kind: "compare",
      topics: ["ai", "quantum"],
    });
  });

  it("GIVEN a suggestion that repeats the question THEN it is not offered as a button", () => {
    const answer = makeAnswer({
      found: false,
      topics: [],
      suggestions: [{ label: "Korea and 6G", query: "Korea 6G" }],
    });
    expect(
      renderAnswer(answer)
        .components.flatMap((r) => r.components)
        .map((b) => b.label),
    ).toEqual(["More results"]);
  });

  it("GIVEN the last page of a compare answer THEN neither button is offered", () => {
    const answer = makeAnswer({ intent: "compare", page: { offset: 0, shown: 1, total: 1, next: null } });
    expect(renderAnswer(answer).components).toEqual([]);
  });

  it("GIVEN a compare answer THEN there is one field per deal, with the note where a deal has nothing", () => {
    const answer = makeAnswer({
      intent: "compare",
      title: "6G across the deals",
      rows: [
        {
          deal: "uk",
          dealName: "U.S.–UK",
          excerpt: null,
          note: "No commitment on 6G found in the U.S.–UK deal text.",
        },
        {
          deal: "japan",
          dealName: "U.S.–Japan",
          excerpt: excerpt("Japan 6G text", { deal: "japan" }),
          note: null,
        },
        { deal: "korea", dealName: "U.S.–Korea", excerpt: excerpt("Korea 6G text"), note: null },
      ],
    });
    const fields = renderAnswer(answer).embeds[0]?.fields ?? [];
    expect(fields.map((f) => f.name)).toEqual(["U.S.–UK", "U.S.–Japan", "U.S.–Korea"]);
    expect(fields[0]?.value).toBe("No commitment on 6G found in the U.S.–UK deal text.");
    expect(fields[1]?.value).toContain("> Japan 6G text\n— [");
    expect(renderAnswer(answer).embeds[0]?.description).not.toContain("Korea 6G text");
  });

  it("GIVEN nothing found THEN it says so plainly and offers the suggestions as buttons", () => {
    const answer = makeAnswer({
      query: "bananas",
      found: false,
      title: "Not found",
      lead: "Nothing on “bananas” in the deal texts.",
      excerpts: [],
      topics: [],
      page: { offset: 0, shown: 0, total: 0, next: null },
      suggestions: [
        { label: "Korea and 6G", query: "korea 6g" },
        { label: "Compare quantum", query: "compare quantum" },
      ],
    });
    const reply = renderAnswer(answer);
    expect(reply.embeds[0]?.description).toContain("Nothing on “bananas” in the deal texts.");
    expect(reply.embeds[0]?.description).toContain("Try: Korea and 6G · Compare quantum");
    const buttons = reply.components.flatMap((row) => row.components);
    expect(buttons.map((b) => [b.label, decodeAction(b.custom_id, DEALS)])).toEqual([
      ["Korea and 6G", { kind: "ask", query: "korea 6g" }],
      ["Compare quantum", { kind: "ask", query: "compare quantum" }],
    ]);
  });

  it("GIVEN a list answer THEN items are bullets and their questions become buttons", () => {
    const answer = makeAnswer({
      intent: "help",
      excerpts: [],
      page: { offset: 0, shown: 0, total: 0, next: null },
      topics: [],
      items: [
        { title: "compare", text: "One topic across all three deals", query: "compare 6g" },
        { title: "when", text: "Dates the deals were signed", query: "when was the japan deal signed?" },
      ],
    });
    const reply = renderAnswer(answer);
    expect(reply.embeds[0]?.description).toContain("• **compare** — One topic across all three deals");
    expect(reply.components.flatMap((r) => r.components).map((b) => b.label)).toEqual(["compare", "when"]);
  });

  it("GIVEN a question too long for a custom id THEN More results leaves it out and it is read back from the embed", () => {
    const query = `what does the korea deal say about ${"semiconductors and ".repeat(8)}6g`;
    const reply = renderAnswer(makeAnswer({ query }));
    const more = decodeAction(reply.components[0]?.components[0]?.custom_id ?? "", DEALS);
    expect(more).toEqual({ kind: "more", offset: 1, deal: null, query: null });
    expect(questionFromEmbeds(reply.embeds)).toBe(query);
  });

  it("GIVEN mentions in the question THEN the echo is neutralised and reads back intact", () => {
    const reply = renderAnswer(makeAnswer({ query: "@everyone <@123> korea" }));
    expect(reply.embeds[0]?.author?.name).toBe("Q: @\u200beveryone <\u200b@123> korea");
    expect(questionFromEmbeds(reply.embeds)).toBe("@everyone <@123> korea");
    const more = decodeAction(reply.components[0]?.components[0]?.custom_id ?? "", DEALS);
    expect(more).toMatchObject({ query: "@everyone <@123> korea" });
  });

  it("GIVEN markdown and masked links in source text THEN they show as written", () => {
    const answer = makeAnswer({ excerpts: [excerpt("**bold** [click](https://evil.example) `code`")] });
    const description = renderAnswer(answer).embeds[0]?.description ?? "";
    expect(description).toContain("\\*\\*bold\\*\\* \\[click\\](https://evil.example) \\`code\\`");
  });
});

describe("renderChoices", () => {
  it("GIVEN any suggestions THEN at most 25 choices with names and values of 1–100 characters", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ label: hostileText(300), query: hostileText(300) }), { maxLength: 60 }),
        (s) => {
          const choices = renderChoices(s);
          expect(choices.length).toBeLessThanOrEqual(25);
          expect(new Set(choices.map((c) => c.value)).size).toBe(choices.length);
          for (const choice of choices) {
            expect(choice.name.length).toBeGreaterThan(0);
            expect(choice.name.length).toBeLessThanOrEqual(100);
            expect(choice.value.length).toBeGreaterThan(0);
            expect(choice.value.length).toBeLessThanOrEqual(100);
            expect(choice.name).not.toMatch(/@(everyone|here)|<@/i);
          }
        },
      ),
    );
  });
});

describe("renderNotice", () => {
  it("GIVEN any text THEN content within 2000 and unpingable", () => {
    fc.assert(
      fc.property(hostileText(3000), (text) => {
        assertWithinLimits(renderNotice(text));
      }),
    );
  });
});

describe("custom ids", () => {
  it("GIVEN an action whose query fits THEN it round-trips", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.record({
            kind: fc.constant("more" as const),
            offset: fc.nat(999),
            deal: fc.constantFrom(null, "uk" as const, "japan" as const, "korea" as const),
            query: fc.option(fc.string({ minLength: 1, maxLength: 60 }), { nil: null }),
          }),
          fc.record({ kind: fc.constant("ask" as const), query: fc.string({ minLength: 1, maxLength: 80 }) }),
          fc.record({
            kind: fc.constant("compare" as const),
            topics: fc.array(fc.stringMatching(/^[a-z0-9-]{1,20}$/), { minLength: 1, maxLength: 3 }),
          }),
        ),
        (action) => {
          const id = encodeAction(action);
          if (id === null) return;
          expect(id.length).toBeLessThanOrEqual(100);
          const back = decodeAction(id, DEALS);
          if (
            action.kind === "more" &&
            action.query !== null &&
            back?.kind === "more" &&
            back.query === null
          ) {
            expect(id.length + action.query.length).toBeGreaterThan(100);
          } else {
            expect(back).toEqual(action);
          }
        },
      ),
    );
  });

  it("GIVEN an unknown or malformed id THEN it decodes to null", () => {
    for (const id of [
      "",
      "tpd",
      "tpd:more:x:uk:q",
      "tpd:more:1:france:q",
      "other:ask:q",
      "tpd:ask:",
      "tpd:cmp:a b",
    ]) {
      expect(decodeAction(id, DEALS)).toBeNull();
    }
  });
});
