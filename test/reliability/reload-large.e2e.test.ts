import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { killAllBotProcesses } from "../helpers/bot-process.js";
import { REAL_KNOWLEDGE } from "../helpers/bots.js";
import { runEntry } from "../helpers/run-process.js";
import { writeScaledKnowledge } from "../helpers/scaled-knowledge.js";
import { copyKnowledge, type KnowledgeCopy } from "./support/knowledge-copy.js";
import { type SlackHttpBot, startSlackHttpBot } from "./support/slack-http-bot.js";

/** A bot on Slack over HTTP, serving a private copy of knowledge/ that the test grows. */
type Running = SlackHttpBot & { knowledge: KnowledgeCopy };

let capped: Running;
const strays: string[] = [];

async function start(env: Record<string, string>): Promise<Running> {
  const knowledge = await copyKnowledge();
  return { ...(await startSlackHttpBot({ KNOWLEDGE_DIR: knowledge.dir, ...env })), knowledge };
}

/** Resolves with the next log line about a reload written after `from`. */
function nextReload(running: Running, from: number, timeoutMs: number) {
  return running.bot.waitForLog(
    (line) => running.bot.logs().indexOf(line) >= from && String(line.msg).startsWith("knowledge reload"),
    timeoutMs,
  );
}

beforeAll(async () => {
  capped = await start({ KNOWLEDGE_MAX_BYTES: String(200 * 1024) });
}, 60_000);

afterAll(async () => {
  await killAllBotProcesses();
  for (const running of [capped]) {
    await running?.slack.close();
    await running?.knowledge.remove();
  }
  await Promise.all(strays.map((folder) => rm(folder, { recursive: true, force: true })));
});

describe("GIVEN a bot serving the knowledge", () => {
  it("WHEN an edit takes the knowledge over KNOWLEDGE_MAX_BYTES THEN it is refused with one log line and the old version keeps serving", async () => {
    const report = async () =>
      (
        (await (await fetch(`${capped.base}/healthz`)).json()) as {
          knowledge: { version: string; lastReload: { result: string; problem: string } | null };
        }
      ).knowledge;
    const serving = (await report()).version;
    const from = capped.bot.logs().length;
    await capped.knowledge.write("articles/padding.yaml", `# ${"x".repeat(250 * 1024)}\n`);
    const refused = await nextReload(capped, from, 10_000);
    expect(refused).toMatchObject({ level: "error", keptVersion: serving, maxBytes: 200 * 1024 });
    expect(String(refused.msg)).toMatch(
      /^knowledge reload refused: \d+ KB of YAML is over the KNOWLEDGE_MAX_BYTES cap of 200 KB; still serving the previous knowledge$/,
    );
    const reloadLines = capped.bot
      .logs()
      .slice(from)
      .filter((line) => String(line.msg).startsWith("knowledge reload"));
    expect(reloadLines).toHaveLength(1);
    expect(await report()).toMatchObject({ version: serving, lastReload: { result: "refused" } });
    expect((await report()).lastReload?.problem).toContain("KNOWLEDGE_MAX_BYTES");
  });
});

describe("GIVEN knowledge over KNOWLEDGE_MAX_BYTES at start-up", () => {
  it("THEN the bot does not start, and says why in one line", async () => {
    const dir = await mkdtemp(join(tmpdir(), "tpd-over-cap-"));
    strays.push(dir);
    await writeScaledKnowledge(REAL_KNOWLEDGE, dir, 2);
    const result = await runEntry("src/main.ts", [], {
      env: { KNOWLEDGE_DIR: dir, KNOWLEDGE_MAX_BYTES: "50000" },
    });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(
      /^tpd-bot: cannot start: .*tpd-over-cap-\w+: holds \d+ KB of YAML, over the 49 KB cap \(KNOWLEDGE_MAX_BYTES\)$/,
    );
  });
});
