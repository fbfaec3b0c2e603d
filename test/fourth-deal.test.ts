import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCommands } from "../src/adapters/discord/commands.js";
import { deployCommands } from "../src/adapters/discord/deploy.js";
import { renderChoices, renderAnswer as renderDiscord } from "../src/adapters/discord/render.js";
import { renderAnswer as renderSlack } from "../src/adapters/slack/render.js";
import { type Bot, createBot } from "../src/core/bot.js";
import { loadKnowledge } from "../src/knowledge/load.js";
import { APP_ID, type FakeDiscord, GUILD_ID, startFakeDiscord, TOKEN } from "./fakes/discord.js";
import { excerptsOf, rowsOf } from "./helpers/answer-parts.js";
import { ROOT, runEntry } from "./helpers/run-process.js";

/** The fixture knowledge plus a fourth deal, Nordia, that exists only as data in this folder. */
const FOURTH = fileURLToPath(new URL("./fixtures/knowledge-fourth-deal", import.meta.url));

let bot: Bot;
let discord: FakeDiscord;
beforeAll(async () => {
  bot = createBot(await loadKnowledge(FOURTH));
  discord = await startFakeDiscord();
});
afterAll(async () => {
  await discord?.close();
});

describe("a fourth deal added as knowledge only", () => {
  it("is answered, cited and compared by the core", () => {
    const answer = bot.answer("nordia quantum");
    expect(answer).toMatchObject({ intent: "ask", found: true, deals: ["nordia"] });
    expect(excerptsOf(answer).map((excerpt) => excerpt.passageId)).toContain("nordia-quantum");
    expect(answer.labels.deals).toMatchObject({ nordia: "U.S.–Nordia" });
    const compared = bot.answer("compare quantum");
    expect(rowsOf(compared).map((row) => row.deal)).toEqual(["uk", "japan", "korea", "nordia"]);
    expect(rowsOf(compared).at(-1)?.excerpt?.passageId).toBe("nordia-quantum");
    expect(bot.answer("who signed the nordia deal?").lead).toContain("Gil Example");
  });

  it("renders on Slack with its own label", () => {
    const text = JSON.stringify(renderSlack(bot.answer("nordia quantum"), { shareable: true }).blocks);
    expect(text).toContain("deal U.S.–Nordia");
    expect(text).toContain("shared quantum sensing laboratory");
  });

  it("is a Discord `deal` choice, in the deployed command too, and in autocomplete", async () => {
    const command = buildCommands(bot).find((candidate) => "options" in candidate && candidate.options);
    const options = command && "options" in command ? (command.options ?? []) : [];
    const dealOption = options.find((option) => option.name === "deal") as
      | { choices?: Array<{ name: string; value: string }> }
      | undefined;
    expect(dealOption?.choices).toContainEqual({ name: "U.S.–Nordia", value: "nordia" });
    await deployCommands(
      { token: TOKEN, applicationId: APP_ID, guildId: GUILD_ID, apiUrl: discord.apiUrl },
      bot,
    );
    const put = discord.calls.findLast((call) => call.method === "PUT");
    expect(JSON.stringify(put?.body)).toContain('"value":"nordia"');
    const choices = renderChoices(bot.suggest("nord", 25));
    expect(choices.map((choice) => choice.value)).toContain("nordia quantum");
    expect(renderDiscord(bot.answer("nordia quantum"), { deal: "nordia" }).embeds[0]?.title).toContain(
      "Nordia",
    );
  });

  it("is accepted by `ask --deal`", async () => {
    const result = await runEntry("src/ask.ts", ["--json", "--deal", "nordia", "quantum"], {
      env: { KNOWLEDGE_DIR: FOURTH },
    });
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as { deals: string[]; citations: Array<{ deal: string | null }> };
    expect(json.deals).toEqual(["nordia"]);
    expect(json.citations.map((citation) => citation.deal)).toEqual(["nordia"]);
    const refused = await runEntry("src/ask.ts", ["--deal", "atlantis", "quantum"], {
      env: { KNOWLEDGE_DIR: FOURTH },
    });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("--deal takes one of uk, japan, korea, nordia");
  });
});

describe("src/ names no deal", () => {
  const files = (dir: string): string[] =>
    readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory()
        ? files(join(dir, entry.name))
        : entry.name.endsWith(".ts")
          ? [join(dir, entry.name)]
          : [],
    );

  it("has no deal id, alias or label in any string of the code (comments aside)", () => {
    const named = /\b(uk|japan|japanese|korea|korean|britain|united kingdom)\b/i;
    for (const file of files("src")) {
      const code = readFileSync(join(ROOT, file), "utf8")
        .replace(/\/\*[\s\S]*?\*\//g, "")
        .replace(/(^|[^:"'`\\])\/\/.*$/gm, "$1");
      const strings = code.match(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`/g) ?? [];
      for (const literal of strings) expect(literal, `${file}: ${literal}`).not.toMatch(named);
    }
  });
});
