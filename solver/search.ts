/**
 * The search loop: ruin-and-recreate with simulated-annealing acceptance (SISR-style) and local
 * search on every problem, one seeded RNG, stopping by time, iterations or stagnation. Each
 * iteration changes the one working solution inside an undo level and keeps or rolls it back.
 * Scores compare lexicographically (unplanned visits per priority level, then the cost): a
 * candidate that leaves more of a higher level unplanned is never accepted; among equals the
 * annealing rule decides on the cost. The loop knows operators only through their interfaces.
 */
import { dropInfeasible, evaluateSolution } from './evaluate.js';
import { Inserter } from './insertion.js';
import { defaultMoves, localSearch, type MoveOperator } from './moves.js';
import { BlinkInsertion, StringRemoval, place, type Operator, type OperatorParams, type OperatorStats, type SearchContext } from './operators.js';
import type { Problem } from './problem.js';
import { Pricer } from './proposal.js';
import { Rng } from './rng.js';
import { compareUnplanned, copyScore, newScore, type Score } from './score.js';
import { WorkingSolution } from './solution.js';

/** Progress report passed to callbacks. */
export interface Progress {
  iteration: number;
  elapsedSeconds: number;
  /** Soft cost of the best solution (its unplanned visits per level in `bestUnplanned`). */
  bestCost: number;
  bestUnplanned: readonly number[];
  currentCost: number;
  temperature: number;
}

/** Search options. All optional; defaults suit 100-visit benchmarks. */
export interface SearchOptions {
  seed?: number;
  /** Wall-clock limit. Only a stopping criterion; with `maxIterations` unset the temperature follows time. */
  timeLimitSeconds?: number;
  maxIterations?: number;
  /** Stop after this many iterations without a new best. */
  maxNoImprove?: number;
  /** Initial and final SA temperatures (default: calibrated after a short descent). */
  initialTemperature?: number;
  finalTemperature?: number;
  params?: Partial<OperatorParams>;
  /** Ruin operators with selection weights; default SISR strings only. */
  ruins?: { op: Operator; weight: number }[];
  recreates?: { op: Operator; weight: number }[];
  /** Local-search move operators (default: relocate, swap, 2-opt*, or-opt, cross-exchange); [] = none. */
  moves?: MoveOperator[];
  /** Nearest neighbours of a visit the local search pairs it with (default 12). */
  granularity?: number;
  /**
   * Probability per iteration that a visit left unassigned (not just removed by the ruin) is
   * offered to the recreate again (SISR's absent customers). Default 0.05. 0 = never.
   */
  retryUnassigned?: number;
  /**
   * Candidates within this relative distance of the best cost get local search (default 0.05; 0 =
   * only candidates that beat the best, for problems whose local search is costly next to a
   * ruin-and-recreate iteration, such as home-care days).
   */
  improveGate?: number;
  /**
   * Routes to start from (visit ids per vehicle, -1 where a break is taken; without a marker the
   * schedule model places the break). Visits they leave out are inserted first; routes that break
   * rules first lose the visits that break them ({@link dropInfeasible}).
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
  /** Visit ids per vehicle in order, with -1 where the break is taken. */
  routes: number[][];
  /** Soft cost of the routes (what the evaluator reports as `cost`). */
  cost: number;
  /** Unplanned required visits per priority level. */
  unplanned: number[];
  unassigned: number[];
  iterations: number;
  elapsedSeconds: number;
  /** Statistics per operator name (ruins, recreates, moves). */
  operatorStats: Record<string, OperatorStats>;
  /** Proposals priced by a trial commit because link partners had to move. */
  trials: number;
  /** Moves priced as feasible whose commit broke a rule and was undone (0 unless a price is wrong). */
  failedCommits: number;
}

/** Default operator parameters (SISR paper values, blink rate 0.01). */
export const DEFAULT_PARAMS: OperatorParams = { avgRemoved: 10, maxString: 10, splitDepth: 0.01, splitRate: 0.5, blinkRate: 0.01 };

/** Runs the search on a compiled problem. Deterministic for a given seed and iteration limit. */
export function solve(problem: Problem, options: SearchOptions = {}): SearchResult {
  const rng = new Rng(options.seed ?? 1);
  const params: OperatorParams = { ...DEFAULT_PARAMS, ...options.params };
  const ruins = options.ruins ?? [{ op: new StringRemoval(), weight: 1 }];
  const recreates = options.recreates ?? [{ op: new BlinkInsertion(), weight: 1 }];
  const moves = options.moves ?? defaultMoves();
  const gate = options.improveGate ?? 0.05;
  const timeLimit = options.timeLimitSeconds ?? (options.maxIterations === undefined ? 10 : Infinity);
  const maxIter = options.maxIterations ?? Infinity;
  const maxNoImprove = options.maxNoImprove ?? Infinity;
  const progressEvery = options.progressEvery ?? 1000;
  const retryUnassigned = options.retryUnassigned ?? 0.05;
  const t0 = performance.now();
  const elapsed = (): number => (performance.now() - t0) / 1000;

  const sol = new WorkingSolution(problem);
  const pricer = new Pricer(sol);
  const ctx: SearchContext = { sol, pricer, inserter: new Inserter(sol, pricer), rng, params };
  construct(ctx, options.initialRoutes);
  const cur = sol.score(newScore(problem.nLevels));
  const cand = newScore(problem.nLevels);
  const best = copyScore(newScore(problem.nLevels), cur);
  let bestRoutes = sol.routeLists();
  const mark = new Uint8Array(problem.nVisits);

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
  let lsTime = 0;
  let T = T0;
  const report = (): Progress => ({ iteration: it, elapsedSeconds: elapsed(), bestCost: best.cost, bestUnplanned: Array.from(best.unplanned), currentCost: cur.cost, temperature: T });
  while (it < maxIter && it - lastBest < maxNoImprove) {
    if (options.signal?.aborted) break;
    const el = (it & 15) === 0 || timeLimit < Infinity ? elapsed() : 0;
    if (el >= timeLimit) break;
    // Temperature follows iterations when they bound the run (determinism), else time.
    if (it === warmup && options.initialTemperature === undefined) {
      T0 = defaultTemperature(problem, best.cost, problem.nVisits / Math.max(1, sol.vehiclesUsed()));
      Tf = options.finalTemperature ?? T0 / 100;
    }
    const frac = maxIter < Infinity ? it / maxIter : el / timeLimit;
    T = it < warmup ? 0 : T0 * Math.pow(Tf / T0, frac);
    it++;

    const ruin = pick(ruins, ruinW);
    const rec = pick(recreates, recW);
    sol.begin();
    let ta = performance.now();
    sol.nRemoved = 0;
    ruin.apply(ctx);
    const ok = sol.finishRemovals();
    const tb = performance.now();
    ruin.stats.calls++;
    ruin.stats.timeMs += tb - ta;
    let accept = false;
    if (ok) {
      if (retryUnassigned > 0) offerUnassigned(sol, mark, retryUnassigned, rng);
      rec.apply(ctx);
      ta = performance.now();
      rec.stats.calls++;
      rec.stats.timeMs += ta - tb;
      sol.score(cand);
      if (moves.length > 0 && compareUnplanned(cand, best) <= 0 && cand.cost < best.cost + gate * Math.abs(best.cost)) {
        const tc = performance.now();
        localSearch(ctx, moves, options.granularity, 1000, lsSeeds(sol));
        lsTime += performance.now() - tc;
        sol.score(cand);
      }
      const levels = compareUnplanned(cand, cur);
      accept = levels < 0 || (levels === 0 && cand.cost < cur.cost - T * Math.log(1 - rng.next()));
    }
    if (accept) {
      sol.keep();
      const improved = compareUnplanned(cand, cur) < 0 || cand.cost < cur.cost - 1e-9;
      ruin.stats.accepted++;
      rec.stats.accepted++;
      if (improved) {
        ruin.stats.improved++;
        rec.stats.improved++;
      }
      copyScore(cur, cand);
      const levels = compareUnplanned(cand, best);
      if (levels < 0 || (levels === 0 && cand.cost < best.cost - 1e-9)) {
        copyScore(best, cand);
        bestRoutes = sol.routeLists();
        lastBest = it;
        ruin.stats.newBest++;
        rec.stats.newBest++;
        options.onNewBest?.(report());
      }
    } else sol.rollback();
    if (options.onProgress && it % progressEvery === 0) options.onProgress(report());
  }
  const stats: Record<string, OperatorStats> = {};
  for (const o of [...ruins.map((r) => r.op), ...recreates.map((r) => r.op), ...moves]) stats[o.name] = { ...o.stats };
  // Moves share one loop: its time is reported once.
  stats['local-search'] = { calls: 0, accepted: 0, improved: moves.reduce((s, m) => s + m.stats.improved, 0), newBest: 0, timeMs: lsTime };
  // The working solution's schedule is the evaluator's (one least fixed point), so this is a
  // safety net: never return routes the evaluator rejects; leave out the visits that break rules.
  let result = { routes: bestRoutes, score: best };
  if (!evaluateSolution(problem, bestRoutes).feasible) {
    const repaired = dropInfeasible(problem, bestRoutes).routes;
    const ev = evaluateSolution(problem, repaired);
    result = { routes: repaired, score: { unplanned: Int32Array.from(ev.unplanned), cost: ev.cost } };
  }
  const unassigned: number[] = [];
  const onRoute = new Uint8Array(problem.nVisits);
  for (const r of result.routes) for (const v of r) if (v >= 0) onRoute[v] = 1;
  for (let v = 0; v < problem.nVisits; v++) if (!onRoute[v]) unassigned.push(v);
  return {
    routes: result.routes,
    cost: result.score.cost,
    unplanned: Array.from(result.score.unplanned),
    unassigned,
    iterations: it,
    elapsedSeconds: elapsed(),
    operatorStats: stats,
    trials: pricer.trials,
    failedCommits: pricer.failedCommits,
  };
}

/** The start: given routes (repaired when they break rules) and the cheapest insertion of every visit they leave out. */
function construct(ctx: SearchContext, initial: readonly (readonly number[])[] | undefined): void {
  const { sol } = ctx;
  const p = sol.p;
  if (initial) {
    // As given (breaks where marked), else with breaks placed by the model, else repaired.
    const lists = initial.slice(0, p.nVehicles);
    const cleared = sol.routes.map(() => [] as number[]);
    if (!sol.setRoutes(lists)) {
      sol.setRoutes(cleared);
      const bare = lists.map((r) => r.filter((v) => v >= 0));
      if (!sol.setRoutes(bare)) {
        sol.setRoutes(cleared);
        sol.setRoutes(dropInfeasible(p, lists).routes);
      }
    }
  }
  // Visits in order of their tightest window end (a stable greedy order), then placed.
  const order = sol.unassigned().sort((a, b) => p.windowEnd[p.windowFirst[a + 1]! - 1]! - p.windowEnd[p.windowFirst[b + 1]! - 1]! || a - b);
  for (const v of order) if (sol.routeOf[v]! < 0) place(ctx, v, 0);
}

/**
 * Where the local search starts in an iteration: the visits the recreate placed, and their
 * neighbours on their routes (the rest of the routes was locally optimal as far as the moves know).
 */
function lsSeeds(sol: WorkingSolution): number[] {
  const placed = sol.placedVisits();
  const out: number[] = [];
  for (let i = 0; i < placed.count; i++) {
    const v = placed.list[i]!;
    const k = sol.routeOf[v]!;
    if (k < 0) continue;
    const r = sol.routes[k]!;
    const x = sol.posOf[v]!;
    out.push(v);
    if (x > 0) out.push(r.nodes[x - 1]!);
    if (x + 1 < r.len) out.push(r.nodes[x + 1]!);
  }
  return out;
}

/**
 * Adds each visit that is unassigned but not just removed to the removed list with probability
 * `rate`, so the recreate offers it a place again.
 */
function offerUnassigned(sol: WorkingSolution, mark: Uint8Array, rate: number, rng: Rng): void {
  const nV = sol.p.nVisits;
  let assigned = 0;
  for (const r of sol.routes) assigned += r.len;
  if (nV - assigned <= sol.nRemoved) return;
  for (let i = 0; i < sol.nRemoved; i++) mark[sol.removed[i]!] = 1;
  for (let v = 0; v < nV; v++) if (sol.routeOf[v]! < 0 && !mark[v] && (rate >= 1 || rng.next() < rate)) sol.removed[sol.nRemoved++] = v;
  for (let i = 0; i < sol.nRemoved; i++) mark[sol.removed[i]!] = 0;
}

/**
 * A start temperature of a fifth of the average cost per visit, lowered for short routes
 * (tight-window instances with ~8 visits per route, e.g. Solomon R1/RC1, do better about 2.5×
 * cooler than long-route ones).
 */
function defaultTemperature(p: Problem, cost: number, avgRouteLength: number): number {
  return Math.max(1e-3, ((0.2 * Math.abs(cost)) / Math.max(1, p.nVisits)) * Math.min(1, avgRouteLength / 20));
}

export type { Score };
