/**
 * Travel profiles (car, bike, on foot): every vehicle travels by its own matrix, in compilation,
 * insertion, every move operator, the evaluator and the search.
 */
import { describe, expect, it } from 'vitest';
import { evaluateSolution } from '../../solver/evaluate.js';
import { localSearch } from '../../solver/moves.js';
import { compileProblem, type VehicleSpec } from '../../solver/problem.js';
import { solve } from '../../solver/search.js';
import { checkAllMoves, checkInsertions, contextFor, expectAgrees, insertion, newTally, operators, placeAll, snapshot } from './checks.js';
import { profileDay } from './profile-days.js';

describe('travel profiles: compilation', () => {
  const base = { nLocations: 2, visits: [{ location: 1, duration: 5 }], vehicles: [{ start: 0, end: 0, shiftStart: 0, shiftEnd: 100, profile: 1 }] };

  it('stores all profiles and a per-vehicle offset; vehicles of different profiles are never interchangeable', () => {
    const p = compileProblem({ ...base, nProfiles: 2, travel: [0, 1, 1, 0, 0, 7, 7, 0], vehicles: [...base.vehicles, { start: 0, end: 0, shiftStart: 0, shiftEnd: 100 }] });
    expect(p.nProfiles).toBe(2);
    expect(Array.from(p.travelOffset)).toEqual([4, 0]);
    expect(p.time[p.travelOffset[0]! + 0 * 2 + 1]).toBe(7);
    expect(p.time[p.travelOffset[1]! + 0 * 2 + 1]).toBe(1);
    expect(p.dist).toBe(p.time);
    expect(Array.from(p.timingClass)).toEqual([0, 1]);
    expect(Array.from(p.vehicleClass)).toEqual([0, 1]);
    expect(compileProblem({ nLocations: 2, travel: [0, 1, 1, 0], visits: [], vehicles: [] }).nProfiles).toBe(1);
  });

  it('rejects a travel or distance matrix of the wrong length, and a profile out of range', () => {
    expect(() => compileProblem({ ...base, nProfiles: 2, travel: [0, 1, 1, 0] })).toThrow(/travel matrix has 4 entries, expected 8/);
    expect(() => compileProblem({ ...base, nProfiles: 2, travel: [0, 1, 1, 0, 0, 1, 1, 0], distance: [0, 1, 1, 0] })).toThrow(/distance matrix has 4 entries, expected 8/);
    expect(() => compileProblem({ ...base, travel: [0, 1, 1, 0] })).toThrow(/vehicle 0: profile 1 out of range/);
    expect(() => compileProblem({ ...base, nProfiles: 0, travel: [] })).toThrow(/nProfiles/);
  });
});

describe('travel profiles: the solver uses each vehicle’s own matrix', () => {
  // The client is 10 minutes away by car, 60 on foot; visit 0's window closes at 30.
  const travel = [0, 10, 10, 0, 0, 60, 60, 0];
  const walker: VehicleSpec = { start: 0, end: 0, shiftStart: 0, shiftEnd: 300, profile: 1 };
  const driver: VehicleSpec = { start: 0, end: 0, shiftStart: 0, shiftEnd: 300, profile: 0, fixedCost: 500 };
  const cases: [string, Partial<VehicleSpec>][] = [
    ['plain vehicles (O(1) checks)', {}],
    ['with breaks (the scan)', { break: { duration: 20, earliest: 100, latest: 200 } }],
  ];
  for (const [label, extra] of cases) {
    for (const order of [0, 1]) {
      it(`${label}, walker listed ${order === 0 ? 'first' : 'second'}: only the car reaches visit 0 in time`, () => {
        const vehicles = (order === 0 ? [walker, driver] : [driver, walker]).map((k) => ({ ...k, ...extra }));
        const p = compileProblem({
          nLocations: 2,
          nProfiles: 2,
          travel,
          visits: [
            { location: 1, duration: 10, windows: [[0, 30]] },
            // Reachable on foot too, but the car, out there anyway, does it for nothing.
            { location: 1, duration: 10, windows: [[0, 240]] },
          ],
          vehicles,
        });
        const car = order === 0 ? 1 : 0;
        const res = solve(p, { seed: 1, maxIterations: 200 });
        const ev = evaluateSolution(p, res.routes);
        expect(ev.violations).toEqual([]);
        expect(ev.unassigned).toEqual([]);
        expect(ev.vehicleOf).toEqual([car, car]);
        expect(ev.cost).toBeCloseTo(res.cost, 6);
        // The car's trip costs 20 (a walk would cost 120): the evaluator reads the vehicle's own matrix.
        expect(ev.distance).toBe(20);
        expect(res.cost).toBe(520);
        // The walker alone cannot do visit 0.
        const walk = extra.break ? [0, 1, -1] : [0, 1];
        expect(evaluateSolution(p, order === 0 ? [walk, []] : [[], walk]).violations.map((v) => v.code)).toContain('window');
        // Insertion prices read the vehicle's matrix too.
        const ctx = contextFor(p, 1);
        expect(ctx.inserter.best(0, 0, ctx.rng)).toBe(520);
        expect(ctx.inserter.bestRoute).toBe(car);
        expect(ctx.inserter.best(1, 0, ctx.rng)).toBe(120);
        expect(ctx.inserter.bestRoute).toBe(1 - car);
      });
    }
  }
});

describe('travel profiles: prices are what commits cost', () => {
  for (const seed of [1, 2, 3]) {
    it(`general day ${seed} (breaks, links, several windows): insertions and every move`, () => {
      const ctx = contextFor(profileDay(seed, 12, 5, true), seed);
      placeAll(ctx, 0.5);
      expectAgrees(ctx.sol);
      expect(checkInsertions(ctx, 8).inserted).toBeGreaterThan(10);
      const tally = newTally();
      checkAllMoves(ctx, tally, 15);
      // Enough moves are actually committed (not only priced) for the check to mean something.
      expect(tally.committed).toBeGreaterThan(10);
    });

    it(`plain-vehicle day ${seed}: insertions, every move, and each operator's local search`, () => {
      const p = profileDay(seed, 30, 6, false);
      expect(Array.from(p.plainVehicle).every((x) => x === 1)).toBe(true);
      const ctx = contextFor(p, seed);
      placeAll(ctx, 0.6);
      expectAgrees(ctx.sol);
      expect(checkInsertions(ctx, 6).inserted).toBeGreaterThan(20);
      const tally = newTally();
      checkAllMoves(ctx, tally, 10);
      expect(tally.estimated).toBeGreaterThan(50);
      let moves = 0;
      for (const op of operators()) {
        const c = contextFor(p, seed);
        c.sol.begin();
        placeAll(c, 0.6);
        const before = c.sol.cost();
        moves += localSearch(c, [op]);
        expect(c.sol.cost()).toBeLessThanOrEqual(before);
        expectAgrees(c.sol, op.name);
        c.sol.keep();
      }
      expect(moves).toBeGreaterThan(0);
    });
  }
});

describe('travel profiles: solve results pass the evaluator', () => {
  for (const seed of [1, 2, 3]) {
    for (const general of [true, false]) {
      it(`${general ? 'general' : 'plain-vehicle'} day ${seed}, deterministically`, () => {
        const p = profileDay(seed, general ? 14 : 30, general ? 5 : 6, general);
        const res = solve(p, { seed, maxIterations: 150 });
        const ev = evaluateSolution(p, res.routes);
        expect(ev.violations).toEqual([]);
        expect(ev.cost).toBeCloseTo(res.cost, 6);
        expect(res.unassigned).toEqual(ev.unassigned);
        expect(solve(p, { seed, maxIterations: 150 }).routes).toEqual(res.routes);
      });
    }
  }
});

describe('regressions', () => {
  /**
   * General day 2: visit 9 (double-staffed with 8, fixed on route 3) into route 0 = [1, 12, 4, 7]
   * after visit 1, break anywhere in [180, 270]. Visit 4 is double-staffed with 3 (fixed at 228).
   * The scan of [1, 9, 12, 4] reaches the state the route's cache has before visit 7, so the price
   * takes the cached rest: break before 7, feasible. A full scan of the same sequence ties at
   * visit 7 between "break before 4" and "break before 7" (same finish, same travel up to rounding)
   * and keeps the break before 4, where 4 starts at 258 and its partner must move: the commit breaks
   * a rule. Price and commit must come from the same choice.
   */
  const routes = [[1, 12, 4, -1, 7], [], [], [15, 8, -1, 3, 2, 11, 6, 10], [16, -1, 5, 0]];

  it('a price that ends in a route’s cached rest is what the commit costs', () => {
    const ctx = contextFor(profileDay(2, 12, 5, true), 1);
    expect(ctx.sol.setRoutes(routes)).toBe(true);
    const prop = insertion(ctx.sol, 9, 0, 1);
    const price = ctx.pricer.price(prop);
    const before = ctx.sol.cost();
    ctx.sol.begin();
    const ok = ctx.pricer.commit(prop);
    const actual = ok ? ctx.sol.cost() - before : Infinity;
    ctx.sol.rollback();
    expect(price).toBe(actual);
    expect(ctx.pricer.confirm(prop)).toBe(actual);
  });

  it('the inserter’s choice can be committed', () => {
    const ctx = contextFor(profileDay(2, 12, 5, true), 1);
    ctx.sol.setRoutes(routes);
    const s = snapshot(ctx.sol);
    if (ctx.inserter.best(9, 0, ctx.rng) < Infinity) expect(ctx.inserter.commitBest(9)).toBe(true);
    else expect(snapshot(ctx.sol)).toEqual(s);
    expectAgrees(ctx.sol);
  });
});
