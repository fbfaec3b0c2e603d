import { PassThrough } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import { createConsoleAdapter } from "../../src/adapters/console/repl.js";
import { NOTICES } from "../../src/adapters/shared/notices.js";
import type { Bot } from "../../src/core/bot.js";
import { realBot } from "../helpers/bots.js";

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
    const input = new PassThrough();
    const reported: unknown[] = [];
    let output = "";
    const console = createConsoleAdapter({
      getBot: () => throwsOnFirst,
      input,
      output: {
        write: (chunk: string) => {
          output += chunk;
          return true;
        },
      } as unknown as NodeJS.WritableStream,
      interactive: false,
      onError: (error) => reported.push(error),
    });
    await console.start();
    const closed = new Promise<void>((resolve) => input.on("end", () => setTimeout(resolve, 20)));
    input.end("korea 6g\njapan 6g\n");
    await closed;
    await console.stop();

    expect(reported).toEqual([failing]);
    const afterNotice = output.split(NOTICES.error)[1];
    expect(afterNotice).toBeDefined();
    expect(afterNotice).toContain("6G");
    expect(output).not.toContain("index unavailable");
  });
});
