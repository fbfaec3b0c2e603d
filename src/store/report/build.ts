import { FILLER_WORDS, tokenize } from "../../core/text.js";
import type { QuestionRow, VoteRow } from "../types.js";

/** Everything `npm run report` shows, as plain data: the JSON output is exactly this. */
export type Report = ReturnType<typeof buildReport>;

const DAY_MS = 24 * 60 * 60 * 1000;
const SLOWEST = 10;
const NONE = "(none)";
const PLACEHOLDERS = /\[(?:mention|email|phone)\]/g;

/** Groups text by the words that carry meaning: case, order, punctuation and filler words do not split groups. */
export function groupingWords(text: string): string {
  const words = tokenize(text.replace(PLACEHOLDERS, " ")).filter((word) => !FILLER_WORDS.has(word));
  return [...new Set(words)].sort().join(" ");
}

const rate = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 1000) / 1000);
const iso = (ms: number) => new Date(ms).toISOString();
const dayOf = (ms: number) => iso(ms).slice(0, 10);

function countBy<T>(items: readonly T[], keysOf: (item: T) => readonly string[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    for (const key of keysOf(item)) {
      const group = groups.get(key);
      if (group) group.push(item);
      else groups.set(key, [item]);
    }
  }
  return groups;
}

/** The groups of `countBy`, largest first, ties by key. */
const ranked = <T>(items: readonly T[], keysOf: (item: T) => readonly string[]): [string, T[]][] =>
  [...countBy(items, keysOf)].sort(([a, x], [b, y]) => y.length - x.length || a.localeCompare(b));

export function buildReport(
  questions: readonly QuestionRow[],
  votes: readonly VoteRow[],
  period: { since: number | null; now: number },
) {
  const byId = new Map(questions.map((question) => [question.id, question]));
  const declined = questions.filter((question) => !question.found);
  const down = votes.filter((vote) => vote.vote === "down");

  /** Declined questions grouped by their words, most frequent first. */
  const unanswered = ranked(declined, (q) => [groupingWords(q.text ?? "") || NONE]).map(([key, group]) => {
    const latest = group.reduce((a, b) => (b.askedAt > a.askedAt ? b : a));
    return {
      words: key,
      count: group.length,
      users: new Set(group.map((q) => q.userHash).filter(Boolean)).size,
      example: latest.text,
      reasons: [...new Set(group.map((q) => q.declineReason ?? "unknown"))].sort(),
      lastAsked: iso(latest.askedAt),
    };
  });

  /** Votes by a key of the question they rate: the highest down-vote rate first, then the most down-votes. */
  const feedbackBy = (keysOf: (question: QuestionRow) => readonly string[]) =>
    ranked(votes, (vote) => {
      const q = byId.get(vote.questionId);
      return q ? keysOf(q) : [];
    })
      .map(([key, group]) => {
        const down = group.filter((vote) => vote.vote === "down").length;
        return { key, votes: group.length, down, downRate: rate(down, group.length) };
      })
      .sort((a, b) => b.downRate - a.downRate || b.down - a.down || a.key.localeCompare(b.key));
  const withNone = (list: readonly string[]) => (list.length > 0 ? list : [NONE]);

  const firstDay = period.since ?? questions[0]?.askedAt ?? null;
  const perDay: { day: string; questions: number; declined: number }[] = [];
  if (firstDay !== null) {
    const days = countBy(questions, (q) => [dayOf(q.askedAt)]);
    for (let day = Date.parse(dayOf(firstDay)); day <= period.now; day += DAY_MS) {
      const group = days.get(dayOf(day)) ?? [];
      perDay.push({
        day: dayOf(day),
        questions: group.length,
        declined: group.filter((q) => !q.found).length,
      });
    }
  }

  return {
    generatedAt: iso(period.now),
    /** Start of the period (ISO), or null for everything kept. */
    since: period.since === null ? null : iso(period.since),
    totals: {
      questions: questions.length,
      declined: declined.length,
      declineRate: rate(declined.length, questions.length),
      votes: votes.length,
      down: down.length,
      downRate: rate(down.length, votes.length),
      notes: down.filter((vote) => vote.note).length,
    },
    unanswered,
    /** Every 👎, newest first, with the question (when kept) and the "what was missing" note. */
    downVotes: [...down].reverse().map((vote) => {
      const question = byId.get(vote.questionId);
      return {
        at: iso(vote.votedAt),
        user: vote.userHash,
        platform: question?.platform ?? null,
        intent: question?.intent ?? null,
        deals: question?.deals ?? [],
        topics: question?.topics ?? [],
        question: question?.text ?? null,
        note: vote.note,
      };
    }),
    feedbackByDeal: feedbackBy((q) => withNone(q.deals)).map(({ key, ...rate }) => ({ deal: key, ...rate })),
    feedbackByTopic: feedbackBy((q) => withNone(q.topics)).map(({ key, ...rate }) => ({
      topic: key,
      ...rate,
    })),
    perDay,
    perSurface: ranked(questions, (q) => [`${q.platform} ${q.surface}`]).map(([key, group]) => {
      const [platform = "", surface = ""] = key.split(" ");
      return { platform, surface, questions: group.length };
    }),
    perTopic: ranked(questions, (q) => withNone(q.topics)).map(([topic, group]) => ({
      topic,
      questions: group.length,
    })),
    topIntents: ranked(questions, (q) => [q.intent]).map(([intent, group]) => ({
      intent,
      questions: group.length,
      declined: group.filter((q) => !q.found).length,
    })),
    slowest: [...questions]
      .sort((a, b) => b.latencyMs - a.latencyMs || b.askedAt - a.askedAt)
      .slice(0, SLOWEST)
      .map((q) => ({
        at: iso(q.askedAt),
        latencyMs: q.latencyMs,
        platform: q.platform,
        surface: q.surface,
        intent: q.intent,
        found: q.found,
        question: q.text,
      })),
  };
}
