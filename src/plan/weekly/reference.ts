/**
 * Next period like the last: what the plan of the previous period (the reference) gives a new
 * period's planning — the visit each candidate continues, the continuity history, and start windows
 * at the reference's clock times.
 */
import { addDaysToDate, isoWeekday, PeriodClock } from '../../calendar.js';
import type { Instance } from '../../schema/instance.js';
import type { Plan, PlannedVisit } from '../../schema/plan.js';
import type { PreviousVisit } from '../terms/index.js';
import { cutWindows, type WeekModel, type Window } from './model.js';

/** A visit keeps "about the same clock time" when it starts within this many minutes of the reference's. */
export const CONSISTENCY_TIME_MINUTES = 30;

/** Half-width of the narrowed windows around the reference time (well inside {@link CONSISTENCY_TIME_MINUTES}). */
export const CONSISTENCY_WINDOW_MINUTES = 15;

/** Per candidate, the reference visit it continues and that visit's clock time on the candidate's date. */
export interface ReferenceMatch {
  readonly previous: readonly (PreviousVisit | null)[];
  /** Per candidate: the reference's local start time on the candidate's date (period minutes), or -1. */
  readonly minute: Int32Array;
}

/** Local `HH:MM` of an instant written with its offset (`2026-11-24T08:10:00+01:00` → `08:10`). */
function clockOfInstant(iso: string): string {
  return iso.slice(11, 16);
}

/** Key of a visit for matching: client and the set of task ids. */
function visitKey(clientId: string, tasks: readonly string[]): string {
  return `${clientId}\u0000${[...new Set(tasks)].sort().join('\u0000')}`;
}

/** A visit of this period to match: its key, date, and its order among the same key's visits that day. */
interface Item {
  readonly key: string;
  readonly date: string;
  readonly order: number;
}

/**
 * The reference visit each item continues: the same key (client, task ids) and weekday. Of the
 * reference dates with such visits the one nearest to the item's date minus `days` is taken (last
 * period's counterpart day; ties: the later); several visits of one key that day pair in start
 * order (items by `order`). Reference visits whose client or staff `known` rejects are left out.
 */
function counterparts(items: readonly Item[], reference: readonly PlannedVisit[], days: number, known: (v: PlannedVisit) => boolean): (PlannedVisit | null)[] {
  const byKey = new Map<string, Map<string, PlannedVisit[]>>();
  for (const v of reference) {
    if (!known(v)) continue;
    const key = `${visitKey(v.clientId, v.tasks.map((t) => t.taskId))}\u0000${isoWeekday(v.date)}`;
    const dates = byKey.get(key) ?? byKey.set(key, new Map()).get(key)!;
    (dates.get(v.date) ?? dates.set(v.date, []).get(v.date)!).push(v);
  }
  for (const dates of byKey.values()) for (const list of dates.values()) list.sort((a, b) => a.start.localeCompare(b.start) || a.id.localeCompare(b.id));
  const groups = new Map<string, number[]>();
  items.forEach((it, i) => {
    const g = `${it.key}\u0000${isoWeekday(it.date)}`;
    const byDate = `${g}\u0000${it.date}`;
    (groups.get(byDate) ?? groups.set(byDate, []).get(byDate)!).push(i);
  });
  const out: (PlannedVisit | null)[] = items.map(() => null);
  const day = (date: string): number => Date.parse(`${date}T00:00:00Z`) / 86_400_000;
  for (const [g, list] of groups) {
    const date = items[list[0]!]!.date;
    const dates = byKey.get(g.slice(0, g.lastIndexOf('\u0000')));
    if (!dates) continue;
    const target = day(date) - days;
    let best: string | undefined;
    for (const d of dates.keys()) {
      const dist = Math.abs(day(d) - target);
      const bestDist = best === undefined ? Infinity : Math.abs(day(best) - target);
      if (dist < bestDist || (dist === bestDist && d > best!)) best = d;
    }
    const refs = dates.get(best!)!;
    list.sort((a, b) => items[a]!.order - items[b]!.order || a - b);
    list.forEach((i, k) => (out[i] = refs[k] ?? null));
  }
  return out;
}

/**
 * Matches every visit candidate to the visit of the reference it continues: the same client, the
 * same set of task ids, the same weekday (see `counterparts`: last period's counterpart day; with a
 * 7-day reference for a 14-day period both weeks look at it; candidates in order of their earliest
 * allowed start). Reference visits of clients or staff unknown to the instance are left out; a
 * candidate without a counterpart gets null.
 */
export function matchReference(model: WeekModel, reference: Plan): ReferenceMatch {
  const { clock, candidates, occurrences, instance } = model;
  const staffIds = new Set(instance.staff.map((s) => s.id));
  const items = candidates.map((c) => {
    const o = c.members.map((m) => occurrences[m]!);
    return { key: visitKey(o[0]!.client.id, o.map((x) => x.task.id)), date: o[0]!.date, order: c.windows[0]!.start };
  });
  const refs = counterparts(items, reference.visits, clock.days, (v) => model.clientIndex.has(v.clientId) && v.staff.every((s) => staffIds.has(s)));
  const minute = new Int32Array(candidates.length).fill(-1);
  const previous = refs.map((v, ci) => {
    if (!v) return null;
    const start = clockOfInstant(v.start);
    minute[ci] = clock.toMinute(items[ci]!.date, start);
    return { visitId: v.id, date: v.date, start, staff: [...v.staff].sort() };
  });
  return { previous, minute };
}

/** How far a plan keeps the staff and clock times of a reference plan (for benchmarks and tests). */
export interface ReferenceAgreement {
  /** Visits of the plan continuing a visit of the reference (same client, task ids, weekday). */
  readonly recurring: number;
  /** Of those, visits starting within {@link CONSISTENCY_TIME_MINUTES} of the reference's clock time. */
  readonly withinTime: number;
  /** Staff of those reference visits who have a shift covering the visit at the reference time that day. */
  readonly staffOnShift: number;
  /** Of those, the ones who make the visit again. */
  readonly staffKept: number;
}

/**
 * Compares a plan with the reference plan of the period before: visits are matched as the planner
 * matches them (client, task ids, weekday; visits of a day in start order); a reference staff member
 * counts as available when one of their shifts that day covers the visit at the reference's clock time.
 */
export function referenceAgreement(instance: Instance, plan: Plan, reference: Plan): ReferenceAgreement {
  const clock = new PeriodClock(instance.period.start, instance.period.days, instance.period.timeZone);
  const staff = new Map(instance.staff.map((s) => [s.id, s]));
  const clients = new Set(instance.clients.map((c) => c.id));
  const visits = plan.visits;
  const items = visits.map((v) => ({ key: visitKey(v.clientId, v.tasks.map((t) => t.taskId)), date: v.date, order: clock.parseInstant(v.start) }));
  const refs = counterparts(items, reference.visits, clock.days, (v) => clients.has(v.clientId));
  let recurring = 0;
  let withinTime = 0;
  let staffOnShift = 0;
  let staffKept = 0;
  refs.forEach((r, i) => {
    if (!r) return;
    const v = visits[i]!;
    recurring++;
    const at = clock.toMinute(v.date, clockOfInstant(r.start));
    const length = clock.parseInstant(v.end) - clock.parseInstant(v.start);
    if (Math.abs(clock.parseInstant(v.start) - at) <= CONSISTENCY_TIME_MINUTES) withinTime++;
    for (const id of r.staff) {
      const covers = (staff.get(id)?.shifts ?? []).some((sh) => {
        const iv = clock.shiftInterval(sh.date, sh.start, sh.end);
        return iv.start <= at && at + length <= iv.end;
      });
      if (!covers) continue;
      staffOnShift++;
      if (v.staff.includes(id)) staffKept++;
    }
  });
  return { recurring, withinTime, staffOnShift, staffKept };
}

/**
 * The reference's visits as the continuity history when the instance has none, counted like
 * `historyCounts` counts an instance's history: visits per (client, staff) in the part of the
 * national measure's 14-day window before the period (`[c · nStaff + s]`). A 7-day period counts
 * the 7 days before it; a 14-day period's window is the period itself, so there the reference adds
 * no history — what ties it to the last period is the `consistency` term (counting last period's
 * pairs as met would make every one of them cheap and stop the planner gathering a client's visits
 * on few staff, which is what the national measure counts).
 */
export function referenceHistory(model: WeekModel, reference: Plan): Int32Array {
  const { instance, clock, clientIndex, staffIndex } = model;
  const nS = instance.staff.length;
  const out = new Int32Array(instance.clients.length * nS);
  const from = clock.toMinute(addDaysToDate(clock.firstDate, -Math.max(0, 14 - clock.days)), '00:00');
  const to = clock.toMinute(clock.firstDate, '00:00');
  for (const v of reference.visits) {
    const c = clientIndex.get(v.clientId);
    const at = clock.parseInstant(v.start);
    if (c === undefined || at < from || at >= to) continue;
    for (const id of v.staff) {
      const s = staffIndex.get(id);
      if (s !== undefined) out[c * nS + s]!++;
    }
  }
  return out;
}

/**
 * The narrowed start windows of a period planned like the last: a candidate with a reference
 * counterpart starts within ±{@link CONSISTENCY_WINDOW_MINUTES} of the reference's clock time
 * (inside the client's preferred times where those allow it, else inside its allowed windows);
 * others keep their preferred windows. As with preferred times, a candidate that cannot be planned
 * so gets its allowed windows back (`WeekWindows.relax`).
 */
export function consistencyWindows(model: WeekModel, match: ReferenceMatch): (readonly Window[] | null)[] {
  return model.candidates.map((cand, ci) => {
    const pref = model.preferredWindows[ci] ?? null;
    const t = match.minute[ci]!;
    if (t < 0) return pref;
    const near = [{ start: t - CONSISTENCY_WINDOW_MINUTES, end: t + CONSISTENCY_WINDOW_MINUTES }];
    const inPref = pref ? cutWindows(pref, near) : [];
    if (inPref.length > 0) return inPref;
    const inAllowed = cutWindows(cand.windows, near);
    return inAllowed.length > 0 ? inAllowed : pref;
  });
}

/**
 * The reference's routes carried over to this period, as engine routes per day (vehicle = position
 * in the day's shift list, -1 at the break): every candidate with a counterpart goes to the shift of
 * its reference staff member that covers the reference's clock time that day (the second staff
 * member of a double-staffed visit takes its second half), in order of the reference times, with
 * the break where the reference had it. Visits whose staff has no such shift are left for the search.
 * A warm start: `planWeekly` takes it, day by day, where it is no worse than the greedy seed.
 */
export function referenceRoutes(model: WeekModel, reference: Plan, match: ReferenceMatch): number[][][] {
  const { clock } = model;
  const breaks = new Map<string, string>();
  for (const r of reference.routes) for (const e of r.events) if (e.type === 'break') breaks.set(`${r.staffId}\u0000${r.date}`, clockOfInstant(e.start));
  return model.days.map((m) => {
    const date = clock.dates[m.day]!;
    const spans = m.shifts.map((si) => {
      const { staff, shift } = model.shifts[si]!;
      return { staff: staff.id, ...clock.shiftInterval(shift.date, shift.start, shift.end) };
    });
    const stops: { at: number; v: number }[][] = m.shifts.map(() => []);
    const sources: (string | undefined)[] = m.shifts.map(() => undefined);
    m.visits.forEach((dv, i) => {
      const p = match.previous[dv.cand];
      const at = match.minute[dv.cand]!;
      const id = p?.staff[dv.half];
      if (!p || id === undefined) return;
      const k = spans.findIndex((s) => s.staff === id && s.start <= at && at <= s.end);
      if (k < 0) return;
      stops[k]!.push({ at, v: i });
      sources[k] ??= p.date;
    });
    return stops.map((list, k) => {
      list.sort((a, b) => a.at - b.at || a.v - b.v);
      const out = list.map((s) => s.v);
      const brk = sources[k] === undefined ? undefined : breaks.get(`${spans[k]!.staff}\u0000${sources[k]!}`);
      if (brk !== undefined && model.vehicles[m.shifts[k]!]!.break) {
        const t = clock.toMinute(date, brk);
        const pos = list.findIndex((s) => s.at > t);
        out.splice(pos < 0 ? out.length : pos, 0, -1);
      }
      return out;
    });
  });
}

/**
 * What a weekly occurrence on a day the reference did not have it costs in the days LP: above a day
 * the client does not prefer (20), a day without the named contact (the `notNamed` weight, 10 in
 * `balanced`) and a day next to the same task (8) together, so last period's days — which were
 * chosen under those costs — win unless the days' capacity now says otherwise.
 */
export const REFERENCE_DAY_COST = 100;

/**
 * For the days LP (`GrantedModelOptions.referenceDay`): whether the reference had a client's task
 * on a date's counterpart day (the date minus the period length), so that weekly and every-other-week
 * tasks keep last period's weekdays. Where the reference does not cover the counterpart week (a
 * 7-day reference for a 14-day period), any date of the same weekday in it counts.
 */
export function referenceDays(reference: Plan, days: number): (clientId: string, taskId: string, date: string) => boolean {
  const byTask = new Map<string, Set<string>>();
  let first = '9999-12-31';
  let last = '0000-01-01';
  for (const v of reference.visits) {
    if (v.date < first) first = v.date;
    if (v.date > last) last = v.date;
    for (const t of v.tasks) {
      const key = `${v.clientId}\u0000${t.taskId}`;
      (byTask.get(key) ?? byTask.set(key, new Set()).get(key)!).add(v.date);
    }
  }
  const weekdays = new Map([...byTask].map(([k, dates]) => [k, new Set([...dates].map(isoWeekday))]));
  return (clientId, taskId, date) => {
    const key = `${clientId}\u0000${taskId}`;
    const counterpart = addDaysToDate(date, -days);
    if (counterpart >= first && counterpart <= last) return byTask.get(key)?.has(counterpart) ?? false;
    return weekdays.get(key)?.has(isoWeekday(date)) ?? false;
  };
}
