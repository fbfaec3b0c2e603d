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
        // Most of the sources are news reports and summaries, so the answers are not said to be official texts.
        lead: `Answers come as cited excerpts from the texts I hold on the deals with ${dealList(ctx, ctx.dealIds)}: official texts, official summaries and news reports, each labelled as such.`,
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
