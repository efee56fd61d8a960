/**
 * The engine's score, compared lexicographically: unplanned required visits per priority level
 * (level 0 first; fewer is better), then the cost. Infeasible solutions are never scored: the
 * schedule model rejects them before they exist. No penalty magnitudes have to be kept in step.
 */

/** A lexicographic score. */
export interface Score {
  /** Unplanned required visits per level. */
  readonly unplanned: Int32Array;
  /** Soft cost: travel, tardiness, per-visit and pair costs, optional visits left out. */
  cost: number;
}

/** A new score with `nLevels` levels. */
export function newScore(nLevels: number): Score {
  return { unplanned: new Int32Array(nLevels), cost: 0 };
}

/** Copies `src` into `dst`. */
export function copyScore(dst: Score, src: Score): Score {
  dst.unplanned.set(src.unplanned);
  dst.cost = src.cost;
  return dst;
}

/** Negative when a is better than b, 0 when the unplanned counts agree and costs tie within `eps`, positive otherwise. */
export function compareScores(a: Score, b: Score, eps = 1e-9): number {
  const n = a.unplanned.length;
  for (let i = 0; i < n; i++) {
    const d = a.unplanned[i]! - b.unplanned[i]!;
    if (d !== 0) return d;
  }
  const d = a.cost - b.cost;
  return d < -eps ? -1 : d > eps ? 1 : 0;
}

/** Level-by-level comparison only: negative when a has fewer unplanned visits (lexicographically). */
export function compareUnplanned(a: Score, b: Score): number {
  for (let i = 0; i < a.unplanned.length; i++) {
    const d = a.unplanned[i]! - b.unplanned[i]!;
    if (d !== 0) return d;
  }
  return 0;
}

/** Total unplanned required visits. */
export function unplannedCount(s: Score): number {
  let n = 0;
  for (const x of s.unplanned) n += x;
  return n;
}
