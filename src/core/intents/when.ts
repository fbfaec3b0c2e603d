import { type Lead, ledBy, noLead, yesOrNoLead } from "../answer-building.js";
import type { KnowledgeLookups } from "../lookups.js";
import type { Deal, Phrasing, Signatory } from "../model.js";
import { countWord, DAY_MS, dealsWith, formatDate, joinNames } from "../phrasing.js";
import { opensYesNo, type ParsedQuery } from "../query.js";
import {
  dealsSignedBy,
  noneSignedAt,
  presentAsked,
  signatoriesNamed,
  signedAt,
  signedOnDate,
  signingAsked,
  signingPlacesAsked,
} from "../signing-question.js";
import { byCodePoint, capitalised, hasAnyOf, phrasesIn, setOf, tokenize } from "../text.js";
import { orderAsked } from "../yes-no.js";
import { factsAnswer } from "./facts-by-section.js";
import type { Intent } from "./intent.js";

/** Whether a word asks for a part of a signing record: "which city", "the venue", "signing dates", "where". */
export const recordPartAsked = (token: string, { recordAsked, cityAsked, venueAsked }: Phrasing) =>
  [recordAsked, cityAsked, venueAsked].some((words) => setOf(words).has(token));
const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

export const when: Intent = {
  name: "when",
  description: "When and where a deal was signed",
  examples: ["when was the {deal} deal signed?", "when {deal}"],
  commands: ["dates", "signed"],
  run(request) {
    const { query, ctx } = request;
    const sequence = orderAsked(query, ctx) === "sequence";
    // "Which deals were signed in October?", "Were any signed in November?": the records of that date, or all of
    // them after saying that none was.
    const signing = query.form === "which-deal" ? signingAsked({ ...query, form: "yes-no" }, ctx) : null;
    const dates = signing?.dates ?? [];
    // "Were any deals signed in Seoul?": No when every record rules the place out.
    const nowhere =
      dates.length === 0 && opensYesNo(query, ctx.vocabulary.phrasing)
        ? noneSignedAt(signing?.places ?? [], ctx.knowledge.deals)
        : null;
    if (nowhere) {
      const records = when.run({ ...request, query: { ...query, form: "open", deals: [...ctx.dealIds] } });
      return ledBy(records, noLead(nowhere));
    }
    // "Were any deals signed in Tokyo?": Yes, with the records of those that were; "Were all three signed in
    // Tokyo?" asks it of every deal: No, with where the others were. A city that names its deal ("Tokyo") is the
    // place asked.
    const cityNamed = (deal: Deal) =>
      query.readings.some(
        (reading) =>
          reading.kind === "deal" &&
          reading.as === deal.id &&
          reading.words === deal.signed.city?.toLowerCase(),
      );
    const asksWhether =
      query.form === "which-deal" && dates.length === 0 && opensYesNo(query, ctx.vocabulary.phrasing);
    const places = signing?.places ?? [];
    const there = !asksWhether
      ? []
      : places.length > 0
        ? signedAt(places, ctx.knowledge.deals)
        : ctx.knowledge.deals.filter(cityNamed);
    if (there.length > 0) {
      const ofEvery = query.allDeals && !hasAnyOf(query.tokens, ctx.vocabulary.phrasing.anyAsked);
      const elsewhere = ctx.knowledge.deals.filter((deal) => !there.includes(deal));
      const shown = ofEvery ? [...ctx.dealIds] : there.map((deal) => deal.id);
      const records = when.run({ ...request, query: { ...query, form: "open", deals: shown } });
      if (!ofEvery || elsewhere.length === 0) return { ...records, verdict: "yes" };
      const said = elsewhere.map((deal) => `the ${deal.name} was signed at ${deal.signed.place}`);
      return ledBy(records, noLead(`${said.join("; ")}.`));
    }
    // "Which deal was signed on a Tuesday?": the weekday of each record's date.
    const day = query.form === "which-deal" ? weekdayAsked(query) : undefined;
    if ((dates.length > 0 || day) && query.deals.length === 0) {
      const signedThen = ctx.knowledge.deals
        .filter((deal) =>
          day ? weekdayOf(deal.signed.date) === day : dates.some((date) => signedOnDate(deal, date)),
        )
        .map((deal) => deal.id);
      const yesNo = opensYesNo(query, ctx.vocabulary.phrasing);
      // "Were all three signed in October?": each deal's record, and No with those signed at another time.
      const ofEach = yesNo && query.allDeals && !hasAnyOf(query.tokens, ctx.vocabulary.phrasing.anyAsked);
      const shown = signedThen.length > 0 && !ofEach ? signedThen : [...ctx.dealIds];
      const answered = when.run({ ...request, query: { ...query, form: "open", deals: shown } });
      const otherwise = ctx.knowledge.deals.filter((deal) => !signedThen.includes(deal.id));
      if (ofEach && signedThen.length > 0) {
        const said = otherwise.map(
          (deal) => `the ${deal.name} was signed on ${formatDate(deal.signed.date)}`,
        );
        return otherwise.length === 0
          ? { ...answered, verdict: "yes" }
          : ledBy(answered, noLead(`${capitalised(joinNames(said, "and"))}.`));
      }
      // "How many deals were signed in October 2025?": counted first.
      if (signedThen.length > 0 && query.tokens.includes("many")) {
        const count = capitalised(countWord(signedThen.length));
        return ledBy(answered, {
          lead: `${count} ${signedThen.length === 1 ? "deal was" : "deals were"} signed then.`,
        });
      }
      if (signedThen.length > 0) return answered;
      // "Were any …?" is answered No; "Which …?" by saying none was.
      const none = "no deal I hold was signed at the time asked.";
      return ledBy(answered, yesNo ? noLead(none) : { lead: capitalised(none) });
    }
    // "Which deal is the most recent?": every signing record, its words no narrowing of them. "Where did Kimi Onoda
    // sign?": the records of the deals those named signed.
    const ofOwn = query.deals.length === 0 && query.form === "open" && !query.allDeals;
    // "Was Kratsios at Chequers?": the record of the signing held there.
    const signedBy = ofOwn
      ? dealsSignedBy(query, ctx)
      : query.deals.length === 0
        ? signingPlacesAsked(query, ctx)
        : [];
    const ofSigners = signedBy.length > 0 ? { ...request, query: { ...query, deals: signedBy } } : request;
    const records = sequence ? { ...request, query: { ...query, subjectTerms: [] } } : ofSigners;
    return factsAnswer(records, {
      sections: ["signing"],
      title: "Signed",
      // The order of signing is cited from the passages that give a deal's signing date, not the others of its record.
      answers: sequence
        ? (passage) => {
            const deal = ctx.deal(passage.deals[0] ?? "");
            return deal !== undefined && passage.text.includes(formatDate(deal.signed.date));
          }
        : undefined,
      lead: (ids) => {
        const deals = ids.flatMap((id) => ctx.deal(id) ?? []);
        if (sequence) {
          const order = signingOrder(deals, ctx.knowledge.deals.length);
          const ranked = rankedAsked(query, deals, ctx.vocabulary.phrasing);
          // "Where was the first deal signed?", "Which deal was signed last and by whom?": of the deal at that end.
          const place =
            ranked && query.tokens.includes("where")
              ? `The ${ranked.name} was signed ${ranked.signed.venue ? "at" : "in"} ${ranked.signed.place}.`
              : null;
          const signers = ranked && hasAnyOf(query.tokens, ["who", "whom"]) ? signersOf(ranked) : null;
          return [order, place, signers].filter(Boolean).join(" ");
        }
        const apart =
          intervalAsked(query, ctx.vocabulary.phrasing) && deals.length >= 2
            ? interval(deals, query.tokens.includes("weeks"))
            : null;
        // "Were the Japan and Korea deals signed on consecutive days?": each a day after the one before.
        if (
          apart &&
          query.form === "yes-no" &&
          phrasesIn(query.tokens, ctx.vocabulary.phrasing.consecutiveAsked).length > 0
        ) {
          const dates = deals.map((deal) => Date.parse(deal.signed.date)).sort((a, b) => a - b);
          return yesOrNoLead(
            dates.every((date, i) => i === 0 || date - (dates[i - 1] as number) === DAY_MS),
            apart,
          );
        }
        if (apart) return apart;
        // "Was the UK deal signed on a weekend?", "… on a weekday?", "… on a Wednesday?": the weekday of its date
        // decides.
        const weekendAsked = query.tokens.includes("weekend");
        const dayAsked = weekdayAsked(query);
        if (
          query.form === "yes-no" &&
          (weekendAsked || query.tokens.includes("weekday") || dayAsked) &&
          deals.length > 0
        ) {
          const onDay = (deal: Deal) => {
            const day = weekdayOf(deal.signed.date);
            return dayAsked ? day === dayAsked : /^S/.test(day) === weekendAsked;
          };
          const said = deals.map(
            (deal) =>
              `the ${deal.name} was signed on ${weekdayOf(deal.signed.date)} ${formatDate(deal.signed.date)}`,
          );
          return yesOrNoLead(deals.every(onDay), `${said.join("; ")}.`);
        }
        const weekday = asksWeekday(query) || weekdayAsked(query) !== undefined;
        // Parts of the place that a deal's record may not name.
        const { cityAsked, venueAsked } = ctx.vocabulary.phrasing;
        const parts = [
          { part: "city", asked: cityAsked },
          { part: "venue", asked: venueAsked },
        ] as const;
        const asked = parts.filter(({ asked }) => hasAnyOf(query.tokens, asked));
        // "Which city was each signed in?": a record that names no city says so.
        const unnamed = (deal: Deal) =>
          asked.flatMap(({ part }) => (deal.signed[part] ? [] : [` Its record names no ${part}.`])).join("");
        const records = deals
          .map(
            (deal) =>
              `${deal.partner}: ${weekday ? `${weekdayOf(deal.signed.date)} ` : ""}${formatDate(deal.signed.date)}, ${deal.signed.place}.${unnamed(deal)}`,
          )
          .join(" ");
        // "Does the Japan MOC have a signature date?", "Is there a signing date?": a deal's record says Yes, when
        // nothing but its date is asked: no date, place or signer claimed, nothing shared ("share a signing date").
        const { dateNouns, onSignatureAsked } = ctx.vocabulary.phrasing;
        const onlyDate =
          query.form === "yes-no" &&
          deals.length === 1 &&
          hasAnyOf(query.tokens, dateNouns) &&
          query.subjectTerms.every((term) => dateNouns.includes(term) || onSignatureAsked.includes(term));
        // "Where was Starmer when the Korea deal was signed?": where the deal was signed is not where someone who did
        // not sign it was.
        const signedBy = (person: Signatory) =>
          deals.filter((deal) => deal.signatories.some((own) => own.name === person.name));
        const bystanders =
          query.tokens[0] === "where"
            ? signatoriesNamed(query, ctx).filter((person) => signedBy(person).length === 0)
            : [];
        const were = bystanders.length > 1 ? "were" : "was";
        const unsaid =
          bystanders.length > 0
            ? `The texts I hold do not say where ${joinNames(bystanders.map((person) => person.name))} ${were}. `
            : "";
        const presence = presenceSaid(query, deals, signedBy, ctx);
        if (presence) return { ...presence, lead: `${presence.lead}${records}` };
        if (!onlyDate) return `${unsaid}${records}`;
        const claimed = signingAsked(query, ctx);
        const claims =
          (claimed?.dates.length ?? 0) + (claimed?.places.length ?? 0) + (claimed?.people.length ?? 0);
        return claims === 0 ? yesOrNoLead(true, records) : records;
      },
    });
  },
};

/**
 * "Was Kratsios at all three signings?", "Did Trump attend the Korea signing?": the records say who signed each deal,
 * not who else was there: which of the deals asked each person named signed, and that the texts do not say whether
 * they were at the others' signings; Yes when each signed every deal asked. Null when no one's presence is asked.
 */
function presenceSaid(
  query: ParsedQuery,
  deals: readonly Deal[],
  signedBy: (person: Signatory) => readonly Deal[],
  ctx: KnowledgeLookups,
): Lead | null {
  const people = presentAsked(query, ctx);
  if (people.length === 0) return null;
  const ids = (some: readonly Deal[]) => some.map((deal) => deal.id);
  const unsaid = people.flatMap((person) => {
    const elsewhere = deals.filter((deal) => !signedBy(person).includes(deal));
    return elsewhere.length > 0
      ? [
          `The texts I hold do not say whether ${person.name} was at the signing of ${dealsWith(ctx, ids(elsewhere))}.`,
        ]
      : [];
  });
  const signed = people.flatMap((person) => {
    const own = signedBy(person);
    return own.length > 0 ? [`${person.name} signed ${dealsWith(ctx, ids(own))}.`] : [];
  });
  // Each deal's record of who signed it, naming the person, is cited; of the others, any report of who attended.
  const recordOf = (deal: Deal) => ctx.passages({ deals: [deal.id], sections: ["signatories"] });
  const cites = people.flatMap((person) =>
    deals.flatMap((deal) =>
      signedBy(person).includes(deal)
        ? (recordOf(deal).find((passage) => ctx.hasWords(passage, tokenize(person.name).slice(-1))) ?? [])
        : recordOf(deal).filter((passage) => ctx.hasStem(passage, "attend")),
    ),
  );
  const lead = [...unsaid, ...signed].map((sentence) => `${sentence} `).join("");
  return unsaid.length === 0 ? { ...yesOrNoLead(true, lead), cites } : { lead, cites };
}

/**
 * The deals in the order they were signed, with their dates: of all of them "(the first)" and "(the most recent)";
 * of two named "(the earlier)" and "(the later)"; of more, the first and last of these.
 */
function signingOrder(deals: readonly Deal[], held: number): string {
  const sorted = [...deals].sort((a, b) => byCodePoint(a.signed.date, b.signed.date));
  const [first, ...rest] = sorted;
  if (!first) return "";
  const [firstWord, lastWord] =
    sorted.length === held
      ? ["the first", "the most recent"]
      : sorted.length === 2
        ? ["the earlier", "the later"]
        : ["the first of these", "the last of these"];
  const on = (deal: Deal) => `${deal.partner} on ${formatDate(deal.signed.date)}`;
  const later = rest.map(on);
  const last = later.length > 0 ? `; then ${later.join(", then ")} (${lastWord})` : "";
  return `In order of signing: ${on(first)} (${firstWord})${last}.`;
}

/** The deal at the end of the order asked: the first one for "first", "earliest", "oldest"; else the last. */
function rankedAsked(query: ParsedQuery, deals: readonly Deal[], phrasing: Phrasing): Deal | undefined {
  const sorted = [...deals].sort((a, b) => byCodePoint(a.signed.date, b.signed.date));
  return hasAnyOf(query.tokens, phrasing.earliestRank) ? sorted[0] : sorted.at(-1);
}

const signersOf = (deal: Deal) =>
  `The ${deal.name} was signed by ${joinNames(deal.signatories.map((person) => `${person.name} (${person.office})`))}.`;

/** "How many days apart…", "how long after the UK deal…": the time between signings, not a date. */
export const intervalAsked = (query: ParsedQuery, phrasing: Phrasing) =>
  phrasesIn(query.tokens, phrasing.intervalAsked).length > 0;

const asksWeekday = (query: ParsedQuery) => /\b(weekday|day of the week)\b/.test(query.tokens.join(" "));

/** The weekday of a recorded date: arithmetic on the date cited, never a fact of its own. */
/** The weekday a question names ("on a Tuesday"), as the records' dates are said. */
export const weekdayAsked = (query: ParsedQuery) =>
  WEEKDAYS.find((day) => query.tokens.includes(day.toLowerCase()));

const weekdayOf = (iso: string) => WEEKDAYS[new Date(`${iso}T12:00:00Z`).getUTCDay()] ?? "";

/**
 * The signing dates of the deals asked, the first named being the one the others are measured from: "The U.S.–UK
 * … was signed on 18 September 2025; the U.S.–Japan … 40 days later, on 28 October 2025."
 */
function interval([first, ...others]: Deal[], weeksAsked: boolean): string | null {
  if (!first) return null;
  const days = (deal: Deal) =>
    Math.round((Date.parse(deal.signed.date) - Date.parse(first.signed.date)) / DAY_MS);
  const weeks = (count: number) =>
    weeksAsked && Math.abs(count) >= 7
      ? ` (${Math.floor(Math.abs(count) / 7)} weeks${Math.abs(count) % 7 > 0 ? ` and ${Math.abs(count) % 7} days` : ""})`
      : "";
  const span = (count: number) =>
    `${Math.abs(count)} day${Math.abs(count) === 1 ? "" : "s"} ${count < 0 ? "earlier" : "later"}${weeks(count)}`;
  const rest = others.map(
    (deal) =>
      `the ${deal.name} ${days(deal) === 0 ? "the same day" : span(days(deal))}, on ${formatDate(deal.signed.date)}`,
  );
  return `The ${first.name} was signed on ${formatDate(first.signed.date)}; ${rest.join("; ")}.`;
}
