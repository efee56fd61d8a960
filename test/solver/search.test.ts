/**
 * The search loop and its operators on Solomon instances cut to a few customers, and local search
 * on home-care days: every result passes the independent evaluator at the reported cost, runs are
 * deterministic for a seed and an iteration limit, and every operator does its share alone.
 */
import { describe, expect, it } from 'vitest';
import { evaluateSolution } from '../../solver/evaluate.js';
import { CrossExchange, OrOpt, Relocate, Swap, TwoOptStar, defaultMoves, localSearch, type MoveOperator } from '../../solver/moves.js';
import { RandomRemoval, RegretInsertion, RelatedRemoval, StringRemoval, WorstRemoval, type Operator } from '../../solver/operators.js';
import type { Problem } from '../../solver/problem.js';
import { solve, type SearchResult } from '../../solver/search.js';
import { contextFor, expectAgrees, placeAll, solomon } from './checks.js';
import { randomDay, type RandomDayOptions } from './random-days.js';

/** The result passes the evaluator, with the reported cost, unplanned counts and unassigned visits. */
function expectValid(p: Problem, res: SearchResult): void {
  const ev = evaluateSolution(p, res.routes);
  expect(ev.violations).toEqual([]);
  expect(ev.cost).toBeCloseTo(res.cost, 6);
  expect(ev.unplanned).toEqual(res.unplanned);
  expect(ev.unassigned).toEqual(res.unassigned);
}

describe('search on Solomon instances cut to 25 customers', () => {
  for (const name of ['C101', 'R101', 'RC201', 'R211']) {
    it(`${name}: the solution passes the evaluator, every customer served, at the reported cost`, () => {
      const p = solomon(name, 25);
      const res = solve(p, { seed: 3, maxIterations: 500 });
      expectValid(p, res);
      expect(res.unassigned).toEqual([]);
      expect(res.iterations).toBe(500);
    });
  }

  it('the same seed and iteration limit give the same solution', () => {
    const p = solomon('R101', 25);
    const a = solve(p, { seed: 7, maxIterations: 400 });
    const b = solve(p, { seed: 7, maxIterations: 400 });
    expect(a.routes).toEqual(b.routes);
    expect(a.cost).toBe(b.cost);
  });

  it('finds the optimum of C101 (25 customers) within 3000 iterations', () => {
    const res = solve(solomon('C101', 25), { seed: 1, maxIterations: 3000 });
    // The distance-only optimum of C101.25 in double precision is 191.81 (3 vehicles).
    expect(res.cost).toBeLessThan(191.82);
  });

  const ruins: (() => Operator)[] = [() => new StringRemoval(), () => new RandomRemoval(), () => new RelatedRemoval(), () => new WorstRemoval()];
  for (const make of ruins) {
    it(`ruin ${make().name} alone keeps solutions feasible and improves on the construction`, () => {
      const p = solomon('RC201', 25);
      const construction = solve(p, { seed: 2, maxIterations: 0, moves: [] });
      expectValid(p, construction);
      const op = make();
      const res = solve(p, { seed: 2, maxIterations: 600, ruins: [{ op, weight: 1 }], moves: [] });
      expectValid(p, res);
      expect(res.unassigned).toEqual([]);
      expect(res.cost).toBeLessThan(construction.cost);
      expect(res.operatorStats[op.name]!.calls).toBe(600);
      expect(res.operatorStats[op.name]!.improved).toBeGreaterThan(0);
    });
  }

  it('regret insertion alone produces feasible solutions better than the construction', () => {
    const p = solomon('R101', 25);
    const construction = solve(p, { seed: 2, maxIterations: 0, moves: [] });
    const op = new RegretInsertion();
    const res = solve(p, { seed: 2, maxIterations: 300, recreates: [{ op, weight: 1 }], moves: [] });
    expectValid(p, res);
    expect(res.unassigned).toEqual([]);
    expect(res.cost).toBeLessThan(construction.cost);
    expect(res.operatorStats[op.name]!.calls).toBe(300);
    expect(res.operatorStats[op.name]!.improved).toBeGreaterThan(0);
  });
});

const moveOperators: (() => MoveOperator)[] = [() => new Relocate(), () => new Swap(), () => new TwoOptStar(), () => new OrOpt(), () => new CrossExchange()];

describe('each move operator alone', () => {
  for (const make of moveOperators) {
    it(`${make().name} in the search: feasible results, moves committed`, () => {
      let improved = 0;
      for (const name of ['RC201', 'R211']) {
        const p = solomon(name, 25);
        const op = make();
        const res = solve(p, { seed: 2, maxIterations: 200, moves: [op] });
        expectValid(p, res);
        expect(res.operatorStats[op.name]!.improved).toBe(op.stats.improved);
        improved += op.stats.improved;
      }
      expect(improved).toBeGreaterThan(0);
    });

    it(`${make().name} from a fixed poor start: commits moves, never worsens, matches the evaluator`, () => {
      let moves = 0;
      for (const [name, n] of [
        ['RC101', 40],
        ['R105', 40],
        ['C101', 25],
      ] as const) {
        const ctx = contextFor(solomon(name, n), 5);
        // Inside an undo level, so that every route counts as changed for the loop.
        ctx.sol.begin();
        placeAll(ctx, 0.6);
        const before = ctx.sol.cost();
        const op = make();
        const m = localSearch(ctx, [op]);
        expect(op.stats.improved).toBe(m);
        expect(ctx.sol.cost()).toBeLessThanOrEqual(before);
        if (m > 0) expect(ctx.sol.cost()).toBeLessThan(before);
        expect(ctx.sol.unassigned()).toEqual([]);
        expectAgrees(ctx.sol, name);
        ctx.sol.keep();
        moves += m;
      }
      expect(moves).toBeGreaterThan(0);
    });
  }

  for (const make of [(): MoveOperator => new OrOpt(), (): MoveOperator => new CrossExchange()]) {
    it(`${make().name}: the same start gives the same moves and routes`, () => {
      const run = (): { routes: number[][]; moves: number; cost: number } => {
        const ctx = contextFor(solomon('R105', 40), 11);
        ctx.sol.begin();
        placeAll(ctx, 0.6);
        const moves = localSearch(ctx, [make()]);
        ctx.sol.keep();
        return { routes: ctx.sol.routeLists(), moves, cost: ctx.sol.cost() };
      };
      const a = run();
      expect(a.moves).toBeGreaterThan(0);
      expect(run()).toEqual(a);
    });
  }

  it('or-opt on a single route: intra-route moves repair a misplaced pair of visits', () => {
    const p = solomon('R201', 25);
    const best = solve(p, { seed: 1, maxIterations: 200 });
    let moves = 0;
    let tried = 0;
    for (const route of best.routes.filter((r) => r.length >= 4)) {
      // Move a pair of consecutive visits elsewhere in the route (kept only when still feasible).
      for (let x = 0; x + 2 <= route.length; x++) {
        for (let y = 0; y <= route.length - 2; y++) {
          if (x === y) continue;
          const rest = [...route.slice(0, x), ...route.slice(x + 2)];
          const bad = [...rest.slice(0, y), ...route.slice(x, x + 2), ...rest.slice(y)];
          const ctx = contextFor(p, 1);
          ctx.sol.begin();
          if (!ctx.sol.setRoutes([bad])) {
            ctx.sol.rollback();
            continue;
          }
          tried++;
          const before = ctx.sol.cost();
          moves += localSearch(ctx, [new OrOpt()]);
          expect(ctx.sol.cost()).toBeLessThanOrEqual(before);
          // Only one route is used: every move was within it.
          expect(ctx.sol.routeLists().filter((r) => r.length > 0)).toHaveLength(1);
          expectAgrees(ctx.sol);
          ctx.sol.keep();
        }
      }
    }
    expect(tried).toBeGreaterThan(3);
    expect(moves).toBeGreaterThan(0);
  });
});

describe('local search on home-care days (breaks, links, pair costs, soft windows, working time)', () => {
  const variants: [string, RandomDayOptions][] = [
    ['breaks', { breaks: 1 }],
    ['double staffing and breaks', { pairs: 3, breaks: 0.5 }],
    ['minimum gaps and breaks', { gaps: 3, breaks: 0.5 }],
    ['pair costs', { pairCosts: true, breaks: 0.5 }],
    ['soft windows', { soft: true, breaks: 0.5 }],
    ['due times', { dues: 0.6, breaks: 0.5, pairs: 2 }],
    ['working-time limits', { maxWork: true, breaks: 0.5 }],
    ['everything', { breaks: 0.75, pairs: 2, gaps: 2, pairCosts: true, soft: true, maxWork: true, multiWindow: 4 }],
  ];
  for (const [name, opts] of variants) {
    it(`${name}: moves are committed, the result passes the evaluator and costs no more`, () => {
      let moves = 0;
      for (const seed of [1, 2, 3]) {
        const ctx = contextFor(randomDay(seed, { visits: 24, ...opts }), seed);
        ctx.sol.begin();
        placeAll(ctx, 0.5);
        const before = ctx.sol.cost();
        const unplanned = Array.from(ctx.sol.unplanned);
        const ops = defaultMoves();
        const m = localSearch(ctx, ops);
        expect(ops.reduce((s, op) => s + op.stats.improved, 0)).toBe(m);
        expect(ctx.sol.cost()).toBeLessThanOrEqual(before);
        // Moves only rearrange: the same visits stay planned.
        expect(Array.from(ctx.sol.unplanned)).toEqual(unplanned);
        expectAgrees(ctx.sol, `seed ${seed}`);
        ctx.sol.keep();
        moves += m;
      }
      expect(moves).toBeGreaterThan(0);
    });

    it(`${name}: solve with every move operator passes the evaluator`, () => {
      const p = randomDay(7, { visits: 24, ...opts });
      const res = solve(p, { seed: 7, maxIterations: 80 });
      expectValid(p, res);
      expect(res.operatorStats['local-search']!.improved).toBeGreaterThan(0);
    });
  }
});
