import { describe, expect, it } from 'vitest';
import { evaluateSolution } from '../../solver/evaluate.js';
import { compileProblem, type ProblemSpec, type VisitSpec } from '../../solver/problem.js';
import { solve } from '../../solver/search.js';
import { euclid } from './helpers.js';

/** Integer-minute matrix from points (rounded Euclidean). */
function minutes(points: [number, number][]): number[] {
  return Array.from(euclid(points), (x) => Math.round(x));
}

function run(spec: ProblemSpec, iterations = 400) {
  const p = compileProblem(spec);
  const res = solve(p, { seed: 1, maxIterations: iterations });
  const ev = evaluateSolution(p, res.routes);
  return { p, res, ev };
}

const base: [number, number] = [0, 0];

describe('home-care rules in the core', () => {
  it('synchronises a double-staffed visit on two routes at the same minute', () => {
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
    expect(ev.violations).toEqual([]);
    expect(ev.unassigned).toEqual([]);
    expect(ev.starts[2]).toBe(ev.starts[3]);
    expect(ev.vehicleOf[2]).not.toBe(ev.vehicleOf[3]);
    expect(res.unassigned).toEqual([]);
  });

  it('keeps minimum and maximum gaps between a client’s visits', () => {
    const pts: [number, number][] = [base, [5, 5], [20, 0]];
    const { ev } = run({
      nLocations: 3,
      travel: minutes(pts),
      visits: [
        { location: 1, duration: 30, windows: [[60, 600]] }, // breakfast
        { location: 1, duration: 30, windows: [[60, 600]] }, // lunch: 180–240 after breakfast
        { location: 2, duration: 60, windows: [[0, 600]] },
      ],
      vehicles: [{ start: 0, end: 0, shiftStart: 0, shiftEnd: 720 }],
      links: [{ a: 0, b: 1, minGap: 180, maxGap: 240 }],
    });
    expect(ev.violations).toEqual([]);
    const gap = ev.starts[1]! - ev.starts[0]!;
    expect(gap).toBeGreaterThanOrEqual(180);
    expect(gap).toBeLessThanOrEqual(240);
  });

  it('reports a broken gap, a broken window and a double-staffed pair on one route', () => {
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
    const codes = ev.violations.map((v) => v.code);
    expect(codes).toContain('window');
    expect(ev.feasible).toBe(false);
    expect(evaluateSolution(p, [[1, 2]]).violations.map((v) => v.code)).toEqual(expect.arrayContaining(['link']));
  });

  it('takes a break inside its window (anywhere and at base)', () => {
    const pts: [number, number][] = [base, [10, 0], [20, 0], [30, 0], [40, 0]];
    for (const atBase of [false, true]) {
      const { ev } = run({
        nLocations: 5,
        travel: minutes(pts),
        visits: [1, 2, 3, 4].map((l) => ({ location: l, duration: 60, windows: [[0, 480]] as const })),
        vehicles: [{ start: 0, end: 0, shiftStart: 0, shiftEnd: 480, break: { duration: 30, earliest: 150, latest: 210, atBase } }],
      });
      expect(ev.violations).toEqual([]);
      expect(ev.unassigned).toEqual([]);
    }
    // A break window that cannot be met makes the solution infeasible.
    const p = compileProblem({
      nLocations: 2,
      travel: [0, 10, 10, 0],
      visits: [{ location: 1, duration: 300, windows: [[0, 0]] }],
      vehicles: [{ start: 0, end: 0, shiftStart: -10, shiftEnd: 480, break: { duration: 30, earliest: 100, latest: 200 } }],
    });
    // Breaking first misses the visit's window; visiting first misses the break window.
    expect(evaluateSolution(p, [[0]]).feasible).toBe(false);
    expect(solve(p, { seed: 1, maxIterations: 50 }).unassigned).toEqual([0]);
  });

  it('respects maximum working time by using a second vehicle', () => {
    const pts: [number, number][] = [base, [10, 0], [0, 10], [-10, 0]];
    const { ev } = run({
      nLocations: 4,
      travel: minutes(pts),
      visits: [1, 2, 3].map((l) => ({ location: l, duration: 100 })),
      vehicles: [0, 1].map(() => ({ start: 0, end: 0, shiftStart: 0, shiftEnd: 600, maxWorkTime: 250 })),
    });
    expect(ev.violations).toEqual([]);
    expect(ev.unassigned).toEqual([]);
    expect(ev.vehiclesUsed).toBe(2);
  });

  it('drops the optional visit with the lowest priority when time runs out', () => {
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
    expect(ev.violations).toEqual([]);
    expect(ev.unassigned).toEqual([1]);
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
      ],
      vehicles: [
        { start: 0, end: 0, shiftStart: 0, shiftEnd: 480, skills: [7] },
        { start: 0, end: 0, shiftStart: 0, shiftEnd: 480 },
        { start: 0, end: 0, shiftStart: 0, shiftEnd: 480, skills: [7] },
      ],
    });
    expect(ev.violations).toEqual([]);
    expect(ev.vehicleOf[0]).not.toBe(0);
    expect([0, 2]).toContain(ev.vehicleOf[1]);
    expect(ev.vehicleOf[2]).not.toBe(2);
  });

  it('uses the later of several windows when the first cannot be reached', () => {
    const { ev } = run({
      nLocations: 2,
      travel: [0, 50, 50, 0],
      visits: [{ location: 1, duration: 10, windows: [[0, 20], [100, 120]] }],
      vehicles: [{ start: 0, end: 0, shiftStart: 0, shiftEnd: 480 }],
    });
    expect(ev.violations).toEqual([]);
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
    const res = solve(p, { seed: 1, maxIterations: 100 });
    expect(res.cost).toBeCloseTo(evaluateSolution(p, res.routes).cost, 9);
  });
});
