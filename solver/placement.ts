/**
 * Given routes timed by the schedule model: breaks where marked (else where its pass puts them),
 * link bounds at their least fixed point; routes that break a rule lose the visits that break it.
 */
import { dropInfeasible } from './evaluate.js';
import type { Problem } from './problem.js';
import { WorkingSolution } from './solution.js';

/**
 * The routes (visit ids per vehicle, -1 at a kept break) with their breaks placed, as route
 * lists with -1 at the break, and the visits that had to be left out to keep every rule.
 */
export function scheduleRoutes(p: Problem, routes: readonly (readonly number[])[]): { routes: number[][]; dropped: number[] } {
  const sol = new WorkingSolution(p);
  const lists = routes.slice(0, p.nVehicles);
  if (sol.setRoutes(lists)) return { routes: sol.routeLists(), dropped: [] };
  const bare = new WorkingSolution(p);
  if (bare.setRoutes(lists.map((r) => r.filter((v) => v >= 0)))) return { routes: bare.routeLists(), dropped: [] };
  const repaired = dropInfeasible(p, sol.routeLists());
  const again = new WorkingSolution(p);
  again.setRoutes(repaired.routes);
  return { routes: again.routeLists(), dropped: repaired.dropped };
}
