/**
 * Where a new visit fits into a day's routes, by the routing core: every vehicle and every position,
 * each tried as a real insertion (timed by the one schedule model, links and breaks included) and
 * undone at once. Exact, not estimated: a slot's price is the day cost the insertion adds.
 */
import { WorkingSolution, type Problem } from '../../solver/index.js';

/** One place for a visit on a day: the vehicles (day shift positions) that take it and what it adds. */
export interface Slot {
  /** Day vehicles: one, or two for a double-staffed visit (first half's first). */
  readonly vehicles: readonly number[];
  /** Day cost added (soft cost of the engine; the weekly objective's share of the day). */
  readonly delta: number;
  /** The day's routes with the visit inserted (engine lists, -1 at the break). */
  readonly routes: number[][];
  /** The problem the routes are timed by, when not the day's own (a route whose visits may shift). */
  readonly problem?: Problem;
}

/**
 * The cheapest slot per vehicle (per first vehicle for a pair) for engine visits `halves` (one
 * visit, or the two linked halves of a double-staffed visit) on `routes`, cheapest first. A pair's
 * first half takes its cheapest position on each vehicle, then the second half every position of
 * every other vehicle. `allowed` limits the vehicles (e.g. to a team). `own` = false marks the
 * slots as timed by `problem` rather than the day's own (see {@link Slot.problem}).
 */
export function slotsFor(problem: Problem, routes: readonly (readonly number[])[], halves: readonly number[], allowed: (k: number) => boolean = () => true, own = true): Slot[] {
  const sol = new WorkingSolution(problem);
  if (!sol.setRoutes(routes)) return [];
  const base = sol.cost();
  const nK = problem.nVehicles;
  const fits = (v: number, k: number): boolean => problem.compat[v * nK + k] === 1 && allowed(k);
  const [a, b] = halves as [number, number | undefined];
  const out: Slot[] = [];
  for (let k = 0; k < nK; k++) {
    if (!fits(a, k)) continue;
    const first = cheapest(sol, a, k);
    if (!first) continue;
    if (b === undefined) {
      out.push({ vehicles: [k], delta: first.cost - base, routes: first.routes, ...(own ? {} : { problem }) });
      continue;
    }
    // The pair: the first half where it is cheapest alone, then the partner anywhere else.
    sol.begin();
    if (sol.insert(a, k, first.pos)) {
      let best: { k2: number; cost: number; routes: number[][] } | null = null;
      for (let k2 = 0; k2 < nK; k2++) {
        if (k2 === k || !fits(b, k2)) continue;
        const second = cheapest(sol, b, k2);
        if (second && (!best || second.cost < best.cost)) best = { k2, cost: second.cost, routes: second.routes };
      }
      if (best) out.push({ vehicles: [k, best.k2], delta: best.cost - base, routes: best.routes, ...(own ? {} : { problem }) });
    }
    sol.rollback();
  }
  out.sort((x, y) => x.delta - y.delta || x.vehicles[0]! - y.vehicles[0]!);
  // A pair found from either of its vehicles is one option (the cheaper way of placing it).
  const seen = new Set<string>();
  return out.filter((s) => {
    const key = [...s.vehicles].sort((x, y) => x - y).join(',');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The cheapest feasible position of unassigned visit v on vehicle k, by trial insertion; null when none. */
function cheapest(sol: WorkingSolution, v: number, k: number): { pos: number; cost: number; routes: number[][] } | null {
  let best: { pos: number; cost: number; routes: number[][] } | null = null;
  const len = sol.routes[k]!.len;
  for (let pos = 0; pos <= len; pos++) {
    sol.begin();
    if (sol.insert(v, k, pos) && sol.feasible()) {
      const cost = sol.cost();
      if (!best || cost < best.cost) best = { pos, cost, routes: sol.routeLists() };
    }
    sol.rollback();
  }
  return best;
}
