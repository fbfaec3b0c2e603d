import type { Vote } from "../../store/types.js";

/** What a vote is acknowledged with, on every platform. */
export const THANKS = "Thanks for the feedback.";

/** Longest "what was missing?" note, on every platform. */
export const MAX_NOTE_LENGTH = 500;

const VOTE = /^(up|down):([\w-]{8,64})$/;
const QUESTION_ID = /^[\w-]{8,64}$/;

export function isQuestionId(value: string): boolean {
  return QUESTION_ID.test(value);
}

/** What a feedback button carries: the vote and the id of the question it rates. */
export function voteValue(vote: Vote, questionId: string): string {
  return `${vote}:${questionId}`;
}

export function readVoteValue(value: string): { vote: Vote; questionId: string } | null {
  const match = VOTE.exec(value);
  return match ? { vote: match[1] as Vote, questionId: match[2] as string } : null;
}
