import type { DealId } from "../model.js";
import { newestDevelopment } from "../overview.js";
import { dealNames, dealsWith, formatDate, joinNames } from "../phrasing.js";
import { capitalised } from "../text.js";
import { factsAnswer } from "./facts-by-section.js";
import type { Intent, IntentRequest } from "./intent.js";

export const status: Intent = {
  name: "status",
  description: "Latest developments since signing, newest first",
  examples: ["status {deal}", "is the {deal} deal paused?", "latest on {deal}"],
  commands: ["status", "latest", "news", "updates"],
  run(request) {
    const asOf = `the knowledge is as of ${formatDate(request.ctx.knowledge.asOf)}`;
    return factsAnswer(request, {
      sections: ["development"],
      title: "Latest developments",
      lead: (deals) => {
        const paused = pausedAmong(request, deals);
        const unreported = unreportedAsked(request);
        const aside = unreported ? `The reports I hold do not mention “${unreported}”. ` : "";
        // "Has the Japan TPD been paused like the British one?" asks of the deal named first: No, when no report has it.
        const [asked] = request.query.deals;
        const notPaused =
          paused && asked && request.query.form === "yes-no" && !paused.includes(asked)
            ? `No — no report I hold says the ${request.ctx.dealName(asked)} was paused. `
            : "";
        const pause = paused
          ? `Of the deals, reports of a pause concern only ${dealNames(request.ctx, paused, "and")}. `
          : "";
        return `${notPaused}${aside}${pause}${latestHeld(request, deals)} Developments after signing, newest first (${asOf}):`;
      },
      none: (deals) => `${latestHeld(request, deals)} ${capitalised(asOf)}.`,
      newestFirst: true,
    });
  },
};

/**
 * "Where does the UK deal stand?" is answered from the newest record: its date for each deal asked, or that
 * nothing is held after the signing.
 */
function latestHeld({ ctx }: IntentRequest, deals: readonly DealId[]): string {
  const newest = (deal: DealId) =>
    newestDevelopment(ctx.passages({ deals: [deal], sections: ["development"] }))?.date ?? "";
  const dated = deals.filter((deal) => newest(deal) !== "");
  const only = deals.length === 1 ? deals[0] : undefined;
  const held = only
    ? `The newest report I hold on the ${ctx.dealName(only)} is dated ${formatDate(newest(only))}.`
    : `The newest reports I hold are dated ${joinNames(dated.map((deal) => `${formatDate(newest(deal))} for ${dealsWith(ctx, [deal])}`))}.`;
  const nothing = deals
    .filter((deal) => newest(deal) === "")
    .map(
      (deal) =>
        `I hold nothing on ${dealsWith(ctx, [deal])} after its signing on ${formatDate(ctx.deal(deal)?.signed.date)}.`,
    );
  return [dated.length > 0 ? held : "", ...nothing].filter(Boolean).join(" ");
}

/**
 * "Were online safety rules one of the reasons it was paused?": the words of the question, as it runs them
 * together, that hold a word no text of the knowledge has. Null when every word asked stands somewhere.
 */
function unreportedAsked({ query, ctx }: IntentRequest): string | null {
  const asked = new Set(query.subjectTerms);
  const runs: string[][] = [[]];
  for (const token of query.tokens) {
    if (asked.has(token)) runs[runs.length - 1]?.push(token);
    else if ((runs[runs.length - 1]?.length ?? 0) > 0) runs.push([]);
  }
  // A word typed with a slip ("deel") is not a word the reports lack.
  const unknown = runs.find((run) =>
    run.some((word) => word.length >= 4 && !ctx.knows(word) && !ctx.nearlyKnows(word)),
  );
  return unknown ? unknown.join(" ") : null;
}

/** Words that ask which deal is paused ("which TPD is on hold?"). */
const PAUSE_ASKED = /\b(paus\w*|on hold|halt\w*|suspend\w*|stall\w*|frozen|on ice|shelved)\b/i;
/** What a development says when work on a deal was paused. */
const PAUSE_REPORTED = /\b(paused|suspended|halted|on hold)\b/i;

/**
 * "Which of the three TPDs is on hold?": when a pause is asked about more than one deal, the lead names the
 * deals whose later developments report one, so the answer does not hide among the others' news.
 */
function pausedAmong({ query, ctx }: IntentRequest, deals: readonly DealId[]): DealId[] | null {
  if (deals.length < 2 || !PAUSE_ASKED.test(query.text)) return null;
  const paused = deals.filter((deal) =>
    ctx.passages({ deals: [deal], sections: ["development"] }).some((p) => PAUSE_REPORTED.test(p.text)),
  );
  return paused.length > 0 && paused.length < deals.length ? paused : null;
}
