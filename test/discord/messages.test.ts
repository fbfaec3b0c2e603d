import { describe, expect, it } from "vitest";
import { toQuestion } from "../../src/adapters/discord/messages.js";

const botId = "900000000000000001";
const message = (content: string, over: Partial<Parameters<typeof toQuestion>[0]> = {}) =>
  toQuestion({ content, inGuild: true, authorIsBot: false, botId, ...over });

describe("toQuestion", () => {
  it("GIVEN a guild message mentioning the bot THEN the question is the text without the mention", () => {
    expect(message(`<@${botId}> korea 6g`)).toBe("korea 6g");
    expect(message(`what about <@!${botId}>   japan\nfusion?`)).toBe("what about japan fusion?");
  });

  it("GIVEN a guild message without the bot's mention THEN it is not a question", () => {
    expect(message("korea 6g")).toBeNull();
    expect(message("<@900000000000000009> korea 6g")).toBeNull();
    expect(message("@everyone korea 6g")).toBeNull();
  });

  it("GIVEN a DM THEN any text is a question, even without a mention", () => {
    expect(message("who signed the uk deal?", { inGuild: false })).toBe("who signed the uk deal?");
  });

  it("GIVEN a bot or webhook author THEN never a question", () => {
    expect(message(`<@${botId}> korea`, { authorIsBot: true })).toBeNull();
    expect(message("korea", { authorIsBot: true, inGuild: false })).toBeNull();
  });

  it("GIVEN only a mention THEN the question is empty (the bot answers with its help)", () => {
    expect(message(`<@${botId}>`)).toBe("");
  });

  it("GIVEN a mention of the bot's managed role THEN the question is the text without the role", () => {
    const botRoleId = "900000000000000010";
    expect(message(`<@&${botRoleId}> who signed the korea deal?`, { botRoleId })).toBe(
      "who signed the korea deal?",
    );
    expect(message("<@&900000000000000077> korea 6g", { botRoleId })).toBeNull();
  });

  it("GIVEN a reply to one of the bot's messages THEN it is a question, ping or not", () => {
    expect(message("and japan?", { repliesToBot: true })).toBe("and japan?");
    expect(message("and japan?", { repliesToBot: false })).toBeNull();
  });
});
