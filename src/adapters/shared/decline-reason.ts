import type { Answer } from "../../core/answer.js";

/**
 * Why a question was declined, read from the answer's structure (never its wording), for the question log:
 * - `no-such-deal`: it named a country the United States has no deal with;
 * - `not-in-texts`: it named deals or topics the bot knows, but their texts say nothing on it;
 * - `no-match`: nothing in it was recognised.
 */
export function declineReason(
  answer: Pick<Answer, "found" | "readings" | "deals" | "topics">,
): string | null {
  if (answer.found) return null;
  if (answer.readings.some((reading) => reading.kind === "country")) return "no-such-deal";
  if (answer.deals.length > 0 || answer.topics.length > 0) return "not-in-texts";
  return "no-match";
}
