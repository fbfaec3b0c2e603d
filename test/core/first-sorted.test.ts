import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { firstSorted, sortedFor, takeTurns } from "../../src/core/intents/ask.js";
import type { Passage } from "../../src/core/model.js";

type Scored = Parameters<typeof firstSorted>[0][number];

const TOPIC = "quantum";

type Shape = {
  source: string;
  order: number;
  score: number;
  share?: number;
  mainly?: boolean;
  quote?: boolean;
};

/** A Japan article passage of `shape`'s source, order and kind, on `topics` (the first is its main one). */
function passageOf(shape: Pick<Shape, "source" | "order" | "quote">, at: number, topics: string[]): Passage {
  return {
    id: `${shape.source}-${shape.order}-${at}`,
    sourceId: shape.source,
    kind: shape.quote ? "quote" : "summary",
    section: "article",
    text: "",
    deals: ["japan"],
    topics,
    order: shape.order,
  };
}

/** Candidates as takeTurns gets them: in the order they were scored. */
function candidates(shapes: readonly Shape[]): Scored[] {
  return shapes.map((shape, at) => {
    const passage = passageOf(shape, at, shape.mainly === false ? ["space", TOPIC] : [TOPIC]);
    const traits = {
      mainlyOn: shape.mainly === false ? 0 : 1,
      quote: shape.quote === true,
      source: shape.source.charCodeAt(0),
    };
    return { passage, score: shape.score, covers: 1, share: shape.share ?? 1, at, ...traits };
  });
}

/** What firstSorted gives, or the sort when it cannot tell, as takeTurns picks. */
const pick = (items: readonly Scored[]) => firstSorted(items, TOPIC) ?? sortedFor(items, TOPIC)[0];

describe("firstSorted: the first passage of a topic's turn without sorting", () => {
  it("is what the sort puts first when a later passage of one leading source outscores another source's first", () => {
    // s1 and t1 tie (other sources, equal scores); t2 is after t1 in its source but scores above s1.
    const [s1, t1, t2] = candidates([
      { source: "S", order: 1, score: 3 },
      { source: "T", order: 1, score: 3 },
      { source: "T", order: 2, score: 3.5 },
    ]) as [Scored, Scored, Scored];
    const sorted = sortedFor([s1, t1, t2], TOPIC);
    expect(sorted[0]).toBe(t2);
    expect(pick([s1, t1, t2])).toBe(t2);
  });

  it("is what the sort puts first when equal scores tie round in a circle", () => {
    // y ties x (earlier in score order), x ties s, and s is before y in their source.
    const items = candidates([
      { source: "S", order: 2, score: 3 },
      { source: "T", order: 1, score: 3 },
      { source: "S", order: 1, score: 3 },
    ]);
    // No passage comes before every other, so firstSorted must not name one; the sort keeps score order's first.
    expect(firstSorted(items, TOPIC)).toBeNull();
    expect(pick(items)).toBe(items[0]);
  });

  it("finds the first without sorting when the rules order every passage", () => {
    const single = candidates([
      { source: "S", order: 3, score: 5 },
      { source: "S", order: 1, score: 3 },
      { source: "S", order: 2, score: 4, quote: true },
    ]);
    expect(firstSorted(single, TOPIC)).toBe(sortedFor(single, TOPIC)[0]);
    const mainlyAbout = candidates([
      { source: "S", order: 1, score: 6, mainly: false },
      { source: "T", order: 4, score: 3 },
    ]);
    expect(firstSorted(mainlyAbout, TOPIC)).toBe(mainlyAbout[1]);
  });

  it("always equals the sort's first, and answers one source's passages without sorting", () => {
    const shape = fc.record({
      source: fc.constantFrom("S", "T", "U"),
      order: fc.integer({ min: 1, max: 6 }),
      score: fc.constantFrom(3, 3.25, 3.5, 4),
      share: fc.constantFrom(0.5, 1),
      mainly: fc.boolean(),
      quote: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(shape, { minLength: 1, maxLength: 90 }), (shapes) => {
        const items = candidates(shapes);
        expect(pick(items)).toBe(sortedFor(items, TOPIC)[0]);
        const places = shapes.map((each) => each.order);
        if (new Set(shapes.map((each) => each.source)).size === 1 && new Set(places).size === places.length) {
          expect(firstSorted(items, TOPIC)).not.toBeNull();
        }
      }),
      { numRuns: 3000 },
    );
  });
});

/** takeTurns as it was: each topic's turn sorts all its passages not yet picked, and takes the first. */
function takeTurnsSortingAll(scored: readonly Scored[], topics: readonly string[], count: number): Scored[] {
  const out: Scored[] = [];
  const onTopic = topics.map((_, i) => scored.filter((item) => ((item.covers >> i) & 1) === 1));
  while (out.length < scored.length && out.length < count) {
    topics.forEach((topic, i) => {
      const pick = sortedFor(onTopic[i] ?? [], topic)[0];
      if (!pick) return;
      out.push(pick);
      for (const list of onTopic) if (list.includes(pick)) list.splice(list.indexOf(pick), 1);
    });
  }
  return out;
}

describe("takeTurns: each topic's turn reads its leading passages only", () => {
  it("picks what sorting all of a topic's passages picks, turn after turn", () => {
    const topics = [TOPIC, "space", "ai"];
    const shape = fc.record({
      source: fc.constantFrom("S", "T", "U", "V"),
      order: fc.integer({ min: 1, max: 8 }),
      score: fc.constantFrom(3, 3.25, 3.5, 4, 6),
      covers: fc.integer({ min: 1, max: 7 }),
      others: fc.integer({ min: 0, max: 2 }),
      first: fc.integer({ min: 0, max: 2 }),
      quote: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(shape, { minLength: 1, maxLength: 120 }),
        fc.integer({ min: 1, max: 40 }),
        (shapes, count) => {
          const items = shapes.map((shape, at): Scored => {
            const own = topics.filter((_, i) => ((shape.covers >> i) & 1) === 1);
            const first = own[shape.first % own.length] as string;
            const passage = passageOf(shape, at, [first, ...own.filter((topic) => topic !== first)]);
            const share = own.length / (own.length + shape.others);
            const traits = {
              mainlyOn: 1 << topics.indexOf(first),
              quote: shape.quote,
              source: shape.source.charCodeAt(0),
            };
            return { passage, score: shape.score, covers: shape.covers, share, at, ...traits };
          });
          expect(takeTurns(items, topics, count)).toEqual(takeTurnsSortingAll(items, topics, count));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
