import type { Answer } from "../../core/answer.js";
import type { FeedbackVote, QuestionLog } from "../../store/question-log.js";
import type { Platform, Surface } from "../../store/types.js";
import { declineReason } from "./decline-reason.js";

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
  /** Whether answers offer feedback at all (false with QUESTION_LOG=off). */
  readonly feedback: boolean;
};

export function createQuestionRecorder(deps: {
  platform: Platform;
  questionLog: QuestionLog;
  knowledgeVersion: () => string;
}): QuestionRecorder {
  const { platform, questionLog } = deps;
  return {
    feedback: questionLog.enabled,
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
export const NO_RECORDER: QuestionRecorder = { feedback: false, record: () => null, vote: () => {} };
