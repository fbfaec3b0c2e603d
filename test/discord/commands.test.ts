import type {
  RESTPostAPIChatInputApplicationCommandsJSONBody,
  RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from "discord.js";
import { describe, expect, it } from "vitest";
import { buildCommands, commandDescription, queryDescription } from "../../src/adapters/discord/commands.js";
import { WORDING } from "../../src/adapters/shared/render-plan.js";
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
    const [slash] = buildCommands({ intents, deals: [] });
    const command = slash as RESTPostAPIChatInputApplicationCommandsJSONBody;
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

  it("THEN both commands install to servers and to people, and work in servers, the bot's DM and group DMs", () => {
    const commands = buildCommands({ intents, deals: [{ id: "korea", label: "U.S.–Korea" }] });
    expect(commands).toHaveLength(2);
    for (const command of commands) {
      expect(command.integration_types).toEqual([0, 1]);
      expect(command.contexts).toEqual([0, 1, 2]);
    }
  });

  it("THEN 'Ask TPD about this' is a message context-menu command: a name, no description, no options", () => {
    const menu = buildCommands({
      intents,
      deals: [],
    })[1] as RESTPostAPIContextMenuApplicationCommandsJSONBody;
    expect(menu).toMatchObject({ type: 3, name: WORDING.askAboutMessage });
    expect(menu).not.toHaveProperty("description", expect.anything());
    expect(menu).not.toHaveProperty("options");
    expect(menu.name.length).toBeLessThanOrEqual(32);
  });

  it("THEN names and descriptions are localised for Japanese and Korean, within Discord's rules", () => {
    const [slash, menu] = buildCommands({ intents, deals: [{ id: "uk", label: "U.S.–UK" }] }) as [
      RESTPostAPIChatInputApplicationCommandsJSONBody,
      RESTPostAPIContextMenuApplicationCommandsJSONBody,
    ];
    const named = [slash, ...(slash.options ?? [])];
    for (const item of named) {
      for (const locale of ["ja", "ko"] as const) {
        const name = item.name_localizations?.[locale];
        const description = item.description_localizations?.[locale];
        expect(name, `${item.name} ${locale}`).toMatch(NAME);
        expect(name).toBe(name?.toLowerCase());
        expect(description?.length, `${item.name} ${locale}`).toBeGreaterThan(0);
        expect(description?.length).toBeLessThanOrEqual(100);
      }
    }
    for (const locale of ["ja", "ko"] as const) {
      const name = menu.name_localizations?.[locale] ?? "";
      expect(name.length).toBeGreaterThan(0);
      expect(name.length).toBeLessThanOrEqual(32);
    }
    // Option names stay unique in every language.
    for (const locale of ["ja", "ko"] as const) {
      const names = (slash.options ?? []).map((option) => option.name_localizations?.[locale]);
      expect(new Set(names).size).toBe(names.length);
    }
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
