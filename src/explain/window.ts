/**
 * Distinct staff per client over the two 14-day windows of the rules: the national continuity
 * measure's window (counted visits only, as `computeContinuity` counts them) and the continuity
 * cap's window (every visit, as the `MAX_DISTINCT_STAFF` check counts them).
 * @module
 */
import { addDaysToDate, clockMinutes } from '../calendar.js';
import type { KpiContext } from '../kpi/context.js';
import { hasCountedCategory, isCountedClock, type ContinuityKpi } from '../kpi/continuity.js';
import type { TaskCategory } from '../schema/instance.js';

/** Distinct staff per client id over the national window and over the cap window. */
export interface WindowStaff {
  /** Counted staff (07:00–22:00 starts, not only alarm/meal delivery, nurses left out) in the national window. */
  readonly national: ReadonlyMap<string, ReadonlySet<string>>;
  /** Every staff member of every visit in the 14 days ending with the period (history included). */
  readonly cap: ReadonlyMap<string, ReadonlySet<string>>;
  /** First date of the cap window. */
  readonly capFrom: string;
  /** Last date of the cap window (the period's last day). */
  readonly capTo: string;
}

/**
 * Staff of a visit that the national measure counts: none when the visit starts outside
 * 07:00–22:00 or consists only of alarm/meal-delivery tasks, else every staff member but nurses.
 */
function countedStaff(ctx: KpiContext, clockMinute: number, categories: readonly (TaskCategory | undefined)[], staff: readonly string[]): string[] {
  if (!isCountedClock(clockMinute) || !hasCountedCategory(categories)) return [];
  return staff.filter((id) => ctx.staff.get(id)?.role !== 'nurse');
}

function addAll(map: Map<string, Set<string>>, clientId: string, staff: readonly string[]): void {
  let set = map.get(clientId);
  if (!set) map.set(clientId, (set = new Set()));
  for (const s of staff) set.add(s);
}

/**
 * Distinct staff per client in both windows. The national window follows the continuity KPI
 * (`national.usesHistory`: the 7 history days before a 7-day period, else the period itself).
 */
export function windowStaff(ctx: KpiContext, national: ContinuityKpi['national']): WindowStaff {
  const { start, days } = ctx.instance.period;
  const capFrom = addDaysToDate(start, days - 14);
  const historyFrom = national.usesHistory ? addDaysToDate(start, -7) : start;
  const nationalSets = new Map<string, Set<string>>();
  const capSets = new Map<string, Set<string>>();
  // ISO dates compare correctly as strings.
  for (const h of ctx.instance.history) {
    if (h.date >= start) continue;
    if (h.date >= capFrom) addAll(capSets, h.clientId, h.staff);
    if (h.date >= historyFrom) addAll(nationalSets, h.clientId, countedStaff(ctx, clockMinutes(h.start), h.categories, h.staff));
  }
  for (const v of ctx.visits) {
    addAll(capSets, v.visit.clientId, v.visit.staff);
    if (ctx.clock.dayIndex(v.date) < 0) continue;
    const categories = v.tasks.map((t) => t.task?.category);
    addAll(nationalSets, v.visit.clientId, countedStaff(ctx, v.clockMinute, categories, v.visit.staff));
  }
  return { national: nationalSets, cap: capSets, capFrom, capTo: ctx.clock.dates[ctx.clock.dates.length - 1]! };
}
