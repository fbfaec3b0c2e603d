import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it, onTestFinished } from "vitest";
import { runToEnd } from "../bench/harness.js";
import type { Results } from "../bench/run.js";
import { runEntry } from "./helpers/run-process.js";

// A smoke run only: the quick mode has too few samples for any figure to mean anything, so none is checked.
it("a quick bench run measures the core against its floor and writes only what it measured", async () => {
  const dir = mkdtempSync(join(tmpdir(), "tpd-bench-test-"));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const out = join(dir, "results.json");
  writeFileSync(out, JSON.stringify({ sections: { slack: { figures: "from an older run" } } }));
  const run = await runEntry(
    "bench/run.ts",
    ["--quick", "--only", "core", "--factors", "1,2", "--out", out],
    {
      timeoutMs: 60_000,
    },
  );
  expect(run.stderr).not.toMatch(/Error/);
  expect(run.code).toBe(0);
  const results = JSON.parse(readFileSync(out, "utf8")) as Results;
  expect(Object.keys(results.sections)).toEqual(["core"]);
  const rows = results.sections.core?.figures ?? [];
  expect(rows.map((row) => row.factor)).toEqual([1, 2]);
  for (const row of rows) {
    const [measure] = row.runs;
    expect(measure?.answerMs.n).toBeGreaterThan(0); // the quick mode stops at 100 samples or 2 s, whichever comes first
    expect(measure?.answerMs.n).toBeLessThanOrEqual(100);
    expect(measure?.searchMs.n).toBe(measure?.answerMs.n);
  }
  expect(rows[1]?.runs[0]?.passages).toBe(2 * (rows[0]?.runs[0]?.passages ?? 0));
  expect(results.goals.map((goal) => goal.goal)).toContain("×1 p99 (before the issue: 1.01 ms)");
  expect(run.stdout).toContain("Core latency and scale");
}, 90_000);

it("a measuring child that outlives its timeout is itself killed, not only a shell around it", () => {
  const dir = mkdtempSync(join(tmpdir(), "tpd-bench-test-"));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const pidFile = join(dir, "pid");
  const hang = `require("fs").writeFileSync(${JSON.stringify(pidFile)}, String(process.pid)); setInterval(() => {}, 1000)`;
  expect(() => runToEnd(process.execPath, ["-e", hang], "", 1500)).toThrow(/SIGKILL/);
  const pid = Number(readFileSync(pidFile, "utf8"));
  expect(() => process.kill(pid, 0)).toThrow(/ESRCH/); // no such process left
});
