import type { Answer, AnswerOptions, IntentName, Suggestion } from "./answer.js";
import type { KnowledgeBase, PassageIndex } from "./model.js";

export type IntentInfo = {
  name: IntentName;
  /** One line, shown in help and platform command descriptions. */
  description: string;
  examples: string[];
};

export type Bot = {
  /** Turns any text into an Answer; never throws. */
  answer(text: string, options?: AnswerOptions): Answer;
  /** Ranked query suggestions for what has been typed so far (autocomplete); pinned ones when empty. */
  suggest(prefix: string, limit?: number): Suggestion[];
  readonly intents: readonly IntentInfo[];
  readonly knowledge: KnowledgeBase;
};

export type BotDeps = { knowledge: KnowledgeBase; index: PassageIndex };
