import type { Phrasing } from "./model.js";
import { anyOf, once, QUESTION_WORDS } from "./text.js";

/**
 * A question put inside a sentence or behind a preface, as the question itself: "quick q: is the Japan deal
 * binding" → "is the Japan deal binding"; "Fact check: the Korea deal was signed in Seoul", "I heard the Japan deal
 * was cancelled", "the deals are binding, true or false?", "Trump signed it. True?" → "…, right?" (a claim checked
 * as its tag asks); "My boss wants to know if the UK deal is dead" → "the UK deal is dead, right?". Any other text
 * as it is.
 */
export function restated(
  typed: string,
  phrasing: Phrasing,
  namesSomething: (words: string) => boolean,
): string {
  const { claim, checked, colon, whether, trueOrFalse, politeRequest } = patternsOf(phrasing);
  // "ok, is the UK deal binding?", "so who signed it": an interjection before the question is none of it.
  // "r these binding?": "r" opening a question is "are", written short; "were was it signed?" asks where.
  const text = (typed.replace(INTERJECTIONS, "") || typed)
    .replace(/^r(?=\s)/iu, "are")
    .replace(/^were(?=\s+(?:was|is|were|did|does|do)\b)/iu, "where")
    // "What should a policymaker know about …?": who is to know it asks nothing of the texts.
    .replace(AUDIENCE, "what should I know about")
    // "How many deals do you hold?": what the bot holds is what it has, not the texts' word "hold".
    .replace(/\b(do|does|did)\s+(you|u)\s+hold\b/giu, "$1 $2 have")
    // "Can you compare all three deals?", "could you please list …": a request, not whether it can be done.
    .replace(politeRequest, "")
    // "Was Bae a minister when he signed?": the offices the texts give are those held at the signing.
    .replace(WHEN_SIGNED, "");
  const tail = trueOrFalse.exec(text) ?? checked.exec(text);
  const claimed = tail?.[1] ?? text;
  const prefaced = claim.exec(claimed)?.[1];
  if (tail || prefaced) return asked(prefaced ?? claimed, phrasing);
  const embedded = whether.exec(text)?.[1];
  if (embedded) return asked(embedded, phrasing);
  // "quick q: is …", "For a briefing: what does …": a short preface naming nothing asked, before a question of its
  // own ("japan deal: when was it signed?" names the deal asked).
  const [, preface = "", rest = ""] = colon.exec(text) ?? [];
  return preface && !namesSomething(preface) && opensQuestion(rest, phrasing) ? rest : text;
}

/**
 * "What should a policymaker know about", "what do investors need to know about": the asker's audience named, in
 * lower case (not "What does the White House know about …").
 */
const AUDIENCE =
  /^[Ww]hat\s+(?:should|do|does|must|would)\s+(?:an?\s+|the\s+|my\s+|our\s+)?\p{Ll}[\p{Ll}-]*(?:\s+\p{Ll}[\p{Ll}-]*)?\s+(?:need\s+to\s+)?know\s+about\b/u;

/** "… when he signed", "… when she signed it": the time of a signing the question's subject made. */
const WHEN_SIGNED =
  /,?\s+when\s+(?:he|she)\s+signed(?:\s+(?:it|the\s+\w+\s+deal|the\s+deal))?(?=\s*[?.!]*\s*$)/iu;

/** Interjections opening a message: "ok", "okay so", "alright,", "well", "hmm", "wait so", "yo", "btw". */
const INTERJECTIONS = /^(?:(?:ok(?:ay)?|alright|so|well|hmm+|um+|uh+|oh|wait|yo|btw|erm?)\b[\s,.!]*)+/iu;

/** A claim as the question whether it is true (a statement tagged "right?", once); a question as it is. */
const asked = (claim: string, phrasing: Phrasing) =>
  opensQuestion(claim, phrasing)
    ? claim
    : `${claim.replace(/(?:[,\s]+(?:right|true|correct))?[.?!]*$/iu, "")}, right?`;

const opensQuestion = (text: string, phrasing: Phrasing) => {
  const first = /^\p{L}+/u.exec(text)?.[0].toLowerCase() ?? "";
  return QUESTION_WORDS.has(first) || phrasing.yesNo.includes(first);
};

/** The patterns of a preface, made once per vocabulary. */
const patternsOf = once(({ claimPrefaces, askedWhether, openFirst }: Phrasing) => ({
  // "Can you link the UK MOU?" stays a yes/no question: "link the …" alone reads as linking two things.
  politeRequest: new RegExp(
    `^(?:can|could|would|will)\\s+(?:you|u)\\s+(?:please\\s+)?(?=(?:${anyOf(openFirst.filter((word) => !QUESTION_WORDS.has(word) && word !== "link"))})\\b)`,
    "iu",
  ),
  claim: new RegExp(`^(?:${anyOf(claimPrefaces)})\\b\\s*[:,-]?\\s*(\\S.*)$`, "iu"),
  whether: new RegExp(`^.{0,60}?\\b(?:${anyOf(askedWhether)})\\b\\s*(\\S.*)$`, "iu"),
  trueOrFalse: /^(.+?)[,;:\s]+(?:true or false|right or wrong)\s*[?.!]*$/iu,
  // "Trump signed the Japan deal. True?", "… Is that right?": a claim, then whether it is so.
  checked: /^(.+?)[.!]\s*(?:true|right|correct|is (?:that|this|it) (?:true|right|correct))\s*\?+$/iu,
  colon: /^((?:\S+\s+){0,3}\S+)\s*:\s*(\S.*)$/u,
}));

/**
 * A statement asked without the "not" of its verb, as the question it claims the answer to ("The Korea deal wasn't
 * signed in Seoul, right?" → "was the Korea deal signed in Seoul?"; "None of the deals mention …" → "do any of
 * the deals mention …?"), or null when it has none. `tagged`: the statement ends in a tag ("…, right?"), left out.
 */
export function withoutNegation(statement: string, tagged: boolean): string | null {
  const said = tagged ? statement.replace(/,[^,]*$/, "") : statement.replace(/[?？]+\s*$/, "");
  const negated = NEGATED_VERB.exec(said);
  if (negated) {
    const verb = negated[1] ?? negated[2] ?? "";
    const positive = IRREGULAR_NEGATIONS[verb.toLowerCase()] ?? verb;
    const subject = said.slice(0, negated.index).trim();
    return `${positive} ${subject} ${said.slice(negated.index + negated[0].length).trim()}?`;
  }
  const none = NONE_OF.exec(said);
  return none ? `do any ${said.slice(none[0].length)}?` : null;
}
const NEGATED_VERB =
  /\b(?:(is|are|was|were|does|do|did|has|have|had|can|could|would|should|wo|ca)(?:n['’]?t|\s+not)|(can)not)\b/i;
const IRREGULAR_NEGATIONS: Record<string, string> = { wo: "will", ca: "can" };
const NONE_OF = /^(?:none|no) (?=of\b|deals?\b|tpds?\b)/i;
