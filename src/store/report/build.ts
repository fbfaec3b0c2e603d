import { FILLER_WORDS, tokenize } from "../../core/text.js";
import type { QuestionRow, VoteRow } from "../types.js";

export type Rate = { votes: number; down: number; downRate: number };

/** Everything `npm run report` shows, as plain data: the JSON output is exactly this. */
export type Report = {
  generatedAt: string;
  /** Start of the period (ISO), or null for everything kept. */
  since: string | null;
  totals: {
    questions: number;
    declined: number;
    declineRate: number;
    votes: number;
    down: number;
    downRate: number;
    notes: number;
  };
  /** Declined questions grouped by their words, most frequent first. */
  unanswered: Array<{
    words: string;
    count: number;
    users: number;
    example: string | null;
    reasons: string[];
    lastAsked: string;
  }>;
  /** Every 👎, newest first, with the question (when kept) and the "what was missing" note. */
  downVotes: Array<{
    at: string;
    user: string;
    platform: string | null;
    intent: string | null;
    deals: string[];
    topics: string[];
    question: string | null;
    note: string | null;
  }>;
  feedbackByDeal: Array<{ deal: string } & Rate>;
  feedbackByTopic: Array<{ topic: string } & Rate>;
  perDay: Array<{ day: string; questions: number; declined: number }>;
  perSurface: Array<{ platform: string; surface: string; questions: number }>;
  perTopic: Array<{ topic: string; questions: number }>;
  topIntents: Array<{ intent: string; questions: number; declined: number }>;
  slowest: Array<{
    at: string;
    latencyMs: number;
    platform: string;
    surface: string;
    intent: string;
    found: boolean;
    question: string | null;
  }>;
};

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

const byCount = <T extends { key: string; n: number }>(a: T, b: T) => b.n - a.n || a.key.localeCompare(b.key);

export function buildReport(
  questions: readonly QuestionRow[],
  votes: readonly VoteRow[],
  period: { since: number | null; now: number },
): Report {
  const byId = new Map(questions.map((question) => [question.id, question]));
  const declined = questions.filter((question) => !question.found);
  const down = votes.filter((vote) => vote.vote === "down");

  const unanswered = [...countBy(declined, (q) => [groupingWords(q.text ?? "") || NONE])]
    .map(([key, group]) => ({ key, n: group.length, group }))
    .sort(byCount)
    .map(({ key, group }) => {
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

  const feedbackBy = (keysOf: (question: QuestionRow) => readonly string[]) =>
    [
      ...countBy(votes, (vote) => {
        const q = byId.get(vote.questionId);
        return q ? keysOf(q) : [];
      }),
    ]
      .map(([key, group]) => {
        const downs = group.filter((vote) => vote.vote === "down").length;
        return {
          key,
          n: downs,
          rate: { votes: group.length, down: downs, downRate: rate(downs, group.length) },
        };
      })
      .sort((a, b) => b.rate.downRate - a.rate.downRate || byCount(a, b));
  const withNone = (list: readonly string[]) => (list.length > 0 ? list : [NONE]);

  const firstDay = period.since ?? questions[0]?.askedAt ?? null;
  const perDay: Report["perDay"] = [];
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
    feedbackByDeal: feedbackBy((q) => withNone(q.deals)).map(({ key, rate }) => ({ deal: key, ...rate })),
    feedbackByTopic: feedbackBy((q) => withNone(q.topics)).map(({ key, rate }) => ({ topic: key, ...rate })),
    perDay,
    perSurface: [...countBy(questions, (q) => [`${q.platform} ${q.surface}`])]
      .map(([key, group]) => ({ key, n: group.length }))
      .sort(byCount)
      .map(({ key, n }) => {
        const [platform = "", surface = ""] = key.split(" ");
        return { platform, surface, questions: n };
      }),
    perTopic: [...countBy(questions, (q) => withNone(q.topics))]
      .map(([key, group]) => ({ key, n: group.length }))
      .sort(byCount)
      .map(({ key, n }) => ({ topic: key, questions: n })),
    topIntents: [...countBy(questions, (q) => [q.intent])]
      .map(([key, group]) => ({ key, n: group.length, group }))
      .sort(byCount)
      .map(({ key, group }) => ({
        intent: key,
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
