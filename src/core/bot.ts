import type { Answer, AnswerOptions, IntentName, Suggestion } from "./answer.js";
import { KnowledgeContext } from "./context.js";
import { ask } from "./intents/ask.js";
import { compare } from "./intents/compare.js";
import { deals } from "./intents/deals.js";
import { createHelp } from "./intents/help.js";
import type { Intent } from "./intents/intent.js";
import { sources } from "./intents/sources.js";
import { status } from "./intents/status.js";
import { topics } from "./intents/topics.js";
import { when } from "./intents/when.js";
import { whoSigned } from "./intents/who-signed.js";
import type { KnowledgeBase, PassageIndex } from "./model.js";
import { parseQuery } from "./query.js";
import { createSuggester } from "./suggest.js";
import { Vocabulary } from "./vocabulary.js";

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

/** Intents in the order their cues are tried: the more specific first; `ask` is the default. */
const help = createHelp(() => INTENTS);
const INTENTS: readonly Intent[] = [help, whoSigned, when, status, compare, sources, topics, deals, ask];
/** What the bot can do, for help texts and platform command descriptions; needs no knowledge loaded. */
export const INTENT_CATALOG: readonly IntentInfo[] = INTENTS.map(({ name, description, examples }) => ({
  name,
  description,
  examples: [...examples],
}));
/** Intents that a cue word alone should not pick when the question also names a topic. */
const YIELD_TO_TOPIC = new Set<IntentName>([
  "who-signed",
  "when",
  "status",
  "sources",
  "topics",
  "deals",
  "help",
]);

export function createBot({ knowledge, index }: BotDeps): Bot {
  const vocabulary = new Vocabulary(knowledge);
  const ctx = new KnowledgeContext(knowledge, index, vocabulary);
  const byName = new Map(INTENTS.map((intent) => [intent.name, intent]));
  const parse = (text: string) => parseQuery(text, vocabulary, INTENTS);

  const answer = (text: string, options: AnswerOptions = {}): Answer => {
    const query = parse(text);
    if (query.intentBy === "cue" && query.topics.length > 0 && YIELD_TO_TOPIC.has(query.intent)) {
      // "which deals mention fusion" compares; "does the uk deal cover quantum" asks.
      query.intent = query.intent === "deals" && query.deals.length === 0 ? "compare" : "ask";
    } else if (query.intentBy === "cue" && query.intent === "deals" && query.deals.length > 0) {
      query.intent = "ask"; // "tell me about the korea tpd" is about one deal
    }
    const isEmpty = query.intent === "ask" && query.text === "";
    const intent = byName.get(isEmpty ? "help" : query.intent) ?? ask;
    return intent.run({ query, options, ctx });
  };

  return {
    answer(text, options) {
      try {
        return answer(text, options);
      } catch {
        // Answering is pure and total by design; this guard keeps a knowledge edge case from reaching users.
        return ctx.blank(parse(""), "ask");
      }
    },
    suggest: createSuggester(ctx, INTENTS),
    intents: INTENTS.map(({ name, description, examples }) => ({
      name,
      description,
      examples: [...examples],
    })),
    knowledge,
  };
}
