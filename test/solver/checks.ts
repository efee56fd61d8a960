/**
 * Shared checks of the solver tests: a search context over a working solution, a poor start,
 * snapshots for undo checks, and the evaluator's agreement with the working solution.
 */
import { expect } from 'vitest';
import { evaluateSolution, type Evaluation } from '../../solver/evaluate.js';
import { Inserter } from '../../solver/insertion.js';
import { ArcPrices, CrossExchange, OrOpt, Relocate, Swap, TwoOptStar, type MoveOperator } from '../../solver/moves.js';
import { place, type OperatorParams, type SearchContext } from '../../solver/operators.js';
import { pairPrice, type Problem } from '../../solver/problem.js';
import { Pricer, Proposal } from '../../solver/proposal.js';
import { Rng } from '../../solver/rng.js';
import { DEFAULT_PARAMS } from '../../solver/search.js';
import { WorkingSolution } from '../../solver/solution.js';
import { parseSolomon, solomonProblem } from '../../src/benchmarks/solomon.js';
import { solomonText } from './helpers.js';

/** A Solomon instance cut to its first `n` customers, compiled. */
export function solomon(name: string, n: number): Problem {
  return solomonProblem(parseSolomon(solomonText(name, n)));
}

/**
 * The same problem with distances that differ from the travel times (each leg's distance a third of
 * its time, ±30%) and a cost of distance + time / 2: costs are no longer integers, so paths of
 * equal cost compare by rounding (the random days have integer times and cost = time).
 */
export function withDistances(p: Problem, seed: number): Problem {
  const rng = new Rng(seed);
  const dist = new Float64Array(p.time.length);
  for (let i = 0; i < dist.length; i++) dist[i] = p.time[i] === 0 ? 0 : (p.time[i]! * (0.7 + 0.6 * rng.next())) / 3;
  return { ...p, dist, wDist: 1, wTime: 0.5 };
}

/** A search context (pricer, inserter, seeded RNG) over a new or given working solution. */
export function contextFor(p: Problem | WorkingSolution, seed: number, params: Partial<OperatorParams> = {}): SearchContext {
  const sol = p instanceof WorkingSolution ? p : new WorkingSolution(p);
  const pricer = new Pricer(sol);
  return { sol, pricer, inserter: new Inserter(sol, pricer), rng: new Rng(seed), params: { ...DEFAULT_PARAMS, ...params } };
}

/**
 * A poor start: places every unassigned visit in a random order, skipping positions with
 * probability `blink`, then tries the visits left out again without skipping.
 */
export function placeAll(ctx: SearchContext, blink: number): void {
  for (const b of [blink, 0]) {
    const order = ctx.rng.shuffle(ctx.sol.unassigned());
    for (const v of order) if (ctx.sol.routeOf[v]! < 0) place(ctx, v, b);
  }
}

/**
 * Places every unassigned visit of some vehicle's reference on that vehicle's route, at the
 * cheapest position where it fits (earliest windows first): a start that keeps most references whole.
 */
export function placeReferences(ctx: SearchContext): void {
  const { sol, pricer } = ctx;
  const p = sol.p;
  const prop = new Proposal();
  const first = (v: number): number => p.windowStart[p.windowFirst[v]!]!;
  const order = sol.unassigned().filter((v) => p.referenceVehicle[v]! >= 0 && p.compat[v * p.nVehicles + p.referenceVehicle[v]!]);
  order.sort((a, b) => first(a) - first(b) || a - b);
  for (const v of order) {
    const k = p.referenceVehicle[v]!;
    let best = Infinity;
    let at = -1;
    for (let pos = 0; pos <= sol.routes[k]!.len; pos++) {
      const d = pricer.price(insertion(sol, v, k, pos, prop));
      if (d < best) {
        best = d;
        at = pos;
      }
    }
    if (at >= 0) pricer.commit(insertion(sol, v, k, at, prop));
  }
}

/** What an undo level must restore. */
export interface Snapshot {
  routes: number[][];
  starts: number[];
  cost: number;
  unplanned: number[];
  optionalCost: number;
  pairCost: number;
  pairCount: number[];
}

export function snapshot(sol: WorkingSolution): Snapshot {
  return {
    routes: sol.routeLists(),
    starts: Array.from(sol.start),
    cost: sol.cost(),
    unplanned: Array.from(sol.unplanned),
    optionalCost: sol.optionalCost,
    pairCost: sol.pairCost,
    pairCount: Array.from(sol.pairCount),
  };
}

/** The evaluator accepts the working solution's routes, with the same cost, unplanned counts and start times. */
export function expectAgrees(sol: WorkingSolution, label = ''): Evaluation {
  const ev = evaluateSolution(sol.p, sol.routeLists());
  expect(ev.violations, label).toEqual([]);
  expect(ev.cost, label).toBeCloseTo(sol.cost(), 6);
  expect(ev.unplanned, label).toEqual(Array.from(sol.unplanned));
  expect(ev.starts, label).toEqual(Array.from(sol.start));
  return ev;
}

/**
 * Σ pair costs of the given counts: `Σ_{j < n} marginal[met + j]` per (group, owner) pair, the
 * potential every solution sharing the counts adds up to.
 */
export function pairPotential(p: Problem, counts: ArrayLike<number>): number {
  let c = 0;
  for (let i = 0; i < counts.length; i++) {
    const met = p.pairMet ? p.pairMet[i]! : 0;
    for (let j = 0; j < counts[i]!; j++) c += pairPrice(p, met + j);
  }
  return c;
}

/** Visits per (group, owner) pair in routes (break markers ignored). */
export function pairCounts(p: Problem, routes: readonly (readonly number[])[]): number[] {
  const out = new Array<number>(p.nGroups * p.nOwners).fill(0);
  routes.forEach((r, k) => {
    for (const v of r) {
      if (v < 0 || p.visitGroup[v]! < 0 || p.vehicleOwner[k]! < 0) continue;
      out[p.visitGroup[v]! * p.nOwners + p.vehicleOwner[k]!]!++;
    }
  });
  return out;
}

/** The proposal "insert unassigned visit v into route k before position pos". */
export function insertion(sol: WorkingSolution, v: number, k: number, pos: number, prop = new Proposal()): Proposal {
  return prop.clear().route(k).take(k, 0, pos).visit(v).take(k, pos, sol.routes[k]!.len);
}

/** A readable form of a proposal for assertion messages. */
export function showProposal(prop: Proposal): string {
  const parts: string[] = [];
  for (let i = 0; i < prop.nRoutes; i++) {
    const pieces: string[] = [];
    for (let q = prop.firstPiece[i]!; q < prop.firstPiece[i + 1]!; q++) {
      const r = prop.pieceRoute[q]!;
      pieces.push(r < 0 ? `v${prop.pieceFrom[q]}` : `r${r}[${prop.pieceFrom[q]},${prop.pieceTo[q]})`);
    }
    parts.push(`route ${prop.vehicle[i]} = ${pieces.join(' + ')}`);
  }
  return parts.join('; ');
}

const same = (a: number, b: number): boolean => a === b || Math.abs(a - b) <= 1e-6;

/** A linked visit of a changed route whose partner (assigned before and after) starts earlier after the commit. */
export function partnerMovedEarlier(sol: WorkingSolution, prop: Proposal, before: readonly number[]): boolean {
  const p = sol.p;
  const changed = new Set(Array.from(prop.vehicle.subarray(0, prop.nRoutes)));
  for (let l = 0; l < p.nLinks; l++) {
    for (const [u, w] of [
      [p.linkA[l]!, p.linkB[l]!],
      [p.linkB[l]!, p.linkA[l]!],
    ] as const) {
      if (!changed.has(sol.routeOf[u]!) || sol.routeOf[w]! < 0 || Number.isNaN(before[w]!)) continue;
      if (sol.start[w]! < before[w]! - 1e-9) return true;
    }
  }
  return false;
}

/** Counters over one property run (to show the checks were not vacuous). */
export interface Tally {
  proposals: number;
  committed: number;
  conservative: number;
  estimated: number;
  /** Committed proposals that changed more routes from their reference / fewer (route-change problems). */
  moreChanged: number;
  fewerChanged: number;
}

/**
 * Prices `prop` every way and commits it inside an undo level; checks everything listed in the
 * file comment. `arcs` (for moves): the operator's arc price of this proposal.
 */
export function checkProposal(ctx: SearchContext, prop: Proposal, tally: Tally, arcs?: ArcPrices): void {
  const { sol, pricer } = ctx;
  const p = sol.p;
  const label = showProposal(prop);
  const before = snapshot(sol);
  const changedBefore = p.routeChangeActive ? evaluateSolution(p, before.routes).routesChanged : 0;
  const last = arcs?.last ?? NaN;
  const price = pricer.price(prop);
  const estimate = pricer.estimate(prop);
  const dry = pricer.confirm(prop);
  expect(snapshot(sol), `dry run changed the solution: ${label}`).toEqual(before);

  sol.begin();
  const ok = pricer.commit(prop);
  const ev = evaluateSolution(p, sol.routeLists());
  const actual = ok ? sol.cost() - before.cost : Infinity;
  if (ok) {
    expect(ev.violations, label).toEqual([]);
    expect(ev.cost, label).toBeCloseTo(sol.cost(), 6);
    expect(ev.unplanned, label).toEqual(Array.from(sol.unplanned));
    expect(ev.starts, label).toEqual(Array.from(sol.start));
    if (ev.routesChanged > changedBefore) tally.moreChanged++;
    if (ev.routesChanged < changedBefore) tally.fewerChanged++;
  } else expect(snapshot(sol), `a commit that breaks a rule leaves everything as it was (guard): ${label}`).toEqual(before);
  const earlier = partnerMovedEarlier(sol, prop, before.starts);
  sol.rollback();

  expect(snapshot(sol), `rollback: ${label}`).toEqual(before);
  expect(pricer.price(prop), `priced differently after rollback: ${label}`).toBe(price);
  expect(same(dry, actual), `${label}: dry run ${dry}, commit ${actual}`).toBe(true);
  if (!same(price, actual)) {
    // Only the documented conservative case: higher than the truth, a partner could move earlier.
    expect({ label, price, actual, higher: price > actual, partnerMovedEarlier: earlier }).toEqual({ label, price, actual, higher: true, partnerMovedEarlier: true });
    tally.conservative++;
  }
  if (arcs && !Number.isNaN(estimate)) {
    expect([label, last]).toEqual([label, expect.closeTo(estimate, 6)]);
    tally.estimated++;
  }
  if (ok && !Number.isNaN(estimate)) expect([label, estimate]).toEqual([label, expect.closeTo(actual, 6)]);
  tally.proposals++;
  if (ok) tally.committed++;
}

export const operators = (): MoveOperator[] => [new Relocate(), new Swap(), new TwoOptStar(), new OrOpt(), new CrossExchange()];

/** Arc prices that offer every move (the loop's filter off), still recording each move's arc price. */
export function offerAll(sol: WorkingSolution): ArcPrices {
  const arcs = new ArcPrices(sol);
  const worth = arcs.worth.bind(arcs);
  arcs.worth = (d, k1, k2) => {
    worth(d, k1, k2);
    return true;
  };
  return arcs;
}

/** New counters. */
export function newTally(): Tally {
  return { proposals: 0, committed: 0, conservative: 0, estimated: 0, moreChanged: 0, fewerChanged: 0 };
}

/**
 * Offers every move of every operator around `pairs` random pairs of assigned visits (half of them
 * from the first's neighbour list, as the loop picks them) and checks each with {@link checkProposal}.
 */
export function checkAllMoves(ctx: SearchContext, tally: Tally, pairs: number): void {
  const { sol, rng } = ctx;
  const p = sol.p;
  const arcs = offerAll(sol);
  const prop = new Proposal();
  for (const op of operators()) {
    for (let t = 0; t < pairs; t++) {
      const v = rng.int(p.nVisits);
      const w = t % 2 === 0 && p.nNeighbours > 0 ? p.neighbours[v * p.nNeighbours + rng.int(Math.min(6, p.nNeighbours))]! : rng.int(p.nVisits);
      if (v === w || sol.routeOf[v]! < 0 || sol.routeOf[w]! < 0) continue;
      op.moves(arcs, v, w, prop, (q) => {
        checkProposal(ctx, q, tally, arcs);
        return false;
      });
    }
  }
}

/**
 * For each route that keeps its reference whole: takes one of its visits off to the cheapest place
 * on another route (inside an undo level), offers every move of every operator between that visit
 * and each visit of the route (moves that make it whole again), checks each as above, rolls back.
 */
export function checkMovesBack(ctx: SearchContext, tally: Tally): void {
  const { sol, inserter, rng } = ctx;
  const p = sol.p;
  const prop = new Proposal();
  for (let k = 0; k < p.nVehicles; k++) {
    const r = sol.routes[k]!;
    if (r.len === 0 || r.len !== p.referenceCount[k] || r.refIn !== r.len) continue;
    const v = r.nodes[rng.int(r.len)]!;
    sol.begin();
    sol.remove(v);
    sol.nRemoved = 0;
    if (sol.finishRemovals() && inserter.secondBest(v, k, rng) < Infinity && inserter.commitBest(v)) {
      const arcs = offerAll(sol);
      const home = Array.from(sol.routes[k]!.nodes.subarray(0, sol.routes[k]!.len));
      for (const op of operators()) {
        for (const w of home) {
          op.moves(arcs, v, w, prop, (q) => {
            checkProposal(ctx, q, tally, arcs);
            return false;
          });
        }
      }
    }
    sol.rollback();
  }
}

/** Checks every insertion of every unassigned visit into every route of a vehicle that may do it. */
export function checkAllInsertions(ctx: SearchContext, tally: Tally): void {
  const { sol } = ctx;
  const p = sol.p;
  const prop = new Proposal();
  for (const v of sol.unassigned()) {
    for (let k = 0; k < p.nVehicles; k++) {
      if (!p.compat[v * p.nVehicles + k]) continue;
      for (let pos = 0; pos <= sol.routes[k]!.len; pos++) checkProposal(ctx, insertion(sol, v, k, pos, prop), tally);
    }
  }
}

/** Takes one random visit out of each route that keeps its reference whole (kept when the routes stay feasible). */
export function removeFromWhole(ctx: SearchContext): void {
  const { sol, rng } = ctx;
  const p = sol.p;
  sol.begin();
  sol.nRemoved = 0;
  for (let k = 0; k < p.nVehicles; k++) {
    const r = sol.routes[k]!;
    if (r.len > 0 && r.len === p.referenceCount[k] && r.refIn === r.len) sol.remove(r.nodes[rng.int(r.len)]!);
  }
  sol.nRemoved = 0;
  if (sol.finishRemovals()) sol.keep();
  else sol.rollback();
}

/**
 * Takes up to `n` random visits out, kept only when the routes stay feasible (removing a visit can
 * break a working-time limit: the departure moves earlier); the evaluator must agree either way.
 */
export function removeRandom(ctx: SearchContext, n: number): void {
  const { sol, rng } = ctx;
  sol.begin();
  sol.nRemoved = 0;
  for (let i = 0; i < n; i++) sol.remove(rng.int(sol.p.nVisits));
  sol.nRemoved = 0;
  const ok = sol.finishRemovals();
  expect(ok).toBe(evaluateSolution(sol.p, sol.routeLists()).feasible);
  if (ok) sol.keep();
  else sol.rollback();
}

/**
 * Rounds of: random visits out, then every unassigned visit at the inserter's choice (positions
 * blinked at random, as the recreate does). The committed cost change is the price — exactly, or
 * (on linked problems, a partner that could move earlier) lower. Returns how many were exact.
 */
export function checkInsertions(ctx: SearchContext, rounds: number): { inserted: number; exact: number } {
  const { sol, inserter, rng } = ctx;
  const p = sol.p;
  let inserted = 0;
  let exact = 0;
  for (let round = 0; round < rounds; round++) {
    removeRandom(ctx, 6);
    for (const v of sol.unassigned()) {
      const d = inserter.best(v, 0.1, rng);
      if (d === Infinity || (p.level[v]! < 0 && d >= 0)) continue;
      const before = sol.cost();
      expect(inserter.commitBest(v)).toBe(true);
      const actual = sol.cost() - before;
      if (p.nLinks === 0) expect(actual).toBeCloseTo(d, 6);
      else expect(actual).toBeLessThanOrEqual(d + 1e-6);
      if (Math.abs(actual - d) <= 1e-6) exact++;
      inserted++;
      expectAgrees(sol);
    }
  }
  return { inserted, exact };
}
