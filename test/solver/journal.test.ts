/**
 * The working solution's undo journal: nested undo levels (up to three open at once, a dry run
 * counting as one) restore routes, starts, cost, unplanned counts, pair counts and caches exactly;
 * a commit that breaks a rule is undone completely; pair counts shared between the days of a
 * period stay consistent.
 */
import { describe, expect, it } from 'vitest';
import { evaluateSolution } from '../../solver/evaluate.js';
import type { SearchContext } from '../../solver/operators.js';
import { compileProblem } from '../../solver/problem.js';
import { Proposal } from '../../solver/proposal.js';
import { WorkingSolution } from '../../solver/solution.js';
import { contextFor, expectAgrees, insertion, pairCounts, pairPotential, placeAll, snapshot } from './checks.js';
import { profileDay } from './profile-days.js';
import { randomDay } from './random-days.js';

/** A linked day with breaks, pair costs and double staffing, planned poorly, a few visits left out. */
function linkedDay(seed: number): SearchContext {
  const ctx = contextFor(randomDay(seed, { visits: 20, breaks: 0.5, pairs: 2, gaps: 2, pairCosts: true }), seed);
  placeAll(ctx, 0.5);
  ctx.sol.begin();
  for (let i = 0; i < 4; i++) ctx.sol.remove(ctx.rng.int(ctx.sol.p.nVisits));
  ctx.sol.nRemoved = 0;
  if (ctx.sol.finishRemovals()) ctx.sol.keep();
  else ctx.sol.rollback();
  return ctx;
}

/** Prices of every insertion of every unassigned visit (the caches must give them back after a rollback). */
function insertionPrices(ctx: SearchContext): number[] {
  const { sol, pricer } = ctx;
  const out: number[] = [];
  const prop = new Proposal();
  for (const v of sol.unassigned()) {
    for (let k = 0; k < sol.p.nVehicles; k++) {
      if (!sol.p.compat[v * sol.p.nVehicles + k]) continue;
      for (let pos = 0; pos <= sol.routes[k]!.len; pos++) out.push(pricer.price(insertion(sol, v, k, pos, prop), true));
    }
  }
  return out;
}

/** Some change: up to `n` unassigned visits inserted at their cheapest place (trial prices allowed: one more level). */
function insertSome(ctx: SearchContext, n: number): number {
  let done = 0;
  for (const v of ctx.sol.unassigned()) {
    if (done === n) break;
    if (ctx.inserter.best(v, 0, ctx.rng) < Infinity && ctx.inserter.commitBest(v)) done++;
  }
  return done;
}

/** Another change, without dry runs (for the third level): assigned visits taken out. */
function removeSome(ctx: SearchContext, n: number): void {
  const { sol, rng } = ctx;
  for (let i = 0; i < n; i++) sol.remove(rng.int(sol.p.nVisits));
  sol.nRemoved = 0;
  sol.finishRemovals();
}

describe('nested undo levels', () => {
  for (const seed of [1, 2, 3]) {
    it(`day ${seed}: three levels rolled back and kept in every order restore every state exactly`, () => {
      const ctx = linkedDay(seed);
      const { sol } = ctx;
      const s0 = snapshot(sol);
      const prices0 = insertionPrices(ctx);

      // Roll back the innermost, keep the middle one, roll back the outermost.
      sol.begin();
      removeSome(ctx, 3);
      insertSome(ctx, 2);
      const s1 = snapshot(sol);
      sol.begin();
      expect(insertSome(ctx, 3)).toBeGreaterThan(0);
      const s2 = snapshot(sol);
      const prices2 = insertionPrices(ctx);
      sol.begin();
      removeSome(ctx, 4);
      expect(snapshot(sol)).not.toEqual(s2);
      sol.rollback();
      expect(snapshot(sol)).toEqual(s2);
      expect(insertionPrices(ctx)).toEqual(prices2);
      sol.keep();
      expect(snapshot(sol)).toEqual(s2);
      expect(s2).not.toEqual(s1);
      sol.rollback();
      expect(snapshot(sol)).toEqual(s0);
      expect(insertionPrices(ctx)).toEqual(prices0);

      // Keep the inner two, roll back the outermost.
      sol.begin();
      insertSome(ctx, 2);
      sol.begin();
      removeSome(ctx, 2);
      sol.begin();
      removeSome(ctx, 2);
      sol.keep();
      sol.keep();
      sol.rollback();
      expect(snapshot(sol)).toEqual(s0);
      expect(insertionPrices(ctx)).toEqual(prices0);

      // Keep all three: the result is a consistent solution.
      sol.begin();
      removeSome(ctx, 2);
      sol.begin();
      insertSome(ctx, 4);
      sol.begin();
      removeSome(ctx, 1);
      const s3 = snapshot(sol);
      sol.keep();
      sol.keep();
      sol.keep();
      expect(snapshot(sol)).toEqual(s3);
      if (sol.feasible()) expectAgrees(sol);
    });
  }

  it('a dry run inside two open levels changes nothing', () => {
    const ctx = linkedDay(4);
    const { sol, pricer } = ctx;
    sol.begin();
    insertSome(ctx, 1);
    sol.begin();
    removeSome(ctx, 1);
    const s = snapshot(sol);
    const prices = insertionPrices(ctx);
    const prop = new Proposal();
    for (const v of sol.unassigned()) {
      for (let k = 0; k < sol.p.nVehicles; k++) {
        if (!sol.p.compat[v * sol.p.nVehicles + k]) continue;
        for (let pos = 0; pos <= sol.routes[k]!.len; pos++) pricer.confirm(insertion(sol, v, k, pos, prop));
      }
    }
    expect(snapshot(sol)).toEqual(s);
    expect(insertionPrices(ctx)).toEqual(prices);
    sol.rollback();
    sol.rollback();
  });
});

describe('a commit that breaks a rule', () => {
  it('is undone completely by the rollback of its level (windows, links)', () => {
    let failed = 0;
    for (const seed of [1, 2, 3, 4]) {
      const ctx = linkedDay(seed);
      const { sol, pricer } = ctx;
      const s = snapshot(sol);
      const prices = insertionPrices(ctx);
      const prop = new Proposal();
      // Every insertion of an unassigned visit that breaks a rule, and every double-staffed pair put on one route.
      const bad: Proposal[] = [];
      for (const v of sol.unassigned()) {
        for (let k = 0; k < sol.p.nVehicles; k++) {
          if (!sol.p.compat[v * sol.p.nVehicles + k]) continue;
          for (let pos = 0; pos <= sol.routes[k]!.len; pos++) {
            if (pricer.price(insertion(sol, v, k, pos, prop)) === Infinity) bad.push(insertion(sol, v, k, pos));
          }
        }
      }
      for (let l = 0; l < sol.p.nLinks; l++) {
        const a = sol.p.linkA[l]!;
        const b = sol.p.linkB[l]!;
        const k = sol.routeOf[a]!;
        if (!sol.p.linkDifferent[l] || k < 0 || sol.routeOf[b]! < 0 || sol.routeOf[b] === k) continue;
        const kb = sol.routeOf[b]!;
        const nb = sol.routes[kb]!.len;
        const x = sol.posOf[b]!;
        bad.push(new Proposal().route(k).take(k, 0, sol.routes[k]!.len).visit(b).route(kb).take(kb, 0, x).take(kb, x + 1, nb));
      }
      for (const q of bad) {
        sol.begin();
        const ok = pricer.commit(q);
        if (!ok) {
          // A commit is guarded: one that breaks a rule leaves everything as it was.
          failed++;
          expect(snapshot(sol)).toEqual(s);
          expect(evaluateSolution(sol.p, sol.routeLists()).feasible).toBe(true);
        }
        sol.rollback();
        expect(snapshot(sol)).toEqual(s);
        expect(sol.feasible()).toBe(true);
      }
      expect(insertionPrices(ctx)).toEqual(prices);
      expectAgrees(sol);
    }
    expect(failed).toBeGreaterThan(20);
  });
});

describe('a failed insertion by the inserter', () => {
  /**
   * x on vehicle 0 is double-staffed with y on vehicle 1, which does w first: both start at 50.
   * z (window 0–35) after x fits only while x starts at 10. Its commit fails once y's route, timed
   * in the failed propagation, pushes x; taking z out again must leave y's route as it was (it kept
   * the cost of the failed state, Infinity, as its starts did not move).
   */
  it('leaves the solution as it was (regression: a partner route kept the failed state’s cost)', () => {
    const n = 4;
    const p = compileProblem({
      nLocations: n,
      travel: Array.from({ length: n * n }, (_, i) => (Math.floor(i / n) === i % n ? 0 : 10)),
      visits: [
        { location: 1, duration: 10 }, // x
        { location: 1, duration: 10 }, // y
        { location: 2, duration: 30 }, // w
        { location: 3, duration: 10, windows: [[0, 35]] }, // z
      ],
      vehicles: [0, 1].map(() => ({ start: 0, end: 0, shiftStart: 0, shiftEnd: 200 })),
      links: [{ a: 0, b: 1, minGap: 0, maxGap: 0, differentVehicles: true }],
    });
    const ctx = contextFor(p, 1);
    expect(ctx.sol.setRoutes([[0], [2, 1]])).toBe(true);
    const s = snapshot(ctx.sol);
    expect(ctx.pricer.price(insertion(ctx.sol, 3, 0, 1))).toBe(Infinity);
    ctx.inserter.bestRoute = 0;
    ctx.inserter.bestPos = 1;
    expect(ctx.inserter.commitBest(3)).toBe(false);
    expect(snapshot(ctx.sol)).toEqual(s);
    expect(ctx.sol.feasible()).toBe(true);
  });

  it('leaves the solution as it was (random linked day, every insertion that misses a window)', () => {
    const ctx = linkedDay(5);
    const { sol, inserter } = ctx;
    const s = snapshot(sol);
    let failed = 0;
    for (const v of sol.unassigned()) {
      for (let k = 0; k < sol.p.nVehicles; k++) {
        if (!sol.p.compat[v * sol.p.nVehicles + k]) continue;
        for (let pos = 0; pos <= sol.routes[k]!.len; pos++) {
          if (ctx.pricer.price(insertion(sol, v, k, pos)) < Infinity) continue;
          // As if the inserter had chosen this place.
          inserter.bestRoute = k;
          inserter.bestPos = pos;
          if (inserter.commitBest(v)) continue;
          failed++;
          expect(snapshot(sol)).toEqual(s);
        }
      }
    }
    expect(failed).toBeGreaterThan(10);
  });

  /**
   * Profile day 2 (see profiles.test.ts): inserting visit 9 into route 0 after visit 1 breaks a
   * rule. Taking the visit out again re-times route 0 from the failed state, whose partner starts
   * were pushed: the break moves before visit 4 and the route breaks its rule. Undoing must restore.
   */
  it('leaves the solution as it was (regression: taking the visit out again moved a break)', () => {
    const ctx = contextFor(profileDay(2, 12, 5, true), 1);
    const { sol, inserter } = ctx;
    expect(sol.setRoutes([[1, 12, 4, -1, 7], [], [], [15, 8, -1, 3, 2, 11, 6, 10], [16, -1, 5, 0]])).toBe(true);
    const s = snapshot(sol);
    inserter.bestRoute = 0;
    inserter.bestPos = 1;
    expect(inserter.commitBest(9)).toBe(false);
    expect(snapshot(sol)).toEqual(s);
    expect(sol.feasible()).toBe(true);
  });
});

describe('pair counts and undo levels', () => {
  /** Two staff (owners 0, 1), four visits of client 0 (group 0), marginal prices 40, 10, 4. */
  const p = compileProblem({
    nLocations: 2,
    travel: [0, 5, 5, 0],
    visits: [0, 1, 2, 3].map(() => ({ location: 1, duration: 10, group: 0 })),
    vehicles: [0, 1].map((owner) => ({ start: 0, end: 0, shiftStart: 0, shiftEnd: 480, owner })),
    pairs: { nGroups: 1, nOwners: 2, marginal: [40, 10, 4] },
  });

  it('an inner rollback inside a kept level is not undone again by the outer rollback (regression)', () => {
    const sol = new WorkingSolution(p);
    sol.insert(0, 0, 0);
    const s0 = snapshot(sol);
    expect(s0.pairCount).toEqual([1, 0]);
    sol.begin();
    sol.begin();
    sol.insert(1, 0, 1);
    sol.begin();
    sol.insert(2, 0, 2);
    sol.insert(3, 1, 0);
    expect(Array.from(sol.pairCount)).toEqual([3, 1]);
    sol.rollback();
    expect(Array.from(sol.pairCount)).toEqual([2, 0]);
    sol.keep();
    expect(Array.from(sol.pairCount)).toEqual([2, 0]);
    expect(sol.pairCost).toBe(50);
    expectAgrees(sol);
    sol.rollback();
    // Once undone in the inner level, visits 2 and 3 must not be taken off the counts again.
    expect(snapshot(sol)).toEqual(s0);
    expect(sol.unassigned()).toEqual([1, 2, 3]);
    expectAgrees(sol);
  });

  it('an inner rollback inside a kept outermost level keeps the outer changes', () => {
    const sol = new WorkingSolution(p);
    sol.begin();
    sol.insert(0, 1, 0);
    sol.begin();
    sol.insert(1, 1, 1);
    sol.rollback();
    sol.keep();
    expect(Array.from(sol.pairCount)).toEqual([0, 1]);
    expect(sol.pairCost).toBe(40);
    expectAgrees(sol);
    // And a later level still undoes only its own changes.
    sol.begin();
    sol.insert(2, 1, 1);
    sol.rollback();
    expect(Array.from(sol.pairCount)).toEqual([0, 1]);
    expect(sol.unassigned()).toEqual([1, 2, 3]);
  });
});

describe('pair counts shared between days', () => {
  it('greedy days priced against one array: counts are the routes’ own, costs add up to the shared potential', () => {
    const days = [1, 2, 3].map((seed) => randomDay(seed, { visits: 16, pairCosts: true, breaks: 0.5, pairs: 1 }));
    const shared = new Int32Array(days[0]!.nGroups * days[0]!.nOwners);
    const ctxs = days.map((d, i) => contextFor(new WorkingSolution(d, shared), 10 + i));
    const check = (): void => {
      const sum = new Array<number>(shared.length).fill(0);
      for (const c of ctxs) pairCounts(c.sol.p, c.sol.routeLists()).forEach((n, i) => (sum[i]! += n));
      expect(Array.from(shared)).toEqual(sum);
      expect(ctxs.reduce((s, c) => s + c.sol.pairCost, 0)).toBeCloseTo(pairPotential(days[0]!, shared), 9);
      for (const c of ctxs) {
        // Each day's own cost: the evaluator's, its pair part replaced by the day's share.
        const ev = evaluateSolution(c.sol.p, c.sol.routeLists());
        expect(ev.violations).toEqual([]);
        const own = pairPotential(c.sol.p, pairCounts(c.sol.p, c.sol.routeLists()));
        expect(c.sol.cost() - c.sol.pairCost).toBeCloseTo(ev.cost - own, 6);
      }
    };
    // The days in turn (no level open on two days at once, as the greedy does): placements, then
    // removals kept or rolled back.
    for (let round = 0; round < 3; round++) {
      for (const c of ctxs) {
        placeAll(c, 0.3);
        check();
        c.sol.begin();
        removeSome(c, 3);
        if (c.sol.feasible() && round % 2 === 0) c.sol.keep();
        else c.sol.rollback();
        check();
      }
    }
    expect(shared.reduce((s, n) => s + n, 0)).toBeGreaterThan(20);
  });

  it('a pair met on one day prices the next day’s insertion', () => {
    const p = compileProblem({
      nLocations: 2,
      travel: [0, 5, 5, 0],
      visits: [{ location: 1, duration: 10, group: 0 }],
      vehicles: [0, 1].map((owner) => ({ start: 0, end: 0, shiftStart: 0, shiftEnd: 480, owner })),
      pairs: { nGroups: 1, nOwners: 2, marginal: [40, 10] },
    });
    const shared = new Int32Array(2);
    const monday = contextFor(new WorkingSolution(p, shared), 1);
    const tuesday = contextFor(new WorkingSolution(p, shared), 1);
    const price = (k: number): number => tuesday.pricer.price(insertion(tuesday.sol, 0, k, 0));
    expect([price(0), price(1)]).toEqual([50, 50]);
    monday.sol.insert(0, 1, 0);
    expect(Array.from(shared)).toEqual([0, 1]);
    expect([price(0), price(1)]).toEqual([50, 20]);
    expect(tuesday.inserter.best(0, 0, tuesday.rng)).toBe(20);
    expect(tuesday.inserter.bestRoute).toBe(1);
    monday.sol.begin();
    monday.sol.remove(0);
    monday.sol.nRemoved = 0;
    monday.sol.finishRemovals();
    expect([price(0), price(1)]).toEqual([50, 50]);
    monday.sol.rollback();
    expect([price(0), price(1)]).toEqual([50, 20]);
  });
});
