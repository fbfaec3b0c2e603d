import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { loadConfig, type StoreConfig } from "../../src/config.js";
import { type AskedQuestion, createQuestionLog, type QuestionLog } from "../../src/store/question-log.js";
import type { Store } from "../../src/store/types.js";
import { captureLogs } from "../slack/support/log-capture.js";

const dir = mkdtempSync(join(tmpdir(), "tpd-qlog-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let folders = 0;

/** The default settings, each test with a data folder of its own. */
const config = (overrides: Partial<StoreConfig> = {}): StoreConfig => ({
  ...loadConfig({}).store,
  sqliteFile: join(dir, `data-${++folders}`, "tpd-bot.sqlite"),
  ...overrides,
});

const asked: AskedQuestion = {
  platform: "discord",
  surface: "slash",
  userId: "123456789012345678",
  text: "mars deal",
  intent: "ask",
  deals: [],
  topics: [],
  found: false,
  declineReason: "no-match",
  knowledgeVersion: "v1",
  latencyMs: 3,
};

const dropped = (lines: Array<Record<string, unknown>>) =>
  lines.filter((line) => line.msg === "question log write dropped");

/** A store whose every call waits forever: a database that accepts work and never answers. */
function stalledStore(): Store {
  const never = () => new Promise<never>(() => {});
  return {
    kind: "postgres",
    migrate: async () => {},
    generatedSecret: async () => "k".repeat(43),
    insertQuestion: never,
    keepQuestionText: never,
    dropQuestionTextUnlessRatedDown: never,
    saveVote: never,
    deleteBefore: async () => ({ questions: 0, votes: 0 }),
    questionsSince: never,
    votesSince: never,
    close: async () => {},
  };
}

/** Accepts TCP connections and never says a word: PostgreSQL as seen through a dead load balancer. */
async function blackHole(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on("error", () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

describe("the question log never holds up an answer", () => {
  let log: QuestionLog | undefined;
  afterEach(async () => {
    await log?.close();
    log = undefined;
  });

  it("creates the SQLite file under the data folder on first start, in WAL mode", async () => {
    const settings = config();
    expect(existsSync(settings.sqliteFile)).toBe(false);
    log = createQuestionLog({ config: settings, logger: captureLogs([]).logger });
    log.recordQuestion(asked);
    await log.settled();
    const db = new Database(settings.sqliteFile, { readonly: true });
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.prepare("SELECT text, user_hash FROM questions").all()).toEqual([
      { text: "mars deal", user_hash: expect.not.stringContaining("123456789012345678") },
    ]);
    db.close();
  });

  it("stores nothing, and creates no file, with QUESTION_LOG=off", async () => {
    const settings = config({ enabled: false });
    log = createQuestionLog({ config: settings, logger: captureLogs([]).logger });
    expect(log.enabled).toBe(false);
    expect(log.recordQuestion(asked)).toBeNull();
    log.recordVote({ questionId: "x", platform: "slack", userId: "U1", vote: "down", note: "n" });
    await log.settled();
    expect(existsSync(join(settings.sqliteFile, ".."))).toBe(false);
  });

  it("drops writes with one line each when the database cannot be opened, and recording returns at once", async () => {
    const logs = captureLogs([]);
    log = createQuestionLog({
      config: config(),
      logger: logs.logger,
      open: () => {
        throw new Error("SQLITE_CANTOPEN: unable to open database file");
      },
    });
    const started = performance.now();
    for (let i = 0; i < 3; i++) expect(log.recordQuestion(asked)).toMatch(/^[\w-]{16}$/);
    expect(performance.now() - started).toBeLessThan(50);
    await log.settled();
    expect(dropped(logs.lines)).toHaveLength(3);
    expect(logs.lines.filter((line) => line.msg === "question log database unavailable")).toHaveLength(1);
  });

  it("drops a write that outlasts its time budget", async () => {
    const logs = captureLogs([]);
    log = createQuestionLog({ config: config(), logger: logs.logger, open: stalledStore, budgetMs: 100 });
    const started = performance.now();
    log.recordQuestion(asked);
    log.recordVote({ questionId: "x", platform: "discord", userId: "1", vote: "up" });
    expect(performance.now() - started).toBeLessThan(50);
    await log.settled();
    expect(performance.now() - started).toBeLessThan(1500);
    expect(dropped(logs.lines).map((line) => line.write)).toEqual(["question", "vote"]);
  });

  it("drops writes to a PostgreSQL server that is not there, without its password in any line", async () => {
    const hole = await blackHole();
    const refused = await blackHole();
    await refused.close(); // a port nobody listens on any more
    try {
      for (const port of [hole.port, refused.port]) {
        const logs = captureLogs([]); // no scrubbing: the store itself must not write the password
        const settings = config({ databaseUrl: `postgres://bot:pg-secret-password@127.0.0.1:${port}/tpd` });
        log = createQuestionLog({ config: settings, logger: logs.logger, budgetMs: 200 });
        const started = performance.now();
        log.recordQuestion(asked);
        expect(performance.now() - started).toBeLessThan(100);
        await log.settled();
        expect(performance.now() - started).toBeLessThan(2000);
        expect(dropped(logs.lines)).toHaveLength(1);
        await log.close();
        log = undefined;
        expect(logs.raw.join("\n")).not.toContain("pg-secret-password");
      }
    } finally {
      await hole.close();
    }
  });

  it("applies retention at start and again every day", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    try {
      const day = 24 * 60 * 60 * 1000;
      let clock = Date.UTC(2025, 10, 1);
      const cutoffs: number[] = [];
      const store: Store = {
        ...stalledStore(),
        deleteBefore: async (cutoff) => {
          cutoffs.push(cutoff);
          return { questions: 0, votes: 0 };
        },
      };
      const settings = config({ retentionDays: 30 });
      log = createQuestionLog({
        config: settings,
        logger: captureLogs([]).logger,
        open: () => store,
        now: () => clock,
      });
      await vi.waitFor(() => expect(cutoffs).toEqual([clock - 30 * day]));
      clock += day;
      await vi.advanceTimersByTimeAsync(day);
      await vi.waitFor(() => expect(cutoffs).toEqual([clock - 31 * day, clock - 30 * day]));
    } finally {
      vi.useRealTimers();
    }
  });
});
