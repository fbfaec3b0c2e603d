import type { IntentName, Reading } from "./answer.js";
import type { DealId } from "./model.js";
import { normalizeInput } from "./normalize.js";
import { FILLER_WORDS, tokenize } from "./text.js";
import type { Vocabulary } from "./vocabulary.js";

/** How an intent is recognised: a leading command word, or a cue phrase anywhere in the question. */
export type IntentCues = { name: IntentName; commands: readonly string[]; cues: readonly string[] };

export type ParsedQuery = {
  /** The question after normalisation (what the answer echoes). */
  text: string;
  shortened: boolean;
  intent: IntentName;
  /** How the intent was recognised: a leading command word, a cue phrase, or neither (the default). */
  intentBy: "command" | "cue" | "default";
  deals: DealId[];
  topics: string[];
  /** Countries named that have no deal. */
  countries: string[];
  /** Remaining meaningful words, for full-text search. */
  terms: string[];
  readings: Reading[];
};

const unique = <T>(values: T[]): T[] => [...new Set(values)];

/** Reads a question: which intent, which deals, topics and other words. Intents are tried in the given order. */
export function parseQuery(
  raw: unknown,
  vocabulary: Vocabulary,
  intents: readonly IntentCues[],
): ParsedQuery {
  const { text, shortened } = normalizeInput(raw);
  const tokens = tokenize(text);
  const intentConsumed = new Set<number>();
  const whole = vocabulary.match(tokens, text);
  const inPhrases = whole.inPhrases;
  const intent = detectIntent(tokens, intents, intentConsumed, inPhrases);

  const remaining = tokens.map((token, i) => (intentConsumed.has(i) ? "" : token));
  // Read again only when the intent took words away; usually the first reading stands.
  const match = intentConsumed.size === 0 ? whole : vocabulary.match(remaining, text);
  const readings: Reading[] = [...(intent.reading ? [intent.reading] : []), ...match.readings];
  const of = (kind: Reading["kind"]) =>
    unique(match.readings.filter((r) => r.kind === kind).map((r) => r.as));

  const terms = unique(
    remaining.filter((token, i) => token !== "" && !match.consumed.has(i) && !FILLER_WORDS.has(token)),
  );
  return {
    text,
    shortened,
    intent: intent.name,
    intentBy: intent.by,
    deals: of("deal") as DealId[],
    topics: of("topic"),
    countries: of("country"),
    terms,
    readings,
  };
}

function detectIntent(
  tokens: readonly string[],
  intents: readonly IntentCues[],
  consumed: Set<number>,
  inPhrases: ReadonlySet<number>,
): { name: IntentName; by: ParsedQuery["intentBy"]; reading: Reading | null } {
  const first = tokens[0];
  for (const intent of intents) {
    if (first !== undefined && !inPhrases.has(0) && intent.commands.includes(first)) {
      consumed.add(0);
      return {
        name: intent.name,
        by: "command",
        reading: { words: first, kind: "intent", as: intent.name, fuzzy: false },
      };
    }
  }
  for (const intent of intents) {
    for (const cue of intent.cues) {
      const cueTokens = cue.split(" ");
      const at = indexOfSequence(tokens, cueTokens, inPhrases);
      if (at >= 0) {
        for (let i = at; i < at + cueTokens.length; i++) consumed.add(i);
        return {
          name: intent.name,
          by: "cue",
          reading: { words: cue, kind: "intent", as: intent.name, fuzzy: false },
        };
      }
    }
  }
  return { name: "ask", by: "default", reading: null };
}

/** Where the sequence first stands in the tokens, not counting places inside a vocabulary phrase. */
function indexOfSequence(
  tokens: readonly string[],
  sequence: readonly string[],
  skip: ReadonlySet<number>,
): number {
  outer: for (let i = 0; i + sequence.length <= tokens.length; i++) {
    for (let j = 0; j < sequence.length; j++) {
      if (tokens[i + j] !== sequence[j] || skip.has(i + j)) continue outer;
    }
    return i;
  }
  return -1;
}
