/**
 * The engine never calls feasible what the evaluator rejects: links with breaks, start routes
 * that break rules, cycles of links, `dropInfeasible` and the search's final safety net.
 */
import { describe, expect, it } from 'vitest';
import { dropInfeasible, evaluateSolution } from '../../solver/evaluate.js';
import type { MoveOperator } from '../../solver/moves.js';
import { newStats } from '../../solver/operators.js';
import { scheduleRoutes } from '../../solver/placement.js';
import { compileProblem, type LinkSpec, type Problem, type ProblemSpec, type VisitSpec } from '../../solver/problem.js';
import { Rng } from '../../solver/rng.js';
import { solve } from '../../solver/search.js';
import { BREAK, WorkingSolution } from '../../solver/solution.js';
import { contextFor, expectAgrees } from './checks.js';
import { randomDay } from './random-days.js';

/**
 * Vehicle 1 (break 30 min in [180, 270]) does P, W, Z; Q on vehicle 0 pushes P to ≥ 130 (minimum
 * gap 120). Without the push P ends at 150, with it at 180; either way the break must go before W
 * (W waits for 240, Z's window ends at 300). A break rule that took the break as soon as the
 * vehicle was ready after its window start put it after W without the push, and Z was missed:
 * start times were not monotone in the link bounds.
 */
function breakLinkSpec(): ProblemSpec {
  const n = 5;
  const travel: number[] = [];
  for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) travel.push(a === b ? 0 : 10);
  return {
    nLocations: n,
    travel,
    visits: [
      { location: 1, duration: 10, windows: [[0, 20]], allowedVehicles: [0] }, // Q
      { location: 2, duration: 50, windows: [[100, 460]], allowedVehicles: [1] }, // P
      { location: 3, duration: 25, windows: [[240, 300]], allowedVehicles: [1] }, // W
      { location: 4, duration: 30, windows: [[260, 300]], allowedVehicles: [1] }, // Z
    ],
    vehicles: [
      { start: 0, end: 0, shiftStart: 0, shiftEnd: 600 },
      { start: 0, end: 0, shiftStart: 0, shiftEnd: 600, break: { duration: 30, earliest: 180, latest: 270 } },
    ],
    links: [{ a: 0, b: 1, minGap: 120 }],
  };
}

/** A random small day with double staffing, minimum gaps, breaks, working time, two-window and optional visits. */
function linkedDay(seed: number, nClients: number, nStaff: number): Problem {
  const rng = new Rng(seed);
  const pts: [number, number][] = [[0, 0]];
  for (let i = 0; i < nClients; i++) pts.push([rng.range(-20, 20), rng.range(-20, 20)]);
  const n = pts.length;
  const travel: number[] = [];
  for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) travel.push(a === b ? 0 : Math.round(Math.hypot(pts[a]![0] - pts[b]![0], pts[a]![1] - pts[b]![1])) + 2);
  const visits: VisitSpec[] = [];
  const links: LinkSpec[] = [];
  for (let c = 1; c < n; c++) {
    const dur = 15 + 5 * rng.int(5);
    const kind = rng.int(4);
    if (kind === 0) {
      const s = 60 + rng.int(240);
      visits.push({ location: c, duration: dur, windows: [[s, s + 45]] }, { location: c, duration: dur, windows: [[s, s + 45]] });
      links.push({ a: visits.length - 2, b: visits.length - 1, minGap: 0, maxGap: 0, differentVehicles: true });
    } else if (kind === 1) {
      visits.push({ location: c, duration: dur, windows: [[0, 200]] }, { location: c, duration: dur, windows: [[100, 460]] });
      links.push({ a: visits.length - 2, b: visits.length - 1, minGap: 150 });
    } else if (kind === 2) {
      visits.push({ location: c, duration: dur, windows: [[0, 120], [200, 300]] });
    } else {
      const s = rng.int(380);
      visits.push({ location: c, duration: dur, windows: [[s, s + 60]], unassignedPenalty: 100 + rng.int(100) });
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
      maxWorkTime: 440,
      break: { duration: 30, earliest: 170 + 10 * (k % 3), latest: 260, atBase: k % 2 === 0 },
    })),
    links,
  });
}

describe('links with breaks', () => {
  it('regression: the break goes before W whether or not the link pushes P', () => {
    const p = compileProblem(breakLinkSpec());
    for (const routes of [
      [[0], [1, 2, 3]],
      [[], [1, 2, 3]],
    ]) {
      const sol = new WorkingSolution(p);
      expect(sol.setRoutes(routes)).toBe(true);
      expect(sol.routeLists()[1]).toEqual([1, BREAK, 2, 3]);
      const ev = expectAgrees(sol);
      // P ends at 150 or 180, the break takes 180–210, W waits for 240, Z follows at 275.
      expect(ev.starts.slice(2)).toEqual([240, 275]);
      expect(ev.breakStarts[1]).toBe(180);
    }
    const res = solve(p, { seed: 1, maxIterations: 50 });
    expect(evaluateSolution(p, res.routes).violations).toEqual([]);
    expect(res.unassigned).toEqual([]);
  });

  for (const seed of [1, 2, 3, 4]) {
    it(`random linked day ${seed}: solve results pass the evaluator, deterministically; every later commit matches it`, () => {
      const p = linkedDay(seed, 12, 4);
      const res = solve(p, { seed, maxIterations: 150 });
      const ev = evaluateSolution(p, res.routes);
      expect(ev.violations).toEqual([]);
      expect(ev.cost).toBeCloseTo(res.cost, 6);
      expect(solve(p, { seed, maxIterations: 150 }).routes).toEqual(res.routes);
      // Random removals and cheapest insertions on the result: the committed state is the evaluator's.
      const ctx = contextFor(p, seed);
      const { sol, inserter, rng } = ctx;
      expect(sol.setRoutes(res.routes)).toBe(true);
      for (let round = 0; round < 15; round++) {
        sol.begin();
        for (let i = 0; i < 4; i++) sol.remove(rng.int(p.nVisits));
        sol.nRemoved = 0;
        const ok = sol.finishRemovals();
        expect(ok).toBe(evaluateSolution(p, sol.routeLists()).feasible);
        if (!ok) {
          sol.rollback();
          continue;
        }
        sol.keep();
        expectAgrees(sol);
        for (let v = 0; v < p.nVisits; v++) {
          if (sol.routeOf[v]! >= 0) continue;
          const d = inserter.best(v, 0.2, rng);
          // Required visits wherever they fit; optional ones when that pays (the price nets the penalty).
          if (d === Infinity || (p.level[v]! < 0 && d >= 0)) continue;
          const before = sol.cost();
          expect(inserter.commitBest(v)).toBe(true);
          // The price is exact, or higher when a link partner could move earlier.
          expect(sol.cost() - before).toBeLessThanOrEqual(d + 1e-6);
          expectAgrees(sol);
        }
      }
    });
  }

  it('random home-care days of every variant: solve results pass the evaluator', () => {
    const variants = [{ breaks: 1, maxWork: true }, { pairs: 4, breaks: 0.5 }, { gaps: 4, breaks: 0.5, maxWork: true }, { breaks: 0.75, pairs: 2, gaps: 2, pairCosts: true, soft: true, maxWork: true, multiWindow: 4 }, { breaks: 0.5, pairs: 2, gaps: 2, dues: 0.5, maxWork: true }, { routeChange: 40, vehicles: 6, breaks: 0.5, pairs: 2, gaps: 2, maxWork: true }];
    for (const [i, opts] of variants.entries()) {
      for (const seed of [11, 12]) {
        const p = randomDay(seed, { visits: 20, ...opts });
        const res = solve(p, { seed, maxIterations: 100 });
        const ev = evaluateSolution(p, res.routes);
        expect(ev.violations, `variant ${i}, seed ${seed}`).toEqual([]);
        expect(ev.cost).toBeCloseTo(res.cost, 6);
        expect(ev.unplanned).toEqual(res.unplanned);
      }
    }
  });
});

describe('start routes', () => {
  it('start routes that break a rule lose the offending visits, which are inserted again', () => {
    const p = compileProblem(breakLinkSpec());
    // Z before W: Z misses nothing, W's window is over.
    const res = solve(p, { seed: 1, maxIterations: 0, initialRoutes: [[0], [1, 3, 2]] });
    const ev = evaluateSolution(p, res.routes);
    expect(ev.violations).toEqual([]);
    expect(res.unassigned).toEqual([]);
    expect(res.cost).toBeCloseTo(ev.cost, 9);
  });

  it('start routes with a visit on a vehicle that may not do it: the visit is moved, not lost', () => {
    const p = compileProblem({
      nLocations: 2,
      travel: [0, 10, 10, 0],
      visits: [
        { location: 1, duration: 10, allowedVehicles: [0] },
        { location: 1, duration: 10, allowedVehicles: [1] },
      ],
      vehicles: [0, 1].map(() => ({ start: 0, end: 0, shiftStart: 0, shiftEnd: 100 })),
    });
    const swapped = [[1], [0]];
    expect(evaluateSolution(p, swapped).violations.map((v) => v.code)).toEqual(['incompatible', 'incompatible']);
    // The working solution must not accept what the evaluator rejects.
    expect(new WorkingSolution(p).setRoutes(swapped)).toBe(false);
    const placed = scheduleRoutes(p, swapped);
    expect(evaluateSolution(p, placed.routes).violations).toEqual([]);
    const res = solve(p, { seed: 1, maxIterations: 0, initialRoutes: swapped });
    expect(evaluateSolution(p, res.routes).violations).toEqual([]);
    expect(res.unassigned).toEqual([]);
  });

  it('visits the start routes leave out are planned', () => {
    const p = linkedDay(3, 10, 4);
    const full = solve(p, { seed: 2, maxIterations: 0 });
    const res = solve(p, { seed: 2, maxIterations: 0, initialRoutes: [] });
    expect(res.unassigned.length).toBe(full.unassigned.length);
    expect(res.unassigned.length).toBeLessThan(p.nVisits / 3);
    expect(evaluateSolution(p, res.routes).violations).toEqual([]);
    // A half-planned start: the rest is inserted around it.
    const half = full.routes.map((r, k) => (k % 2 === 0 ? r : []));
    const again = solve(p, { seed: 2, maxIterations: 0, initialRoutes: half });
    expect(evaluateSolution(p, again.routes).violations).toEqual([]);
    expect(again.unassigned.length).toBeLessThan(p.nVisits / 3);
  });

  it('scheduleRoutes places breaks the start routes do not mark, and keeps those they do', () => {
    const p = compileProblem(breakLinkSpec());
    expect(scheduleRoutes(p, [[0], [1, 2, 3]])).toEqual({ routes: [[0], [1, BREAK, 2, 3]], dropped: [] });
    // A marker that breaks the rule (after Z: the break would start at 305) is moved, no visit dropped.
    const moved = scheduleRoutes(p, [[0], [1, 2, 3, BREAK]]);
    expect(moved.dropped).toEqual([]);
    expect(evaluateSolution(p, moved.routes).violations).toEqual([]);
  });
});

describe('link cycles and long gaps', () => {
  /** Two double-staffed pairs (0/1 and 2/3), 30 min each, every leg 10 minutes. */
  const pairs = compileProblem({
    nLocations: 3,
    travel: [0, 10, 10, 10, 0, 10, 10, 10, 0],
    visits: [1, 1, 2, 2].map((location) => ({ location, duration: 30 })),
    vehicles: [0, 1].map(() => ({ start: 0, end: 0, shiftStart: 0, shiftEnd: 600 })),
    links: [
      { a: 0, b: 1, minGap: 0, maxGap: 0, differentVehicles: true },
      { a: 2, b: 3, minGap: 0, maxGap: 0, differentVehicles: true },
    ],
  });

  it('two double-staffed pairs in opposite orders on two routes are infeasible (a positive cycle)', () => {
    const crossed = [
      [0, 2],
      [3, 1],
    ];
    const ev = evaluateSolution(pairs, crossed);
    expect(ev.feasible).toBe(false);
    expect(ev.violations.map((v) => v.code)).toContain('cycle');
    expect(new WorkingSolution(pairs).setRoutes(crossed)).toBe(false);
    // The same order on both routes is fine: 0/1 at 10, 2/3 at 50.
    const sol = new WorkingSolution(pairs);
    expect(sol.setRoutes([
      [0, 2],
      [1, 3],
    ])).toBe(true);
    expect(expectAgrees(sol).starts).toEqual([10, 10, 50, 50]);
    // The search plans both pairs.
    const res = solve(pairs, { seed: 1, maxIterations: 50 });
    expect(evaluateSolution(pairs, res.routes).violations).toEqual([]);
    expect(res.unassigned).toEqual([]);
    // And a crossed start is repaired by dropping a visit of the cycle, which is inserted again.
    expect(dropInfeasible(pairs, crossed).dropped).toHaveLength(1);
    expect(solve(pairs, { seed: 1, maxIterations: 0, initialRoutes: crossed }).unassigned).toEqual([]);
  });

  it('a minimum gap longer than all durations and legs together is no cycle', () => {
    // Start times reach 110, beyond every window start plus every duration and leg (40).
    const p = compileProblem({
      nLocations: 2,
      travel: [0, 10, 10, 0],
      visits: [
        { location: 1, duration: 10 },
        { location: 1, duration: 10 },
      ],
      vehicles: [{ start: 0, end: 0, shiftStart: 0, shiftEnd: 1000 }],
      links: [{ a: 0, b: 1, minGap: 100 }],
    });
    expect(evaluateSolution(p, [[0, 1]]).starts).toEqual([10, 110]);
    const sol = new WorkingSolution(p);
    expect(sol.setRoutes([[0, 1]])).toBe(true);
    expectAgrees(sol);
    expect(solve(p, { seed: 1, maxIterations: 20 }).unassigned).toEqual([]);
  });
});

describe('dropInfeasible and the final safety net', () => {
  it('drops the visit a violation names, the cheaper one of a broken link', () => {
    const p = compileProblem({
      nLocations: 2,
      travel: [0, 10, 10, 0],
      visits: [
        { location: 1, duration: 10, windows: [[0, 5]] },
        { location: 1, duration: 10, unassignedPenalty: 5 },
        { location: 1, duration: 10 },
        { location: 1, duration: 10 },
      ],
      vehicles: [0, 1].map(() => ({ start: 0, end: 0, shiftStart: 0, shiftEnd: 100 })),
      links: [{ a: 1, b: 2, minGap: 0, maxGap: 0, differentVehicles: true }],
    });
    // Visit 0 misses its window after visit 3; 1 and 2 share a vehicle.
    const { routes, dropped } = dropInfeasible(p, [
      [3, 0],
      [1, 2],
    ]);
    expect(dropped.sort()).toEqual([0, 1]);
    expect(routes).toEqual([[3], [2]]);
    expect(evaluateSolution(p, routes).feasible).toBe(true);
    // Only a cycle reported (a positive cycle of links whose gaps are within the final check's
    // tolerance): the first of the visits whose removal alone suffices.
    const q = compileProblem({
      nLocations: 2,
      travel: [0, 10, 10, 0],
      visits: [0, 1, 2].map(() => ({ location: 1, duration: 10 })),
      vehicles: [0, 1].map(() => ({ start: 0, end: 0, shiftStart: 0, shiftEnd: 400 })),
      links: [
        { a: 0, b: 1, minGap: 5e-7, maxGap: 100, differentVehicles: true },
        { a: 1, b: 0, minGap: 0, maxGap: 100, differentVehicles: true },
      ],
    });
    expect(evaluateSolution(q, [[2, 0], [1]]).violations.map((v) => v.code)).toEqual(['cycle']);
    expect(dropInfeasible(q, [[2, 0], [1]])).toEqual({ routes: [[2], [1]], dropped: [0] });
  });

  it('moves a break marker before it drops a visit', () => {
    const p = compileProblem(breakLinkSpec());
    // No marker, and a marker that breaks the rule: both fixed by moving the marker.
    for (const route of [
      [1, 2, 3],
      [1, 2, 3, BREAK],
    ]) {
      const { routes, dropped } = dropInfeasible(p, [[0], route]);
      expect(dropped).toEqual([]);
      expect(routes[1]).toEqual([1, BREAK, 2, 3]);
    }
  });

  it('solve never returns a solution the evaluator rejects, even when the search state is corrupt', () => {
    const p = compileProblem({
      nLocations: 4,
      travel: [0, 10, 10, 10, 10, 0, 10, 10, 10, 10, 0, 10, 10, 10, 10, 0],
      visits: [
        { location: 1, duration: 20, windows: [[50, 60]] },
        { location: 1, duration: 20, windows: [[50, 60]] },
        { location: 2, duration: 20 },
        { location: 3, duration: 20 },
      ],
      vehicles: [0, 1].map(() => ({ start: 0, end: 0, shiftStart: 0, shiftEnd: 400, break: { duration: 20, earliest: 200, latest: 300 } })),
      links: [{ a: 0, b: 1, minGap: 0, maxGap: 0, differentVehicles: true }],
    });
    // A faulty move operator: puts the two double-staffed visits on one route by editing the route
    // arrays directly (nothing re-timed) and reports a saving the schedule never checked.
    let fired = 0;
    const corrupt: MoveOperator = {
      name: 'corrupt',
      stats: newStats(),
      moves(a) {
        const sol = a.sol;
        const ka = sol.routeOf[0]!;
        const kb = sol.routeOf[1]!;
        if (fired > 0 || ka < 0 || kb < 0 || ka === kb) return false;
        fired++;
        const ra = sol.routes[ka]!;
        const rb = sol.routes[kb]!;
        for (let j = sol.posOf[1]!; j < rb.len - 1; j++) {
          rb.nodes[j] = rb.nodes[j + 1]!;
          sol.posOf[rb.nodes[j]!] = j;
        }
        rb.len--;
        ra.reserve(ra.len + 1);
        ra.nodes[ra.len] = 1;
        sol.routeOf[1] = ka;
        sol.posOf[1] = ra.len++;
        ra.cost -= 1000;
        this.stats.improved++;
        return true;
      },
    };
    const res = solve(p, { seed: 1, maxIterations: 3, moves: [corrupt], improveGate: 1e9 });
    expect(fired).toBe(1);
    const ev = evaluateSolution(p, res.routes);
    expect(ev.violations).toEqual([]);
    // One of the pair was left out rather than the routes returned infeasible.
    expect(res.unassigned.filter((v) => v <= 1)).toHaveLength(1);
    expect(res.cost).toBeCloseTo(ev.cost, 9);
  });
});
