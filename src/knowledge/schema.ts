import { z } from "zod";
import { INTENT_NAMES } from "../core/answer.js";
import {
  type KnowledgeBase,
  PHRASING_LISTS,
  SECTIONS,
  SOURCE_WEIGHTS,
  VALUES_ASKED_LISTS,
} from "../core/model.js";
import { tokenize } from "../core/text.js";
import { writtenUnspaced } from "../core/vocabulary.js";

const id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be kebab-case (a-z, 0-9, -)");
const isoDate = z.iso.date("must be an ISO date, YYYY-MM-DD");
const httpsUrl = z.url({ protocol: /^https$/, error: "must be an https URL" });
const text = z.string().trim().min(1, "must not be empty");
/** Lower-cased and NFKC-normalised in place, as questions are (a check, not a transform: no second pass). */
const alias = z.string().normalize("NFKC").trim().toLowerCase().min(1, "must not be empty");
/** Ids, each once: a passage listed twice under a deal would be shown and counted twice. */
const ids = z.array(id).superRefine((list, ctx) => {
  if (list.length < 2 || new Set(list).size === list.length) return;
  list.forEach((value, i) => {
    if (list.indexOf(value) < i)
      ctx.addIssue({ code: "custom", path: [i], message: `"${value}" is listed more than once` });
  });
});
/** A required part's error says that it is missing, not that undefined is of the wrong type. */
const required = {
  error: (issue: { input?: unknown }) => (issue.input === undefined ? "is missing" : undefined),
};
/**
 * Phrases found among a question's words: each written as the question tokenizer leaves it ("whats new", not
 * "what's new"), else it never matches. A phrase in a script without spaces is found inside the text instead.
 */
const phrases = z
  .array(
    alias.refine((phrase) => writtenUnspaced(phrase) || tokenize(phrase).join(" ") === phrase, {
      error: (issue) =>
        `"${issue.input}" is read from a question as "${tokenize(String(issue.input)).join(" ")}"`,
    }),
    required,
  )
  .min(1, "must list at least one phrase");
/** A list's entry, read as a question's words are: one with no word left ("?", "-*") would match every question. */
const entry = (word: typeof alias) =>
  word.refine((written) => tokenize(written.replace(/\*$/, "")).length > 0, {
    error: (issue) =>
      `"${issue.input}" holds no word a question could have, so it would match every question`,
  });
const listOf = (word: typeof alias) => z.array(entry(word), required).min(1, "must list at least one word");
/** One schema for every list of words, built once (each schema built costs start-up time). */
const words = listOf(alias);
const stems = listOf(alias.regex(/^[^*]+\*?$/, 'must be a word, or a stem with one "*" at its end'));
/**
 * Phrasing lists that may be left out or empty (words that name a topic only in another language); any other left
 * out or empty would silently change the answers.
 */
const MAY_BE_EMPTY = new Set(["foreignOnly"]);
/** Phrasing lists of stems: "paus*" stands for every word it begins. */
const STEM_LISTS = new Set(["pauseAsked", "resumeAsked", "ratification", "spanWords", "bodyWords"]);

/** One document cited by the knowledge (an entry of sources.yaml). */
export const sourceEntrySchema = z.strictObject({
  id,
  title: text,
  url: httpsUrl,
  /** Omitted when the page read shows no date. */
  published: isoDate.optional(),
  publisher: text,
  type: text,
  official: z.boolean(),
  weight: z.enum(SOURCE_WEIGHTS),
  short: text.optional(),
  /** The language the document is written in ("Japanese" for a Japanese text); English when not given. */
  language: text.default("English"),
  /** For a text held only in part, what of it is held ("its title and preamble word for word; …"). */
  heldInPart: text.optional(),
  sections: z.array(z.strictObject({ id: text, title: text, short: text.optional() })).default([]),
});

export const sourcesFileSchema = z.strictObject({
  sources: z.array(sourceEntrySchema).min(1),
});

export const vocabularyFileSchema = z.strictObject({
  topics: z
    .array(
      z.strictObject({
        id,
        label: text,
        aliases: z.array(alias).min(1),
        /** Named bodies, programmes, facilities and places of the topic: found in a text only word for word. */
        names: z.array(alias).default([]),
        example: text,
      }),
    )
    .min(1),
  /** Aliases that read as a topic in a question but never make a passage count toward it ("reactor"). */
  ambiguous: z.array(alias).default([]),
  /** Everyday phrases holding a section's word that ask for no section ("leave room for"). */
  notSections: z.array(alias).default([]),
  /** Other words for the sections of a deal ("aim" for purpose, "formal name" for document). */
  sections: z.array(z.strictObject({ id: z.enum(SECTIONS), aliases: z.array(alias).min(1) })).default([]),
  /** How questions are phrased: which-deal, yes/no and coverage wording, requests the bot does not serve. */
  phrasing: z.strictObject(
    {
      ...(Object.fromEntries(
        PHRASING_LISTS.map((list) => [
          list,
          MAY_BE_EMPTY.has(list) ? z.array(alias).default([]) : STEM_LISTS.has(list) ? stems : words,
        ]),
      ) as Record<(typeof PHRASING_LISTS)[number], z.ZodDefault<z.ZodArray<typeof alias>>>),
      propertyTopics: z.array(id).default([]),
    },
    required,
  ),
  /**
   * Phrases anywhere in a question, in any language, that ask for an intent ("who signed", "paused", "いつ"):
   * for every intent but `ask`, which answers what no cue claims.
   */
  intents: z.record(z.enum(INTENT_NAMES).exclude(["ask"]), phrases, required),
  /** What tells a question asked in another language, and a yes/no one among them. */
  otherLanguages: z.strictObject(
    { words: phrases, english: phrases, yesNo: phrases, open: phrases, cover: words },
    required,
  ),
  /** What a question asks for that only a value answers; "word*" stands for every word it begins. */
  valuesAsked: z.strictObject(
    Object.fromEntries(VALUES_ASKED_LISTS.map((list) => [list, stems])) as Record<
      keyof KnowledgeBase["valuesAsked"],
      z.ZodArray<typeof alias>
    >,
    required,
  ),
  publishers: z
    .array(z.strictObject({ publisher: text, names: phrases }), required)
    .min(1, "must name at least one publisher"),
  otherCountries: z.array(alias),
  suggestions: z.array(z.strictObject({ label: text, query: text })).default([]),
});

export const dealFileSchema = z.strictObject({
  id,
  name: text,
  label: text.optional(),
  partner: text,
  aliases: z.array(alias).min(1),
  document: z.strictObject({ title: text, type: text, abbreviation: text }),
  /**
   * `source`: the source that records the date and place (often not the deal text itself). The place is the parts
   * the record names, at least one: the venue ("Chequers"), the city ("Tokyo"), the country ("Japan").
   * `regions`: the parts of the world the place is in, as a question names them ("signed in Asia?").
   */
  signed: z
    .strictObject({
      date: isoDate,
      venue: text.optional(),
      city: text.optional(),
      country: text.optional(),
      regions: z.array(alias).default([]),
      source: id,
    })
    .refine((signed) => signed.venue ?? signed.city ?? signed.country, "must name a venue, city or country"),
  signatories: z
    .array(
      z.strictObject({
        name: text,
        office: text,
        side: z.enum(["us", "partner"]),
        sources: ids.min(1),
        disputed: text.optional(),
      }),
    )
    .min(1),
  /**
   * The agencies, ministries and other bodies the deal's texts name: `name` as the texts write it, `abbreviation`
   * if they give one, and `side` (the United States, the partner, or both together). The passages naming them are
   * found by those words.
   */
  bodies: z
    .array(
      z.strictObject({ name: text, abbreviation: text.optional(), side: z.enum(["us", "partner", "joint"]) }),
    )
    .default([]),
  scope: text,
  areas: ids.min(1),
  /** The fact that says how the document itself groups its areas ("under four headings: …"): what a count counts. */
  outline: id.optional(),
  sources: ids.min(1),
  facts: z
    .array(
      z.strictObject({
        id,
        section: z.enum(SECTIONS),
        topics: ids.default([]),
        source: id,
        /** Where the fact sits in its source: one of the source's section ids. */
        ref: text.optional(),
        date: isoDate.optional(),
        text,
      }),
    )
    .min(1),
});

export const articleFileSchema = z.strictObject({
  source: id,
  passages: z
    .array(
      z.strictObject({
        id,
        deals: ids.default([]),
        topics: ids.default([]),
        /** What the passage speaks to; "article" unless it is part of a deal's own text. */
        section: z.enum(SECTIONS).default("article"),
        /** A section id of the source, or the heading the passage stands under. */
        ref: text.optional(),
        text,
      }),
    )
    .min(1),
});

export type SourceEntry = z.input<typeof sourceEntrySchema>;
export type DealFile = z.infer<typeof dealFileSchema>;
export type ArticleFile = z.infer<typeof articleFileSchema>;
