import { createHash } from "node:crypto";
import { type FSWatcher, watch } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import { basename, dirname, join, relative } from "node:path";
import { describeError } from "../errors.js";
import type { Logger } from "../logger.js";

/** What `/healthz` shows of the watch. */
export type WatchState = {
  /**
   * "watching": file events and the content check; "content check only": the folder cannot be
   * watched (missing, or the system refused), so changes are found by the check alone; "off": KNOWLEDGE_WATCH=false.
   */
  state: "watching" | "content check only" | "off";
  /** Folders with a live watch: the knowledge folder, its sub-folders, and its parent (to see it replaced). */
  watchedFolders: number;
  checkSeconds: number | null;
  lastCheckAt: string | null;
  /** How often the watches were set up again after a folder was replaced or a watch failed. */
  rearms: number;
  /** Changes the content check found that no file event had reported. */
  missedChanges: number;
};

type KnowledgeWatch = { state(): WatchState; stop(): void };

type KnowledgeWatchOptions = {
  dir: string;
  logger: Logger;
  /** Called after a burst of changes, or when the content check finds the files changed. */
  onChange(reason: "file change" | "content check"): Promise<unknown>;
  debounceMs?: number;
  /** How often the safety net hashes the files; 0 turns it off. */
  checkMs: number;
};

export const WATCH_OFF: WatchState = {
  state: "off",
  watchedFolders: 0,
  checkSeconds: null,
  lastCheckAt: null,
  rearms: 0,
  missedChanges: 0,
};

/**
 * Watches the knowledge folder so that every edit reloads it, however the edit is made.
 * A recursive watch follows inodes: after `mv new.yaml deals/uk.yaml`, or the whole folder swapped for
 * another, it silently watches files that are gone. So each folder is watched on its own (a folder's
 * watch sees files renamed into it), the parent is watched to see the folder itself replaced, the
 * watches are set up again whenever a watched folder is no longer the one on disk, and a periodic hash
 * of the files catches anything the events still miss.
 */
export function watchKnowledge(options: KnowledgeWatchOptions): KnowledgeWatch {
  const { dir, logger } = options;
  const debounceMs = options.debounceMs ?? 250;
  let watchers: FSWatcher[] = [];
  /** Folder path -> the inode watched, to tell when a folder was replaced. */
  let armed = new Map<string, string>();
  let armedOk = false;
  let rearms = 0;
  let missedChanges = 0;
  let lastCheckAt: string | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let lastFingerprint: Promise<string> = fingerprint(dir);

  const closeAll = () => {
    for (const watcher of watchers) watcher.close();
    watchers = [];
  };

  const arm = async (): Promise<void> => {
    closeAll();
    const folders = await foldersOf(dir);
    const next = new Map<string, string>();
    try {
      for (const folder of folders) {
        next.set(folder, await inode(folder));
        watchers.push(watchFolder(folder, () => changed()));
      }
      armedOk = folders.length > 0;
    } catch (error) {
      closeAll();
      armedOk = false;
      logger.warn(
        { err: describeError(error).message },
        "knowledge watch unavailable; the content check still reloads",
      );
    }
    try {
      const name = basename(dir);
      watchers.push(watchFolder(dirname(dir), (file) => file === name && changed()));
    } catch {
      // Without the parent's watch, the content check still finds a swapped folder.
    }
    armed = next;
    if (stopped) closeAll();
  };

  const watchFolder = (folder: string, onEvent: (file: string | null) => unknown): FSWatcher => {
    const watcher = watch(folder, (_event, file) => onEvent(file === null ? null : String(file)));
    watcher.on("error", (error) => {
      // Set up again at the next event or content check, not at once: a lasting error would loop.
      armedOk = false;
      logger.warn({ err: describeError(error).message }, "knowledge watch failed; it will be set up again");
    });
    return watcher;
  };

  /**
   * Sets the watches up again when a watched folder is gone, replaced or joined by a new one, or a
   * watch failed. Chained, so two callers never set up watches side by side.
   */
  let settling: Promise<void> = Promise.resolve();
  const rearmIfMoved = (): Promise<void> => {
    settling = settling.then(async () => {
      if (stopped) return;
      const folders = await foldersOf(dir);
      let moved = !armedOk || folders.length !== armed.size;
      for (const folder of folders) {
        if (moved) break;
        moved = armed.get(folder) !== (await inode(folder).catch(() => "gone"));
      }
      if (!moved) return;
      rearms += 1;
      await arm();
      logger.info({ watchedFolders: watchers.length, armed: armedOk }, "knowledge watch set up again");
    });
    return settling;
  };

  const reload = async (reason: "file change" | "content check"): Promise<void> => {
    lastFingerprint = fingerprint(dir);
    await lastFingerprint;
    await options.onChange(reason);
  };

  const changed = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      if (stopped) return;
      // Re-arm before reading, so an edit made during the reload still raises an event.
      void rearmIfMoved().then(() => reload("file change"));
    }, debounceMs);
  };

  const check = async (): Promise<void> => {
    if (stopped) return;
    const [before, now] = [await lastFingerprint, await fingerprint(dir)];
    lastCheckAt = new Date().toISOString();
    await rearmIfMoved();
    if (now === before || timer) return; // unchanged, or a reload is already on its way
    missedChanges += 1;
    logger.warn({ reason: "content check" }, "knowledge changed without a file event; reloading");
    await reload("content check");
  };

  settling = arm();
  const interval = options.checkMs > 0 ? setInterval(() => void check(), options.checkMs) : null;
  interval?.unref();

  return {
    state: () => ({
      state: armedOk ? "watching" : "content check only",
      watchedFolders: watchers.length,
      checkSeconds: options.checkMs > 0 ? options.checkMs / 1000 : null,
      lastCheckAt,
      rearms,
      missedChanges,
    }),
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (interval) clearInterval(interval);
      closeAll();
    },
  };
}

/** The folder and every folder under it, or nothing when it is missing. */
async function foldersOf(dir: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (folder: string): Promise<void> => {
    found.push(folder);
    const entries = await readdir(folder, { withFileTypes: true });
    const names = entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    for (const name of names.sort()) await walk(join(folder, name));
  };
  try {
    await walk(dir);
  } catch {
    return [];
  }
  return found;
}

async function inode(path: string): Promise<string> {
  const info = await stat(path);
  return `${info.dev}:${info.ino}`;
}

/** A hash of every YAML file's path and content under `dir` ("missing" when it cannot be read). */
async function fingerprint(dir: string): Promise<string> {
  const hash = createHash("sha256");
  try {
    for (const folder of await foldersOf(dir)) {
      const names = (await readdir(folder)).filter((name) => /\.ya?ml$/.test(name)).sort();
      for (const name of names) {
        const path = join(folder, name);
        hash.update(`${relative(dir, path)}\0`);
        hash.update(await readFile(path).catch(() => Buffer.from("unreadable")));
        hash.update("\0");
      }
    }
  } catch {
    return "missing";
  }
  return hash.digest("hex");
}
