import type { AnswerDraft, AnswerOptions, Reading } from "./answer.js";
import { blankAnswer, excerptOf, paginate, yesOrNoLead } from "./answer-building.js";
import type { KnowledgeLookups } from "./lookups.js";
import type { DealId, Passage } from "./model.js";
import { dealNames, partnerList, partnerName } from "./phrasing.js";
import type { ParsedQuery } from "./query.js";
import { escapeRegExp, indexOfSequence, tokenize, unique } from "./text.js";

/**
 * "Does the Korea deal mention Japan?", "Does the Korea MOU mention the UK?": of two deals read, the one named with a
 * deal's noun is asked of, and the other, after a word of mentioning, is the partner its texts are asked to name.
 * A passage naming that partner only as a deal ("unlike the U.S.–Japan deal", a comparison the knowledge draws) does
 * not name it. Null for any other question.
 */
export function partnerNamedAnswer(
  query: ParsedQuery,
  options: AnswerOptions,
  ctx: KnowledgeLookups,
): AnswerDraft | null {
  const asked = partnerAsked(query, ctx);
  if (!asked) return null;
  const partner = ctx.deal(asked.named.as)?.partner ?? asked.named.words;
  const names = unique([partner, asked.named.words]).map((name) =>
    tokenize(name).map(escapeRegExp).join("\\W+"),
  );
  const anyName = `(?:${names.join("|")})`;
  const asDeal = new RegExp(
    `\\b(?:the\\s+)?(?:U\\.S\\.[–-])?${anyName}\\s+(?:deals?|Technology Prosperity Deals?|TPDs?|MOUs?|MOC)\\b`,
    "gi",
  );
  const naming = new RegExp(`\\b${anyName}\\b`, "i");
  // A passage chiefly on another deal (the Japan and Korea article's line on the UK deal) is not this deal's text.
  const ownNaming = (passage: Passage) =>
    passage.deals[0] === asked.deal && naming.test(passage.text.replace(asDeal, ""));
  const named = ctx.passages({ deals: [asked.deal] }).filter(ownNaming);
  const of = dealNames(ctx, [asked.deal]);
  const answer = {
    ...blankAnswer(query, "ask"),
    found: named.length > 0,
    title: `${partnerList(ctx, [asked.deal])} · ${partner}`,
    deals: [asked.deal],
    ...(named.length > 0
      ? yesOrNoLead(true, `the texts I hold of ${of} name ${partnerName(partner)}:`)
      : yesOrNoLead(false, `the texts I hold of ${of} do not name ${partnerName(partner)}.`)),
  };
  return paginate(answer, named, (passage) => excerptOf(ctx, passage), options);
}

/** The deal asked of and the partner asked to be named, as read: see `partnerNamedAnswer`. */
function partnerAsked(query: ParsedQuery, ctx: KnowledgeLookups): { deal: DealId; named: Reading } | null {
  const { mentionAsked, dealNouns } = ctx.vocabulary.phrasing;
  const deals = query.readings.filter((reading) => reading.kind === "deal");
  if (query.form !== "yes-no" || deals.length !== 2 || query.topics.length + query.names.length > 0)
    return null;
  const mention = query.tokens.findIndex((token) => mentionAsked.includes(token));
  if (mention < 0) return null;
  const placed = deals.map((reading) => {
    const words = tokenize(reading.words);
    const at = indexOfSequence(query.tokens, words);
    return { reading, at, withNoun: dealNouns.includes(query.tokens[at + words.length] ?? "") };
  });
  // The deal asked of is the subject, before the word of mentioning ("Does the Korea deal mention Japan?"), or what
  // it is mentioned in after it ("Is the UK mentioned in the Japan deal?"); not "Did Kratsios say anything about the
  // Japan and Korea deals?".
  const ofDeal = placed.find((each) => each.withNoun);
  const other = placed.find((each) => !each.withNoun);
  if (!ofDeal || !other || ofDeal.reading.as === other.reading.as) return null;
  const active = ofDeal.at < mention && other.at > mention;
  const passive = other.at < mention && query.tokens.slice(mention, ofDeal.at).includes("in");
  if (!active && !passive) return null;
  return { deal: ofDeal.reading.as as DealId, named: other.reading };
}
