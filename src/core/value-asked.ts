import type { AnswerDraft, Excerpt } from "./answer.js";
import { excerptOf } from "./answer-building.js";
import { inDealTexts } from "./coverage.js";
import { HAS_AMOUNT, missingPremise } from "./gate.js";
import type { KnowledgeLookups } from "./lookups.js";
import type { DealId, KnowledgeBase, Passage, Phrasing } from "./model.js";
import { countWord, joinNames, MONTHS, nameInSentence } from "./phrasing.js";
import type { ParsedQuery } from "./query.js";
import { nameHas, signingAsked, signingClause } from "./signing-question.js";
import {
  anyOf,
  askingPart,
  capitalised,
  escapeRegExp,
  FILLER_WORDS,
  FULL_STOP,
  hasAnyOf,
  holdsAnyOf,
  indexOfSequence,
  keptPer,
  once,
  QUESTION_WORDS,
  setOf,
  stem,
  tokenize,
  wordsOfPhrases,
} from "./text.js";

/**
 * The patterns of the questions that ask for a value and of the passages that give one, made once per knowledge:
 * a span, date or moment a text may give ("within two years", "by the end of 2028", "on signature"); someone it
 * names for a part (a signatory, or a holder of an office: "Minister …"); asking who has a part ("who leads …",
 * "which official …"); a sum asked ("how much" or "allocated" only beside money: not "how much … focus on AI").
 */
const patternsOf = once((knowledge: KnowledgeBase) => {
  const { money, numbers, timeUnits, time, roles, people, offices, bodies, bodyNames, expansions } =
    knowledge.valuesAsked;
  const { clock, clockGiven, frequency, frequencyGiven, places, exact, sums, occasionsAsked, limitAsked } =
    knowledge.valuesAsked;
  const { auxiliaries, placeBefore, anyPart, connectives, occasions } = knowledge.phrasing;
  // Words that make "what … office" a question about something else: "what is the office of …".
  const auxiliary = `(?:${anyOf(auxiliaries)})\\b`;
  const number = `\\d[\\d,.]*|${anyOf(numbers)}`;
  const bodyKind = new RegExp(`^(${anyOf(bodies)})$`);
  const units = anyOf(timeUnits);
  const spent = `\\b(${anyOf(money)})\\b`;
  return {
    number,
    timeUnits: new Set(timeUnits),
    timeGiven: new RegExp(
      `\\b(${number}) (${units})\\b|\\b(19|20)\\d{2}\\b|\\b(signature|immediately|date)\\b|\\b(${MONTHS.map(capitalised).join("|")})\\b`,
    ),
    // "180 days", "a five-year plan", "six months": a span of time a text gives.
    spanGiven: new RegExp(`\\b(${number})[ -](${units})\\b`, "i"),
    timeAsked: new RegExp(`\\b(${anyOf(time)})\\b`),
    exactAsked: new RegExp(`\\b(${anyOf(exact)})\\b`),
    limitAsked: new RegExp(`\\b(${anyOf(limitAsked)})\\b`),
    // "within six months", "by the end of 2028", "no later than March": a limit set, not a date something happened.
    limitGiven: new RegExp(
      `\\b(within|by|before|until|no later than)\\s+(the end of\\s+)?(${number}|(19|20)\\d{2}\\b|${MONTHS.map(capitalised).join("|")})`,
    ),
    dayGiven: new RegExp(`\\b\\d{1,2} (${MONTHS.map(capitalised).join("|")})\\b`),
    officeGiven: new RegExp(`\\b(${anyOf(offices.map(capitalised))})\\b`),
    roleAsked: new RegExp(`\\b(${anyOf(roles)})\\b`),
    personAsked: new RegExp(
      `^(which|what) (\\w+ )?(${anyOf(people)})\\b(?! (to people|documents?|texts?|statements?|sources?)\\b)`,
    ),
    sumAsked: new RegExp(
      `\\bhow much\\b(?! (time|longer|of)\\b)(?=.*${spent})|\\b(what|which) (sum|amount)\\b|\\b(${anyOf(sums)})\\b|\\ballocat(?=.*${spent})|${spent}.*\\ballocat|\\bhow many (?:(?:billion|million|trillion)s? )?(dollars|pounds|yen|won)\\b|\\bhow many (billion|million|trillion)s?\\b`,
    ),
    signatories: knowledge.deals.flatMap((deal) => deal.signatories.map((one) => one.name)),
    // The languages a text was written or signed in: not "large language models", nor "what language it uses on X".
    languagesAsked: new RegExp(
      `\\blanguages?\\b(?! models?\\b)(.*\\b(${anyOf(knowledge.phrasing.languagesAsked)})\\b| .*\\bin$)|\\bin (what|which) languages?\\b`,
    ),
    // "Which UK agency …", "what facility …": the kind asked, after at most four words that are not a verb.
    bodyAsked: new RegExp(`\\b(?:which|what)((?: (?!${auxiliary})\\w+){0,4}?) (${anyOf(bodies)})\\b`),
    // A title of a body ("… Agency", "Cabinet Office"), not of a person who holds an office ("Director …").
    bodyName: new RegExp(
      `^(${anyOf([...offices.filter((office) => bodyKind.test(office)), ...bodyNames].map(capitalised))})$`,
    ),
    expansionAsked: new RegExp(`\\b(${anyOf(expansions)})\\b`),
    figuresAsked: new RegExp(`\\b(${anyOf(knowledge.valuesAsked.figuresAsked)})\\b`),
    clockAsked: new RegExp(`\\b(${anyOf(clock)})\\b`),
    clockGiven: new RegExp(`\\b\\d{1,2}:\\d{2}\\b|(?<!\\w)(${anyOf(clockGiven)})(?!\\w)`, "i"),
    frequencyAsked: new RegExp(`\\b(${anyOf(frequency)})\\b`),
    frequencyGiven: new RegExp(`\\b(${anyOf(frequencyGiven)})\\b`, "i"),
    // "Which U.S. states …", "what city …"; "where …" asks for a place of any kind.
    occasionAsked: new RegExp(`\\b(?:which|what) (${anyOf(occasionsAsked)})\\b`),
    occasionGiven: new RegExp(`\\b(${anyOf(occasions)})\\b`, "i"),
    placeAsked: new RegExp(
      `^where\\b|\\b(?:which|what)(?: (?!${auxiliary})\\w+){0,3}? (${anyOf(places)})\\b`,
    ),
    dealWords: new Set(
      knowledge.deals.flatMap((deal) => [...deal.aliases, deal.name, deal.partner].flatMap(tokenize)),
    ),
    /** What puts a name as a place: "at the …", "in …", "on …", "near …", "across the …", "between …". */
    placeBefore: new RegExp(`\\b(?:${anyOf(placeBefore)})\\s+(?:the\\s+)?$`),
    anyPart: new Set(anyPart),
    connectives: new Set(connectives),
  };
});

/**
 * What a question asks for that only a value answers (a sum, a count, a date or span, languages, a person): how a
 * passage gives one and how to say the texts do not. `number`: a count or span, which a further match may give.
 */
type ValueAsked = {
  gives: (passage: Passage) => boolean;
  unsaid: string;
  sum?: boolean;
  number?: boolean;
  /** What a passage's list of the things counted says ("The texts I hold list five: …"), or null. */
  listed?: (passage: Passage) => string | null;
  /**
   * Whether a sentence that gives a value of the kind answers the question, so that the lead may quote it: not for a
   * person, as the one named may not be the one asked for ("who leads …").
   */
  quotable?: boolean;
  /** The value a giving sentence states, said in its words for a lead ("CAISI stands for …"), or null to quote it. */
  phrased?: (sentence: string, deal: string | null) => string | null;
  /** Whether a sentence given must share a word asked ("within six months" for "when will the working group meet"). */
  onSubject?: boolean;
  /** A kind only the answer's own excerpts are read for: none of them giving it is what says the texts do not. */
  ofExcerpts?: boolean;
  /** The kind of body asked ("agreement"), which a sentence that names it has as one more word asked. */
  kind?: string;
  /** Passages that may give it when no excerpt does, looked up by a word (not read through). */
  elsewhere?: () => readonly Passage[];
  /** How many words asked a sentence has, when not counted by `wordsShared`. */
  shares?: (sentence: string) => number;
};

/** Words a question asks with or names a deal by, which need not stand in the sentence that answers it. */
const wordsPassed = once((ctx: KnowledgeLookups) => {
  const { framing, signing } = ctx.vocabulary.phrasing;
  return new Set([...framing, ...signing, ...QUESTION_WORDS, ...patternsOf(ctx.knowledge).dealWords]);
});

/**
 * "What is the JT-60SA?", "why did the US pause the UK deal?": no kind of value asked, but words beyond what the
 * lead's heading names ("What … says on Fusion energy:"), which a sentence of the excerpts may hold. A word asked
 * stands in a sentence in another form of it ("pause" in "paused", "partnering" in "partnership").
 */
function wordsBeyondHeading(query: ParsedQuery, heading: string, ctx: KnowledgeLookups): ValueAsked | null {
  const passed = wordsPassed(ctx);
  // A heading that echoes the question's words (“… says about “ostp”:”) names none of them.
  const named = new Set(tokenize(heading.replace(ECHO, "")).map(stem));
  // Words that name the section asked ("take effect") chose the excerpts, as the heading says; those that pick the
  // deal by its signing ("signed during the APEC summit") are not asked about.
  const sectionWords = new Set(ctx.vocabulary.sectionsIn(query.tokens).flatMap((hit) => hit.positions));
  const clause = signingClause(query, ctx);
  const { latestAsked } = ctx.vocabulary.phrasing;
  const typed = query.tokens.filter(
    (word, i) =>
      word.length > 2 &&
      !latestAsked.includes(word) &&
      !FILLER_WORDS.has(word) &&
      !passed.has(word) &&
      !sectionWords.has(i) &&
      !clause.has(i),
  );
  const asked = typed.map(stem).filter((word) => !named.has(word));
  // A question about something no text names ("what penalties apply?") is not answered by its other words, nor
  // one that weighs deals by a sentence of one.
  const weighs = new Set(query.deals).size > 1;
  if ((asked.length === 0 && query.sections.length === 0) || weighs || missingPremise(query, ctx))
    return null;
  const alike = (word: string, key: string) =>
    word === key ||
    (Math.min(word.length, key.length) >= 4 && (word.startsWith(key) || key.startsWith(word)));
  const shares = (sentence: string) => {
    const words = tokenize(sentence).map(stem);
    return new Set(asked.filter((key) => words.some((word) => alike(word, key)))).size;
  };
  // Under an echo, a sentence holds a word as asked, not only another form of it ("build" is not "building").
  const echoed = ECHO.test(heading) ? new Set(typed) : null;
  const gives = (passage: Passage) => !echoed || tokenize(passage.text).some((word) => echoed.has(word));
  return { gives, unsaid: "", quotable: true, onSubject: true, shares };
}

/** Whether a sum is asked: "how much … invest", "what amount", "allocated". */
export const sumAsked = (query: ParsedQuery, ctx: KnowledgeLookups): boolean =>
  patternsOf(ctx.knowledge).sumAsked.test(query.tokens.join(" "));

/** The side a word names: "us" for the United States ("American"), else the deal whose partner it names ("British"). */
function sideOfWord(word: string | undefined, ctx: KnowledgeLookups): string | null {
  if (word === undefined) return null;
  if (ctx.vocabulary.phrasing.usSide.includes(word)) return "us";
  return ctx.knowledge.deals.find((deal) => deal.aliases.includes(word))?.id ?? null;
}

/**
 * Companies a question names ("How much are US companies investing?", "Did British firms pledge …?"), with the
 * words that name them as typed and whether a passage speaks of companies of that side ("U.S. companies"; any
 * side when the question names none).
 */
export function companiesNamed(
  query: ParsedQuery,
  ctx: KnowledgeLookups,
): { typed: string; by: (passage: Passage) => boolean; ofAnySide: (passage: Passage) => boolean } | null {
  const companies = setOf(ctx.vocabulary.phrasing.companyWords);
  const at = query.tokens.findIndex((token) => companies.has(token));
  if (at < 0) return null;
  const side = sideOfWord(query.tokens[at - 1], ctx);
  const typed = new RegExp(`${side ? "\\S+\\s+" : ""}\\b${query.tokens[at]}\\b`, "iu").exec(query.text)?.[0];
  const sidesIn = (passage: Passage) => {
    const words = tokenize(passage.text);
    return words.flatMap((word, i) => (companies.has(word) ? [sideOfWord(words[i - 1], ctx)] : []));
  };
  return {
    typed: typed ?? (query.tokens[at] as string),
    by: (passage) => sidesIn(passage).some((named) => side === null || named === side),
    ofAnySide: (passage) => sidesIn(passage).length > 0,
  };
}

/**
 * The names a question gives, written with a capital after its first word, that the texts hold and that name no
 * deal, country or side: "Blackstone" in "How much did Blackstone pledge?".
 */
export function namedParties(query: ParsedQuery, ctx: KnowledgeLookups): string[] {
  const read = new Set(query.readings.flatMap((reading) => tokenize(reading.words)));
  const sides = new Set(ctx.vocabulary.phrasing.usSide);
  const words = query.text.split(/\s+/).slice(1);
  return words
    .map((word) => word.replace(/['’]s$/u, "").replace(/[^\p{L}-]/gu, ""))
    .filter((word) => /^\p{Lu}\p{Ll}/u.test(word))
    .filter((word) => {
      const lower = word.toLowerCase();
      return !read.has(lower) && !sides.has(lower) && ctx.anyHas([lower]);
    });
}

function valueAsked(query: ParsedQuery, ctx: KnowledgeLookups, deal: string | null): ValueAsked | null {
  const text = query.tokens.join(" ");
  const patterns = patternsOf(ctx.knowledge);
  const expansion = expansionOf(query, ctx);
  if (expansion) {
    const written = new RegExp(`\\(${escapeRegExp(expansion)}\\)`);
    const { connectives } = patterns;
    // A name whose initials make it ("Korea Positioning System" for KPS) stands for it only where no text spells
    // it out: "Age of Innovation" is not what AI stands for, as "artificial intelligence (AI)" says.
    const spelled = spellingOut(ctx, expansion).some((passage) => written.test(passage.text));
    const byInitials = (text: string) => (spelled ? null : initialsName(text, expansion, connectives));
    return {
      gives: (passage) => written.test(passage.text) || byInitials(passage.text) !== null,
      unsaid: `spell out ${expansion}`,
      // The texts spell an abbreviation out once: the passage that does, found by the word, when no excerpt has it.
      elsewhere: () =>
        spellingOut(
          ctx,
          expansion,
          query.names.flatMap((name) => name.forms),
        ),
      quotable: true,
      phrased: (sentence, dealName) => {
        const spelled = spelledOut(sentence, expansion, connectives);
        const where = dealName ? `the ${dealName}` : "the texts I hold";
        if (spelled) return `In ${where}, ${expansion} stands for “${spelled}”.`;
        // "What is KPS?": the texts never write it, but name a "Korea Positioning System".
        const named = written.test(sentence) ? null : byInitials(sentence);
        if (named)
          return `The texts I hold do not write ${expansion}; ${dealName ? `the ${dealName} names` : "they name"} “${named}”.`;
        // "Korea's space agency (KASA)": what the texts call it, without its letters spelled out.
        const called = /(?:^|[,;:]\s*)([^,;:]*?\S)\s*$/.exec(
          sentence.slice(0, sentence.indexOf(`(${expansion})`)),
        );
        return called?.[1]
          ? `The texts I hold do not spell out ${expansion}; they call it “${nameInSentence(called[1].split(/\s+/).slice(-4).join(" "))}”.`
          : null;
      },
      ofExcerpts: true,
    };
  }
  if (patterns.sumAsked.test(text)) {
    const investors = companiesNamed(query, ctx);
    // "How much are US companies investing in the UK?": the pledges reported beside a deal, by companies of the
    // side asked; none for "British firms investing in America".
    if (investors)
      return {
        gives: (passage) => HAS_AMOUNT.test(passage.text) && investors.by(passage),
        unsaid: `give a sum for ${investors.typed}`,
        quotable: true,
      };
    // "How much did Blackstone pledge?": the sum of someone the texts name, not of a deal.
    const party = namedParties(query, ctx);
    return {
      // A sum reported around the signing (the £150bn of company pledges) is not what the deal commits, nor is the
      // sum of a plan reported later (the Genesis partnership's $1 billion).
      gives: (passage) =>
        passage.section !== "signing" &&
        (party.length + query.names.length > 0 || passage.section !== "development") &&
        HAS_AMOUNT.test(passage.text) &&
        party.every((name) => ctx.hasWords(passage, [name.toLowerCase()])),
      unsaid:
        party.length > 0
          ? `give a sum for ${joinNames(party)}`
          : `say what sum ${deal ? `the ${deal} commits` : "the deals commit"}`,
      // Another's sum says nothing of what the deals commit.
      sum: party.length === 0,
      quotable: true,
      onSubject: true,
    };
  }
  const counted = /\bhow many (\w+)(?: (\w+))?/.exec(text);
  // "List the Korea deal's space items", "what are the space projects …": the list asked, without a count.
  const listing = wordsOfPhrases(ctx.vocabulary.phrasing.listRequests)
    .find((words) => words.every((word, i) => query.tokens[i] === word))
    ?.at(-1);
  if ((counted?.[1] && !patterns.timeUnits.has(counted[1])) || listing) {
    const nouns = countedNouns(
      query.tokens.filter((token) => !listing || !patterns.dealWords.has(token)),
      listing ?? "many",
      setOf(ctx.vocabulary.phrasing.countEnd),
    );
    const counts = new RegExp(
      String.raw`\b(${patterns.number})\b(\W+\w+){0,2}?\W+(${nouns.map(stem).join("|")})`,
      "i",
    );
    return {
      gives: (passage) => nouns.length > 0 && counts.test(passage.text),
      unsaid: "say how many there are",
      number: !listing,
      quotable: !listing,
      onSubject: true,
      listed: (passage) => {
        const items = passage.text
          .split(/(?<=[\p{Ll})]\.)\s+/u)
          .map((s) => listOf(s, nouns, patterns.anyPart))
          .find(Boolean);
        // A list asked for is given only when each item reads as one: "trusted, interoperable standards" is not two.
        const split = listing && items?.some((item) => /^\p{Ll}[\p{L}-]*$/u.test(item));
        return items && !split
          ? `The texts I hold list ${countWord(items.length)}: ${items.join("; ")}. `
          : null;
      },
    };
  }
  // "At what time …?", "how often …?": a sentence with a time of day, or a frequency ("annual").
  const given = patterns.clockAsked.test(text)
    ? patterns.clockGiven
    : patterns.frequencyAsked.test(text)
      ? patterns.frequencyGiven
      : null;
  if (given)
    return {
      gives: (passage) => given.test(passage.text),
      unsaid: `say ${askedAsWritten(query.text)}`,
      quotable: true,
      onSubject: true,
      ofExcerpts: true,
    };
  // "On what exact date …?": only a day of a month gives it.
  const exact = patterns.exactAsked.test(text);
  const limit = limitAsked(text, patterns);
  // "When did talks on the UK deal start?": a date given of the event that happened, in its own word ("start"), not
  // one given of another ("paused talks"); what will happen ("when does it expire?") is told by its terms.
  const { tokens } = query;
  const last = tokens[tokens.length - 1 - query.tag] ?? "";
  const eventAsked =
    tokens[0] === "when" && tokens[1] === "did" && ctx.vocabulary.phrasing.eventVerbs.includes(last);
  const event = eventAsked ? last : undefined;
  const { startVerbs } = ctx.vocabulary.phrasing;
  const started = (passage: Passage) => startVerbs.includes(last) && holdsAnyOf(passage.text, startVerbs);
  if (patterns.timeAsked.test(text))
    return {
      gives: (passage) =>
        (exact ? patterns.dayGiven : limit ? patterns.limitGiven : patterns.timeGiven).test(passage.text) &&
        (event === undefined || ctx.hasWords(passage, [event]) || started(passage)),
      unsaid: exact ? "say the exact date" : "give a date or time limit for that",
      number: true,
      quotable: true,
      onSubject: true,
    };
  if (patterns.languagesAsked.test(text))
    return {
      gives: (passage) => /\blanguages?\b/i.test(passage.text),
      unsaid: "say in what languages it was written or signed",
      quotable: true,
    };
  // "What event was the Korea deal signed during?": a sentence with an occasion ("during the Korea–U.S. summit").
  if (patterns.occasionAsked.test(text))
    return {
      gives: (passage) => patterns.occasionGiven.test(passage.text),
      unsaid: `say ${askedAsWritten(query.text)}`,
      // The signing record of the deals asked tells the occasion, if any text does ("during … state visit").
      elsewhere: () => ctx.passages({ deals: query.deals, sections: ["signing"] }),
      quotable: true,
      onSubject: true,
      ofExcerpts: true,
    };
  // "Where is fusion mentioned?", "where does the phrase appear?": where in the texts, which the passages show.
  const inTexts = query.tokens[0] === "where" && hasAnyOf(query.tokens, ctx.vocabulary.phrasing.mentionAsked);
  // "Where does the £150 billion figure come from?" asks what it is made of, not a place.
  const origin = /\bwhere\b.*\bfrom\b/.test(text);
  const place = inTexts || origin ? null : patterns.placeAsked.exec(text);
  if (place) {
    // "Where is fusion research planned?": a name the question does not give, after "at", "in", "on", "near" or
    // "between" ("at the JT-60SA test facility"); "where" also by "between" alone ("between the two countries'
    // territories"), so a "where" no excerpt answers is not said to be unsaid: the texts may put it in other words.
    const where = place[1] === undefined;
    const asked = new Set(query.tokens.map(stem));
    const placed = (sentence: string) =>
      namesIn(sentence, NO_WORDS).some(
        (name) => !namedIn(name, asked, "") && patterns.placeBefore.test(sentence.slice(0, name.at)),
      );
    return {
      gives: (passage) => placed(passage.text) || (where && /\bbetween\b/.test(passage.text)),
      unsaid: `say ${askedAsWritten(query.text)}`,
      quotable: true,
      onSubject: true,
      ofExcerpts: !where,
    };
  }
  const body = patterns.bodyAsked.exec(text);
  if (body?.[2] && !patterns.personAsked.test(text)) {
    // "Which US agency works with the National Research Foundation of Korea?": a sentence naming a body the
    // question does not, by a name such a body has ("… Foundation", "… Office") or beside the kind asked ("the
    // JT-60SA test facility", "companies such as Microsoft").
    const kind = stem(body[2]);
    const asked = new Set(query.tokens.map(stem));
    // "Which UK department leads the deal?": a body named beside the deal is no leader of the deal itself; a
    // sentence with the role's word ("leads") is. A body doing the work asked of ("lead the AI research") may be
    // named without it.
    const role = patterns.roleAsked.exec(text)?.[1];
    const roleAt = role ? query.tokens.indexOf(role) : -1;
    const { dealNouns } = ctx.vocabulary.phrasing;
    const ofDeal =
      roleAt >= 0 &&
      query.tokens
        .slice(roleAt + 1)
        .every(
          (word) =>
            FILLER_WORDS.has(word) ||
            DEAL_TIES.has(word) ||
            patterns.dealWords.has(word) ||
            dealNouns.includes(word),
        );
    const roleStem = stem(role ?? "");
    // The role's word with the deal just after it ("leads the U.S.–Japan …"), not "lead the world".
    const leadsDeal = (text: string) => {
      const words = tokenize(text);
      return words.some(
        (word, i) =>
          stem(word) === roleStem && words.slice(i + 1, i + 4).some((next) => patterns.dealWords.has(next)),
      );
    };
    const hasRole = (passage: Passage) => !ofDeal || leadsDeal(passage.text);
    return {
      gives: (passage) =>
        hasRole(passage) &&
        namesIn(passage.text, patterns.dealWords).some(
          (name) =>
            !namedIn(name, asked, kind) &&
            (name.words.some((word) => patterns.bodyName.test(word.replace(/\W+$/, ""))) ||
              tokenize(passage.text).some((word) => stem(word) === kind)),
        ),
      unsaid: `say ${askedAsWritten(query.text)}`,
      quotable: true,
      onSubject: true,
      ofExcerpts: true,
      kind,
    };
  }
  // "Who leads …", "which official is in charge of …": a person or office answers; "who is the partner of …" any body.
  const person = patterns.personAsked.test(text);
  const role = query.tokens[0] === "who" ? patterns.roleAsked.exec(text)?.[1] : undefined;
  if (!person && !role) return null;
  // "Who chairs the working group?": a person named beside it ("Bae and Kratsios … agreed to launch a working
  // group") is no chair; a passage with the post's word is. Roles of other words ("who is responsible") are given
  // by whoever the texts say coordinates or represents.
  // "Who leads the UK AI Security Institute?", "Who runs CAISI?": of a body named just after the role (capitalised,
  // not a deal), only a passage with the role's word says who has it; naming the body is not that.
  const after = role ? query.text.split(new RegExp(`\\b${role}\\b`, "i"))[1] : undefined;
  const named = /^\s+(?:the\s+)?((?:\p{Lu}[\p{L}\d]*\s*)+)/u.exec(after ?? "")?.[1] ?? "";
  const bodyNamed = tokenize(named).some((word) => !patterns.dealWords.has(word));
  const post = role && (POSTS.has(role) || bodyNamed) ? role : undefined;
  // "Who heads the Office of Science and Technology Policy?": the director of the body asked heads it.
  const heads = post?.startsWith("head")
    ? directorOf(query.tokens.slice(query.tokens.indexOf(post) + 1))
    : null;
  const hasRole = (passage: Passage) =>
    !post || person || ctx.hasStem(passage, stem(post)) || (heads?.test(passage.text) ?? false);
  return {
    gives: (passage) =>
      hasRole(passage) &&
      (patterns.officeGiven.test(passage.text) ||
        patterns.signatories.some((name) => passage.text.includes(name))),
    unsaid: `say ${askedAsWritten(query.text)}`,
  };
}

/** Words that tie a deal's name together: "the TPD with Japan", "the deal between the US and Korea". */
const DEAL_TIES = new Set(["with", "between", "and"]);

/**
 * "Director of the White House Office of Science and Technology Policy" for the body asked after "heads"
 * ("the office of science and technology policy"); null when no body of two words or more is asked.
 */
function directorOf(asked: readonly string[]): RegExp | null {
  const words = asked.filter((word, i) => !(i === 0 && word === "the"));
  if (words.length < 2) return null;
  return new RegExp(
    `\\bDirector of (?:the )?(?:White House )?${words.map(escapeRegExp).join("\\W+")}\\b`,
    "i",
  );
}

/** Roles that are posts someone holds: a text names who holds one only with its word. */
const POSTS = new Set(["chair", "chairs", "head", "heads"]);

/**
 * The question as asked, to follow "The texts I hold do not say": "who will chair the working group", without a
 * clause where the asker describes themselves ("Writing a memo for aides: …").
 */
export function askedAsWritten(text: string): string {
  return askingPart(text)
    .replace(/^\s*who\s+/i, "who ")
    .replace(/[^\p{L}\p{N}\s'’–-]/gu, "")
    .trim()
    .replace(/^\p{Lu}/u, (c) => c.toLowerCase())
    .replace(PLACE_OF_THING, "where $2 $1")
    .replace(TIME_OF_DOING, (_all, asking: string, does: string, thing: string, verb: string) => {
      const said = does === "does" ? verb.replace(/y$/, "ie").concat("s") : verb;
      return `${asking} ${thing} ${said}`;
    });
}

/**
 * "how often does the Korea Joint Committee meet": when or how often something does what is asked, said as "how often
 * the Korea Joint Committee meets"; only with a verb of these at the end, so "how often does the word AI appear in
 * the UK deal" is left as asked.
 */
const TIME_OF_DOING =
  /^(how often|how long|when|why) (does|do) (.+) (meet|end|start|begin|last|take|expire|apply|happen|run|work|resume)$/u;

/**
 * "where is JT-60SA": a place asked of something named, said as "where JT-60SA is" (not "where was it signed", nor
 * "where is the taskforce set up").
 */
const PLACE_OF_THING = /^where (is|are|was|were) ((?:the )?[\p{Lu}\d][^\s]*(?: [\p{Lu}\d][^\s]*)*)$/u;

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
  deal: string | null = null,
  further: () => readonly Passage[] = () => [],
  related: (passage: Passage) => boolean = () => false,
): { said: string | null; sum: boolean; giving?: Passage } | null {
  const value = valueAsked(query, ctx, deal);
  // A kind read only in the answer's excerpts is decided once they are chosen (`withValueStated`).
  if (!value || value.ofExcerpts) return null;
  // The further matches are a second ranking, with a long page: made at most once, and only when read.
  let furtherMatches: readonly Passage[] | null = null;
  const furtherOnes = () => {
    furtherMatches ??= further();
    return furtherMatches;
  };
  // "How many space items does it list?": the list a passage shown, or a further one on the topic, gives, counted.
  const { listed } = value;
  const lists = (passage: Passage) => listed?.(passage) ?? null;
  const listing =
    shown.find(lists) ?? (!listed || shown.some(value.gives) ? undefined : furtherOnes().find(lists));
  if (listing)
    return { said: lists(listing), sum: false, ...(shown.includes(listing) ? {} : { giving: listing }) };
  // Only a list asked ("list the space items", no count): without one, the answer stands as it is.
  if ((listed && !value.number) || shown.some(value.gives)) return null;
  const sum = value.sum === true;
  const giving = value.number ? furtherOnes().filter(related).find(value.gives) : undefined;
  return giving ? { said: null, sum, giving } : { said: `The texts I hold do not ${value.unsaid}. `, sum };
}

/**
 * How many words asked a sentence has, apart from fillers and the deals' words; the kind asked counts as one.
 * `most`: how many a passage has, more than any of its sentences has, read from the lookups without its text.
 */
const wordsShared = (query: ParsedQuery, ctx: KnowledgeLookups, kind?: string) => {
  const { dealWords } = patternsOf(ctx.knowledge);
  const asked = query.tokens.filter((token) => !FILLER_WORDS.has(token) && !dealWords.has(token)).map(stem);
  const words = new Set([...asked, ...(kind ? [kind] : [])]);
  return {
    shared: (sentence: string) =>
      [...new Set(tokenize(sentence).map(stem))].filter((word) => words.has(word)).length,
    most: (passage: Passage) => [...words].filter((word) => ctx.hasStem(passage, word)).length,
  };
};

/** "A deadline for dropping Russian fuel?": a sentence, not of a later report, giving the kind asked and `shared` words asked. */
export function valueGiven(
  query: ParsedQuery,
  sentences: readonly Passage[],
  ctx: KnowledgeLookups,
  shared: number,
): string | null {
  const value = valueAsked(query, ctx, null);
  if (!value?.quotable || value.listed) return null;
  const shares = wordsShared(query, ctx, value.kind).shared;
  const own = (sentence: Passage) => sentence.section !== "development";
  return (
    sentences.find((each) => own(each) && value.gives(each) && shares(each.text) >= shared)?.text ?? null
  );
}

/** Where a sentence's list begins: after a colon, else after "includes", "covers", "lists", "names". */
const LIST_OPENER = /\b(?:includes?|covers?|lists?|names?)\s+/;

/** What "how many" counts or a list asks for ("… space items"), without filler words. */
function countedNouns(tokens: readonly string[], after: string, countEnd: ReadonlySet<string>): string[] {
  let from = tokens.indexOf(after) + 1;
  while (FILLER_WORDS.has(tokens[from] ?? "")) from++;
  const end = tokens.findIndex((token, i) => i >= from && countEnd.has(token));
  return tokens.slice(from, end < 0 ? from + 4 : end).filter((word) => !FILLER_WORDS.has(word));
}

/**
 * The items of the list a sentence gives of what is counted ("Space cooperation … includes A, B, C, D, and E"):
 * the words before the list must name it, by the noun counted ("seven points: …") or, for "items" and the like, by
 * the words before it ("space items"). Null without three items or more, or for an open list ("and other …").
 */
function listOf(sentence: string, nouns: readonly string[], anyPart: ReadonlySet<string>): string[] | null {
  const colon = /:\s+/.exec(sentence);
  const opener = colon ?? LIST_OPENER.exec(sentence);
  const head = nouns.at(-1);
  if (!opener || !head) return null;
  const typed = tokenize(sentence.slice(0, opener.index));
  const before = typed.map(stem);
  // "Items" leaves the words before it to say what is counted; any other noun stands as asked ("areas: …").
  const naming = anyPart.has(head) ? nouns.slice(0, -1) : [head];
  if (naming.length === 0 || !naming.every((noun) => before.includes(stem(noun)))) return null;
  if (!anyPart.has(head) && !typed.includes(head)) return null;
  const list = sentence.slice(opener.index + opener[0].length).replace(/\s*\([^)]*\)|\.$/g, "");
  const parts = list.split(/,\s*(?:and\s+)?/);
  const last = parts.pop() ?? "";
  // "A, B and C": the last "and" parts two items only when no comma stands before it.
  const items = [...parts, ...(list.includes(", and ") ? [last] : last.split(/\s+and\s+(?!.*\band\b)/))];
  const open = items.some((item) => /\b(other|others|etc|such as|including)\b/.test(item));
  // After a verb ("covers trusted, interoperable standards …") a lone word is part of the next item, not one.
  if (!colon && items.some((item) => /^\p{Ll}[\p{L}-]*$/u.test(item.trim()))) return null;
  return items.length >= 3 && !open ? items.map((item) => item.trim()) : null;
}

/**
 * "How many days' notice ends the Korea MOU?", "Which UK agency does NASA work with?", "What does CAISI stand
 * for?": the value asked, in the words of the sentence of the answer's own excerpts that gives it (its deal named),
 * before the answer's lead, and that sentence's excerpt first. A sentence must share a word asked, but for a kind
 * whose value is the subject itself (what "CAISI" stands for). When no excerpt of the page gives it, one of a later
 * page may, and is shown first; when none on any page gives a kind only they are read for (a body, an expansion),
 * the lead says plainly the texts do not give it. Only the first page of an answer that searched the texts is
 * given a lead: a record (who signed, when) leads with the value already.
 */
export function withValueStated(
  query: ParsedQuery,
  answer: AnswerDraft,
  ctx: KnowledgeLookups,
  laterPages: () => readonly Excerpt[] = () => [],
): AnswerDraft {
  const searched = answer.intent === "ask" || answer.intent === "status";
  // A lead with a Yes or No ("Are all the deals paused?": No) answers already.
  const answered = query.form === "yes-no" || answer.verdict !== undefined;
  if (!answer.found || !searched || answered || answer.page.offset > 0) return answer;
  if (answer.excerpts.length === 0 || SAYS_WHAT_IS_LACKING.test(answer.lead)) return answer;
  // "When did Kratsios say that?": a lead that already dates what was asked ("The reports of it are dated …").
  const dated = answer.intent === "ask" && patternsOf(ctx.knowledge).dayGiven.test(answer.lead);
  if (dated && asksTime(query, ctx)) return answer;
  // A question whose lead only introduces the excerpts ("What … says on …:") is opened by the sentence that holds
  // words asked; words alone ("uk cyber") ask for the excerpts themselves.
  const asks = query.text.includes("?") || query.tokens.some((token) => QUESTION_WORDS.has(token));
  const value =
    (answer.intent === "ask" ? valueAsked(query, ctx, null) : null) ??
    (asks && answer.lead.endsWith(":") && !/:\s“/.test(answer.lead)
      ? wordsBeyondHeading(query, answer.lead, ctx)
      : null);
  if (!value?.quotable) return answer;
  const { shared, most } = value.shares
    ? { shared: value.shares, most: () => Number.POSITIVE_INFINITY }
    : wordsShared(query, ctx, value.kind);
  // Only the first sentence sharing the most words asked may lead: the sentences giving the value that share more
  // than each one before (at least `fewest`); words are counted first, as finding a value costs more.
  const givingIn = (excerpts: readonly Excerpt[], fewest = 0) => {
    const giving: { excerpt: Excerpt; sentence: string; shares: number }[] = [];
    for (const excerpt of excerpts) {
      const passage = ctx.passage(excerpt.passageId);
      // A sentence of the section asked ("when does it take effect?") is on the subject asked.
      const inSection = passage && query.sections.includes(passage.section) ? 1 : 0;
      if (!passage || (excerpt.text === passage.text && most(passage) + inSection < fewest)) continue;
      for (const sentence of sentencesOf(excerpt.text)) {
        const shares = shared(sentence) + inSection;
        if (shares < fewest || !value.gives({ ...passage, text: sentence })) continue;
        giving.push({ excerpt, sentence, shares });
        fewest = shares + 1;
      }
    }
    return giving;
  };
  const shown = givingIn(answer.excerpts);
  const ofDeals = (passage: Passage) =>
    answer.deals.length === 0 || passage.deals.some((deal) => answer.deals.includes(deal));
  // None on this page: the answer's later pages, then a passage found elsewhere, may give it; a sentence of a later
  // page, ranked lower, only when it shares more than one word asked (the kind and the subject: "programme", "quantum").
  const onLaterPage = shown.length > 0 ? [] : givingIn(laterPages(), 2);
  const elsewhere =
    shown.length > 0 || onLaterPage.length > 0
      ? undefined
      : value.elsewhere?.().find((passage) => ofDeals(passage) && value.gives(passage));
  const further = onLaterPage.length > 0 || elsewhere !== undefined;
  const giving = elsewhere
    ? givingIn([excerptOf(ctx, elsewhere)])
    : onLaterPage.length > 0
      ? onLaterPage
      : shown;
  if (giving.length === 0)
    return value.ofExcerpts
      ? { ...answer, lead: `The texts I hold do not ${value.unsaid}. ${answer.lead}` }
      : answer;
  const best = giving.at(-1);
  if (!best || (value.onSubject && best.shares === 0)) return answer;
  const deal = best.excerpt.deal ? ctx.dealName(best.excerpt.deal) : null;
  const later = ctx.passage(best.excerpt.passageId)?.section === "development";
  // "Why is the UK deal not binding?": a sentence saying that it is so, with no word of a reason, gives none.
  const { reasonAsked, reasonGiven } = ctx.vocabulary.phrasing;
  const unexplained =
    hasAnyOf(query.tokens.slice(0, 1), reasonAsked) && !holdsAnyOf(best.sentence, reasonGiven)
      ? "The texts I hold do not say why. "
      : "";
  const lead = `${unexplained}${value.phrased?.(best.sentence, deal) ?? quoted(best.sentence, deal, later)}`;
  return {
    ...answer,
    // The echo of the question's words heads nothing once a sentence answers it.
    lead: answer.lead.replace(ECHO_LEAD, "") ? `${lead} ${answer.lead}` : lead,
    // A passage from a later page or elsewhere takes the place of the page's last excerpt, so the page keeps its
    // length.
    excerpts: [
      best.excerpt,
      ...answer.excerpts
        .filter((excerpt) => excerpt !== best.excerpt)
        .slice(0, further ? answer.excerpts.length - 1 : undefined),
    ],
  };
}

/**
 * A sentence as a lead: as it stands when it names a deal, else after the name of the deal it is of (a report of a
 * later development is not the deal's own text).
 */
function quoted(sentence: string, deal: string | null, later: boolean): string {
  const said = capitalised(sentence.trim().replace(/[,;:]$/, "."));
  const whole = /[.!?]$/.test(said) ? said : `${said}.`;
  if (!deal || /Technology Prosperity Deal/.test(whole)) return whole;
  return `${later ? "A later report on" : "In"} the ${deal}: “${whole}”`;
}

/** A heading that echoes the question's words ("What … says about “ostp”:"), and a lead that is only that. */
const ECHO = / about “[^”]*”:$/;
const ECHO_LEAD = /^What [^“]* says? about “[^”]*”:$/;

const sentencesOf = (text: string) => text.split(FULL_STOP).filter((sentence) => sentence.trim() !== "");

/** The lead of a sum asked of a deal whose clause commits none: it answers, so no value is looked for after it. */
export const NO_FUNDS = "No funds are committed: ";
/**
 * An opening that says what the texts lack, or that a source is not rated: a value lead or a yes/no lead would
 * only repeat it.
 */
export const SAYS_WHAT_IS_LACKING = new RegExp(
  `^(The (texts|reports|sources) I hold (((of|on) .*? )?(do not|include no)|name|list|record no)|I don't rate|${NO_FUNDS})`,
);

/**
 * "Does any deal set a deadline?": asks for a time or a limit, which a sentence gives in its own words ("within six
 * months"): no text lacking the word asked lacks it.
 */
export const asksTime = (query: ParsedQuery, ctx: KnowledgeLookups): boolean =>
  patternsOf(ctx.knowledge).timeAsked.test(query.tokens.join(" "));

/**
 * "Which deals have deadlines?", "What is the timeline of the UK deal?": when a time limit is asked in words no
 * passage has, the deal texts' passages that set one ("within six months"); none when no limit is asked.
 */
export function limitsSet(query: ParsedQuery, ctx: KnowledgeLookups, deals: readonly DealId[]): Passage[] {
  const patterns = patternsOf(ctx.knowledge);
  if (!limitAsked(query.tokens.join(" "), patterns)) return [];
  return dealTextsGiving(ctx, deals, patterns.limitGiven, keptLimits);
}

/** The deal texts' passages of the deals asked (all, if none is) that give a value: read once per set of deals. */
function dealTextsGiving(
  ctx: KnowledgeLookups,
  deals: readonly DealId[],
  given: RegExp,
  kept: ReturnType<typeof keptPer<KnowledgeLookups, string, Passage[]>>,
): Passage[] {
  const of = deals.length > 0 ? deals : ctx.dealIds;
  return kept(ctx, of.join(" "), () =>
    ctx.passages({ deals: of }).filter((passage) => inDealTexts(passage) && given.test(passage.text)),
  );
}

/**
 * "What are the key numbers?", "Are there any figures in the Japan deal?": the passages of the deals asked that give
 * a sum or set a time limit, deal texts and reports alike (a pledge or a later programme's budget is a figure asked
 * for); null when no figures are asked, or a topic or name narrows what is asked.
 */
export function figuresGiven(
  query: ParsedQuery,
  ctx: KnowledgeLookups,
  deals: readonly DealId[],
): Passage[] | null {
  const patterns = patternsOf(ctx.knowledge);
  const narrowed = query.topics.length + query.names.length > 0;
  if (narrowed || !patterns.figuresAsked.test(query.tokens.join(" "))) return null;
  const of = deals.length > 0 ? deals : ctx.dealIds;
  // Sums first, then time limits, then spans ("two days before the signing"); a later development's after the
  // deal's own.
  const rank = (passage: Passage) =>
    (passage.section === "development" ? 3 : 0) +
    (HAS_AMOUNT.test(passage.text)
      ? 0
      : patterns.limitGiven.test(passage.text)
        ? 1
        : patterns.spanGiven.test(passage.text)
          ? 2
          : Number.POSITIVE_INFINITY);
  return keptFigures(ctx, of.join(" "), () =>
    ctx
      .passages({ deals: of })
      .map((passage) => ({ passage, rank: rank(passage) }))
      .filter((each) => Number.isFinite(each.rank))
      .sort((one, other) => one.rank - other.rank)
      .map((each) => each.passage),
  );
}

const keptFigures = keptPer<KnowledgeLookups, string, Passage[]>();

/** `limitsSet`'s passages by the deals asked: the same for every question, read on the first that asks. */
const keptLimits = keptPer<KnowledgeLookups, string, Passage[]>();

/**
 * "Is there a time limit on the Korea deal?", "How often is the UK deal reviewed?": a time limit or a frequency asked,
 * which only a passage that gives one answers.
 */
export const asksTiming = (query: ParsedQuery, ctx: KnowledgeLookups): boolean => {
  const text = query.tokens.join(" ");
  const patterns = patternsOf(ctx.knowledge);
  return limitAsked(text, patterns) || patterns.frequencyAsked.test(text);
};

/** "How often is the UK deal reviewed?": the deal texts' passages that give how often; none when it is not asked. */
export function frequenciesSet(
  query: ParsedQuery,
  ctx: KnowledgeLookups,
  deals: readonly DealId[],
): Passage[] {
  const patterns = patternsOf(ctx.knowledge);
  if (!patterns.frequencyAsked.test(query.tokens.join(" "))) return [];
  return dealTextsGiving(ctx, deals, patterns.frequencyGiven, keptFrequencies);
}

/** `frequenciesSet`'s passages by the deals asked: the same for every question, read on the first that asks. */
const keptFrequencies = keptPer<KnowledgeLookups, string, Passage[]>();

/** Of the time asked, a limit ("what deadline"), not an exact date ("on what exact date"). */
const limitAsked = (text: string, patterns: ReturnType<typeof patternsOf>) =>
  !patterns.exactAsked.test(text) && patterns.limitAsked.test(text);

/** "What does MOC stand for?": asks what an abbreviation stands for, which the texts, not a record, answer. */
export const asksExpansion = (query: ParsedQuery, ctx: KnowledgeLookups): boolean =>
  expansionOf(query, ctx) !== null;

/** By knowledge, the passages that spell out each abbreviation asked: read once (256 at most kept, then afresh). */
const spellings = once((_: KnowledgeLookups) => new Map<string, readonly Passage[]>());

/**
 * The passages that spell an abbreviation out: those that write it in brackets ("Memorandum of Understanding (MOU)");
 * else those with a name the question's vocabulary reads it as (`forms`) whose letters it is ("Korea Positioning
 * System" for KPS).
 */
function spellingOut(
  ctx: KnowledgeLookups,
  abbreviation: string,
  forms: readonly (readonly string[])[] = [],
): readonly Passage[] {
  const known = spellings(ctx);
  let spelling = known.get(abbreviation);
  if (!spelling) {
    const written = new RegExp(`\\(${escapeRegExp(abbreviation)}\\)`);
    spelling = ctx.passagesWith([abbreviation.toLowerCase()]).filter((passage) => written.test(passage.text));
    const { connectives } = patternsOf(ctx.knowledge);
    if (spelling.length === 0)
      spelling = forms
        .flatMap((form) => ctx.passagesWith(form))
        .filter((p) => initialsName(p.text, abbreviation, connectives) !== null);
    if (known.size >= 256) known.clear();
    known.set(abbreviation, spelling);
  }
  return spelling;
}

/**
 * "What does MOU stand for?", "what does TPD stand for?": the passages that spell out an abbreviation asked that a
 * search for the question's words passes over (a deal's own word); none for any other.
 */
export function expansionPassages(query: ParsedQuery, ctx: KnowledgeLookups): readonly Passage[] {
  const abbreviation = expansionOf(query, ctx);
  const passedOver = abbreviation !== null && !query.terms.includes(abbreviation.toLowerCase());
  return passedOver ? spellingOut(ctx, abbreviation) : [];
}

/**
 * The abbreviation whose expansion is asked: "what does CAISI stand for", "the meaning of PNT", "what is OSTP".
 * "Mean" and "what is" ask it only of a word typed in capitals ("what does non-binding mean" asks no expansion).
 */
function expansionOf(query: ParsedQuery, ctx: KnowledgeLookups): string | null {
  const { tokens } = query;
  const { expansionAsked: asking, dealWords } = patternsOf(ctx.knowledge);
  // "JT" of "JT-60SA" is part of a name, not an abbreviation.
  const typedInCapitals = (word: string) =>
    !dealWords.has(word) &&
    word.length >= 2 &&
    new RegExp(`\\b${escapeRegExp(word.toUpperCase())}\\b(?!-\\w)`).test(query.text);
  // A deal's own word ("MOU", "TPD") is asked of only just beside the phrase, and when a text spells it out.
  const dealAbbreviation = (word: string) =>
    dealWords.has(word) && /^[a-z]{2,6}$/.test(word) && spellingOut(ctx, word.toUpperCase()).length > 0;
  const phrase = asking.exec(tokens.join(" "))?.[1];
  if (phrase) {
    const words = phrase.split(" ");
    const at = indexOfSequence(tokens, words);
    const before = tokens.slice(0, at).reverse();
    const after = tokens.slice(at + words.length);
    // "What do they mean by AI leadership?" asks what is meant, not what "AI" stands for.
    if (after[0] === "by") return null;
    // "What does AI mean for UK jobs?" asks what it brings: "mean" asks an expansion only at the question's end or
    // before where it is said ("what does MOC mean in the Japan deal").
    const whereSaid =
      after[0] === "in" && after.every((word) => FILLER_WORDS.has(word) || dealWords.has(word));
    if (/^means?$/.test(phrase) && after.length > 0 && !whereSaid) return null;
    // The word in capitals nearest before the phrase, else after it ("what does the MOC in the Japan deal stand
    // for"); else, beside "stand for" or "abbreviation", the word just before or after it ("what does caisi stand for").
    const inCapitals = before.find(typedInCapitals) ?? after.find(typedInCapitals);
    const beside = (list: readonly string[]) =>
      list.find((token) => !setOf(ctx.vocabulary.phrasing.notAbbreviations).has(token));
    const plain = /^mean/.test(phrase)
      ? undefined
      : [beside(before), beside(after)].find(
          (word) => word && /^[a-z]{2,6}$/.test(word) && !dealWords.has(word),
        );
    const ofDeal = [beside(before), beside(after)].find((word) => word && dealAbbreviation(word));
    const asked = inCapitals ?? plain ?? ofDeal;
    // "What does pro-innovation AI policy mean?" asks what a phrase means, of which "AI" is one word.
    const subject = before.filter(
      (word) => !FILLER_WORDS.has(word) && !QUESTION_WORDS.has(word) && !dealWords.has(word),
    );
    if (/^mean/.test(phrase) && subject.some((word) => word !== asked)) return null;
    return asked ? asked.toUpperCase() : null;
  }
  // "Who is MSIT?" asks it only of the question's last word ("who is NSF's partner" asks the partner); "what is
  // CAISI in the UK deal?" of the word before where it is said, not "what are the AI provisions …".
  const what = /^what(?: is| are|s)(?: the)? ([a-z]{2,8})\b(.*)$|^who is ([a-z]{2,8})$/.exec(
    tokens.join(" "),
  );
  const word = what?.[1] ?? what?.[3];
  const rest = tokenize(what?.[2] ?? "");
  const whereSaid = rest.every((each) => FILLER_WORDS.has(each) || dealWords.has(each));
  return word && whereSaid && typedInCapitals(word) ? word.toUpperCase() : null;
}

/**
 * The words a sentence spells an abbreviation out in, just before it in brackets: "Center for AI Standards and
 * Innovation" for CAISI, "positioning, navigation and timing" for PNT. Their initials (all the letters of a short
 * word in capitals: "AI", "UK") must make the abbreviation; null when they do not ("Korea's space agency (KASA)").
 */
function spelledOut(sentence: string, abbreviation: string, connectives: ReadonlySet<string>): string | null {
  const at = sentence.indexOf(`(${abbreviation})`);
  if (at < 0) return null;
  const words = sentence.slice(0, at).trim().split(/\s+/).slice(-12);
  const letters = abbreviation.toLowerCase();
  // From the last word back, the words whose initials end the letters still to find; "of" may give one ("Memorandum
  // of Cooperation": MOC) or none ("Office of Science and Technology Policy": OSTP).
  const firstWord = (end: number, left: string): number | null => {
    if (left === "") return end;
    const word = (words[end - 1] ?? "").replace(/[^\p{L}\p{N}]/gu, "");
    if (end === 0 || word === "") return null;
    const own = /^\p{Lu}{2,3}$/u.test(word) ? word.toLowerCase() : word.charAt(0).toLowerCase();
    const skipped = connectives.has(word) ? firstWord(end - 1, left) : null;
    if (skipped !== null) return skipped;
    return left.endsWith(own) ? firstWord(end - 1, left.slice(0, -own.length)) : null;
  };
  const first = firstWord(words.length, letters);
  // A name never begins with "of" or "and".
  if (first === null || connectives.has(words[first] ?? "")) return null;
  return words
    .slice(first)
    .join(" ")
    .replace(/[,;:]$/, "");
}

/** The end of a name in the sentence whose capitalised words' initials are the abbreviation ("Korea Positioning System"). */
function initialsName(
  sentence: string,
  abbreviation: string,
  connectives: ReadonlySet<string>,
): string | null {
  for (const match of sentence.matchAll(NAME_RUN)) {
    const words = match[0].split(/\s+/);
    for (let from = 0; from < words.length - 1; from++) {
      const name = words.slice(from);
      const initials = name.filter((word) => !connectives.has(word)).map((word) => word.charAt(0));
      if (!connectives.has(name[0] ?? "") && initials.join("") === abbreviation) return name.join(" ");
    }
  }
  return null;
}

/** A name a sentence gives: its words as written, where it starts, and the abbreviation in brackets after it. */
type Name = { words: string[]; at: number; abbreviation: string | null };
/** No words to pass over: a place may be a deal's own ("in Gyeongju"). */
const NO_WORDS: ReadonlySet<string> = new Set();

/**
 * The names a sentence gives: runs of capitalised words ("UK Space Agency", "Office for Nuclear Regulation",
 * "JT-60SA"), not the deals' own names and places, a date, or a sentence's first word alone.
 */
function namesIn(sentence: string, dealWords: ReadonlySet<string>): Name[] {
  const names: Name[] = [];
  for (const match of sentence.matchAll(NAME_RUN)) {
    const words = match[0].split(/\s+/);
    const tokens = tokenize(match[0]).filter((token) => !FILLER_WORDS.has(token));
    const dated = words.some((word) => MONTHS.includes(word.toLowerCase()));
    const alone = words.length === 1 && (match.index === 0 || (words[0] ?? "").length < 3);
    // "Korean-built", "AI-driven": a word made from a name, not one.
    if (words.some((word) => /-\p{Ll}+$/u.test(word))) continue;
    if (dated || alone || tokens.every((token) => dealWords.has(token))) continue;
    const after = /^\s*\((\p{Lu}{2,})\)/u.exec(sentence.slice(match.index + match[0].length));
    names.push({ words, at: match.index, abbreviation: after?.[1] ?? null });
  }
  return names;
}
/** Capitalised words (or a number such as "12th"), joined by "of", "for", "and", "on" or "the". */
const NAME_RUN =
  /(?<![\p{L}\d])(?:\p{Lu}|\d+\p{L})[\p{L}\d.'’–-]*(?:(?:\s+(?:of|for|and|on|the))*\s+[\p{Lu}][\p{L}\d.'’–-]*)*/gu;

/**
 * Whether the question names it already: by its abbreviation ("NSF"), or all its words, unless one is the kind
 * asked ("which programme … quantum industry exchange" asks for the "Quantum Industry Exchange Program").
 */
function namedIn(name: Name, asked: ReadonlySet<string>, kind: string): boolean {
  if (name.abbreviation !== null && asked.has(stem(name.abbreviation.toLowerCase()))) return true;
  const words = tokenize(name.words.join(" "))
    .filter((token) => !FILLER_WORDS.has(token))
    .map(stem);
  return !words.includes(kind) && words.every((word) => asked.has(word));
}

/**
 * "Was it signed in Gyeongju or Seoul?", "Is the UK deal an MOU or a treaty?": a question offering two answers
 * leads with the one a sentence of its excerpts gives (not beside "not": "non-treaty" gives no treaty), in that
 * sentence's words, its excerpt first. Null when it offers no two one-word answers, when its excerpts give both
 * or neither ("does it cover AI or quantum?" is asked of both), so that a Yes or No decides instead.
 */
export function withAlternativeStated(
  query: ParsedQuery,
  answer: AnswerDraft,
  ctx: KnowledgeLookups,
): AnswerDraft | null {
  // "korea deal gyeongju or seoul" offers two answers without a verb; "which …, X or Y?" is asked otherwise.
  const offers =
    query.form === "yes-no" || (query.form === "open" && !QUESTION_WORDS.has(query.tokens[0] ?? ""));
  if (!answer.found || !offers || query.coverage || answer.page.offset > 0) return null;
  const alternatives = alternativesOf(query, ctx.vocabulary.phrasing);
  if (!alternatives) return null;
  // Words before an answer offered that deny it: "not a treaty", "non-treaty", "no funds".
  const negations = setOf(ctx.vocabulary.phrasing.negations);
  const gives = (words: readonly string[], alternative: string) =>
    words.some(
      (word, i) => word === alternative && !words.slice(Math.max(0, i - 3), i).some((w) => negations.has(w)),
    );
  const givenIn = (excerpts: readonly Excerpt[], asked: readonly string[] = alternatives) => {
    const sentences = excerpts.flatMap((excerpt) =>
      sentencesOf(excerpt.text).map((sentence) => ({ excerpt, sentence })),
    );
    return asked.map((one) =>
      sentences.filter(({ sentence }) => gives(tokenize(sentence).map(stem), stem(one))),
    );
  };
  // When no excerpt gives either, a passage of the deals asked that gives one of them may ("the following
  // understandings" in the Korea MOU's own wording, not among its purpose excerpts).
  const ofDeals = (passage: Passage) => passage.deals.some((deal) => answer.deals.includes(deal));
  // "Did Kratsios or Macron sign the UK deal?": a signer offered is given by the signing record of the deals asked,
  // not by any sentence that names them.
  const signers = signingAsked(query, ctx)?.people ?? [];
  // "Did Bae or Ha sign?": between the signers sources differ on, none is chosen.
  const inDispute = (alternative: string) =>
    answer.deals.some((id) =>
      ctx
        .deal(id)
        ?.signatories.some(
          (person) =>
            person.disputed !== undefined &&
            (nameHas(person, alternative) || tokenize(person.disputed).includes(alternative)),
        ),
    );
  if (signers.length > 0 && alternatives.filter(inDispute).length > 1) return null;
  const unsigned = (alternative: string) =>
    signers.includes(alternative) &&
    !answer.deals.some((id) => ctx.deal(id)?.signatories.some((person) => nameHas(person, alternative)));
  const recorded = (given: ReturnType<typeof givenIn>) =>
    given.map((each, i) => (unsigned(alternatives[i] ?? "") ? [] : each));
  // The sentences of the first passage giving the alternative: only a passage with its word can.
  const firstGiven = (one: string) => {
    for (const passage of ctx.passagesWith([one])) {
      const [giving] = ofDeals(passage) ? givenIn([excerptOf(ctx, passage)], [one]) : [];
      if (giving && giving.length > 0) return giving;
    }
    return [];
  };
  const shown = recorded(givenIn(answer.excerpts));
  const given = shown.some((each) => each.length > 0) ? shown : recorded(alternatives.map(firstGiven));
  if (given.filter((each) => each.length > 0).length !== 1) return null;
  const only = given.findIndex((each) => each.length > 0);
  const best = given[only]?.[0];
  const alternative = alternatives[only];
  if (!best || !alternative) return null;
  // "Are the deals MOUs or treaties?": one deal's sentence chooses for that deal only, not for the others asked.
  const chosenFor = new Set(given[only]?.map(({ excerpt }) => excerpt.deal));
  if (answer.deals.length > 1 && !answer.deals.every((deal) => chosenFor.has(deal))) return null;
  const typed = typedAs(query.text, alternative, only === 0 ? "before" : "after");
  const deal = best.excerpt.deal ? ctx.dealName(best.excerpt.deal) : null;
  const later = ctx.passage(best.excerpt.passageId)?.section === "development";
  return {
    ...answer,
    lead: `${capitalised(typed ?? alternative)} — ${quoted(best.sentence, deal, later)} ${answer.lead}`,
    excerpts: [
      best.excerpt,
      ...answer.excerpts.filter((excerpt) => excerpt.passageId !== best.excerpt.passageId),
    ],
  };
}

/**
 * An answer offered as the question types it, on its side of the last "or": the word holding it ("JT-60SA" for
 * "60sa") with the capitalised words before it ("Joint Committee"); null when the question does not have it so.
 */
function typedAs(text: string, alternative: string, side: "before" | "after"): string | null {
  const or = text.search(/\sor\s(?!.*\sor\s)/i);
  const words = new RegExp(`[\\p{L}\\d-]*${escapeRegExp(alternative)}[\\p{L}\\d-]*`, "giu");
  const from = side === "before" ? 0 : Math.max(0, or);
  const found = [...text.slice(from, side === "before" && or >= 0 ? or : undefined).matchAll(words)];
  const word = side === "before" ? found.at(-1) : found[0];
  if (!word) return null;
  const at = from + word.index;
  const run = /(?:\p{Lu}[\p{L}\d-]*\s+)*$/u.exec(text.slice(side === "before" ? 0 : from, at));
  // A question's first word is capitalised as its start, not as part of a name ("Did Kratsios or …").
  const before = run?.index === 0 ? run[0].replace(/^\S+\s+/, "") : (run?.[0] ?? "");
  return `${before}${word[0]}`;
}

/**
 * The two one-word answers a question offers around its last "or" ("Gyeongju or Seoul", "an MOU or a treaty",
 * "JT-60SA or ITER"), as typed; null without an "or", or when a side offers no answer ("or not").
 */
function alternativesOf({ alternatives }: ParsedQuery, phrasing: Phrasing): [string, string] | null {
  const [leftSide = [], rightSide = []] = alternatives.slice(-2);
  const left = leftSide.at(-1);
  // "'have reached the following understandings' or 'the following recognition'": the word the two differ by.
  const skipped = new Set([...phrasing.beforeAnswer, ...phrasing.auxiliaries, ...leftSide.slice(-4)]);
  const right = rightSide.find((token) => !skipped.has(token));
  const noAnswer = setOf(phrasing.noAnswerOffered);
  if (!left || !right || noAnswer.has(left) || noAnswer.has(right)) return null;
  return [left, right];
}
