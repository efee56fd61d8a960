/**
 * Time-window helpers: the only code the schedule model ({@link ./schedule.ts}) and the
 * independent evaluator ({@link ./evaluate.ts}) share besides the compiled problem. A visit has one
 * or more sorted, disjoint windows for its service start, `windowStart/End[windowFirst[v] ..
 * windowFirst[v + 1])`, both ends inclusive.
 */
import type { Problem } from './problem.js';

/**
 * Earliest start ≥ `t` inside one of visit v's windows. With soft windows a start after the last
 * window is allowed (returns `t`, the visit is late); with hard windows it returns Infinity.
 */
export function earliestStart(p: Problem, v: number, t: number): number {
  const end = p.windowFirst[v + 1]!;
  for (let w = p.windowFirst[v]!; w < end; w++) {
    if (t <= p.windowEnd[w]!) return t < p.windowStart[w]! ? p.windowStart[w]! : t;
  }
  return p.soft ? t : Infinity;
}

/** Latest start ≤ `t` inside one of visit v's (hard) windows, or -Infinity when there is none. */
export function latestStart(p: Problem, v: number, t: number): number {
  for (let w = p.windowFirst[v + 1]! - 1; w >= p.windowFirst[v]!; w--) {
    if (p.windowStart[w]! <= t) return t < p.windowEnd[w]! ? t : p.windowEnd[w]!;
  }
  return -Infinity;
}

/**
 * Tardiness of a start at `s`: the time past visit v's due time, plus with soft windows the time
 * past the last window end before `s` (0 inside a window).
 */
export function tardinessAt(p: Problem, v: number, s: number): number {
  const late = s > p.due[v]! ? s - p.due[v]! : 0;
  return p.soft ? late + windowTardiness(p, v, s) : late;
}

/** With soft windows: 0 inside a window, else the time past the last window end before `s`. */
function windowTardiness(p: Problem, v: number, s: number): number {
  const end = p.windowFirst[v + 1]!;
  let last = -Infinity;
  for (let w = p.windowFirst[v]!; w < end; w++) {
    if (s < p.windowStart[w]!) break;
    if (s <= p.windowEnd[w]!) return 0;
    last = p.windowEnd[w]!;
  }
  return s - last > 0 && last !== -Infinity ? s - last : 0;
}
