/**
 * Granular local-search operators for simple problems (hard windows, O(1) checks through the
 * working solution's E/L/D arrays): relocate, swap, 2-opt*, or-opt and cross-exchange. Each scans visits from a
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

/**
 * Weighted cost of travelling a → b with the travel profile at offset `o` (`p.vOff[k]` of the
 * route's vehicle). Callers read the offset as `p.nProfiles === 1 ? 0 : p.vOff[k]`: these operators
 * need it per candidate move, and with one profile that skips the load.
 */
function arc(p: Problem, o: number, a: number, b: number): number {
  const i = o + a * p.nLoc + b;
  return p.wDist * p.dist[i]! + (p.wTime !== 0 ? p.wTime * p.time[i]! : 0);
}

/** Weighted cost of the arcs inside seq[0..n) with the travel profile at offset `o`. */
function innerArcs(p: Problem, o: number, seq: Int32Array, n: number): number {
  let c = 0;
  for (let q = 1; q < n; q++) c += arc(p, o, p.visitLoc[seq[q - 1]!]!, p.visitLoc[seq[q]!]!);
  return c;
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
    const o1 = p.nProfiles === 1 ? 0 : p.vOff[k1]!;
    const gain = arc(p, o1, pl, vl) + arc(p, o1, vl, nl) - arc(p, o1, pl, nl) + (len1 === 1 ? p.fixedCost[k1]! : 0) + assign(p, v, k1);
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
      const o2 = p.nProfiles === 1 ? 0 : p.vOff[k2]!;
      for (let q = 0; q < 2; q++) {
        const pos = sol.posOf[w]! + q;
        const a = prevLocOf(sol, k2, pos);
        const c = locAtOrEnd(sol, k2, pos);
        const delta = arc(p, o2, a, vl) + arc(p, o2, vl, c) - arc(p, o2, a, c) + assign(p, v, k2) - gain;
        if (delta >= -1e-9) continue;
        const s = startAt(p, v, prevDepOf(sol, k2, pos) + p.time[o2 + a * p.nLoc + vl]!);
        if (s + dv + p.time[o2 + vl * p.nLoc + c]! <= sol.L[b2 + pos]! - EPS) {
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
    const o = p.nProfiles === 1 ? 0 : p.vOff[k]!;
    for (let side = 0; side < 2; side++) {
      const q = pw + side; // insert before original position q
      if (q === i || q === i + 1) continue;
      const a = prevLocOf(sol, k, q);
      const c = locAtOrEnd(sol, k, q);
      const delta = arc(p, o, a, vl) + arc(p, o, vl, c) - arc(p, o, a, c) - gain;
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
        const st = startAt(p, u, t + p.time[o + loc * n + ul]!);
        if (st === Infinity) {
          ok = false;
          break;
        }
        t = st + p.duration[u * nK + k]!;
        loc = ul;
      }
      if (!ok || t + p.time[o + loc * n + p.vEnd[k]!]! > p.shiftEnd[k]!) continue;
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
    const o1 = p.nProfiles === 1 ? 0 : p.vOff[k1]!;
    const o2 = p.nProfiles === 1 ? 0 : p.vOff[k2]!;
    const delta =
      arc(p, o1, p1, wl) + arc(p, o1, wl, n1) - arc(p, o1, p1, vl) - arc(p, o1, vl, n1) +
      arc(p, o2, p2, vl) + arc(p, o2, vl, n2) - arc(p, o2, p2, wl) - arc(p, o2, wl, n2) +
      assign(p, w, k1) + assign(p, v, k2) - assign(p, v, k1) - assign(p, w, k2);
    if (delta >= -1e-9) return 0;
    const sw = startAt(p, w, prevDepOf(sol, k1, i) + p.time[o1 + p1 * n + wl]!);
    if (!(sw + p.duration[w * nK + k1]! + p.time[o1 + wl * n + n1]! <= sol.L[k1 * sol.stride + i + 1]! - EPS)) return 0;
    const sv = startAt(p, v, prevDepOf(sol, k2, j) + p.time[o2 + p2 * n + vl]!);
    if (!(sv + p.duration[v * nK + k2]! + p.time[o2 + vl * n + n2]! <= sol.L[k2 * sol.stride + j + 1]! - EPS)) return 0;
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
    // Same vehicle class (checked by scan), hence the same travel profile: k2's tail times and
    // latest arrivals stay valid in k1. Arcs still use each route's own offset.
    const o1 = p.nProfiles === 1 ? 0 : p.vOff[k1]!;
    const o2 = p.nProfiles === 1 ? 0 : p.vOff[k2]!;
    let delta = arc(p, o1, a1, c2) + arc(p, o2, a2, c1) - arc(p, o1, a1, c1) - arc(p, o2, a2, c2);
    if (newLen1 === 0) delta -= p.fixedCost[k1]!;
    if (newLen2 === 0) delta -= p.fixedCost[k2]!;
    if (delta >= -1e-9) return 0;
    const cum1 = i >= 0 ? sol.cum[b1 + i]! : 0;
    const cum2 = j >= 0 ? sol.cum[b2 + j]! : 0;
    if (cum1 + sol.load[k2]! - cum2 > p.capacity[k1]! + 1e-9 || cum2 + sol.load[k1]! - cum1 > p.capacity[k2]! + 1e-9) return 0;
    if (!(prevDepOf(sol, k1, i + 1) + p.time[o1 + a1 * n + c2]! <= sol.L[b2 + j + 1]! - EPS)) return 0;
    if (!(prevDepOf(sol, k2, j + 1) + p.time[o2 + a2 * n + c1]! <= sol.L[b1 + i + 1]! - EPS)) return 0;
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

/**
 * Simulates visits seq[0..n) on route k, starting from location loc at time t; returns the
 * departure time after the last one (Infinity if a window is missed).
 */
function simSeq(p: Problem, k: number, seq: Int32Array, n: number, loc: number, t: number): number {
  const nL = p.nLoc;
  const nK = p.nVehicles;
  const o = p.nProfiles === 1 ? 0 : p.vOff[k]!;
  for (let q = 0; q < n; q++) {
    const u = seq[q]!;
    const ul = p.visitLoc[u]!;
    const st = startAt(p, u, t + p.time[o + loc * nL + ul]!);
    if (st === Infinity) return Infinity;
    t = st + p.duration[u * nK + k]!;
    loc = ul;
  }
  return t;
}

/**
 * Or-opt: moves a segment of 2–3 consecutive visits (starting at the scanned visit) next to a near
 * neighbour of its first visit (inserted after it) or of its last visit (inserted before it), in
 * another route (O(segment) check) or the same route (O(distance moved) check).
 */
export class OrOpt extends Granular {
  readonly name = 'or-opt';
  private readonly seg = new Int32Array(3);
  private buf = new Int32Array(0);
  private mk = -1;
  private mLen = 0;
  private mpos = -1;
  private mIntra = false;
  private readonly mSeg = new Int32Array(3);
  protected scan(sol: WorkingSolution, v: number): number {
    const p = sol.p;
    const nK = p.nVehicles;
    const k1 = sol.routeOf[v]!;
    const i = sol.posOf[v]!;
    const len1 = sol.len[k1]!;
    const b1 = k1 * sol.stride;
    const off = v * (p.nVisits - 1);
    const G = Math.min(this.granularity, p.nVisits - 1);
    const seg = this.seg;
    for (let L = 2; L <= 3; L++) {
      if (i + L > len1) break;
      let dem = 0;
      let asg1 = 0;
      for (let q = 0; q < L; q++) {
        const u = sol.nodes[b1 + i + q]!;
        seg[q] = u;
        dem += p.demand[u]!;
        asg1 += assign(p, u, k1);
      }
      const fl = p.visitLoc[v]!;
      const ll = p.visitLoc[seg[L - 1]!]!;
      const pl = prevLocOf(sol, k1, i);
      const nl = locAtOrEnd(sol, k1, i + L);
      const o1 = p.nProfiles === 1 ? 0 : p.vOff[k1]!;
      const gainArcs = arc(p, o1, pl, fl) + arc(p, o1, ll, nl) - arc(p, o1, pl, nl);
      for (let end = 0; end < 2; end++) {
        // end 0: after a neighbour of the first visit; end 1: before a neighbour of the last visit.
        const x = end === 0 ? v : seg[L - 1]!;
        const offx = end === 0 ? off : x * (p.nVisits - 1);
        for (let g = 0; g < G; g++) {
          const w = p.neighbours[offx + g]!;
          const k2 = sol.routeOf[w]!;
          if (k2 < 0) continue;
          const pos = sol.posOf[w]! + (end === 0 ? 1 : 0);
          if (k2 === k1) {
            const d = this.intra(sol, k1, i, L, pos, gainArcs);
            if (d < -1e-9) return d;
            continue;
          }
          if (sol.load[k2]! + dem > p.capacity[k2]! + 1e-9) continue;
          let ok = true;
          let asg2 = 0;
          for (let q = 0; q < L; q++) {
            if (!p.compat[seg[q]! * nK + k2]) {
              ok = false;
              break;
            }
            asg2 += assign(p, seg[q]!, k2);
          }
          if (!ok) continue;
          const a = prevLocOf(sol, k2, pos);
          const c = locAtOrEnd(sol, k2, pos);
          const o2 = p.nProfiles === 1 ? 0 : p.vOff[k2]!;
          let delta = arc(p, o2, a, fl) + arc(p, o2, ll, c) - arc(p, o2, a, c) + asg2 - gainArcs - asg1 - (len1 === L ? p.fixedCost[k1]! : 0);
          // Another travel profile: the arcs inside the segment change cost too.
          if (o2 !== o1) delta += innerArcs(p, o2, seg, L) - innerArcs(p, o1, seg, L);
          if (delta >= -1e-9) continue;
          const t = simSeq(p, k2, seg, L, a, prevDepOf(sol, k2, pos));
          if (t + p.time[o2 + ll * p.nLoc + c]! <= sol.L[k2 * sol.stride + pos]! - EPS) {
            this.store(k2, L, pos, false);
            return delta;
          }
        }
      }
    }
    return 0;
  }
  /** Moves segment [i, i+L) of route k before original position q; checks the changed stretch. */
  private intra(sol: WorkingSolution, k: number, i: number, L: number, q: number, gainArcs: number): number {
    if (q >= i && q <= i + L) return 0;
    const p = sol.p;
    const b = k * sol.stride;
    const seg = this.seg;
    const a = prevLocOf(sol, k, q);
    const c = locAtOrEnd(sol, k, q);
    const o = p.nProfiles === 1 ? 0 : p.vOff[k]!;
    const delta = arc(p, o, a, p.visitLoc[seg[0]!]!) + arc(p, o, p.visitLoc[seg[L - 1]!]!, c) - arc(p, o, a, c) - gainArcs;
    if (delta >= -1e-9) return 0;
    if (this.buf.length < sol.stride) this.buf = new Int32Array(sol.stride);
    const buf = this.buf;
    let n = 0;
    let lo: number;
    let rejoin: number;
    if (q < i) {
      for (let r = 0; r < L; r++) buf[n++] = seg[r]!;
      for (let j = q; j < i; j++) buf[n++] = sol.nodes[b + j]!;
      lo = q;
      rejoin = i + L;
    } else {
      for (let j = i + L; j < q; j++) buf[n++] = sol.nodes[b + j]!;
      for (let r = 0; r < L; r++) buf[n++] = seg[r]!;
      lo = i;
      rejoin = q;
    }
    const t = simSeq(p, k, buf, n, prevLocOf(sol, k, lo), prevDepOf(sol, k, lo));
    const last = p.visitLoc[buf[n - 1]!]!;
    if (!(t + p.time[o + last * p.nLoc + locAtOrEnd(sol, k, rejoin)]! <= sol.L[b + rejoin]! - EPS)) return 0;
    this.store(k, L, q, true);
    return delta;
  }
  private store(k: number, L: number, pos: number, intra: boolean): void {
    this.mk = k;
    this.mLen = L;
    this.mpos = pos;
    this.mIntra = intra;
    for (let q = 0; q < L; q++) this.mSeg[q] = this.seg[q]!;
  }
  apply(sol: WorkingSolution): void {
    if (this.mk < 0) return;
    const L = this.mLen;
    if (!this.mIntra) {
      for (let q = 0; q < L; q++) sol.relocate(this.mSeg[q]!, this.mk, this.mpos + q);
    } else if (this.mpos < sol.posOf[this.mSeg[0]!]!) {
      for (let q = 0; q < L; q++) sol.relocate(this.mSeg[q]!, this.mk, this.mpos + q);
    } else {
      // Each removal shifts the original position down by one; insert just before it.
      for (let q = 0; q < L; q++) sol.relocate(this.mSeg[q]!, this.mk, this.mpos - 1);
    }
    this.mk = -1;
  }
}

/**
 * Cross-exchange: swaps a segment of 1–3 visits with a segment of 1–3 visits of another route (at
 * least one of length ≥ 2) so that the scanned visit becomes adjacent to one of its near neighbours
 * (after it, or before it); O(segment) checks.
 */
export class CrossExchange extends Granular {
  readonly name = 'cross';
  private readonly segA = new Int32Array(3);
  private readonly segB = new Int32Array(3);
  private readonly mA = new Int32Array(3);
  private readonly mB = new Int32Array(3);
  private mLenA = 0;
  private mLenB = 0;
  private mk1 = -1;
  private mk2 = -1;
  private mi = -1;
  private mj = -1;
  protected scan(sol: WorkingSolution, v: number): number {
    const p = sol.p;
    const k1 = sol.routeOf[v]!;
    const i0 = sol.posOf[v]!;
    const len1 = sol.len[k1]!;
    const off = v * (p.nVisits - 1);
    const G = Math.min(this.granularity, p.nVisits - 1);
    for (let g = 0; g < G; g++) {
      const w = p.neighbours[off + g]!;
      const k2 = sol.routeOf[w]!;
      if (k2 < 0 || k2 === k1) continue;
      const jw = sol.posOf[w]!;
      const len2 = sol.len[k2]!;
      for (let a = 1; a <= 3; a++) {
        for (let bl = 1; bl <= 3; bl++) {
          if (a === 1 && bl === 1) continue;
          // w → v: A starts at v, B starts right after w.
          if (i0 + a <= len1 && jw + 1 + bl <= len2) {
            const d = this.tryPair(sol, k1, i0, a, k2, jw + 1, bl);
            if (d < -1e-9) return d;
          }
          // v → w: A ends at v, B ends right before w.
          if (i0 - a + 1 >= 0 && jw - bl >= 0) {
            const d = this.tryPair(sol, k1, i0 - a + 1, a, k2, jw - bl, bl);
            if (d < -1e-9) return d;
          }
        }
      }
    }
    return 0;
  }
  /** Exchanges [i, i+a) of k1 with [j, j+b) of k2. */
  private tryPair(sol: WorkingSolution, k1: number, i: number, a: number, k2: number, j: number, b: number): number {
    const p = sol.p;
    const nK = p.nVehicles;
    const s = sol.stride;
    const A = this.segA;
    const B = this.segB;
    let dA = 0;
    let dB = 0;
    let asg = 0;
    for (let q = 0; q < a; q++) {
      const u = sol.nodes[k1 * s + i + q]!;
      if (!p.compat[u * nK + k2]) return 0;
      A[q] = u;
      dA += p.demand[u]!;
      asg += assign(p, u, k2) - assign(p, u, k1);
    }
    for (let q = 0; q < b; q++) {
      const u = sol.nodes[k2 * s + j + q]!;
      if (!p.compat[u * nK + k1]) return 0;
      B[q] = u;
      dB += p.demand[u]!;
      asg += assign(p, u, k1) - assign(p, u, k2);
    }
    if (sol.load[k1]! - dA + dB > p.capacity[k1]! + 1e-9 || sol.load[k2]! - dB + dA > p.capacity[k2]! + 1e-9) return 0;
    const p1 = prevLocOf(sol, k1, i);
    const n1 = locAtOrEnd(sol, k1, i + a);
    const p2 = prevLocOf(sol, k2, j);
    const n2 = locAtOrEnd(sol, k2, j + b);
    const a0 = p.visitLoc[A[0]!]!;
    const aL = p.visitLoc[A[a - 1]!]!;
    const b0 = p.visitLoc[B[0]!]!;
    const bL = p.visitLoc[B[b - 1]!]!;
    const o1 = p.nProfiles === 1 ? 0 : p.vOff[k1]!;
    const o2 = p.nProfiles === 1 ? 0 : p.vOff[k2]!;
    let delta =
      arc(p, o1, p1, b0) + arc(p, o1, bL, n1) - arc(p, o1, p1, a0) - arc(p, o1, aL, n1) +
      arc(p, o2, p2, a0) + arc(p, o2, aL, n2) - arc(p, o2, p2, b0) - arc(p, o2, bL, n2) +
      asg;
    // Another travel profile: the arcs inside the exchanged segments change cost too.
    if (o2 !== o1) delta += innerArcs(p, o2, A, a) - innerArcs(p, o1, A, a) + innerArcs(p, o1, B, b) - innerArcs(p, o2, B, b);
    if (delta >= -1e-9) return 0;
    const t1 = simSeq(p, k1, B, b, p1, prevDepOf(sol, k1, i));
    if (!(t1 + p.time[o1 + bL * p.nLoc + n1]! <= sol.L[k1 * s + i + a]! - EPS)) return 0;
    const t2 = simSeq(p, k2, A, a, p2, prevDepOf(sol, k2, j));
    if (!(t2 + p.time[o2 + aL * p.nLoc + n2]! <= sol.L[k2 * s + j + b]! - EPS)) return 0;
    this.mk1 = k1;
    this.mk2 = k2;
    this.mi = i;
    this.mj = j;
    this.mLenA = a;
    this.mLenB = b;
    for (let q = 0; q < a; q++) this.mA[q] = A[q]!;
    for (let q = 0; q < b; q++) this.mB[q] = B[q]!;
    return delta;
  }
  apply(sol: WorkingSolution): void {
    if (this.mk1 < 0) return;
    // A goes after B in k2, then B takes A's place in k1.
    for (let q = 0; q < this.mLenA; q++) sol.relocate(this.mA[q]!, this.mk2, this.mj + this.mLenB + q);
    for (let q = 0; q < this.mLenB; q++) sol.relocate(this.mB[q]!, this.mk1, this.mi + q);
    this.mk1 = -1;
  }
}
