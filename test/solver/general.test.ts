/**
 * The general path on a day that mixes everything the planner produces: double staffing (one half
 * needing a skill), two meals of a client with a minimum and a maximum gap (two staff), optional
 * visits with two windows that one staff member is refused, per-(visit, staff) costs, working-time
 * limits and breaks at the base or anywhere. Solve results pass the evaluator; insertions and every
 * move are priced as their commits cost.
 */
import { describe, expect, it } from 'vitest';
import { evaluateSolution } from '../../solver/evaluate.js';
import { compileProblem, type LinkSpec, type Problem, type VisitSpec } from '../../solver/problem.js';
import { Rng } from '../../solver/rng.js';
import { solve } from '../../solver/search.js';
import { checkAllMoves, checkInsertions, contextFor, expectAgrees, newTally, placeAll } from './checks.js';

function generalDay(seed: number, nClients: number, nStaff: number): Problem {
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
      // Double staffing; one of the two needs skill 1.
      const s = rng.range(60, 300);
      visits.push({ location: c, duration: dur, windows: [[s, s + 60]], skills: [1] }, { location: c, duration: dur, windows: [[s, s + 60]] });
      links.push({ a: visits.length - 2, b: visits.length - 1, minGap: 0, maxGap: 0, differentVehicles: true });
    } else if (kind === 1) {
      // Two meals 120–240 minutes apart (a maximum gap needs two staff).
      visits.push({ location: c, duration: dur, windows: [[0, 200]] }, { location: c, duration: dur, windows: [[100, 460]] });
      links.push({ a: visits.length - 2, b: visits.length - 1, minGap: 120, maxGap: 240, differentVehicles: true });
    } else if (kind === 2) {
      visits.push({ location: c, duration: dur, windows: [[0, 90], [240, 330]], unassignedPenalty: 50 + rng.int(100), refusedVehicles: [0] });
    } else {
      visits.push({ location: c, duration: dur, vehicleCost: Array.from({ length: nStaff }, () => rng.int(20)) });
    }
  }
  return compileProblem({
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
  });
}

describe('general path (breaks, working time, links, optional visits, staff restrictions)', () => {
  for (const seed of [1, 2, 3]) {
    it(`day ${seed}: solve results pass the evaluator at the same cost, deterministically`, () => {
      const p = generalDay(seed, 14, 4);
      const res = solve(p, { seed, maxIterations: 150 });
      const ev = evaluateSolution(p, res.routes);
      expect(ev.violations).toEqual([]);
      expect(ev.cost).toBeCloseTo(res.cost, 6);
      expect(ev.unplanned).toEqual(res.unplanned);
      expect(res.unassigned.length).toBeLessThan(p.nVisits / 2);
      expect(solve(p, { seed, maxIterations: 150 }).routes).toEqual(res.routes);
    });
  }

  for (const seed of [4, 5, 6]) {
    it(`day ${seed}: insertions and every move of every operator are priced as their commits cost`, () => {
      const ctx = contextFor(generalDay(seed, 14, 4), seed);
      placeAll(ctx, 0.7);
      expectAgrees(ctx.sol);
      expect(checkInsertions(ctx, 8).inserted).toBeGreaterThan(10);
      const tally = newTally();
      checkAllMoves(ctx, tally, 90);
      expect(tally.proposals).toBeGreaterThan(100);
      expect(tally.committed).toBeGreaterThan(5);
    });
  }
});
