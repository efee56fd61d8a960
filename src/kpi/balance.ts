import type { KpiContext } from './context.js';
import { minMax, stdev } from './stats.js';
import type { StaffWorkload } from './time-shares.js';

/** Spread of client minutes across staff. */
export interface ClientMinutesSpread {
  readonly min: number;
  readonly max: number;
  /** Population standard deviation. */
  readonly stdev: number;
}

/**
 * Balance of client time across staff: min, max and population standard deviation of client minutes
 * per staff member, over the instance's staff with at least one shift (a staff member with shifts but
 * no visits counts with 0). `null` when no staff member has a shift.
 */
export function computeBalance(ctx: KpiContext, byStaff: ReadonlyMap<string, StaffWorkload>): ClientMinutesSpread | null {
  const values = ctx.instance.staff.filter((s) => s.shifts.length > 0).map((s) => byStaff.get(s.id)?.clientMinutes ?? 0);
  const range = minMax(values);
  const sd = stdev(values);
  if (range === null || sd === null) return null;
  return { min: range.min, max: range.max, stdev: sd };
}
