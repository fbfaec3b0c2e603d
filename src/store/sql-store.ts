import { randomBytes } from "node:crypto";
import type { SqlDriver, SqlRow } from "./driver.js";
import { migrate } from "./migrations.js";
import type { QuestionRow, Store, VoteRow } from "./types.js";

const SECRET_KEY = "user_hash_secret";
const RETENTION_BATCH = 2000;

/** The store, written once over any SQL driver: SQLite and PostgreSQL run exactly these statements. */
export function createSqlStore(db: SqlDriver): Store {
  return {
    kind: db.kind,
    migrate: () => migrate(db),

    async generatedSecret() {
      // Insert-if-absent then read: two replicas starting together end up with the same key.
      await db.run("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING", [
        SECRET_KEY,
        randomBytes(32).toString("base64url"),
      ]);
      const [row] = await db.all<{ value: string }>("SELECT value FROM settings WHERE key = ?", [SECRET_KEY]);
      if (!row) throw new Error("the user-hash key could not be stored");
      return row.value;
    },

    async insertQuestion(row) {
      await db.run(
        `INSERT INTO questions (id, asked_at, platform, surface, user_hash, intent, deals, topics, found,
          decline_reason, knowledge_version, latency_ms, text)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          row.id,
          row.askedAt,
          row.platform,
          row.surface,
          row.userHash,
          row.intent,
          JSON.stringify(row.deals),
          JSON.stringify(row.topics),
          row.found ? 1 : 0,
          row.declineReason,
          row.knowledgeVersion,
          Math.round(row.latencyMs),
          row.text,
        ],
      );
    },

    async keepQuestionText(questionId, text) {
      await db.run("UPDATE questions SET text = ? WHERE id = ?", [text, questionId]);
    },

    async dropQuestionTextUnlessRatedDown(questionId) {
      await db.run(
        `UPDATE questions SET text = NULL WHERE id = ? AND found = 1
           AND NOT EXISTS (SELECT 1 FROM votes WHERE question_id = ? AND vote = 'down')`,
        [questionId, questionId],
      );
    },

    async saveVote(row) {
      await db.run(
        `INSERT INTO votes (question_id, user_hash, vote, note, voted_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (question_id, user_hash) DO UPDATE SET vote = excluded.vote, voted_at = excluded.voted_at,
           note = CASE WHEN excluded.vote = 'down' THEN COALESCE(excluded.note, votes.note) ELSE NULL END`,
        [row.questionId, row.userHash, row.vote, row.vote === "down" ? row.note : null, row.votedAt],
      );
    },

    async deleteBefore(cutoff) {
      // In batches, so a large first clean-up never holds the database (or, for SQLite, the process) for long.
      const inBatches = async (sql: string) => {
        let total = 0;
        for (;;) {
          const deleted = await db.run(sql, [cutoff, RETENTION_BATCH]);
          total += deleted;
          if (deleted < RETENTION_BATCH) return total;
        }
      };
      return {
        questions: await inBatches(
          "DELETE FROM questions WHERE id IN (SELECT id FROM questions WHERE asked_at < ? LIMIT ?)",
        ),
        votes: await inBatches(
          `DELETE FROM votes WHERE (question_id, user_hash) IN
             (SELECT question_id, user_hash FROM votes WHERE voted_at < ? LIMIT ?)`,
        ),
      };
    },

    async questionsSince(since) {
      const rows = await db.all("SELECT * FROM questions WHERE asked_at >= ? ORDER BY asked_at, id", [since]);
      return rows.map((row) => ({
        ...(camelCased(row) as QuestionRow),
        deals: JSON.parse(String(row.deals)) as string[],
        topics: JSON.parse(String(row.topics)) as string[],
        found: Number(row.found) === 1,
      }));
    },

    async votesSince(since) {
      const rows = await db.all(
        "SELECT * FROM votes WHERE voted_at >= ? ORDER BY voted_at, question_id, user_hash",
        [since],
      );
      return rows.map((row) => camelCased(row) as VoteRow);
    },

    close: () => db.close(),
  };
}

/** A row with the store's names (`askedAt` for `asked_at`); both drivers read BIGINT as a number. */
const camelCased = (row: SqlRow) =>
  Object.fromEntries(
    Object.entries(row).map(([column, value]) => [
      column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase()),
      value,
    ]),
  );
