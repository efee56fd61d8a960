/**
 * Search operators. Every operator has the same shape: a name, a kind, statistics, and `apply`
 * (which changes the working solution); improvement operators also `evaluate` the best move's cost
 * delta before applying it. The search loop only sees this interface.
 */
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

/** The common operator interface. */
export interface Operator {
  readonly name: string;
  /** `ruin` removes visits into `sol.removed`; `recreate` reinserts them; `improve` is local search. */
  readonly kind: 'ruin' | 'recreate' | 'improve';
  readonly stats: OperatorStats;
  /**
   * Cost delta of the best move this operator found on `sol` (≥ 0 when none improves); ruin and
   * recreate operators return 0 (their effect is only known after applying).
   */
  evaluate(sol: WorkingSolution, rng: Rng, params: OperatorParams): number;
  /** Applies the operator (for `improve`, the move found by the last `evaluate`). */
  apply(sol: WorkingSolution, rng: Rng, params: OperatorParams): void;
}

function newStats(): OperatorStats {
  return { calls: 0, accepted: 0, improved: 0, newBest: 0, timeMs: 0 };
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

/** SISR string and split-string removal around a random seed visit (Christiaens & Vanden Berghe 2020). */
export class StringRemoval implements Operator {
  readonly name = 'sisr-strings';
  readonly kind = 'ruin';
  readonly stats = newStats();
  private ruined: Uint8Array | null = null;

  evaluate(): number {
    return 0;
  }

  apply(sol: WorkingSolution, rng: Rng, params: OperatorParams): void {
    const p = sol.p;
    const nK = p.nVehicles;
    const nV = p.nVisits;
    if (!this.ruined || this.ruined.length !== nK) this.ruined = new Uint8Array(nK);
    const ruined = this.ruined;
    ruined.fill(0);
    let used = 0;
    let total = 0;
    for (let k = 0; k < nK; k++) {
      if (sol.len[k]! > 0) {
        used++;
        total += sol.len[k]!;
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
    const off = seed * (nV - 1);
    for (let i = -1; i < nV - 1 && done < ks; i++) {
      const c = i < 0 ? seed : nb[off + i]!;
      const k = sol.routeOf[c]!;
      if (k < 0 || ruined[k]) continue;
      const len = sol.len[k]!;
      const lMax = Math.min(len, lsMax);
      const l = Math.max(1, Math.floor(rng.next() * lMax + 1));
      const pos = sol.posOf[c]!;
      const b = k * sol.stride;
      if (l === len || rng.next() >= params.splitRate) {
        // A string of l consecutive visits containing c.
        const lo = Math.max(0, pos - l + 1);
        const hi = Math.min(pos, len - l);
        const first = lo + rng.int(hi - lo + 1);
        for (let j = 0; j < l; j++) sol.remove(sol.nodes[b + first]!);
      } else {
        // Split string: l removed visits in a window of l + m, m consecutive preserved.
        let m = 1;
        while (l + m < len && rng.next() > params.splitDepth) m++;
        const size = l + m;
        const lo = Math.max(0, pos - size + 1);
        const hi = Math.min(pos, len - size);
        const first = lo + rng.int(hi - lo + 1);
        const keepAt = rng.int(l + 1);
        const victims: number[] = [];
        for (let j = 0; j < size; j++) if (j < keepAt || j >= keepAt + m) victims.push(sol.nodes[b + first + j]!);
        for (const v of victims) sol.remove(v);
      }
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
  evaluate(): number {
    return 0;
  }
  apply(sol: WorkingSolution, rng: Rng, params: OperatorParams): void {
    const q = 1 + rng.int(Math.max(1, Math.min(2 * params.avgRemoved, sol.p.nVisits / 2)));
    for (let i = 0; i < q; i++) {
      const v = randomAssigned(sol, rng);
      if (v < 0) return;
      sol.remove(v);
    }
  }
}

/** Related (Shaw-type) removal: a seed visit and its nearest assigned neighbours (profile 0's neighbour lists). */
export class RelatedRemoval implements Operator {
  readonly name = 'related';
  readonly kind = 'ruin';
  readonly stats = newStats();
  evaluate(): number {
    return 0;
  }
  apply(sol: WorkingSolution, rng: Rng, params: OperatorParams): void {
    const nV = sol.p.nVisits;
    const q = 1 + rng.int(Math.max(1, Math.min(2 * params.avgRemoved, nV / 2)));
    const seed = randomAssigned(sol, rng);
    if (seed < 0) return;
    sol.remove(seed);
    let removed = 1;
    const off = seed * (nV - 1);
    for (let i = 0; i < nV - 1 && removed < q; i++) {
      const w = sol.p.neighbours[off + i]!;
      // Skip some neighbours so repeated calls differ.
      if (sol.routeOf[w]! >= 0 && rng.next() < 0.8) {
        sol.remove(w);
        removed++;
      }
    }
  }
}

/** Worst removal: removes the visits whose detour (distance saved by removing them) is largest, randomised. */
export class WorstRemoval implements Operator {
  readonly name = 'worst';
  readonly kind = 'ruin';
  readonly stats = newStats();
  evaluate(): number {
    return 0;
  }
  apply(sol: WorkingSolution, rng: Rng, params: OperatorParams): void {
    const p = sol.p;
    const n = p.nLoc;
    const q = 1 + rng.int(Math.max(1, Math.min(2 * params.avgRemoved, p.nVisits / 2)));
    const gains: { v: number; g: number }[] = [];
    for (let k = 0; k < p.nVehicles; k++) {
      const b = k * sol.stride;
      const len = sol.len[k]!;
      const o = p.vOff[k]!;
      for (let j = 0; j < len; j++) {
        const v = sol.nodes[b + j]!;
        const a = j === 0 ? p.vStart[k]! : p.visitLoc[sol.nodes[b + j - 1]!]!;
        const c = j === len - 1 ? p.vEnd[k]! : p.visitLoc[sol.nodes[b + j + 1]!]!;
        const vl = p.visitLoc[v]!;
        gains.push({ v, g: (p.dist[o + a * n + vl]! + p.dist[o + vl * n + c]! - p.dist[o + a * n + c]!) * (0.7 + 0.6 * rng.next()) });
      }
    }
    gains.sort((x, y) => y.g - x.g || x.v - y.v);
    for (let i = 0; i < q && i < gains.length; i++) sol.remove(gains[i]!.v);
  }
}

/**
 * Greedy insertion with blinks (SISR): removed visits are sorted (random, demand, distance from the
 * start location, window end), then each goes to its cheapest feasible position.
 */
export class BlinkInsertion implements Operator {
  readonly name = 'blink-insertion';
  readonly kind = 'recreate';
  readonly stats = newStats();
  private keys: Float64Array = new Float64Array(0);
  evaluate(): number {
    return 0;
  }
  apply(sol: WorkingSolution, rng: Rng, params: OperatorParams): void {
    const p = sol.p;
    const m = sol.nRemoved;
    if (m === 0) return;
    if (this.keys.length < p.nVisits) this.keys = new Float64Array(p.nVisits);
    const keys = this.keys;
    const r = rng.next() * 12;
    const depot = p.vStart[0] ?? 0;
    for (let i = 0; i < m; i++) {
      const v = sol.removed[i]!;
      // Only a sort key, no vehicle yet: distance from vehicle 0's start with profile 0.
      const d = p.dist[depot * p.nLoc + p.visitLoc[v]!]!;
      keys[v] =
        r < 4 ? rng.next() : r < 8 ? -p.demand[v]! - 1e-6 * rng.next() : r < 10 ? -d : r < 11 ? d : p.twEnd[p.twOff[v + 1]! - 1]! + 1e-6 * rng.next();
    }
    const list = Array.from(sol.removed.subarray(0, m));
    list.sort((a, b) => keys[a]! - keys[b]! || a - b);
    sol.nRemoved = 0;
    for (const v of list) {
      if (sol.routeOf[v]! >= 0) continue; // already placed by a partner repair
      const delta = sol.bestInsertion(v, params.blinkRate, rng);
      // insert fails only when the exact schedule (links with breaks) rejects the candidate.
      if (delta < p.unassignedPenalty[v]! && sol.insert(v, sol.bestRoute, sol.bestPos)) continue;
      if (!repairWithPartner(sol, v, rng)) sol.removed[sol.nRemoved++] = v;
    }
    // Left-overs stay unassigned (their penalty is in the cost).
    sol.nRemoved = 0;
  }
}

/**
 * When v fits nowhere and a linked partner is planned (e.g. the partner took the only vehicle
 * qualified for v), moves the partner out, places v, then places the partner again. Returns
 * whether v was placed (the partner may stay unplanned if it no longer fits).
 */
function repairWithPartner(sol: WorkingSolution, v: number, rng: Rng): boolean {
  const p = sol.p;
  const l1 = p.linkOff[v + 1]!;
  for (let q = p.linkOff[v]!; q < l1; q++) {
    const l = p.linkIdx[q]!;
    const w = p.linkA[l] === v ? p.linkB[l]! : p.linkA[l]!;
    const kw = sol.routeOf[w]!;
    if (kw < 0) continue;
    const posW = sol.posOf[w]!;
    const saved = sol.nRemoved;
    sol.remove(w);
    sol.nRemoved = saved; // w is handled here, not left in the removed list
    if (!sol.finishRemovals()) {
      sol.insert(w, kw, posW);
      continue;
    }
    const dv = sol.bestInsertion(v, 0, rng);
    if (!(dv < p.unassignedPenalty[v]! && sol.insert(v, sol.bestRoute, sol.bestPos))) {
      sol.insert(w, kw, posW);
      continue;
    }
    const dw = sol.bestInsertion(w, 0, rng);
    if (dw < p.unassignedPenalty[w]!) sol.insert(w, sol.bestRoute, sol.bestPos);
    return true;
  }
  return false;
}

/**
 * Regret-2 insertion: repeatedly inserts the removed visit whose best and second-best route
 * differ most. Slower than blink insertion; used for construction and diversification.
 */
export class RegretInsertion implements Operator {
  readonly name = 'regret2';
  readonly kind = 'recreate';
  readonly stats = newStats();
  evaluate(): number {
    return 0;
  }
  apply(sol: WorkingSolution, rng: Rng): void {
    const p = sol.p;
    const pending = Array.from(sol.removed.subarray(0, sol.nRemoved));
    sol.nRemoved = 0;
    while (pending.length > 0) {
      let bestIdx = -1;
      let bestRegret = -Infinity;
      let bestK = -1;
      let bestPos = -1;
      for (let i = 0; i < pending.length; i++) {
        const v = pending[i]!;
        const d1 = sol.bestInsertion(v, 0, rng);
        if (d1 === Infinity || d1 >= p.unassignedPenalty[v]!) continue;
        const k1 = sol.bestRoute;
        const pos1 = sol.bestPos;
        // Second best: temporarily forbid route k1 by checking other routes via a second pass.
        const d2 = this.secondBest(sol, v, k1, rng);
        const regret = (d2 === Infinity ? 1e9 : d2 - d1) - 1e-9 * i;
        if (regret > bestRegret) {
          bestRegret = regret;
          bestIdx = i;
          bestK = k1;
          bestPos = pos1;
        }
      }
      if (bestIdx < 0) break;
      const v = pending[bestIdx]!;
      pending.splice(bestIdx, 1);
      sol.insert(v, bestK, bestPos);
    }
  }
  private secondBest(sol: WorkingSolution, v: number, k1: number, rng: Rng): number {
    const saved = sol.load[k1]!;
    // Make route k1 look full so bestInsertion skips it.
    sol.load[k1] = Infinity;
    const d = sol.bestInsertion(v, 0, rng);
    sol.load[k1] = saved;
    return d;
  }
}

/**
 * Relocate on a granular neighbourhood: each visit is tried next to its nearest neighbours (and
 * the best position overall when cheap). Works on every problem type through the solution's exact
 * insertion evaluation. `evaluate` finds the best improving relocation of a few random visits.
 */
export class Relocate implements Operator {
  readonly name = 'relocate-exact';
  readonly kind = 'improve';
  readonly stats = newStats();
  private moveV = -1;
  evaluate(sol: WorkingSolution, rng: Rng): number {
    const p = sol.p;
    this.moveV = -1;
    const v = rng.int(p.nVisits);
    if (sol.routeOf[v]! < 0) return 0;
    const before = sol.cost();
    const k = sol.routeOf[v]!;
    const pos = sol.posOf[v]!;
    sol.nRemoved = 0;
    sol.remove(v);
    sol.finishRemovals();
    const removedCost = sol.cost();
    const d = removedCost === Infinity ? Infinity : sol.bestInsertion(v, 0, rng);
    // bestInsertion's delta excludes v's unassigned penalty, which removedCost includes.
    const delta = removedCost + d - p.unassignedPenalty[v]! - before;
    const bk = sol.bestRoute;
    const bp = sol.bestPos;
    // Undo; remember the move if it improves.
    sol.nRemoved = 0;
    sol.insert(v, k, pos);
    if (delta < -1e-9 && bk >= 0 && !(bk === k && bp === pos)) {
      this.moveV = v;
      this.to = bk;
      this.at = bp;
      return delta;
    }
    return 0;
  }
  private to = -1;
  private at = -1;
  apply(sol: WorkingSolution): void {
    const v = this.moveV;
    if (v < 0) return;
    const k = sol.routeOf[v]!;
    const pos = sol.posOf[v]!;
    sol.remove(v);
    sol.finishRemovals();
    sol.nRemoved = 0;
    // Back where it was if the exact schedule rejects the move (links with breaks).
    if (!sol.insert(v, this.to, this.at)) sol.insert(v, k, pos);
    this.moveV = -1;
  }
}
