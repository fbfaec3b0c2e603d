// `npm start`: runs the compiled bot (dist/main.js), compiling it first when dist/ is missing or older than
// the sources, so a fresh checkout starts with `npm install && npm start` and later starts skip the compiler.
// Plain JavaScript, so that nothing compiles this file either.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const ROOT = join(import.meta.dirname, "..");
const ENTRY = join(ROOT, "dist", "main.js");
/** What the compiled output depends on. Knowledge is read at run time, so it is not among them. */
const INPUTS = ["src", "tsconfig.json", "tsconfig.build.json"].map((path) => join(ROOT, path));

/** The newest change time under `path`: files, and folders too (a deleted or renamed file changes its folder's). */
function newestChange(path) {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestChange(join(path, name)));
  return newest;
}

function upToDate() {
  if (!existsSync(ENTRY)) return false;
  const built = statSync(ENTRY).mtimeMs;
  return INPUTS.filter((path) => existsSync(path)).every((path) => newestChange(path) <= built);
}

function build() {
  let compiler;
  try {
    compiler = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  } catch {
    // A production install has no compiler: run what was built, if anything was.
    if (existsSync(ENTRY)) return;
    fail(
      "dist/ is missing and TypeScript is not installed: run `npm install`, or `npm run build` where it is",
    );
  }
  process.stderr.write("tpd-bot: compiling src/ into dist/ (it changed since the last build)…\n");
  // Emit only, as tsx would run it (`npm run typecheck` and `npm test` check the types), which takes a fraction of
  // the time. The compiler's report goes to stderr: stdout belongs to the console's answers.
  const result = spawnSync(process.execPath, [compiler, "-p", "tsconfig.build.json", "--noCheck"], {
    cwd: ROOT,
    stdio: ["ignore", 2, 2],
  });
  if (result.status !== 0)
    fail("the TypeScript build failed (see above); fix it, then run `npm start` again");
}

function fail(message) {
  process.stderr.write(`tpd-bot: cannot start: ${message}\n`);
  process.exit(1);
}

if (!upToDate()) build();
await import(pathToFileURL(ENTRY).href);
