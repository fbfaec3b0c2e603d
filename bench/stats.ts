/** Latency over samples in milliseconds: nearest-rank percentiles. */
export type Summary = { n: number; p50: number; p99: number; max: number };

export function summarize(samples: readonly number[]): Summary {
  const sorted = Float64Array.from(samples).sort();
  const at = (p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
  return { n: sorted.length, p50: round(at(50)), p99: round(at(99)), max: round(at(100)) };
}

/** One figure over several runs: a verdict is read from the median, with the range beside it. */
export type Spread = { median: number; min: number; max: number; runs: number[] };

export function spread(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN;
  return { median, min: sorted[0] ?? Number.NaN, max: sorted.at(-1) ?? Number.NaN, runs: [...values] };
}

export function round(value: number, digits = 3): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Three significant digits or whole units: 0.174, 1.01, 27.6, 5746. */
export function short(value: number): string {
  if (!Number.isFinite(value) || Math.abs(value) >= 100) return String(Math.round(value));
  return value.toPrecision(3);
}

/** Runs `work` (sync or async) and returns its value with the milliseconds it took. */
export async function timed<T>(work: () => T | Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const value = await work();
  return [value, performance.now() - started];
}
