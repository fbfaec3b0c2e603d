// `npm start`: runs the compiled bot (dist/main.js), compiling it first when dist/ is missing or older than
// the sources, so a fresh checkout starts with `npm install && npm start` and later starts skip the compiler.
// Where esbuild is installed (a dev dependency), the compiled output is also bundled into dist/bundle/: one
// file, run with V8's code cache of its last run, so the console answers sooner. Plain JavaScript, so that
// nothing compiles this file either.
import { createHash, randomUUID } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { createRequire, Module } from "node:module";
import { basename, dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { constants, Script } from "node:vm";

const ROOT = join(import.meta.dirname, "..");
const ENTRY = join(ROOT, "dist", "main.js");
const BUNDLE_DIR = join(ROOT, "dist", "bundle");
const BUNDLE = join(BUNDLE_DIR, "main.cjs");
const BUNDLED_WORKER = join(BUNDLE_DIR, "knowledge-worker.js");
/**
 * V8's compiled code of the bundle, written at the end of a clean run: the SHA-256 of the bundle it was made
 * from, the SHA-256 of V8's data, then the data. V8 itself checks only the source's length, and no checksum.
 */
const CODE_CACHE = join(BUNDLE_DIR, "main.cjs.code-cache");
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
  // the time. The compiler's report goes to stderr: stdout belongs to the console's answers. Loaded here, as an
  // up-to-date start has no child to run.
  const { spawnSync } = require("node:child_process");
  const result = spawnSync(process.execPath, [compiler, "-p", "tsconfig.build.json", "--noCheck"], {
    cwd: ROOT,
    stdio: ["ignore", 2, 2],
  });
  if (result.status !== 0)
    fail("the TypeScript build failed (see above); fix it, then run `npm start` again");
}

/**
 * The bundle of dist/main.js, rebuilt when dist/ is newer; null (run dist/ itself) without esbuild or when
 * bundling fails. CommonJS, so that it can run from V8's code cache (Node 20 caches no ES module's code); the
 * platform code is in it but runs, and is compiled, only when a platform is configured. Platform libraries
 * stay outside it (native code, files they read at run time). The knowledge worker is a bundle of its own
 * beside it, where dist/ has it beside the code that starts it.
 */
async function bundled() {
  const built = statSync(ENTRY).mtimeMs;
  if ([BUNDLE, BUNDLED_WORKER].every((path) => existsSync(path) && statSync(path).mtimeMs >= built))
    return BUNDLE;
  let esbuild;
  try {
    esbuild = require("esbuild");
  } catch {
    return null;
  }
  const common = {
    bundle: true,
    platform: "node",
    target: `node${process.versions.node.split(".")[0]}`,
    // esbuild takes Node for lacking \p{Lu}-style escapes and would build such a pattern anew on every call.
    supported: { "regexp-unicode-property-escapes": true },
    external: ["@slack/bolt", "discord.js", "ws", "pg", "better-sqlite3", "rate-limiter-flexible"],
    plugins: [zodEnglishOnly],
    logLevel: "silent",
    // An id of this build, under which the loader keeps the validated knowledge between starts
    // (src/knowledge/snapshot.ts): a snapshot is read only by the bundle that wrote it.
    define: { __TPD_BUILD_ID__: JSON.stringify(randomUUID()) },
  };
  // Built aside, in a folder of this start's own, then each file renamed into place: two starts at the same
  // moment each build whole files, and neither deletes the other's. The worker goes first, so a start that
  // finds the new main.cjs finds its worker beside it.
  mkdirSync(BUNDLE_DIR, { recursive: true });
  const aside = mkdtempSync(`${BUNDLE_DIR}.building-`);
  const asideOf = (path) => join(aside, basename(path));
  try {
    const builds = await Promise.allSettled([
      esbuild.build({
        ...common,
        entryPoints: [ENTRY],
        outfile: asideOf(BUNDLE),
        format: "cjs",
        // V8's code cache drops what a cached script needs to run import() (Node 20), so none is left in: an
        // external import() becomes require(), as a static import of one already does in CommonJS.
        supported: { ...common.supported, "dynamic-import": false },
        // The one place dist/ reads its own URL (to find the knowledge worker beside it).
        define: { ...common.define, "import.meta.url": "__tpdModuleUrl" },
        // Strict, as an ES module is: esbuild's own "use strict" comes after the banner, where it is no directive.
        banner: {
          js: '"use strict";\nconst __tpdModuleUrl = require("node:url").pathToFileURL(__filename).href;',
        },
      }),
      esbuild.build({
        ...common,
        entryPoints: [join(ROOT, "dist", "runtime", "knowledge-worker.js")],
        outfile: asideOf(BUNDLED_WORKER),
        format: "esm",
        // Bundled CommonJS packages call require(); in an ES module it has to be made.
        banner: {
          js: 'import { createRequire as __tpdRequire } from "node:module"; const require = __tpdRequire(import.meta.url);',
        },
      }),
    ]);
    const failed = builds.find((build) => build.status === "rejected");
    if (failed) throw failed.reason;
    // Both files or neither: a bundle without its worker would fail every knowledge reload.
    for (const path of [BUNDLED_WORKER, BUNDLE]) renameSync(asideOf(path), path);
    return BUNDLE;
  } catch (error) {
    process.stderr.write(`tpd-bot: running dist/ unbundled (${error.message.split("\n")[0]})\n`);
    return null;
  } finally {
    rmSync(aside, { recursive: true, force: true });
  }
}

/**
 * Runs the CommonJS bundle as Node's require would, but compiled from CODE_CACHE when it was made from this very
 * bundle and V8 accepts it. Without a usable cache, a run that ends cleanly writes one, holding every function
 * it compiled by then (start-up, loading, answering), so the next start compiles almost nothing.
 */
function runBundle(file) {
  const source = readFileSync(file);
  const bundleHash = sha256(source);
  const cachedData = readCodeCache(bundleHash);
  const script = new Script(Module.wrap(source.toString("utf8")), {
    filename: file,
    cachedData,
    importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  if (cachedData === undefined || script.cachedDataRejected)
    process.once("exit", (code) => code === 0 && saveCodeCache(script, bundleHash));
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
}

const sha256 = (bytes) => createHash("sha256").update(bytes).digest();

/** V8's data in CODE_CACHE, if the file is whole and was made from the bundle with this hash. */
function readCodeCache(bundleHash) {
  let file;
  try {
    file = readFileSync(CODE_CACHE);
  } catch {
    return undefined;
  }
  const data = file.subarray(64);
  const intact = file.subarray(0, 32).equals(bundleHash) && file.subarray(32, 64).equals(sha256(data));
  return intact ? data : undefined;
}

/** Best effort: a read-only install runs without a cache. Written aside, then renamed, as two starts may race. */
function saveCodeCache(script, bundleHash) {
  const aside = `${CODE_CACHE}.${process.pid}`;
  try {
    const data = script.createCachedData();
    writeFileSync(aside, Buffer.concat([bundleHash, sha256(data), data]));
    renameSync(aside, CODE_CACHE);
  } catch {
    rmSync(aside, { force: true });
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
const bundle = await bundled();
if (bundle) runBundle(bundle);
else await import(pathToFileURL(ENTRY).href);
