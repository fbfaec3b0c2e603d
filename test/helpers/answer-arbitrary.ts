import fc from "fast-check";
import {
  type Answer,
  type AnswerDraft,
  type Citation,
  type Excerpt,
  INTENT_NAMES,
} from "../../src/core/answer.js";
import { SOURCE_WEIGHTS } from "../../src/core/model.js";
import { present } from "../../src/core/present.js";

const DEAL_IDS = ["uk", "japan", "korea", "a-fourth-deal"];

/** Any text, including control characters, emoji, right-to-left scripts and platform mention syntax. */
export const hostileText = (maxLength = 600): fc.Arbitrary<string> =>
  fc.oneof(
    fc.string({ maxLength, unit: "grapheme" }),
    fc.string({ maxLength, unit: "binary" }),
    fc.constantFrom(
      "<!channel>",
      "<!here>",
      "<!everyone>",
      "<!subteam^S0123ABC|@team>",
      "@everyone",
      "@here",
      "<@U012345>",
      "<@&123456789012345678>",
      "```",
      "مرحبا بالعالم",
      "🇯🇵🇰🇷🇬🇧",
      "\u202eevil\u202c",
    ),
    fc
      .array(
        fc.constantFrom("@everyone", "<!here>", "&", "<", ">", "*", "_", "~", "`", "|", "x", " ", "\n"),
        {
          maxLength: 200,
        },
      )
      .map((parts) => parts.join("")),
  );

const citation: fc.Arbitrary<Citation> = fc.record(
  {
    title: hostileText(300),
    url: fc.webUrl({ validSchemes: ["https"] }),
    published: fc.constantFrom("2025-09-18", "2025-10-29", "2026-02-21"),
    publisher: hostileText(60),
    weight: fc.constantFrom(...SOURCE_WEIGHTS),
    section: fc.option(hostileText(120), { nil: undefined }),
    label: hostileText(160),
  },
  { requiredKeys: ["title", "url", "published", "publisher", "weight", "label"] },
);

const excerpt: fc.Arbitrary<Excerpt> = fc.record({
  passageId: fc.string({ maxLength: 40 }),
  kind: fc.constantFrom("quote" as const, "summary" as const),
  text: hostileText(4000),
  deal: fc.option(fc.constantFrom(...DEAL_IDS), { nil: null }),
  source: citation,
});

const draftArbitrary: fc.Arbitrary<AnswerDraft> = fc.record({
  query: hostileText(600),
  intent: fc.constantFrom(...INTENT_NAMES),
  found: fc.boolean(),
  title: hostileText(400),
  lead: hostileText(1200),
  excerpts: fc.array(excerpt, { maxLength: 6 }),
  items: fc.array(
    fc.record({
      title: hostileText(200),
      text: hostileText(800),
      source: fc.option(citation, { nil: undefined }),
      query: fc.option(hostileText(600), { nil: undefined }),
    }),
    { maxLength: 40 },
  ),
  rows: fc.array(
    fc.record({
      deal: fc.constantFrom(...DEAL_IDS),
      dealName: hostileText(120),
      excerpt: fc.option(excerpt, { nil: null }),
      note: fc.option(hostileText(300), { nil: null }),
    }),
    { maxLength: 5 },
  ),
  notes: fc.array(hostileText(600), { maxLength: 5 }),
  deals: fc.uniqueArray(fc.constantFrom(...DEAL_IDS)),
  topics: fc.array(fc.string({ maxLength: 30 }), { maxLength: 6 }),
  readings: fc.array(
    fc.record({
      words: hostileText(100),
      kind: fc.constantFrom("deal" as const, "topic" as const, "intent" as const, "country" as const),
      as: fc.string({ maxLength: 40 }),
      fuzzy: fc.boolean(),
    }),
    { maxLength: 12 },
  ),
  page: fc.record({ offset: fc.nat(50), shown: fc.nat(3), total: fc.nat(200) }).map((page) => ({
    ...page,
    next: page.offset + page.shown < page.total ? page.offset + page.shown : null,
  })),
  suggestions: fc.array(fc.record({ label: hostileText(150), query: hostileText(600) }), { maxLength: 8 }),
  shortened: fc.boolean(),
});

/** Arbitrary Answers, far beyond what the real knowledge produces, for renderer limit and safety checks. */
export const answerArbitrary: fc.Arbitrary<Answer> = fc
  .tuple(draftArbitrary, hostileText(100))
  .map(([draft, label]) =>
    present(draft, { deal: (id) => `${label} ${id}`, topic: (id) => `${id} ${label}` }),
  );
