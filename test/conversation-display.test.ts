import { beforeAll, describe, expect, it } from "vitest";
import { renderText } from "../src/adapters/console/render-text.js";
import { renderAnswer as renderDiscord } from "../src/adapters/discord/render.js";
import { renderAnswer as renderSlack } from "../src/adapters/slack/render.js";
import type { Answer } from "../src/core/answer.js";
import type { Bot } from "../src/core/bot.js";
import { contextOf } from "../src/core/follow-up.js";
import { realBot } from "./helpers/bots.js";
import { consoleSession } from "./helpers/console-session.js";

describe("'why this answer' shows what a follow-up carried over from earlier", () => {
  let bot: Bot;
  let followUp: Answer;
  beforeAll(async () => {
    bot = await realBot();
    followUp = bot.answer("and japan?", { context: contextOf(bot.answer("korea 6g")) });
    expect(followUp.readings.find((reading) => reading.carried)?.words).toBe("6g");
  });

  it("Slack", () => {
    expect(JSON.stringify(renderSlack(followUp, { shareable: false }).blocks)).toMatch(
      /“6g” → topic [^·"]*\(from earlier in the conversation\)/,
    );
    expect(JSON.stringify(renderSlack(bot.answer("japan 6g"), { shareable: false }).blocks)).not.toContain(
      "from earlier",
    );
  });

  it("Discord", () => {
    expect(renderDiscord(followUp).embeds[0]?.footer?.text).toMatch(
      /“6g” as topic [^;]*\(from earlier in the conversation\)/,
    );
  });

  it("the console, which also reads each line as a follow-up of the last", async () => {
    expect(renderText(followUp)).toMatch(/6g → topic telecom \(from earlier\)/);
    const output = await consoleSession("korea 6g\nwho signed it?\n", { getBot: () => bot });
    const [, second] = output.split(/\n(?=SIGNATORIES|Signatories)/i);
    expect(second ?? "").toMatch(/korea → deal korea \(from earlier\)/);
  });
});
