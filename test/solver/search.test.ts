import { describe, expect, it } from 'vitest';
import { evaluateSolution } from '../../solver/evaluate.js';
import { CrossExchange, GranularRelocate, GranularSwap, OrOpt, TwoOptStar } from '../../solver/localsearch.js';
import { BlinkInsertion, RandomRemoval, RegretInsertion, RelatedRemoval, StringRemoval, WorstRemoval, type Operator } from '../../solver/operators.js';
import { Rng } from '../../solver/rng.js';
import { solve } from '../../solver/search.js';
import { WorkingSolution } from '../../solver/solution.js';
import { parseSolomon, solomonProblem } from '../../src/benchmarks/solomon.js';
import { solomonText } from './helpers.js';

const instances = ['C101', 'R101', 'RC201', 'R211'];

describe('search on Solomon instances cut to 25 customers', () => {
  for (const name of instances) {
    it(`${name}: every solution passes the independent evaluator`, () => {
      const problem = solomonProblem(parseSolomon(solomonText(name, 25)));
      const res = solve(problem, { seed: 3, maxIterations: 1500 });
      const ev = evaluateSolution(problem, res.routes);
      expect(ev.violations).toEqual([]);
      expect(ev.unassigned).toEqual([]);
      expect(ev.cost).toBeCloseTo(res.cost, 6);
    });
  }

  it('gives the same solution for the same seed and iteration limit', () => {
    const problem = solomonProblem(parseSolomon(solomonText('R101', 25)));
    const a = solve(problem, { seed: 7, maxIterations: 800 });
    const b = solve(problem, { seed: 7, maxIterations: 800 });
    expect(a.routes).toEqual(b.routes);
    expect(a.cost).toBe(b.cost);
  });

  it('finds the known optimum of C101 (25) quickly', () => {
    const problem = solomonProblem(parseSolomon(solomonText('C101', 25)));
    const res = solve(problem, { seed: 1, maxIterations: 3000 });
    // Distance-only optimum of C101.25 in double precision is 191.81 (3 vehicles).
    expect(res.cost).toBeLessThan(191.82);
  });

  const ruins: (() => Operator)[] = [() => new StringRemoval(), () => new RandomRemoval(), () => new RelatedRemoval(), () => new WorstRemoval()];
  for (const make of ruins) {
    it(`ruin operator ${make().name} alone keeps solutions feasible and improves on construction`, () => {
      const problem = solomonProblem(parseSolomon(solomonText('RC201', 25)));
      const construction = solve(problem, { seed: 2, maxIterations: 0, improvers: [] });
      const res = solve(problem, { seed: 2, maxIterations: 600, ruins: [{ op: make(), weight: 1 }], improvers: [] });
      const ev = evaluateSolution(problem, res.routes);
      expect(ev.violations).toEqual([]);
      expect(res.cost).toBeLessThanOrEqual(construction.cost);
      expect(res.operatorStats[make().name]!.calls).toBe(600);
    });
  }

  it('regret insertion alone produces feasible solutions', () => {
    const problem = solomonProblem(parseSolomon(solomonText('R101', 25)));
    const res = solve(problem, { seed: 2, maxIterations: 100, recreates: [{ op: new RegretInsertion(), weight: 1 }], improvers: [] });
    expect(evaluateSolution(problem, res.routes).violations).toEqual([]);
  });

  const improvers: (() => Operator)[] = [() => new GranularRelocate(), () => new GranularSwap(), () => new TwoOptStar(), () => new OrOpt(), () => new CrossExchange()];
  for (const make of improvers) {
    it(`local search ${make().name} alone: every applied move has the predicted delta and stays feasible`, () => {
      const problem = solomonProblem(parseSolomon(solomonText('RC101', 40)));
      const rng = new Rng(5);
      const sol = new WorkingSolution(problem);
      // A poor start: one visit per route order, inserted with a random order and many blinks.
      for (let v = 0; v < problem.nVisits; v++) sol.removed[sol.nRemoved++] = v;
      new BlinkInsertion().apply(sol, rng, { avgRemoved: 10, maxString: 10, splitDepth: 0.01, splitRate: 0.5, blinkRate: 0.6 });
      const op = make();
      let moves = 0;
      for (let i = 0; i < 200; i++) {
        const before = sol.cost();
        const d = op.evaluate(sol, rng, { avgRemoved: 10, maxString: 10, splitDepth: 0.01, splitRate: 0.5, blinkRate: 0 });
        if (d >= -1e-9) break;
        op.apply(sol, rng, { avgRemoved: 10, maxString: 10, splitDepth: 0.01, splitRate: 0.5, blinkRate: 0 });
        moves++;
        expect(sol.cost()).toBeCloseTo(before + d, 6);
        const ev = evaluateSolution(problem, sol.routes());
        expect(ev.violations).toEqual([]);
        expect(ev.cost).toBeCloseTo(sol.cost(), 6);
      }
      expect(moves).toBeGreaterThan(0);
    });
  }

  for (const make of [(): Operator => new OrOpt(), (): Operator => new CrossExchange()]) {
    it(`local search ${make().name} alone: same seed gives the same moves and routes`, () => {
      const problem = solomonProblem(parseSolomon(solomonText('R105', 40)));
      const params = { avgRemoved: 10, maxString: 10, splitDepth: 0.01, splitRate: 0.5, blinkRate: 0.6 };
      const run = (): { routes: number[][]; deltas: number[] } => {
        const rng = new Rng(11);
        const sol = new WorkingSolution(problem);
        for (let v = 0; v < problem.nVisits; v++) sol.removed[sol.nRemoved++] = v;
        new BlinkInsertion().apply(sol, rng, params);
        const op = make();
        const deltas: number[] = [];
        for (let i = 0; i < 200; i++) {
          const d = op.evaluate(sol, rng, params);
          if (d >= -1e-9) break;
          op.apply(sol, rng, params);
          deltas.push(d);
        }
        return { routes: sol.routes(), deltas };
      };
      const a = run();
      const b = run();
      expect(a.deltas.length).toBeGreaterThan(0);
      expect(a).toEqual(b);
      const ev = evaluateSolution(problem, a.routes);
      expect(ev.violations).toEqual([]);
    });
  }

  it('or-opt alone on a single route: intra-route moves have the predicted delta and stay feasible', () => {
    const problem = solomonProblem(parseSolomon(solomonText('R201', 25)));
    const rng = new Rng(3);
    const params = { avgRemoved: 10, maxString: 10, splitDepth: 0.01, splitRate: 0.5, blinkRate: 0 };
    const res = solve(problem, { seed: 1, maxIterations: 200 });
    const route = [...res.routes].sort((x, y) => y.length - x.length)[0]!;
    const sol = new WorkingSolution(problem);
    let moves = 0;
    // Misplace a pair of consecutive visits (kept only when still feasible); only one route is used.
    for (let x = 0; x + 2 <= route.length; x++) {
      for (let y = 0; y + 2 <= route.length; y++) {
        if (x === y) continue;
        const rest = [...route.slice(0, x), ...route.slice(x + 2)];
        const bad = [...rest.slice(0, y), ...route.slice(x, x + 2), ...rest.slice(y)];
        sol.setRoutes([bad]);
        if (!Number.isFinite(sol.cost())) continue;
        const op: Operator = new OrOpt();
        for (let i = 0; i < 50; i++) {
          const before = sol.cost();
          const d = op.evaluate(sol, rng, params);
          if (d >= -1e-9) break;
          op.apply(sol, rng, params);
          moves++;
          expect(sol.cost()).toBeCloseTo(before + d, 6);
          const ev = evaluateSolution(problem, sol.routes());
          expect(ev.violations).toEqual([]);
          expect(ev.cost).toBeCloseTo(sol.cost(), 6);
          expect(sol.routes().filter((r) => r.length > 0).length).toBe(1);
        }
      }
    }
    expect(moves).toBeGreaterThan(0);
  });
});
