/**
 * The greedy baseline: cheapest insertion, in one order over the days of a period, each day a
 * routing problem timed and priced by the schedule model (no code of its own for the rules).
 * Visits that must start together on two vehicles (double staffing) go first, placed as a pair at
 * a common minute; then the rest by priority level and window tightness. Days may share pair
 * counts (one array for the whole period), so a placement on Monday prices Thursday's choices.
 * Deterministic: no randomness, ties broken by day and visit index.
 */
import { Inserter } from '../insertion.js';
import { place, type SearchContext } from '../operators.js';
import type { Problem } from '../problem.js';
import { Pricer } from '../proposal.js';
import { Rng } from '../rng.js';
import { DEFAULT_PARAMS } from '../search.js';
import { WorkingSolution } from '../solution.js';

/** One day's outcome of {@link greedyPeriod}. */
export interface GreedyDay {
  /** Visit ids per vehicle in order, -1 where the break is taken. */
  readonly routes: number[][];
  /** Visits left out. */
  readonly unassigned: number[];
}

/**
 * Greedy cheapest insertion of every visit of every day. With `sharedPairs` (counts per (group,
 * owner) for the whole period, e.g. client × staff), every day's pair costs see the placements of
 * the others; the problems' own `pairs.met` is the part that does not change (history, head starts).
 */
export function greedyPeriod(days: readonly Problem[], sharedPairs?: Int32Array): GreedyDay[] {
  const sols = days.map((p) => new WorkingSolution(p, sharedPairs));
  const rng = new Rng(1);
  const ctxs: SearchContext[] = sols.map((sol) => {
    const pricer = new Pricer(sol);
    return { sol, pricer, inserter: new Inserter(sol, pricer), rng, params: { ...DEFAULT_PARAMS, blinkRate: 0 } };
  });
  const order: { day: number; visit: number; pair: number; level: number; width: number }[] = [];
  days.forEach((p, day) => {
    for (let v = 0; v < p.nVisits; v++) {
      const partner = syncPartner(p, v);
      if (partner >= 0 && partner < v) continue; // the pair is placed from its first visit
      let width = 0;
      for (let w = p.windowFirst[v]!; w < p.windowFirst[v + 1]!; w++) width += Math.min(1e7, p.windowEnd[w]! - p.windowStart[w]!);
      order.push({ day, visit: v, pair: partner >= 0 ? 0 : 1, level: p.level[v]! < 0 ? 99 : p.level[v]!, width });
    }
  });
  order.sort((a, b) => a.pair - b.pair || a.level - b.level || a.width - b.width || a.day - b.day || a.visit - b.visit);
  for (const job of order) {
    const ctx = ctxs[job.day]!;
    if (ctx.sol.routeOf[job.visit]! < 0) place(ctx, job.visit, 0);
  }
  return sols.map((sol) => ({ routes: sol.routeLists(), unassigned: sol.unassigned() }));
}

/** v's partner on a link that makes both start a fixed gap apart on two vehicles, or -1. */
function syncPartner(p: Problem, v: number): number {
  for (let x = p.linkFirst[v]!; x < p.linkFirst[v + 1]!; x++) {
    const l = p.visitLinks[x]!;
    if (p.linkDifferent[l] && p.linkMin[l] === p.linkMax[l]) return p.linkA[l] === v ? p.linkB[l]! : p.linkA[l]!;
  }
  return -1;
}
