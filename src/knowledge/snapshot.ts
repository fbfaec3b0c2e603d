import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { KnowledgeBase } from "../core/model.js";

/**
 * An id of the bundle `npm start` runs (scripts/start.mjs sets it when it bundles dist/, a new one each time);
 * undefined anywhere else, where no snapshot is read or written.
 */
declare const __TPD_BUILD_ID__: string | undefined;
const BUILD_ID = typeof __TPD_BUILD_ID__ === "string" ? __TPD_BUILD_ID__ : null;

/** Beside the bundle: dist/bundle/knowledge-snapshots/. */
const SNAPSHOTS = fileURLToPath(new URL("knowledge-snapshots/", import.meta.url));

/**
 * The knowledge as the loader validated it from files whose hash is `version`, kept as JSON between starts of the
 * same bundle: a start whose files are unchanged parses one JSON file instead of the YAML, and validates nothing
 * (it was validated, by this very code, when the snapshot was written). Null when there is none to read.
 */
export function readSnapshot(version: string): KnowledgeBase | null {
  if (!BUILD_ID) return null;
  try {
    return JSON.parse(readFileSync(snapshotPath(version), "utf8")) as KnowledgeBase;
  } catch {
    return null; // none yet, or a damaged one: read the YAML, and write a new one
  }
}

/** Keeps `knowledge` for the next start, in place of any older snapshot; best effort (dist/ may be read-only). */
export function writeSnapshot(version: string, knowledge: KnowledgeBase): void {
  if (!BUILD_ID) return;
  const path = snapshotPath(version);
  const aside = `${path}.${process.pid}`;
  try {
    mkdirSync(SNAPSHOTS, { recursive: true });
    writeFileSync(aside, JSON.stringify(knowledge));
    renameSync(aside, path); // whole or not at all, as two starts may write at once
    for (const name of readdirSync(SNAPSHOTS))
      if (join(SNAPSHOTS, name) !== path && name.endsWith(".json"))
        rmSync(join(SNAPSHOTS, name), { force: true });
  } catch {
    rmSync(aside, { force: true });
  }
}

const snapshotPath = (version: string) => join(SNAPSHOTS, `${BUILD_ID}-${version}.json`);
