import type { Reply } from "./pipeline.js";

type Budget = {
  /** How long an answer may take before the asker is told it is on its way. */
  budgetMs: number;
  /** When the question was asked (ms since the epoch): the platform's deadline runs from then. */
  since: number;
  /** The holding text ("working on it…"). */
  text: string;
  /** A holding acknowledgement that failed: logged; the answer is still tried. */
  onHoldFailed(error: unknown): void;
};

export type Budgeted<M> = Reply<M> & {
  /** Whether the asker got the holding acknowledgement. */
  readonly held: boolean;
  /** Stops the budget's clock (every path of the pipeline calls it once done). */
  cancel(): void;
};

/**
 * For a reply that must acknowledge within a deadline (`hold` set): when neither an answer nor a notice has
 * gone out within the budget, the asker gets the holding acknowledgement, and what comes after completes it.
 * The answer itself waits for a hold in progress, so the two never cross.
 */
export function withBudget<M>(reply: Reply<M>, budget: Budget): Budgeted<M> {
  const hold = reply.hold;
  let holding: Promise<void> | null = null;
  let held = false;
  const timer = hold
    ? setTimeout(
        () => {
          held = true;
          holding = hold(budget.text).catch(budget.onHoldFailed);
        },
        Math.max(0, budget.since + budget.budgetMs - Date.now()),
      )
    : null;
  const cancel = () => {
    if (timer) clearTimeout(timer);
  };
  const settled = async () => {
    cancel();
    if (holding) await holding;
  };
  return {
    render: reply.render,
    async answer(message) {
      await settled();
      await reply.answer(message);
    },
    async notice(text, kind) {
      await settled();
      await reply.notice(text, kind);
    },
    get held() {
      return held;
    },
    cancel,
  };
}
