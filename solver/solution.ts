/**
 * The search's private, mutable working solution: routes (one per vehicle), where each visit is,
 * the committed schedule, and the score's parts (unplanned visits per level, the cost of optional
 * visits left out, pair costs). Every change of visits re-times the changed routes by the schedule
 * model (the break where its pass puts it) and propagates link bounds to the least fixed point;
 * an undo {@link Journal} lets the search try changes and roll them back.
 */
import { Journal } from './journal.js';
import { pairPrice, type Problem } from './problem.js';
import { Retimer } from './retime.js';
import { Route } from './route.js';
import type { Score } from './score.js';

/** Marks the break's position in route lists ({@link WorkingSolution.routeLists}). */
export const BREAK = -1;

/** A mutable solution with incremental schedule bookkeeping. */
export class WorkingSolution {
  readonly routes: Route[];
  /** Route (vehicle) of each visit, -1 when unassigned. */
  readonly routeOf: Int32Array;
  readonly posOf: Int32Array;
  /** Committed start per visit (NaN when unassigned). */
  readonly start: Float64Array;
  /** Unassigned required visits per priority level. */
  readonly unplanned: Int32Array;
  /** Σ penalties of optional visits left out. */
  optionalCost = 0;
  /** Σ pair costs (see ProblemSpec.pairs). */
  pairCost = 0;
  /** Visits per (group, owner) pair in this solution (or in all solutions sharing the array). */
  readonly pairCount: Int32Array;
  /** Visits removed by the last ruin and not yet reinserted (the recreate's list). */
  readonly removed: Int32Array;
  nRemoved = 0;
  private readonly journals: Journal[];
  private depth = 0;
  private readonly flux: Int32Array;
  private readonly retimer: Retimer;
  // Engine-internal state the Retimer reads (not for callers).
  /** @internal Starts before the current change, per visit (to see what moved). */
  readonly oldStart: Float64Array;
  /** @internal Routes changed since the last re-timing. */
  readonly pending: Int32Array;
  /** @internal 1 for pending routes. */
  readonly isPending: Uint8Array;
  /** @internal Number of pending routes. */
  nPending = 0;
  /** @internal Whether a visit with links dropped out (its partners may move earlier). */
  droppedLinked = false;
  /** @internal Linked visits that dropped out, `droppedList[0 .. nDropped)`. */
  readonly droppedList: Int32Array;
  /** @internal */
  nDropped = 0;
  /** @internal Inside {@link dryRun}: only its (light) journal records, and caches stay as they are. */
  dry = false;

  /**
   * @param sharedPairs pair counts to share with other solutions (the days of a period, for a
   *   greedy that prices each day against the others), `nGroups · nOwners` entries; default own.
   */
  constructor(
    readonly p: Problem,
    sharedPairs?: Int32Array,
  ) {
    const nV = p.nVisits;
    const nK = p.nVehicles;
    this.routes = Array.from({ length: nK }, () => new Route());
    this.routeOf = new Int32Array(nV).fill(-1);
    this.posOf = new Int32Array(nV).fill(-1);
    this.start = new Float64Array(nV).fill(NaN);
    this.unplanned = new Int32Array(p.nLevels);
    if (sharedPairs && sharedPairs.length !== p.nGroups * p.nOwners) throw new Error(`shared pair counts: ${sharedPairs.length} entries, expected ${p.nGroups * p.nOwners}`);
    this.pairCount = sharedPairs ?? new Int32Array(p.nGroups * p.nOwners);
    this.removed = new Int32Array(nV);
    this.journals = [0, 1, 2, 3].map(() => new Journal(nK, nV, p.nLevels));
    this.oldStart = new Float64Array(nV).fill(NaN);
    this.flux = new Int32Array(nV);
    this.pending = new Int32Array(nK);
    this.isPending = new Uint8Array(nK);
    this.droppedList = new Int32Array(nV);
    this.presetBreak = new Int32Array(nK).fill(-2);
    for (let v = 0; v < nV; v++) {
      if (p.level[v]! >= 0) this.unplanned[p.level[v]!]!++;
      else this.optionalCost += p.optionalPenalty[v]!;
    }
    this.retimer = new Retimer(this);
    this.retimer.refreshAll();
  }

  /** The soft cost: routes (travel, tardiness, per-visit, fixed and route-change costs), optional visits left out, pairs, the largest tardiness. */
  cost(): number {
    let c = this.optionalCost + this.pairCost;
    let m = 0;
    for (const r of this.routes) {
      c += r.cost;
      if (r.maxTardiness > m) m = r.maxTardiness;
    }
    return c + this.p.wMaxTard * m;
  }

  /** The largest tardiness over routes other than `a` and `b`. */
  maxTardinessExcept(a: number, b: number): number {
    let m = 0;
    for (let k = 0; k < this.routes.length; k++) if (k !== a && k !== b && this.routes[k]!.maxTardiness > m) m = this.routes[k]!.maxTardiness;
    return m;
  }

  /** Writes the score (unplanned per level, then the cost) into `out`. */
  score(out: Score): Score {
    out.unplanned.set(this.unplanned);
    out.cost = this.cost();
    return out;
  }

  /** True when every route keeps every rule. */
  feasible(): boolean {
    return this.routes.every((r) => r.cost !== Infinity);
  }

  /** Routes as visit lists per vehicle, with {@link BREAK} where the break is taken. */
  routeLists(): number[][] {
    return this.routes.map((r) => {
      const out = Array.from(r.nodes.subarray(0, r.len));
      if (r.len > 0 && r.breakPos >= 0) out.splice(r.breakPos, 0, BREAK);
      return out;
    });
  }

  /** Visits not in any route. */
  unassigned(): number[] {
    const out: number[] = [];
    for (let v = 0; v < this.p.nVisits; v++) if (this.routeOf[v]! < 0) out.push(v);
    return out;
  }

  /** Number of non-empty routes. */
  vehiclesUsed(): number {
    let n = 0;
    for (const r of this.routes) if (r.len > 0) n++;
    return n;
  }

  // ---- Undo -----------------------------------------------------------------------------------

  /** Opens an undo level (four may be open at once: the search's iteration, a repair in it, a commit guard or a dry run, …). */
  begin(): void {
    this.open(false, false);
  }

  private open(light: boolean, dryRun: boolean): void {
    if (this.depth === this.journals.length) throw new Error(`undo levels: at most ${this.journals.length} may be open at once`);
    this.mark0(this.depth);
    this.journals[this.depth++]!.open(this.unplanned, this, light, dryRun);
  }

  /**
   * Runs `change` (a commit) under a guard: when it leaves a rule broken, everything is as before
   * (visits, schedules, caches, score). Returns its result. A dry run needs no guard.
   */
  guarded(change: () => boolean): boolean {
    if (this.dry) return change();
    this.open(true, false);
    if (change()) {
      this.keep();
      return true;
    }
    const j = this.journals[this.depth - 1]!;
    const touched = Array.from(j.touched.subarray(0, j.nTouched));
    this.rollback();
    // The guard saved no caches: rebuild them from the restored schedules.
    this.retimer.refreshRoutes(touched);
    return false;
  }

  /**
   * Remembers how long the outer levels' logs are when level `depth` opens: rolling that level back
   * must also drop what it logged into them (or an outer rollback would undo it twice).
   */
  private mark0(depth: number): void {
    for (let d = 0; d < depth; d++) {
      this.logMarks[depth * 4 + d] = this.journals[d]!.nPairLog;
      this.placedMarks[depth * 4 + d] = this.journals[d]!.nPlaced;
    }
  }
  private readonly logMarks = new Int32Array(16);
  private readonly placedMarks = new Int32Array(16);

  /**
   * The soft cost after replacing routes `ks` by `seqs` (as {@link setSequences}; Infinity when a
   * rule breaks), found by a dry run that is undone at once: routes are re-timed and link bounds
   * propagated, but no cached schedule data is rebuilt and nothing stays changed.
   */
  dryRun(ks: ArrayLike<number>, seqs: readonly ArrayLike<number>[]): number {
    this.open(true, true);
    this.dry = true;
    const ok = this.setSequences(ks, seqs);
    const cost = ok ? this.cost() : Infinity;
    this.dry = false;
    this.rollback();
    return cost;
  }



  /** Closes the innermost undo level and keeps its changes. */
  keep(): void {
    this.journals[--this.depth]!.close();
  }

  /** Closes the innermost undo level and restores the solution as it was when it opened. */
  rollback(): void {
    const j = this.journals[--this.depth]!;
    j.close();
    // Visits now in changed routes, or placed from unassigned, lose their place; saved routes give it back.
    for (let i = 0; i < j.nTouched; i++) {
      const r = this.routes[j.touched[i]!]!;
      for (let x = 0; x < r.len; x++) this.unplace(r.nodes[x]!);
    }
    for (let i = 0; i < j.nPlaced; i++) this.unplace(j.placed[i]!);
    for (let i = 0; i < j.nTouched; i++) {
      const k = j.touched[i]!;
      const r = this.routes[k]!;
      if (j.light) r.copyScheduleFrom(j.savedRoute(k));
      else r.copyFrom(j.savedRoute(k));
      for (let x = 0; x < r.len; x++) {
        const v = r.nodes[x]!;
        this.routeOf[v] = k;
        this.posOf[v] = x;
        this.start[v] = r.committed[x]!;
      }
    }
    for (let i = j.nPairLog - 2; i >= 0; i -= 2) this.pairCount[j.pairLog[i]!]! -= j.pairLog[i + 1]!;
    if (!j.dryRun) {
      for (let d = 0; d < this.depth; d++) {
        this.journals[d]!.nPairLog = this.logMarks[this.depth * 4 + d]!;
        this.journals[d]!.nPlaced = this.placedMarks[this.depth * 4 + d]!;
      }
    }
    this.unplanned.set(j.unplanned);
    this.optionalCost = j.scalars.optionalCost;
    this.pairCost = j.scalars.pairCost;
  }

  private unplace(v: number): void {
    this.routeOf[v] = -1;
    this.posOf[v] = -1;
    this.start[v] = NaN;
  }

  /** Routes changed in the outermost open undo level (the local search works around them). */
  changedRoutes(): { readonly list: Int32Array; readonly count: number } {
    const j = this.journals[0]!;
    return { list: j.touched, count: j.nTouched };
  }

  /** Visits placed from unassigned in the outermost open undo level (some may have left again). */
  placedVisits(): { readonly list: Int32Array; readonly count: number } {
    const j = this.journals[0]!;
    return { list: j.placed, count: j.nPlaced };
  }

  /** Whether route k changed in the outermost open undo level. */
  isChanged(k: number): boolean {
    return this.journals[0]!.active && this.journals[0]!.has(k);
  }

  /**
   * Saves route k in every open journal before it changes. In a dry run only its own journal
   * saves: undoing it restores exactly what the outer levels would have saved.
   */
  /** @internal Saves route k for undo (the Retimer calls it before it re-times a route). */
  touch(k: number): void {
    if (this.dry) this.journals[this.depth - 1]!.save(k, this.routes[k]!);
    else for (let d = 0; d < this.depth; d++) this.journals[d]!.save(k, this.routes[k]!);
  }

  // ---- Pair costs -----------------------------------------------------------------------------

  /** Pair index of visit v on vehicle k, or -1. */
  pairIndex(v: number, k: number): number {
    const g = this.p.visitGroup[v]!;
    const o = this.p.vehicleOwner[k]!;
    return g < 0 || o < 0 ? -1 : g * this.p.nOwners + o;
  }

  /** Visits a pair has in all: outside the problem and in this solution. */
  pairTotal(index: number): number {
    return (this.p.pairMet ? this.p.pairMet[index]! : 0) + this.pairCount[index]!;
  }

  private pairChange(v: number, k: number, sign: 1 | -1): void {
    const i = this.pairIndex(v, k);
    if (i < 0) return;
    if (sign === 1) {
      this.pairCost += pairPrice(this.p, this.pairTotal(i));
      this.pairCount[i]!++;
    } else {
      this.pairCount[i]!--;
      this.pairCost -= pairPrice(this.p, this.pairTotal(i));
    }
    if (this.dry) this.journals[this.depth - 1]!.notePair(i, sign);
    else for (let d = 0; d < this.depth; d++) this.journals[d]!.notePair(i, sign);
  }

  // ---- Changes --------------------------------------------------------------------------------

  /**
   * Places all routes (visit lists per vehicle). A route with a {@link BREAK} entry keeps its break
   * there (so a solution handed out by {@link routeLists} comes back exactly); one without gets its
   * break where the schedule model's pass puts it.
   */
  setRoutes(lists: readonly (readonly number[])[]): boolean {
    const seen = new Uint8Array(this.p.nVisits);
    const seqs = this.routes.map((_, k) => {
      const list = lists[k] ?? [];
      const seq = list.filter((v) => v !== BREAK);
      this.presetBreak[k] = list.includes(BREAK) && seq.length > 0 && this.p.breakDuration[k]! > 0 ? list.indexOf(BREAK) : -2;
      for (const v of seq) {
        if (!(Number.isInteger(v) && v >= 0 && v < this.p.nVisits) || seen[v]) throw new Error(`setRoutes: visit ${v} is unknown or listed twice`);
        seen[v] = 1;
      }
      return seq;
    });
    return this.setSequences(
      this.routes.map((_, k) => k),
      seqs,
    );
  }

  /** @internal Per route: a break position {@link setRoutes} was given (-2: none; the model chooses). */
  readonly presetBreak: Int32Array;

  /**
   * Replaces the visits of routes `ks` by `seqs` (any visit may move between them, come from
   * unassigned, or drop out to unassigned; `seqs` must not alias the routes' own arrays), then
   * re-times; `breaks` (optional, per route, -1 = the model chooses) fixes break positions.
   * Returns whether every route keeps every rule afterwards.
   */
  setSequences(ks: ArrayLike<number>, seqs: readonly ArrayLike<number>[], breaks?: ArrayLike<number>): boolean {
    if (breaks) for (let i = 0; i < ks.length; i++) if (breaks[i]! >= 0 && this.p.breakDuration[ks[i]!]! > 0) this.presetBreak[ks[i]!] = breaks[i]!;
    let nFlux = 0;
    for (let i = 0; i < ks.length; i++) {
      const k = ks[i]!;
      this.markPending(k);
      const r = this.routes[k]!;
      for (let x = 0; x < r.len; x++) {
        const v = r.nodes[x]!;
        this.pairChange(v, k, -1);
        this.routeOf[v] = -2;
        this.flux[nFlux++] = v;
      }
    }
    for (let i = 0; i < ks.length; i++) {
      const k = ks[i]!;
      const seq = seqs[i]!;
      const r = this.routes[k]!;
      r.reserve(seq.length);
      r.len = seq.length;
      for (let x = 0; x < seq.length; x++) {
        const v = seq[x]!;
        const was = this.routeOf[v]!;
        if (was >= 0) throw new Error(`setSequences: visit ${v} is on route ${was}, which does not change`);
        if (was === -1) this.placeFromUnassigned(v);
        r.nodes[x] = v;
        this.routeOf[v] = k;
        this.posOf[v] = x;
        this.pairChange(v, k, 1);
      }
    }
    for (let i = 0; i < nFlux; i++) {
      const v = this.flux[i]!;
      if (this.routeOf[v] === -2) this.dropToUnassigned(v);
    }
    return this.retime();
  }

  /** Inserts unassigned visit v into route k before position pos and re-times. */
  insert(v: number, k: number, pos: number): boolean {
    const r = this.routes[k]!;
    this.markPending(k);
    r.reserve(r.len + 1);
    for (let x = r.len; x > pos; x--) {
      const w = r.nodes[x - 1]!;
      r.nodes[x] = w;
      this.posOf[w] = x;
    }
    r.nodes[pos] = v;
    r.len++;
    this.routeOf[v] = k;
    this.posOf[v] = pos;
    this.placeFromUnassigned(v);
    this.pairChange(v, k, 1);
    return this.retime();
  }

  /** Takes visit v out of its route (the ruin's step; {@link finishRemovals} re-times) and lists it in {@link removed}. */
  remove(v: number): void {
    const k = this.routeOf[v]!;
    if (k < 0) return;
    const r = this.routes[k]!;
    this.markPending(k);
    for (let x = this.posOf[v]!; x < r.len - 1; x++) {
      const w = r.nodes[x + 1]!;
      r.nodes[x] = w;
      this.posOf[w] = x;
    }
    r.len--;
    this.pairChange(v, k, -1);
    this.dropToUnassigned(v);
    this.removed[this.nRemoved++] = v;
  }

  /** Re-times the routes changed by {@link remove}; returns whether every route keeps every rule. */
  finishRemovals(): boolean {
    return this.nPending === 0 ? this.feasible() : this.retime();
  }

  private placeFromUnassigned(v: number): void {
    const p = this.p;
    if (p.level[v]! >= 0) this.unplanned[p.level[v]!]!--;
    else this.optionalCost -= p.optionalPenalty[v]!;
    if (this.dry) this.journals[this.depth - 1]!.notePlaced(v);
    else for (let d = 0; d < this.depth; d++) this.journals[d]!.notePlaced(v);
    this.oldStart[v] = NaN;
  }

  private dropToUnassigned(v: number): void {
    const p = this.p;
    this.unplace(v);
    if (p.level[v]! >= 0) this.unplanned[p.level[v]!]!++;
    else this.optionalCost += p.optionalPenalty[v]!;
    if (p.linkFirst[v + 1]! > p.linkFirst[v]!) {
      this.droppedLinked = true;
      this.droppedList[this.nDropped++] = v;
    }
  }

  /** Route k is about to change: saved for undo, its starts kept to see whether partners may move earlier. */
  private markPending(k: number): void {
    if (this.isPending[k]) return;
    this.touch(k);
    this.isPending[k] = 1;
    this.pending[this.nPending++] = k;
    const r = this.routes[k]!;
    for (let x = 0; x < r.len; x++) this.oldStart[r.nodes[x]!] = this.start[r.nodes[x]!]!;
  }

  /** Re-times the pending routes ({@link Retimer.run}). */
  private retime(): boolean {
    const ok = this.retimer.run();
    for (let i = 0; i < this.nPending; i++) this.isPending[this.pending[i]!] = 0;
    this.nPending = 0;
    this.droppedLinked = false;
    this.nDropped = 0;
    this.presetBreak.fill(-2);
    return ok;
  }
}
