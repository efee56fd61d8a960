/**
 * The search's private, mutable working solution. Routes are stored in flat typed arrays
 * (one fixed-stride slot per vehicle); per-position schedule data allows constant-time insertion
 * checks when the problem is `simple` (hard windows only): `E[i]` = earliest service start of the
 * visit at position i, `L[i]` = latest arrival at position i that keeps the rest of the route
 * feasible (`L[len]` = latest arrival at the end location).
 *
 * Other problems (soft windows, breaks, working-time limits, links) are evaluated by simulating the
 * changed route; when links tie routes together and a change would move a partner visit, the whole
 * schedule is recomputed (least fixed point, as in the evaluator).
 */
import { earliestStart, tardinessAt, type Problem } from './problem.js';
import type { Rng } from './rng.js';

const EPS = 1e-7;
/** Values per state in {@link WorkingSolution}'s simRoute prefix cache. */
const SPX = 10;

/** A mutable solution with incremental bookkeeping. */
export class WorkingSolution {
  readonly p: Problem;
  readonly stride: number;
  /** Visit ids per route: route k occupies `nodes[k*stride .. k*stride+len[k])`. */
  readonly nodes: Int32Array;
  readonly len: Int32Array;
  readonly routeOf: Int32Array;
  readonly posOf: Int32Array;
  /** Fast path: earliest start at position; general path: unused. */
  readonly E: Float64Array;
  /** Fast path: latest feasible arrival at position (index len = end location). */
  readonly L: Float64Array;
  /** Fast path: departure time (start + duration) at position. */
  readonly D: Float64Array;
  /** Fast path: location of the visit at position. */
  readonly locAt: Int32Array;
  /** Fast path: load up to and including position. */
  readonly cum: Float64Array;
  private readonly tmpNodes: Int32Array;
  /** Start time per visit (general path; filled on demand for the fast path by {@link starts}). */
  readonly start: Float64Array;
  readonly load: Float64Array;
  /** Route cost without the max-tardiness term (Infinity when the route is infeasible). */
  readonly rCost: Float64Array;
  readonly rDist: Float64Array;
  readonly rTard: Float64Array;
  readonly rMax: Float64Array;
  /** Sum of unassigned penalties. */
  unassignedPenalty = 0;
  /** Visits removed by the last ruin and not yet reinserted. */
  readonly removed: Int32Array;
  nRemoved = 0;
  /** Routes changed since the last {@link clearDirty}. */
  readonly dirty: Uint8Array;
  readonly dirtyList: Int32Array;
  nDirty = 0;
  /** Vehicles with identical data share a class; only one empty vehicle per class is tried. */
  readonly vClass: Int32Array;
  private readonly classStamp: Int32Array;
  private stamp = 0;
  /**
   * Per vehicle, its travel profile's matrices: views of `p.time` / `p.dist` starting at
   * `p.vOff[k]` (so `timeK[k][a * nLoc + b]` is `p.time[p.vOff[k] + a * nLoc + b]`); with one
   * profile the arrays themselves, so the hot loops index exactly as before profiles existed.
   */
  readonly timeK: Float64Array[];
  readonly distK: Float64Array[];
  /** Result of {@link bestInsertion}. */
  bestRoute = -1;
  bestPos = -1;
  // Scratch for the general path.
  private readonly lb: Float64Array;
  /** Link lower bounds of the committed schedule. */
  private readonly clb: Float64Array;
  private readonly oldStart: Float64Array;
  private readonly queue: Int32Array;
  private readonly inQueue: Uint8Array;
  private readonly tmpStart: Float64Array;
  private readonly tmpRCost: Float64Array;
  private readonly tmpRMax: Float64Array;
  private readonly tmpRDist: Float64Array;
  private readonly tmpRTard: Float64Array;
  /**
   * Prefix states of {@link breakPos} during one {@link bestInsertion} (committed starts, and so the
   * local link bounds, do not change there): for route `pfxK`, the pass's state before visit i of
   * the route without the candidate, i = 0..pfxN; a candidate at pos resumes from state pos.
   * `pfxExitAt`: the pass ended while handling visit pfxExitAt (< every later pos) with `pfxExitVal`.
   */
  private pfxOn = false;
  private pfxK = -1;
  private pfxN = 0;
  private pfxExitAt = 0;
  private pfxExitVal = 0;
  private readonly pfxTA: Float64Array;
  private readonly pfxCA: Float64Array;
  private readonly pfxTB: Float64Array;
  private readonly pfxCB: Float64Array;
  private readonly pfxPosB: Int32Array;
  private readonly pfxTZ: Float64Array;
  private readonly pfxFirst: Float64Array;
  /**
   * The same for {@link simRoute}'s pass: route `spxK`'s break-free states before visit i of the
   * route without the candidate (i = 0..spxN; SPX values each: time, location, distance, travel
   * time, tardiness, max tardiness, extra cost, first start, first location, needGlobal), valid
   * for candidates at pos with the break at or after i; the pass fails at visit `spxFailAt`.
   */
  private spxK = -1;
  private spxN = 0;
  private spxFailAt = 0;
  private readonly spx: Float64Array;
  // Saved state of {@link exactDelta}.
  private readonly tmpClb: Float64Array;
  private readonly tmpLoad: Float64Array;
  private readonly tmpComp: Int32Array;
  private simTard = 0;
  private simMax = 0;
  private simDist = 0;
  /** The last {@link simRoute} found a missed window (as opposed to another fault). */
  private simMiss = false;
  /** {@link breakPos}'s fallback position when it returns -1 (the evaluator's choice then). */
  private bpFallback = 0;
  /** Travel cost up to the arrival {@link viaBreak} returned. */
  private bpCost = 0;
  private needGlobal = false;
  private readonly linked: boolean;
  /**
   * Links and breaks together: start times are then not monotone in the link bounds (a delay can
   * move a break into waiting time and so make later visits earlier, or a missed window reachable),
   * so the incremental propagation from the committed schedule and the evaluator's iteration from
   * scratch can end in different schedules. Commits then replay the evaluator's iteration exactly
   * ({@link scheduleExact}); candidate checks stay incremental and a commit may reject them.
   */
  private readonly exact: boolean;
  /** Routes of the last {@link scheduleExact} (a closed set under links). */
  private readonly comp: Int32Array;
  private nComp = 0;
  private readonly inComp: Uint8Array;
  private readonly active: Uint8Array;
  /** {@link scheduleExact}: 1 when the route's last simulation found it infeasible. */
  private readonly bad: Uint8Array;
  /** Whether the committed linked schedule is feasible (incremental updates start from it). */
  private scheduleOk = true;

  constructor(p: Problem) {
    this.p = p;
    const nK = p.nVehicles;
    const nV = p.nVisits;
    this.stride = nV + 2;
    this.nodes = new Int32Array(nK * this.stride);
    this.len = new Int32Array(nK);
    this.routeOf = new Int32Array(nV).fill(-1);
    this.posOf = new Int32Array(nV).fill(-1);
    this.E = new Float64Array(nK * this.stride);
    this.L = new Float64Array(nK * this.stride);
    this.D = new Float64Array(nK * this.stride);
    this.locAt = new Int32Array(nK * this.stride);
    this.cum = new Float64Array(nK * this.stride);
    this.tmpNodes = new Int32Array(this.stride);
    this.start = new Float64Array(nV).fill(NaN);
    this.load = new Float64Array(nK);
    this.rCost = new Float64Array(nK);
    this.rDist = new Float64Array(nK);
    this.rTard = new Float64Array(nK);
    this.rMax = new Float64Array(nK);
    this.removed = new Int32Array(nV);
    this.dirty = new Uint8Array(nK);
    this.dirtyList = new Int32Array(nK);
    this.lb = new Float64Array(nV);
    this.clb = new Float64Array(nV).fill(-Infinity);
    this.oldStart = new Float64Array(nV + 1);
    this.queue = new Int32Array(nK + 1);
    this.inQueue = new Uint8Array(nK);
    this.tmpStart = new Float64Array(nV);
    this.tmpRCost = new Float64Array(nK);
    this.tmpRMax = new Float64Array(nK);
    this.tmpRDist = new Float64Array(nK);
    this.tmpRTard = new Float64Array(nK);
    this.tmpClb = new Float64Array(nV);
    this.spx = new Float64Array((this.stride + 1) * SPX);
    this.pfxTA = new Float64Array(this.stride + 1);
    this.pfxCA = new Float64Array(this.stride + 1);
    this.pfxTB = new Float64Array(this.stride + 1);
    this.pfxCB = new Float64Array(this.stride + 1);
    this.pfxPosB = new Int32Array(this.stride + 1);
    this.pfxTZ = new Float64Array(this.stride + 1);
    this.pfxFirst = new Float64Array(this.stride + 1);
    this.tmpLoad = new Float64Array(nK);
    this.tmpComp = new Int32Array(nK);
    this.linked = p.nLinks > 0;
    this.exact = this.linked && p.breakDur.some((d) => d > 0);
    this.comp = new Int32Array(nK);
    this.inComp = new Uint8Array(nK);
    this.active = new Uint8Array(nK);
    this.bad = new Uint8Array(nK);
    const nn = p.nLoc * p.nLoc;
    const views = (m: Float64Array): Float64Array[] => {
      const perProfile = Array.from({ length: p.nProfiles }, (_, q) => (p.nProfiles === 1 ? m : m.subarray(q * nn, (q + 1) * nn)));
      return Array.from(p.vOff, (o) => perProfile[o / nn]!);
    };
    this.timeK = views(p.time);
    this.distK = p.dist === p.time ? this.timeK : views(p.dist);
    this.vClass = vehicleClasses(p);
    this.classStamp = new Int32Array(nK);
    for (let v = 0; v < nV; v++) this.unassignedPenalty += p.unassignedPenalty[v]!;
    for (let k = 0; k < nK; k++) this.updateRoute(k);
    this.clearDirty();
  }

  /** Total objective: route costs, the max-tardiness term and unassigned penalties. */
  cost(): number {
    let c = this.unassignedPenalty;
    let m = 0;
    for (let k = 0; k < this.p.nVehicles; k++) {
      c += this.rCost[k]!;
      if (this.rMax[k]! > m) m = this.rMax[k]!;
    }
    return c + this.p.wMaxTard * m;
  }

  /** Routes as visit lists (one per vehicle). */
  routes(): number[][] {
    const out: number[][] = [];
    for (let k = 0; k < this.p.nVehicles; k++) out.push(Array.from(this.nodes.subarray(k * this.stride, k * this.stride + this.len[k]!)));
    return out;
  }

  /** Visits not in any route. */
  unassigned(): number[] {
    const out: number[] = [];
    for (let v = 0; v < this.p.nVisits; v++) if (this.routeOf[v] === -1) out.push(v);
    return out;
  }

  /** Number of non-empty routes. */
  vehiclesUsed(): number {
    let c = 0;
    for (let k = 0; k < this.p.nVehicles; k++) if (this.len[k]! > 0) c++;
    return c;
  }

  private markDirty(k: number): void {
    if (!this.dirty[k]) {
      this.dirty[k] = 1;
      this.dirtyList[this.nDirty++] = k;
    }
  }

  /** Forgets which routes changed. */
  clearDirty(): void {
    for (let i = 0; i < this.nDirty; i++) this.dirty[this.dirtyList[i]!] = 0;
    this.nDirty = 0;
  }

  /**
   * Makes this solution equal to `src` on the routes `src` (or this) marked dirty; with links the
   * whole solution is copied because schedules of other routes may have moved.
   */
  syncFrom(src: WorkingSolution, routesFrom: WorkingSolution): void {
    const p = this.p;
    const s = this.stride;
    if (this.linked) {
      this.nodes.set(src.nodes);
      this.len.set(src.len);
      this.routeOf.set(src.routeOf);
      this.posOf.set(src.posOf);
      this.start.set(src.start);
      this.clb.set(src.clb);
      this.scheduleOk = src.scheduleOk;
      this.load.set(src.load);
      this.rCost.set(src.rCost);
      this.rDist.set(src.rDist);
      this.rTard.set(src.rTard);
      this.rMax.set(src.rMax);
      this.unassignedPenalty = src.unassignedPenalty;
      return;
    }
    // Two passes: unassign the old contents of every changed route first, then copy the new ones.
    // In one pass a visit that moved into an earlier-handled route would be unassigned again when
    // its old (later-handled) route is cleared, leaving routeOf and the route lists out of step.
    for (let i = 0; i < routesFrom.nDirty; i++) {
      const k = routesFrom.dirtyList[i]!;
      for (let j = 0; j < this.len[k]!; j++) this.routeOf[this.nodes[k * s + j]!] = -1;
    }
    for (let i = 0; i < routesFrom.nDirty; i++) {
      const k = routesFrom.dirtyList[i]!;
      const b = k * s;
      const n = src.len[k]!;
      this.len[k] = n;
      for (let j = 0; j < n; j++) {
        const v = src.nodes[b + j]!;
        this.nodes[b + j] = v;
        this.routeOf[v] = k;
        this.posOf[v] = j;
        this.start[v] = src.start[v]!;
      }
      if (p.simple) {
        this.E.set(src.E.subarray(b, b + n + 1), b);
        this.L.set(src.L.subarray(b, b + n + 1), b);
        this.D.set(src.D.subarray(b, b + n), b);
        this.locAt.set(src.locAt.subarray(b, b + n), b);
        this.cum.set(src.cum.subarray(b, b + n), b);
      }
      this.load[k] = src.load[k]!;
      this.rCost[k] = src.rCost[k]!;
      this.rDist[k] = src.rDist[k]!;
      this.rTard[k] = src.rTard[k]!;
      this.rMax[k] = src.rMax[k]!;
    }
    this.unassignedPenalty = src.unassignedPenalty;
  }

  /** Replaces all routes (visit lists per vehicle); visits not listed become unassigned. */
  setRoutes(routes: readonly (readonly number[])[]): void {
    const p = this.p;
    this.routeOf.fill(-1);
    this.len.fill(0);
    this.unassignedPenalty = 0;
    routes.forEach((r, k) => {
      r.forEach((v, j) => {
        this.nodes[k * this.stride + j] = v;
        this.routeOf[v] = k;
        this.posOf[v] = j;
      });
      this.len[k] = r.length;
    });
    for (let v = 0; v < p.nVisits; v++) if (this.routeOf[v] === -1) this.unassignedPenalty += p.unassignedPenalty[v]!;
    for (let k = 0; k < p.nVehicles; k++) {
      this.markDirty(k);
      if (!this.linked) this.updateRoute(k);
    }
    if (this.linked) this.scheduleAll(true);
  }

  /** Removes visit v from its route (route data updated by {@link finishRemovals}). */
  remove(v: number): void {
    const k = this.routeOf[v]!;
    if (k < 0) return;
    const b = k * this.stride;
    const n = this.len[k]!;
    for (let j = this.posOf[v]!; j < n - 1; j++) {
      const w = this.nodes[b + j + 1]!;
      this.nodes[b + j] = w;
      this.posOf[w] = j;
    }
    this.len[k] = n - 1;
    this.routeOf[v] = -1;
    this.posOf[v] = -1;
    this.start[v] = NaN;
    this.unassignedPenalty += this.p.unassignedPenalty[v]!;
    this.removed[this.nRemoved++] = v;
    this.markDirty(k);
  }

  /** Recomputes schedule data of routes changed by removals; returns false if one became infeasible. */
  finishRemovals(): boolean {
    if (this.linked) return this.scheduleAll(true);
    let ok = true;
    for (let i = 0; i < this.nDirty; i++) {
      const k = this.dirtyList[i]!;
      this.updateRoute(k);
      if (this.rCost[k] === Infinity) ok = false;
    }
    return ok;
  }

  /** Puts v into route k's node list before position pos (bookkeeping only; no schedule update). */
  private placeAt(v: number, k: number, pos: number): void {
    const b = k * this.stride;
    const n = this.len[k]!;
    for (let j = n; j > pos; j--) {
      const w = this.nodes[b + j - 1]!;
      this.nodes[b + j] = w;
      this.posOf[w] = j;
    }
    this.nodes[b + pos] = v;
    this.posOf[v] = pos;
    this.routeOf[v] = k;
    this.len[k] = n + 1;
  }

  /**
   * Inserts visit v into route k before position pos and updates the schedule. Returns false, and
   * leaves v unassigned, when the exact schedule of a problem with links and breaks rejects an
   * insertion the (incremental) candidate check accepted; otherwise true.
   */
  insert(v: number, k: number, pos: number): boolean {
    this.placeAt(v, k, pos);
    this.unassignedPenalty -= this.p.unassignedPenalty[v]!;
    this.markDirty(k);
    if (this.exact) {
      if (this.scheduleExact(k)) return true;
      // Undo, and reschedule every route the failed attempt touched (v's partners' routes included).
      this.takeOut(v);
      this.unassignedPenalty += this.p.unassignedPenalty[v]!;
      this.scheduleExact(-2);
      return false;
    }
    // The incremental propagation has a small budget; when it gives up, decide exactly.
    if (this.linked) {
      if (!this.scheduleAll(true, k, v)) this.scheduleAll(true);
    } else this.updateRoute(k);
    return true;
  }

  /** Takes assigned visit v out of its route's node list (bookkeeping only). */
  private takeOut(v: number): void {
    const k = this.routeOf[v]!;
    const b = k * this.stride;
    const n = this.len[k]!;
    for (let j = this.posOf[v]!; j < n - 1; j++) {
      const w = this.nodes[b + j + 1]!;
      this.nodes[b + j] = w;
      this.posOf[w] = j;
    }
    this.len[k] = n - 1;
    this.routeOf[v] = -1;
    this.posOf[v] = -1;
    this.start[v] = NaN;
  }

  /** Moves assigned visit v to route k before position pos (positions of k without v). */
  relocate(v: number, k: number, pos: number): void {
    const k1 = this.routeOf[v]!;
    const b1 = k1 * this.stride;
    const n1 = this.len[k1]!;
    for (let j = this.posOf[v]!; j < n1 - 1; j++) {
      const w = this.nodes[b1 + j + 1]!;
      this.nodes[b1 + j] = w;
      this.posOf[w] = j;
    }
    this.len[k1] = n1 - 1;
    this.placeAt(v, k, pos);
    this.markDirty(k1);
    this.markDirty(k);
    if (this.linked) this.scheduleAll(true);
    else {
      this.updateRoute(k1);
      if (k !== k1) this.updateRoute(k);
    }
  }

  /** Exchanges two assigned visits (different routes or positions). */
  swap(v: number, w: number): void {
    const kv = this.routeOf[v]!;
    const kw = this.routeOf[w]!;
    const pv = this.posOf[v]!;
    const pw = this.posOf[w]!;
    this.nodes[kv * this.stride + pv] = w;
    this.nodes[kw * this.stride + pw] = v;
    this.routeOf[v] = kw;
    this.posOf[v] = pw;
    this.routeOf[w] = kv;
    this.posOf[w] = pv;
    this.markDirty(kv);
    this.markDirty(kw);
    if (this.linked) this.scheduleAll(true);
    else {
      this.updateRoute(kv);
      if (kw !== kv) this.updateRoute(kw);
    }
  }

  /** 2-opt*: route k1 keeps positions ≤ i and takes k2's tail after j; k2 the reverse. */
  exchangeTails(k1: number, i: number, k2: number, j: number): void {
    const s = this.stride;
    const b1 = k1 * s;
    const b2 = k2 * s;
    const n1 = this.len[k1]!;
    const n2 = this.len[k2]!;
    const tail1 = n1 - i - 1;
    const tail2 = n2 - j - 1;
    const tmp = this.tmpNodes;
    for (let q = 0; q < tail1; q++) tmp[q] = this.nodes[b1 + i + 1 + q]!;
    for (let q = 0; q < tail2; q++) {
      const w = this.nodes[b2 + j + 1 + q]!;
      this.nodes[b1 + i + 1 + q] = w;
      this.routeOf[w] = k1;
      this.posOf[w] = i + 1 + q;
    }
    for (let q = 0; q < tail1; q++) {
      const w = tmp[q]!;
      this.nodes[b2 + j + 1 + q] = w;
      this.routeOf[w] = k2;
      this.posOf[w] = j + 1 + q;
    }
    this.len[k1] = i + 1 + tail2;
    this.len[k2] = j + 1 + tail1;
    this.markDirty(k1);
    this.markDirty(k2);
    if (this.linked) this.scheduleAll(true);
    else {
      this.updateRoute(k1);
      this.updateRoute(k2);
    }
  }

  /** Recomputes load, cost and schedule data of route k. */
  updateRoute(k: number): void {
    const p = this.p;
    const n = p.nLoc;
    const nK = p.nVehicles;
    const b = k * this.stride;
    const len = this.len[k]!;
    let load = 0;
    for (let j = 0; j < len; j++) load += p.demand[this.nodes[b + j]!]!;
    this.load[k] = load;
    if (!p.simple) {
      const c = this.simRoute(k, -1, -1, false, this.start);
      this.rCost[k] = load > p.capacity[k]! + 1e-9 ? Infinity : c;
      this.rDist[k] = this.simDist;
      this.rTard[k] = this.simTard;
      this.rMax[k] = this.simMax;
      return;
    }
    if (len === 0) {
      this.rCost[k] = 0;
      this.rDist[k] = 0;
      this.rTard[k] = 0;
      this.rMax[k] = 0;
      this.L[b] = p.shiftEnd[k]!;
      return;
    }
    const E = this.E;
    const L = this.L;
    const dk = p.nProfiles === 1 ? p.dist : this.distK[k]!;
    const tk = p.nProfiles === 1 ? p.time : this.timeK[k]!;
    let loc = p.vStart[k]!;
    let t = p.shiftStart[k]!;
    let d = 0;
    let tt = 0;
    let extra = p.fixedCost[k]!;
    let feasible = true;
    for (let j = 0; j < len; j++) {
      const v = this.nodes[b + j]!;
      const vl = p.visitLoc[v]!;
      d += dk[loc * n + vl]!;
      tt += tk[loc * n + vl]!;
      const s = earliestStart(p, v, t + tk[loc * n + vl]!);
      if (s === Infinity) feasible = false;
      E[b + j] = s;
      this.start[v] = s;
      t = s + p.duration[v * nK + k]!;
      this.D[b + j] = t;
      this.locAt[b + j] = vl;
      this.cum[b + j] = (j > 0 ? this.cum[b + j - 1]! : 0) + p.demand[v]!;
      if (p.assignCost) extra += p.assignCost[v * nK + k]!;
      loc = vl;
    }
    d += dk[loc * n + p.vEnd[k]!]!;
    tt += tk[loc * n + p.vEnd[k]!]!;
    if (t + tk[loc * n + p.vEnd[k]!]! > p.shiftEnd[k]!) feasible = false;
    E[b + len] = t + tk[loc * n + p.vEnd[k]!]!;
    // Backward latest arrivals.
    let next = p.vEnd[k]!;
    let bound = p.shiftEnd[k]!;
    L[b + len] = bound;
    for (let j = len - 1; j >= 0; j--) {
      const v = this.nodes[b + j]!;
      const vl = p.visitLoc[v]!;
      const latest = bound - tk[vl * n + next]! - p.duration[v * nK + k]!;
      bound = latestStart(p, v, latest);
      L[b + j] = bound;
      next = vl;
    }
    if (load > p.capacity[k]! + 1e-9) feasible = false;
    this.rDist[k] = d;
    this.rTard[k] = 0;
    this.rMax[k] = 0;
    this.rCost[k] = feasible ? p.wDist * d + p.wTime * tt + extra : Infinity;
  }

  /**
   * Finds the cheapest feasible insertion of v over all routes; each position is skipped with
   * probability `blink` (SISR's blinks). Returns the cost delta (Infinity if none) and sets
   * {@link bestRoute}/{@link bestPos}.
   */
  bestInsertion(v: number, blink: number, rng: Rng): number {
    if (this.p.simple) return this.bestInsertionSimple(v, blink, rng);
    this.pfxOn = true;
    this.pfxK = -1;
    this.spxK = -1;
    const best = this.bestInsertionGeneral(v, blink, rng);
    this.pfxOn = false;
    this.pfxK = -1;
    this.spxK = -1;
    return best;
  }

  /** {@link bestInsertion} for the other problems: an exact route simulation per position. */
  private bestInsertionGeneral(v: number, blink: number, rng: Rng): number {
    const p = this.p;
    const nK = p.nVehicles;
    this.stamp++;
    this.bestRoute = -1;
    this.bestPos = -1;
    let best = Infinity;
    let maxOther1 = 0;
    let maxOther2 = 0;
    let argMax = -1;
    if (!p.simple && p.wMaxTard > 0) {
      for (let k = 0; k < nK; k++) {
        const m = this.rMax[k]!;
        if (m > maxOther1) {
          maxOther2 = maxOther1;
          maxOther1 = m;
          argMax = k;
        } else if (m > maxOther2) maxOther2 = m;
      }
    }
    const n = p.nLoc;
    const vl = p.visitLoc[v]!;
    const dist = p.dist;
    const time = p.time;
    const wD = p.wDist;
    const wT = p.wTime;
    for (let k = 0; k < nK; k++) {
      if (!p.compat[v * nK + k]) continue;
      const len = this.len[k]!;
      if (len === 0) {
        const c = this.vClass[k]!;
        if (this.classStamp[c] === this.stamp) continue;
        this.classStamp[c] = this.stamp;
      }
      if (this.load[k]! + p.demand[v]! > p.capacity[k]! + 1e-9) continue;
      if (this.rCost[k] === Infinity) continue;
      const b = k * this.stride;
      const fixed = (len === 0 ? p.fixedCost[k]! : 0) + (p.assignCost ? p.assignCost[v * nK + k]! : 0);
      let prevLoc = p.vStart[k]!;
      let prevDep = p.shiftStart[k]!;
      const dv = p.duration[v * nK + k]!;
      const o = p.vOff[k]!;
      const vn = o + vl * n;
      for (let pos = 0; pos <= len; pos++) {
        const nextLoc = pos < len ? p.visitLoc[this.nodes[b + pos]!]! : p.vEnd[k]!;
        if (blink === 0 || rng.next() >= blink) {
          const pn = o + prevLoc * n;
          const dd = dist[pn + vl]! + dist[vn + nextLoc]! - dist[pn + nextLoc]!;
          let delta = wD * dd + fixed;
          if (wT !== 0) delta += wT * (time[pn + vl]! + time[vn + nextLoc]! - time[pn + nextLoc]!);
          if (delta < best) {
            if (p.simple) {
              const s = earliestStart(p, v, prevDep + time[pn + vl]!);
              if (s + dv + time[vn + nextLoc]! <= this.L[b + pos]! - EPS) {
                best = delta;
                this.bestRoute = k;
                this.bestPos = pos;
              }
            } else {
              const d2 = this.generalDelta(v, k, pos, k === argMax ? maxOther2 : maxOther1, maxOther1);
              if (d2 < best) {
                best = d2;
                this.bestRoute = k;
                this.bestPos = pos;
              }
            }
          }
        }
        if (pos < len && p.simple) {
          const w = this.nodes[b + pos]!;
          prevDep = this.E[b + pos]! + p.duration[w * nK + k]!;
        }
        prevLoc = nextLoc;
      }
    }
    return best;
  }

  /** {@link bestInsertion} for simple problems: O(1) per position, allocation-free. */
  private bestInsertionSimple(v: number, blink: number, rng: Rng): number {
    const p = this.p;
    const nK = p.nVehicles;
    this.stamp++;
    this.bestRoute = -1;
    this.bestPos = -1;
    let best = Infinity;
    const n = p.nLoc;
    const vl = p.visitLoc[v]!;
    const wD = p.wDist;
    const wT = p.wTime;
    const multi = p.nProfiles !== 1;
    let dist = p.dist;
    let time = p.time;
    const L = this.L;
    const D = this.D;
    const locAt = this.locAt;
    const single = p.twOff[v + 1]! - p.twOff[v]! === 1;
    const e = p.twStart[p.twOff[v]!]!;
    const l = p.twEnd[p.twOff[v]!]!;
    const dem = p.demand[v]!;
    const vn = vl * n;
    // Geometric skip count until the next blink (same distribution as one draw per position).
    const logKeep = blink > 0 ? Math.log(1 - blink) : 0;
    let untilBlink = blink > 0 ? Math.floor(Math.log(1 - rng.next()) / logKeep) : Infinity;
    for (let k = 0; k < nK; k++) {
      if (!p.compat[v * nK + k]) continue;
      const len = this.len[k]!;
      if (len === 0) {
        const c = this.vClass[k]!;
        if (this.classStamp[c] === this.stamp) continue;
        this.classStamp[c] = this.stamp;
      }
      if (this.load[k]! + dem > p.capacity[k]! + 1e-9) continue;
      if (this.rCost[k] === Infinity) continue;
      const b = k * this.stride;
      const fixed = (len === 0 ? p.fixedCost[k]! : 0) + (p.assignCost ? p.assignCost[v * nK + k]! : 0);
      let prevLoc = p.vStart[k]!;
      let prevDep = p.shiftStart[k]!;
      const dv = p.duration[v * nK + k]!;
      const endLoc = p.vEnd[k]!;
      if (multi) {
        dist = this.distK[k]!;
        time = this.timeK[k]!;
      }
      for (let pos = 0; pos <= len; pos++) {
        const nextLoc = pos < len ? locAt[b + pos]! : endLoc;
        if (untilBlink-- === 0) {
          untilBlink = Math.floor(Math.log(1 - rng.next()) / logKeep);
        } else {
          const pn = prevLoc * n;
          let delta = wD * (dist[pn + vl]! + dist[vn + nextLoc]! - dist[pn + nextLoc]!) + fixed;
          if (wT !== 0) delta += wT * (time[pn + vl]! + time[vn + nextLoc]! - time[pn + nextLoc]!);
          if (delta < best) {
            const arr = prevDep + time[pn + vl]!;
            let s: number;
            if (single) s = arr > l ? Infinity : arr < e ? e : arr;
            else s = earliestStart(p, v, arr);
            if (s + dv + time[vn + nextLoc]! <= L[b + pos]! - EPS) {
              best = delta;
              this.bestRoute = k;
              this.bestPos = pos;
            }
          }
        }
        if (pos < len) prevDep = D[b + pos]!;
        prevLoc = nextLoc;
      }
    }
    return best;
  }

  /** Exact cost delta of inserting v into route k at pos (general path). */
  generalDelta(v: number, k: number, pos: number, maxOthers: number, maxAll: number): number {
    const p = this.p;
    const c = this.simRoute(k, v, pos, true, null);
    if (c === Infinity) return Infinity;
    if (!this.needGlobal) {
      const newMax = this.simMax > maxOthers ? this.simMax : maxOthers;
      return c - this.rCost[k]! + p.wMaxTard * (newMax - maxAll);
    }
    return this.exact ? this.exactDelta(v, k, pos) : this.globalDelta(v, k, pos);
  }

  /**
   * Links and breaks: the cost delta of inserting v into route k at pos under the schedule a
   * commit would compute ({@link scheduleExact}), the committed state restored afterwards.
   */
  private exactDelta(v: number, k: number, pos: number): number {
    const before = this.cost();
    const savedNDirty = this.nDirty;
    const savedOk = this.scheduleOk;
    const savedNComp = this.nComp;
    this.tmpStart.set(this.start);
    this.tmpClb.set(this.clb);
    this.tmpRCost.set(this.rCost);
    this.tmpRMax.set(this.rMax);
    this.tmpRDist.set(this.rDist);
    this.tmpRTard.set(this.rTard);
    this.tmpLoad.set(this.load);
    this.tmpComp.set(this.comp);
    const b = k * this.stride;
    const n = this.len[k]!;
    for (let j = n; j > pos; j--) this.nodes[b + j] = this.nodes[b + j - 1]!;
    this.nodes[b + pos] = v;
    this.len[k] = n + 1;
    this.routeOf[v] = k;
    const after = this.scheduleExact(k) ? this.cost() : Infinity;
    for (let j = pos; j < n; j++) this.nodes[b + j] = this.nodes[b + j + 1]!;
    this.len[k] = n;
    this.routeOf[v] = -1;
    this.start.set(this.tmpStart);
    this.clb.set(this.tmpClb);
    this.rCost.set(this.tmpRCost);
    this.rMax.set(this.tmpRMax);
    this.rDist.set(this.tmpRDist);
    this.rTard.set(this.tmpRTard);
    this.load.set(this.tmpLoad);
    this.comp.set(this.tmpComp);
    this.nComp = savedNComp;
    for (let i = savedNDirty; i < this.nDirty; i++) this.dirty[this.dirtyList[i]!] = 0;
    this.nDirty = savedNDirty;
    this.scheduleOk = savedOk;
    return after - before;
  }

  /** Cost delta via a full reschedule with v temporarily inserted. */
  private globalDelta(v: number, k: number, pos: number): number {
    const before = this.cost();
    const savedNDirty = this.nDirty;
    const wasDirty = this.dirty[k];
    // Temporarily insert without touching the committed schedule.
    const b = k * this.stride;
    const n = this.len[k]!;
    for (let j = n; j > pos; j--) this.nodes[b + j] = this.nodes[b + j - 1]!;
    this.nodes[b + pos] = v;
    this.len[k] = n + 1;
    this.routeOf[v] = k;
    const ok = this.scheduleAll(false, k, v);
    let after = Infinity;
    if (ok) {
      // Same basis as `before` (v's penalty still counted): the delta is the route-cost change.
      let c = this.unassignedPenalty;
      let m = 0;
      for (let r = 0; r < this.p.nVehicles; r++) {
        c += this.tmpRCost[r]!;
        if (this.tmpRMax[r]! > m) m = this.tmpRMax[r]!;
      }
      after = c + this.p.wMaxTard * m;
    }
    for (let j = pos; j < n; j++) this.nodes[b + j] = this.nodes[b + j + 1]!;
    this.len[k] = n;
    this.routeOf[v] = -1;
    this.nDirty = savedNDirty;
    this.dirty[k] = wasDirty!;
    return after - before;
  }

  /**
   * Least-fixed-point schedule under link constraints, by a worklist over routes: a route is
   * re-simulated when a partner raised the lower bound of one of its visits. With `from` = -1 all
   * routes start from scratch; with `from` = k only route k changed since the committed schedule
   * and only by delays (an insertion), so committed bounds and starts remain valid lower bounds
   * and the propagation starts at route k. With `commit` the result is stored; otherwise only the
   * tmp arrays are filled. Returns false when infeasible (including a positive cycle of links).
   */
  scheduleAll(commit: boolean, from = -1, added = -1): boolean {
    if (commit && this.exact) return this.scheduleExact(-1);
    const p = this.p;
    const nK = p.nVehicles;
    const lb = this.lb;
    const starts = this.tmpStart;
    const queue = this.queue;
    const inQ = this.inQueue;
    let qh = 0;
    let qt = 0;
    if (!this.scheduleOk) from = -1;
    if (from < 0) {
      lb.fill(-Infinity);
      starts.fill(NaN);
      for (let k = 0; k < nK; k++) {
        queue[qt++] = k;
        inQ[k] = 1;
      }
    } else {
      lb.set(this.clb);
      starts.set(this.start);
      this.tmpRCost.set(this.rCost);
      this.tmpRMax.set(this.rMax);
      this.tmpRDist.set(this.rDist);
      this.tmpRTard.set(this.rTard);
      queue[qt++] = from;
      inQ[from] = 1;
      if (added >= 0) {
        // The new visit: no committed start; bounds from its planned partners.
        starts[added] = NaN;
        let lo = -Infinity;
        const l1 = p.linkOff[added + 1]!;
        for (let q = p.linkOff[added]!; q < l1; q++) {
          const l = p.linkIdx[q]!;
          const isA = p.linkA[l] === added;
          const w = isA ? p.linkB[l]! : p.linkA[l]!;
          if (this.routeOf[w]! < 0 || w === added) continue;
          const bound = isA ? starts[w]! - p.linkMax[l]! : starts[w]! + p.linkMin[l]!;
          if (bound > lo) lo = bound;
        }
        lb[added] = lo;
      }
    }
    const qcap = queue.length;
    // Search-time budget: long chains of delays are rare; a positive cycle of links would loop, so
    // stop early and call the schedule infeasible (conservative: the search just avoids it).
    let budget = from < 0 ? nK * (p.nLinks + 2) + nK : 3 * nK + 4;
    let ok = true;
    const old = this.oldStart;
    while (qh !== qt) {
      const k = queue[qh]!;
      qh = qh + 1 === qcap ? 0 : qh + 1;
      inQ[k] = 0;
      if (budget-- <= 0) {
        ok = false;
        break;
      }
      const b = k * this.stride;
      const len = this.len[k]!;
      for (let j = 0; j < len; j++) old[j] = starts[this.nodes[b + j]!]!;
      const c = len === 0 ? 0 : this.simRoute(k, -1, -1, false, starts);
      this.tmpRCost[k] = c;
      this.tmpRMax[k] = len === 0 ? 0 : this.simMax;
      this.tmpRDist[k] = len === 0 ? 0 : this.simDist;
      this.tmpRTard[k] = len === 0 ? 0 : this.simTard;
      if (c === Infinity) {
        ok = false;
        break;
      }
      for (let j = 0; j < len; j++) {
        const u = this.nodes[b + j]!;
        const su = starts[u]!;
        if (su === old[j]) continue;
        const l1 = p.linkOff[u + 1]!;
        for (let q = p.linkOff[u]!; q < l1; q++) {
          const l = p.linkIdx[q]!;
          const isA = p.linkA[l] === u;
          const w = isA ? p.linkB[l]! : p.linkA[l]!;
          const rw = this.routeOf[w]!;
          if (rw < 0) continue;
          if (rw === k && p.linkDiff[l]) {
            ok = false;
            break;
          }
          const need = isA ? su + p.linkMin[l]! : su - p.linkMax[l]!;
          if (need > lb[w]!) lb[w] = need;
          if (need > starts[w]! + 1e-9 && !inQ[rw]) {
            inQ[rw] = 1;
            queue[qt] = rw;
            qt = qt + 1 === qcap ? 0 : qt + 1;
          }
        }
        if (!ok) break;
      }
      if (!ok) break;
    }
    while (qh !== qt) {
      inQ[queue[qh]!] = 0;
      qh = qh + 1 === qcap ? 0 : qh + 1;
    }
    if (!ok) {
      for (let k = 0; k < nK; k++) this.tmpRCost[k] = Infinity;
    }
    if (commit) {
      for (let k = 0; k < nK; k++) {
        let load = 0;
        const b = k * this.stride;
        for (let j = 0; j < this.len[k]!; j++) {
          const v = this.nodes[b + j]!;
          load += p.demand[v]!;
          this.start[v] = starts[v]!;
        }
        this.load[k] = load;
        this.rCost[k] = load > p.capacity[k]! + 1e-9 ? Infinity : this.tmpRCost[k]!;
        this.rMax[k] = this.tmpRMax[k]!;
        this.rDist[k] = this.tmpRDist[k]!;
        this.rTard[k] = this.tmpRTard[k]!;
        this.markDirty(k);
      }
      this.clb.set(lb);
      this.scheduleOk = ok;
    }
    return ok;
  }

  /**
   * Commits the schedule exactly as the evaluator computes it: link lower bounds from -∞, Jacobi
   * passes (every route of the set simulated with the bounds of the previous pass, then every link
   * raises the bound of a visit that starts too early by more than 1e-9), at most 4·(links + 2)
   * passes; a missed window stops it (infeasible), while a route that fails otherwise (break,
   * shift, working time) keeps the start times the evaluator gives it and counts only if it still
   * fails in its last simulation (a rising bound can postpone the departure and so shorten the
   * working time); infeasible also on non-convergence, or when a different-vehicles link has both
   * visits on one route. Only routes whose lower bounds changed
   * are re-simulated (the others would repeat their starts). The routes scheduled: all (`k0` = -1),
   * those linked, directly or through other routes, to route k0 (k0 ≥ 0), or to the routes of the
   * previous call (-2). Routes outside the set keep their committed (equally exact) schedules.
   */
  private scheduleExact(k0: number): boolean {
    const p = this.p;
    const nK = p.nVehicles;
    const lb = this.lb;
    const start = this.start;
    const comp = this.comp;
    const inComp = this.inComp;
    const active = this.active;
    const bad = this.bad;
    const s = this.stride;
    // The set of routes: closed under links between assigned visits.
    let nc = 0;
    if (k0 === -1) {
      for (let k = 0; k < nK; k++) comp[nc++] = k;
      inComp.fill(1);
    } else {
      inComp.fill(0);
      if (k0 >= 0) comp[nc++] = k0;
      else nc = this.nComp;
      for (let i = 0; i < nc; i++) inComp[comp[i]!] = 1;
      for (let i = 0; i < nc; i++) {
        const k = comp[i]!;
        for (let j = 0; j < this.len[k]!; j++) {
          const u = this.nodes[k * s + j]!;
          for (let q = p.linkOff[u]!; q < p.linkOff[u + 1]!; q++) {
            const l = p.linkIdx[q]!;
            const w = p.linkA[l] === u ? p.linkB[l]! : p.linkA[l]!;
            const rw = this.routeOf[w]!;
            if (rw >= 0 && !inComp[rw]) {
              inComp[rw] = 1;
              comp[nc++] = rw;
            }
          }
        }
      }
    }
    this.nComp = nc;
    for (let i = 0; i < nc; i++) {
      const k = comp[i]!;
      active[k] = 1;
      for (let j = 0; j < this.len[k]!; j++) {
        const u = this.nodes[k * s + j]!;
        lb[u] = -Infinity;
        start[u] = NaN;
      }
    }
    const maxPasses = 4 * (p.nLinks + 2);
    let ok = true;
    let converged = false;
    for (let pass = 0; pass < maxPasses && ok && !converged; pass++) {
      for (let i = 0; i < nc; i++) {
        const k = comp[i]!;
        if (!active[k]) continue;
        const len = this.len[k]!;
        const c = len === 0 ? 0 : this.simRoute(k, -1, -1, false, start);
        this.rCost[k] = c;
        this.rMax[k] = len === 0 ? 0 : this.simMax;
        this.rDist[k] = len === 0 ? 0 : this.simDist;
        this.rTard[k] = len === 0 ? 0 : this.simTard;
        // A missed window ends the iteration (as in the evaluator); other faults (break, shift,
        // working time) may go away when bounds rise, so only the last simulation counts.
        bad[k] = c === Infinity ? 1 : 0;
        if (c === Infinity && this.simMiss) {
          ok = false;
          break;
        }
      }
      if (!ok) break;
      converged = true;
      for (let i = 0; i < nc; i++) {
        const k = comp[i]!;
        if (!(active[k]! & 1)) continue;
        for (let j = 0; j < this.len[k]!; j++) {
          const u = this.nodes[k * s + j]!;
          for (let q = p.linkOff[u]!; q < p.linkOff[u + 1]!; q++) {
            const l = p.linkIdx[q]!;
            const a = p.linkA[l]!;
            const b = p.linkB[l]!;
            const ra = this.routeOf[a]!;
            const rb = this.routeOf[b]!;
            if (ra < 0 || rb < 0) continue;
            if (p.linkDiff[l] && ra === rb) ok = false;
            const needB = start[a]! + p.linkMin[l]!;
            const needA = start[b]! - p.linkMax[l]!;
            if (needB > start[b]! + 1e-9) {
              if (needB > lb[b]!) lb[b] = needB;
              active[rb] = active[rb]! | 2;
              converged = false;
            }
            if (needA > start[a]! + 1e-9) {
              if (needA > lb[a]!) lb[a] = needA;
              active[ra] = active[ra]! | 2;
              converged = false;
            }
          }
        }
      }
      // Bit 1: simulated in this pass; bit 2: a bound raised, simulated in the next pass.
      for (let i = 0; i < nc; i++) {
        const k = comp[i]!;
        active[k] = active[k]! & 2 ? 1 : 0;
      }
    }
    if (!converged) ok = false;
    for (let i = 0; i < nc && ok; i++) if (bad[comp[i]!]) ok = false;
    for (let i = 0; i < nc; i++) {
      const k = comp[i]!;
      active[k] = 0;
      let load = 0;
      const b = k * s;
      for (let j = 0; j < this.len[k]!; j++) {
        const u = this.nodes[b + j]!;
        load += p.demand[u]!;
        this.clb[u] = lb[u]!;
      }
      this.load[k] = load;
      if (!ok || load > p.capacity[k]! + 1e-9) this.rCost[k] = Infinity;
      this.markDirty(k);
    }
    if (k0 === -1) this.scheduleOk = ok;
    else if (!ok) this.scheduleOk = false;
    return ok;
  }

  /**
   * Simulates route k (with v inserted at pos when v ≥ 0). `local`: link bounds come from the
   * committed starts of partners in other routes, and `needGlobal` is set when a partner would
   * have to move; otherwise bounds come from `lb` (global fixed-point iteration). Writes starts to
   * `out` when given. Returns the route cost without the max-tardiness term, or Infinity.
   */
  private simRoute(k: number, v: number, pos: number, local: boolean, out: Float64Array | null): number {
    const p = this.p;
    const n = p.nLoc;
    const nK = p.nVehicles;
    const b = k * this.stride;
    const len = this.len[k]! + (v >= 0 ? 1 : 0);
    this.needGlobal = false;
    this.simTard = 0;
    this.simMax = 0;
    this.simDist = 0;
    this.simMiss = false;
    if (len === 0) return 0;
    // Replaying the evaluator ({@link scheduleExact}): an infeasible route still gets the start
    // times the evaluator gives it (its break at the fallback position), unless a window is missed.
    const replay = !local && this.exact;
    let bad = false;
    let loc = p.vStart[k]!;
    let t = p.shiftStart[k]!;
    let d = 0;
    let tt = 0;
    let tard = 0;
    let maxT = 0;
    let extra = p.fixedCost[k]!;
    // The break goes before visit `bpos` (len: after the last visit); -1 = no break.
    let bpos = -1;
    if (p.breakDur[k]! > 0) {
      bpos = this.breakPos(k, v, pos, len, local);
      if (bpos < 0) {
        if (!replay) return Infinity;
        bpos = this.bpFallback;
        bad = true;
      }
    }
    let firstStart = 0;
    let firstLoc = 0;
    const base = p.vEnd[k]!;
    const o = p.vOff[k]!;
    let i = 0;
    // Candidates of one bestInsertion: resume from the cached break-free state before visit m0.
    const pfx = v >= 0 && local && out === null && this.pfxOn;
    const m0 = bpos < 0 || pos < bpos ? pos : bpos;
    if (pfx) {
      const c = this.spx;
      if (this.spxK !== k) {
        this.spxK = k;
        this.spxN = 0;
        this.spxFailAt = len;
        c[0] = t;
        c[1] = loc;
        c[2] = 0;
        c[3] = 0;
        c[4] = 0;
        c[5] = 0;
        c[6] = extra;
        c[7] = 0;
        c[8] = 0;
        c[9] = 0;
      }
      if (m0 > this.spxFailAt) return Infinity;
      i = m0 < this.spxN ? m0 : this.spxN;
      const q = i * SPX;
      t = c[q]!;
      loc = c[q + 1]!;
      d = c[q + 2]!;
      tt = c[q + 3]!;
      tard = c[q + 4]!;
      maxT = c[q + 5]!;
      extra = c[q + 6]!;
      firstStart = c[q + 7]!;
      firstLoc = c[q + 8]!;
      this.needGlobal = c[q + 9] === 1;
    }
    for (; i < len; i++) {
      if (pfx && i <= m0 && i > this.spxN) {
        const c = this.spx;
        const q = i * SPX;
        this.spxN = i;
        c[q] = t;
        c[q + 1] = loc;
        c[q + 2] = d;
        c[q + 3] = tt;
        c[q + 4] = tard;
        c[q + 5] = maxT;
        c[q + 6] = extra;
        c[q + 7] = firstStart;
        c[q + 8] = firstLoc;
        c[q + 9] = this.needGlobal ? 1 : 0;
      }
      const u = v < 0 ? this.nodes[b + i]! : i < pos ? this.nodes[b + i]! : i === pos ? v : this.nodes[b + i - 1]!;
      const ul = p.visitLoc[u]!;
      let lo = -Infinity;
      const l0 = p.linkOff[u]!;
      const l1 = p.linkOff[u + 1]!;
      if (l1 > l0) {
        if (local) {
          for (let q = l0; q < l1; q++) {
            const l = p.linkIdx[q]!;
            const isA = p.linkA[l] === u;
            const w = isA ? p.linkB[l]! : p.linkA[l]!;
            const rw = this.routeOf[w]!;
            if (rw < 0) continue;
            if (rw === k) {
              if (p.linkDiff[l]) {
                if (pfx && i < m0 && i < this.spxFailAt) this.spxFailAt = i;
                return Infinity;
              }
              this.needGlobal = true;
              continue;
            }
            const bound = isA ? this.start[w]! - p.linkMax[l]! : this.start[w]! + p.linkMin[l]!;
            if (bound > lo) lo = bound;
          }
        } else lo = this.lb[u]!;
      }
      if (i === bpos) {
        if (p.breakAtBase[k]) {
          if (loc !== base) {
            d += p.dist[o + loc * n + base]!;
            tt += p.time[o + loc * n + base]!;
            t += p.time[o + loc * n + base]!;
          }
          loc = base;
        }
        const bs = t > p.breakEarliest[k]! ? t : p.breakEarliest[k]!;
        if (bs > p.breakLatest[k]!) {
          if (!replay) return Infinity;
          bad = true;
        }
        t = bs + p.breakDur[k]!;
      }
      d += p.dist[o + loc * n + ul]!;
      tt += p.time[o + loc * n + ul]!;
      const arr = t + p.time[o + loc * n + ul]!;
      const s = earliestStart(p, u, arr > lo ? arr : lo);
      if (s === Infinity) {
        // Visits 0..i are the route's own, no break before: every candidate after them fails too.
        if (pfx && i < m0 && i < this.spxFailAt) this.spxFailAt = i;
        this.simMiss = true;
        return Infinity;
      }
      if (i === 0) {
        firstStart = s;
        firstLoc = ul;
      }
      if (local && l1 > l0) {
        for (let q = l0; q < l1; q++) {
          const l = p.linkIdx[q]!;
          const isA = p.linkA[l] === u;
          const w = isA ? p.linkB[l]! : p.linkA[l]!;
          const rw = this.routeOf[w]!;
          if (rw < 0 || rw === k) continue;
          const need = isA ? s + p.linkMin[l]! : s - p.linkMax[l]!;
          if (need > this.start[w]! + 1e-9) this.needGlobal = true;
          // Links and breaks: a visit that starts earlier than committed (its route's break moved)
          // may relax its partner's bound, and the partner's route may then change.
          else if (this.exact && s < this.start[u]! - 1e-9) this.needGlobal = true;
        }
      }
      if (out) out[u] = s;
      if (p.soft) {
        const td = tardinessAt(p, u, s);
        tard += td;
        if (td > maxT) maxT = td;
      }
      if (p.assignCost) extra += p.assignCost[u * nK + k]!;
      t = s + p.duration[u * nK + k]!;
      loc = ul;
    }
    if (bpos === len) {
      // The break after the last visit, before returning.
      if (p.breakAtBase[k] && loc !== base) {
        d += p.dist[o + loc * n + base]!;
        tt += p.time[o + loc * n + base]!;
        t += p.time[o + loc * n + base]!;
        loc = base;
      }
      const bs = t > p.breakEarliest[k]! ? t : p.breakEarliest[k]!;
      if (bs > p.breakLatest[k]!) return Infinity;
      t = bs + p.breakDur[k]!;
    }
    if (bad) return Infinity;
    d += p.dist[o + loc * n + p.vEnd[k]!]!;
    tt += p.time[o + loc * n + p.vEnd[k]!]!;
    const ret = t + p.time[o + loc * n + p.vEnd[k]!]!;
    if (ret > p.shiftEnd[k]!) return Infinity;
    if (p.maxWork[k]! < Infinity) {
      const dep = bpos === 0 ? p.shiftStart[k]! : Math.max(p.shiftStart[k]!, firstStart - p.time[o + p.vStart[k]! * n + firstLoc]!);
      if (ret - dep > p.maxWork[k]! + 1e-9) return Infinity;
    }
    this.simTard = tard;
    this.simMax = maxT;
    this.simDist = d;
    return p.wDist * d + p.wTime * tt + p.wTard * tard + extra;
  }

  /**
   * Link lower bound of visit u (linked) on route k: from `lb` (global), or from the committed
   * starts of its partners on other routes (`local`, as in {@link simRoute}).
   */
  private linkLo(u: number, k: number, local: boolean): number {
    const p = this.p;
    if (!local) return this.lb[u]!;
    let lo = -Infinity;
    const l1 = p.linkOff[u + 1]!;
    for (let q = p.linkOff[u]!; q < l1; q++) {
      const l = p.linkIdx[q]!;
      const isA = p.linkA[l] === u;
      const w = isA ? p.linkB[l]! : p.linkA[l]!;
      const rw = this.routeOf[w]!;
      if (rw < 0 || rw === k) continue;
      const bound = isA ? this.start[w]! - p.linkMax[l]! : this.start[w]! + p.linkMin[l]!;
      if (bound > lo) lo = bound;
    }
    return lo;
  }

  /**
   * Where vehicle k takes its break on route k (with v inserted at pos when v ≥ 0; `len` visits):
   * the break before visit i (len: after the last visit), by the evaluator's rule (`breakPosition`
   * in evaluate.ts: an earliest-finish pass over the positions after the first visit, A = break not
   * yet taken, B = taken; position 0 (Z) when feasible and B is not or returns later), written
   * again here with scalars only, since the evaluator shares no code with the search. Returns -1
   * when no position is feasible. Three shortcuts leave the choice unchanged: Z is dropped once B
   * finishes a visit no later (B then returns no later and works no longer); with the break taken in place,
   * A is dropped once B is ready no later (taking the break later can then never finish earlier,
   * nor with less travel); and the pass stops when A and Z are gone (B's position is then final;
   * the caller's pass checks the rest of the route).
   */
  private breakPos(k: number, v: number, pos: number, len: number, local: boolean): number {
    const p = this.p;
    const n = p.nLoc;
    const nK = p.nVehicles;
    const b = k * this.stride;
    const o = p.vOff[k]!;
    const time = p.time;
    const dist = p.dist;
    const wD = p.wDist;
    const wT = p.wTime;
    const late = p.breakLatest[k]!;
    const atBase = p.breakAtBase[k] === 1;
    let prev = p.vStart[k]!;
    let tA = p.shiftStart[k]!;
    let cA = 0;
    let tB = Infinity;
    let cB = 0;
    let posB = 1;
    let tZ = Infinity;
    let firstStart = 0;
    let i = 0;
    // Candidates of one bestInsertion: resume from the cached state before visit pos.
    const pfx = v >= 0 && local && this.pfxOn;
    if (pfx) {
      if (this.pfxK !== k) {
        this.pfxK = k;
        this.pfxN = 0;
        this.pfxExitAt = len;
        this.pfxTA[0] = tA;
        this.pfxTB[0] = tB;
        this.pfxTZ[0] = tZ;
        this.pfxCA[0] = 0;
        this.pfxCB[0] = 0;
        this.pfxPosB[0] = 1;
        this.pfxFirst[0] = 0;
      }
      if (pos > this.pfxExitAt) return this.pfxExitVal;
      i = pos < this.pfxN ? pos : this.pfxN;
      tA = this.pfxTA[i]!;
      cA = this.pfxCA[i]!;
      tB = this.pfxTB[i]!;
      cB = this.pfxCB[i]!;
      posB = this.pfxPosB[i]!;
      tZ = this.pfxTZ[i]!;
      firstStart = this.pfxFirst[i]!;
      if (i > 0) prev = p.visitLoc[this.nodes[b + i - 1]!]!;
    }
    for (; i < len; i++) {
      if (pfx && i <= pos && i > this.pfxN) {
        this.pfxN = i;
        this.pfxTA[i] = tA;
        this.pfxCA[i] = cA;
        this.pfxTB[i] = tB;
        this.pfxCB[i] = cB;
        this.pfxPosB[i] = posB;
        this.pfxTZ[i] = tZ;
        this.pfxFirst[i] = firstStart;
      }
      const u = v < 0 ? this.nodes[b + i]! : i < pos ? this.nodes[b + i]! : i === pos ? v : this.nodes[b + i - 1]!;
      const ul = p.visitLoc[u]!;
      const du = p.duration[u * nK + k]!;
      const lo = p.linkOff[u + 1]! > p.linkOff[u]! ? this.linkLo(u, k, local) : -Infinity;
      const qu = o + prev * n + ul;
      const cLeg = wD * dist[qu]! + wT * time[qu]!;
      // The break now (from A), then u.
      let t2 = Infinity;
      let c2 = 0;
      const arr2 = this.viaBreak(k, tA, cA, prev, ul);
      if (arr2 < Infinity) {
        const s = earliestStart(p, u, arr2 > lo ? arr2 : lo);
        if (s !== Infinity) {
          t2 = s + du;
          c2 = this.bpCost;
        }
      }
      if (i === 0) tZ = t2;
      else {
        if (tZ < Infinity) {
          const arr = tZ + time[qu]!;
          const s = earliestStart(p, u, arr > lo ? arr : lo);
          tZ = s === Infinity ? Infinity : s + du;
        }
        // B continues with u, unless the break now finishes u earlier.
        let t1 = Infinity;
        if (tB < Infinity) {
          const arr = tB + time[qu]!;
          const s = earliestStart(p, u, arr > lo ? arr : lo);
          if (s !== Infinity) t1 = s + du;
        }
        const c1 = cB + cLeg;
        if (t2 < t1 || (t2 === t1 && t2 < Infinity && c2 < c1)) {
          tB = t2;
          cB = c2;
          posB = i;
        } else {
          tB = t1;
          cB = c1;
        }
        if (tB <= tZ) tZ = Infinity;
      }
      // A continues with u.
      if (tA < Infinity) {
        const arr = tA + time[qu]!;
        const s = earliestStart(p, u, arr > lo ? arr : lo);
        if (i === 0) firstStart = s;
        tA = s === Infinity ? Infinity : s + du;
        if (!atBase && tB <= tA) tA = Infinity;
      }
      cA += cLeg;
      prev = ul;
      if (!(tA <= late) && tZ === Infinity) {
        this.bpFallback = posB;
        const r = tB === Infinity ? -1 : posB;
        if (pfx && i < pos) {
          // Visits 0..i are the route's own: every later candidate position ends the same way.
          this.pfxExitAt = i;
          this.pfxExitVal = r;
        }
        return r;
      }
    }
    // Position len: the break after the last visit (from A), against B returning directly.
    const end = p.vEnd[k]!;
    const ret2 = this.viaBreak(k, tA, cA, prev, end);
    const c2 = this.bpCost;
    const qe = o + prev * n + end;
    let retB = tB + time[qe]!;
    const c1 = cB + (wD * dist[qe]! + wT * time[qe]!);
    if (ret2 < retB || (ret2 === retB && ret2 < Infinity && c2 < c1)) {
      retB = ret2;
      posB = len;
    }
    const start = p.shiftStart[k]!;
    const u0 = v < 0 || pos > 0 ? this.nodes[b]! : v;
    const depB = start > firstStart - time[o + p.vStart[k]! * n + p.visitLoc[u0]!]! ? start : firstStart - time[o + p.vStart[k]! * n + p.visitLoc[u0]!]!;
    const okB = retB <= p.shiftEnd[k]! && retB - depB <= p.maxWork[k]! + 1e-9;
    const retZ = tZ + time[qe]!;
    if (retZ <= p.shiftEnd[k]! && retZ - start <= p.maxWork[k]! + 1e-9 && (!okB || retZ < retB)) return 0;
    this.bpFallback = posB;
    return okB ? posB : -1;
  }

  /**
   * From state A of {@link breakPos} (vehicle k ready at `t` at location `loc`, travel cost `c` so
   * far): the break (at the base when its rule says so), then the leg to location `to`. Returns the
   * arrival at `to` and leaves the travel cost up to it in `bpCost`; Infinity when the break can no
   * longer start in its window.
   */
  private viaBreak(k: number, t: number, c: number, loc: number, to: number): number {
    const p = this.p;
    const n = p.nLoc;
    const o = p.vOff[k]!;
    const late = p.breakLatest[k]!;
    if (!(t <= late)) return Infinity;
    const base = p.vEnd[k]!;
    if (p.breakAtBase[k] === 1 && loc !== base) {
      const q = o + loc * n + base;
      t += p.time[q]!;
      c += p.wDist * p.dist[q]! + p.wTime * p.time[q]!;
      loc = base;
    }
    const early = p.breakEarliest[k]!;
    const bs = t > early ? t : early;
    if (bs > late) return Infinity;
    const q = o + loc * n + to;
    this.bpCost = c + (p.wDist * p.dist[q]! + p.wTime * p.time[q]!);
    return bs + p.breakDur[k]! + p.time[q]!;
  }

  /** Start time per visit of the committed schedule (NaN when unassigned). */
  starts(): number[] {
    return Array.from(this.start, (s, v) => (this.routeOf[v]! < 0 ? NaN : s));
  }
}

/** Latest start ≤ `bound` inside one of v's (hard) windows, or -Infinity. */
function latestStart(p: Problem, v: number, bound: number): number {
  for (let w = p.twOff[v + 1]! - 1; w >= p.twOff[v]!; w--) {
    if (p.twStart[w]! <= bound) return bound < p.twEnd[w]! ? bound : p.twEnd[w]!;
  }
  return -Infinity;
}

/** Groups vehicles whose data (travel profile included) is identical (so empty ones are interchangeable). */
function vehicleClasses(p: Problem): Int32Array {
  const nK = p.nVehicles;
  const nV = p.nVisits;
  const cls = new Int32Array(nK);
  const keys = new Map<string, number>();
  for (let k = 0; k < nK; k++) {
    const parts: number[] = [p.vOff[k]!, p.vStart[k]!, p.vEnd[k]!, p.shiftStart[k]!, p.shiftEnd[k]!, p.capacity[k]!, p.maxWork[k]!, p.breakDur[k]!, p.breakEarliest[k]!, p.breakLatest[k]!, p.breakAtBase[k]!, p.fixedCost[k]!];
    for (let v = 0; v < nV; v++) {
      parts.push(p.compat[v * nK + k]!, p.duration[v * nK + k]!);
      if (p.assignCost) parts.push(p.assignCost[v * nK + k]!);
    }
    const key = parts.join(',');
    let c = keys.get(key);
    if (c === undefined) {
      c = k;
      keys.set(key, c);
    }
    cls[k] = c;
  }
  return cls;
}
