import { describe, expect, it } from "vitest";
import { createMemoryDedupe } from "../../src/adapters/slack/dedupe.js";

describe("memory de-duplication of event ids", () => {
  it("claims an id once within the TTL, and again after it", async () => {
    let now = 0;
    const dedupe = createMemoryDedupe({ ttlMs: 1000, now: () => now });
    expect(await dedupe.claim("Ev1")).toBe(true);
    expect(await dedupe.claim("Ev1")).toBe(false);
    expect(await dedupe.claim("Ev2")).toBe(true);
    now = 999;
    expect(await dedupe.claim("Ev1")).toBe(false);
    now = 1001;
    expect(await dedupe.claim("Ev1")).toBe(true);
  });

  it("stays bounded under a flood of distinct ids", async () => {
    const dedupe = createMemoryDedupe({ maxKeys: 100, now: () => 0 });
    for (let i = 0; i < 1000; i += 1) await dedupe.claim(`Ev${i}`);
    // The newest ids are still remembered; the oldest were evicted.
    expect(await dedupe.claim("Ev999")).toBe(false);
    expect(await dedupe.claim("Ev0")).toBe(true);
  });
});
