import type { Answer, AnswerOptions } from "../../../src/core/answer.js";
import type { Bot } from "../../../src/core/bot.js";

export type AskedOf = { text: string; options: AnswerOptions | undefined };

/** A Bot whose answers come from a function, recording what it was asked. */
export function fakeBot(
  reply: (text: string, options?: AnswerOptions) => Answer,
): Bot & { asked: AskedOf[] } {
  const asked: AskedOf[] = [];
  return {
    asked,
    answer(text, options) {
      asked.push({ text, options });
      return reply(text, options);
    },
    suggest: () => [],
    intents: [{ name: "ask", description: "Ask about a deal and a topic.", examples: ["korea 6g"] }],
    deals: [{ id: "korea", label: "U.S.–Korea" }],
    overview: () => ({
      asOf: "2025-10-29",
      deals: [],
      examples: [{ label: "Korea and 6G", query: "korea 6g" }],
    }),
  };
}
