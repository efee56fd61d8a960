/**
 * One route of the working solution: its visits in order, the committed schedule (break position,
 * start times, cost) and the cached schedule data that lets a proposal resume from any position
 * ({@link ./schedule.ts} writes all of it). Arrays grow on demand; a route owns its arrays, so
 * copying a route copies only what it holds.
 */

/** Values per row of {@link Route.rows}: the scan's three tracks before a position (see schedule.ts). */
export const ROW = 17;

/**
 * Field offsets in a row of {@link Route.rows}. Tracks: A = break not yet taken, B = taken at a
 * position ≥ 1 (BPOS says where), Z = taken before leaving the start. Per track: ready time
 * (Infinity = the track is dead), travel cost, tardiness, largest tardiness, taint (1 when a partner
 * on another route would have to move).
 */
export const A_TIME = 0;
export const A_TRAVEL = 1;
export const A_TARD = 2;
export const A_MAX = 3;
export const A_TAINT = 4;
export const B_TIME = 5;
export const B_TRAVEL = 6;
export const B_TARD = 7;
export const B_MAX = 8;
export const B_TAINT = 9;
export const B_POS = 10;
export const Z_TIME = 11;
export const Z_TRAVEL = 12;
export const Z_TARD = 13;
export const Z_MAX = 14;
export const Z_TAINT = 15;
/** Start of the route's first visit on track A (the departure for the working time follows from it). */
export const FIRST_START = 16;

/** Which track the scan's chosen path is in at a position (see {@link Route.trackAt}). */
export const TRACK_A = 0;
export const TRACK_B = 1;
export const TRACK_Z = 2;

/** A route and its schedule data. Fields are public for the engine's hot loops; only the engine writes them. */
export class Route {
  /** Visit ids in order, `nodes[0 .. len)`. */
  nodes: Int32Array;
  len = 0;
  /** Committed break position (break before visit i; len = after the last visit), -1 without a break. */
  breakPos = -1;
  /** Committed start of the visit at each position. */
  committed: Float64Array;
  /** Committed break start (NaN without a break). */
  breakStart = NaN;
  /** Committed return time at the end location. */
  ret = 0;
  /** Whether the committed timing keeps the route's rules (capacity aside). */
  timedFeasible = true;
  /** Committed cost: travel, tardiness, per-visit costs, the fixed cost when used, the route-change cost (Infinity when infeasible). */
  cost = 0;
  dist = 0;
  travelTime = 0;
  tardiness = 0;
  maxTardiness = 0;
  /** Σ per-(visit, vehicle) costs of the route's visits. */
  assign = 0;
  load = 0;
  /** Visits of the route in its vehicle's reference (see route-change.ts). */
  refIn = 0;

  // Cached data of the scan (break re-chosen under the partners' committed starts).
  /** Per position i = 0..len: the tracks before visit i (Field offsets, ROW values per row). */
  rows: Float64Array;
  /** Per position: the visit's start on each track (B's as computed when the visit was scanned). */
  startA: Float64Array;
  startB: Float64Array;
  startZ: Float64Array;
  /** Per position 0..len: latest arrival keeping the rest feasible without break, links or soft windows (a necessary bound; exact on plain vehicles when nothing after is linked). */
  latest: Float64Array;
  /** Per position 0..len, along the scan's chosen path: travel cost, tardiness, max tardiness and partner taint from the position on. */
  sufTravel: Float64Array;
  sufTard: Float64Array;
  sufMax: Float64Array;
  sufTaint: Uint8Array;
  /** Per position 0..len: the track the chosen path is in there. */
  trackAt: Uint8Array;
  /** Per position 0..len: Σ per-visit costs of the visits before it. */
  assignPrefix: Float64Array;
  /** Per position 0..len: load of the visits before it. */
  loadPrefix: Float64Array;
  /** Per position 0..len: visits before it in this vehicle's reference. */
  refPrefix: Int32Array;
  /** Per position 0..len: visits before it in another vehicle's reference. */
  foreignPrefix: Int32Array;
  /** Per position: travel cost of the legs from the start to that visit (no break detours); [len]: with the return. */
  arcBefore: Float64Array;
  /** Location of the visit at each position; [len] = the end location (moves read it on every leg). */
  locs: Int32Array;
  /** Per position 0..len: linked visits at or after it (any partner). */
  linkedAfter: Int32Array;
  /** Per position 0..len: links between two visits of this route, one before the position and one at or after it. */
  crossLink: Int32Array;
  /** The scan's own result: travel + tardiness cost, feasibility, return time, break position and final track. */
  scanCost = 0;
  scanFeasible = true;
  scanRet = 0;
  scanBreakPos = -1;
  scanTrack = TRACK_A;

  constructor(capacity = 8) {
    this.nodes = new Int32Array(capacity);
    this.committed = new Float64Array(capacity);
    this.rows = new Float64Array((capacity + 1) * ROW);
    this.startA = new Float64Array(capacity);
    this.startB = new Float64Array(capacity);
    this.startZ = new Float64Array(capacity);
    this.latest = new Float64Array(capacity + 1);
    this.sufTravel = new Float64Array(capacity + 1);
    this.sufTard = new Float64Array(capacity + 1);
    this.sufMax = new Float64Array(capacity + 1);
    this.sufTaint = new Uint8Array(capacity + 1);
    this.trackAt = new Uint8Array(capacity + 1);
    this.assignPrefix = new Float64Array(capacity + 1);
    this.loadPrefix = new Float64Array(capacity + 1);
    this.refPrefix = new Int32Array(capacity + 1);
    this.foreignPrefix = new Int32Array(capacity + 1);
    this.arcBefore = new Float64Array(capacity + 1);
    this.locs = new Int32Array(capacity + 1);
    this.linkedAfter = new Int32Array(capacity + 1);
    this.crossLink = new Int32Array(capacity + 1);
  }

  /** Room for `n` visits (arrays grow by doubling; contents up to `len` are kept). */
  reserve(n: number): void {
    if (n <= this.nodes.length) return;
    let cap = this.nodes.length;
    while (cap < n) cap *= 2;
    const grow = <T extends Float64Array | Int32Array | Uint8Array>(a: T, size: number): T => {
      const b = new (a.constructor as new (n: number) => T)(size);
      b.set(a.subarray(0, Math.min(a.length, size)));
      return b;
    };
    this.nodes = grow(this.nodes, cap);
    this.committed = grow(this.committed, cap);
    this.rows = grow(this.rows, (cap + 1) * ROW);
    this.startA = grow(this.startA, cap);
    this.startB = grow(this.startB, cap);
    this.startZ = grow(this.startZ, cap);
    this.latest = grow(this.latest, cap + 1);
    this.sufTravel = grow(this.sufTravel, cap + 1);
    this.sufTard = grow(this.sufTard, cap + 1);
    this.sufMax = grow(this.sufMax, cap + 1);
    this.sufTaint = grow(this.sufTaint, cap + 1);
    this.trackAt = grow(this.trackAt, cap + 1);
    this.assignPrefix = grow(this.assignPrefix, cap + 1);
    this.loadPrefix = grow(this.loadPrefix, cap + 1);
    this.refPrefix = grow(this.refPrefix, cap + 1);
    this.foreignPrefix = grow(this.foreignPrefix, cap + 1);
    this.arcBefore = grow(this.arcBefore, cap + 1);
    this.locs = grow(this.locs, cap + 1);
    this.linkedAfter = grow(this.linkedAfter, cap + 1);
    this.crossLink = grow(this.crossLink, cap + 1);
  }

  /**
   * Copies only the visits and the committed schedule of `r`, not the cached scan data (a dry run
   * of the working solution changes no caches, so undoing it needs no more).
   */
  copyScheduleFrom(r: Route): void {
    this.reserve(r.len);
    const n = r.len;
    this.len = n;
    this.nodes.set(r.nodes.subarray(0, n));
    this.committed.set(r.committed.subarray(0, n));
    this.breakPos = r.breakPos;
    this.breakStart = r.breakStart;
    this.ret = r.ret;
    this.timedFeasible = r.timedFeasible;
    this.cost = r.cost;
    this.dist = r.dist;
    this.travelTime = r.travelTime;
    this.tardiness = r.tardiness;
    this.maxTardiness = r.maxTardiness;
    this.assign = r.assign;
    this.load = r.load;
    this.refIn = r.refIn;
  }

  /** Makes this route a copy of `r` (same vehicle). */
  copyFrom(r: Route): void {
    this.copyScheduleFrom(r);
    const n = r.len;
    this.rows.set(r.rows.subarray(0, (n + 1) * ROW));
    this.startA.set(r.startA.subarray(0, n));
    this.startB.set(r.startB.subarray(0, n));
    this.startZ.set(r.startZ.subarray(0, n));
    this.latest.set(r.latest.subarray(0, n + 1));
    this.sufTravel.set(r.sufTravel.subarray(0, n + 1));
    this.sufTard.set(r.sufTard.subarray(0, n + 1));
    this.sufMax.set(r.sufMax.subarray(0, n + 1));
    this.sufTaint.set(r.sufTaint.subarray(0, n + 1));
    this.trackAt.set(r.trackAt.subarray(0, n + 1));
    this.assignPrefix.set(r.assignPrefix.subarray(0, n + 1));
    this.loadPrefix.set(r.loadPrefix.subarray(0, n + 1));
    this.refPrefix.set(r.refPrefix.subarray(0, n + 1));
    this.foreignPrefix.set(r.foreignPrefix.subarray(0, n + 1));
    this.arcBefore.set(r.arcBefore.subarray(0, n + 1));
    this.locs.set(r.locs.subarray(0, n + 1));
    this.linkedAfter.set(r.linkedAfter.subarray(0, n + 1));
    this.crossLink.set(r.crossLink.subarray(0, n + 1));
    this.scanCost = r.scanCost;
    this.scanFeasible = r.scanFeasible;
    this.scanRet = r.scanRet;
    this.scanBreakPos = r.scanBreakPos;
    this.scanTrack = r.scanTrack;
  }
}
