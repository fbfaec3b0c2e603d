import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import type { SqlDriver, SqlRow, SqlRunner, SqlValue } from "./driver.js";

/**
 * SQLite through better-sqlite3: a file created on first open, in WAL mode so the report can read while the bot
 * writes. Calls are synchronous underneath; a lock held elsewhere fails fast instead of stalling the process.
 */
export function openSqlite(file: string): SqlDriver {
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("busy_timeout = 50");
  const statements = new Map<string, Database.Statement>();
  const prepared = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  const runner: SqlRunner = {
    run: async (sql: string, params: readonly SqlValue[] = []) => prepared(sql).run(...params).changes,
    all: async <T extends SqlRow>(sql: string, params: readonly SqlValue[] = []) =>
      prepared(sql).all(...params) as T[],
  };
  return {
    kind: "sqlite",
    ...runner,
    async exclusive(work) {
      db.exec("BEGIN IMMEDIATE");
      try {
        const result = await work(runner);
        db.exec("COMMIT");
        return result;
      } catch (error) {
        db.exec("ROLLBACK");
        throw error;
      }
    },
    async close() {
      statements.clear();
      db.close();
    },
  };
}
