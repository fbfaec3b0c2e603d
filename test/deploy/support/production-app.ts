import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { cp, mkdir, mkdtemp, readdir, readFile, rename, rm, stat, utimes } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join, relative } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { ROOT } from "../../helpers/run-process.js";
import { copies, readDockerfile, runCommands, type Stage, stageNamed } from "./dockerfile.js";

/**
 * The Docker image's file system without Docker: the Dockerfile's build and production-deps stages run here
 * (same commands), and its final stage's COPY lines are followed into a fresh folder.
 *
 * The production install compiles better-sqlite3 from source when no prebuilt binary can be downloaded (as
 * here, offline): 75 s on two idle cores, over 200 s on busy ones. So each stage's output is kept in the temp
 * folder under a hash of its inputs (the sources; the lock file, package.json's dependencies, the install
 * command and the Node version) and made again only when one changes. TPD_FRESH_INSTALL=1 installs into the app folder itself instead, every time.
 */
const CACHE = join(tmpdir(), "tpd-bot-deploy-cache");
const STALE_LOCK_MS = 10 * 60_000;

export type ProductionApp = {
  dir: string;
  /** What each step cost in this run, in ms (0 when taken from the cache). */
  timings: { buildMs: number; installMs: number; assembleMs: number };
  /** The install command run, from the Dockerfile's production-deps stage. */
  installCommand: string[];
  remove(): Promise<void>;
};

export async function productionApp(): Promise<ProductionApp> {
  const stages = readDockerfile();
  const final = stages.at(-1) as Stage;
  const installCommand = [...npmCommand(stageNamed(stages, "production-deps"), "ci"), "--prefer-offline"];
  const fresh = process.env.TPD_FRESH_INSTALL === "1";

  const build = await builtDist(stageNamed(stages, "build"));
  const deps = fresh ? { path: null, ms: 0 } : await productionDependencies(installCommand);

  const started = performance.now();
  const dir = await mkdtemp(join(tmpdir(), "tpd-bot-image-"));
  const stageOutputs: Record<string, Record<string, string | null>> = {
    build: { "/app/dist": build.path },
    "production-deps": { "/app/node_modules": deps.path },
  };
  let installMs = deps.ms;
  for (const { from, sources, destination } of copies(final)) {
    for (const source of sources) {
      const target =
        sources.length > 1 || destination.endsWith("/")
          ? join(dir, destination, source)
          : join(dir, destination);
      if (from === null) {
        await cp(join(ROOT, source), target, { recursive: true });
        continue;
      }
      const output = stageOutputs[from]?.[source];
      if (output === undefined) throw new Error(`the test does not know ${source} of stage ${from}`);
      if (output === null) {
        installMs = await timed(() => run(installCommand, dir));
      } else {
        await cp(output, target, { recursive: true, verbatimSymlinks: true });
      }
    }
  }
  return {
    dir,
    timings: {
      buildMs: build.ms,
      installMs,
      assembleMs: performance.now() - started - (fresh ? installMs : 0),
    },
    installCommand,
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/** An npm script of package.json, as written. */
export const npmScript = (script: string): string =>
  (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> })
    .scripts[script] ?? "";

/** The file an npm script runs with plain node (`"start:built": "node … dist/main.js"` -> `dist/main.js`). */
export function builtScriptEntry(script: string): string {
  const entry = /^node (?:--\S+ )*(dist\/\S+\.js)$/.exec(npmScript(script))?.[1];
  if (!entry) throw new Error(`npm script ${script} does not run built JavaScript with plain node`);
  return entry;
}

/** The stage's `npm <verb> …` command as arguments. */
export function npmCommand(stage: Stage, verb: string): string[] {
  const command = runCommands(stage).find((line) => line.startsWith(`npm ${verb}`));
  if (!command) throw new Error(`no npm ${verb} in stage ${stage.name}`);
  return command.split(" ");
}

/** `npm run build` (the build stage's command) into a cached folder, keyed by the sources. */
async function builtDist(stage: Stage): Promise<{ path: string; ms: number }> {
  const command = npmCommand(stage, "run");
  const inputs = [
    ...(await filesUnder(join(ROOT, "src"))),
    "tsconfig.json",
    "tsconfig.build.json",
    "package.json",
  ];
  const key = await hashOf(
    inputs.map((file) => join(ROOT, file)),
    command.join(" "),
  );
  return cached(join(CACHE, `dist-${key}`), (out) => run([...command, "--", "--outDir", out], ROOT));
}

/** The production install in a folder holding only package.json and the lock file, cached by their hash. */
async function productionDependencies(command: string[]): Promise<{ path: string; ms: number }> {
  // What `npm ci` reads: the lock file and package.json's dependency fields (not its scripts).
  const manifest = JSON.parse(await readFile(join(ROOT, "package.json"), "utf8")) as Record<string, unknown>;
  const dependencyFields = ["dependencies", "devDependencies", "optionalDependencies", "overrides"].map(
    (field) => manifest[field] ?? null,
  );
  const key = await hashOf(
    [join(ROOT, "package-lock.json")],
    `${JSON.stringify(dependencyFields)} ${command.join(" ")} ${process.version} ${process.platform} ${process.arch}`,
  );
  const made = await cached(join(CACHE, `production-deps-${key}`), async (out) => {
    await mkdir(out);
    for (const file of ["package.json", "package-lock.json"]) await cp(join(ROOT, file), join(out, file));
    await run(command, out);
  });
  return { path: join(made.path, "node_modules"), ms: made.ms };
}

/**
 * Makes `target` once: into a temporary sibling, then renamed into place. A second process wanting the same
 * target meanwhile waits for the first (a lock directory) instead of doing the same work twice.
 */
async function cached(
  target: string,
  make: (out: string) => Promise<void>,
): Promise<{ path: string; ms: number }> {
  await mkdir(CACHE, { recursive: true });
  const lock = `${target}.lock`;
  for (;;) {
    if (existsSync(target)) {
      await utimes(target, new Date(), new Date()); // in use: not pruned
      return { path: target, ms: 0 };
    }
    try {
      await mkdir(lock);
      break;
    } catch {
      const age =
        Date.now() -
        (await stat(lock).then(
          (s) => s.mtimeMs,
          () => Date.now(),
        ));
      if (age > STALE_LOCK_MS) await rm(lock, { recursive: true, force: true });
      else await delay(500);
    }
  }
  try {
    if (existsSync(target)) return { path: target, ms: 0 };
    const partial = `${target}.partial-${process.pid}`;
    await rm(partial, { recursive: true, force: true });
    const ms = await timed(() => make(partial));
    await rename(partial, target);
    await pruneOlderVersions(target);
    return { path: target, ms };
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

/** Outputs of the same step made from older inputs, unused for a day, go (production dependencies are ~100 MB). */
async function pruneOlderVersions(target: string): Promise<void> {
  const kind = basename(target).replace(/[^-]+$/, "");
  for (const entry of await readdir(CACHE)) {
    const path = join(CACHE, entry);
    if (!entry.startsWith(kind) || path === target || entry.includes(".")) continue;
    const { mtimeMs } = await stat(path);
    if (Date.now() - mtimeMs > 24 * 3600_000) await rm(path, { recursive: true, force: true });
  }
}

function run(command: string[], cwd: string): Promise<void> {
  const [file = "", ...args] = command;
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      { cwd, env: process.env, timeout: 300_000, maxBuffer: 16 << 20 },
      (error, stdout, stderr) => {
        if (error)
          reject(new Error(`${command.join(" ")} failed in ${cwd}: ${error.message}\n${stdout}\n${stderr}`));
        else resolve();
      },
    );
  });
}

async function timed(work: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)))
    .sort();
}

async function hashOf(files: string[], extra: string): Promise<string> {
  const hash = createHash("sha256").update(extra);
  for (const file of files)
    hash
      .update(relative(ROOT, file))
      .update("\0")
      .update(await readFile(file))
      .update("\0");
  return hash.digest("hex").slice(0, 16);
}
