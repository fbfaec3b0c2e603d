import { execFileSync } from "node:child_process";
import { cpus, loadavg, platform, release, totalmem } from "node:os";
import { REPO } from "./spawn.js";

export type Machine = {
  cpu: string;
  cores: number;
  memoryGB: number;
  node: string;
  os: string;
  /** 1-minute load average when the run began and ended: other work on the machine skews every figure. */
  loadAverage: { start: number; end?: number };
  date: string;
  commit: string;
};

export function machine(): Machine {
  const cpu = cpus();
  return {
    cpu: cpu[0]?.model.trim() ?? "unknown",
    cores: cpu.length,
    memoryGB: Math.round(totalmem() / 1024 ** 3),
    node: process.version,
    os: `${platform()} ${release()}`,
    loadAverage: { start: Math.round((loadavg()[0] ?? 0) * 100) / 100 },
    date: new Date().toISOString(),
    commit: gitCommit(),
  };
}

export function currentLoad(): number {
  return Math.round((loadavg()[0] ?? 0) * 100) / 100;
}

function gitCommit(): string {
  try {
    const head = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: REPO }).toString().trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--", "src", "knowledge"], {
      cwd: REPO,
    }).toString();
    return dirty.trim() ? `${head} (with uncommitted changes in src/ or knowledge/)` : head;
  } catch {
    return "unknown";
  }
}
