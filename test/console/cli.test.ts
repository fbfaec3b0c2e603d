import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURE_KNOWLEDGE } from "../helpers/bots.js";
import { WHITE_HOUSE_ARTICLE } from "../helpers/knowledge-urls.js";
import { runEntry } from "../helpers/run-process.js";

describe("npm start without credentials (the console)", () => {
  it("answers piped questions with cited excerpts, says how to connect, and exits 0 at end of input", async () => {
    const result = await runEntry("src/main.ts", [], { input: "korea 6g\nmore\nhelp\n" });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("6G telecommunications");
    expect(result.stdout).toContain(WHITE_HOUSE_ARTICLE);
    expect(result.stdout).toMatch(/To connect Slack or Discord, set SLACK_BOT_TOKEN/);
    expect(result.stdout).toContain("who-signed");
  });

  it("stops with exit 1 and a message naming the file and field when knowledge is bad", async () => {
    const dir = await mkdtemp(join(tmpdir(), "tpd-bad-"));
    try {
      await cp(FIXTURE_KNOWLEDGE, dir, { recursive: true });
      await writeFile(join(dir, "deals", "uk.yaml"), "id: uk\nname: ''\n");
      const result = await runEntry("src/main.ts", [], { env: { KNOWLEDGE_DIR: dir } });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/cannot start: .*deals\/uk\.yaml: name: must not be empty/);
      expect(result.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("stops with exit 1 naming a malformed variable", async () => {
    const result = await runEntry("src/main.ts", [], {
      env: { SLACK_BOT_TOKEN: "not-a-token", SLACK_SIGNING_SECRET: "x" },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/SLACK_BOT_TOKEN: must be a bot token/);
    expect(result.stderr).not.toContain("not-a-token");
  });
});

describe("npm run ask", () => {
  it("prints the rendered answer as text", async () => {
    const result = await runEntry("src/ask.ts", ["korea", "6g"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(WHITE_HOUSE_ARTICLE);
  });

  it("--json prints exactly one JSON object in the documented shape", async () => {
    const result = await runEntry("src/ask.ts", ["--json", "korea 6g"]);
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    const json = JSON.parse(lines[0] as string);
    expect(Object.keys(json)).toEqual([
      "query",
      "intent",
      "found",
      "lead",
      "deals",
      "topics",
      "text",
      "citations",
    ]);
    expect(json).toMatchObject({
      query: "korea 6g",
      intent: "ask",
      found: true,
      deals: ["korea"],
      topics: ["telecom"],
    });
    expect(json.citations[0]).toEqual({
      title: "The United States Signs Technology Prosperity Deals with Japan and Korea",
      url: expect.stringMatching(new RegExp(`^${WHITE_HOUSE_ARTICLE.replace(/[.?]/g, "\\$&")}#:~:text=`)),
      excerpt: expect.stringContaining("6G telecommunications"),
      deal: "korea",
    });
    expect(json.text).toContain(WHITE_HOUSE_ARTICLE);
  });

  it("--jsonl answers 10,000 lines in order with one object per line and nothing else", async () => {
    const questions = Array.from(
      { length: 10_000 },
      (_, i) => ["korea 6g", "france", "", `compare quantum ${i}`][i % 4],
    );
    const result = await runEntry("src/ask.ts", ["--jsonl"], {
      input: `${questions.join("\n")}\n`,
      timeoutMs: 60_000,
    });
    expect(result.code).toBe(0);
    const lines = result.stdout.split("\n").filter((line) => line !== "");
    expect(lines).toHaveLength(10_000);
    const parsed = lines.map((line) => JSON.parse(line) as { query: string; found: boolean });
    parsed.forEach((answer, i) => {
      expect(answer.query).toBe(questions[i]);
    });
    expect(parsed[1]?.found).toBe(false);
  }, 60_000); // 10,000 answers in one process: the budget of its own run, for a machine under load

  it("rejects bad flags with usage on stderr and exit 2", async () => {
    const result = await runEntry("src/ask.ts", ["--deal", "france", "ai"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--deal takes one of uk, japan, korea");
    expect(result.stdout).toBe("");
  });
});
