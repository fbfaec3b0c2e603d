import type { Report } from "./build.js";

export type Cell = string | number | null;
/** One titled table of the report; `chart` marks the two the HTML page also draws. */
export type Section = {
  id: string;
  title: string;
  headers: string[];
  rows: Cell[][];
  chart?: { kind: "columns" | "rows"; bars: Array<{ label: string; value: number }> };
};

export const percent = (rate: number) => `${(rate * 100).toFixed(1)}%`;
const minute = (at: string) => at.slice(0, 16).replace("T", " ");

/** The headline figures, in words, for the top of every rendering. */
export function headline(report: Report): string {
  const t = report.totals;
  const period = report.since ? `since ${report.since.slice(0, 10)}` : "all kept";
  return (
    `Questions (${period}): ${t.questions}, declined ${t.declined} (${percent(t.declineRate)}); ` +
    `votes ${t.votes}, down ${t.down} (${percent(t.downRate)}), notes ${t.notes}`
  );
}

/** Every table of the report, in the order shown; the terminal and the HTML page render these same rows. */
export function reportSections(report: Report): Section[] {
  return [
    {
      id: "per-day",
      title: "Questions per day",
      headers: ["day", "questions", "declined"],
      rows: report.perDay.map((d) => [d.day, d.questions, d.declined]),
      chart: { kind: "columns", bars: report.perDay.map((d) => ({ label: d.day, value: d.questions })) },
    },
    {
      id: "per-topic",
      title: "Questions per topic",
      headers: ["topic", "questions"],
      rows: report.perTopic.map((p) => [p.topic, p.questions]),
      chart: { kind: "rows", bars: report.perTopic.map((p) => ({ label: p.topic, value: p.questions })) },
    },
    {
      id: "unanswered",
      title: "Most frequent unanswered questions",
      headers: ["count", "users", "words", "example", "last asked", "reasons"],
      rows: report.unanswered.map((u) => [
        u.count,
        u.users,
        u.words,
        u.example,
        u.lastAsked.slice(0, 10),
        u.reasons.join(" "),
      ]),
    },
    {
      id: "down-by-deal",
      title: "Down-vote rate by deal",
      headers: ["deal", "votes", "down", "rate"],
      rows: report.feedbackByDeal.map((r) => [r.deal, r.votes, r.down, percent(r.downRate)]),
    },
    {
      id: "down-by-topic",
      title: "Down-vote rate by topic",
      headers: ["topic", "votes", "down", "rate"],
      rows: report.feedbackByTopic.map((r) => [r.topic, r.votes, r.down, percent(r.downRate)]),
    },
    {
      id: "down-votes",
      title: "Down-votes and what was missing",
      headers: ["at", "deals", "topics", "question", "note"],
      rows: report.downVotes.map((v) => [
        minute(v.at),
        v.deals.join(" "),
        v.topics.join(" "),
        v.question,
        v.note,
      ]),
    },
    {
      id: "per-surface",
      title: "Questions per surface",
      headers: ["platform", "surface", "questions"],
      rows: report.perSurface.map((s) => [s.platform, s.surface, s.questions]),
    },
    {
      id: "intents",
      title: "Top intents",
      headers: ["intent", "questions", "declined"],
      rows: report.topIntents.map((i) => [i.intent, i.questions, i.declined]),
    },
    {
      id: "slowest",
      title: "Slowest answers",
      headers: ["ms", "at", "platform", "surface", "intent", "question"],
      rows: report.slowest.map((s) => [
        s.latencyMs,
        minute(s.at),
        s.platform,
        s.surface,
        s.intent,
        s.question,
      ]),
    },
  ];
}
