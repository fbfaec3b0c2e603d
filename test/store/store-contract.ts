import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadConfig, type StoreConfig } from "../../src/config.js";
import { type AskedQuestion, createQuestionLog, type QuestionLog } from "../../src/store/question-log.js";
import type { QuestionRow, Store } from "../../src/store/types.js";
import { hashUser } from "../../src/store/user-hash.js";
import { captureLogs } from "../slack/support/log-capture.js";

/** Opens a store on a fresh, empty database each time the suite asks for a new one. */
export type StoreFactory = {
  /** A new empty database; returns a way to open (and reopen) stores on it. */
  fresh(): Promise<() => Store>;
};

const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.UTC(2025, 10, 3, 12, 0, 0);

const question = (overrides: Partial<QuestionRow> = {}): QuestionRow => ({
  id: "q1",
  askedAt: T0,
  platform: "slack",
  surface: "slash",
  userHash: "u-hash",
  intent: "ask",
  deals: ["korea"],
  topics: ["telecommunications"],
  found: true,
  declineReason: null,
  knowledgeVersion: "v1",
  latencyMs: 12,
  text: null,
  ...overrides,
});

const asked = (overrides: Partial<AskedQuestion> = {}): AskedQuestion => ({
  platform: "slack",
  surface: "mention",
  userId: "U0123ABCD",
  text: "korea 6g",
  intent: "ask",
  deals: ["korea"],
  topics: ["telecommunications"],
  found: true,
  declineReason: null,
  knowledgeVersion: "v1",
  latencyMs: 7,
  ...overrides,
});

/**
 * The one store suite: every database runs exactly these tests, through the Store interface and through the
 * question log on top of it.
 */
export function storeContract(name: string, factory: () => StoreFactory | null) {
  describe.skipIf(factory() === null)(`store contract on ${name}`, () => {
    let open: () => Store;
    let store: Store;
    const opened: Store[] = [];
    const reopen = () => {
      const next = open();
      opened.push(next);
      return next;
    };

    beforeEach(async () => {
      open = await (factory() as StoreFactory).fresh();
      store = reopen();
      await store.migrate();
    });
    afterEach(async () => {
      for (const each of opened.splice(0)) await each.close().catch(() => {});
    });

    describe("schema and key", () => {
      it("applies migrations once: a second start finds them applied and keeps the data", async () => {
        await store.insertQuestion(question());
        const again = reopen();
        await again.migrate();
        await again.migrate();
        expect(await again.questionsSince(0)).toHaveLength(1);
      });

      it("generates the user-hash key on first call and keeps it across restarts", async () => {
        const key = await store.generatedSecret();
        expect(key).toMatch(/^[\w-]{43}$/);
        expect(await store.generatedSecret()).toBe(key);
        const again = reopen();
        await again.migrate();
        expect(await again.generatedSecret()).toBe(key);
      });
    });

    describe("questions", () => {
      it("stores and reads back every field", async () => {
        const row = question({
          id: "q-all",
          deals: ["uk", "japan"],
          topics: [],
          found: false,
          declineReason: "no-match",
          text: "¿qué dice el acuerdo? 日本 'quoted' ? $1",
          latencyMs: 123.6,
          surface: "follow-up",
          platform: "discord",
          userHash: null,
        });
        await store.insertQuestion(row);
        expect(await store.questionsSince(0)).toEqual([{ ...row, latencyMs: 124 }]);
      });

      it("reads only questions asked since the given time, oldest first", async () => {
        await store.insertQuestion(question({ id: "new", askedAt: T0 }));
        await store.insertQuestion(question({ id: "old", askedAt: T0 - 3 * DAY }));
        expect((await store.questionsSince(0)).map((q) => q.id)).toEqual(["old", "new"]);
        expect((await store.questionsSince(T0 - DAY)).map((q) => q.id)).toEqual(["new"]);
      });

      it("keeps a question's text, and drops it again only when no 👎 remains on a found question", async () => {
        await store.insertQuestion(question({ id: "found" }));
        await store.insertQuestion(question({ id: "declined", found: false, text: "mars deal" }));
        await store.keepQuestionText("found", "korea 6g");
        await store.saveVote({ questionId: "found", userHash: "a", vote: "down", note: null, votedAt: T0 });
        await store.dropQuestionTextUnlessRatedDown("found");
        await store.dropQuestionTextUnlessRatedDown("declined");
        const texts = async () =>
          Object.fromEntries((await store.questionsSince(0)).map((q) => [q.id, q.text]));
        expect(await texts()).toEqual({ found: "korea 6g", declined: "mars deal" });
        await store.saveVote({ questionId: "found", userHash: "a", vote: "up", note: null, votedAt: T0 });
        await store.dropQuestionTextUnlessRatedDown("found");
        expect(await texts()).toEqual({ found: null, declined: "mars deal" });
      });
    });

    describe("votes", () => {
      it("keeps one vote per user per answer; a later vote replaces it; a 👍 drops the note", async () => {
        const vote = { questionId: "q1", userHash: "a", votedAt: T0 };
        await store.saveVote({ ...vote, vote: "down", note: null });
        await store.saveVote({ ...vote, vote: "down", note: "the date of signing" });
        await store.saveVote({ ...vote, vote: "down", note: null, votedAt: T0 + 1 });
        await store.saveVote({ ...vote, userHash: "b", vote: "up", note: null });
        expect(await store.votesSince(0)).toEqual([
          { ...vote, userHash: "b", vote: "up", note: null },
          { ...vote, vote: "down", note: "the date of signing", votedAt: T0 + 1 },
        ]);
        await store.saveVote({ ...vote, vote: "up", note: "ignored on a 👍", votedAt: T0 + 2 });
        expect((await store.votesSince(0)).find((v) => v.userHash === "a")).toEqual({
          ...vote,
          vote: "up",
          note: null,
          votedAt: T0 + 2,
        });
      });
    });

    describe("retention", () => {
      it("deletes questions and votes older than the cut-off and says how many", async () => {
        await store.insertQuestion(question({ id: "old", askedAt: T0 - 91 * DAY }));
        await store.insertQuestion(question({ id: "recent", askedAt: T0 - 89 * DAY }));
        await store.saveVote({
          questionId: "old",
          userHash: "a",
          vote: "down",
          note: "x",
          votedAt: T0 - 91 * DAY,
        });
        await store.saveVote({ questionId: "recent", userHash: "a", vote: "up", note: null, votedAt: T0 });
        expect(await store.deleteBefore(T0 - 90 * DAY)).toEqual({ questions: 1, votes: 1 });
        expect((await store.questionsSince(0)).map((q) => q.id)).toEqual(["recent"]);
        expect((await store.votesSince(0)).map((v) => v.questionId)).toEqual(["recent"]);
      });
    });

    it("deletes an old backlog larger than one batch", { timeout: 60_000 }, async () => {
      const old = T0 - 100 * DAY;
      for (let i = 0; i < 2100; i++) await store.insertQuestion(question({ id: `old-${i}`, askedAt: old }));
      await store.insertQuestion(question({ id: "kept" }));
      expect(await store.deleteBefore(T0 - 90 * DAY)).toEqual({ questions: 2100, votes: 0 });
      expect((await store.questionsSince(0)).map((q) => q.id)).toEqual(["kept"]);
    });

    describe("question log on this database", () => {
      let log: QuestionLog;
      let clock: number;
      const logs = captureLogs([]);
      const config = (overrides: Partial<StoreConfig> = {}): StoreConfig => ({
        ...loadConfig({}).store,
        ...overrides,
      });
      const start = (overrides: Partial<StoreConfig> = {}) => {
        log = createQuestionLog({
          config: config(overrides),
          logger: logs.logger,
          open: reopen,
          now: () => clock,
          budgetMs: 5000,
        });
        return log;
      };
      beforeEach(() => {
        clock = T0;
      });
      afterEach(async () => {
        await log?.close();
      });

      it("hashes user ids with the generated key and keeps only a declined question's text", async () => {
        start();
        const found = log.recordQuestion(asked({ text: "korea 6g, ask bob@example.com" }));
        const declined = log.recordQuestion(
          asked({
            text: "<@U999> mars deal? call +1 (202) 555-0147",
            found: false,
            declineReason: "no-match",
          }),
        );
        await log.settled();
        const key = await store.generatedSecret();
        const rows = await store.questionsSince(0);
        expect(Object.fromEntries(rows.map((row) => [row.id, row.text]))).toEqual({
          [found as string]: null,
          [declined as string]: "[mention] mars deal? call [phone]",
        });
        for (const row of rows) expect(row.userHash).toBe(hashUser(key, "slack", "U0123ABCD"));
        expect(JSON.stringify(rows)).not.toContain("U0123ABCD");
      });

      it("keeps an answered question's text once it is rated 👎, and forgets it when the vote turns 👍", async () => {
        start({ userHashSecret: "a-configured-secret-key" });
        const id = log.recordQuestion(asked({ text: "japan fusion, mail me at a.b@example.org" })) as string;
        log.recordVote({ questionId: id, platform: "slack", userId: "U1", vote: "down" });
        log.recordVote({
          questionId: id,
          platform: "slack",
          userId: "U1",
          vote: "down",
          note: "dates, ring 0201234567",
        });
        await log.settled();
        const [row] = await store.questionsSince(0);
        expect(row?.text).toBe("japan fusion, mail me at [email]");
        expect(await store.votesSince(0)).toEqual([
          {
            questionId: id,
            userHash: hashUser("a-configured-secret-key", "slack", "U1"),
            vote: "down",
            note: "dates, ring [phone]",
            votedAt: T0,
          },
        ]);
        log.recordVote({ questionId: id, platform: "slack", userId: "U1", vote: "up" });
        await log.settled();
        expect((await store.questionsSince(0))[0]?.text).toBeNull();
      });

      it("keeps every question's text with LOG_QUESTION_TEXT=all", async () => {
        start({ questionText: "all" });
        log.recordQuestion(asked({ text: "korea 6g" }));
        await log.settled();
        expect((await store.questionsSince(0)).map((row) => row.text)).toEqual(["korea 6g"]);
      });

      it("applies retention at start, with the configured number of days", async () => {
        await store.insertQuestion(question({ id: "day-8", askedAt: T0 - 8 * DAY }));
        await store.insertQuestion(question({ id: "day-6", askedAt: T0 - 6 * DAY }));
        start({ retentionDays: 7 });
        log.recordQuestion(asked());
        await log.settled();
        await log.close();
        const ids = (await store.questionsSince(0)).map((row) => row.id);
        expect(ids).toHaveLength(2);
        expect(ids).toContain("day-6");
        expect(logs.lines).toContainEqual(
          expect.objectContaining({ msg: "question log retention applied", questions: 1, days: 7 }),
        );
      });
    });
  });
}
