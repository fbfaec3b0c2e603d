import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Report } from "../../src/store/report/build.js";
import { runEntry } from "../helpers/run-process.js";
import { startSlackHttpBot } from "../reliability/support/slack-http-bot.js";
import { askCommand, commandFields } from "../slack/support/harness.js";

const dataDir = mkdtempSync(join(tmpdir(), "tpd-bot-data-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe("the question log in the real bot process", () => {
  it("creates its SQLite file on first start, applies retention, records questions and closes at shutdown", async () => {
    const { bot, slack, client } = await startSlackHttpBot({ QUESTION_LOG: "on", DATA_DIR: dataDir });
    try {
      await bot.waitForLog((line) => line.msg === "question log retention applied");
      expect(existsSync(join(dataDir, "tpd-bot.sqlite"))).toBe(true);
      for (const text of ["korea 6g", "what does the france deal say about cheese?"]) {
        const fields = commandFields(slack, text, "U0PROCESS1");
        await askCommand(slack, client, fields);
      }
      bot.signal("SIGTERM");
      expect((await bot.exited).code).toBe(0);
      expect(bot.logs().filter((line) => line.msg === "question log write dropped")).toEqual([]);
    } finally {
      await bot.kill();
      await slack.close();
    }
    const result = await runEntry("src/report.ts", ["--json"], { env: { DATA_DIR: dataDir } });
    const report = JSON.parse(result.stdout) as Report;
    expect(report.totals).toMatchObject({ questions: 2, declined: 1 });
    expect(report.perSurface).toEqual([{ platform: "slack", surface: "slash", questions: 2 }]);
    expect(report.unanswered[0]?.example).toBe("what does the france deal say about cheese?");
    expect(result.stdout).not.toContain("U0PROCESS1");
  });
});
