/**
 * Ruin and recreate operators (SISR, Christiaens & Vanden Berghe 2020, and classic ALNS ones).
 * Every one has a name, statistics and `apply(ctx)`: a ruin takes visits out (into
 * `sol.removed`), a recreate puts removed and other unassigned visits back by exact cheapest
 * insertion. The search loop sees only this interface.
 */
import type { Inserter } from './insertion.js';
import type { Pricer } from './proposal.js';
import type { Rng } from './rng.js';
import type { WorkingSolution } from './solution.js';

/** Per-operator counters, filled by the search loop. */
export interface OperatorStats {
  calls: number;
  /** Iterations whose result the acceptance rule kept. */
  accepted: number;
  /** Iterations that improved the current solution. */
  improved: number;
  /** Iterations that produced a new best solution. */
  newBest: number;
  /** Wall-clock milliseconds spent inside the operator. */
  timeMs: number;
}

/** A new set of counters. */
export function newStats(): OperatorStats {
  return { calls: 0, accepted: 0, improved: 0, newBest: 0, timeMs: 0 };
}

/** Tuning shared by operators. */
export interface OperatorParams {
  /** SISR average number of removed visits (c̄). */
  avgRemoved: number;
  /** SISR maximum string length (L^max). */
  maxString: number;
  /** SISR split depth β: probability to stop growing the preserved part of a split string. */
  splitDepth: number;
  /** Probability of the split-string variant. */
  splitRate: number;
  /** Blink rate: probability to skip an insertion position. */
  blinkRate: number;
}

/** What operators work with: the solution, its pricer and inserter, the one RNG and the parameters. */
export interface SearchContext {
  readonly sol: WorkingSolution;
  readonly pricer: Pricer;
  readonly inserter: Inserter;
  readonly rng: Rng;
  params: OperatorParams;
}

/** A ruin or recreate operator. */
export interface Operator {
  readonly name: string;
  readonly kind: 'ruin' | 'recreate';
  readonly stats: OperatorStats;
  apply(ctx: SearchContext): void;
}

/** Picks a random assigned visit, or -1. */
function randomAssigned(sol: WorkingSolution, rng: Rng): number {
  const nV = sol.p.nVisits;
  for (let tries = 0; tries < 2 * nV; tries++) {
    const v = rng.int(nV);
    if (sol.routeOf[v]! >= 0) return v;
  }
  for (let v = 0; v < nV; v++) if (sol.routeOf[v]! >= 0) return v;
  return -1;
}

/** SISR string and split-string removal around a random seed visit. */
export class StringRemoval implements Operator {
  readonly name = 'sisr-strings';
  readonly kind = 'ruin';
  readonly stats = newStats();
  private ruined = new Uint8Array(0);

  apply({ sol, rng, params }: SearchContext): void {
    const p = sol.p;
    const nK = p.nVehicles;
    if (this.ruined.length !== nK) this.ruined = new Uint8Array(nK);
    const ruined = this.ruined.fill(0);
    let used = 0;
    let total = 0;
    for (const r of sol.routes) {
      if (r.len > 0) {
        used++;
        total += r.len;
      }
    }
    if (used === 0) return;
    const avgRemoved = Math.min(params.avgRemoved, Math.max(1, total / 4));
    const lsMax = Math.min(params.maxString, total / used);
    const ksMax = (4 * avgRemoved) / (1 + lsMax) - 1;
    const ks = Math.max(1, Math.floor(rng.next() * ksMax + 1));
    const seed = randomAssigned(sol, rng);
    if (seed < 0) return;
    let done = 0;
    // Relatedness = the neighbour lists (profile 0; no vehicle is known here).
    const nb = p.neighbours;
    const off = seed * p.nNeighbours;
    for (let i = -1; i < p.nNeighbours && done < ks; i++) {
      const c = i < 0 ? seed : nb[off + i]!;
      const k = sol.routeOf[c]!;
      if (k < 0 || ruined[k]) continue;
      const route = sol.routes[k]!;
      const len = route.len;
      const lMax = Math.min(len, lsMax);
      const l = Math.max(1, Math.floor(rng.next() * lMax + 1));
      const pos = sol.posOf[c]!;
      const victims: number[] = [];
      if (l === len || rng.next() >= params.splitRate) {
        // A string of l consecutive visits containing c.
        const lo = Math.max(0, pos - l + 1);
        const hi = Math.min(pos, len - l);
        const first = lo + rng.int(hi - lo + 1);
        for (let j = 0; j < l; j++) victims.push(route.nodes[first + j]!);
      } else {
        // Split string: l removed visits in a window of l + m, m consecutive preserved.
        let m = 1;
        while (l + m < len && rng.next() > params.splitDepth) m++;
        const size = l + m;
        const lo = Math.max(0, pos - size + 1);
        const hi = Math.min(pos, len - size);
        const first = lo + rng.int(hi - lo + 1);
        const keepAt = rng.int(l + 1);
        for (let j = 0; j < size; j++) if (j < keepAt || j >= keepAt + m) victims.push(route.nodes[first + j]!);
      }
      for (const v of victims) sol.remove(v);
      ruined[k] = 1;
      done++;
    }
  }
}

/** Removes a random number (1..2c̄) of uniformly chosen visits. */
export class RandomRemoval implements Operator {
  readonly name = 'random';
  readonly kind = 'ruin';
  readonly stats = newStats();
  apply({ sol, rng, params }: SearchContext): void {
    const q = 1 + rng.int(Math.max(1, Math.min(2 * params.avgRemoved, sol.p.nVisits / 2)));
    for (let i = 0; i < q; i++) {
      const v = randomAssigned(sol, rng);
      if (v < 0) return;
      sol.remove(v);
    }
  }
}

/** Related (Shaw-type) removal: a seed visit and its nearest assigned neighbours. */
export class RelatedRemoval implements Operator {
  readonly name = 'related';
  readonly kind = 'ruin';
  readonly stats = newStats();
  apply({ sol, rng, params }: SearchContext): void {
    const p = sol.p;
    const q = 1 + rng.int(Math.max(1, Math.min(2 * params.avgRemoved, p.nVisits / 2)));
    const seed = randomAssigned(sol, rng);
    if (seed < 0) return;
    sol.remove(seed);
    let removed = 1;
    const off = seed * p.nNeighbours;
    for (let i = 0; i < p.nNeighbours && removed < q; i++) {
      const w = p.neighbours[off + i]!;
      // Skip some neighbours so repeated calls differ.
      if (sol.routeOf[w]! >= 0 && rng.next() < 0.8) {
        sol.remove(w);
        removed++;
      }
    }
  }
}

/** Worst removal: the visits whose detour (travel saved by removing them) is largest, randomised. */
export class WorstRemoval implements Operator {
  readonly name = 'worst';
  readonly kind = 'ruin';
  readonly stats = newStats();
  apply({ sol, rng, params }: SearchContext): void {
    const p = sol.p;
    const n = p.nLoc;
    const q = 1 + rng.int(Math.max(1, Math.min(2 * params.avgRemoved, p.nVisits / 2)));
    const gains: { v: number; g: number }[] = [];
    sol.routes.forEach((r, k) => {
      const o = p.travelOffset[k]!;
      for (let j = 0; j < r.len; j++) {
        const v = r.nodes[j]!;
        const a = j === 0 ? p.startLoc[k]! : p.visitLoc[r.nodes[j - 1]!]!;
        const c = j === r.len - 1 ? p.endLoc[k]! : p.visitLoc[r.nodes[j + 1]!]!;
        const vl = p.visitLoc[v]!;
        gains.push({ v, g: (p.dist[o + a * n + vl]! + p.dist[o + vl * n + c]! - p.dist[o + a * n + c]!) * (0.7 + 0.6 * rng.next()) });
      }
    });
    gains.sort((x, y) => y.g - x.g || x.v - y.v);
    for (let i = 0; i < q && i < gains.length; i++) sol.remove(gains[i]!.v);
  }
}

/**
 * Greedy insertion with blinks (SISR): removed visits are sorted (random, demand, distance from the
 * start location, window end), then each goes to its cheapest feasible position. A visit that must
 * start together with an unplaced partner (double staffing) is placed with it as a pair; one whose
 * placed partner blocks it gets the partner moved out and both placed as a pair.
 */
export class BlinkInsertion implements Operator {
  readonly name = 'blink-insertion';
  readonly kind = 'recreate';
  readonly stats = newStats();
  private keys = new Float64Array(0);
  apply(ctx: SearchContext): void {
    const { sol, rng, params } = ctx;
    const p = sol.p;
    const m = sol.nRemoved;
    if (m === 0) return;
    if (this.keys.length < p.nVisits) this.keys = new Float64Array(p.nVisits);
    const keys = this.keys;
    const r = rng.next() * 12;
    const depot = p.startLoc[0] ?? 0;
    for (let i = 0; i < m; i++) {
      const v = sol.removed[i]!;
      const d = p.dist[depot * p.nLoc + p.visitLoc[v]!]!;
      keys[v] = r < 4 ? rng.next() : r < 8 ? -p.demand[v]! - 1e-6 * rng.next() : r < 10 ? -d : r < 11 ? d : p.windowEnd[p.windowFirst[v + 1]! - 1]! + 1e-6 * rng.next();
    }
    const list = Array.from(sol.removed.subarray(0, m));
    list.sort((a, b) => keys[a]! - keys[b]! || a - b);
    sol.nRemoved = 0;
    for (const v of list) if (sol.routeOf[v]! < 0) place(ctx, v, params.blinkRate);
  }
}

/**
 * Regret-2 insertion: repeatedly inserts the removed visit whose best and second-best route
 * differ most. Slower than blink insertion; used for diversification.
 */
export class RegretInsertion implements Operator {
  readonly name = 'regret2';
  readonly kind = 'recreate';
  readonly stats = newStats();
  apply(ctx: SearchContext): void {
    const { sol, inserter, rng } = ctx;
    const pending = Array.from(sol.removed.subarray(0, sol.nRemoved));
    sol.nRemoved = 0;
    while (pending.length > 0) {
      let bestIdx = -1;
      let bestRegret = -Infinity;
      for (let i = 0; i < pending.length; i++) {
        const v = pending[i]!;
        const d1 = inserter.best(v, 0, rng);
        if (d1 === Infinity) continue;
        const k1 = inserter.bestRoute;
        const d2 = inserter.secondBest(v, k1, rng);
        const regret = (d2 === Infinity ? 1e9 : d2 - d1) - 1e-9 * i;
        if (regret > bestRegret) {
          bestRegret = regret;
          bestIdx = i;
        }
      }
      if (bestIdx < 0) break;
      const v = pending.splice(bestIdx, 1)[0]!;
      if (sol.routeOf[v]! < 0) place(ctx, v, 0);
    }
  }
}

/**
 * Places unassigned visit v: by cheapest insertion, as a pair with a partner it must start with
 * (double staffing), or, when a placed partner blocks it, by taking that partner out and placing
 * both as a pair (undone when that fails). Optional visits are placed only when that pays.
 */
export function place(ctx: SearchContext, v: number, blink: number): boolean {
  const { sol, inserter, rng } = ctx;
  const p = sol.p;
  const sync = syncPartner(sol, v);
  if (sync.partner >= 0 && sol.routeOf[sync.partner]! < 0) {
    const a = sync.isA ? v : sync.partner;
    const b = sync.isA ? sync.partner : v;
    return inserter.bestPair(a, b, sync.gap, rng);
  }
  const d = inserter.best(v, blink, rng);
  // An optional visit's price already includes its penalty saved: placing it must pay.
  if (d < Infinity && (p.level[v]! >= 0 || d < 0)) {
    if (inserter.commitBest(v)) return true;
  }
  if (sync.partner < 0) return false;
  // A placed partner blocks v: move it out and place both together, or leave things as they were.
  sol.begin();
  const w = sync.partner;
  sol.remove(w);
  sol.nRemoved--;
  const ok = sol.finishRemovals() && inserter.bestPair(sync.isA ? v : w, sync.isA ? w : v, sync.gap, rng);
  if (ok) sol.keep();
  else sol.rollback();
  return ok;
}

/** v's partner on a link that makes both start a fixed gap apart on two vehicles, if any. */
function syncPartner(sol: WorkingSolution, v: number): { partner: number; isA: boolean; gap: number } {
  const p = sol.p;
  for (let x = p.linkFirst[v]!; x < p.linkFirst[v + 1]!; x++) {
    const l = p.visitLinks[x]!;
    if (!p.linkDifferent[l] || p.linkMin[l] !== p.linkMax[l]) continue;
    const isA = p.linkA[l] === v;
    return { partner: isA ? p.linkB[l]! : p.linkA[l]!, isA, gap: p.linkMin[l]! };
  }
  return { partner: -1, isA: false, gap: 0 };
}
