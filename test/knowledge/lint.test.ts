import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import type { KnowledgeBase } from "../../src/core/model.js";
import { loadKnowledge } from "../../src/knowledge/load.js";
import { REAL_KNOWLEDGE } from "../helpers/bots.js";

let knowledge: KnowledgeBase;
beforeAll(async () => {
  ({ knowledge } = await loadKnowledge(REAL_KNOWLEDGE));
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

  it("has no empty text and only https URLs", () => {
    for (const passage of knowledge.passages)
      expect(passage.text.trim().length, passage.id).toBeGreaterThan(20);
    for (const source of knowledge.sources) expect(new URL(source.url).protocol, source.id).toBe("https:");
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

  it("uses every source it lists and cites official pages for most facts", () => {
    const cited = new Set(knowledge.passages.map((p) => p.sourceId));
    for (const source of knowledge.sources) expect(cited.has(source.id), source.id).toBe(true);
    const official = knowledge.passages.filter(
      (p) => knowledge.sources.find((s) => s.id === p.sourceId)?.official,
    );
    expect(official.length / knowledge.passages.length).toBeGreaterThan(0.8);
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
