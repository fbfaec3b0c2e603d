/** The short texts every surface sends instead of an answer, in one wording. */
export const NOTICES = {
  error: "Sorry, something went wrong while answering. Please try again in a moment.",
  restarting: "I'm restarting right now. Please ask again in a few seconds.",
  staleButton: "That button no longer works. Please ask your question again.",
  filesNotRead: "I can't read files or images. Please type your question as text.",
  noText: "That message has no text I can read. Please ask your question as text.",
  /** The acknowledgement when an answer is not ready within the budget; the answer follows. */
  working: "Working on it…",
  /** Too many questions at once in this process: turned away at once rather than answered late. */
  busy: "I'm busy right now. Please try again in a moment.",
} as const;

export type NoticeKind = "rate-limit" | "busy" | "error" | "restarting";

export function slowDownNotice(retryAfterMs: number): string {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return `You're asking faster than I can keep up. Please wait about ${seconds} second${seconds === 1 ? "" : "s"} and try again.`;
}

/** At most one "slow down" per user per rate-limit window: answering every extra message would defeat the limit. */
export function createNoticeGate(maxUsers = 10_000, now: () => number = Date.now) {
  const until = new Map<string, number>();
  return {
    shouldNotify(user: string, retryAfterMs: number): boolean {
      const at = now();
      if ((until.get(user) ?? 0) > at) return false;
      until.delete(user);
      until.set(user, at + retryAfterMs);
      if (until.size > maxUsers) {
        const oldest = until.keys().next().value;
        if (oldest !== undefined) until.delete(oldest);
      }
      return true;
    },
  };
}
