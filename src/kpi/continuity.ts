import { addDaysToDate, clockMinutes } from '../calendar.js';
import type { HistoryVisit, TaskCategory } from '../schema/instance.js';
import type { KpiContext, VisitFact } from './context.js';
import { mean, median } from './stats.js';

/** First local clock minute at which a visit start is counted by the national measure (07:00). */
export const COUNTED_FROM_MINUTE = 7 * 60;
/** Local clock minute from which visit starts are no longer counted (22:00, exclusive: night patrol). */
export const COUNTED_UNTIL_MINUTE = 22 * 60;
/** Categories that alone do not make a visit count (alarm responses, meal deliveries). */
export const UNCOUNTED_CATEGORIES: ReadonlySet<TaskCategory> = new Set<TaskCategory>(['alarm', 'meal_delivery']);

/** The national continuity measure ("personalkontinuitet") and the all-clients count. */
export interface ContinuityKpi {
  readonly national: {
    /** Clients with at least two counted visits on every day of the window. */
    readonly eligibleClients: number;
    readonly mean: number | null;
    readonly median: number | null;
    /** Days of the window: 14, or 7 for a 7-day period without history. */
    readonly windowDays: number;
    /** True when history visits before the period complete the window. */
    readonly usesHistory: boolean;
    /** Why the window is not the national 14 days (no names, no ids). */
    readonly note?: string;
  };
  readonly all: { readonly clients: number; readonly mean: number | null; readonly median: number | null };
}

/** Continuity KPIs plus per-client values for the breakdown. */
export interface ContinuityResult {
  readonly kpi: ContinuityKpi;
  /** Per client id: distinct counted staff when eligible for the national measure. */
  readonly nationalByClient: ReadonlyMap<string, number>;
  /** Per client id with at least one visit: distinct staff over the period (no exclusions). */
  readonly allByClient: ReadonlyMap<string, number>;
}

/** True when a local start clock minute lies in the counted range [07:00, 22:00). */
export function isCountedClock(clockMinute: number): boolean {
  return clockMinute >= COUNTED_FROM_MINUTE && clockMinute < COUNTED_UNTIL_MINUTE;
}

/** True when the categories are not all alarm responses or meal deliveries. */
export function hasCountedCategory(categories: readonly (TaskCategory | undefined)[]): boolean {
  return categories.some((c) => c === undefined || !UNCOUNTED_CATEGORIES.has(c));
}

/**
 * Staff of a visit that count for the national measure: everyone but staff with role `nurse`
 * (licensed HSL staff). Ids not in the instance (e.g. staff seen only in history) are counted.
 */
function countedStaff(ctx: KpiContext, staff: readonly string[]): string[] {
  return staff.filter((id) => ctx.staff.get(id)?.role !== 'nurse');
}

interface CountedVisit {
  readonly clientId: string;
  readonly date: string;
  readonly staff: readonly string[];
}

/**
 * A planned visit as the national measure sees it, or `null` when it is not counted: it must start
 * 07:00–22:00 local time (22:00 itself is night), not consist only of alarm/meal-delivery tasks, and have
 * at least one counted (non-nurse) staff member — a visit made only by licensed HSL staff is not a home-care visit
 * for the measure, neither for eligibility nor for the staff count.
 */
function countedPlanVisit(ctx: KpiContext, v: VisitFact): CountedVisit | null {
  if (!isCountedClock(v.clockMinute)) return null;
  if (!hasCountedCategory(v.tasks.map((t) => t.task?.category))) return null;
  const staff = countedStaff(ctx, v.visit.staff);
  if (staff.length === 0) return null;
  return { clientId: v.visit.clientId, date: v.date, staff };
}

/** A history visit as the national measure sees it (same rules as {@link countedPlanVisit}). */
function countedHistoryVisit(ctx: KpiContext, h: HistoryVisit): CountedVisit | null {
  if (!isCountedClock(clockMinutes(h.start))) return null;
  if (!hasCountedCategory(h.categories)) return null;
  const staff = countedStaff(ctx, h.staff);
  if (staff.length === 0) return null;
  return { clientId: h.clientId, date: h.date, staff };
}

/** The 7 local dates before the period start, oldest first. */
function previousWeek(start: string): string[] {
  const out: string[] = [];
  for (let d = -7; d < 0; d++) out.push(addDaysToDate(start, d));
  return out;
}

/**
 * Computes continuity.
 *
 * National measure: the window is the period itself when it has 14 days. For a 7-day period the
 * history's previous 7 days complete a 14-day window when the history covers them (at least one
 * history visit on each of those 7 dates); otherwise the 7-day count is reported with
 * `windowDays: 7`, `usesHistory: false` and a note. A client is eligible with at least two counted
 * visits on every day of the window; its value is the number of distinct counted staff in the
 * window. Mean and median over eligible clients (`null` with none).
 *
 * `all`: distinct staff (any role, any time, any task) per client over the period, for every client
 * with at least one visit.
 */
export function computeContinuity(ctx: KpiContext): ContinuityResult {
  const periodDates = ctx.clock.dates;
  let windowDates: readonly string[] = periodDates;
  let usesHistory = false;
  let note: string | undefined;
  const counted: CountedVisit[] = [];
  if (periodDates.length < 14) {
    const before = previousWeek(ctx.instance.period.start);
    const historyDates = new Set(ctx.instance.history.map((h) => h.date));
    if (ctx.instance.history.length > 0 && before.every((d) => historyDates.has(d))) {
      usesHistory = true;
      windowDates = [...before, ...periodDates];
      // Only the 7 days before the period: the plan itself covers the period days, even when an
      // exported history overlaps them.
      const beforeSet = new Set(before);
      for (const h of ctx.instance.history) {
        if (!beforeSet.has(h.date)) continue;
        const c = countedHistoryVisit(ctx, h);
        if (c) counted.push(c);
      }
    } else {
      note =
        ctx.instance.history.length > 0
          ? `history does not cover the ${before.length} days before the period; distinct staff counted over the ${periodDates.length}-day period, not the national 14-day window`
          : `no history before the period; distinct staff counted over the ${periodDates.length}-day period, not the national 14-day window`;
    }
  }
  for (const v of ctx.visits) {
    const c = countedPlanVisit(ctx, v);
    if (c) counted.push(c);
  }

  const windowSet = new Set(windowDates);
  const perDay = new Map<string, Map<string, number>>();
  const staffSets = new Map<string, Set<string>>();
  for (const c of counted) {
    if (!windowSet.has(c.date)) continue;
    let days = perDay.get(c.clientId);
    if (!days) perDay.set(c.clientId, (days = new Map()));
    days.set(c.date, (days.get(c.date) ?? 0) + 1);
    let set = staffSets.get(c.clientId);
    if (!set) staffSets.set(c.clientId, (set = new Set()));
    for (const s of c.staff) set.add(s);
  }
  const nationalByClient = new Map<string, number>();
  for (const [clientId, days] of [...perDay].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (windowDates.every((d) => (days.get(d) ?? 0) >= 2)) nationalByClient.set(clientId, staffSets.get(clientId)!.size);
  }

  const allSets = new Map<string, Set<string>>();
  for (const v of ctx.visits) {
    let set = allSets.get(v.visit.clientId);
    if (!set) allSets.set(v.visit.clientId, (set = new Set()));
    for (const s of v.visit.staff) set.add(s);
  }
  const allByClient = new Map([...allSets].map(([id, set]) => [id, set.size] as const));

  const nationalValues = [...nationalByClient.values()];
  const allValues = [...allByClient.values()];
  return {
    kpi: {
      national: {
        eligibleClients: nationalValues.length,
        mean: mean(nationalValues),
        median: median(nationalValues),
        windowDays: windowDates.length,
        usesHistory,
        ...(note === undefined ? {} : { note }),
      },
      all: { clients: allValues.length, mean: mean(allValues), median: median(allValues) },
    },
    nationalByClient,
    allByClient,
  };
}
