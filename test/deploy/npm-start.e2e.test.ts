import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from "node:fs/promises";
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
const inBundle = (name: string) => join(checkout, "dist", "bundle", name);
const codeCache = () => inBundle("main.cjs.code-cache");
/** Folders a start builds its bundle in before moving the files into dist/bundle/. */
const buildFolders = async () =>
  (await readdir(join(checkout, "dist"))).filter((name) => name.startsWith("bundle.building-"));

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
    expect(bundle.startsWith('"use strict";')).toBe(true); // strict, as dist/'s ES modules are
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

  it("never runs a code cache made from another bundle of the same length, and replaces it", async () => {
    const cacheOfOldBundle = await readFile(codeCache());
    const bundle = await readFile(inBundle("main.cjs"), "utf8");
    await writeFile(inBundle("main.cjs"), bundle.replace("To connect Slack", "To CONNECT Slack"));
    const result = await launch();
    expectAnswer(result);
    expect(result.stdout).toContain("To CONNECT Slack");
    expect(await readFile(codeCache())).not.toEqual(cacheOfOldBundle);
  }, 60_000);

  it("never runs a damaged code cache, and replaces it", async () => {
    const damaged = await readFile(codeCache());
    const middle = Math.floor(damaged.length / 2);
    damaged.fill(0x5a, middle, middle + 256);
    await writeFile(codeCache(), damaged);
    expectAnswer(await launch());
    expect(await readFile(codeCache())).not.toEqual(damaged);
  }, 60_000);

  it("writes no code cache from a run that fails", async () => {
    await rm(codeCache());
    const result = await runEntry("scripts/start.mjs", [], {
      cwd: checkout,
      input: QUESTION,
      env: { LOG_LEVEL: "loud" },
      timeoutMs: 60_000,
    });
    expect(result.code).toBe(1);
    expect(existsSync(codeCache())).toBe(false);
    expectAnswer(await launch());
    expect(existsSync(codeCache())).toBe(true);
  }, 120_000);

  it("rebuilds a bundle left without its knowledge worker", async () => {
    await rm(inBundle("knowledge-worker.js"));
    expectAnswer(await launch());
    expect((await stat(inBundle("knowledge-worker.js"))).size).toBeGreaterThan(0);
  }, 60_000);

  it("keeps the validated knowledge for the next start while the files are unchanged, and only then", async () => {
    const snapshots = async () =>
      (await readdir(inBundle("knowledge-snapshots"))).map((name) =>
        inBundle(join("knowledge-snapshots", name)),
      );
    expectAnswer(await launch());
    const [snapshot, ...others] = await snapshots();
    expect(others).toEqual([]);
    // What a start answers from, while the files are as they were: a change made to the snapshot shows.
    const kept = await readFile(snapshot as string, "utf8");
    expect(kept).toContain("as a critical ally in the region");
    await writeFile(snapshot as string, kept.replace("as a critical ally in the region", "as a KEPT ally"));
    expect((await launch()).stdout).toContain("as a KEPT ally");
    // A knowledge file changed: read from the files again, and kept in a snapshot that replaces the old one.
    const article = join(checkout, "knowledge", "articles", "wh-article-japan-korea.yaml");
    const yaml = await readFile(article, "utf8");
    await writeFile(
      article,
      yaml.replace("as a critical ally in the region", "as a critical ally in the whole region"),
    );
    const edited = await launch();
    await writeFile(article, yaml);
    expect(edited.stdout).toContain("as a critical ally in the whole region");
    expect(edited.stdout).not.toContain("KEPT");
    expect(await snapshots()).not.toContain(snapshot);
    // A damaged snapshot is read past: the files answer, and a whole one takes its place.
    const [current] = await snapshots();
    await writeFile(current as string, '{"version": "cut sh');
    const afterDamage = await launch();
    expectAnswer(afterDamage);
    expect(afterDamage.stdout).toContain("as a critical ally in the region");
    expect(
      JSON.parse(await readFile((await snapshots())[0] as string, "utf8")).passages.length,
    ).toBeGreaterThan(100);
  }, 120_000);

  it("leaves no half bundle when one of its two builds fails, and runs dist/ itself", async () => {
    const worker = join(checkout, "dist", "runtime", "knowledge-worker.js");
    const source = await readFile(worker, "utf8");
    await writeFile(worker, `${source}\nthis is not JavaScript;\n`);
    const before = await Promise.all(
      ["main.cjs", "knowledge-worker.js"].map((name) => readFile(inBundle(name))),
    );
    const entry = join(checkout, "dist", "main.js");
    await writeFile(entry, await readFile(entry)); // newer than the bundle: it is rebuilt
    const result = await launch();
    await writeFile(worker, source);
    expectAnswer(result);
    expect(result.stderr).toContain("tpd-bot: running dist/ unbundled");
    // The earlier pair stays as it was (older than dist/, so the next start rebuilds it), and nothing built aside.
    const after = await Promise.all(
      ["main.cjs", "knowledge-worker.js"].map((name) => readFile(inBundle(name))),
    );
    expect(after).toEqual(before);
    expect(await buildFolders()).toEqual([]);
  }, 60_000);

  it("rebuilds the bundle in two starts at the same moment, neither deleting the other's files", async () => {
    // What another start may be writing there meanwhile: its code cache, before renaming it into place.
    const othersCache = `${codeCache()}.999999`;
    await writeFile(othersCache, "another start's code cache");
    const entry = join(checkout, "dist", "main.js");
    await writeFile(entry, await readFile(entry)); // newer than the bundle: it is rebuilt
    const results = await Promise.all([launch(), launch()]);
    for (const result of results) {
      expectAnswer(result);
      expect(result.stderr).not.toContain("running dist/ unbundled");
    }
    expect((await readFile(inBundle("main.cjs"), "utf8")).startsWith('"use strict";')).toBe(true);
    expect((await stat(inBundle("knowledge-worker.js"))).size).toBeGreaterThan(0);
    expect(await readFile(othersCache, "utf8")).toBe("another start's code cache");
    expect(await buildFolders()).toEqual([]);
    await rm(othersCache);
  }, 120_000);

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
