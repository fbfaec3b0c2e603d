import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeSyntheticKnowledge, yamlBytes } from "../../bench/knowledge.js";
import { killAllBotProcesses } from "../helpers/bot-process.js";
import { runEntry } from "../helpers/run-process.js";
import { commandFields } from "../slack/support/harness.js";
import { copyKnowledge, type KnowledgeCopy } from "./support/knowledge-copy.js";
import { type SlackHttpBot, startSlackHttpBot } from "./support/slack-http-bot.js";

/** A bot on Slack over HTTP, serving a private copy of knowledge/ that the test grows. */
type Running = SlackHttpBot & { knowledge: KnowledgeCopy };

/**
 * Far above what a free event loop takes on a loaded 2-core machine, far below a loop that reads, validates
 * and indexes a ×100 folder itself (3–5 s measured). Probes are spaced so that answering them does not
 * itself load the machine.
 */
const PROBE_BOUND_MS = 2000;
/** A probe of each kind every this often while the reload runs. */
const PROBE_EVERY_MS = 100;
const MEGABYTE = 1_048_576;

type Probe = { ms: number; status: number; sentAt: number };

async function probeHealth(running: Running): Promise<Probe> {
  const sentAt = performance.now();
  const response = await fetch(`${running.base}/healthz`);
  await response.arrayBuffer();
  return { ms: performance.now() - sentAt, status: response.status, sentAt };
}

/** A signed /tpd, each from a user of its own so that no rate limit answers instead. */
async function probeCommand(running: Running, user: number): Promise<Probe> {
  const sentAt = performance.now();
  const fields = commandFields(running.slack, "when was the uk deal signed?", `UPROBE${user}`);
  const { ms, status } = await running.client.command(fields);
  return { ms, status, sentAt };
}

let large: Running;
let capped: Running;
const figures: string[] = [];
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
  [large, capped] = await Promise.all([
    // SIGHUP alone reloads it, once the whole ×100 folder is written; debug logs mark the end of the load.
    start({ KNOWLEDGE_WATCH: "false", LOG_LEVEL: "debug" }),
    start({ KNOWLEDGE_MAX_BYTES: String(200 * 1024) }),
  ]);
}, 60_000);

afterAll(async () => {
  await killAllBotProcesses();
  for (const running of [large, capped]) {
    await running?.slack.close();
    await running?.knowledge.remove();
  }
  await Promise.all(strays.map((folder) => rm(folder, { recursive: true, force: true })));
  console.info(`large reload: ${figures.join("; ")}`);
});

describe("GIVEN a bot serving the knowledge", () => {
  it("WHEN a ×100 edit is loaded THEN /healthz and signed slash commands keep answering while it is read, validated and indexed, and the new version serves", async () => {
    await writeSyntheticKnowledge(100, large.knowledge.dir);
    const bytes = await yamlBytes(large.knowledge.dir);
    const from = large.bot.logs().length;
    const after = (line: { msg?: string }) => large.bot.logs().indexOf(line) >= from;
    const signalledAt = performance.now();
    large.bot.signal("SIGHUP");
    const loaded = large.bot
      .waitForLog((line) => after(line) && line.msg === "knowledge version loaded; building the bot", 120_000)
      .then(() => performance.now());
    let reloading = true;
    const reloaded = nextReload(large, from, 120_000).finally(() => {
      reloading = false;
    });
    const probes: Promise<Probe>[] = [];
    while (reloading) {
      probes.push(probeHealth(large), probeCommand(large, probes.length));
      await new Promise((resolve) => setTimeout(resolve, PROBE_EVERY_MS));
    }
    const loadedAt = await loaded;
    const reloadMs = performance.now() - signalledAt;
    expect(await reloaded).toMatchObject({ level: "info", msg: "knowledge reloaded", changed: true });
    const answered = await Promise.all(probes);
    expect(answered.every((probe) => probe.status === 200)).toBe(true);

    // Answered while the worker loaded the new version: a blocked event loop would answer none of them until the
    // load ended, a free one answers them as they come (two every 100 ms).
    const duringLoad = answered.filter((probe) => probe.sentAt + probe.ms < loadedAt);
    expect(duringLoad.length).toBeGreaterThanOrEqual(4);
    const slowestDuringLoad = Math.max(...duringLoad.map((probe) => probe.ms));
    expect(slowestDuringLoad).toBeLessThan(PROBE_BOUND_MS);
    // The bot is then built a few milliseconds at a time: probes answer while it is built too.
    const slowest = Math.max(...answered.map((probe) => probe.ms));
    expect(slowest).toBeLessThan(PROBE_BOUND_MS);
    const report = (await (await fetch(`${large.base}/healthz`)).json()) as {
      knowledge: { passages: number };
    };
    expect(report.knowledge.passages).toBeGreaterThan(12_000);
    figures.push(
      `×100 (${(bytes / MEGABYTE).toFixed(1)} MB, ${report.knowledge.passages} passages) loaded in ${Math.round(loadedAt - signalledAt)} ms, reloaded in ${Math.round(reloadMs)} ms; slowest of ${duringLoad.length} probes during the load ${Math.round(slowestDuringLoad)} ms, of all ${answered.length} (the bot's build included) ${Math.round(slowest)} ms`,
    );
  }, 180_000);

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
    await writeSyntheticKnowledge(2, dir);
    const result = await runEntry("src/main.ts", [], {
      env: { KNOWLEDGE_DIR: dir, KNOWLEDGE_MAX_BYTES: "50000" },
    });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(
      /^tpd-bot: cannot start: .*tpd-over-cap-\w+: holds \d+ KB of YAML, over the 49 KB cap \(KNOWLEDGE_MAX_BYTES\)$/,
    );
  });
});
