/**
 * Home-care rules on small hand-made days: double staffing, gaps between a client's visits,
 * breaks, working time, staff restrictions, several windows, soft windows, priority levels,
 * optional visits and pair costs (continuity). Each case is solved and checked by the evaluator.
 */
import { describe, expect, it } from 'vitest';
import { evaluateSolution } from '../../solver/evaluate.js';
import { compileProblem, type ProblemSpec, type VisitSpec } from '../../solver/problem.js';
import { solve } from '../../solver/search.js';
import { WorkingSolution } from '../../solver/solution.js';
import { expectAgrees } from './checks.js';
import { euclid } from './helpers.js';

/** Integer-minute matrix from points (rounded Euclidean). */
function minutes(points: [number, number][]): number[] {
  return Array.from(euclid(points), (x) => Math.round(x));
}

/** Every leg between distinct locations takes `t` minutes. */
function uniform(n: number, t: number): number[] {
  return Array.from({ length: n * n }, (_, i) => (Math.floor(i / n) === i % n ? 0 : t));
}

function run(spec: ProblemSpec, iterations = 400, initialRoutes?: number[][]) {
  const p = compileProblem(spec);
  const res = solve(p, { seed: 1, maxIterations: iterations, initialRoutes });
  const ev = evaluateSolution(p, res.routes);
  expect(ev.violations).toEqual([]);
  expect(ev.cost).toBeCloseTo(res.cost, 6);
  expect(ev.unplanned).toEqual(res.unplanned);
  return { p, res, ev };
}

const base: [number, number] = [0, 0];

describe('double staffing and gaps', () => {
  it('a double-staffed visit starts at the same minute on two routes', () => {
    const pts: [number, number][] = [base, [10, 0], [0, 10], [10, 10]];
    const visits: VisitSpec[] = [
      { location: 1, duration: 20, windows: [[0, 300]] },
      { location: 2, duration: 25, windows: [[0, 300]] },
      { location: 3, duration: 30, windows: [[40, 200]] },
      { location: 3, duration: 30, windows: [[40, 200]] },
    ];
    const { ev, res } = run({
      nLocations: 4,
      travel: minutes(pts),
      visits,
      vehicles: [0, 1].map(() => ({ start: 0, end: 0, shiftStart: 0, shiftEnd: 480 })),
      links: [{ a: 2, b: 3, minGap: 0, maxGap: 0, differentVehicles: true }],
    });
    expect(res.unassigned).toEqual([]);
    expect(ev.starts[2]).toBe(ev.starts[3]);
    expect(ev.vehicleOf[2]).not.toBe(ev.vehicleOf[3]);
  });

  it('a minimum gap between two visits of a client on one route', () => {
    const pts: [number, number][] = [base, [5, 5], [20, 0]];
    const { ev, res } = run({
      nLocations: 3,
      travel: minutes(pts),
      visits: [
        { location: 1, duration: 30, windows: [[60, 600]] }, // breakfast
        { location: 1, duration: 30, windows: [[60, 600]] }, // lunch: at least 180 after breakfast
        { location: 2, duration: 60, windows: [[0, 600]] },
      ],
      vehicles: [{ start: 0, end: 0, shiftStart: 0, shiftEnd: 720 }],
      links: [{ a: 0, b: 1, minGap: 180 }],
    });
    expect(res.unassigned).toEqual([]);
    expect(ev.starts[1]! - ev.starts[0]!).toBeGreaterThanOrEqual(180);
  });

  it('a minimum and a maximum gap (two vehicles: a maximum gap needs differentVehicles)', () => {
    const pts: [number, number][] = [base, [5, 5], [20, 0]];
    const spec: ProblemSpec = {
      nLocations: 3,
      travel: minutes(pts),
      visits: [
        { location: 1, duration: 30, windows: [[60, 600]] },
        { location: 1, duration: 30, windows: [[60, 600]] },
        { location: 2, duration: 60, windows: [[0, 600]] },
      ],
      vehicles: [0, 1].map(() => ({ start: 0, end: 0, shiftStart: 0, shiftEnd: 720 })),
      links: [{ a: 0, b: 1, minGap: 180, maxGap: 240, differentVehicles: true }],
    };
    const { ev, res } = run(spec);
    expect(res.unassigned).toEqual([]);
    const gap = ev.starts[1]! - ev.starts[0]!;
    expect(gap).toBeGreaterThanOrEqual(180);
    expect(gap).toBeLessThanOrEqual(240);
    // One vehicle cannot wait for a later visit of its own route: such a link is refused.
    expect(() => compileProblem({ ...spec, links: [{ a: 0, b: 1, minGap: 180, maxGap: 240 }] })).toThrow(/link 0: .*differentVehicles/);
  });

  it('reports a broken window and a double-staffed pair on one route', () => {
    const p = compileProblem({
      nLocations: 2,
      travel: [0, 10, 10, 0],
      visits: [
        { location: 1, duration: 10, windows: [[0, 5]] },
        { location: 1, duration: 10 },
        { location: 1, duration: 10 },
      ],
      vehicles: [{ start: 0, end: 0, shiftStart: 0, shiftEnd: 100 }],
      links: [{ a: 1, b: 2, minGap: 0, maxGap: 0, differentVehicles: true }],
    });
    const ev = evaluateSolution(p, [[0, 1, 2]]);
    expect(ev.feasible).toBe(false);
    expect(ev.violations.map((v) => [v.code, v.visits])).toEqual(
      expect.arrayContaining([
        ['window', [0]],
        ['link', [1, 2]],
      ]),
    );
    // Alone on one route the pair breaks its link twice: the gap (the iteration finds no fixed point) and the vehicles.
    const alone = evaluateSolution(p, [[1, 2]]).violations;
    expect(alone.filter((v) => v.code === 'link').map((v) => v.message)).toEqual([expect.stringMatching(/gap/), expect.stringMatching(/different vehicles/)]);
    // The working solution refuses the same routes.
    expect(new WorkingSolution(p).setRoutes([[1, 2]])).toBe(false);
  });
});

describe('breaks, working time, staff and windows', () => {
  it('takes a break inside its window (anywhere and at the base)', () => {
    const pts: [number, number][] = [base, [10, 0], [20, 0], [30, 0], [40, 0]];
    for (const atBase of [false, true]) {
      const { ev, res } = run({
        nLocations: 5,
        travel: minutes(pts),
        visits: [1, 2, 3, 4].map((l) => ({ location: l, duration: 60, windows: [[0, 480]] as const })),
        vehicles: [{ start: 0, end: 0, shiftStart: 0, shiftEnd: 480, break: { duration: 30, earliest: 150, latest: 210, atBase } }],
      });
      expect(ev.unassigned).toEqual([]);
      expect(res.routes[0]!.filter((v) => v === -1)).toHaveLength(1);
      expect(ev.breakStarts[0]).toBeGreaterThanOrEqual(150);
      expect(ev.breakStarts[0]).toBeLessThanOrEqual(210);
    }
  });

  it('a break window that cannot be met leaves the visit out', () => {
    const p = compileProblem({
      nLocations: 2,
      travel: [0, 10, 10, 0],
      visits: [{ location: 1, duration: 300, windows: [[0, 0]] }],
      vehicles: [{ start: 0, end: 0, shiftStart: -10, shiftEnd: 480, break: { duration: 30, earliest: 100, latest: 200 } }],
    });
    // Breaking first misses the visit's window; visiting first misses the break window.
    expect(evaluateSolution(p, [[-1, 0]]).feasible).toBe(false);
    expect(evaluateSolution(p, [[0, -1]]).feasible).toBe(false);
    const res = solve(p, { seed: 1, maxIterations: 50 });
    expect(res.unassigned).toEqual([0]);
    expect(res.unplanned).toEqual([1]);
  });

  it('respects the maximum working time by using a second vehicle', () => {
    const pts: [number, number][] = [base, [10, 0], [0, 10], [-10, 0]];
    const { ev } = run({
      nLocations: 4,
      travel: minutes(pts),
      visits: [1, 2, 3].map((l) => ({ location: l, duration: 100 })),
      vehicles: [0, 1].map(() => ({ start: 0, end: 0, shiftStart: 0, shiftEnd: 600, maxWorkTime: 250 })),
    });
    expect(ev.unassigned).toEqual([]);
    expect(ev.vehiclesUsed).toBe(2);
  });

  it('honours refused and allowed staff, skills and per-(visit, staff) costs', () => {
    const pts: [number, number][] = [base, [5, 0], [0, 5], [5, 5]];
    const { ev } = run({
      nLocations: 4,
      travel: minutes(pts),
      visits: [
        { location: 1, duration: 10, refusedVehicles: [0] },
        { location: 2, duration: 10, skills: [7] },
        { location: 3, duration: 10, vehicleCost: [0, 0, 100] },
        { location: 3, duration: 10, allowedVehicles: [2] },
      ],
      vehicles: [
        { start: 0, end: 0, shiftStart: 0, shiftEnd: 480, skills: [7] },
        { start: 0, end: 0, shiftStart: 0, shiftEnd: 480 },
        { start: 0, end: 0, shiftStart: 0, shiftEnd: 480, skills: [7] },
      ],
    });
    expect(ev.vehicleOf[0]).not.toBe(0);
    expect([0, 2]).toContain(ev.vehicleOf[1]);
    expect(ev.vehicleOf[2]).not.toBe(2);
    expect(ev.vehicleOf[3]).toBe(2);
  });

  it('uses the later of two windows when the first cannot be reached', () => {
    const { ev } = run({
      nLocations: 2,
      travel: [0, 50, 50, 0],
      visits: [{ location: 1, duration: 10, windows: [[0, 20], [100, 120]] }],
      vehicles: [{ start: 0, end: 0, shiftStart: 0, shiftEnd: 480 }],
    });
    expect(ev.starts[0]).toBe(100);
  });

  it('counts soft-window tardiness and the largest tardiness', () => {
    const p = compileProblem({
      nLocations: 2,
      travel: [0, 30, 30, 0],
      visits: [
        { location: 1, duration: 10, windows: [[0, 20]] },
        { location: 1, duration: 10, windows: [[0, 25]] },
      ],
      vehicles: [{ start: 0, end: 0, shiftStart: 0, shiftEnd: Infinity }],
      objective: { distance: 1, tardiness: 1, maxTardiness: 1 },
    });
    const ev = evaluateSolution(p, [[0, 1]]);
    expect(ev.tardiness).toBe(10 + 15);
    expect(ev.maxTardiness).toBe(15);
    expect(ev.cost).toBe(60 + 25 + 15);
    const sol = new WorkingSolution(p);
    expect(sol.setRoutes([[0, 1]])).toBe(true);
    expect(sol.cost()).toBe(100);
    const res = solve(p, { seed: 1, maxIterations: 100 });
    expect(res.cost).toBeCloseTo(evaluateSolution(p, res.routes).cost, 9);
  });

  it('prices a start past its due time as tardiness while the windows stay hard', () => {
    // Travel 30 each way; A due at 20 starts at 30 (10 late); B's window ends at 50: after A it
    // would start at 60, which hard windows forbid.
    const p = compileProblem({
      nLocations: 2,
      travel: [0, 30, 30, 0],
      visits: [
        { location: 1, duration: 30, windows: [[0, 100]], due: 20 },
        { location: 1, duration: 10, windows: [[0, 50]] },
      ],
      vehicles: [
        { start: 0, end: 0, shiftStart: 0, shiftEnd: 480 },
        { start: 0, end: 0, shiftStart: 0, shiftEnd: 480 },
      ],
      objective: { distance: 1, tardiness: 3 },
    });
    expect(p.soft).toBe(false);
    expect(p.timed).toBe(true);
    expect(evaluateSolution(p, [[0, 1], []]).violations.map((v) => v.code)).toContain('window');
    const ev = evaluateSolution(p, [[0], [1]]);
    expect(ev.violations).toEqual([]);
    expect(ev.tardiness).toBe(10);
    expect(ev.cost).toBe(60 + 60 + 3 * 10);
    // Better still: B first (30–40), then A at 40, 20 minutes late, on one route: 60 + 3 × 20.
    const res = solve(p, { seed: 1, maxIterations: 100 });
    expect(res.routes.filter((r) => r.length > 0)).toEqual([[1, 0]]);
    expect(res.cost).toBeCloseTo(120, 9);
    expect(evaluateSolution(p, res.routes).cost).toBeCloseTo(120, 9);
  });
});

describe('priority levels and optional visits', () => {
  /**
   * One vehicle, 0–240. A level-0 visit A (200 min, 15 min from the base) or the two level-2 visits
   * B and C (100 min each, 5 min from the base and each other): not both. The construction takes B
   * first (tightest window) and cannot fit A; planning A costs more travel (30 against 15).
   */
  const levels: ProblemSpec = {
    nLocations: 4,
    travel: [0, 15, 5, 5, 15, 0, 15, 15, 5, 15, 0, 5, 5, 15, 5, 0],
    visits: [
      { location: 1, duration: 200, windows: [[0, 40]], priority: 0 },
      { location: 2, duration: 100, windows: [[0, 10]], priority: 2 },
      { location: 3, duration: 100, windows: [[100, 120]], priority: 2 },
    ],
    vehicles: [{ start: 0, end: 0, shiftStart: 0, shiftEnd: 240 }],
  };

  it('levels are lexicographic: one level-0 visit outweighs two level-2 visits and any cost', () => {
    const p = compileProblem(levels);
    expect(p.nLevels).toBe(3);
    expect(Array.from(p.level)).toEqual([0, 2, 2]);
    const construction = solve(p, { seed: 1, maxIterations: 0 });
    expect(construction.unplanned).toEqual([1, 0, 0]);
    expect(construction.cost).toBe(15);
    const { ev, res } = run(levels, 100);
    expect(res.routes).toEqual([[0]]);
    expect(res.unplanned).toEqual([0, 0, 2]);
    expect(ev.unassigned).toEqual([1, 2]);
    // Unplanned required visits are counted, not priced.
    expect(res.cost).toBe(30);
  });

  it('an optional visit is planned only when its penalty exceeds what planning it costs', () => {
    // Visit 1 is 20 away (a detour of 40), visit 2 too; penalties 30 and 50.
    const spec: ProblemSpec = {
      nLocations: 3,
      travel: [0, 20, 20, 20, 0, 40, 20, 40, 0],
      visits: [
        { location: 1, duration: 10, unassignedPenalty: 30 },
        { location: 2, duration: 10, unassignedPenalty: 50 },
      ],
      vehicles: [{ start: 0, end: 0, shiftStart: 0, shiftEnd: 480 }],
    };
    const p = compileProblem(spec);
    expect(Array.from(p.level)).toEqual([-1, -1]);
    expect(Array.from(p.optionalPenalty)).toEqual([30, 50]);
    const { ev, res } = run(spec, 100);
    expect(res.routes).toEqual([[1]]);
    // Travel 40 + the penalty of the visit left out; optional visits are no unplanned level.
    expect(ev.cost).toBe(40 + 30);
    expect(res.unplanned).toEqual([0]);
    const sol = new WorkingSolution(p);
    expect(sol.optionalCost).toBe(80);
    sol.setRoutes([[1]]);
    expect(sol.optionalCost).toBe(30);
    expectAgrees(sol);
  });

  it('when time runs out, the optional visit with the lowest penalty is dropped', () => {
    const pts: [number, number][] = [base, [5, 0], [0, 5], [5, 5]];
    const { ev } = run({
      nLocations: 4,
      travel: minutes(pts),
      visits: [
        { location: 1, duration: 100, unassignedPenalty: 1000 },
        { location: 2, duration: 100, unassignedPenalty: 10 },
        { location: 3, duration: 100 }, // required
      ],
      vehicles: [{ start: 0, end: 0, shiftStart: 0, shiftEnd: 240 }],
    });
    expect(ev.unassigned).toEqual([1]);
  });
});

describe('pair costs (continuity)', () => {
  it('a pair costs Σ marginal[met + j] over its visits: the evaluator, the working solution and the search agree', () => {
    // Three visits of client 0 by staff 0 who met the client once: 10 + 4 + 4; one of client 1 by staff 1: 40.
    const p = compileProblem({
      nLocations: 2,
      travel: [0, 1, 1, 0],
      visits: [0, 0, 0, 1].map((group) => ({ location: 1, duration: 10, group })),
      vehicles: [0, 1].map((owner) => ({ start: 0, end: 0, shiftStart: 0, shiftEnd: 480, owner })),
      pairs: { nGroups: 2, nOwners: 2, met: [1, 0, 0, 0], marginal: [40, 10, 4] },
    });
    const routes = [[0, 1, 2], [3]];
    const ev = evaluateSolution(p, routes);
    expect(ev.violations).toEqual([]);
    expect(ev.cost).toBe(2 + 2 + 10 + 4 + 4 + 40);
    const sol = new WorkingSolution(p);
    sol.setRoutes(routes);
    expect(sol.pairCost).toBe(58);
    expect(Array.from(sol.pairCount)).toEqual([3, 0, 0, 1]);
    expectAgrees(sol);
    // Client 1 with staff 0 costs 40 too, but saves a route: the search gathers everything on staff 0.
    const res = solve(p, { seed: 1, maxIterations: 100 });
    expect(evaluateSolution(p, res.routes).cost).toBe(res.cost);
    expect(res.routes[1]).toEqual([]);
  });

  /**
   * Four visits, every leg 10 minutes, two staff who can do at most three visits each (so both
   * work): every split costs the same travel (60). Client 0 (visits 0, 1) has met staff 1 three
   * times before; client 1 (2, 3) nobody. Gathering client 0 on staff 1 and client 1 on staff 0
   * costs 10 + 10 + 40 + 10 in pairs; every other split costs more.
   */
  it('the search gathers a client’s visits on the staff member it knows when travel is equal', () => {
    const spec: ProblemSpec = {
      nLocations: 5,
      travel: uniform(5, 10),
      visits: [0, 0, 1, 1].map((group, i) => ({ location: i + 1, duration: 100, group })),
      vehicles: [0, 1].map((owner) => ({ start: 0, end: 0, shiftStart: 0, shiftEnd: 350, owner })),
      pairs: { nGroups: 2, nOwners: 2, met: [0, 3, 0, 0], marginal: [40, 10] },
    };
    // From a mixed start (40 + 40 on staff 0, 10 + 40 on staff 1) and from the construction.
    const mixed = [
      [0, 2],
      [1, 3],
    ];
    expect(evaluateSolution(compileProblem(spec), mixed).cost).toBe(60 + 130);
    for (const start of [mixed, undefined]) {
      const { res, ev } = run(spec, 200, start);
      expect(ev.unassigned).toEqual([]);
      expect(res.routes.map((r) => [...r].sort())).toEqual([
        [2, 3],
        [0, 1],
      ]);
      expect(res.cost).toBe(60 + 70);
    }
  });
});
