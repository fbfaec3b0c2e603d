import { beforeAll, describe, expect, it } from "vitest";
import { NOTICES } from "../../src/adapters/shared/notices.js";
import type { Bot } from "../../src/core/bot.js";
import { realBot } from "../helpers/bots.js";
import { consoleSession } from "../helpers/console-session.js";

describe("the console when answering throws", () => {
  let bot: Bot;
  beforeAll(async () => {
    bot = await realBot();
  });

  it("shows the shared error notice, reports the error, and answers the next question", async () => {
    const failing = new Error("index unavailable");
    const throwsOnFirst: Bot = Object.create(bot, {
      answer: {
        value: (question: string, options?: Parameters<Bot["answer"]>[1]) => {
          if (question === "korea 6g") throw failing;
          return bot.answer(question, options);
        },
      },
    });
    const reported: unknown[] = [];
    const output = await consoleSession("korea 6g\njapan 6g\n", {
      getBot: () => throwsOnFirst,
      onError: (error) => reported.push(error),
    });

    expect(reported).toEqual([failing]);
    const afterNotice = output.split(NOTICES.error)[1];
    expect(afterNotice).toBeDefined();
    expect(afterNotice).toContain("6G");
    expect(output).not.toContain("index unavailable");
  });
});
