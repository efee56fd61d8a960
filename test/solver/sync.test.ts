import { describe, expect, it } from 'vitest';
import { parseSolomon, solomonProblem } from '../../src/benchmarks/solomon.js';
import { WorkingSolution } from '../../solver/solution.js';
import { solve } from '../../solver/search.js';
import { solomonText } from './helpers.js';

/** Every assigned visit sits where routeOf/posOf say, and every route slot is an assigned visit. */
function consistent(sol: WorkingSolution): boolean {
  let inRoutes = 0;
  for (let k = 0; k < sol.p.nVehicles; k++) {
    for (let j = 0; j < sol.len[k]!; j++) {
      const v = sol.nodes[k * sol.stride + j]!;
      if (sol.routeOf[v] !== k || sol.posOf[v] !== j) return false;
      inRoutes++;
    }
  }
  let assigned = 0;
  for (let v = 0; v < sol.p.nVisits; v++) if (sol.routeOf[v]! >= 0) assigned++;
  return assigned === inRoutes;
}

describe('WorkingSolution.syncFrom', () => {
  it('keeps route lists and assignments in step when visits move both ways between changed routes', () => {
    const problem = solomonProblem(parseSolomon(solomonText('R101', 25)));
    const routes = solve(problem, { seed: 1, maxIterations: 200 }).routes.filter((r) => r.length >= 2);
    const [first, last] = [routes[0]!, routes[routes.length - 1]!];
    const src = new WorkingSolution(problem);
    const dst = new WorkingSolution(problem);
    src.setRoutes(routes);
    dst.setRoutes(routes);
    src.clearDirty();
    dst.clearDirty();
    // One visit each way between the first and the last route: whichever order the changed routes
    // are handled in, one visit moves into a route handled before its old one.
    const a = first[0]!;
    const b = last[0]!;
    src.relocate(a, src.routeOf[b]!, 0);
    src.relocate(b, dst.routeOf[a]!, 0);
    expect(consistent(src)).toBe(true);
    dst.syncFrom(src, src);
    expect(consistent(dst)).toBe(true);
    expect(dst.routes()).toEqual(src.routes());
  });
});
