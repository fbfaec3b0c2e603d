import type { AnswerDraft, AnswerOptions } from "../answer.js";
import type { KnowledgeLookups } from "../lookups.js";
import type { IntentCues, ParsedQuery } from "../query.js";

export type IntentRequest = { query: ParsedQuery; options: AnswerOptions; ctx: KnowledgeLookups };

/**
 * One thing the bot can do: its command words, how it describes itself (help), and how it answers. The cue
 * phrases that ask for it anywhere in a question are vocabulary (`intents` in the knowledge's vocabulary).
 */
export type Intent = Omit<IntentCues, "cues"> & {
  description: string;
  examples: readonly string[];
  run(request: IntentRequest): AnswerDraft;
};
