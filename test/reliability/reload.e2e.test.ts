import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { killAllBotProcesses } from "../helpers/bot-process.js";
import { commandFields, hookOf } from "../slack/support/harness.js";
import { copyKnowledge, type KnowledgeCopy } from "./support/knowledge-copy.js";
import { type SlackHttpBot, startSlackHttpBot } from "./support/slack-http-bot.js";

/** A bot process on Slack over HTTP, serving a private copy of knowledge/ that the test edits. */
type Running = SlackHttpBot & { knowledge: KnowledgeCopy };

const QUESTION = "when was the uk deal signed?";
const SIGNING_TEXT = "during President Trump's second state visit";

let watching: Running;
let signalled: Running;
const figures: string[] = [];

async function start(env: Record<string, string>): Promise<Running> {
  const knowledge = await copyKnowledge();
  return { ...(await startSlackHttpBot({ KNOWLEDGE_DIR: knowledge.dir, ...env })), knowledge };
}

/** The text of the answer to `text`, as posted to the command's response_url. */
async function answerText(running: Running, text = QUESTION): Promise<string> {
  const fields = commandFields(running.slack, text, `U${Math.random().toString(36).slice(2, 10)}`);
  expect((await running.client.command(fields)).status).toBe(200);
  const post = await running.slack.waitFor(() =>
    running.slack.hooks.find((entry) => entry.hook === hookOf(fields)),
  );
  return JSON.stringify(post.body);
}

async function knowledgeVersion(running: Running): Promise<string> {
  const response = await fetch(`${running.base}/healthz`);
  expect(response.status).toBe(200);
  const report = (await response.json()) as { knowledge: { version: string; documents: number } };
  expect(report.knowledge.documents).toBeGreaterThan(0);
  return report.knowledge.version;
}

/** Resolves with the next "knowledge reloaded" or "knowledge reload failed" line after `from`. */
async function nextReload(running: Running, from: number) {
  return running.bot.waitForLog(
    (line) => running.bot.logs().indexOf(line) >= from && String(line.msg).startsWith("knowledge reload"),
    8000,
  );
}

const mark = (marker: string) => (text: string) =>
  text.replace(SIGNING_TEXT, `${SIGNING_TEXT} (reload check ${marker})`);

beforeAll(async () => {
  [watching, signalled] = await Promise.all([start({}), start({ KNOWLEDGE_WATCH: "false" })]);
}, 30_000);

afterAll(async () => {
  await killAllBotProcesses();
  for (const running of [watching, signalled]) {
    await running?.slack.close();
    await running?.knowledge.remove();
  }
  console.info(`reload: ${figures.join("; ")}`);
});

describe("GIVEN the bot watching its knowledge folder", () => {
  it("WHEN a fact is edited THEN the new answer is served and /healthz shows the new version", async () => {
    const before = await knowledgeVersion(watching);
    expect(await answerText(watching)).not.toContain("ZEPHYR-1");

    const from = watching.bot.logs().length;
    const editedAt = performance.now();
    await watching.knowledge.edit("deals/uk.yaml", mark("ZEPHYR-1"));
    const reloaded = await nextReload(watching, from);
    const reloadMs = performance.now() - editedAt;
    expect(reloaded).toMatchObject({ level: "info", reason: "file change", changed: true });
    expect(await answerText(watching)).toContain("ZEPHYR-1");
    const servedMs = performance.now() - editedAt;
    const after = await knowledgeVersion(watching);
    expect(after).not.toBe(before);
    expect(after).toBe(reloaded.version);
    figures.push(
      `file edit -> reloaded in ${Math.round(reloadMs)} ms (250 ms of it debounce), new answer served after ${Math.round(servedMs)} ms`,
    );
  });

  it("WHEN an edit breaks a file THEN the previous knowledge keeps serving and the log names the file and field", async () => {
    const serving = await knowledgeVersion(watching);
    const from = watching.bot.logs().length;
    await watching.knowledge.edit("deals/uk.yaml", (text) =>
      text.replace("name: U.S.–UK Technology Prosperity Deal", 'name: ""'),
    );
    const failed = await nextReload(watching, from);
    expect(failed).toMatchObject({ level: "error", keptVersion: serving });
    expect(String(failed.problem)).toMatch(/deals\/uk\.yaml: name: must not be empty/);
    expect(await knowledgeVersion(watching)).toBe(serving);
    expect(await answerText(watching)).toContain("ZEPHYR-1");

    const fixedFrom = watching.bot.logs().length;
    await watching.knowledge.edit("deals/uk.yaml", (text) =>
      text.replace('name: ""', "name: U.S.–UK Technology Prosperity Deal"),
    );
    expect(await nextReload(watching, fixedFrom)).toMatchObject({ level: "info", changed: false });
  });

  it("WHEN a file is deleted, or another one turns to bad YAML THEN each reload fails by name and nothing changes", async () => {
    const serving = await knowledgeVersion(watching);
    for (const [file, breakIt] of [
      ["sources.yaml", () => watching.knowledge.delete("sources.yaml")],
      ["vocabulary.yaml", () => watching.knowledge.write("vocabulary.yaml", "topics: {not: [a list\n")],
    ] as const) {
      const original = await watching.knowledge.read(file);
      const from = watching.bot.logs().length;
      await breakIt();
      const failed = await nextReload(watching, from);
      expect(failed).toMatchObject({ level: "error", keptVersion: serving });
      expect(String(failed.problem)).toContain(file);
      expect(await knowledgeVersion(watching)).toBe(serving);
      expect(await answerText(watching, "korea 6g")).toContain("whitehouse.gov");
      const restoredFrom = watching.bot.logs().length;
      await watching.knowledge.write(file, original);
      expect(await nextReload(watching, restoredFrom)).toMatchObject({ level: "info", version: serving });
    }
  });
});

describe("GIVEN the bot with KNOWLEDGE_WATCH=false", () => {
  it("WHEN a fact is edited THEN nothing changes until SIGHUP, which reloads it", async () => {
    const before = await knowledgeVersion(signalled);
    await signalled.knowledge.edit("deals/uk.yaml", mark("ZEPHYR-2"));
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(await knowledgeVersion(signalled)).toBe(before);
    expect(await answerText(signalled)).not.toContain("ZEPHYR-2");

    const from = signalled.bot.logs().length;
    const signalledAt = performance.now();
    signalled.bot.signal("SIGHUP");
    const reloaded = await nextReload(signalled, from);
    const ms = performance.now() - signalledAt;
    expect(reloaded).toMatchObject({ level: "info", reason: "SIGHUP", changed: true });
    expect(await answerText(signalled)).toContain("ZEPHYR-2");
    expect(await knowledgeVersion(signalled)).toBe(reloaded.version);
    figures.push(`SIGHUP -> reloaded in ${Math.round(ms)} ms (load ${String(reloaded.loadMs)} ms)`);
  });

  it("WHEN SIGHUP finds a broken file THEN it keeps serving what it had", async () => {
    const serving = await knowledgeVersion(signalled);
    await signalled.knowledge.edit("deals/uk.yaml", (text) => text.replace(/^signed:\n/m, "unsigned:\n"));
    const from = signalled.bot.logs().length;
    signalled.bot.signal("SIGHUP");
    const failed = await nextReload(signalled, from);
    expect(failed).toMatchObject({ level: "error", reason: "SIGHUP", keptVersion: serving });
    expect(String(failed.problem)).toContain("deals/uk.yaml");
    expect(String(failed.problem)).toContain("signed");
    expect(await answerText(signalled)).toContain("ZEPHYR-2");
  });
});
