/** Where a question came from. */
export type Platform = "slack" | "discord";
export type Surface = "slash" | "mention" | "dm" | "button" | "follow-up";
export type Vote = "up" | "down";

/** One answered (or declined) question as stored: no raw user id, text only where the policy keeps it. */
export type QuestionRow = {
  id: string;
  /** Milliseconds since the epoch. */
  askedAt: number;
  platform: Platform;
  surface: Surface;
  /** HMAC of the platform user id, or null when none was known. */
  userHash: string | null;
  intent: string;
  deals: string[];
  topics: string[];
  found: boolean;
  declineReason: string | null;
  knowledgeVersion: string;
  latencyMs: number;
  /** Redacted question text, or null when the policy does not keep it. */
  text: string | null;
};

export type VoteRow = {
  questionId: string;
  userHash: string;
  vote: Vote;
  /** "What was missing?", redacted, at most 500 characters; only on 👎. */
  note: string | null;
  votedAt: number;
};

/** What a store holds, the same on every database. Every method may reject; callers decide what that costs. */
export type Store = {
  readonly kind: "sqlite" | "postgres";
  /** Applies the migrations not yet applied (safe to call from several processes at once). */
  migrate(): Promise<void>;
  /** The user-hash key kept in the database, generated on first call. */
  generatedSecret(): Promise<string>;
  insertQuestion(row: QuestionRow): Promise<void>;
  /** Keeps the text of a question (a 👎 arrived); does nothing for an unknown id. */
  keepQuestionText(questionId: string, text: string): Promise<void>;
  /** Forgets the text of a found question that no vote rates 👎 any more. */
  dropQuestionTextUnlessRatedDown(questionId: string): Promise<void>;
  /**
   * One vote per user per answer: a later vote replaces the earlier one. A 👎 without a note keeps the note
   * already given; a 👍 drops it.
   */
  saveVote(row: VoteRow): Promise<void>;
  /** Deletes questions and votes older than the cut-off; returns how many of each. */
  deleteBefore(cutoff: number): Promise<{ questions: number; votes: number }>;
  questionsSince(since: number): Promise<QuestionRow[]>;
  votesSince(since: number): Promise<VoteRow[]>;
  close(): Promise<void>;
};
