import { clockMinutes, type PeriodClock } from '../calendar.js';
import { taskWindows } from '../validate/semantic.js';
import type { Client } from '../schema/instance.js';
import type { KpiContext, VisitFact } from './context.js';
import { count, tally, tallyShare, type Tally } from './stats.js';

/** Preference tallies of one client (a tally is empty when the preference does not apply). */
export interface ClientPreferenceTallies {
  readonly time: Tally;
  readonly staff: Tally;
  readonly day: Tally;
}

/** Preference-satisfaction KPIs. */
export interface PreferencesResult {
  readonly kpi: {
    readonly timeShare: number | null;
    readonly staffShare: number | null;
    readonly dayShare: number | null;
  };
  readonly byClient: ReadonlyMap<string, ClientPreferenceTallies>;
}

/** Time-range preferences of a client that apply on an ISO weekday. */
function rangesOn(client: Client, weekday: number): { start: number; end: number }[] {
  return client.preferences.timeRanges
    .filter((r) => r.weekdays === undefined || r.weekdays.includes(weekday))
    .map((r) => ({ start: clockMinutes(r.start), end: clockMinutes(r.end) }));
}

/**
 * True when a preferred range concerns the visit: some start the visit's tasks allow that day (the
 * intersection of their windows) lies in the range. A 07:30–08:30 wish is about the morning visit,
 * not about the evening one, which could never meet it.
 */
function concerns(clock: PeriodClock, v: VisitFact, ranges: readonly { start: number; end: number }[]): boolean {
  const day = clock.shiftInterval(v.date, '00:00', '00:00').start;
  let allowed: { start: number; end: number }[] | null = null;
  for (const t of v.tasks) {
    if (!t.task) continue;
    const w = taskWindows(clock, v.date, t.task).map((x) => ({ start: x.start - day, end: x.end - day }));
    allowed = allowed === null ? w : allowed.flatMap((a) => w.map((b) => ({ start: Math.max(a.start, b.start), end: Math.min(a.end, b.end) }))).filter((x) => x.start <= x.end);
  }
  if (allowed === null) return true;
  return allowed.some((a) => ranges.some((r) => a.start <= r.end && r.start <= a.end));
}

/** True when the visit contains a task whose day is free within the week (weekly, every other week). */
function isWeeklyTaskVisit(v: VisitFact): boolean {
  return v.tasks.some((t) => t.task?.frequency.type === 'weekly' || t.task?.frequency.type === 'everyOtherWeek');
}

/**
 * Preference satisfaction, pooled over visits:
 * - `timeShare`: of visits of clients with a time-range preference applying on the visit's weekday
 *   and concerning the visit (its tasks allow a start inside a preferred range that day), the share
 *   whose local start time lies in one of those ranges (both ends inclusive);
 * - `staffShare`: of visits of clients with `preferredStaff`, the share with one of them among the staff
 *   (the named contact counts only when listed in `preferredStaff`);
 * - `dayShare`: of visits containing a weekly or every-other-week task, of clients with preferred
 *   `days`, the share on one of those weekdays.
 * Each is `null` when its denominator is 0.
 */
export function computePreferences(ctx: KpiContext): PreferencesResult {
  const time = tally();
  const staff = tally();
  const day = tally();
  const byClient = new Map<string, ClientPreferenceTallies>();
  for (const client of ctx.instance.clients) {
    const t: ClientPreferenceTallies = { time: tally(), staff: tally(), day: tally() };
    byClient.set(client.id, t);
    const preferred = new Set(client.preferences.preferredStaff);
    const days = client.preferences.days;
    for (const v of ctx.visitsByClient.get(client.id) ?? []) {
      const ranges = rangesOn(client, v.weekday);
      if (ranges.length > 0 && concerns(ctx.clock, v, ranges)) {
        const hit = ranges.some((r) => v.clockMinute >= r.start && v.clockMinute <= r.end);
        count(t.time, hit);
        count(time, hit);
      }
      if (preferred.size > 0) {
        const hit = v.visit.staff.some((s) => preferred.has(s));
        count(t.staff, hit);
        count(staff, hit);
      }
      if (days !== undefined && days.length > 0 && isWeeklyTaskVisit(v)) {
        const hit = days.includes(v.weekday);
        count(t.day, hit);
        count(day, hit);
      }
    }
  }
  return {
    kpi: { timeShare: tallyShare(time), staffShare: tallyShare(staff), dayShare: tallyShare(day) },
    byClient,
  };
}
