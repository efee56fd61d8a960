import type { Instance } from '../schema/instance.js';
import type { Plan } from '../schema/plan.js';
import type { StaffingCurves } from './curve.js';
import { neededOf } from './summary.js';

/** An optional shift to release (not call in). */
export interface ReleaseSuggestion {
  readonly staffId: string;
  readonly shiftId: string;
  readonly team: string;
  readonly date: string;
  readonly start: string;
  readonly end: string;
  readonly why: string;
}

/** Shifts to add where demand exceeds the roster. */
export interface AddSuggestion {
  readonly team: string;
  readonly date: string;
  readonly start: string;
  readonly end: string;
  /** How many such shifts. */
  readonly count: number;
  /** Skills the missing work needs (task skills), sorted. */
  readonly skills: readonly string[];
  readonly why: string;
}

/** The roster delta of `slinga staffing --suggest`. */
export interface RosterDelta {
  readonly basis: 'plan' | 'estimate';
  readonly release: readonly ReleaseSuggestion[];
  readonly add: readonly AddSuggestion[];
}

/** Missing staff below this (in an interval) round to nobody: the curves are averages over the interval. */
export const ADD_THRESHOLD = 0.5;

/** Shortest shift suggested: shorter needs are rounded up to it. */
export const MIN_ADDED_SHIFT_MINUTES = 180;

/**
 * Suggests a roster delta.
 * - Release: with a plan, its released optional shifts (no route); without one, optional shifts
 *   whose span the fixed shifts and the optional shifts kept still cover with the estimate
 *   (latest first, each release lowering the supply before the next is tried).
 * - Add: per team and date, each run of intervals where staff needed exceed staff on shift (with a
 *   plan: its unplanned work, estimated like the instance estimate, is added to the needed curve)
 *   of at least {@link ADD_THRESHOLD} staff becomes (largest shortfall, rounded) shifts from the run's start to its end (at least
 *   {@link MIN_ADDED_SHIFT_MINUTES}), with the skills of the team's tasks due in it.
 */
export function suggestRoster(instance: Instance, curves: StaffingCurves, plan?: Plan): RosterDelta {
  const basis = plan ? 'plan' : 'estimate';
  const { clock, interval } = curves;
  const teamOf = new Map(instance.staff.map((s) => [s.id, s.team]));
  const release: ReleaseSuggestion[] = [];
  const byTeam = new Map(curves.teams.map((t) => [t.team, t]));
  // Working copy of the supply when releasing without a plan: fixed shifts + every optional shift.
  const supply = new Map(curves.teams.map((t) => [t.team, Float64Array.from(t.rostered)]));
  if (plan) {
    for (const r of plan.releasedShifts ?? []) {
      release.push({ staffId: r.staffId, shiftId: r.shiftId, team: teamOf.get(r.staffId) ?? '', date: r.date, start: r.start, end: r.end, why: `the plan has no route on it (${r.paidMinutes} paid minutes saved)` });
    }
  } else {
    const optional = instance.staff.flatMap((s) => s.shifts.filter((sh) => sh.optional).map((shift) => ({ staff: s, shift, iv: clock.shiftInterval(shift.date, shift.start, shift.end) })));
    optional.sort((a, b) => b.iv.start - a.iv.start || (a.shift.id < b.shift.id ? -1 : 1));
    for (const { staff, shift, iv } of optional) {
      const s = supply.get(staff.team)!;
      const need = byTeam.get(staff.team)!.estimate;
      let fits = true;
      for (let i = Math.floor(iv.start / interval); i < Math.ceil(iv.end / interval) && fits; i++) fits = s[i]! - 1 >= need[i]! - 1e-9;
      if (!fits) continue;
      for (let i = Math.floor(iv.start / interval); i < Math.ceil(iv.end / interval); i++) s[i]! -= 1;
      release.push({ staffId: staff.id, shiftId: shift.id, team: staff.team, date: shift.date, start: shift.start, end: shift.end, why: 'the other shifts cover the estimated demand over its whole span' });
    }
  }

  // Missing work per team and interval: the estimate beyond the supply, or the plan's unplanned work.
  const missing = new Map(curves.teams.map((t) => [t.team, new Float64Array(curves.nIntervals)]));
  if (plan) {
    for (const u of plan.unplanned) {
      const client = instance.clients.find((c) => c.id === u.clientId);
      const task = client?.tasks.find((t) => t.id === u.taskId);
      if (!client || !task) continue;
      const windows = task.fixedTime ? [{ start: task.fixedTime.time, end: task.fixedTime.time }] : task.windows.length > 0 ? task.windows : [{ start: '07:00', end: '21:00' }];
      for (let d = clock.dayIndex(u.from); d <= clock.dayIndex(u.to) && d < clock.days; d++) {
        const date = clock.dates[d]!;
        const from = clock.toMinute(date, windows[0]!.start);
        const to = clock.toMinute(date, windows[windows.length - 1]!.end) + task.duration.standard;
        const perDay = u.minutes / Math.max(1, clock.dayIndex(u.to) - clock.dayIndex(u.from) + 1);
        const m = missing.get(client.team)!;
        for (let i = Math.floor(from / interval); i < Math.ceil(to / interval); i++) m[i]! += perDay / Math.max(1, to - from);
      }
    }
  } else {
    for (const t of curves.teams) {
      const m = missing.get(t.team)!;
      const need = neededOf(t, 'estimate');
      const s = supply.get(t.team)!;
      for (let i = 0; i < curves.nIntervals; i++) m[i] = Math.max(0, need[i]! - s[i]!);
    }
  }

  const add: AddSuggestion[] = [];
  for (const t of curves.teams) {
    const m = missing.get(t.team)!;
    for (let i = 0; i < curves.nIntervals; ) {
      if (m[i]! < ADD_THRESHOLD) {
        i++;
        continue;
      }
      let j = i;
      let peak = 0;
      let area = 0;
      while (j < curves.nIntervals && m[j]! >= ADD_THRESHOLD) {
        peak = Math.max(peak, m[j]!);
        area += m[j]! * interval;
        j++;
      }
      let from = i * interval;
      let to = j * interval;
      if (to - from < MIN_ADDED_SHIFT_MINUTES) to = Math.min(from + MIN_ADDED_SHIFT_MINUTES, (clock.dayIndexOf(from) + 1) * 1440);
      if (to - from < MIN_ADDED_SHIFT_MINUTES) from = to - MIN_ADDED_SHIFT_MINUTES;
      const date = clock.dateOf(from);
      add.push({ team: t.team, date, start: clock.clockOf(from), end: clock.clockOf(to), count: Math.max(1, Math.round(peak)), skills: skillsDue(instance, t.team, clock.clockOf(from), clock.clockOf(to)), why: `${Math.round(area)} staff-minutes of ${basis === 'plan' ? 'unplanned work' : 'estimated demand beyond the roster'}, at most ${peak.toFixed(2)} staff at once` });
      i = j;
    }
  }
  return { basis, release, add };
}

/** Skills of the team's tasks whose windows (or fixed time) meet the clock range [from, to], sorted; a task without windows meets every range. */
function skillsDue(instance: Instance, team: string, from: string, to: string): string[] {
  const end = to <= from ? '24:00' : to;
  const meets = (a: string, b: string): boolean => a <= end && b >= from;
  const out = new Set<string>();
  for (const c of instance.clients) {
    if (c.team !== team) continue;
    for (const t of c.tasks) {
      const hit = t.fixedTime ? meets(t.fixedTime.time, t.fixedTime.time) : t.windows.length === 0 || t.windows.some((w) => meets(w.start, w.end));
      if (hit) for (const k of t.skills) out.add(k);
    }
  }
  return [...out].sort();
}

/** The roster delta as CSV: action (release or add), team, date, start, end, count, staff and shift ids, skills. */
export function rosterDeltaCsv(delta: RosterDelta): string {
  const lines = ['action,team,date,start,end,count,staffId,shiftId,skills'];
  for (const r of delta.release) lines.push(`release,${r.team},${r.date},${r.start},${r.end},1,${r.staffId},${r.shiftId},`);
  for (const a of delta.add) lines.push(`add,${a.team},${a.date},${a.start},${a.end},${a.count},,,${a.skills.join(' ')}`);
  return `${lines.join('\n')}\n`;
}
