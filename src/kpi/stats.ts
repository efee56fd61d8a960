/**
 * Small numeric helpers shared by the KPI modules. Pure and deterministic.
 * @module
 */

/** Arithmetic mean, or `null` for an empty list. */
export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/**
 * Median, or `null` for an empty list. With an even count it is the mean of the two middle values.
 */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  if (sorted.length % 2 === 1) return sorted[mid]!;
  return (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Smallest and largest value, or `null` for an empty list. */
export function minMax(values: readonly number[]): { min: number; max: number } | null {
  if (values.length === 0) return null;
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max };
}

/** Population standard deviation (divides by n), or `null` for an empty list. */
export function stdev(values: readonly number[]): number | null {
  const m = mean(values);
  if (m === null) return null;
  let sq = 0;
  for (const v of values) sq += (v - m) * (v - m);
  return Math.sqrt(sq / values.length);
}

/**
 * A share `part ÷ whole` as a fraction in [0, 1]; `null` when `whole` is 0. A plan that breaks the
 * rules can make the raw ratio leave [0, 1] (e.g. more visit minutes than paid minutes); the result
 * is clamped so the KPIs always satisfy the `Kpis` schema.
 */
export function share(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  const r = part / whole;
  if (r < 0) return 0;
  if (r > 1) return 1;
  return r;
}

/** A counter of `hits` out of `total`, used for pooled shares. */
export interface Tally {
  hits: number;
  total: number;
}

/** A new zero tally. */
export function tally(): Tally {
  return { hits: 0, total: 0 };
}

/** Adds one observation to a tally. */
export function count(t: Tally, hit: boolean): void {
  t.total++;
  if (hit) t.hits++;
}

/** The share of a tally (`null` when it is empty). */
export function tallyShare(t: Tally): number | null {
  return share(t.hits, t.total);
}
