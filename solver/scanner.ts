/**
 * The earliest-finish pass of the schedule model (see schedule.ts for the rules): tracks A (break
 * not yet taken), B (taken at a position ≥ 1) and Z (taken before leaving), advanced visit by visit.
 */
import type { Problem } from './problem.js';
import { A_MAX, A_TAINT, A_TARD, A_TIME, A_TRAVEL, B_MAX, B_POS, B_TAINT, B_TARD, B_TIME, B_TRAVEL, FIRST_START, ROW, Z_MAX, Z_TAINT, Z_TARD, Z_TIME, Z_TRAVEL, TRACK_A, TRACK_B, TRACK_Z, type Route } from './route.js';
import { NO_PARTNERS, PARTNER_AHEAD, PARTNER_MOVED, PARTNER_NONE, type PartnerView } from './partners.js';
import { earliestStart, tardinessAt } from './windows.js';

export { PARTNER_NONE, PARTNER_FIXED, PARTNER_AHEAD, PARTNER_MOVED, NO_PARTNERS, type PartnerView } from './partners.js';

const EPS = 1e-9;
/**
 * Travel costs closer than this tie (the break then stays where B had it): sums of the same legs
 * added in another order differ by rounding, and a cached rest must choose as a full scan does.
 */
const COST_TIE = 1e-7;

/**
 * The earliest-finish pass over a sequence of visits for one vehicle. Start it at the vehicle's
 * start ({@link start}) or resume it from a committed route's cached row ({@link resume}), feed
 * visits ({@link step}), then {@link finish} — or {@link merge} into the cached rest of a route
 * whose state it has reached. Reusable; allocation-free after warm-up.
 */
export class Scanner {
  // The vehicle.
  private k = 0;
  private o = 0;
  private hasBreak = false;
  private atBase = false;
  private breakEarliest = 0;
  private breakLatest = 0;
  private breakDuration = 0;
  private base = 0;
  // Tracks: ready time, travel cost, tardiness, max tardiness, taint (1 = a partner would move).
  aTime = 0;
  aTravel = 0;
  aTard = 0;
  aMax = 0;
  aTaint = 0;
  bTime = Infinity;
  bTravel = 0;
  bTard = 0;
  bMax = 0;
  bTaint = 0;
  bPos = 1;
  zTime = Infinity;
  zTravel = 0;
  zTard = 0;
  zMax = 0;
  zTaint = 0;
  firstStart = 0;
  /** Location of the first visit (for the departure that the working time counts from). */
  private firstLocation = 0;
  /** Location after the last scanned visit. */
  loc = 0;
  /** Visits scanned so far (the resumed prefix included). */
  n = 0;
  /** A partner's start was unknown (on another route the proposal changes): the result is not exact. */
  moved = false;
  /** The scan stepped a visit with links. */
  linkedSeen = false;
  // The resumed prefix (a committed route's first `prefixLen` visits) and the scan's own starts.
  private prefix: Route | null = null;
  private prefixIndex = -1;
  private prefixLen = 0;
  private ownA = new Float64Array(16);
  private ownB = new Float64Array(16);
  private ownZ = new Float64Array(16);
  private readonly seenStamp: Int32Array;
  private readonly seenPos: Int32Array;
  private stamp = 0;
  private view: PartnerView = NO_PARTNERS;
  // Results of finish / merge.
  /** Travel and weighted tardiness cost of the chosen path (no per-visit or fixed costs). */
  cost = 0;
  feasible = true;
  breakPos = -1;
  track = TRACK_A;
  taint = 0;
  tard = 0;
  max = 0;
  ret = 0;
  // Bounds of the visit being scanned.
  private loOut = -Infinity;
  private hiOut = Infinity;
  private loA = -Infinity;
  private loB = -Infinity;
  private loZ = -Infinity;
  private dead = false;
  /** A visit whose start must lie in [pinLo, pinHi] (pair insertion pins both halves to one minute). */
  pinVisit = -1;
  pinLo = -Infinity;
  pinHi = Infinity;
  private hardHi = Infinity;
  private breakLoc = 0;
  private breakTravel = 0;

  constructor(
    readonly p: Problem,
    private readonly routeOf: Int32Array,
    private readonly posOf: Int32Array,
  ) {
    this.seenStamp = new Int32Array(p.nVisits);
    this.seenPos = new Int32Array(p.nVisits);
  }

  private setVehicle(k: number, view: PartnerView): void {
    const p = this.p;
    this.k = k;
    this.o = p.travelOffset[k]!;
    this.hasBreak = p.breakDuration[k]! > 0;
    this.atBase = p.breakAtBase[k] === 1;
    this.breakEarliest = p.breakEarliest[k]!;
    this.breakLatest = p.breakLatest[k]!;
    this.breakDuration = p.breakDuration[k]!;
    this.base = p.endLoc[k]!;
    this.view = view;
    this.moved = false;
    this.linkedSeen = false;
    this.stamp++;
  }

  /** Starts a scan of vehicle k at its start location and shift start. */
  start(k: number, view: PartnerView): void {
    this.setVehicle(k, view);
    const p = this.p;
    this.aTime = p.shiftStart[k]!;
    this.aTravel = this.aTard = this.aMax = this.aTaint = 0;
    this.bTime = Infinity;
    this.bTravel = this.bTard = this.bMax = this.bTaint = 0;
    this.bPos = 1;
    this.zTime = Infinity;
    this.zTravel = this.zTard = this.zMax = this.zTaint = 0;
    this.firstStart = 0;
    this.loc = p.startLoc[k]!;
    this.n = 0;
    this.prefix = null;
    this.prefixIndex = -1;
    this.prefixLen = 0;
  }

  /**
   * Resumes from route `index` (vehicle k, committed as `route`) before its visit `row`: the scan
   * then holds exactly what a scan of the route's first `row` visits would (its cached row).
   */
  resume(k: number, route: Route, index: number, row: number, view: PartnerView): void {
    this.setVehicle(k, view);
    const r = route.rows;
    const q = row * ROW;
    this.aTime = r[q + A_TIME]!;
    this.aTravel = r[q + A_TRAVEL]!;
    this.aTard = r[q + A_TARD]!;
    this.aMax = r[q + A_MAX]!;
    this.aTaint = r[q + A_TAINT]!;
    this.bTime = r[q + B_TIME]!;
    this.bTravel = r[q + B_TRAVEL]!;
    this.bTard = r[q + B_TARD]!;
    this.bMax = r[q + B_MAX]!;
    this.bTaint = r[q + B_TAINT]!;
    this.bPos = r[q + B_POS]!;
    this.zTime = r[q + Z_TIME]!;
    this.zTravel = r[q + Z_TRAVEL]!;
    this.zTard = r[q + Z_TARD]!;
    this.zMax = r[q + Z_MAX]!;
    this.zTaint = r[q + Z_TAINT]!;
    this.firstStart = r[q + FIRST_START]!;
    this.firstLocation = row > 0 ? this.p.visitLoc[route.nodes[0]!]! : 0;
    this.loc = row > 0 ? this.p.visitLoc[route.nodes[row - 1]!]! : this.p.startLoc[k]!;
    this.n = row;
    this.prefix = route;
    this.prefixIndex = index;
    this.prefixLen = row;
  }

  /** Writes the tracks into row `row` of `rows` (for the route caches). */
  saveRow(rows: Float64Array, row: number): void {
    const q = row * ROW;
    rows[q + A_TIME] = this.aTime;
    rows[q + A_TRAVEL] = this.aTravel;
    rows[q + A_TARD] = this.aTard;
    rows[q + A_MAX] = this.aMax;
    rows[q + A_TAINT] = this.aTaint;
    rows[q + B_TIME] = this.bTime;
    rows[q + B_TRAVEL] = this.bTravel;
    rows[q + B_TARD] = this.bTard;
    rows[q + B_MAX] = this.bMax;
    rows[q + B_TAINT] = this.bTaint;
    rows[q + B_POS] = this.bPos;
    rows[q + Z_TIME] = this.zTime;
    rows[q + Z_TRAVEL] = this.zTravel;
    rows[q + Z_TARD] = this.zTard;
    rows[q + Z_MAX] = this.zMax;
    rows[q + Z_TAINT] = this.zTaint;
    rows[q + FIRST_START] = this.firstStart;
  }

  /** True when every track is dead (no schedule can follow). */
  get hopeless(): boolean {
    return this.aTime === Infinity && this.bTime === Infinity && this.zTime === Infinity;
  }

  /** Start of the visit at sequence position j on a track (B follows its path: A's before its break). */
  private startOn(track: number, j: number): number {
    if (track === TRACK_B && j < this.bPos) track = TRACK_A;
    const pre = this.prefix;
    if (pre !== null && j < this.prefixLen) return track === TRACK_A ? pre.startA[j]! : track === TRACK_B ? pre.startB[j]! : pre.startZ[j]!;
    return track === TRACK_A ? this.ownA[j]! : track === TRACK_B ? this.ownB[j]! : this.ownZ[j]!;
  }

  /** Sets the bounds of visit u from its links (loOut/hiOut from fixed partners, loA/B/Z from scanned ones). */
  private bounds(u: number): void {
    const p = this.p;
    this.loOut = this.loA = this.loB = this.loZ = -Infinity;
    this.hiOut = Infinity;
    this.dead = false;
    const l1 = p.linkFirst[u + 1]!;
    for (let q = p.linkFirst[u]!; q < l1; q++) {
      const l = p.visitLinks[q]!;
      const isA = p.linkA[l] === u;
      const w = isA ? p.linkB[l]! : p.linkA[l]!;
      let j = -1;
      if (this.prefix !== null && this.routeOf[w] === this.prefixIndex && this.posOf[w]! < this.prefixLen) j = this.posOf[w]!;
      else if (this.seenStamp[w] === this.stamp) j = this.seenPos[w]!;
      if (j >= 0) {
        // Scanned earlier in this route: only "b after a" links without another vehicle hold.
        if (isA || p.linkDifferent[l]) {
          this.dead = true;
          return;
        }
        const g = p.linkMin[l]!;
        const sa = this.startOn(TRACK_A, j) + g;
        if (sa > this.loA) this.loA = sa;
        if (this.hasBreak) {
          const sb = this.startOn(TRACK_B, j) + g;
          if (sb > this.loB) this.loB = sb;
          const sz = this.startOn(TRACK_Z, j) + g;
          if (sz > this.loZ) this.loZ = sz;
        }
        continue;
      }
      const where = this.view.locate(w);
      if (where === PARTNER_NONE) continue;
      if (where === PARTNER_AHEAD) {
        if (!isA || p.linkDifferent[l]) {
          this.dead = true;
          return;
        }
        continue;
      }
      if (where === PARTNER_MOVED) {
        this.moved = true;
        continue;
      }
      const s = this.view.startOf(w);
      const lo = isA ? s - p.linkMax[l]! : s + p.linkMin[l]!;
      const hi = isA ? s - p.linkMin[l]! : s + p.linkMax[l]!;
      if (lo > this.loOut) this.loOut = lo;
      if (hi < this.hiOut) this.hiOut = hi;
    }
  }

  /** Start of u when ready to arrive at `arr` with lower bound `lo` (Infinity: a window or a pin missed). */
  private serve(u: number, arr: number, lo: number): number {
    const s = earliestStart(this.p, u, arr > lo ? arr : lo);
    return s > this.hardHi ? Infinity : s;
  }

  /** Advances every track by visit u. */
  step(u: number): void {
    const p = this.p;
    const nLoc = p.nLoc;
    const k = this.k;
    const ul = p.visitLoc[u]!;
    const du = p.duration[u * p.nVehicles + k]!;
    const prev = this.loc;
    const leg = this.o + prev * nLoc + ul;
    const tt = p.time[leg]!;
    const lc = p.wDist * p.dist[leg]! + p.wTime * tt;
    if (p.linkFirst[u + 1]! > p.linkFirst[u]!) {
      this.linkedSeen = true;
      this.bounds(u);
    } else {
      this.loOut = this.loA = this.loB = this.loZ = -Infinity;
      this.hiOut = Infinity;
      this.dead = false;
    }
    this.hardHi = Infinity;
    if (u === this.pinVisit) {
      if (this.pinLo > this.loOut) this.loOut = this.pinLo;
      this.hardHi = this.pinHi;
    }
    const i = this.n;
    this.seenStamp[u] = this.stamp;
    this.seenPos[u] = i;
    if (i >= this.ownA.length) this.growOwn(i + 1);
    this.loc = ul;
    this.n = i + 1;
    if (this.dead) {
      this.aTime = this.bTime = this.zTime = Infinity;
      this.ownA[i] = this.ownB[i] = this.ownZ[i] = Infinity;
      return;
    }
    const soft = p.timed;
    const hi = this.hiOut + EPS;
    const loA = this.loOut > this.loA ? this.loOut : this.loA;
    if (this.hasBreak) {
      // "A takes the break now", then u: B's candidate (Z's before the first visit).
      let t2 = Infinity;
      let c2 = 0;
      let s2 = Infinity;
      const ready = this.breakFrom(prev);
      if (ready !== Infinity) {
        const q = this.o + this.breakLoc * nLoc + ul;
        s2 = this.serve(u, ready + p.time[q]!, loA);
        if (s2 !== Infinity) {
          t2 = s2 + du;
          c2 = this.breakTravel + p.wDist * p.dist[q]! + p.wTime * p.time[q]!;
        }
      }
      const td2 = soft && s2 !== Infinity ? tardinessAt(p, u, s2) : 0;
      if (i === 0) {
        this.zTime = t2;
        this.zTravel = c2;
        this.zTard = this.aTard + td2;
        this.zMax = td2 > this.aMax ? td2 : this.aMax;
        this.zTaint = this.aTaint | (s2 > hi && s2 !== Infinity ? 1 : 0);
        this.ownZ[i] = s2;
        this.ownB[i] = Infinity;
      } else {
        if (this.zTime !== Infinity) {
          const s = this.serve(u, this.zTime + tt, this.loOut > this.loZ ? this.loOut : this.loZ);
          this.ownZ[i] = s;
          if (s === Infinity) this.zTime = Infinity;
          else {
            this.zTime = s + du;
            this.zTravel += lc;
            const td = soft ? tardinessAt(p, u, s) : 0;
            this.zTard += td;
            if (td > this.zMax) this.zMax = td;
            if (s > hi) this.zTaint = 1;
          }
        } else this.ownZ[i] = Infinity;
        // B continues with u, unless the break now finishes u earlier.
        const s1 = this.bTime === Infinity ? Infinity : this.serve(u, this.bTime + tt, this.loOut > this.loB ? this.loOut : this.loB);
        const t1 = s1 === Infinity ? Infinity : s1 + du;
        const c1 = this.bTravel + lc;
        if (t2 < t1 || (t2 === t1 && t2 !== Infinity && c2 < c1 - COST_TIE)) {
          this.bTime = t2;
          this.bTravel = c2;
          this.bTard = this.aTard + td2;
          this.bMax = td2 > this.aMax ? td2 : this.aMax;
          this.bTaint = this.aTaint | (s2 > hi ? 1 : 0);
          this.bPos = i;
          this.ownB[i] = s2;
        } else {
          this.bTime = t1;
          this.bTravel = c1;
          this.ownB[i] = s1;
          if (t1 !== Infinity) {
            const td = soft ? tardinessAt(p, u, s1) : 0;
            this.bTard += td;
            if (td > this.bMax) this.bMax = td;
            if (s1 > hi) this.bTaint = 1;
          }
        }
        if (this.bTime <= this.zTime) this.zTime = Infinity;
      }
    }
    // A continues with u.
    const s = this.aTime === Infinity ? Infinity : this.serve(u, this.aTime + tt, loA);
    this.ownA[i] = s;
    if (i === 0) {
      this.firstStart = s;
      this.firstLocation = ul;
    }
    if (s === Infinity) this.aTime = Infinity;
    else {
      this.aTime = s + du;
      const td = soft ? tardinessAt(p, u, s) : 0;
      this.aTard += td;
      if (td > this.aMax) this.aMax = td;
      if (s > hi) this.aTaint = 1;
      // A is of no further use once it can no longer take the break, or (break in place) once B is ready no later.
      if (this.hasBreak && (this.aTime > this.breakLatest || (!this.atBase && this.bTime <= this.aTime))) this.aTime = Infinity;
    }
    this.aTravel += lc;
  }

  /**
   * Track A takes the break at location `from`: returns the ready time after it (Infinity when it
   * can no longer start in its window) and leaves the place (`breakLoc`) and the travel cost up to
   * it (`breakTravel`).
   */
  private breakFrom(from: number): number {
    const p = this.p;
    this.breakLoc = from;
    this.breakTravel = this.aTravel;
    if (!(this.aTime <= this.breakLatest)) return Infinity;
    let t = this.aTime;
    if (this.atBase && from !== this.base) {
      const q = this.o + from * p.nLoc + this.base;
      t += p.time[q]!;
      this.breakTravel += p.wDist * p.dist[q]! + p.wTime * p.time[q]!;
      this.breakLoc = this.base;
    }
    const bs = t > this.breakEarliest ? t : this.breakEarliest;
    return bs <= this.breakLatest ? bs + this.breakDuration : Infinity;
  }

  private growOwn(n: number): void {
    let cap = this.ownA.length;
    while (cap < n) cap *= 2;
    const grow = (a: Float64Array): Float64Array<ArrayBuffer> => {
      const b = new Float64Array(cap);
      b.set(a);
      return b;
    };
    this.ownA = grow(this.ownA);
    this.ownB = grow(this.ownB);
    this.ownZ = grow(this.ownZ);
  }

  /** Start of the scanned visit at position i on each track (for the route caches). */
  ownStarts(i: number, out: Route): void {
    out.startA[i] = this.ownA[i]!;
    out.startB[i] = this.ownB[i]!;
    out.startZ[i] = this.ownZ[i]!;
  }

  /** Ends the scan with the return to the end location; sets the results (cost, feasible, breakPos, …). */
  finish(): void {
    const p = this.p;
    const k = this.k;
    const nLoc = p.nLoc;
    const end = p.endLoc[k]!;
    const n = this.n;
    this.taint = 0;
    if (n === 0) {
      // An unused vehicle: no route, no break.
      this.cost = 0;
      this.feasible = true;
      this.breakPos = -1;
      this.track = TRACK_A;
      this.tard = this.max = 0;
      this.ret = p.shiftStart[k]!;
      return;
    }
    const qe = this.o + this.loc * nLoc + end;
    const leg = p.time[qe]!;
    const lc = p.wDist * p.dist[qe]! + p.wTime * leg;
    const depart = (): number => {
      const first = this.firstStart - p.time[this.o + p.startLoc[k]! * nLoc + this.firstLocation]!;
      return first > p.shiftStart[k]! ? first : p.shiftStart[k]!;
    };
    if (!this.hasBreak) {
      const ret = this.aTime + leg;
      this.ret = ret;
      this.feasible = ret <= p.shiftEnd[k]! && (p.maxWork[k] === Infinity || ret - depart() <= p.maxWork[k]! + EPS);
      this.setResult(TRACK_A, -1, this.aTravel + lc, this.aTard, this.aMax, this.aTaint);
      return;
    }
    // B returns directly, or A takes the break after the last visit.
    let retB = this.bTime + leg;
    let cB = this.bTravel + lc;
    let pos = this.bPos;
    const ready = this.breakFrom(this.loc);
    if (ready !== Infinity) {
      const q = this.o + this.breakLoc * nLoc + end;
      const ret2 = ready + p.time[q]!;
      const c2 = this.breakTravel + p.wDist * p.dist[q]! + p.wTime * p.time[q]!;
      if (ret2 < retB || (ret2 === retB && c2 < cB - COST_TIE)) {
        retB = ret2;
        cB = c2;
        pos = n;
        // The chosen path is A's up to the end.
        this.bTard = this.aTard;
        this.bMax = this.aMax;
        this.bTaint = this.aTaint;
      }
    }
    const okB = retB <= p.shiftEnd[k]! && (p.maxWork[k] === Infinity || retB - depart() <= p.maxWork[k]! + EPS);
    const retZ = this.zTime + leg;
    const okZ = retZ <= p.shiftEnd[k]! && retZ - p.shiftStart[k]! <= p.maxWork[k]! + EPS;
    if (okZ && (!okB || retZ < retB)) {
      this.ret = retZ;
      this.feasible = true;
      this.setResult(TRACK_Z, 0, this.zTravel + lc, this.zTard, this.zMax, this.zTaint);
    } else {
      this.ret = retB;
      this.feasible = okB;
      this.setResult(TRACK_B, pos, cB, this.bTard, this.bMax, this.bTaint);
    }
  }

  private setResult(track: number, pos: number, travel: number, tard: number, max: number, taint: number): void {
    this.track = track;
    this.breakPos = pos;
    this.tard = tard;
    this.max = max;
    this.taint = taint;
    this.cost = travel + this.p.wTard * tard;
  }

  /**
   * True when the scan has reached the state of `route` (same vehicle timing) before its visit j
   * with the same rest to come: every track's ready time equal and A's travel cost ahead of B's by
   * the same amount. The rest of the scan would then repeat the route's own choices.
   */
  canMerge(route: Route, j: number): boolean {
    const r = route.rows;
    const q = j * ROW;
    if (this.aTime !== r[q + A_TIME] || this.bTime !== r[q + B_TIME] || this.zTime !== r[q + Z_TIME]) return false;
    if (!this.hasBreak) return true;
    // The choices ahead compare A's travel cost with B's: the difference must be the route's own (up to the tie margin's rounding).
    if (this.aTravel !== Infinity && this.aTime !== Infinity && this.bTime !== Infinity && Math.abs(this.aTravel - this.bTravel - (r[q + A_TRAVEL]! - r[q + B_TRAVEL]!)) > COST_TIE / 8) return false;
    return true;
  }

  /** Finishes a scan that {@link canMerge} into `route` at j: the route's cached rest completes it. */
  merge(route: Route, j: number): void {
    const p = this.p;
    const track = route.trackAt[j]!;
    const travel = track === TRACK_A ? this.aTravel : track === TRACK_B ? this.bTravel : this.zTravel;
    const tard = track === TRACK_A ? this.aTard : track === TRACK_B ? this.bTard : this.zTard;
    const max = track === TRACK_A ? this.aMax : track === TRACK_B ? this.bMax : this.zMax;
    const taint = track === TRACK_A ? this.aTaint : track === TRACK_B ? this.bTaint : this.zTaint;
    const sufMax = route.sufMax[j]!;
    this.ret = route.scanRet;
    this.feasible = route.scanFeasible;
    // The working time depends on where the scan began; re-check it with this scan's departure.
    if (this.feasible && p.maxWork[this.k] !== Infinity && route.scanTrack !== TRACK_Z) {
      const first = this.firstStart - p.time[this.o + p.startLoc[this.k]! * p.nLoc + this.firstLocation]!;
      const dep = first > p.shiftStart[this.k]! ? first : p.shiftStart[this.k]!;
      this.feasible = this.ret - dep <= p.maxWork[this.k]! + EPS;
    }
    // A break in the rest keeps its place there (shifted by the visits this scan had before j);
    // one taken before j is where this scan's own track took it.
    const bp = route.scanBreakPos;
    const pos = bp < 0 ? -1 : bp >= j ? bp - j + this.n : track === TRACK_Z ? 0 : this.bPos;
    this.setResult(route.scanTrack, pos, travel + route.sufTravel[j]!, tard + route.sufTard[j]!, max > sufMax ? max : sufMax, taint | route.sufTaint[j]!);
  }
}

