/**
 * Re-timing of the working solution after a change of visits: the changed routes take their break
 * where the schedule model's pass puts it (with the partners' current starts) and are timed with
 * it; when linked visits are involved, every route linked to the change (through any chain of
 * links) is timed from scratch to the least fixed point — the only schedule the evaluator accepts —
 * and afterwards only routes whose starts moved, or whose partners' did, rebuild their caches.
 */
import type { Problem } from './problem.js';
import { changeCost } from './route-change.js';
import type { Route } from './route.js';
import { CommittedPartners, fixedTiming, refreshRoute, timeFixed, type FixedTiming, type RefreshScratch } from './schedule.js';
import { Scanner } from './scanner.js';

/** What the re-timing reads and writes of the working solution (see WorkingSolution). */
export interface RetimeHost {
  readonly p: Problem;
  readonly routes: readonly Route[];
  readonly routeOf: Int32Array;
  readonly posOf: Int32Array;
  readonly start: Float64Array;
  readonly oldStart: Float64Array;
  readonly pending: Int32Array;
  readonly isPending: Uint8Array;
  readonly nPending: number;
  readonly droppedLinked: boolean;
  readonly droppedList: Int32Array;
  readonly nDropped: number;
  readonly presetBreak: Int32Array;
  readonly dry: boolean;
  /** Saves route k for undo before it changes. */
  touch(k: number): void;
}

const EPS = 1e-9;

/** The re-timing of one working solution; owns its scratch. */
export class Retimer {
  private readonly scratch: RefreshScratch;
  private readonly timing: FixedTiming = fixedTiming();
  private readonly queue: Int32Array;
  private readonly queued: Uint8Array;
  private readonly mark: Int32Array;
  private epoch = 0;
  private readonly comp: Int32Array;
  /** Timings of each route in the current propagation (see {@link propagate}). */
  private readonly timings: Int32Array;
  private readonly timingsStamp: Int32Array;
  private timingsEpoch = 0;
  /** Routes whose caches the current re-timing must rebuild (stamped). */
  private readonly need: Int32Array;
  private needEpoch = 0;

  constructor(private readonly sol: RetimeHost) {
    const p = sol.p;
    const nK = p.nVehicles;
    this.scratch = {
      scanner: new Scanner(p, sol.routeOf, sol.posOf),
      partners: new CommittedPartners(sol.routeOf, sol.start),
      timing: fixedTiming(),
      detail: { travelBefore: new Float64Array(64), tardiness: new Float64Array(64), taint: new Uint8Array(64) },
      starts: new Float64Array(64),
    };
    this.queue = new Int32Array(nK);
    this.queued = new Uint8Array(nK);
    this.mark = new Int32Array(nK);
    this.comp = new Int32Array(nK);
    this.timings = new Int32Array(nK);
    this.timingsStamp = new Int32Array(nK);
    this.need = new Int32Array(nK);
  }

  /** Times and caches every route (a new solution). */
  refreshAll(): void {
    for (let k = 0; k < this.sol.p.nVehicles; k++) this.finalize(k);
  }

  /** Re-times and re-caches routes `ks` as they stand (after an undo that kept no caches). */
  refreshRoutes(ks: readonly number[]): void {
    this.epoch++;
    for (const k of ks) this.finalize(k);
  }

  /**
   * Re-times the pending routes: each takes its break where the schedule model's pass puts it (with
   * the partners' current starts). When linked visits are involved, every route linked to the
   * change (through any chain of links) is timed from scratch to the least fixed point — any other
   * start would differ from the evaluator's — and afterwards only routes whose starts moved, or
   * whose partners' did, rebuild their cached data.
   */
  run(): boolean {
    const p = this.sol.p;
    const sc = this.scratch.scanner;
    const nChanged = this.sol.nPending;
    let linked = this.sol.droppedLinked;
    for (let i = 0; i < nChanged; i++) {
      const k = this.sol.pending[i]!;
      const r = this.sol.routes[k]!;
      for (let x = 0; x < r.len && !linked; x++) if (p.linkFirst[r.nodes[x]! + 1]! > p.linkFirst[r.nodes[x]!]!) linked = true;
      if (r.len === 0 || p.breakDuration[k] === 0) r.breakPos = -1;
      else if (this.sol.presetBreak[k]! >= 0) r.breakPos = this.sol.presetBreak[k]!;
      else {
        this.scratch.partners.route = k;
        sc.start(k, this.scratch.partners);
        for (let x = 0; x < r.len; x++) sc.step(r.nodes[x]!);
        sc.finish();
        r.breakPos = sc.breakPos;
      }
    }
    const epoch = ++this.epoch;
    let nComp = 0;
    const add = (k: number): void => {
      this.comp[nComp++] = k;
    };
    for (let i = 0; i < nChanged; i++) {
      const k = this.sol.pending[i]!;
      this.mark[k] = epoch;
      add(k);
    }
    let ok = true;
    let nRefresh = nComp;
    if (!linked) {
      for (let i = 0; i < nChanged; i++) this.timeRoute(this.sol.pending[i]!);
    } else {
      for (let i = 0; i < this.sol.nDropped; i++) this.addPartnerRoutes(this.sol.droppedList[i]!, epoch, add);
      for (let i = 0; i < nComp; i++) {
        const r = this.sol.routes[this.comp[i]!]!;
        for (let x = 0; x < r.len; x++) this.addPartnerRoutes(r.nodes[x]!, epoch, add);
      }
      let qt = 0;
      for (let i = 0; i < nComp; i++) {
        const k = this.comp[i]!;
        this.sol.touch(k);
        const r = this.sol.routes[k]!;
        for (let x = 0; x < r.len; x++) {
          const v = r.nodes[x]!;
          if (!this.sol.isPending[k]) this.sol.oldStart[v] = this.sol.start[v]!;
          this.sol.start[v] = NaN;
        }
        this.queue[qt++] = k;
        this.queued[k] = 1;
      }
      ok = this.propagate(qt);
      // Caches: changed routes first (comp[0 .. nChanged)), then routes whose starts or whose partners' starts moved.
      nRefresh = ok ? this.refreshSet(nChanged, nComp, epoch) : nComp;
    }
    for (let i = 0; i < nRefresh; i++) this.finalize(this.comp[i]!, !ok);
    if (!ok) return false;
    for (let i = 0; i < nRefresh; i++) if (this.sol.routes[this.comp[i]!]!.cost === Infinity) return false;
    return true;
  }

  /**
   * Reorders comp[nChanged .. nComp) so that the routes needing fresh caches come first (a start
   * moved, or a partner's linked start did) and returns how many routes to refresh in all.
   */
  private refreshSet(nChanged: number, nComp: number, epoch: number): number {
    const p = this.sol.p;
    const need = ++this.needEpoch;
    const mark = (k: number): void => {
      if (this.need[k] !== need) this.need[k] = need;
    };
    // Partners of visits that dropped out lost a bound: their caches are stale even if their starts held.
    for (let i = 0; i < this.sol.nDropped; i++) this.addPartnerRoutes(this.sol.droppedList[i]!, -1, (q) => mark(q));
    for (let i = 0; i < nComp; i++) {
      const k = this.comp[i]!;
      const r = this.sol.routes[k]!;
      if (i < nChanged) mark(k);
      for (let x = 0; x < r.len; x++) {
        const v = r.nodes[x]!;
        if (this.sol.start[v] === this.sol.oldStart[v]) continue;
        mark(k);
        if (p.linkFirst[v + 1]! > p.linkFirst[v]!) this.addPartnerRoutes(v, -1, (q) => mark(q));
      }
    }
    let n = nChanged;
    for (let i = nChanged; i < nComp; i++) {
      const k = this.comp[i]!;
      if (this.need[k] === need) {
        this.comp[i] = this.comp[n]!;
        this.comp[n++] = k;
      }
    }
    void epoch;
    return n;
  }

  /** Adds the routes of v's assigned partners that are not in the set yet. */
  private addPartnerRoutes(v: number, epoch: number, add: (k: number) => void): void {
    const p = this.sol.p;
    for (let x = p.linkFirst[v]!; x < p.linkFirst[v + 1]!; x++) {
      const l = p.visitLinks[x]!;
      const w = p.linkA[l] === v ? p.linkB[l]! : p.linkA[l]!;
      const rw = this.sol.routeOf[w]!;
      if (rw < 0) continue;
      if (epoch < 0) add(rw);
      else if (this.mark[rw] !== epoch) {
        this.mark[rw] = epoch;
        add(rw);
      }
    }
  }

  /** Queues the routes of route k's partners whose bounds k's current starts violate; returns the queue's new tail. */
  private pushViolated(k: number, qt: number): number {
    const p = this.sol.p;
    const r = this.sol.routes[k]!;
    for (let x = 0; x < r.len; x++) {
      const u = r.nodes[x]!;
      const su = this.sol.start[u]!;
      for (let y = p.linkFirst[u]!; y < p.linkFirst[u + 1]!; y++) {
        const l = p.visitLinks[y]!;
        const isA = p.linkA[l] === u;
        const w = isA ? p.linkB[l]! : p.linkA[l]!;
        const rw = this.sol.routeOf[w]!;
        if (rw < 0 || rw === k || this.queued[rw]) continue;
        const sw = this.sol.start[w]!;
        if (!(sw === sw)) continue; // not timed yet: it is queued already
        const need = isA ? su + p.linkMin[l]! : su - p.linkMax[l]!;
        if (sw < need - EPS) {
          this.queued[rw] = 1;
          this.queue[qt++ % this.queue.length] = rw;
        }
      }
    }
    return qt;
  }

  /**
   * Times queued routes until no link bound is violated (each route's starts only rise, so this is
   * the least fixed point above the starting schedule). Returns false on a missed window, or when
   * starts keep rising (links with a positive cycle).
   */
  private propagate(qt: number): boolean {
    const n = this.queue.length;
    let qh = 0;
    // As in Bellman–Ford, without a cycle of links that keeps pushing starts no route needs more
    // timings than there are links (+ its first); more prove such a cycle. So does a start past the
    // horizon (see Problem.horizon), which usually ends a cycle sooner.
    const limit = this.sol.p.nLinks + 2;
    const stamp = ++this.timingsEpoch;
    while (qh !== qt) {
      const k = this.queue[qh++ % n]!;
      this.queued[k] = 0;
      if (this.timingsStamp[k] !== stamp) {
        this.timingsStamp[k] = stamp;
        this.timings[k] = 0;
      }
      if (++this.timings[k]! > limit) {
        this.clearQueue(qh, qt);
        return false;
      }
      this.sol.touch(k);
      this.timeRoute(k);
      if (this.timing.missed) {
        this.clearQueue(qh, qt);
        return false;
      }
      qt = this.pushViolated(k, qt);
    }
    return true;
  }

  private clearQueue(qh: number, qt: number): void {
    const n = this.queue.length;
    for (; qh !== qt; qh++) this.queued[this.queue[qh % n]!] = 0;
  }

  /** Times route k with its committed break (partners' current starts) and writes its starts. */
  private timeRoute(k: number): void {
    const p = this.sol.p;
    const r = this.sol.routes[k]!;
    timeFixed(p, k, k, r.nodes, r.len, r.breakPos, this.sol.routeOf, this.sol.posOf, this.sol.start, r.committed, this.timing);
    for (let x = 0; x < r.len; x++) {
      const v = r.nodes[x]!;
      const s = r.committed[x]!;
      this.sol.start[v] = s;
    }
    const t = this.timing;
    r.ret = t.ret;
    r.breakStart = t.breakStart;
    r.dist = t.dist;
    r.travelTime = t.travelTime;
    r.tardiness = t.tardiness;
    r.maxTardiness = t.feasible ? t.maxTardiness : 0;
    r.timedFeasible = t.feasible;
  }

  /** Refreshes route k's cached schedule data and its cost (after its starts are final); a dry run only prices it. */
  private finalize(k: number, infeasible = false): void {
    const p = this.sol.p;
    const r = this.sol.routes[k]!;
    this.sol.touch(k);
    if (!this.isTimed(k)) this.timeRoute(k);
    if (this.sol.dry) {
      let load = 0;
      let assign = 0;
      let refIn = 0;
      for (let x = 0; x < r.len; x++) {
        const v = r.nodes[x]!;
        load += p.demand[v]!;
        if (p.assignCost) assign += p.assignCost[v * p.nVehicles + k]!;
        if (p.referenceVehicle[v] === k) refIn++;
      }
      r.load = load;
      r.assign = assign;
      r.refIn = refIn;
    } else {
      refreshRoute(p, k, k, r, this.sol.routeOf, this.sol.posOf, this.sol.start, this.scratch);
      r.load = r.loadPrefix[r.len]!;
      r.assign = r.assignPrefix[r.len]!;
      r.refIn = r.refPrefix[r.len]!;
    }
    const load = r.load;
    let compatible = true;
    for (let x = 0; x < r.len && compatible; x++) if (!p.compat[r.nodes[x]! * p.nVehicles + k]) compatible = false;
    if (infeasible || !compatible || !r.timedFeasible || load > p.capacity[k]! + 1e-9) {
      r.cost = Infinity;
      return;
    }
    r.cost = (r.len === 0 ? 0 : p.wDist * r.dist + p.wTime * r.travelTime + p.wTard * r.tardiness + r.assign + p.fixedCost[k]!) + changeCost(p, k, r.len, r.refIn);
  }

  /** Whether route k was timed in the current re-timing (every changed or propagated route is). */
  private isTimed(k: number): boolean {
    return this.mark[k] === this.epoch && this.epoch > 0;
  }
}
