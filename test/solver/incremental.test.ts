/**
 * Insertion: the inserter's price is what committing its choice costs, and it is the cheapest of
 * all positions the pricer prices — on Solomon (plain vehicles: O(1) checks), on Mankowska et al.
 * (soft windows, the largest tardiness, synchronised and sequential double services) and on small
 * home-care days with optional visits and breaks.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SearchContext } from '../../solver/operators.js';
import type { Problem } from '../../solver/problem.js';
import { mankowskaModel, parseMankowska } from '../../src/benchmarks/mankowska.js';
import { benchData } from '../fixtures/benchmarks.js';
import { breakDay } from './break-days.js';
import { checkInsertions, contextFor, insertion, placeAll, placeReferences, removeFromWhole, removeRandom, solomon } from './checks.js';
import { randomDay } from './random-days.js';

/** For every unassigned visit: `best` without blinks is the cheapest price over all positions. */
function checkBest(ctx: SearchContext): number {
  const { sol, inserter, pricer, rng } = ctx;
  const p = sol.p;
  let checked = 0;
  for (const v of sol.unassigned()) {
    let cheapest = Infinity;
    for (let k = 0; k < p.nVehicles; k++) {
      if (!p.compat[v * p.nVehicles + k]) continue;
      for (let pos = 0; pos <= sol.routes[k]!.len; pos++) cheapest = Math.min(cheapest, pricer.price(insertion(sol, v, k, pos)));
    }
    const d = inserter.best(v, 0, rng);
    expect([v, d]).toEqual([v, cheapest === Infinity ? Infinity : expect.closeTo(cheapest, 6)]);
    if (d < Infinity) expect(pricer.price(insertion(sol, v, inserter.bestRoute, inserter.bestPos))).toBeCloseTo(d, 6);
    checked++;
  }
  return checked;
}

const mankowska = (file: string): Problem => mankowskaModel(parseMankowska(readFileSync(resolve(benchData, 'mankowska2014/instances', file), 'utf8'))).problem;

describe('the inserter’s price is the committed cost change', () => {
  it('Solomon RC101 (50 customers): exactly', () => {
    const ctx = contextFor(solomon('RC101', 50), 1);
    placeAll(ctx, 0);
    expect(checkInsertions(ctx, 25).inserted).toBeGreaterThan(100);
  });

  it('Mankowska B1 (soft windows, largest tardiness, double services): never below the truth, nearly always exact', () => {
    const p = mankowska('InstanzCPLEX_HCSRP_25_1.txt');
    expect(p.soft).toBe(true);
    expect(p.nLinks).toBeGreaterThan(0);
    const ctx = contextFor(p, 2);
    placeAll(ctx, 0);
    const { inserted, exact } = checkInsertions(ctx, 25);
    expect(inserted).toBeGreaterThan(100);
    expect(exact / inserted).toBeGreaterThan(0.9);
  });

  it('home-care days with breaks, working time and pair costs: exactly', () => {
    for (const seed of [1, 2, 3]) {
      const ctx = contextFor(randomDay(seed, { visits: 24, breaks: 1, maxWork: true, pairCosts: true, multiWindow: 4 }), seed);
      placeAll(ctx, 0.3);
      expect(checkInsertions(ctx, 10).inserted).toBeGreaterThan(30);
    }
  });
});

describe('the inserter chooses the cheapest position', () => {
  it('Solomon and Mankowska', () => {
    for (const p of [solomon('R101', 25), mankowska('InstanzCPLEX_HCSRP_10_1.txt')]) {
      const ctx = contextFor(p, 3);
      placeAll(ctx, 0.5);
      for (let round = 0; round < 5; round++) {
        removeRandom(ctx, 4);
        expect(checkBest(ctx)).toBeGreaterThan(0);
        placeAll(ctx, 0);
      }
    }
  });

  it('home-care days of every variant', () => {
    const variants = [{}, { breaks: 1 }, { pairs: 3, breaks: 0.5 }, { gaps: 3, breaks: 0.5 }, { pairCosts: true }, { soft: true, breaks: 0.5 }, { maxWork: true, breaks: 0.5 }, { routeChange: 40, vehicles: 6 }, { routeChange: 40, breaks: 0.5, maxWork: true }, { routeChange: 40, breaks: 0.5, soft: true }, { soft: true, breaks: 1, vehicles: 6 }];
    let checked = 0;
    for (const opts of variants) {
      for (const seed of [1, 2, 3, 4]) {
        const ctx = contextFor(randomDay(seed, { visits: 16, ...opts }), seed);
        placeAll(ctx, 0.5);
        removeRandom(ctx, 3);
        checked += checkBest(ctx);
      }
    }
    expect(checked).toBeGreaterThan(60);
  });

  it('soft windows and a break at the base: an insertion that moves the break may lower tardiness (regression)', () => {
    // Route 1 (break at the base) is late by 443 minutes; inserting visit 2 at position 2 moves its
    // break and costs −30, below the bound without the route's tardiness.
    const p = randomDay(1, { visits: 16, breaks: 0.5, soft: true });
    const ctx = contextFor(p, 1);
    expect(ctx.sol.setRoutes([[-1, 14], [4, 3, -1, 7, 9, 0], [10, 6, 5], [12, 11, 1, 15]])).toBe(true);
    expect(p.breakAtBase[1]).toBe(1);
    expect(ctx.sol.routes[1]!.tardiness).toBeGreaterThan(0);
    expect(ctx.pricer.price(insertion(ctx.sol, 2, 1, 2))).toBeCloseTo(-30, 6);
    expect(checkBest(ctx)).toBe(3);
    expect([ctx.inserter.best(2, 0, ctx.rng), ctx.inserter.bestRoute, ctx.inserter.bestPos]).toEqual([expect.closeTo(-30, 6), 1, 2]);
  });

  it('route changes: the cheapest place may make a route whole again (a negative part of the bound)', () => {
    let checked = 0;
    let whole = 0;
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const ctx = contextFor(randomDay(seed, { visits: 16, vehicles: 6, routeChange: 40, breaks: 0.5 }), seed);
      placeReferences(ctx);
      placeAll(ctx, 0.5);
      removeFromWhole(ctx);
      removeRandom(ctx, 2);
      const { sol, inserter, rng } = ctx;
      for (const v of sol.unassigned()) {
        const d = inserter.best(v, 0, rng);
        if (d < -20 && inserter.bestRoute === sol.p.referenceVehicle[v]) whole++;
      }
      checked += checkBest(ctx);
    }
    expect(checked).toBeGreaterThan(10);
    expect(whole).toBeGreaterThan(0);
  });

  it('optional visits (the price nets the penalty saved)', () => {
    let checked = 0;
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const ctx = contextFor(breakDay(seed, 12, 3), seed);
      placeAll(ctx, 0.5);
      removeRandom(ctx, 4);
      checked += checkBest(ctx);
    }
    expect(checked).toBeGreaterThan(10);
  });
});
