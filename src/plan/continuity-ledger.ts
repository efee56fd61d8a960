/**
 * Continuity bookkeeping across the days of a period: how many visits each staff member makes to
 * each client, so that a day's routing can price "another new face" for a client exactly, given
 * what the other days already do. Pure, integer counts.
 */
export class ContinuityLedger {
  /** `count[c * nStaff + s]`: visits of client c by staff s (history and all planned days). */
  readonly count: Int32Array;
  /** Per day, the (client, staff) pairs that day contributes, to take them out again. */
  private readonly byDay: Map<number, Int32Array>;

  constructor(
    readonly nClients: number,
    readonly nStaff: number,
    history?: Int32Array,
  ) {
    this.count = history ? Int32Array.from(history) : new Int32Array(nClients * nStaff);
    this.byDay = new Map();
  }

  /** Replaces day `day`'s contribution with `pairs` (flat `[client, staff, client, staff, …]`). */
  setDay(day: number, pairs: Int32Array): void {
    const old = this.byDay.get(day);
    if (old) for (let i = 0; i < old.length; i += 2) this.count[old[i]! * this.nStaff + old[i + 1]!]!--;
    for (let i = 0; i < pairs.length; i += 2) this.count[pairs[i]! * this.nStaff + pairs[i + 1]!]!++;
    this.byDay.set(day, pairs);
  }

  /**
   * Visits per (client, staff) on days other than `day` (history included), as
   * `[c * nStaff + s]`: 0 means that assigning `s` to one of `c`'s visits on `day` adds a new face.
   */
  othersThan(day: number): Int32Array {
    const out = Int32Array.from(this.count);
    const own = this.byDay.get(day);
    if (own) for (let i = 0; i < own.length; i += 2) out[own[i]! * this.nStaff + own[i + 1]!]!--;
    return out;
  }
}
