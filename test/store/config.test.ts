import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";

describe("question log settings", () => {
  it("defaults to SQLite under ./data, declined texts only, 90 days, a generated key", () => {
    expect(loadConfig({}).store).toEqual({
      enabled: true,
      questionText: "declined",
      retentionDays: 90,
      userHashSecret: null,
      databaseUrl: null,
      sqliteFile: "data/tpd-bot.sqlite",
    });
  });

  it("reads every variable", () => {
    const store = loadConfig({
      QUESTION_LOG: "off",
      LOG_QUESTION_TEXT: "all",
      QUESTION_LOG_DAYS: "30",
      QUESTION_LOG_SECRET: "0123456789abcdef-key",
      DATABASE_URL: "postgresql://bot:pw@db.internal:5432/tpd",
      DATA_DIR: "/var/lib/tpd-bot",
    }).store;
    expect(store).toEqual({
      enabled: false,
      questionText: "all",
      retentionDays: 30,
      userHashSecret: "0123456789abcdef-key",
      databaseUrl: "postgresql://bot:pw@db.internal:5432/tpd",
      sqliteFile: "/var/lib/tpd-bot/tpd-bot.sqlite",
    });
  });

  it.each([
    [{ QUESTION_LOG: "no" }, /QUESTION_LOG: must be on or off/],
    [{ LOG_QUESTION_TEXT: "some" }, /LOG_QUESTION_TEXT: must be declined or all/],
    [{ QUESTION_LOG_DAYS: "0" }, /QUESTION_LOG_DAYS: must be a number of days from 1/],
    [{ QUESTION_LOG_SECRET: "short" }, /QUESTION_LOG_SECRET: must be at least 16 characters/],
    [{ DATABASE_URL: "mysql://bot:hunter2-pw@db/tpd" }, /DATABASE_URL: must be a postgres:\/\//],
  ])("refuses %j without echoing the value", (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
    try {
      loadConfig(env);
    } catch (error) {
      for (const value of Object.values(env)) {
        if (value.length > 3) expect((error as Error).message).not.toContain(value);
      }
    }
  });
});
