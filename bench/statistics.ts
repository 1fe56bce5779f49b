/** Summaries of repeated timings: the median, the range, and the spread as a fraction of the median. */
export interface Stats {
  runs: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  /** (max - min) / median: how far apart the runs were. */
  spread: number;
  samplesMs: number[];
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function stats(samplesMs: number[]): Stats {
  const med = median(samplesMs);
  const min = Math.min(...samplesMs);
  const max = Math.max(...samplesMs);
  return {
    runs: samplesMs.length,
    medianMs: round(med),
    minMs: round(min),
    maxMs: round(max),
    spread: round((max - min) / med, 3),
    samplesMs: samplesMs.map((s) => round(s)),
  };
}

/** The median of run-by-run ratios a[i] / b[i]: each pair was measured back to back. */
export function pairedRatio(a: number[], b: number[]): number {
  return round(median(a.map((x, i) => x / b[i]!)), 3);
}

/** Least-squares line through (x, y): the per-unit cost (slope) and the fixed cost (intercept). */
export function linearFit(points: { x: number; y: number }[]): { slope: number; intercept: number; r2: number } {
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const sxy = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const sxx = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  const ssTot = points.reduce((s, p) => s + (p.y - my) ** 2, 0);
  const ssRes = points.reduce((s, p) => s + (p.y - (intercept + slope * p.x)) ** 2, 0);
  return { slope: round(slope, 3), intercept: round(intercept), r2: round(1 - ssRes / ssTot, 4) };
}

export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
