import { describe, expect, it } from 'vitest';
import { evaluateSolution } from '../../solver/evaluate.js';
import { BlinkInsertion, Relocate } from '../../solver/operators.js';
import { compileProblem, type LinkSpec, type ProblemSpec, type VisitSpec } from '../../solver/problem.js';
import { Rng } from '../../solver/rng.js';
import { solve } from '../../solver/search.js';
import { WorkingSolution } from '../../solver/solution.js';

/** A random small home-care day: integer minutes, breaks, working-time limits, double staffing, gaps, optional visits. */
export function randomDay(seed: number, nClients: number, nStaff: number): ProblemSpec {
  const rng = new Rng(seed);
  const pts: [number, number][] = [[0, 0]];
  for (let i = 0; i < nClients; i++) pts.push([rng.range(-20, 20), rng.range(-20, 20)]);
  const n = pts.length;
  const travel: number[] = [];
  for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) travel.push(Math.round(Math.hypot(pts[a]![0] - pts[b]![0], pts[a]![1] - pts[b]![1])) + (a === b ? 0 : 2));
  const visits: VisitSpec[] = [];
  const links: LinkSpec[] = [];
  for (let c = 1; c <= nClients; c++) {
    const kind = rng.int(4);
    const dur = 15 + 5 * rng.int(6);
    if (kind === 0) {
      // double staffed
      const w: [number, number] = [rng.range(60, 300), 0];
      w[1] = w[0] + 60;
      visits.push({ location: c, duration: dur, windows: [w], skills: [1] }, { location: c, duration: dur, windows: [w] });
      links.push({ a: visits.length - 2, b: visits.length - 1, minGap: 0, maxGap: 0, differentVehicles: true });
    } else if (kind === 1) {
      // two meals 120–240 min apart
      visits.push({ location: c, duration: dur, windows: [[0, 200]] }, { location: c, duration: dur, windows: [[100, 460]] });
      links.push({ a: visits.length - 2, b: visits.length - 1, minGap: 120, maxGap: 240 });
    } else if (kind === 2) {
      visits.push({ location: c, duration: dur, windows: [[0, 90], [240, 330]], unassignedPenalty: 50 + rng.int(100), refusedVehicles: [0] });
    } else {
      visits.push({ location: c, duration: dur, vehicleCost: Array.from({ length: nStaff }, () => rng.int(20)) });
    }
  }
  return {
    nLocations: n,
    travel,
    visits,
    vehicles: Array.from({ length: nStaff }, (_, k) => ({
      start: 0,
      end: 0,
      shiftStart: 0,
      shiftEnd: 480,
      skills: k % 2 === 0 ? [1] : [],
      maxWorkTime: 420,
      break: { duration: 30, earliest: 180, latest: 270, atBase: k % 3 === 0 },
    })),
    links,
  };
}

describe('general path (breaks, working time, links, optional visits)', () => {
  for (const seed of [1, 2, 3]) {
    it(`random day ${seed}: solver output passes the evaluator with the same cost`, () => {
      const p = compileProblem(randomDay(seed, 14, 4));
      const res = solve(p, { seed, maxIterations: 300 });
      const ev = evaluateSolution(p, res.routes);
      expect(ev.violations).toEqual([]);
      expect(ev.cost).toBeCloseTo(res.cost, 6);
      expect(res.unassigned.length).toBeLessThan(p.nVisits / 2);
      const again = solve(p, { seed, maxIterations: 300 });
      expect(again.routes).toEqual(res.routes);
    });
  }

  it('exact relocate: predicted deltas match and moves stay feasible', () => {
    const p = compileProblem(randomDay(9, 14, 4));
    const sol = new WorkingSolution(p);
    const rng = new Rng(3);
    // A poor start: insertion with most positions blinked.
    for (let v = 0; v < p.nVisits; v++) sol.removed[sol.nRemoved++] = v;
    new BlinkInsertion().apply(sol, rng, { avgRemoved: 10, maxString: 10, splitDepth: 0.01, splitRate: 0.5, blinkRate: 0.7 });
    const op = new Relocate();
    let moves = 0;
    for (let i = 0; i < 300; i++) {
      const before = sol.cost();
      const d = op.evaluate(sol, rng);
      if (d >= -1e-9) continue;
      op.apply(sol);
      moves++;
      expect(sol.cost()).toBeCloseTo(before + d, 6);
      const ev = evaluateSolution(p, sol.routes());
      expect(ev.violations).toEqual([]);
      expect(ev.cost).toBeCloseTo(sol.cost(), 6);
    }
    expect(moves).toBeGreaterThan(0);
  });
});
