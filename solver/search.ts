/**
 * The search loop: ruin-and-recreate with simulated-annealing acceptance (SISR-style), optional
 * local-search operators, one seeded RNG, stopping by time, iterations or stagnation. The loop
 * knows operators only through the {@link Operator} interface.
 */
import {
  BlinkInsertion,
  RandomRemoval,
  RelatedRemoval,
  StringRemoval,
  WorstRemoval,
  type Operator,
  type OperatorParams,
  type OperatorStats,
} from './operators.js';
import { GranularRelocate, GranularSwap, TwoOptStar } from './localsearch.js';
import { dropInfeasible, evaluateSolution } from './evaluate.js';
import type { Problem } from './problem.js';
import { Rng } from './rng.js';
import { WorkingSolution } from './solution.js';

/** Progress report passed to callbacks. */
export interface Progress {
  iteration: number;
  elapsedSeconds: number;
  bestCost: number;
  currentCost: number;
  temperature: number;
}

/** Search options. All optional; defaults suit 100-visit benchmarks. */
export interface SearchOptions {
  seed?: number;
  /** Wall-clock limit. Only used as a stopping criterion unless no iteration limit is set. */
  timeLimitSeconds?: number;
  maxIterations?: number;
  /** Stop after this many iterations without a new best. */
  maxNoImprove?: number;
  /** Initial and final SA temperatures. */
  initialTemperature?: number;
  finalTemperature?: number;
  params?: Partial<OperatorParams>;
  /** Ruin operators with selection weights; default SISR strings only. */
  ruins?: { op: Operator; weight: number }[];
  recreates?: { op: Operator; weight: number }[];
  /**
   * Improvement operators applied to promising candidates until none improves. Default: granular
   * relocate, swap and 2-opt* (they only act on simple problems).
   */
  improvers?: Operator[];
  /**
   * Probability per iteration that a visit left unassigned (not just removed by the ruin) is
   * offered to the recreate operator again (SISR's absent customers). Default 0.05: offering all of
   * them every iteration makes iterations several times slower on day problems where some visits
   * fit nowhere (each tries every position), for the same result. 0 = never.
   */
  retryUnassigned?: number;
  /** Candidates within this relative distance of the best cost get local search (default 0.05). */
  improveGate?: number;
  /**
   * Routes to start from (visit ids per vehicle); default: greedy insertion from empty. Visits the
   * routes leave out are inserted greedily first; routes the evaluator finds infeasible first lose
   * the visits that break rules ({@link dropInfeasible}).
   */
  initialRoutes?: readonly (readonly number[])[];
  /** Called every `progressEvery` iterations. */
  onProgress?: (p: Progress) => void;
  progressEvery?: number;
  /** Called on every new best solution. */
  onNewBest?: (p: Progress) => void;
  /** Aborts the search (checked every iteration). */
  signal?: AbortSignal;
}

/** Search result. */
export interface SearchResult {
  routes: number[][];
  cost: number;
  unassigned: number[];
  iterations: number;
  elapsedSeconds: number;
  /** Statistics per operator name. */
  operatorStats: Record<string, OperatorStats>;
}

/** Default operator parameters (SISR paper values, blink rate 0.01). */
export const DEFAULT_PARAMS: OperatorParams = { avgRemoved: 10, maxString: 10, splitDepth: 0.01, splitRate: 0.5, blinkRate: 0.01 };

/** Runs the search on a compiled problem. Deterministic for a given seed and iteration limit. */
export function solve(problem: Problem, options: SearchOptions = {}): SearchResult {
  const rng = new Rng(options.seed ?? 1);
  const params: OperatorParams = { ...DEFAULT_PARAMS, ...options.params };
  const ruins = options.ruins ?? [{ op: new StringRemoval(), weight: 1 }];
  const recreates = options.recreates ?? [{ op: new BlinkInsertion(), weight: 1 }];
  const improvers = options.improvers ?? (problem.simple ? [new GranularRelocate(), new GranularSwap(), new TwoOptStar()] : []);
  const gate = options.improveGate ?? 0.05;
  const timeLimit = options.timeLimitSeconds ?? (options.maxIterations === undefined ? 10 : Infinity);
  const maxIter = options.maxIterations ?? Infinity;
  const maxNoImprove = options.maxNoImprove ?? Infinity;
  const progressEvery = options.progressEvery ?? 1000;
  const t0 = performance.now();
  const elapsed = (): number => (performance.now() - t0) / 1000;

  const retryUnassigned = options.retryUnassigned ?? 0.05;
  const mark = new Uint8Array(problem.nVisits);
  const cur = new WorkingSolution(problem);
  const cand = new WorkingSolution(problem);
  // Construction: greedy insertion of every visit not in the start routes.
  cur.nRemoved = 0;
  if (options.initialRoutes) {
    cur.setRoutes(options.initialRoutes);
    if (cur.cost() === Infinity) cur.setRoutes(dropInfeasible(problem, options.initialRoutes).routes);
    for (let v = 0; v < problem.nVisits; v++) if (cur.routeOf[v]! < 0) cur.removed[cur.nRemoved++] = v;
  } else {
    for (let v = 0; v < problem.nVisits; v++) cur.removed[cur.nRemoved++] = v;
  }
  if (cur.nRemoved > 0) recreates[0]!.op.apply(cur, rng, { ...params, blinkRate: 0 });
  cur.clearDirty();
  cand.setRoutes(cur.routes());
  cand.clearDirty();
  let curCost = cur.cost();
  let bestCost = curCost;
  let bestRoutes = cur.routes();

  // Without a given temperature, a short pure descent (T = 0) calibrates it to the cost level.
  const warmup = options.initialTemperature === undefined ? Math.floor(Math.min(1000, 5 * problem.nVisits, maxIter * 0.05)) : 0;
  let T0 = options.initialTemperature ?? 0;
  let Tf = options.finalTemperature ?? T0 / 100;
  const ruinW = ruins.reduce((s, r) => s + r.weight, 0);
  const recW = recreates.reduce((s, r) => s + r.weight, 0);
  const pick = (ops: { op: Operator; weight: number }[], total: number): Operator => {
    let x = rng.next() * total;
    for (const o of ops) {
      x -= o.weight;
      if (x < 0) return o.op;
    }
    return ops[ops.length - 1]!.op;
  };

  let it = 0;
  let lastBest = 0;
  let T = T0;
  const report = (): Progress => ({ iteration: it, elapsedSeconds: elapsed(), bestCost, currentCost: curCost, temperature: T });
  while (it < maxIter && it - lastBest < maxNoImprove) {
    if (options.signal?.aborted) break;
    const el = (it & 15) === 0 || timeLimit < Infinity ? elapsed() : 0;
    if (el >= timeLimit) break;
    // Temperature follows iterations when they bound the run (determinism), else time.
    if (it === warmup && options.initialTemperature === undefined) {
      T0 = defaultTemperature(problem, bestCost, problem.nVisits / Math.max(1, cur.vehiclesUsed()));
      Tf = options.finalTemperature ?? T0 / 100;
    }
    const frac = maxIter < Infinity ? it / maxIter : el / timeLimit;
    T = it < warmup ? 0 : T0 * Math.pow(Tf / T0, frac);
    it++;

    const ruin = pick(ruins, ruinW);
    const rec = pick(recreates, recW);
    let ta = performance.now();
    cand.nRemoved = 0;
    ruin.apply(cand, rng, params);
    const ok = cand.finishRemovals();
    let tb = performance.now();
    ruin.stats.calls++;
    ruin.stats.timeMs += tb - ta;
    let candCost = Infinity;
    if (ok) {
      if (retryUnassigned > 0) offerUnassigned(cand, mark, retryUnassigned, rng);
      rec.apply(cand, rng, params);
      ta = performance.now();
      rec.stats.calls++;
      rec.stats.timeMs += ta - tb;
      candCost = cand.cost();
      if (improvers.length > 0 && candCost < bestCost * (1 + gate)) {
        // Local search until no operator improves (bounded for safety).
        let again = true;
        for (let round = 0; again && round < 50; round++) {
          again = false;
          for (const imp of improvers) {
            tb = performance.now();
            imp.stats.calls++;
            let guard = 0;
            while (guard++ < 1000) {
              const d = imp.evaluate(cand, rng, params);
              if (d >= -1e-9) break;
              imp.apply(cand, rng, params);
              imp.stats.improved++;
              again = true;
            }
            imp.stats.timeMs += performance.now() - tb;
          }
        }
        candCost = cand.cost();
      }
    }
    const accept = candCost < curCost - T * Math.log(1 - rng.next());
    if (accept) {
      const improved = candCost < curCost - 1e-9;
      ruin.stats.accepted++;
      rec.stats.accepted++;
      if (improved) {
        ruin.stats.improved++;
        rec.stats.improved++;
      }
      cur.syncFrom(cand, cand);
      curCost = candCost;
      if (candCost < bestCost - 1e-9) {
        bestCost = candCost;
        bestRoutes = cur.routes();
        lastBest = it;
        ruin.stats.newBest++;
        rec.stats.newBest++;
        options.onNewBest?.(report());
      }
    } else {
      cand.syncFrom(cur, cand);
    }
    cand.clearDirty();
    cur.clearDirty();
    if (options.onProgress && it % progressEvery === 0) options.onProgress(report());
  }
  const stats: Record<string, OperatorStats> = {};
  for (const o of [...ruins.map((r) => r.op), ...recreates.map((r) => r.op), ...improvers]) stats[o.name] = { ...o.stats };
  // The engine's schedule follows the evaluator's, so this is a safety net: never return a
  // solution the evaluator rejects, leave out the visits that break rules instead.
  if (!evaluateSolution(problem, bestRoutes).feasible) bestRoutes = dropInfeasible(problem, bestRoutes).routes;
  const final = new WorkingSolution(problem);
  final.setRoutes(bestRoutes);
  return {
    routes: bestRoutes,
    cost: final.cost(),
    unassigned: final.unassigned(),
    iterations: it,
    elapsedSeconds: elapsed(),
    operatorStats: stats,
  };
}

/**
 * Adds each visit that is unassigned but not just removed to the removed list with probability
 * `rate`, so the recreate offers it a place again. O(vehicles), no random draw, when every visit
 * is planned or removed.
 */
function offerUnassigned(sol: WorkingSolution, mark: Uint8Array, rate: number, rng: Rng): void {
  const nV = sol.p.nVisits;
  let assigned = 0;
  for (let k = 0; k < sol.p.nVehicles; k++) assigned += sol.len[k]!;
  if (nV - assigned <= sol.nRemoved) return;
  for (let i = 0; i < sol.nRemoved; i++) mark[sol.removed[i]!] = 1;
  for (let v = 0; v < nV; v++) if (sol.routeOf[v]! < 0 && !mark[v] && (rate >= 1 || rng.next() < rate)) sol.removed[sol.nRemoved++] = v;
  for (let i = 0; i < sol.nRemoved; i++) mark[sol.removed[i]!] = 0;
}

/**
 * A start temperature of a fifth of the average cost per visit (penalties excluded), lowered for
 * short routes (empirical: tight-window instances with ~8 visits per route, e.g. Solomon R1/RC1,
 * do better about 2.5× cooler than long-route ones).
 */
function defaultTemperature(p: Problem, cost: number, avgRouteLength: number): number {
  const c = cost >= 1e6 ? cost % 1e6 : cost; // penalties of unplanned visits excluded
  return Math.max(1e-3, ((0.2 * c) / Math.max(1, p.nVisits)) * Math.min(1, avgRouteLength / 20));
}

export { RandomRemoval, RelatedRemoval, StringRemoval, WorstRemoval, BlinkInsertion };
