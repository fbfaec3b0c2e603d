import { cp, link, mkdtemp, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { killAllBotProcesses } from "../helpers/bot-process.js";
import { askCommand, commandFields } from "../slack/support/harness.js";
import { copyKnowledge, type KnowledgeCopy } from "./support/knowledge-copy.js";
import { type SlackHttpBot, startSlackHttpBot } from "./support/slack-http-bot.js";

/** A bot process on Slack over HTTP, serving a private copy of knowledge/ that the test edits. */
type Running = SlackHttpBot & { knowledge: KnowledgeCopy };

const QUESTION = "when was the uk deal signed?";
const SIGNING_TEXT = "during President Trump's second state visit";

let watching: Running;
let signalled: Running;
/** Events only: the content check is too rare to matter during the test. */
let replacing: Running;
/** Hashes the files every second. */
let netted: Running;
/** Folders the tests made beside the copies, removed at the end. */
const strays: string[] = [];
const figures: string[] = [];

async function start(env: Record<string, string>): Promise<Running> {
  const knowledge = await copyKnowledge();
  return { ...(await startSlackHttpBot({ KNOWLEDGE_DIR: knowledge.dir, ...env })), knowledge };
}

/** The text of the answer to `text`, as the command got it. */
async function answerText(running: Running, text = QUESTION): Promise<string> {
  const fields = commandFields(running.slack, text, `U${Math.random().toString(36).slice(2, 10)}`);
  return JSON.stringify((await askCommand(running.slack, running.client, fields)).body);
}

type KnowledgeReport = {
  version: string;
  documents: number;
  deals: number;
  lastReload: { reason: string; result: string; problem?: string } | null;
  watch: {
    state: string;
    watchedFolders: number;
    checkSeconds: number | null;
    rearms: number;
    missedChanges: number;
  };
};

async function knowledgeReport(running: Running): Promise<KnowledgeReport> {
  const response = await fetch(`${running.base}/healthz`);
  expect(response.status).toBe(200);
  const report = (await response.json()) as { knowledge: KnowledgeReport };
  expect(report.knowledge.documents).toBeGreaterThan(0);
  return report.knowledge;
}

async function knowledgeVersion(running: Running): Promise<string> {
  return (await knowledgeReport(running)).version;
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
  [watching, signalled, replacing, netted] = await Promise.all([
    start({}),
    start({ KNOWLEDGE_WATCH: "false", KNOWLEDGE_ALLOW_SHRINK: "true" }),
    start({ KNOWLEDGE_CHECK_SECONDS: "3600" }),
    start({ KNOWLEDGE_CHECK_SECONDS: "1" }),
  ]);
}, 60_000);

afterAll(async () => {
  await killAllBotProcesses();
  for (const running of [watching, signalled, replacing, netted]) {
    await running?.slack.close();
    await running?.knowledge.remove();
  }
  await Promise.all(strays.map((folder) => rm(folder, { recursive: true, force: true })));
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

/** Makes `change`, then resolves with the reload line it caused and how long after the change it came. */
async function reloadAfter(running: Running, change: () => Promise<unknown>) {
  const from = running.bot.logs().length;
  const began = performance.now();
  await change();
  const line = await nextReload(running, from);
  return { line, ms: performance.now() - began };
}

const EDIT_RELOADED = { level: "info", reason: "file change", changed: true };

describe("GIVEN the bot watching a folder that is edited the way deployments do", () => {
  it("WHEN a file is replaced by rename THEN it reloads, and so does every later edit of that file", async () => {
    const { knowledge } = replacing;
    const scratch = await mkdtemp(join(tmpdir(), "tpd-replacement-"));
    strays.push(scratch);
    const replacement = join(scratch, "uk.yaml");
    await writeFile(replacement, mark("MV-1")(await knowledge.read("deals/uk.yaml")));

    const moved = await reloadAfter(replacing, () =>
      rename(replacement, join(knowledge.dir, "deals/uk.yaml")),
    );
    expect(moved.line).toMatchObject(EDIT_RELOADED);
    expect(await answerText(replacing)).toContain("MV-1");

    const edited = await reloadAfter(replacing, () =>
      knowledge.edit("deals/uk.yaml", (text) => text.replace("MV-1", "MV-2")),
    );
    expect(edited.line).toMatchObject(EDIT_RELOADED);
    expect(await answerText(replacing)).toContain("MV-2");
    expect((await knowledgeReport(replacing)).watch).toMatchObject({ state: "watching", missedChanges: 0 });
    figures.push(
      `mv over a file -> reloaded in ${Math.round(moved.ms)} ms; a later edit of it in ${Math.round(edited.ms)} ms`,
    );
  });

  it("WHEN the whole folder is swapped for a new one THEN it reloads, re-arms the watch, and later edits reload", async () => {
    const { knowledge } = replacing;
    const incoming = `${knowledge.dir}.new`;
    const retired = `${knowledge.dir}.old`;
    strays.push(incoming, retired);
    await cp(knowledge.dir, incoming, { recursive: true });
    const uk = join(incoming, "deals/uk.yaml");
    await writeFile(uk, (await knowledge.read("deals/uk.yaml")).replace("MV-2", "SWAP-1"));
    const { rearms } = (await knowledgeReport(replacing)).watch;

    const swapped = await reloadAfter(replacing, async () => {
      await rename(knowledge.dir, retired);
      await rename(incoming, knowledge.dir);
    });
    expect(swapped.line).toMatchObject({ level: "info", changed: true });
    expect(await answerText(replacing)).toContain("SWAP-1");
    const report = await knowledgeReport(replacing);
    expect(report.watch.state).toBe("watching");
    expect(report.watch.rearms).toBeGreaterThan(rearms);

    const edited = await reloadAfter(replacing, () =>
      knowledge.edit("deals/uk.yaml", (text) => text.replace("SWAP-1", "SWAP-2")),
    );
    expect(edited.line).toMatchObject(EDIT_RELOADED);
    expect(await answerText(replacing)).toContain("SWAP-2");
    // The retired folder is no longer watched: editing it reloads nothing.
    const from = replacing.bot.logs().length;
    await writeFile(join(retired, "deals/uk.yaml"), "id: uk\n");
    await new Promise((resolve) => setTimeout(resolve, 800));
    const later = replacing.bot.logs().slice(from);
    expect(later.filter((line) => String(line.msg).startsWith("knowledge reload"))).toEqual([]);
    figures.push(
      `folder swapped -> reloaded in ${Math.round(swapped.ms)} ms; a later edit in ${Math.round(edited.ms)} ms`,
    );
  });

  it("WHEN a file changes without any event in the watched folders THEN the content check reloads it within its period", async () => {
    const { knowledge } = netted;
    // A hard link elsewhere: writing through it changes the file, but the events go to the other folder.
    const elsewhere = await mkdtemp(join(tmpdir(), "tpd-hardlink-"));
    strays.push(elsewhere);
    const alias = join(elsewhere, "uk.yaml");
    await link(join(knowledge.dir, "deals/uk.yaml"), alias);
    expect((await knowledgeReport(netted)).watch).toMatchObject({
      state: "watching",
      checkSeconds: 1,
      missedChanges: 0,
    });

    const from = netted.bot.logs().length;
    const written = await reloadAfter(netted, async () =>
      writeFile(alias, mark("NET-1")(await knowledge.read("deals/uk.yaml"))),
    );
    expect(written.line).toMatchObject({ level: "info", reason: "content check", changed: true });
    const missed = netted.bot.logs().slice(from);
    expect(missed.some((line) => line.msg === "knowledge changed without a file event; reloading")).toBe(
      true,
    );
    expect(written.ms).toBeLessThan(15_000); // a 1 s check period; the margin is for a loaded machine
    expect(await answerText(netted)).toContain("NET-1");
    expect((await knowledgeReport(netted)).watch).toMatchObject({ missedChanges: 1 });
    figures.push(
      `change with no file event -> content check reloaded it in ${Math.round(written.ms)} ms (period 1 s)`,
    );
  });
});

describe("GIVEN a reload that would lose a whole deal", () => {
  const KOREA_QUESTION = "who signed the korea deal?";
  /** Korea's deal file and the articles that name it: without them the rest still validates. */
  const KOREA_FILES = ["deals/korea.yaml", "articles/korea-mou.yaml", "articles/wh-article-japan-korea.yaml"];
  const refusedLine = (line: { msg?: string }) => String(line.msg).startsWith("knowledge reload refused");

  it("WHEN Korea's files are deleted THEN the reload is refused, /healthz says so, and Korea is still answered", async () => {
    const serving = await knowledgeReport(watching);
    expect(serving.deals).toBe(3);
    const originals = await Promise.all(KOREA_FILES.map((file) => watching.knowledge.read(file)));
    const from = watching.bot.logs().length;
    for (const file of KOREA_FILES) await watching.knowledge.delete(file);
    const refused = await watching.bot.waitForLog(
      (line) => watching.bot.logs().indexOf(line) >= from && refusedLine(line),
      8000,
    );
    expect(refused).toMatchObject({
      level: "error",
      reason: "file change",
      droppedDeals: ["korea"],
      keptVersion: serving.version,
    });
    expect(String(refused.msg)).toContain("KNOWLEDGE_ALLOW_SHRINK");
    const since = watching.bot.logs().slice(from);
    expect(since.filter((line) => line.msg === "knowledge reloaded")).toEqual([]);
    const after = await knowledgeReport(watching);
    expect(after).toMatchObject({ version: serving.version, deals: 3 });
    expect(after.lastReload).toMatchObject({ result: "refused" });
    expect(after.lastReload?.problem).toMatch(/^deals korea missing/);
    expect(await answerText(watching, KOREA_QUESTION)).toContain("Bae Kyung-hoon");

    const restoreFrom = watching.bot.logs().length;
    for (const [i, file] of KOREA_FILES.entries()) await watching.knowledge.write(file, originals[i] ?? "");
    // The files come back one by one; wait for the reload that saw all of them.
    await watching.bot.waitForLog(
      (line) =>
        watching.bot.logs().indexOf(line) >= restoreFrom &&
        line.msg === "knowledge reloaded" &&
        line.version === serving.version,
      8000,
    );
    expect(await knowledgeReport(watching)).toMatchObject({
      version: serving.version,
      lastReload: { result: "reloaded" },
    });
  });

  it("WHEN KNOWLEDGE_ALLOW_SHRINK=true THEN the same reload is accepted and logged as a shrink", async () => {
    const uk = await signalled.knowledge.read("deals/uk.yaml");
    await signalled.knowledge.write("deals/uk.yaml", uk.replace(/^unsigned:\n/m, "signed:\n"));
    for (const file of KOREA_FILES) await signalled.knowledge.delete(file);
    const reloaded = await reloadAfter(signalled, async () => signalled.bot.signal("SIGHUP"));
    expect(reloaded.line).toMatchObject({ level: "info", reason: "SIGHUP", changed: true });
    expect(reloaded.line.acceptedShrink).toMatchObject({ droppedDeals: ["korea"] });
    expect((await knowledgeReport(signalled)).deals).toBe(2);
  });
});
