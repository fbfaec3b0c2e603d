import { HAS_AMOUNT } from "./gate.js";
import type { KnowledgeLookups } from "./lookups.js";
import type { Passage } from "./model.js";
import { MONTHS } from "./phrasing.js";
import type { ParsedQuery } from "./query.js";
import { capitalised, FILLER_WORDS, stem } from "./text.js";

const NUMBER = String.raw`\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|hundreds?`;
const TIME_UNITS = /^(days?|weeks?|months?|years?|decades?)$/;
/** A span, date or moment a text may give: "within two years", "180 days after", "by the end of 2028", "on signature". */
const TIME_GIVEN = new RegExp(
  String.raw`\b(${NUMBER}) (days?|weeks?|months?|years?)\b|\b(19|20)\d{2}\b|\b(signature|immediately|date)\b|\b(${MONTHS.map(capitalised).join("|")})\b`,
);
/** Someone a text names for a part: a signatory, or a holder of an office ("Minister …", "Director …"). */
const OFFICE_GIVEN = /\b(Minister|Director|Secretary|President|Ambassador|Chair|Chancellor)\b/;
/** Asking who has a part ("who leads …", "which official is in charge of …"): a person or office answers it. */
const ROLE_ASKED =
  /\b(leads?|heads?|chairs?|runs?|charge|contact|responsible|coordinates?|oversees?|manages?|point)\b/;
const PERSON_ASKED =
  /^(which|what) (\w+ )?(official|officials|person|people|minister|individual)\b(?! (to people|documents?|texts?|statements?|sources?)\b)/;
/** A sum asked: "how much" or "allocated" only beside money ("how much does it spend", not "how much … focus on AI"). */
const MONEY = String.raw`\b(money|cash|funds?|funding|capital|invest\w*|cost\w*|spend\w*|commit\w*|provide\w*|pay\w*|contribut\w*|worth)\b`;
const SUM_ASKED = new RegExp(
  String.raw`\bhow much\b(?! (time|longer|of)\b)(?=.*${MONEY})|\b(what|which) (sum|amount)\b|\bbudget\b|\bearmark|\bset aside\b|\ballocat(?=.*${MONEY})|${MONEY}.*\ballocat|\bhow many (dollars|pounds|yen|won)\b`,
);
/** The languages a text was written or signed in: not "large language models", nor "what language it uses on X". */
const LANGUAGES_ASKED =
  /\blanguages?\b(?! models?\b)(.*\b(written|signed|drafted|published|translated|versions?)\b| .*\bin$)|\bin (what|which) languages?\b/;

/**
 * What a question asks for that only a value answers (a sum, a count, a date or span, languages, a person): how a
 * passage gives one and how to say the texts do not. `number`: a count or span, which a further match may give.
 */
type ValueAsked = { gives: (passage: Passage) => boolean; unsaid: string; sum?: boolean; number?: boolean };

function valueAsked(query: ParsedQuery, ctx: KnowledgeLookups, deal: string | null): ValueAsked | null {
  const text = query.tokens.join(" ");
  if (SUM_ASKED.test(text))
    return {
      // A sum reported around the signing (the £150bn of company pledges) is not what the deal commits.
      gives: (passage) => passage.section !== "signing" && HAS_AMOUNT.test(passage.text),
      unsaid: `say what sum ${deal ? `the ${deal} commits` : "the deals commit"}`,
      sum: true,
    };
  const counted = /\bhow many (\w+)(?: (\w+))?/.exec(text);
  if (counted?.[1] && !TIME_UNITS.test(counted[1])) {
    const nouns = counted.slice(1, 3).filter((word): word is string => !!word && !FILLER_WORDS.has(word));
    const counts = new RegExp(
      String.raw`\b(${NUMBER})\b(\W+\w+){0,2}?\W+(${nouns.map(stem).join("|")})`,
      "i",
    );
    return {
      gives: (passage) => counts.test(passage.text),
      unsaid: `say how many ${nouns.join(" ")}`,
      number: true,
    };
  }
  if (
    /\bdeadline|\bby when\b|\bby what (date|time|year)\b|\bwhat date\b|\bhow (long|soon)\b|\btime ?(frame|line|limit|table)\b|\btimeframe|\btimeline|\bschedul|\bwhen (will|should|must|would)\b|\bhow many (days|weeks|months|years)\b|\bwithin how\b/.test(
      text,
    )
  )
    return {
      gives: (passage) => TIME_GIVEN.test(passage.text),
      unsaid: "give a date or time limit for that",
      number: true,
    };
  if (LANGUAGES_ASKED.test(text))
    return {
      gives: (passage) => /\blanguages?\b/i.test(passage.text),
      unsaid: "say in what languages it was written or signed",
    };
  // "Who leads …", "which official is in charge of …": a person or office answers; "who is the partner of …" any body.
  const person = PERSON_ASKED.test(text);
  if (!person && !(query.tokens[0] === "who" && ROLE_ASKED.test(text))) return null;
  const asked = query.text
    .replace(/^\s*who\s+/i, "who ")
    .replace(/[^\p{L}\p{N}\s'’–-]/gu, "")
    .trim();
  const people = ctx.knowledge.deals.flatMap((each) => each.signatories.map((one) => one.name));
  return {
    gives: (passage) => OFFICE_GIVEN.test(passage.text) || people.some((name) => passage.text.includes(name)),
    unsaid: `say ${asked.replace(/^\p{Lu}/u, (c) => c.toLowerCase())}`,
  };
}

/**
 * "How many staff will the working group have?", "What budget has the Cabinet Office set aside?", "In what
 * languages was it signed?": a question that asks for a kind of value. When no passage shown gives one, the first
 * further match that gives the count or span asked (`further`) leads instead; without one, the lead says plainly
 * that the texts do not say it, before the closest passages. Null when a passage shown gives it, or no such value is asked.
 */
export function valueUnsaid(
  query: ParsedQuery,
  shown: readonly Passage[],
  ctx: KnowledgeLookups,
  deal: string | null,
  further: () => readonly Passage[],
): { said: string | null; sum: boolean; giving?: Passage } | null {
  const value = valueAsked(query, ctx, deal);
  if (!value || shown.some(value.gives)) return null;
  const sum = value.sum === true;
  const giving = value.number ? further().find(value.gives) : undefined;
  return giving ? { said: null, sum, giving } : { said: `The texts I hold do not ${value.unsaid}. `, sum };
}
