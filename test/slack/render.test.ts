import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Block, SlackMessage } from "../../src/adapters/slack/blocks.js";
import { decodeButtonValue } from "../../src/adapters/slack/button-values.js";
import { ACTION, QUESTION_ACTION_PATTERN } from "../../src/adapters/slack/registration.js";
import { renderAnswer } from "../../src/adapters/slack/render.js";
import { formatDate } from "../../src/core/phrasing.js";
import { answerArbitrary } from "../helpers/answer-arbitrary.js";
import { answer, excerpt } from "./support/answers.js";

const BROADCASTS = ["<!channel>", "<!here>", "<!everyone>", "<!subteam^"];

function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const item of value) strings(item, out);
  else if (value && typeof value === "object") for (const item of Object.values(value)) strings(item, out);
  return out;
}

function buttons(blocks: Block[]) {
  return blocks.flatMap((block) => {
    if (block.type === "actions") return block.elements;
    if (block.type === "section" && block.accessory) return [block.accessory];
    return [];
  });
}

function sections(message: SlackMessage) {
  return message.blocks.flatMap((block) => (block.type === "section" ? [block.text.text] : []));
}

describe("renderAnswer", () => {
  it("GIVEN an answer THEN shows a header, the quote with its source linked and dated, and why", () => {
    const message = renderAnswer(answer(), { shareable: true });
    expect(message.blocks[0]).toEqual({
      type: "header",
      text: { type: "plain_text", text: "Republic of Korea · Telecommunications, 5G and 6G", emoji: true },
    });
    const quote = sections(message).find((text) => text.startsWith(">"));
    expect(quote).toContain(">The U.S.-Korea TPD advances");
    expect(quote).toContain(
      "— <https://www.whitehouse.gov/articles/2025/10/the-united-states-signs-technology-prosperity-deals-with-japan-and-korea/|The United States Signs Technology Prosperity Deals with Japan and Korea>, The White House, 29 October 2025",
    );
    const contextText = strings(message.blocks.filter((block) => block.type === "context")).join(" ");
    expect(contextText).toContain("Why this answer: “korea” → deal U.S.–Korea · “6g” → topic telecom");
    expect(contextText).toContain("Showing 1–1 of 4 matches.");
    const labelled = renderAnswer(
      answer({}, { deal: (id) => id, topic: (id) => (id === "telecom" ? "5G & 6G" : id) }),
      { shareable: false },
    );
    expect(strings(labelled.blocks).join(" ")).toContain("“6g” → topic 5G &amp; 6G");
    expect(message.text).toContain("Republic of Korea");
  });

  it("GIVEN more pages, a topic and a private answer THEN offers More results, Compare and Share", () => {
    const message = renderAnswer(answer(), { shareable: true, deal: "korea" });
    const byId = Object.fromEntries(buttons(message.blocks).map((button) => [button.action_id, button]));
    expect(decodeButtonValue(byId[ACTION.more]?.value)).toEqual({ q: "korea 6g", o: 1, d: "korea" });
    expect(decodeButtonValue(byId[ACTION.compare]?.value)).toEqual({ q: "compare telecom" });
    expect(decodeButtonValue(byId[ACTION.share]?.value)).toEqual({ q: "korea 6g", o: 0, d: "korea" });
  });

  it("GIVEN a public reply THEN has no Share button; GIVEN a shared answer THEN says who shared it", () => {
    expect(buttons(renderAnswer(answer(), { shareable: false }).blocks).map((b) => b.action_id)).toEqual([
      ACTION.more,
      ACTION.compare,
    ]);
    const shared = renderAnswer(answer(), { shareable: false, sharedBy: "U123ABC" });
    expect(strings(shared.blocks).join(" ")).toContain("Shared by <@U123ABC>");
    const forged = renderAnswer(answer(), { shareable: false, sharedBy: "<!channel>" });
    expect(strings(forged.blocks).join(" ")).not.toContain("Shared by");
  });

  it("GIVEN nothing found THEN says so plainly and offers the suggestions as buttons", () => {
    const message = renderAnswer(
      answer({
        query: "xyzzy",
        found: false,
        title: "Not found",
        lead: "No commitment on “xyzzy” found in the deal texts.",
        excerpts: [],
        topics: [],
        page: { offset: 0, shown: 0, total: 0, next: null },
        suggestions: [
          { label: "Korea and 6G", query: "korea 6g" },
          { label: "Compare quantum across deals", query: "compare quantum" },
        ],
      }),
      { shareable: true },
    );
    expect(sections(message)[0]).toBe("No commitment on “xyzzy” found in the deal texts.");
    const found = buttons(message.blocks);
    expect(found.map((button) => button.text.text)).toEqual(["Korea and 6G", "Compare quantum across deals"]);
    for (const { action_id: id } of found) {
      expect(id.startsWith(ACTION.askPrefix) && QUESTION_ACTION_PATTERN.test(id), id).toBe(true);
    }
    expect(decodeButtonValue(found[1]?.value)).toEqual({ q: "compare quantum" });
  });

  it("GIVEN a compare answer THEN shows one row per deal, with the note where a deal says nothing", () => {
    const message = renderAnswer(
      answer({
        intent: "compare",
        excerpts: [],
        rows: [
          { deal: "korea", dealName: "U.S.–Korea TPD", excerpt: excerpt(), note: null },
          {
            deal: "uk",
            dealName: "U.S.–UK TPD",
            excerpt: null,
            note: "No commitment on 6G found in the U.S.–UK deal text.",
          },
        ],
      }),
      { shareable: false },
    );
    const text = sections(message).join("\n");
    expect(text).toContain("*U.S.–Korea TPD*\n>The U.S.-Korea TPD");
    expect(text).toContain("*U.S.–UK TPD*\n_No commitment on 6G found in the U.S.–UK deal text._");
    // The rows carry the excerpts; they are not shown a second time.
    expect(text.match(/The U\.S\.-Korea TPD advances/g)).toHaveLength(1);
    expect(buttons(message.blocks).map((button) => button.action_id)).not.toContain(ACTION.compare);
  });

  it("GIVEN a summary excerpt THEN does not dress it up as a quote", () => {
    const message = renderAnswer(
      answer({ excerpts: [excerpt({ kind: "summary", text: "Signed in Tokyo." })] }),
      {
        shareable: false,
      },
    );
    expect(sections(message).some((text) => text.startsWith("Signed in Tokyo."))).toBe(true);
  });

  it("GIVEN user text with broadcasts and markup THEN escapes it everywhere", () => {
    const hostile = "<!channel> <!here|here> <!subteam^S1|@team> <@U1> & <https://evil.example|click>";
    const message = renderAnswer(
      answer({
        query: hostile,
        title: hostile,
        lead: hostile,
        readings: [{ words: hostile, kind: "topic", as: "x", fuzzy: true }],
      }),
      { shareable: true },
    );
    const all = [message.text, ...strings(message.blocks)];
    for (const text of all) for (const broadcast of BROADCASTS) expect(text).not.toContain(broadcast);
    expect(sections(message)[0]).toBe(
      "&lt;!channel&gt; &lt;!here|here&gt; &lt;!subteam^S1|@team&gt; &lt;@U1&gt; &amp; &lt;https://evil.example|click&gt;",
    );
  });

  it("GIVEN a source URL that is not http(s) or would break the link THEN never emits a live bad link", () => {
    const bad = renderAnswer(
      answer({ excerpts: [excerpt({ source: { ...excerpt().source, url: "javascript:alert(1)" } })] }),
      { shareable: false },
    );
    expect(sections(bad).join("")).not.toContain("<javascript:");
    const piped = renderAnswer(
      answer({ excerpts: [excerpt({ source: { ...excerpt().source, url: "https://a.example/x|y>z" } })] }),
      { shareable: false },
    );
    expect(sections(piped).join("")).toContain("<https://a.example/x%7Cy%3Ez|");
  });

  it("formats ISO dates and leaves odd ones readable", () => {
    expect(formatDate("2025-09-18")).toBe("18 September 2025");
    expect(formatDate("soon")).toBe("soon");
  });

  it("PROPERTY: any Answer renders within Slack's limits with no raw broadcast anywhere", () => {
    fc.assert(
      fc.property(answerArbitrary, fc.boolean(), (any, shareable) => {
        expectWithinLimits(renderAnswer(any, { shareable, sharedBy: "U0001" }));
      }),
      { numRuns: 100 },
    );
  });

  it("PROPERTY: oversized answers (every list and text at its worst) still fit", () => {
    const filler = fc
      .array(
        fc.constantFrom("<!channel>", "&", "<", ">", '"', "\\", "\n", "😀", "\u0000", "a", " ", "\u202e"),
        {
          minLength: 1,
          maxLength: 6,
        },
      )
      .map((parts) => parts.join(""));
    const big = fc
      .record({
        base: answerArbitrary,
        fill: filler,
        n: fc.integer({ min: 200, max: 5000 }),
        kind: fc.constantFrom("excerpts", "list", "comparison"),
      })
      .map(({ base, fill, n, kind }) => {
        const text = (length: number) => fill.repeat(Math.ceil(length / fill.length)).slice(0, length);
        const source = {
          title: text(300),
          url: "https://example.com/a?b=<c>&d",
          published: "2025-09-18",
          publisher: text(60),
          weight: "news report" as const,
          label: text(200),
        };
        const quote = { passageId: "p", kind: "quote" as const, text: text(n), deal: "uk" as const, source };
        return answer({
          ...base,
          title: text(400),
          lead: text(n),
          query: text(600),
          excerpts: Array.from({ length: kind === "excerpts" ? 10 : 0 }, () => quote),
          rows: Array.from({ length: kind === "comparison" ? 5 : 0 }, () => ({
            deal: "japan" as const,
            dealName: text(120),
            excerpt: quote,
            note: null,
          })),
          items: Array.from({ length: kind === "list" ? 40 : 0 }, () => ({
            title: text(200),
            text: text(800),
            source,
            query: text(600),
          })),
          notes: Array.from({ length: 5 }, () => text(600)),
          readings: Array.from({ length: 12 }, () => ({
            words: text(100),
            kind: "topic" as const,
            as: text(40),
            fuzzy: true,
          })),
          suggestions: Array.from({ length: 8 }, () => ({ label: text(150), query: text(600) })),
          topics: [text(30)],
          found: true,
          page: { offset: 0, shown: 3, total: 30, next: 3 },
        });
      });
    fc.assert(
      fc.property(big, fc.boolean(), (any, shareable) => {
        expectWithinLimits(renderAnswer(any, { shareable, sharedBy: "U0001" }));
      }),
      { numRuns: 30 },
    );
  });
});

function expectWithinLimits(message: SlackMessage): void {
  const { blocks } = message;
  expect(blocks.length).toBeGreaterThan(0);
  expect(blocks.length).toBeLessThanOrEqual(50);
  expect(JSON.stringify(blocks).length).toBeLessThanOrEqual(12_000);
  expect(message.text.length).toBeGreaterThan(0);
  expect(message.text.length).toBeLessThanOrEqual(3000);
  const actionIds = new Set<string>();
  for (const block of blocks) {
    if (block.type === "header") {
      expect(block.text.type).toBe("plain_text");
      expect(block.text.text.length).toBeGreaterThan(0);
      expect(block.text.text.length).toBeLessThanOrEqual(150);
    }
    if (block.type === "section") {
      expect(block.text.text.length).toBeGreaterThan(0);
      expect(block.text.text.length).toBeLessThanOrEqual(3000);
    }
    if (block.type === "context") {
      expect(block.elements.length).toBeGreaterThan(0);
      expect(block.elements.length).toBeLessThanOrEqual(10);
      for (const element of block.elements) expect(element.text.length).toBeLessThanOrEqual(3000);
    }
    if (block.type === "actions") {
      expect(block.elements.length).toBeGreaterThan(0);
      expect(block.elements.length).toBeLessThanOrEqual(25);
    }
  }
  for (const button of buttons(blocks)) {
    expect(button.text.text.length).toBeGreaterThan(0);
    expect(button.text.text.length).toBeLessThanOrEqual(75);
    expect(button.value.length).toBeLessThanOrEqual(2000);
    expect(decodeButtonValue(button.value)).not.toBeNull();
    expect(button.action_id.length).toBeLessThanOrEqual(255);
    expect(actionIds.has(button.action_id)).toBe(false);
    actionIds.add(button.action_id);
  }
  for (const text of [message.text, ...strings(blocks)]) {
    for (const broadcast of BROADCASTS) expect(text).not.toContain(broadcast);
  }
}
