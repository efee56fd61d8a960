/**
 * Undo journal of the working solution. The search changes one solution in place (ruin, recreate,
 * local search) and either keeps the result or rolls it back; a proposal that needs its link
 * partners moved is priced by committing it inside a nested journal and rolling back. Before a
 * route changes its first time in a journal, the journal keeps a copy of it; rolling back restores
 * those copies and every visit's place and start from them.
 */
import { Route } from './route.js';

/** What a journal restores besides routes: the solution's scalar state. */
export interface JournalScalars {
  optionalCost: number;
  pairCost: number;
}

/** One level of undo. */
export class Journal {
  /** Routes changed since {@link open}, in order of first change. */
  readonly touched: Int32Array;
  nTouched = 0;
  private readonly saved: (Route | null)[];
  private readonly stamp: Int32Array;
  private epoch = 1;
  /** Visits taken from unassigned into a route (they become unassigned again on rollback). */
  readonly placed: Int32Array;
  nPlaced = 0;
  /** Pair count changes, `[index, delta, …]`. */
  pairLog: Int32Array;
  nPairLog = 0;
  unplanned: Int32Array;
  scalars: JournalScalars = { optionalCost: 0, pairCost: 0 };
  active = false;
  /** Routes are saved without their caches (see Route.copyScheduleFrom): a dry run or a commit guard. */
  light = false;
  /** A dry run: only this level records (the outer levels never see its changes). */
  dryRun = false;

  constructor(nVehicles: number, nVisits: number, nLevels: number) {
    this.touched = new Int32Array(nVehicles);
    this.saved = new Array<Route | null>(nVehicles).fill(null);
    this.stamp = new Int32Array(nVehicles);
    this.placed = new Int32Array(nVisits);
    this.pairLog = new Int32Array(64);
    this.unplanned = new Int32Array(nLevels);
  }

  /** Starts recording (`light`: for a dry run). */
  open(unplanned: Int32Array, scalars: JournalScalars, light = false, dryRun = false): void {
    this.light = light;
    this.dryRun = dryRun;
    this.epoch++;
    this.nTouched = 0;
    this.nPlaced = 0;
    this.nPairLog = 0;
    this.unplanned.set(unplanned);
    this.scalars = { optionalCost: scalars.optionalCost, pairCost: scalars.pairCost };
    this.active = true;
  }

  /** Whether route k changed in this journal. */
  has(k: number): boolean {
    return this.stamp[k] === this.epoch;
  }

  /** Keeps a copy of route k before its first change. */
  save(k: number, route: Route): void {
    if (this.stamp[k] === this.epoch) return;
    this.stamp[k] = this.epoch;
    this.touched[this.nTouched++] = k;
    const copy = this.saved[k] ?? (this.saved[k] = new Route(Math.max(8, route.len)));
    if (this.light) copy.copyScheduleFrom(route);
    else copy.copyFrom(route);
  }

  /** The saved copy of route k (valid while {@link has}(k)). */
  savedRoute(k: number): Route {
    return this.saved[k]!;
  }

  /** Records a visit placed from unassigned. */
  notePlaced(v: number): void {
    this.placed[this.nPlaced++] = v;
  }

  /** Records a pair count change. */
  notePair(index: number, delta: number): void {
    if (this.nPairLog + 2 > this.pairLog.length) {
      const grown = new Int32Array(this.pairLog.length * 2);
      grown.set(this.pairLog);
      this.pairLog = grown;
    }
    this.pairLog[this.nPairLog++] = index;
    this.pairLog[this.nPairLog++] = delta;
  }

  /** Stops recording (the changes stay). */
  close(): void {
    this.active = false;
  }
}
