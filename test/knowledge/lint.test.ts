import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import type { KnowledgeBase, Passage, Source } from "../../src/core/model.js";
import { lintKnowledge } from "../../src/knowledge/lint.js";
import { loadKnowledge } from "../../src/knowledge/load.js";
import { FIXTURE_KNOWLEDGE, REAL_KNOWLEDGE } from "../helpers/bots.js";

let knowledge: KnowledgeBase;
let fixture: KnowledgeBase;
beforeAll(async () => {
  ({ knowledge } = await loadKnowledge(REAL_KNOWLEDGE));
  ({ knowledge: fixture } = await loadKnowledge(FIXTURE_KNOWLEDGE));
});

/** The fixture knowledge with one passage or source changed. */
function withPassage(id: string, change: Partial<Passage>): KnowledgeBase {
  return {
    ...fixture,
    passages: fixture.passages.map((passage) => (passage.id === id ? { ...passage, ...change } : passage)),
  };
}
function withSource(id: string, change: Partial<Source>): KnowledgeBase {
  return {
    ...fixture,
    sources: fixture.sources.map((source) => (source.id === id ? { ...source, ...change } : source)),
  };
}
const dated = () => fixture.passages.find((passage) => passage.date) as Passage;

describe("the knowledge lint", () => {
  it("passes the real knowledge and the fixture", () => {
    expect(lintKnowledge(knowledge)).toEqual([]);
    expect(lintKnowledge(fixture)).toEqual([]);
  });

  it("rejects a dated fact whose source was published before the event, or has no date", () => {
    const fact = dated();
    expect(lintKnowledge(withPassage(fact.id, { date: "2030-01-01" }))).toEqual([
      expect.stringMatching(new RegExp(`^${fact.id}: reports an event of 2030-01-01 .*published earlier`)),
    ]);
    expect(lintKnowledge(withSource(fact.sourceId, { published: undefined }))).toContain(
      `${fact.id}: reports an event of ${fact.date} but "${fact.sourceId}" has no date`,
    );
  });

  it("rejects a development that cites a deal's own text", () => {
    const fact = dated();
    const problems = lintKnowledge(withPassage(fact.id, { sourceId: "uk-text" }));
    expect(problems).toContain(`${fact.id}: a development after signing cites the deal text "uk-text"`);
  });

  it("rejects a verbatim lead-in that says nothing on its own, but keeps a quote that ends by introducing a list", () => {
    const quote = fixture.passages[0] as Passage;
    const bare = "Have reached the following understandings:";
    expect(lintKnowledge(withPassage(quote.id, { kind: "quote", text: bare }))).toEqual([
      `${quote.id}: quotes only a lead-in ("${bare}"), which says nothing on its own`,
    ]);
    const list =
      "The Participants aim to collaborate in a number of disciplines, including but not limited to the following:";
    expect(lintKnowledge(withPassage(quote.id, { kind: "quote", text: list }))).toEqual([]);
    expect(lintKnowledge(withPassage(quote.id, { kind: "summary", text: bare }))).toEqual([]);
  });

  it("rejects a body of a deal that no passage of the deal names, by its name or abbreviation", () => {
    const withBodies = (deal: string, bodies: KnowledgeBase["deals"][number]["bodies"]): KnowledgeBase => ({
      ...fixture,
      deals: fixture.deals.map((each) => (each.id === deal ? { ...each, bodies } : each)),
    });
    // "Artemis" stands in a passage of the fixture Korea deal, not of the UK one.
    expect(lintKnowledge(withBodies("korea", [{ name: "Artemis", side: "us" }]))).toEqual([]);
    expect(
      lintKnowledge(withBodies("korea", [{ name: "Moon Agency", abbreviation: "Artemis", side: "us" }])),
    ).toEqual([]);
    expect(lintKnowledge(withBodies("uk", [{ name: "Artemis", side: "us" }]))).toEqual([
      'uk: lists the body "Artemis", which no passage of the deal names',
    ]);
  });

  it("rejects unused sources, unknown sources, duplicate or plain-http URLs and an inconsistent official flag", () => {
    const extra: Source = { ...(fixture.sources[0] as Source), id: "spare", url: "http://example.org/spare" };
    const problems = lintKnowledge({ ...fixture, sources: [...fixture.sources, extra] });
    expect(problems).toEqual([
      "spare: listed in sources.yaml but cited by nothing",
      "spare: URL is not https",
    ]);
    const copy: Source = {
      ...(fixture.sources[0] as Source),
      id: "copy",
      url: `${fixture.sources[0]?.url}#x`,
    };
    expect(lintKnowledge({ ...fixture, sources: [...fixture.sources, copy] })).toContain(
      `copy: same URL as "${fixture.sources[0]?.id}"`,
    );
    expect(lintKnowledge(withSource("news", { official: true }))).toEqual([
      expect.stringMatching(/^news: official is true but its weight is "news report"/),
    ]);
    expect(lintKnowledge(withPassage(dated().id, { sourceId: "gone" }))).toContain(
      `${dated().id}: cites "gone", which is not in sources.yaml`,
    );
  });
});

describe("the real knowledge", () => {
  it("has unique ids everywhere", () => {
    for (const ids of [
      knowledge.sources.map((s) => s.id),
      knowledge.topics.map((t) => t.id),
      knowledge.passages.map((p) => p.id),
    ]) {
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it("has no empty text", () => {
    for (const passage of knowledge.passages)
      expect(passage.text.trim().length, passage.id).toBeGreaterThan(20);
  });

  it("gives every deal a date, place, signatories on both sides, areas and an official source", () => {
    expect(knowledge.deals.map((deal) => deal.id).sort()).toEqual(["japan", "korea", "uk"]);
    for (const deal of knowledge.deals) {
      expect(deal.signed.date, deal.id).toMatch(/^2025-\d\d-\d\d$/);
      expect(deal.signed.place.length).toBeGreaterThan(3);
      expect(deal.signatories.map((s) => s.side).sort(), deal.id).toEqual(["partner", "us"]);
      expect(deal.areas.length, deal.id).toBeGreaterThanOrEqual(4);
      const official = deal.sourceIds.filter((id) => knowledge.sources.find((s) => s.id === id)?.official);
      expect(official.length, deal.id).toBeGreaterThan(0);
      for (const section of ["document", "signing", "signatories", "area", "legal-status"] as const) {
        const facts = knowledge.passages.filter((p) => p.deals.includes(deal.id) && p.section === section);
        expect(facts.length, `${deal.id} ${section}`).toBeGreaterThan(0);
      }
    }
  });

  it("says where sources disagree on Korea's signatory, naming both accounts", () => {
    const korea = knowledge.deals.find((deal) => deal.id === "korea");
    const disputed = korea?.signatories.find((s) => s.disputed);
    expect(disputed?.name).toBe("Bae Kyung-hoon");
    expect(disputed?.disputed).toContain("Ha Jung-woo");
  });

  it("points every fact on a deal's own text at a section of it", () => {
    const texts = new Set(
      knowledge.sources.filter((s) => s.weight === "official text" && s.sections.length > 0).map((s) => s.id),
    );
    const unplaced = knowledge.passages.filter((p) => texts.has(p.sourceId) && !p.ref).map((p) => p.id);
    expect(unplaced).toEqual([]);
  });

  it("never presents £150bn as the value of the UK deal", () => {
    const mentions = knowledge.passages.filter((p) => /£\s?150/.test(p.text));
    for (const passage of mentions) expect(passage.text, passage.id).toMatch(/not the deal's value/);
    for (const source of knowledge.sources) expect(source.title, source.id).not.toMatch(/£\s?150/);
  });

  it("is dated by its newest source", () => {
    const newest = knowledge.sources
      .flatMap((s) => s.published ?? [])
      .sort()
      .at(-1);
    expect(knowledge.asOf).toBe(newest);
  });
});

/** The seed article as its paragraphs and bullets, links reduced to their text, emphasis and wrapping removed. */
function seedParagraphs(): string[] {
  const markdown = readFileSync(
    new URL("../fixtures/seed/white-house-2025-10-29-tpd-japan-korea.md", import.meta.url),
    "utf8",
  );
  const body = markdown.replace(/^---[\s\S]*?---/, "");
  const blocks: string[] = [];
  let current: string[] = [];
  const flush = () => {
    if (current.length > 0) blocks.push(current.join(" "));
    current = [];
  };
  for (const raw of body.split("\n")) {
    const line = raw.trim();
    if (line === "") flush();
    else if (/^-\s+/.test(line)) {
      flush();
      current.push(line.replace(/^-\s+/, ""));
    } else current.push(line);
  }
  flush();
  return blocks.map(clean).filter((block) => block.length > 0);
}

const clean = (text: string) =>
  text
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
    .replace(/\*\*/g, "")
    .replace(/\s+/g, " ")
    .trim();

describe("the seed article", () => {
  it("is in the knowledge completely: every paragraph and bullet is its own quoted passage", () => {
    const paragraphs = seedParagraphs();
    expect(paragraphs.length).toBe(15);
    const quotes = knowledge.passages.filter((p) => p.kind === "quote").map((p) => clean(p.text));
    for (const paragraph of paragraphs) expect(quotes, paragraph.slice(0, 60)).toContain(paragraph);
  });
});
