/** Latency and memory figures shared by every section. */

export type Summary = { n: number; p50: number; p99: number; max: number; mean: number };

/** Nearest-rank percentile of an ascending array (0 < p ≤ 100). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = Float64Array.from(samples).sort();
  const values = Array.from(sorted);
  const total = values.reduce((sum, value) => sum + value, 0);
  return {
    n: values.length,
    p50: round(percentile(values, 50)),
    p99: round(percentile(values, 99)),
    max: round(values.at(-1) ?? Number.NaN),
    mean: round(values.length > 0 ? total / values.length : Number.NaN),
  };
}

export function median(samples: readonly number[]): number {
  return percentile(
    [...samples].sort((a, b) => a - b),
    50,
  );
}

/** Three significant decimals at most; figures below a microsecond are noise anyway. */
export function round(value: number, digits = 3): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

export const MB = 1024 * 1024;

export type Memory = { rssMB: number; heapUsedMB: number };

/** Memory after a full collection when the process runs with --expose-gc, so heap figures are live data. */
export function memory(): Memory {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
  const usage = process.memoryUsage();
  return { rssMB: round(usage.rss / MB, 1), heapUsedMB: round(usage.heapUsed / MB, 1) };
}

/** Milliseconds taken by `work`, with its result. */
export function timed<T>(work: () => T): { ms: number; value: T } {
  const started = performance.now();
  const value = work();
  return { ms: round(performance.now() - started), value };
}

export async function timedAsync<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: round(performance.now() - started), value };
}

/** Three significant digits or whole units: 0.174, 1.01, 27.6, 5746. */
export function short(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs >= 100) return String(Math.round(value));
  if (abs >= 10) return value.toFixed(1);
  if (abs >= 1) return value.toFixed(2);
  return value.toFixed(3);
}
