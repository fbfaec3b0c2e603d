import type { Answer } from "../../core/answer.js";
import type { FeedbackVote, QuestionLog } from "../../store/question-log.js";
import type { Platform, Surface } from "../../store/types.js";

type AnsweredQuestion = {
  surface: Surface;
  userId: string | null;
  /** The question as the user typed it (redacted before it is stored). */
  text: string;
  answer: Answer;
  latencyMs: number;
};

/** The question log as the adapters see it. Neither call waits for the database or throws. */
export type QuestionRecorder = {
  /** Called once per answer; returns the id the answer's feedback buttons carry (null: no feedback). */
  record(question: AnsweredQuestion): string | null;
  /** A 👍/👎 click, or a 👎 with its "what was missing?" note. */
  vote(vote: FeedbackVote): void;
};

export function createQuestionRecorder(deps: {
  platform: Platform;
  questionLog: QuestionLog;
  knowledgeVersion: () => string;
}): QuestionRecorder {
  const { platform, questionLog } = deps;
  return {
    record({ surface, userId, text, answer, latencyMs }) {
      return questionLog.recordQuestion({
        platform,
        surface,
        userId,
        text,
        intent: answer.intent,
        deals: answer.deals,
        topics: answer.topics,
        found: answer.found,
        declineReason: declineReason(answer),
        knowledgeVersion: deps.knowledgeVersion(),
        latencyMs,
      });
    },
    vote: (vote) => questionLog.recordVote(vote),
  };
}

/** A recorder that records nothing and offers no feedback, for tools and tests that need none. */
export const NO_RECORDER: QuestionRecorder = { record: () => null, vote: () => {} };

/**
 * Why a question was declined, read from the answer's structure (never its wording), for the question log:
 * - `no-such-deal`: it named a country the United States has no deal with;
 * - `not-in-texts`: it named deals or topics the bot knows, but their texts say nothing on it;
 * - `no-match`: nothing in it was recognised.
 */
function declineReason(answer: Pick<Answer, "found" | "readings" | "deals" | "topics">): string | null {
  if (answer.found) return null;
  if (answer.readings.some((reading) => reading.kind === "country")) return "no-such-deal";
  if (answer.deals.length > 0 || answer.topics.length > 0) return "not-in-texts";
  return "no-match";
}
