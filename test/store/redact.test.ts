import { describe, expect, it } from "vitest";
import { MAX_STORED_TEXT, redact } from "../../src/store/redact.js";

describe("redact removes what identifies a person before text is stored", () => {
  it.each([
    ["ask <@U024BE7LH> about korea", "ask [mention] about korea"],
    ["<!here> <!channel> <!subteam^SAZ94GDB8|@team> hi", "[mention] [mention] [mention] hi"],
    ["see <#C024BE7LR|general>", "see [mention]"],
    [
      "<@123456789012345678> <@!123456789012345678> <@&987654321098765432> <#112233445566778899>",
      "[mention] [mention] [mention] [mention]",
    ],
    ["@everyone @here japan", "[mention] [mention] japan"],
    ["mail jane.doe+tpd@mail.example.co.uk please", "mail [email] please"],
    ["call +44 20 7946 0958 or (202) 555-0147", "call [phone] or [phone]"],
    ["ring 020-7946-0958", "ring [phone]"],
  ])("%s", (input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it.each([
    "signed 2025-10-28 in Tokyo",
    "deals of 28.10.2025",
    "between 2025 2026",
    "$550 billion and 6g",
    "korea 1,000 engineers",
  ])("leaves dates, amounts and years alone: %s", (input) => {
    expect(redact(input)).toBe(input);
  });

  it("caps the stored text", () => {
    expect(Array.from(redact("한".repeat(2000)))).toHaveLength(MAX_STORED_TEXT);
  });
});
