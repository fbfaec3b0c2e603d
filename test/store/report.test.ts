import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/open.js";
import type { Report } from "../../src/store/report/build.js";
import { groupingWords } from "../../src/store/report/build.js";
import type { QuestionRow } from "../../src/store/types.js";
import { runEntry } from "../helpers/run-process.js";

const DAY = 24 * 60 * 60 * 1000;
const dir = mkdtempSync(join(tmpdir(), "tpd-report-"));
const env = { DATA_DIR: join(dir, "data") };
const now = Date.now();

const base: Omit<QuestionRow, "id" | "askedAt"> = {
  platform: "slack",
  surface: "slash",
  userHash: "hash-a",
  intent: "ask",
  deals: [],
  topics: [],
  found: true,
  declineReason: null,
  knowledgeVersion: "v1",
  latencyMs: 10,
  text: null,
};
const QUESTIONS: QuestionRow[] = [
  { ...base, id: "old", askedAt: now - 40 * DAY, intent: "compare", topics: ["quantum"], latencyMs: 20 },
  {
    ...base,
    id: "korea",
    askedAt: now - 2 * DAY,
    deals: ["korea"],
    topics: ["telecommunications"],
    latencyMs: 40,
  },
  {
    ...base,
    id: "japan",
    askedAt: now - DAY,
    platform: "discord",
    surface: "mention",
    deals: ["japan"],
    topics: ["fusion"],
    latencyMs: 900,
    text: "japan fusion",
  },
  {
    ...base,
    id: "mars-1",
    askedAt: now - 1000,
    surface: "dm",
    found: false,
    declineReason: "no-match",
    text: "Mars deal?",
    latencyMs: 5,
  },
  {
    ...base,
    id: "mars-2",
    askedAt: now,
    platform: "discord",
    userHash: "hash-b",
    found: false,
    declineReason: "no-match",
    text: "deal, mars",
    latencyMs: 7,
  },
];

async function report(...args: string[]): Promise<Report> {
  const result = await runEntry("src/report.ts", ["--json", ...args], { env });
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as Report;
}

beforeAll(async () => {
  const store = openStore({ databaseUrl: null, sqliteFile: join(env.DATA_DIR, "tpd-bot.sqlite") });
  await store.migrate();
  for (const question of QUESTIONS) await store.insertQuestion(question);
  await store.saveVote({
    questionId: "korea",
    userHash: "hash-a",
    vote: "up",
    note: null,
    votedAt: now - DAY,
  });
  await store.saveVote({
    questionId: "korea",
    userHash: "hash-c",
    vote: "down",
    note: null,
    votedAt: now - DAY,
  });
  await store.saveVote({
    questionId: "japan",
    userHash: "hash-a",
    vote: "down",
    note: "the signing date",
    votedAt: now,
  });
  await store.saveVote({ questionId: "japan", userHash: "hash-b", vote: "up", note: null, votedAt: now });
  await store.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("npm run report", () => {
  it("groups unanswered questions by their words, and rates 👎 by deal and topic with the notes", async () => {
    const json = await report();
    expect(json.totals).toEqual({
      questions: 5,
      declined: 2,
      declineRate: 0.4,
      votes: 4,
      down: 2,
      downRate: 0.5,
      notes: 1,
    });
    expect(json.unanswered).toEqual([
      expect.objectContaining({
        words: "mars",
        count: 2,
        users: 2,
        example: "deal, mars",
        reasons: ["no-match"],
      }),
    ]);
    expect(json.feedbackByDeal).toEqual([
      { deal: "japan", votes: 2, down: 1, downRate: 0.5 },
      { deal: "korea", votes: 2, down: 1, downRate: 0.5 },
    ]);
    expect(json.feedbackByTopic.map((row) => row.topic)).toEqual(["fusion", "telecommunications"]);
    expect(json.downVotes[0]).toMatchObject({
      question: "japan fusion",
      note: "the signing date",
      user: "hash-a",
    });
    expect(json.perSurface).toContainEqual({ platform: "slack", surface: "slash", questions: 2 });
    expect(json.topIntents).toEqual([
      { intent: "ask", questions: 4, declined: 2 },
      { intent: "compare", questions: 1, declined: 0 },
    ]);
    expect(json.slowest.map((row) => row.latencyMs)).toEqual(
      [900, 40, 20, 10, 7, 5].filter((ms) => ms !== 10),
    );
    expect(json.perDay).toHaveLength(41);
    expect(json.perDay.reduce((sum, day) => sum + day.questions, 0)).toBe(5);
  });

  it("--since keeps the given span, and counts every day of it", async () => {
    const json = await report("--since", "30d");
    expect(json.totals.questions).toBe(4);
    expect(json.perDay).toHaveLength(31);
    expect(json.perTopic.find((row) => row.topic === "quantum")).toBeUndefined();
    expect((await report("--since", "12h")).totals.questions).toBe(2);
  });

  it("--csv writes one quoted table, and the terminal table shows the same numbers", async () => {
    const csv = await runEntry("src/report.ts", ["--csv"], { env });
    const lines = csv.stdout.trimEnd().split("\r\n");
    expect(lines[0]).toBe("section,key,count,total,rate,text,note");
    expect(lines).toContain("totals,down,2,4,0.5,,");
    expect(lines).toContain('unanswered,mars,2,2,,"deal, mars",no-match');
    const table = await runEntry("src/report.ts", [], { env });
    expect(table.stdout).toContain(
      "Questions (all kept): 5, declined 2 (40.0%); votes 4, down 2 (50.0%), notes 1",
    );
    expect(table.stdout).toMatch(/Most frequent unanswered questions\n.*\n\s+2\s+2\s+mars\s+deal, mars/);
  });

  it("refuses a bad flag with usage and exit 2", async () => {
    const result = await runEntry("src/report.ts", ["--since", "yesterday"], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--since: expected 30d.*\nusage: npm run report/);
  });

  it("groups words regardless of case, order, punctuation and filler", () => {
    expect(groupingWords("What about the MARS deal?")).toBe(groupingWords("mars, deal"));
    expect(groupingWords("ask [mention] about 6G in Korea")).toBe("6g korea");
  });
});

const CHROMIUM = "/usr/bin/chromium";
const ci = Boolean(process.env.CI && process.env.CI !== "false" && process.env.CI !== "0");
if (!existsSync(CHROMIUM) && !ci) console.warn(`HTML report test skipped: no browser at ${CHROMIUM}`);

describe.skipIf(!existsSync(CHROMIUM) && !ci)("npm run report -- --html", () => {
  it("writes one self-contained page whose charts show the report's numbers", {
    timeout: 60_000,
  }, async () => {
    const file = join(dir, "report.html");
    const result = await runEntry("src/report.ts", ["--json", "--since", "3d", "--html", file], { env });
    expect(result.stderr).toBe(`Wrote ${file}\n`);
    const json = JSON.parse(result.stdout) as Report;
    expect(readFileSync(file, "utf8")).not.toMatch(/<script|src=|href=/i);

    const profile = mkdtempSync(join(tmpdir(), "tpd-chromium-"));
    const browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    try {
      const page = await browser.newPage();
      const requests: string[] = [];
      page.on("request", (request) => requests.push(request.url()));
      await page.goto(`file://${file}`);

      const days = page.locator("#per-day svg g.bar");
      expect(await days.evaluateAll((bars) => bars.map((bar) => bar.getAttribute("data-label")))).toEqual(
        json.perDay.map((day) => day.day),
      );
      const dayValues = await page.locator("#per-day svg text.value").allTextContents();
      expect(dayValues.map(Number)).toEqual(json.perDay.map((day) => day.questions));
      expect(dayValues.map(Number)).toEqual([0, 1, 1, 2]);
      // Bars are drawn to scale: two questions stand twice as tall as one.
      const heights = await page
        .locator("#per-day svg rect")
        .evaluateAll((rects) =>
          rects.map((rect) => (rect as unknown as { getBBox(): { height: number } }).getBBox().height),
        );
      expect(heights[3]).toBeCloseTo(2 * (heights[1] ?? 0), 3);

      const topics = await page.locator("#per-topic svg text.label").allTextContents();
      const topicValues = await page.locator("#per-topic svg text.value").allTextContents();
      expect(topics.map((topic, i) => ({ topic, questions: Number(topicValues[i]) }))).toEqual(json.perTopic);
      expect(await page.locator("#total-questions").textContent()).toBe(String(json.totals.questions));
      expect(await page.locator("#total-down").textContent()).toBe(String(json.totals.down));
      expect(await page.locator("#unanswered td").allTextContents()).toContain("deal, mars");
      expect(requests).toEqual([`file://${file}`]);
    } finally {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });
});
