import { describe, expect, it } from "vitest";
import { deniesAsked } from "../../src/core/yes-no.js";

const NEGATIONS = new Set(["not", "no", "nothing", "neither", "without"]);

describe("a sentence that denies the word asked", () => {
  it("reads 'nothing' before the word as a denial, though the word is matched by its stem", () => {
    expect(deniesAsked("Nothing in it commits either side to spend funds.", ["commits"], NEGATIONS)).toBe(
      true,
    );
  });

  it("reads a sentence without a negation before the word as no denial", () => {
    expect(deniesAsked("The deal commits both sides to joint research.", ["commits"], NEGATIONS)).toBe(false);
  });
});
