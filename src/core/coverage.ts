import type { KnowledgeLookups } from "./lookups.js";
import type { DealId, Passage, Topic } from "./model.js";
import { inSentence, joinNames } from "./phrasing.js";
import type { ParsedQuery } from "./query.js";
import {
  escapeRegExp,
  FILLER_WORDS,
  hasAnyOf,
  indexOfSequence,
  keptPer,
  once,
  standNear,
  stem,
  tokenize,
  writtenWords,
} from "./text.js";
import type { NameMatch } from "./vocabulary.js";

/** What a which-deal or yes/no question asks about: topics, named things, and other words of substance. */
export type Subject = {
  topics: string[];
  names: NameMatch[];
  terms: string[];
  /**
   * Words that narrow a topic asked, all of which a passage must have: those a longer topic alias adds to its
   * topic ("quantum sensing": "sensing") where some passage says them (one after another, when several: "national
   * labs" is not "National Science Foundation … laboratories"), with the topic and the alias as typed.
   */
  aliasWords: Narrowing[];
  /** Two words asked side by side as the whole subject ("energy security"): they stand near each other in a sentence. */
  compound?: readonly [string, string];
};

/**
 * Whether a passage is of a deal's own texts: a later development (the $1bn DOE–Japan partnership, a working group
 * agreed in 2026) is said to be one, never counted as the deal's own.
 */
export const inDealTexts = (passage: Passage) => passage.section !== "development";

export type Narrowing = { words: string[]; topic?: string; asked?: string };

export function subjectOf(query: ParsedQuery, ctx?: KnowledgeLookups): Subject {
  // A topic read only from a name ("RIKEN" is science) is not asked about as a topic: the name is.
  const fromNames = (topic: string) =>
    query.names.filter((name) => name.topic === topic).length >=
    query.readings.filter((reading) => reading.kind === "topic" && reading.as === topic).length;
  return {
    topics: query.topics.filter((topic) => !fromNames(topic)),
    names: ctx ? query.names.map((name) => widened(name, query, ctx)) : query.names,
    terms: [...query.subjectTerms, ...(ctx ? countryWords(query, ctx) : [])],
    aliasWords: ctx ? togetherInTexts(query, ctx) : [],
    compound: compoundAsked(query),
  };
}

/**
 * Two words asked side by side as the whole subject, as stems; not after an acronym, which is more often what does
 * something ("OSTP represents") than part of a name for one thing.
 */
export function compoundAsked({
  subjectTerms,
  tokens,
  topics,
  names,
  text,
}: ParsedQuery): [string, string] | undefined {
  const [one = "", other = ""] = subjectTerms;
  if (subjectTerms.length !== 2 || topics.length + names.length > 0) return undefined;
  const at = tokens.indexOf(one);
  const typed = new RegExp(writtenWords([one]), "iu").exec(text)?.[0] ?? "";
  if (typed.length > 1 && typed === typed.toUpperCase()) return undefined;
  return at >= 0 && tokens[at + 1] === other ? [stem(one), stem(other)] : undefined;
}

/** The words the texts write the countries asked of as subjects in ("Russian" for "say about Russia"). */
export const countryWords = (query: ParsedQuery, ctx: KnowledgeLookups): string[] =>
  query.countries.flatMap((country) => countrySubject(country, query, ctx) ?? []);

/**
 * "Which of the TPDs mentions Russia?", "Does the UK deal say anything about Russia?": a country without a deal,
 * asked of the deals, is something they may talk about. The word the texts write it in ("Russian"), or null.
 */
export function countrySubject(country: string, query: ParsedQuery, ctx: KnowledgeLookups): string | null {
  const words = tokenize(country);
  const [word] = words;
  // "Does the deal mention China?" asks it of a deal named or meant ("the deal", "the TPDs").
  // "What about Russia?" asks what the deals say about it.
  const at = query.tokens.indexOf(word ?? "");
  const ofDeal =
    query.deals.length > 0 ||
    hasAnyOf(query.tokens, ctx.vocabulary.phrasing.dealNouns) ||
    query.tokens[at - 1] === "about";
  if (!word || words.length > 1 || (!ofDeal && query.form !== "which-deal")) return null;
  // "Which TPD is with India?" asks for a deal with it, not for a mention of it.
  const mentioned =
    hasAnyOf(query.tokens, ctx.vocabulary.phrasing.mentionAsked) || askedInDeals(country, query);
  if (/^(with|between)$/.test(query.tokens[at - 1] ?? "") || !mentioned) return null;
  return writtenAs(word, ctx);
}

/** "Is Taiwan in any deal?", "Is Russia in the UK deal?": a country asked to be in the deals' texts. */
export function askedInDeals(country: string, query: ParsedQuery): boolean {
  const words = tokenize(country);
  const at = indexOfSequence(query.tokens, words);
  return at >= 0 && query.tokens[at + words.length] === "in";
}

/** The word the texts write a country in ("Russian" for Russia, "India" in "India AI Impact Summit"), or null. */
export const writtenAs = (country: string, ctx: KnowledgeLookups): string | null =>
  [country, `${country}n`, `${country}an`].find((each) => ctx.anyHas(tokenize(each))) ?? null;

/**
 * What each multi-word topic alias asked adds to its topic, where some passage has it: "biotechnology research"
 * narrows biotechnology to research, while "biotech supply chains" only restates its topic's label.
 */
export function togetherInTexts(query: ParsedQuery, ctx: KnowledgeLookups): Narrowing[] {
  // A name ("Genesis Mission") is asked as itself, not as a narrowed topic.
  const named = new Set(query.names.flatMap((name) => name.forms.map((form) => form.join(" "))));
  return query.readings
    .filter((reading) => reading.kind === "topic" && !reading.fuzzy && !named.has(reading.words))
    .filter((reading) => reading.words.split(" ").filter((word) => !FILLER_WORDS.has(word)).length >= 2)
    .map((reading) => {
      const topic = ctx.topic(reading.as);
      const own = topic ? ownWordsOf(topic) : new Set<string>();
      const words = reading.words.split(" ");
      const asked = new RegExp(writtenWords(words), "iu").exec(query.text)?.[0] ?? reading.words;
      const { restating } = ctx.vocabulary.phrasing;
      const narrowing = words.filter(
        (word) => !FILLER_WORDS.has(word) && !own.has(stem(word)) && !restating.includes(word),
      );
      return { words: narrowing, topic: reading.as, asked };
    })
    .filter(({ words }) => words.length > 0 && (words.length > 1 ? ctx.anySays(words) : ctx.anyHas(words)));
}

/** The topic's own words, stemmed ("biotech" for biotechnology): they restate it; only the others narrow it. */
const ownWordsOf = once(
  (topic: Topic) =>
    new Set(
      [topic.label, ...topic.aliases.filter((alias) => !alias.includes(" "))].flatMap(tokenize).map(stem),
    ),
);

/** "Quantum or fusion?", "data centers / data hosting": either of the things asked is enough. */
export const asksEither = (query: ParsedQuery) => query.alternatives.length > 0 || query.text.includes("/");

export const isEmpty = (subject: Subject) =>
  subject.topics.length === 0 && subject.names.length === 0 && subject.terms.length === 0;

/**
 * Whether the passage has the name in one of its forms, or, for "Korea AI Safety Institute", the name in a Korea
 * passage; worked out once for the name to check many passages, each with its position in the knowledge order.
 */
function nameAt(ctx: KnowledgeLookups, name: NameMatch): (passage: Passage, position: number) => boolean {
  const { qualifier } = name;
  const written = name.forms.map((form) => ctx.saysAt([...name.qualifierWords, ...form]));
  const unqualified = qualifier ? name.forms.map((form) => ctx.saysAt(form)) : [];
  return (passage, position) =>
    written.some((says) => says(position)) ||
    (qualifier !== null && passage.deals.includes(qualifier) && unqualified.some((says) => says(position)));
}

/** The passages where the name may stand, in knowledge order (a few more than have it: see `passagesNaming`). */
export function mayName(ctx: KnowledgeLookups, name: NameMatch): Passage[] {
  return ctx.passagesSaying(namePhrases(name));
}

/** The phrases that may write the name: each form with its qualifier's words, and alone when it has a qualifier. */
const namePhrases = (name: NameMatch) =>
  name.forms.flatMap((form) => [[...name.qualifierWords, ...form], ...(name.qualifier ? [form] : [])]);

/** Up to `limit` passages that have every one of the names, in knowledge order (none without a name). */
export function passagesNaming(
  ctx: KnowledgeLookups,
  names: readonly NameMatch[],
  limit = Number.POSITIVE_INFINITY,
): Passage[] {
  const [first] = names;
  if (!first) return [];
  const named = names.map((name) => nameAt(ctx, name));
  const { passages } = ctx.knowledge;
  const found: Passage[] = [];
  for (const position of ctx.positionsSaying(namePhrases(first))) {
    if (found.length >= limit) break;
    const passage = passages[position] as Passage;
    if (named.every((has) => has(passage, position))) found.push(passage);
  }
  return found;
}

/** The name without the deal the question put before it: "cubesat" for "Japanese cubesat". */
export const withoutQualifier = (name: NameMatch): NameMatch => ({
  ...name,
  words: name.words.slice(name.qualifierWords.length),
  qualifierWords: [],
  qualifier: null,
});

/** Whether some text has the name. */
export function nameStands(ctx: KnowledgeLookups, name: NameMatch): boolean {
  return passagesNaming(ctx, [name], 1).length > 0;
}

/**
 * The name with the words just before it, as long as some text has them together: "ministerial-level working
 * group" is narrower than "working group", and a question that says it means it.
 */
function widened(name: NameMatch, query: ParsedQuery, ctx: KnowledgeLookups): NameMatch {
  if (name.qualifierWords.length > 0) return name;
  const dealWords = new Set(
    query.readings
      .filter((reading) => reading.kind !== "topic")
      .flatMap((reading) => reading.words.split(" ")),
  );
  let current = name;
  for (let at = name.start - 1; at >= Math.max(0, name.start - 3); at--) {
    const word = query.tokens[at] ?? "";
    if (FILLER_WORDS.has(word) || dealWords.has(word)) break;
    const longer = {
      ...current,
      forms: current.forms.map((form) => [word, ...form]),
      words: [word, ...current.words],
    };
    if (!nameStands(ctx, longer)) break;
    current = longer;
  }
  return current;
}

/**
 * The passages of a deal that bear the subject out, best first. Named things must stand word for word; topics
 * count only when the deal covers them (its areas or tagged facts); other words must all stand in one passage
 * when the question has no topic or name.
 *
 * Of the `wanted` ones for any of `subjects`, each passage once: the first `count` of the list that puts each
 * subject's passages in turn, best first (the evidence order among equals, as a stable sort by score does), and
 * how many there are in all. Only the best of each subject are kept in order, not all of them. `within`: as for
 * `bestEvidence`.
 */
export function evidence(
  ctx: KnowledgeLookups,
  deal: DealId,
  subjects: readonly Subject[],
  wanted: (passage: Passage) => boolean,
  count: number,
  within: readonly ArrayLike<number>[] = [],
): Evidence {
  const passages: Passage[] = [];
  // Every passage of the subjects read so far, when there are several (the total counts each once).
  const before = new Set<Passage>();
  let total = 0;
  for (const subject of subjects) {
    // A subject after the first adds only passages not already listed: enough of its best to fill the page
    // whatever the repeats (every earlier subject's passages are all listed while the page is not full).
    const room = count - passages.length;
    const best: { passage: Passage; score: number }[] = [];
    const keep = room > 0 ? room + before.size : 0;
    // Many to keep ("all of them"): all are scored, then stably sorted once, rather than each put in its place.
    const sortAtEnd = keep > KEPT_IN_PLACE;
    const added: Passage[] = [];
    readEvidence(
      ctx,
      deal,
      subject,
      (passage, score) => {
        if (!wanted(passage)) return false;
        if (subjects.length > 1) added.push(passage);
        else total += 1;
        if (keep === 0) return false;
        const value = score();
        if (sortAtEnd) {
          best.push({ passage, score: value });
          return false;
        }
        const last = best[best.length - 1];
        if (best.length === keep && last && value <= last.score) return false;
        let at = best.length;
        while (at > 0 && (best[at - 1] as { score: number }).score < value) at--;
        best.splice(at, 0, { passage, score: value });
        if (best.length > keep) best.pop();
        return false;
      },
      within,
    );
    if (sortAtEnd) best.sort((a, b) => b.score - a.score).splice(keep);
    for (const { passage } of best)
      if (passages.length < count && !before.has(passage)) passages.push(passage);
    for (const passage of added) before.add(passage);
  }
  return { passages, total: subjects.length > 1 ? before.size : total };
}

/** The first passages of a deal's evidence, and how many there are in all. */
export type Evidence = { passages: Passage[]; total: number };

/** Past this many to keep, `evidence` sorts once at the end instead of keeping a list in order as it reads. */
const KEPT_IN_PLACE = 64;

/**
 * Whether some passage of `evidence` is `wanted`: read until the first, without scoring or ordering them.
 * `wantedHas`: words every wanted passage has, so only passages with them are read.
 */
export function anyEvidence(
  ctx: KnowledgeLookups,
  deal: DealId,
  subject: Subject,
  wanted: (passage: Passage, position: number) => boolean,
  wantedHas: readonly string[] = [],
): boolean {
  let found = false;
  const visit = (passage: Passage, _score: unknown, position: number) => (found = wanted(passage, position));
  readEvidence(ctx, deal, subject, visit, wantedHas.length > 0 ? [ctx.mayHave(wantedHas)] : []);
  return found;
}

/**
 * The first of the `wanted` passages of `evidence` by `value` (higher first; the evidence order among equals),
 * as a stable sort by it would put it: in one reading, without ordering them all. `highest`: the highest value
 * there is; the first passage with it and the highest score ends the reading, as no later one can pass it.
 * `within`: lists of positions (ascending) each holding every wanted passage, so only a list's passages are read.
 */
export function bestEvidence(
  ctx: KnowledgeLookups,
  deal: DealId,
  subject: Subject,
  wanted: (passage: Passage) => boolean,
  value: (passage: Passage, position: number) => number,
  highest = Number.POSITIVE_INFINITY,
  within: readonly ArrayLike<number>[] = [],
): Passage | undefined {
  const { topics, terms } = subject;
  // Of the deal alone, tagged with every topic, mainly and only about the first, with every word, of an area.
  const highestScore = scoreOf(true, topics.length, topics.length > 0, 1, terms.length, true);
  let top: { passage: Passage; value: number; score: number } | undefined;
  // Scored, then asked whether it is wanted, only when the value leaves it in the running: most passages fall
  // short of the best value, and `wanted` may read the passage's text.
  const visit = (passage: Passage, score: () => number, position: number) => {
    const worth = value(passage, position);
    if (top && worth < top.value) return false;
    const tied = top && worth === top.value ? score() : undefined;
    if ((top && tied !== undefined && tied <= top.score) || !wanted(passage)) return false;
    top = { passage, value: worth, score: tied ?? score() };
    return top.value === highest && top.score === highestScore;
  };
  readEvidence(ctx, deal, subject, visit, within);
  return top?.passage;
}

/** readEvidence's score: of the deal alone, topics asked it is tagged with, mainly about one, its topics, words. */
const scoreOf = (own: boolean, tags: number, main: boolean, topics: number, words: number, area: boolean) =>
  (own ? 2 : 0) + tags + (main ? 2 : 0) + 1 / Math.max(1, topics) + words * 2 + (area ? 1 : 0);

/**
 * Hands each passage of `evidence`, in knowledge order, to `visit` with a way to score it, until `visit` returns
 * true. It reads only the shortest list that holds every passage that can fit (the passages with the first name,
 * the first topic, the deal, or a word asked) or every one `visit` wants (`within`), and none when the deal does
 * not cover a topic asked.
 */
function readEvidence(
  ctx: KnowledgeLookups,
  deal: DealId,
  subject: Subject,
  visit: (passage: Passage, score: () => number, position: number) => boolean,
  within: readonly ArrayLike<number>[] = [],
): void {
  if (subject.topics.some((topic) => !ctx.covers(deal, topic))) return;
  const [name] = subject.names;
  const [topic] = subject.topics;
  const needTerms = !topic && !name;
  const { compound } = subject;
  const saysCompound = (position: number) =>
    !compound || ctx.sentencesAt(position).some((sentence) => standNear(sentence.stems, compound, sameStem));
  const saysTerms = saidOf(ctx, deal, subject.terms);
  const hasAliasWords = subject.aliasWords.map(({ words, asked }) =>
    asked && words.length > 1 ? ctx.saysAt(words) : ctx.hasWordsAt(words),
  );
  const hasTerms = ctx.hasWordsAt(subject.terms);
  const hasTerm = subject.terms.map((term) => ctx.hasWordsAt([term]));
  const named = subject.names.map((name) => nameAt(ctx, name));
  const { passages } = ctx.knowledge;
  const fits = (passage: Passage, position: number) =>
    passage.deals.includes(deal) &&
    named.every((has) => has(passage, position)) &&
    subject.topics.every((topic) => ctx.topicsAt(position).has(topic)) &&
    hasAliasWords.every((has) => has(position)) &&
    (!needTerms || (hasTerms(position) && saysTerms(passage, position) && saysCompound(position)));
  const score = (passage: Passage, position: number) =>
    scoreOf(
      passage.deals.length === 1,
      subject.topics.filter((topic) => passage.topics.includes(topic)).length,
      subject.topics.includes(passage.topics[0] ?? ""),
      ctx.topicsAt(position).size,
      hasTerm.filter((has) => has(position)).length,
      passage.section === "area",
    );
  const lists: ArrayLike<number>[] = [
    name
      ? ctx.positionsSaying(namePhrases(name))
      : topic
        ? ctx.positionsOn(topic, [deal])
        : ctx.positionsOf(deal),
    ...[...subject.aliasWords.map(({ words }) => words), needTerms ? subject.terms : []]
      .filter((words) => words.length > 0)
      .map((words) => ctx.mayHave(words)),
    ...within,
  ];
  const candidates = lists.reduce((shortest, list) => (list.length < shortest.length ? list : shortest));
  for (let at = 0; at < candidates.length; at++) {
    const position = candidates[at] as number;
    const passage = passages[position] as Passage;
    if (fits(passage, position) && visit(passage, () => score(passage, position), position)) return;
  }
}

/** Each deal's names as words, and whether a passage has every word of one: read once per knowledge. */
const dealNamesOf = once(
  (ctx: KnowledgeLookups) => new Map(ctx.dealIds.map((deal) => [deal, namesOf(ctx, deal)])),
);

function namesOf(ctx: KnowledgeLookups, deal: DealId) {
  const record = ctx.deal(deal);
  const names = [record?.partner ?? deal, ...(record?.aliases ?? [])]
    .map(tokenize)
    .filter((words) => words.length > 0);
  // A sentence that names the deal is in a passage with every word of one of its names.
  return { names, hasName: names.map((words) => ctx.hasWordsAt(words)) };
}

/**
 * A passage about several deals ("…signed deals with Japan and Korea, building on the U.S.-UK deal") bears words
 * out for a deal only in a sentence that names that deal: "signed in Asia" is said of Japan and Korea, not the UK.
 */
function saidOf(ctx: KnowledgeLookups, deal: DealId, terms: readonly string[]) {
  const { names, hasName } = dealNamesOf(ctx).get(deal) ?? namesOf(ctx, deal);
  const wanted = terms.map(stem);
  return (passage: Passage, position: number) =>
    passage.deals.length <= 1 ||
    (hasName.some((has) => has(position)) &&
      ctx
        .sentencesAt(position)
        .some(
          (sentence) =>
            names.some((name) => indexOfSequence(sentence.words, name) >= 0) &&
            wanted.every((term) => sentence.stems.includes(term)),
        ));
}

/**
 * The subject as a phrase for a sentence: the name as the text writes it, topic labels, or the words asked. A
 * topic narrowed by its alias is the alias as typed ("quantum computing"), also when the topic is left out.
 */
export function describe(ctx: KnowledgeLookups, subject: Subject): string {
  const narrowed = (topic?: string) => subject.aliasWords.find((each) => each.topic === topic)?.asked;
  const parts = [
    ...subject.names.map((name) => nameAsWritten(ctx, name)),
    ...subject.topics.map((topic) => narrowed(topic) ?? inSentence(ctx.topicLabel(topic))),
    ...subject.aliasWords.flatMap(({ topic, asked }) =>
      asked && !subject.topics.includes(topic ?? "") ? [asked] : [],
    ),
  ];
  if (parts.length === 0) return `“${subject.terms.join(" ")}”`;
  // "semiconductors or chips": two names the texts write one way are said once.
  return joinNames([...new Set(parts)]);
}

/**
 * "the Korea AI Safety Institute", as a passage spells it; else the form the texts use for it ("military bases"
 * is written "defense facilities"); else the words as asked.
 */
function nameAsWritten(ctx: KnowledgeLookups, name: NameMatch): string {
  const forms = [name.words, ...name.forms];
  const key = forms.map((words) => words.join(" ")).join("\n");
  return keptWritten(ctx, key, () => firstWritten(mayName(ctx, name), forms) ?? name.words.join(" "));
}

/** `nameAsWritten` by the name's forms: the same for every question, read on the first that asks. */
const keptWritten = keptPer<KnowledgeLookups, string, string>();

/** The first form, as a passage writes it, that one of the passages has. */
function firstWritten(passages: readonly Passage[], forms: readonly (readonly string[])[]): string | null {
  for (const words of forms) {
    const written = new RegExp(`\\b${writtenWords(words)}\\b`, "iu");
    for (const passage of passages) {
      const found = written.exec(passage.text);
      if (found) return found[0];
    }
  }
  return null;
}

/**
 * "financial services": a thing asked in two words the texts have, but never near each other in a sentence, one of
 * them only inside a name ("the Financial Times … digital services tax"): no passage says the thing asked.
 */
export function apartInNames(ctx: KnowledgeLookups, query: ParsedQuery): boolean {
  const compound = compoundAsked(query);
  if (!compound || query.subjectTerms.some((term) => !ctx.knows(term))) return false;
  const saidTogether = ctx
    .positionsWith(compound)
    .some((position) =>
      ctx.sentencesAt(position).some((sentence) => standNear(sentence.stems, compound, sameStem)),
    );
  return !saidTogether && query.subjectTerms.some((term) => onlyInNames(ctx, term, query.text));
}

/** A word the question writes in small letters that every passage having it writes capitalised inside a sentence. */
function onlyInNames(ctx: KnowledgeLookups, word: string, text: string): boolean {
  const typed = new RegExp(writtenWords([word]), "iu").exec(text)?.[0] ?? "";
  if (typed !== typed.toLowerCase()) return false;
  const inName = (passage: Passage, at: number) =>
    /\p{Lu}/u.test(passage.text[at] ?? "") && /[^\s.!?:;"“(]\s+$/u.test(passage.text.slice(0, at));
  const having = ctx.passagesWith([word]);
  return (
    having.length > 0 &&
    having.every((passage) => {
      const found = [...passage.text.matchAll(new RegExp(`\\b${escapeRegExp(word)}`, "giu"))];
      return found.length > 0 && found.every((each) => inName(passage, each.index));
    })
  );
}

/** "regional" of "region": one word's stem begins the other's, as the passage index reads words. */
const sameStem = (word: string, asked: string) => {
  const [short, long] = word.length <= asked.length ? [word, asked] : [asked, word];
  return short === long || (short.length >= 4 && long.startsWith(short));
};
