/**
 * Arc prices of local-search moves ({@link ArcPrices}): the change of travel, per-visit, fixed,
 * pair and route-change costs a move makes, which is its whole price when costs do not depend on
 * times; and the slack by which time-dependent costs could lower it.
 */
import { PairTally } from './pair-tally.js';
import type { Problem } from './problem.js';
import { changeCost, changeDelta, referencesIn } from './route-change.js';
import type { WorkingSolution } from './solution.js';

const EPS = 1e-9;

/** True when vehicle k's route cost is its arcs, per-visit and fixed costs (no time-dependent costs, no break at the base). */
export function timeFree(p: Problem, k: number): boolean {
  return !p.timed && !(p.breakDuration[k]! > 0 && p.breakAtBase[k] === 1);
}

/**
 * The part of route k's cost that depends on times: detours to the base for the break, tardiness
 * and (as a share of the solution's largest tardiness) its own largest tardiness. A change of the
 * route (a move, an insertion: the break or the starts may move) cannot lower it by more than it is
 * (each part is ≥ 0 on metric travel), so arc prices minus it bound the price from below.
 */
export function timeSlack(p: Problem, k: number, sol: WorkingSolution): number {
  const r = sol.routes[k]!;
  if (r.len === 0 || timeFree(p, k)) return 0;
  const s = r.cost - r.arcBefore[r.len]! - r.assign - p.fixedCost[k]! - changeCost(p, k, r.len, r.refIn);
  return (s > 0 ? s : 0) + p.wMaxTard * r.maxTardiness;
}

/** Arc prices of moves: legs on a vehicle's travel profile, who does which visit, and which routes change their set of visits. */
export class ArcPrices {
  private readonly p: Problem;
  private readonly pairs: PairTally;
  private readonly total = (index: number): number => this.sol.pairTotal(index);
  private assign = 0;

  /** The arc price of the move offered last (tests compare it with the pricer's). */
  last = NaN;
  /** Whether who does a visit changes costs at all (per-visit or pair costs exist). */
  private readonly priced: boolean;
  /** Whether routes may cost their change (see route-change.ts). */
  private readonly changes: boolean;
  /**
   * True when moving visits between routes changes no per-visit, pair or route-change cost:
   * {@link collected} is then 0 and operators skip collecting (the plain problems' hot loop).
   */
  readonly free: boolean;
  /** Whether some route's cost depends on times (else every slack is 0). */
  private readonly anyTimed: boolean;
  /** Route-change tally since {@link reset}: up to two routes, their change of visits and of reference visits. */
  private readonly chRoute = new Int32Array(2);
  private readonly chN = new Int32Array(2);
  private readonly chM = new Int32Array(2);

  // Hot fields, read on every leg.
  private readonly dist: Float64Array;
  private readonly time: Float64Array;
  private readonly offset: Int32Array;
  private readonly nLoc: number;
  private readonly wD: number;
  private readonly wT: number;

  constructor(readonly sol: WorkingSolution) {
    this.p = sol.p;
    this.priced = sol.p.assignCost !== null || sol.p.nOwners > 0;
    this.changes = sol.p.routeChangeActive;
    this.free = !this.priced && !this.changes;
    let timed = false;
    for (let k = 0; k < sol.p.nVehicles && !timed; k++) timed = !timeFree(sol.p, k);
    this.anyTimed = timed;
    this.dist = sol.p.dist;
    this.time = sol.p.time;
    this.offset = sol.p.travelOffset;
    this.nLoc = sol.p.nLoc;
    this.wD = sol.p.wDist;
    this.wT = sol.p.wTime;
    this.pairs = new PairTally(sol.p);
  }

  /** True when route k's cost is its arcs, per-visit and fixed costs (no soft windows, no break at the base). */
  timeFree(k: number): boolean {
    return timeFree(this.p, k);
  }

  /** Weighted cost of the leg from location a to b for vehicle k. */
  arc(k: number, a: number, b: number): number {
    const q = this.offset[k]! + a * this.nLoc + b;
    return this.wT === 0 ? this.wD * this.dist[q]! : this.wD * this.dist[q]! + this.wT * this.time[q]!;
  }

  /** Location before position pos of route k (the start for 0). */
  before(k: number, pos: number): number {
    return pos > 0 ? this.sol.routes[k]!.locs[pos - 1]! : this.p.startLoc[k]!;
  }

  /** Location at position pos of route k (its end location at the end). */
  at(k: number, pos: number): number {
    return this.sol.routes[k]!.locs[pos]!;
  }

  /** Legs inside visits [from, to) of route r when vehicle k drives them. */
  inner(r: number, from: number, to: number, k: number): number {
    if (to - from < 2) return 0;
    const R = this.sol.routes[r]!;
    if (this.p.travelOffset[r] === this.p.travelOffset[k]) return R.arcBefore[to - 1]! - R.arcBefore[from]!;
    let c = 0;
    for (let x = from + 1; x < to; x++) c += this.arc(k, this.p.visitLoc[R.nodes[x - 1]!]!, this.p.visitLoc[R.nodes[x]!]!);
    return c;
  }

  /** Change of the legs inside visits [from, to) of route r when vehicle k drives them instead (0 on one travel profile). */
  transfer(r: number, from: number, to: number, k: number): number {
    return to - from < 2 || this.offset[r] === this.offset[k] ? 0 : this.inner(r, from, to, k) - this.inner(r, from, to, r);
  }

  /** Starts collecting per-visit, pair and route-change changes. */
  reset(): void {
    this.pairs.reset();
    this.assign = 0;
    this.chRoute[0] = -1;
    this.chRoute[1] = -1;
  }

  /** Visit v moves from vehicle `from` to vehicle `to`. */
  move(v: number, from: number, to: number): void {
    if (from === to) return;
    if (this.changes) {
      const ref = this.p.referenceVehicle[v]!;
      this.noteChange(from, -1, ref === from ? -1 : 0);
      this.noteChange(to, 1, ref === to ? 1 : 0);
    }
    this.movePriced(v, from, to);
  }

  /** The per-visit and pair part of {@link move}. */
  private movePriced(v: number, from: number, to: number): void {
    if (!this.priced) return;
    const p = this.p;
    if (p.assignCost) this.assign += p.assignCost[v * p.nVehicles + to]! - p.assignCost[v * p.nVehicles + from]!;
    if (p.nOwners === 0 || p.vehicleOwner[from] === p.vehicleOwner[to]) return;
    this.pairs.note(this.sol.pairIndex(v, from), -1);
    this.pairs.note(this.sol.pairIndex(v, to), 1);
  }

  /** Visits [from, to) of route r move to vehicle k. */
  moveAll(r: number, from: number, to: number, k: number): void {
    if (r === k || to <= from) return;
    const R = this.sol.routes[r]!;
    if (this.changes) {
      this.noteChange(r, from - to, -referencesIn(this.p, R, r, from, to, r));
      this.noteChange(k, to - from, referencesIn(this.p, R, r, from, to, k));
    }
    if (!this.priced) return;
    const nodes = R.nodes;
    for (let x = from; x < to; x++) this.movePriced(nodes[x]!, r, k);
  }

  /** Route k gains `dn` visits, `dm` of them from its reference (negative: loses). */
  private noteChange(k: number, dn: number, dm: number): void {
    const i = this.chRoute[0] === k || this.chRoute[0] < 0 ? 0 : 1;
    if (this.chRoute[i] !== k) {
      this.chRoute[i] = k;
      this.chN[i] = 0;
      this.chM[i] = 0;
    }
    this.chN[i] += dn;
    this.chM[i] += dm;
  }

  /** The per-visit, pair and route-change costs collected since {@link reset}. */
  collected(): number {
    let c = this.assign + this.pairs.price(this.total);
    for (let i = 0; i < 2; i++) {
      const k = this.chRoute[i]!;
      if (k >= 0) c += changeDelta(this.p, k, this.sol.routes[k]!, this.chN[i]!, this.chM[i]!);
    }
    return c;
  }

  /** Route k's {@link timeSlack}. */
  slack(k: number): number {
    return this.timeFree(k) ? 0 : timeSlack(this.p, k, this.sol);
  }

  /**
   * Whether a move of arc price `d` between routes k1 and k2 may improve: its price is at least
   * `d` minus the routes' time-dependent costs (exactly `d` when there are none).
   */
  worth(d: number, k1: number, k2: number): boolean {
    this.last = d;
    if (!this.anyTimed) return d < -EPS;
    return d - this.slack(k1) - (k2 === k1 ? 0 : this.slack(k2)) < -EPS;
  }
}
