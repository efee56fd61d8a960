/**
 * The plain vehicles' fast path (solver/plain.ts) prices every move as the scan does: the same
 * routes on the same problem with `plainVehicle` cleared (every route scanned) give the same price
 * for every move every operator offers, on Solomon instances and plain random days.
 */
import { describe, expect, it } from 'vitest';
import { plainTravel } from '../../solver/plain.js';
import type { Problem } from '../../solver/problem.js';
import { Proposal } from '../../solver/proposal.js';
import { contextFor, offerAll, operators, placeAll, solomon } from './checks.js';
import { randomDay } from './random-days.js';

function compare(p: Problem, seed: number): { priced: number; fast: number } {
  const ctx = contextFor(p, seed);
  placeAll(ctx, 0.5);
  const scanned = contextFor({ ...p, plainVehicle: new Uint8Array(p.nVehicles) }, seed);
  expect(scanned.sol.setRoutes(ctx.sol.routeLists())).toBe(true);
  expect(scanned.sol.cost()).toBeCloseTo(ctx.sol.cost(), 9);
  const { sol, rng, pricer } = ctx;
  const arcs = offerAll(sol);
  const prop = new Proposal();
  let priced = 0;
  let fast = 0;
  for (const op of operators()) {
    for (let t = 0; t < 40; t++) {
      const v = rng.int(p.nVisits);
      const w = p.neighbours[v * p.nNeighbours + rng.int(Math.min(8, p.nNeighbours))]!;
      if (v === w || sol.routeOf[v]! < 0 || sol.routeOf[w]! < 0) continue;
      op.moves(arcs, v, w, prop, (q) => {
        for (let i = 0; i < q.nRoutes; i++) if (!Number.isNaN(plainTravel(p, sol, q, i))) fast++;
        const d = pricer.price(q);
        const e = scanned.pricer.price(q);
        expect([op.name, d]).toEqual([op.name, e === Infinity ? Infinity : expect.closeTo(e, 9)]);
        priced++;
        return false;
      });
    }
  }
  return { priced, fast };
}

describe('plain vehicles: the fast path prices as the scan', () => {
  it('Solomon R101, C101, RC201 (50 customers) and plain random days', () => {
    let priced = 0;
    let fast = 0;
    const days = [solomon('R101', 50), solomon('C101', 50), solomon('RC201', 50), randomDay(1, { visits: 24 }), randomDay(2, { visits: 24, multiWindow: 8 })];
    for (const [i, p] of days.entries()) {
      const r = compare(p, i + 1);
      priced += r.priced;
      fast += r.fast;
    }
    expect(priced).toBeGreaterThan(500);
    expect(fast).toBeGreaterThan(priced);
  });
});
