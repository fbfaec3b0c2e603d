import { spawn } from "node:child_process";
import { cp, mkdtemp, readFile, rm, stat, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseEnv, type ProcessResult, ROOT, runEntry } from "../helpers/run-process.js";

/** A checkout as `git clone` leaves it (no dist/), with the dependencies `npm install` would have put there. */
let checkout: string;
const figures: string[] = [];
const COMPILING = "tpd-bot: compiling src/ into dist/";
const QUESTION = "korea 6g\n";

beforeAll(async () => {
  checkout = await mkdtemp(join(tmpdir(), "tpd-checkout-"));
  for (const path of [
    "src",
    "knowledge",
    "scripts/start.mjs",
    "package.json",
    "tsconfig.json",
    "tsconfig.build.json",
  ])
    await cp(join(ROOT, path), join(checkout, path), { recursive: true });
  await symlink(join(ROOT, "node_modules"), join(checkout, "node_modules"));
});

afterAll(async () => {
  await rm(checkout, { recursive: true, force: true });
  console.info(`npm start: ${figures.join("; ")}`);
});

/** `npm start` itself, with the question piped in. */
function npmStart(input: string): Promise<ProcessResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn("npm", ["start", "--silent"], { cwd: checkout, env: baseEnv(), stdio: "pipe" });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("error", reject);
    child.on("close", (code) =>
      resolve({
        code,
        stdout: Buffer.concat(out).toString(),
        stderr: Buffer.concat(err).toString(),
        ms: performance.now() - started,
      }),
    );
    child.stdin.end(input);
  });
}

const launch = () =>
  runEntry("scripts/start.mjs", [], { cwd: checkout, input: QUESTION, timeoutMs: 120_000 });
const builtAt = async () => (await stat(join(checkout, "dist", "main.js"))).mtimeMs;
const codeCache = () => join(checkout, "dist", "bundle", "main.cjs.code-cache");

function expectAnswer(result: ProcessResult): void {
  expect(result.code, result.stderr).toBe(0);
  expect(result.stdout).toContain("6G telecommunications");
}

describe("npm start on a fresh checkout", () => {
  it("compiles dist/ when it is missing, then answers from the compiled JavaScript", async () => {
    const result = await npmStart(QUESTION);
    expectAnswer(result);
    expect(result.stderr).toContain(COMPILING);
    expect(result.stdout).not.toContain(COMPILING); // stdout is the console's alone
    expect(await readFile(join(checkout, "dist", "main.js"), "utf8")).toContain("Composition root");
    // Bundled too (esbuild is installed with the dev tools), the platform libraries left outside it, and V8's
    // code cache written as the run ended, for the next start to compile from.
    const bundle = await readFile(join(checkout, "dist", "bundle", "main.cjs"), "utf8");
    expect(bundle).toContain("createConsoleAdapter");
    expect(bundle).toContain('require("@slack/bolt")');
    expect((await stat(codeCache())).size).toBeGreaterThan(0);
    figures.push(`first start (compiles) ${Math.round(result.ms)} ms`);
  }, 180_000);

  it("runs dist/ as it is while it is newer than src/", async () => {
    const before = await builtAt();
    const result = await launch();
    expectAnswer(result);
    expect(result.stderr).not.toContain(COMPILING);
    expect(await builtAt()).toBe(before);
    figures.push(`up-to-date start ${Math.round(result.ms)} ms`);
  }, 60_000);

  it("answers the same from a code cache V8 refuses, and writes a good one in its place", async () => {
    await writeFile(codeCache(), "not a code cache");
    expectAnswer(await launch());
    const rewritten = await readFile(codeCache());
    expect(rewritten.length).toBeGreaterThan(1000);
    expect(rewritten.toString("latin1")).not.toContain("not a code cache");
  }, 60_000);

  it("compiles again after a source file changes, and runs the changed code", async () => {
    const file = join(checkout, "src", "adapters", "console", "repl.ts");
    const source = await readFile(file, "utf8");
    expect(source).toContain("To connect Slack or Discord");
    await writeFile(file, source.replace("To connect Slack or Discord", "To link Slack or Discord"));
    const result = await launch();
    expectAnswer(result);
    expect(result.stderr).toContain(COMPILING);
    expect(result.stdout).toContain("To link Slack or Discord");
    figures.push(`start after a change ${Math.round(result.ms)} ms`);
  }, 180_000);
});
