/**
 * Granular local-search operators for simple problems (hard windows, O(1) checks through the
 * working solution's E/L/D arrays): inter-route relocate, swap and 2-opt*. Each scans visits from a
 * rotating cursor and their `granularity` nearest neighbours, and stops at the first improving move
 * (`evaluate` returns its delta; `apply` performs it). Only visits in routes marked dirty (changed
 * since the search last synchronised) are scanned. On other problems they find nothing.
 */
import type { Operator, OperatorParams, OperatorStats } from './operators.js';
import type { Problem } from './problem.js';
import type { Rng } from './rng.js';
import type { WorkingSolution } from './solution.js';

const EPS = 1e-7;

function newStats(): OperatorStats {
  return { calls: 0, accepted: 0, improved: 0, newBest: 0, timeMs: 0 };
}

function arc(p: Problem, a: number, b: number): number {
  const i = a * p.nLoc + b;
  return p.wDist * p.dist[i]! + (p.wTime !== 0 ? p.wTime * p.time[i]! : 0);
}

function assign(p: Problem, v: number, k: number): number {
  return p.assignCost ? p.assignCost[v * p.nVehicles + k]! : 0;
}

/** Earliest feasible start of v at time t (single or multiple hard windows). */
function startAt(p: Problem, v: number, t: number): number {
  const end = p.twOff[v + 1]!;
  for (let w = p.twOff[v]!; w < end; w++) if (t <= p.twEnd[w]!) return t < p.twStart[w]! ? p.twStart[w]! : t;
  return Infinity;
}

/** Location and departure time before position pos of route k. */
function prevLocOf(s: WorkingSolution, k: number, pos: number): number {
  return pos > 0 ? s.locAt[k * s.stride + pos - 1]! : s.p.vStart[k]!;
}
function prevDepOf(s: WorkingSolution, k: number, pos: number): number {
  return pos > 0 ? s.D[k * s.stride + pos - 1]! : s.p.shiftStart[k]!;
}
function locAtOrEnd(s: WorkingSolution, k: number, pos: number): number {
  return pos < s.len[k]! ? s.locAt[k * s.stride + pos]! : s.p.vEnd[k]!;
}

abstract class Granular implements Operator {
  abstract readonly name: string;
  readonly kind = 'improve';
  readonly stats = newStats();
  protected cursor = 0;
  constructor(readonly granularity = 12) {}
  evaluate(sol: WorkingSolution, _rng: Rng, _params: OperatorParams): number {
    const p = sol.p;
    if (!p.simple) return 0;
    const nV = p.nVisits;
    for (let c = 0; c < nV; c++) {
      const v = (this.cursor + c) % nV;
      // Only around routes changed in this iteration (ruin, recreate or earlier moves).
      if (sol.routeOf[v]! < 0 || !sol.dirty[sol.routeOf[v]!]) continue;
      const d = this.scan(sol, v);
      if (d < -1e-9) {
        this.cursor = v;
        return d;
      }
    }
    return 0;
  }
  /** Looks for an improving move around v; returns its delta (stored for apply) or 0. */
  protected abstract scan(sol: WorkingSolution, v: number): number;
  abstract apply(sol: WorkingSolution, rng: Rng, params: OperatorParams): void;
}

/** Moves a visit next to one of its nearest neighbours in another route. */
export class GranularRelocate extends Granular {
  readonly name = 'relocate';
  private mv = -1;
  private mk = -1;
  private mpos = -1;
  protected scan(sol: WorkingSolution, v: number): number {
    const p = sol.p;
    const nK = p.nVehicles;
    const k1 = sol.routeOf[v]!;
    const i = sol.posOf[v]!;
    const len1 = sol.len[k1]!;
    const vl = p.visitLoc[v]!;
    const pl = prevLocOf(sol, k1, i);
    const nl = locAtOrEnd(sol, k1, i + 1);
    const gain = arc(p, pl, vl) + arc(p, vl, nl) - arc(p, pl, nl) + (len1 === 1 ? p.fixedCost[k1]! : 0) + assign(p, v, k1);
    const off = v * (p.nVisits - 1);
    const G = Math.min(this.granularity, p.nVisits - 1);
    for (let g = 0; g < G; g++) {
      const w = p.neighbours[off + g]!;
      const k2 = sol.routeOf[w]!;
      if (k2 === k1) {
        const d = this.intra(sol, v, k1, i, sol.posOf[w]!, gain - (len1 === 1 ? p.fixedCost[k1]! : 0) - assign(p, v, k1));
        if (d < -1e-9) return d;
        continue;
      }
      if (k2 < 0 || !p.compat[v * nK + k2]) continue;
      if (sol.load[k2]! + p.demand[v]! > p.capacity[k2]! + 1e-9) continue;
      const b2 = k2 * sol.stride;
      const dv = p.duration[v * nK + k2]!;
      for (let q = 0; q < 2; q++) {
        const pos = sol.posOf[w]! + q;
        const a = prevLocOf(sol, k2, pos);
        const c = locAtOrEnd(sol, k2, pos);
        const delta = arc(p, a, vl) + arc(p, vl, c) - arc(p, a, c) + assign(p, v, k2) - gain;
        if (delta >= -1e-9) continue;
        const s = startAt(p, v, prevDepOf(sol, k2, pos) + p.time[a * p.nLoc + vl]!);
        if (s + dv + p.time[vl * p.nLoc + c]! <= sol.L[b2 + pos]! - EPS) {
          this.mv = v;
          this.mk = k2;
          this.mpos = pos;
          return delta;
        }
      }
    }
    return 0;
  }
  /** Moves v within its route to just before or after w (position pw); O(route length) check. */
  private intra(sol: WorkingSolution, v: number, k: number, i: number, pw: number, gain: number): number {
    const p = sol.p;
    const n = p.nLoc;
    const nK = p.nVehicles;
    const b = k * sol.stride;
    const len = sol.len[k]!;
    const vl = p.visitLoc[v]!;
    for (let side = 0; side < 2; side++) {
      const q = pw + side; // insert before original position q
      if (q === i || q === i + 1) continue;
      const a = prevLocOf(sol, k, q);
      const c = locAtOrEnd(sol, k, q);
      const delta = arc(p, a, vl) + arc(p, vl, c) - arc(p, a, c) - gain;
      if (delta >= -1e-9) continue;
      // Simulate the changed part: positions lo .. len-1 in the new order.
      const lo = q < i ? q : i;
      let t = prevDepOf(sol, k, lo);
      let loc = prevLocOf(sol, k, lo);
      let ok = true;
      for (let j = lo; j < len; j++) {
        // New order: original without v, with v inserted before original q.
        let u: number;
        if (q < i) u = j === q ? v : j <= i ? sol.nodes[b + j - 1]! : sol.nodes[b + j]!;
        else u = j < q - 1 ? sol.nodes[b + j + 1]! : j === q - 1 ? v : sol.nodes[b + j]!;
        const ul = p.visitLoc[u]!;
        const st = startAt(p, u, t + p.time[loc * n + ul]!);
        if (st === Infinity) {
          ok = false;
          break;
        }
        t = st + p.duration[u * nK + k]!;
        loc = ul;
      }
      if (!ok || t + p.time[loc * n + p.vEnd[k]!]! > p.shiftEnd[k]!) continue;
      this.mv = v;
      this.mk = k;
      this.mpos = q > i ? q - 1 : q;
      return delta;
    }
    return 0;
  }

  apply(sol: WorkingSolution): void {
    if (this.mv >= 0) sol.relocate(this.mv, this.mk, this.mpos);
    this.mv = -1;
  }
}

/** Exchanges a visit with one of its nearest neighbours in another route. */
export class GranularSwap extends Granular {
  readonly name = 'swap';
  private mv = -1;
  private mw = -1;
  protected scan(sol: WorkingSolution, v: number): number {
    const p = sol.p;
    const nK = p.nVehicles;
    const k1 = sol.routeOf[v]!;
    const off = v * (p.nVisits - 1);
    const G = Math.min(this.granularity, p.nVisits - 1);
    for (let g = 0; g < G; g++) {
      const w = p.neighbours[off + g]!;
      const k2 = sol.routeOf[w]!;
      if (k2 < 0 || k2 === k1 || !p.compat[v * nK + k2] || !p.compat[w * nK + k1]) continue;
      const dd = p.demand[w]! - p.demand[v]!;
      if (sol.load[k1]! + dd > p.capacity[k1]! + 1e-9 || sol.load[k2]! - dd > p.capacity[k2]! + 1e-9) continue;
      const d = this.tryPair(sol, v, k1, w, k2);
      if (d < -1e-9) {
        this.mv = v;
        this.mw = w;
        return d;
      }
    }
    return 0;
  }
  private tryPair(sol: WorkingSolution, v: number, k1: number, w: number, k2: number): number {
    const p = sol.p;
    const n = p.nLoc;
    const nK = p.nVehicles;
    const i = sol.posOf[v]!;
    const j = sol.posOf[w]!;
    const vl = p.visitLoc[v]!;
    const wl = p.visitLoc[w]!;
    const p1 = prevLocOf(sol, k1, i);
    const n1 = locAtOrEnd(sol, k1, i + 1);
    const p2 = prevLocOf(sol, k2, j);
    const n2 = locAtOrEnd(sol, k2, j + 1);
    const delta =
      arc(p, p1, wl) + arc(p, wl, n1) - arc(p, p1, vl) - arc(p, vl, n1) + arc(p, p2, vl) + arc(p, vl, n2) - arc(p, p2, wl) - arc(p, wl, n2) +
      assign(p, w, k1) + assign(p, v, k2) - assign(p, v, k1) - assign(p, w, k2);
    if (delta >= -1e-9) return 0;
    const sw = startAt(p, w, prevDepOf(sol, k1, i) + p.time[p1 * n + wl]!);
    if (!(sw + p.duration[w * nK + k1]! + p.time[wl * n + n1]! <= sol.L[k1 * sol.stride + i + 1]! - EPS)) return 0;
    const sv = startAt(p, v, prevDepOf(sol, k2, j) + p.time[p2 * n + vl]!);
    if (!(sv + p.duration[v * nK + k2]! + p.time[vl * n + n2]! <= sol.L[k2 * sol.stride + j + 1]! - EPS)) return 0;
    return delta;
  }
  apply(sol: WorkingSolution): void {
    if (this.mv >= 0) sol.swap(this.mv, this.mw);
    this.mv = -1;
  }
}

/** 2-opt*: exchanges route tails so that a visit is followed by a near neighbour of another route. */
export class TwoOptStar extends Granular {
  readonly name = '2-opt*';
  private m1 = -1;
  private mi = -1;
  private m2 = -1;
  private mj = -1;
  protected scan(sol: WorkingSolution, v: number): number {
    const p = sol.p;
    const k1 = sol.routeOf[v]!;
    const off = v * (p.nVisits - 1);
    const G = Math.min(this.granularity, p.nVisits - 1);
    for (let g = 0; g < G; g++) {
      const w = p.neighbours[off + g]!;
      const k2 = sol.routeOf[w]!;
      if (k2 < 0 || k2 === k1 || sol.vClass[k1] !== sol.vClass[k2]) continue;
      // Arc v → w: k1 keeps ..v, takes w..; k2 keeps ..pred(w), takes succ(v)..
      let d = this.tryCut(sol, k1, sol.posOf[v]!, k2, sol.posOf[w]! - 1);
      if (d < -1e-9) return d;
      // Arc w → v: k2 keeps ..w, takes v..; k1 keeps ..pred(v), takes succ(w)..
      d = this.tryCut(sol, k2, sol.posOf[w]!, k1, sol.posOf[v]! - 1);
      if (d < -1e-9) return d;
    }
    return 0;
  }
  /** Route k1 keeps positions ≤ i and takes k2's tail after j (and vice versa). */
  private tryCut(sol: WorkingSolution, k1: number, i: number, k2: number, j: number): number {
    const p = sol.p;
    const n = p.nLoc;
    const s = sol.stride;
    const b1 = k1 * s;
    const b2 = k2 * s;
    const len1 = sol.len[k1]!;
    const len2 = sol.len[k2]!;
    const a1 = prevLocOf(sol, k1, i + 1);
    const c1 = locAtOrEnd(sol, k1, i + 1);
    const a2 = prevLocOf(sol, k2, j + 1);
    const c2 = locAtOrEnd(sol, k2, j + 1);
    const newLen1 = i + 1 + (len2 - j - 1);
    const newLen2 = j + 1 + (len1 - i - 1);
    let delta = arc(p, a1, c2) + arc(p, a2, c1) - arc(p, a1, c1) - arc(p, a2, c2);
    if (newLen1 === 0) delta -= p.fixedCost[k1]!;
    if (newLen2 === 0) delta -= p.fixedCost[k2]!;
    if (delta >= -1e-9) return 0;
    const cum1 = i >= 0 ? sol.cum[b1 + i]! : 0;
    const cum2 = j >= 0 ? sol.cum[b2 + j]! : 0;
    if (cum1 + sol.load[k2]! - cum2 > p.capacity[k1]! + 1e-9 || cum2 + sol.load[k1]! - cum1 > p.capacity[k2]! + 1e-9) return 0;
    if (!(prevDepOf(sol, k1, i + 1) + p.time[a1 * n + c2]! <= sol.L[b2 + j + 1]! - EPS)) return 0;
    if (!(prevDepOf(sol, k2, j + 1) + p.time[a2 * n + c1]! <= sol.L[b1 + i + 1]! - EPS)) return 0;
    this.m1 = k1;
    this.mi = i;
    this.m2 = k2;
    this.mj = j;
    return delta;
  }
  apply(sol: WorkingSolution): void {
    if (this.m1 >= 0) sol.exchangeTails(this.m1, this.mi, this.m2, this.mj);
    this.m1 = -1;
  }
}
