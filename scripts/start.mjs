// `npm start`: runs the compiled bot (dist/main.js), compiling it first when dist/ is missing or older than
// the sources, so a fresh checkout starts with `npm install && npm start` and later starts skip the compiler.
// Where esbuild is installed (a dev dependency), the compiled output is also bundled into
// dist/bundle/: one file per entry, loaded in a fraction of the time hundreds of modules take, so the console
// answers sooner. Plain JavaScript, so that nothing compiles this file either.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const ROOT = join(import.meta.dirname, "..");
const ENTRY = join(ROOT, "dist", "main.js");
const BUNDLE_DIR = join(ROOT, "dist", "bundle");
const BUNDLE = join(BUNDLE_DIR, "main.js");
/** What the compiled output depends on. Knowledge is read at run time, so it is not among them. */
const INPUTS = ["src", "tsconfig.json", "tsconfig.build.json"].map((path) => join(ROOT, path));
const require = createRequire(import.meta.url);

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
    compiler = require.resolve("typescript/bin/tsc");
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

/**
 * The bundle of dist/main.js, rebuilt when dist/ is newer; null (run dist/ itself) without esbuild or when
 * bundling fails. Platform libraries stay outside it (native code, files they read at run time), and the
 * platform code is split off, so the console loads none of it. The knowledge worker is an entry of its own,
 * beside the chunk that starts it, as in dist/.
 */
async function bundled() {
  if (existsSync(BUNDLE) && statSync(BUNDLE).mtimeMs >= statSync(ENTRY).mtimeMs) return BUNDLE;
  let esbuild;
  try {
    esbuild = require("esbuild");
  } catch {
    return null;
  }
  try {
    rmSync(BUNDLE_DIR, { recursive: true, force: true });
    await esbuild.build({
      entryPoints: [ENTRY, join(ROOT, "dist", "runtime", "knowledge-worker.js")],
      outdir: BUNDLE_DIR,
      entryNames: "[name]",
      bundle: true,
      splitting: true,
      format: "esm",
      platform: "node",
      target: `node${process.versions.node.split(".")[0]}`,
      external: ["@slack/bolt", "discord.js", "ws", "pg", "better-sqlite3", "rate-limiter-flexible"],
      // Bundled CommonJS packages call require(); in an ES module it has to be made.
      banner: {
        js: 'import { createRequire as __tpdRequire } from "node:module"; const require = __tpdRequire(import.meta.url);',
      },
      plugins: [zodEnglishOnly],
      logLevel: "silent",
    });
    return BUNDLE;
  } catch (error) {
    process.stderr.write(`tpd-bot: running dist/ unbundled (${error.message.split("\n")[0]})\n`);
    return null;
  }
}

/**
 * Zod's namespace carries every locale of its error messages (sixty-odd modules, most of the bundle's bytes),
 * which a bundler cannot leave out since `z` is used as a value; the bot uses only English, Zod's default.
 */
const zodEnglishOnly = {
  name: "zod-english-only",
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, ({ importer }) =>
      /[\\/]zod[\\/]v4[\\/](classic|core)[\\/]/.test(importer)
        ? { path: join(importer, "..", "..", "locales", "en.js"), namespace: "zod-locales" }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "zod-locales" }, ({ path }) => ({
      contents: `export { default as en } from ${JSON.stringify(path)};`,
      resolveDir: join(path, ".."),
    }));
  },
};

function fail(message) {
  process.stderr.write(`tpd-bot: cannot start: ${message}\n`);
  process.exit(1);
}

if (!upToDate()) build();
await import(pathToFileURL((await bundled()) ?? ENTRY).href);
