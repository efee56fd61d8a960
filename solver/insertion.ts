/**
 * Cheapest insertion of a visit, priced exactly by the schedule model (through the {@link Pricer}).
 * Candidate routes are tried in order of a lower bound on their price — the per-visit and pair
 * costs of the vehicle, its fixed cost when empty, the change of its route-change cost (exact, and
 * negative when v completes the route's reference), less the route's time-dependent costs
 * (tardiness, the break's detour to the base: inserting v may lower them when the break or the
 * starts move); a position's plain detour adds to that — and the search stops once
 * the bound reaches the best price found (exact when detours are never negative, as with metric
 * travel). Positions whose plain detour alone already costs more are skipped the same way. On a
 * plain vehicle with nothing linked a position is checked in O(1) (the earliest start after the
 * cached prefix, the rest's latest arrival) and priced as bound + detour, exactly. Only
 * one empty vehicle per vehicle class is tried. Linked pairs that must start together (double
 * staffing) can be inserted as a pair at a common minute ({@link Inserter.bestPair}).
 */
import { timeSlack } from './arc-prices.js';
import { pairPrice, type Problem } from './problem.js';
import { changeDelta } from './route-change.js';
import { Proposal, type Pricer } from './proposal.js';
import { A_TIME, ROW } from './route.js';
import type { Rng } from './rng.js';
import type { WorkingSolution } from './solution.js';
import { earliestStart } from './windows.js';

/** Tainted candidates (partners would move) confirmed by a trial commit per insertion, at most. */
const MAX_TRIALS = 6;
/** Arrivals this close to a latest-arrival bound are left to the schedule model (rounding). */
const TOL = 1e-6;

/** Finds and commits cheapest insertions. */
export class Inserter {
  /** Result of the last {@link best}: route, position and price (soft-cost delta). */
  bestRoute = -1;
  bestPos = -1;
  bestDelta = Infinity;
  private readonly p: Problem;
  private readonly prop = new Proposal();
  private order: Int32Array;
  private bound: Float64Array;
  private readonly classSeen: Int32Array;
  private stamp = 0;
  private readonly lazyRoute = new Int32Array(64);
  private readonly lazyPos = new Int32Array(64);
  private readonly lazyDelta = new Float64Array(64);
  private nLazy = 0;
  /** Vehicles that may not take the visit being placed (the pair's first half's vehicle), or -1. */
  private exclude = -1;

  constructor(
    readonly sol: WorkingSolution,
    readonly pricer: Pricer,
  ) {
    this.p = sol.p;
    this.order = new Int32Array(this.p.nVehicles);
    this.bound = new Float64Array(this.p.nVehicles);
    this.classSeen = new Int32Array(this.p.nVehicles);
  }

  /**
   * The cheapest feasible insertion of unassigned visit v (each position skipped with probability
   * `blink`, SISR's blinks); sets {@link bestRoute}/{@link bestPos} and returns the price, Infinity
   * when it fits nowhere. With `pin`, v's start must lie in [pinLo, pinHi].
   */
  best(v: number, blink: number, rng: Rng, pinLo = -Infinity, pinHi = Infinity): number {
    const p = this.p;
    const sol = this.sol;
    const nK = p.nVehicles;
    this.bestRoute = -1;
    this.bestPos = -1;
    this.bestDelta = Infinity;
    this.nLazy = 0;
    this.stamp++;
    // Candidate vehicles with their lower bounds, cheapest first.
    let n = 0;
    for (let k = 0; k < nK; k++) {
      if (!p.compat[v * nK + k] || k === this.exclude) continue;
      const r = sol.routes[k]!;
      if (r.cost === Infinity || r.load + p.demand[v]! > p.capacity[k]! + 1e-9) continue;
      if (r.len === 0) {
        const c = p.vehicleClass[k]!;
        if (this.classSeen[c] === this.stamp) continue;
        this.classSeen[c] = this.stamp;
      }
      // The price includes an optional visit's penalty saved; so must the bound.
      let lb = (p.assignCost ? p.assignCost[v * nK + k]! : 0) + (r.len === 0 ? p.fixedCost[k]! : 0) - (p.level[v]! < 0 ? p.optionalPenalty[v]! : 0);
      const pi = sol.pairIndex(v, k);
      if (pi >= 0) lb += pairPrice(p, sol.pairTotal(pi));
      // The route-change part is exact here (it depends on which visits, not where): it may be
      // negative (v is the reference's last missing visit), and the bound stays a lower bound.
      lb += changeDelta(p, k, r, 1, p.referenceVehicle[v] === k ? 1 : 0);
      // Tardiness and the break's detour to the base may fall when v moves the break or the starts.
      this.bound[k] = lb - timeSlack(p, k, sol);
      this.order[n++] = k;
    }
    const bound = this.bound;
    const cands = this.order.subarray(0, n);
    cands.sort((a, b) => bound[a]! - bound[b]! || a - b);
    const prop = this.prop;
    const wD = p.wDist;
    const wT = p.wTime;
    const vl = p.visitLoc[v]!;
    const nLoc = p.nLoc;
    const pinned = pinLo > -Infinity || pinHi < Infinity;
    const vLinked = p.linkFirst[v + 1]! > p.linkFirst[v]!;
    for (let c = 0; c < n; c++) {
      const k = cands[c]!;
      const lb = bound[k]!;
      if (lb >= this.bestDelta) break;
      const r = sol.routes[k]!;
      const o = p.travelOffset[k]!;
      // Plain vehicle, nothing linked: a position is feasible exactly when v, served at its earliest
      // start after the committed prefix, lets the vehicle reach the rest by its latest arrival;
      // its price is then the bound plus the detour (no time-dependent costs, no break).
      const plain = !pinned && !vLinked && p.plainVehicle[k] === 1 && r.linkedAfter[0] === 0;
      const dv = p.duration[v * nK + k]!;
      let prev = p.startLoc[k]!;
      for (let pos = 0; pos <= r.len; pos++) {
        const next = pos < r.len ? p.visitLoc[r.nodes[pos]!]! : p.endLoc[k]!;
        const from = prev;
        prev = next;
        if (blink > 0 && rng.next() < blink) continue;
        // The arcs change by exactly the plain detour (the slack in the bound covers the rest).
        const a = o + from * nLoc;
        const b = o + vl * nLoc;
        let detour = wD * (p.dist[a + vl]! + p.dist[b + next]! - p.dist[a + next]!);
        if (wT !== 0) detour += wT * (p.time[a + vl]! + p.time[b + next]! - p.time[a + next]!);
        if (lb + detour >= this.bestDelta) continue;
        if (plain) {
          const s = earliestStart(p, v, r.rows[pos * ROW + A_TIME]! + p.time[a + vl]!);
          if (s === Infinity) continue;
          const arrive = s + dv + p.time[b + next]!;
          const latest = r.latest[pos]!;
          if (arrive > latest + TOL) continue;
          // Within rounding of the bound the schedule model decides.
          if (arrive <= latest - TOL) {
            this.bestDelta = lb + detour;
            this.bestRoute = k;
            this.bestPos = pos;
            continue;
          }
        }
        prop.clear().route(k).take(k, 0, pos).visit(v).take(k, pos, r.len);
        if (pinned) prop.pin(v, pinLo, pinHi);
        const d = this.pricer.price(prop, true);
        if (!(d < this.bestDelta)) continue;
        if (this.pricer.needsTrial && !pinned) {
          this.noteLazy(k, pos, d);
          continue;
        }
        // A pinned half takes its scan price: the pair's one (guarded) commit decides.
        this.bestDelta = d;
        this.bestRoute = k;
        this.bestPos = pos;
      }
    }
    this.confirmLazy(v, pinLo, pinHi);
    return this.bestDelta;
  }

  /** The cheapest insertion of v into a route other than k (regret insertion's second choice). */
  secondBest(v: number, k: number, rng: Rng): number {
    this.exclude = k;
    const d = this.best(v, 0, rng);
    this.exclude = -1;
    return d;
  }

  /** Commits the insertion {@link best} found. Returns whether the solution keeps every rule. */
  commitBest(v: number): boolean {
    // Guarded: the price is exact, so a failure does not happen; should it, nothing changes.
    return this.sol.guarded(() => this.sol.insert(v, this.bestRoute, this.bestPos));
  }

  /**
   * Best joint insertion of a linked pair that must start `gap` apart on two vehicles (double
   * staffing: gap 0): over candidate minutes for a's start, a pinned there and b pinned `gap` later
   * on another vehicle. Commits the best pair and returns whether it placed both.
   */
  bestPair(a: number, b: number, gap: number, rng: Rng): boolean {
    const p = this.p;
    const times = this.candidateTimes(a, b, gap, rng);
    let best = Infinity;
    let ka = -1;
    let pa = -1;
    let kb = -1;
    let pb = -1;
    let bestT = 0;
    for (const t of times) {
      const da = this.best(a, 0, rng, t, t);
      if (!(da < best)) continue;
      const k1 = this.bestRoute;
      const p1 = this.bestPos;
      this.exclude = k1;
      const db = this.best(b, 0, rng, t + gap, t + gap);
      this.exclude = -1;
      if (da + db < best) {
        best = da + db;
        bestT = t;
        ka = k1;
        pa = p1;
        kb = this.bestRoute;
        pb = this.bestPos;
      }
    }
    if (ka < 0) return false;
    // One commit for both halves, each route's break where its pinned price put it: the link
    // then times them together (an earlier common minute when both can start sooner).
    const breakA = this.breakOf(a, ka, pa, bestT);
    const breakB = this.breakOf(b, kb, pb, bestT + gap);
    const prop = this.prop.clear();
    const ra = this.sol.routes[ka]!;
    const rb = this.sol.routes[kb]!;
    prop.route(ka).take(ka, 0, pa).visit(a).take(ka, pa, ra.len);
    prop.route(kb).take(kb, 0, pb).visit(b).take(kb, pb, rb.len);
    prop.breakPos[0] = breakA;
    prop.breakPos[1] = breakB;
    void p;
    // The halves were priced apart (each at the pinned minute): the pair's commit decides (guarded).
    return this.pricer.commit(prop, true);
  }

  /** The break position the schedule model gives route k with v inserted at pos and pinned to t (-1: none). */
  private breakOf(v: number, k: number, pos: number, t: number): number {
    const prop = this.prop.clear().route(k).take(k, 0, pos).visit(v).take(k, pos, this.sol.routes[k]!.len).pin(v, t, t);
    return this.pricer.price(prop, true) < Infinity ? prop.breakPos[0]! : -1;
  }

  /** Minutes to try for a pair's first start: its window starts and steps through the windows. */
  private candidateTimes(a: number, b: number, gap: number, _rng: Rng): number[] {
    const p = this.p;
    const out: number[] = [];
    // Unbounded windows are cut to the shifts of the vehicles that may do a.
    let first = Infinity;
    let last = -Infinity;
    for (let k = 0; k < p.nVehicles; k++) {
      if (!p.compat[a * p.nVehicles + k]) continue;
      first = Math.min(first, p.shiftStart[k]!);
      last = Math.max(last, p.shiftEnd[k]!);
    }
    for (let w = p.windowFirst[a]!; w < p.windowFirst[a + 1]!; w++) {
      const s = Math.max(p.windowStart[w]!, minWindowStart(p, b) - gap, first);
      const e = Math.min(p.windowEnd[w]!, maxWindowEnd(p, b) - gap, last);
      if (!(s <= e)) continue;
      const step = Math.max(5, Math.ceil((e - s) / 12));
      for (let t = s; t <= e; t += step) out.push(t);
      if (out[out.length - 1] !== e) out.push(e);
    }
    return out;
  }

  private noteLazy(k: number, pos: number, d: number): void {
    if (this.nLazy < this.lazyRoute.length) {
      this.lazyRoute[this.nLazy] = k;
      this.lazyPos[this.nLazy] = pos;
      this.lazyDelta[this.nLazy++] = d;
    }
  }

  /** Confirms the cheapest tainted candidates by trial commits (their scan price is a lower bound). */
  private confirmLazy(v: number, pinLo: number, pinHi: number): void {
    if (this.nLazy === 0) return;
    const idx = Array.from({ length: this.nLazy }, (_, i) => i).filter((i) => this.lazyDelta[i]! < this.bestDelta);
    idx.sort((x, y) => this.lazyDelta[x]! - this.lazyDelta[y]! || x - y);
    let trials = 0;
    for (const i of idx) {
      if (!(this.lazyDelta[i]! < this.bestDelta) || trials++ >= MAX_TRIALS) break;
      const k = this.lazyRoute[i]!;
      const pos = this.lazyPos[i]!;
      const prop = this.prop.clear().route(k).take(k, 0, pos).visit(v).take(k, pos, this.sol.routes[k]!.len);
      if (pinLo > -Infinity || pinHi < Infinity) prop.pin(v, pinLo, pinHi);
      const d = this.pricer.confirm(prop);
      if (d < this.bestDelta) {
        this.bestDelta = d;
        this.bestRoute = k;
        this.bestPos = pos;
      }
    }
  }
}

function minWindowStart(p: Problem, v: number): number {
  return p.windowStart[p.windowFirst[v]!]!;
}

function maxWindowEnd(p: Problem, v: number): number {
  return p.windowEnd[p.windowFirst[v + 1]! - 1]!;
}
