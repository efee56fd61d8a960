/**
 * The route-change cost (a vehicle whose route's set of visits differs from its reference in the
 * plan in force costs `objective.routeChange`): compiled and validated, priced exactly by the
 * pricer, the arc prices, insertion and the commit, counted by the evaluator, and weighed by the
 * search against travel.
 */
import { describe, expect, it } from 'vitest';
import { evaluateSolution } from '../../solver/evaluate.js';
import { Relocate } from '../../solver/moves.js';
import { compileProblem, type ProblemSpec, type VehicleSpec } from '../../solver/problem.js';
import { Proposal } from '../../solver/proposal.js';
import { Rng } from '../../solver/rng.js';
import { solve } from '../../solver/search.js';
import { contextFor, expectAgrees, offerAll } from './checks.js';

const W = 100;

/** Depot 0 and one place (1): visits a = 0, b = 1, c = 2 there; vehicle 0's reference is {a, b}, vehicle 1 has none. */
function twoVehicles(second: Partial<VehicleSpec> = {}): ProblemSpec {
  return {
    nLocations: 2,
    travel: [0, 10, 10, 0],
    visits: [0, 1, 2].map(() => ({ location: 1, duration: 10 })),
    vehicles: [
      { start: 0, end: 0, shiftStart: 0, shiftEnd: 600, reference: [0, 1] },
      { start: 0, end: 0, shiftStart: 0, shiftEnd: 600, ...second },
    ],
    objective: { routeChange: W },
  };
}

describe('route-change cost', () => {
  it('compiles the references and rejects inconsistent ones', () => {
    const p = compileProblem(twoVehicles({ reference: [] }));
    expect(Array.from(p.referenceVehicle)).toEqual([0, 0, -1]);
    expect(Array.from(p.referenceCount)).toEqual([2, 0]);
    expect(p.wRouteChange).toBe(W);
    expect(p.routeChangeActive).toBe(true);
    expect(compileProblem({ ...twoVehicles(), objective: {} }).routeChangeActive).toBe(false);
    expect(() => compileProblem(twoVehicles({ reference: [1] }))).toThrow(/vehicle 1: reference visit 1 is in vehicle 0's reference too/);
    expect(() => compileProblem(twoVehicles({ reference: [2, 2] }))).toThrow(/vehicle 1: reference lists visit 2 twice/);
    expect(() => compileProblem(twoVehicles({ reference: [3] }))).toThrow(/vehicle 1: reference visit 3 out of range/);
    expect(() => compileProblem({ ...twoVehicles(), objective: { routeChange: -1 } })).toThrow(/routeChange/);
  });

  it('relocating the one visit that differs back lowers the cost by exactly the weight', () => {
    const p = compileProblem(twoVehicles());
    const { sol, pricer } = contextFor(p, 1);
    expect(sol.setRoutes([[0], [1, 2]])).toBe(true);
    // Both routes visit place 1: travel 20 each; vehicle 0 misses b.
    expect(evaluateSolution(p, sol.routeLists()).routesChanged).toBe(1);
    expect(sol.cost()).toBe(40 + W);
    expectAgrees(sol);
    const back = new Proposal().route(0).take(0, 0, 1).take(1, 0, 1).route(1).take(1, 1, 2);
    expect(pricer.price(back)).toBe(-W);
    expect(pricer.estimate(back)).toBe(-W);
    // The relocate operator's arc price of the same move.
    const arcs = offerAll(sol);
    const offered: number[] = [];
    new Relocate().moves(arcs, 1, 0, new Proposal(), () => {
      offered.push(arcs.last);
      return false;
    });
    expect(offered).toContain(-W);
    expect(pricer.commit(back)).toBe(true);
    expect(sol.cost()).toBe(40);
    expect(evaluateSolution(p, sol.routeLists()).routesChanged).toBe(0);
    expectAgrees(sol);
    // Taking b out again, and putting c (no one's reference) on vehicle 0: each changes it.
    const out = new Proposal().route(0).take(0, 0, 1).route(1).take(0, 1, 2).take(1, 0, 1);
    expect(pricer.price(out)).toBe(W);
    expect(pricer.price(new Proposal().route(0).take(0, 0, 2).take(1, 0, 1).route(1))).toBe(W - 20);
  });

  it('insertion: putting back the last missing visit has a negative price, and is chosen', () => {
    const p = compileProblem(twoVehicles());
    const { sol, inserter } = contextFor(p, 1);
    expect(sol.setRoutes([[0], [2]])).toBe(true);
    expect(inserter.best(1, 0, new Rng(1))).toBe(-W);
    expect(inserter.bestRoute).toBe(0);
    expect(inserter.commitBest(1)).toBe(true);
    expect(sol.cost()).toBe(40);
    expectAgrees(sol);
  });

  it('an empty reference: the empty route is unchanged, any visit changes it; an unused referenced vehicle costs', () => {
    const p = compileProblem(twoVehicles({ reference: [] }));
    const { sol, inserter } = contextFor(p, 1);
    // Nothing planned: vehicle 0 lost its whole route.
    expect(sol.cost()).toBe(W);
    expect(evaluateSolution(p, []).cost).toBe(W);
    expect(evaluateSolution(p, []).routesChanged).toBe(1);
    expect(sol.setRoutes([[0, 1], []])).toBe(true);
    expect(sol.cost()).toBe(20);
    // c on vehicle 1 costs its travel and the change of its empty route; on vehicle 0 the change of that one.
    expect(inserter.best(2, 0, new Rng(1))).toBe(W);
    expect(inserter.bestRoute).toBe(0);
    expectAgrees(sol);
  });

  it('the same data but different references: vehicles are not interchangeable', () => {
    const base = twoVehicles({ reference: [2] });
    expect(Array.from(compileProblem(base).vehicleClass)).toEqual([0, 1]);
    const none = { ...base, vehicles: base.vehicles.map((k) => ({ ...k, reference: undefined })) };
    expect(Array.from(compileProblem(none).vehicleClass)).toEqual([0, 0]);
    const empty = { ...base, vehicles: base.vehicles.map((k) => ({ ...k, reference: [] })) };
    expect(Array.from(compileProblem(empty).vehicleClass)).toEqual([0, 0]);
    expect(Array.from(compileProblem({ ...base, objective: {} }).vehicleClass)).toEqual([0, 0]);
  });

  /**
   * Four clusters of three visits at the corners of a square, four vehicles from the centre. The
   * plan in force gives every vehicle two clusters' visits mixed (feasible, long): without a price
   * on changes the search regroups them by cluster; with a high one it keeps the plan.
   */
  it('the search with a large weight changes fewer routes', () => {
    const corners = [
      [0, 0],
      [40, 0],
      [0, 40],
      [40, 40],
    ];
    const pts: number[][] = [[20, 20]];
    for (const [x, y] of corners) for (let i = 0; i < 3; i++) pts.push([x! + i, y! + ((2 * i) % 3)]);
    const n = pts.length;
    const travel: number[] = [];
    for (const a of pts) for (const b of pts) travel.push(Math.round(Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!)));
    // Reference of vehicle k: visits 0–1 of cluster k and visit 2 of cluster k + 1.
    const cluster = (c: number, i: number): number => 3 * (c % 4) + i;
    const reference = [0, 1, 2, 3].map((k) => [cluster(k, 0), cluster(k, 1), cluster(k + 1, 2)]);
    const spec = (weight: number): ProblemSpec => ({
      nLocations: n,
      travel,
      visits: Array.from({ length: 12 }, (_, v) => ({ location: v + 1, duration: 10 })),
      vehicles: reference.map((ref) => ({ start: 0, end: 0, shiftStart: 0, shiftEnd: 600, reference: ref })),
      objective: { routeChange: weight },
    });
    const results = [0, 1000].map((weight) => {
      const p = compileProblem(spec(weight));
      const res = solve(p, { seed: 3, maxIterations: 300, initialRoutes: reference });
      const ev = evaluateSolution(p, res.routes);
      expect(ev.violations).toEqual([]);
      expect(ev.cost).toBeCloseTo(res.cost, 6);
      return ev;
    });
    const [free, priced] = results;
    expect(free!.routesChanged).toBeGreaterThan(0);
    expect(priced!.routesChanged).toBe(0);
    expect(priced!.distance).toBeGreaterThan(free!.distance);
  });
});
