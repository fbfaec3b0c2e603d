import { describe, expect, it } from "vitest";
import { buildCommands, commandDescription, queryDescription } from "../../src/adapters/discord/commands.js";
import type { IntentInfo } from "../../src/core/bot.js";

const NAME = /^[-_\p{L}\p{N}]{1,32}$/u;

const intents: IntentInfo[] = [
  { name: "help", description: "This list", examples: ["help"] },
  { name: "compare", description: "One topic across the deals", examples: ["compare 6g", "compare ai"] },
  { name: "who-signed", description: "Who signed", examples: ["who signed the uk deal?"] },
  { name: "ask", description: "Search the deal texts", examples: ["korea 6g"] },
];

describe("buildCommands", () => {
  it("GIVEN the intents THEN /tpd is a valid chat-input command whose help comes from them", () => {
    const [command, ...rest] = buildCommands({ intents, deals: [] });
    expect(rest).toEqual([]);
    expect(command?.name).toMatch(NAME);
    expect(command?.description).toBe(
      "Cited answers on the 2025 US Technology Prosperity Deals: help, compare, who-signed",
    );
    const options = command?.options ?? [];
    expect(options.length).toBeLessThanOrEqual(25);
    for (const option of options) {
      expect(option.name).toMatch(NAME);
      expect(option.name).toBe(option.name.toLowerCase());
      expect(option.description.length).toBeGreaterThan(0);
      expect(option.description.length).toBeLessThanOrEqual(100);
    }
    expect(options[0]?.description).toBe(
      "Question or topic, e.g. “help”, “compare 6g”, “who signed the uk deal?”, “korea 6g”",
    );
  });

  it("GIVEN many long intents THEN descriptions stop at a whole item within 100 characters", () => {
    const many: IntentInfo[] = Array.from({ length: 30 }, (_, i) => ({
      name: "compare",
      description: "x",
      examples: [`a fairly long example question number ${i}`],
    }));
    for (const text of [commandDescription(many), queryDescription(many)]) {
      expect(text.length).toBeLessThanOrEqual(100);
      expect(text).not.toMatch(/[,:]$/);
    }
  });
});
