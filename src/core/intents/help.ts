import type { AnswerDraft } from "../answer.js";
import { blankAnswer, suggestionsNear } from "../answer-building.js";
import { dealList } from "../phrasing.js";
import type { Intent, IntentRequest } from "./intent.js";

/** Built from the other intents' own descriptions, so help never drifts from what the bot does. */
export function createHelp(
  describe: () => readonly Pick<Intent, "name" | "description" | "examples">[],
): Intent {
  return {
    name: "help",
    description: "This list of what you can ask",
    examples: ["help"],
    commands: ["help", "commands", "usage", "?"],
    run({ query, ctx }: IntentRequest): AnswerDraft {
      const intents = describe();
      return {
        ...blankAnswer(query, "help"),
        found: true,
        title: "Ask about the Technology Prosperity Deals",
        lead: `Answers come as cited excerpts from the official texts of the deals with ${dealList(ctx, ctx.dealIds)}.`,
        items: intents.map((intent) => ({
          title: intent.name,
          text: `${intent.description}. Try: ${intent.examples.map((example) => `“${example}”`).join(", ")}`,
          query: intent.examples[0] ?? intent.name,
        })),
        suggestions: suggestionsNear(ctx, []),
      };
    },
  };
}
