import type { AnswerDraft, AnswerOptions } from "../answer.js";
import type { KnowledgeLookups } from "../lookups.js";
import type { IntentCues, ParsedQuery } from "../query.js";

export type IntentRequest = { query: ParsedQuery; options: AnswerOptions; ctx: KnowledgeLookups };

/** One thing the bot can do: how it is recognised, how it describes itself (help), and how it answers. */
export type Intent = IntentCues & {
  description: string;
  examples: readonly string[];
  run(request: IntentRequest): AnswerDraft;
};
