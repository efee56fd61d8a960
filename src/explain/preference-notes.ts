/**
 * Notes on preferred time ranges and preferred days.
 * @module
 */
import { clockMinutes, isoWeek, isoWeekday } from '../calendar.js';
import type { VisitFact } from '../kpi/context.js';
import type { Task } from '../schema/instance.js';
import { taskWindows } from '../validate/semantic.js';
import { visitRef, type ClientFacts } from './facts.js';
import { visitSkills } from './roster.js';
import { allowedText, distinct, listed, plural, rangesText, skillsText, weekdaysText } from './text.js';

/** The visit's tasks known to the instance. */
function knownTasks(v: VisitFact): Task[] {
  return v.tasks.flatMap((t) => (t.task ? [t.task] : []));
}

/**
 * A note when visits start outside the client's preferred time ranges (of the visits on weekdays a
 * range applies to; both ends inclusive, as the preference KPI counts). It separates visits with a
 * task whose allowed start times (windows or fixed time ± tolerance) do not touch the preferred ranges
 * that day, which therefore could not be met, from visits whose tasks would have allowed it.
 */
export function timeRangeNote(f: ClientFacts): string | null {
  const ranges = f.client.preferences.timeRanges;
  if (ranges.length === 0) return null;
  const clock = f.analysis.ctx.clock;
  let applies = 0;
  const blocked: { v: VisitFact; tasks: Task[] }[] = [];
  const open: VisitFact[] = [];
  for (const v of f.visits) {
    const on = ranges.filter((r) => r.weekdays === undefined || r.weekdays.includes(v.weekday));
    if (on.length === 0) continue;
    applies++;
    if (on.some((r) => v.clockMinute >= clockMinutes(r.start) && v.clockMinute <= clockMinutes(r.end))) continue;
    const wanted = on.map((r) => ({ start: clock.toMinute(v.date, r.start), end: clock.toMinute(v.date, r.end) }));
    const tasks = knownTasks(v).filter((t) => !taskWindows(clock, v.date, t).some((w) => wanted.some((p) => w.start <= p.end && p.start <= w.end)));
    if (tasks.length > 0) blocked.push({ v, tasks });
    else open.push(v);
  }
  const outside = blocked.length + open.length;
  if (outside === 0) return null;
  const parts: string[] = [];
  if (blocked.length > 0) {
    const tasks = distinct(blocked.flatMap((b) => b.tasks));
    const text = listed(tasks.map((t) => `${t.id} ${allowedText(t)}`), f.maxListed);
    parts.push(`${blocked.length} ${blocked.length === 1 ? 'contains' : 'contain'} a task that may start only outside them (${text})`);
  }
  if (open.length > 0) {
    parts.push(`${open.length} could have started inside them as far as their tasks' allowed times go (${listed(open.map((v) => visitRef(f, v)), f.maxListed)})`);
  }
  return `${outside} of ${applies} visits start outside the preferred times (${rangesText(ranges)}): ${parts.join('; ')}.`;
}

/** True for a task whose day is free within the week (weekly, every other week). */
function isWeeklyTask(t: Task): boolean {
  return t.frequency.type === 'weekly' || t.frequency.type === 'everyOtherWeek';
}

/** Allowed weekdays of a weekly task (`undefined`: every day). */
function taskWeekdays(t: Task): readonly number[] | undefined {
  return t.frequency.type === 'weekly' || t.frequency.type === 'everyOtherWeek' ? t.frequency.weekdays : undefined;
}

/**
 * Why a weekly-task visit is not on a preferred day: a task allowed on no preferred weekday; no
 * preferred day of that ISO week in the period (among the days its tasks allow); too few qualified
 * staff (skills of the visit, not refused) with a shift on those days; or else that qualified staff
 * were on shift then, so the roster does not explain it.
 */
function offDayReason(f: ClientFacts, v: VisitFact, weekly: readonly Task[], days: readonly number[]): string {
  const excluding = weekly.filter((t) => {
    const allowed = taskWeekdays(t);
    return allowed !== undefined && !allowed.some((d) => days.includes(d));
  });
  if (excluding.length > 0) {
    return excluding.map((t) => `task ${t.id} is allowed only on ${weekdaysText(taskWeekdays(t)!)}`).join('; ');
  }
  const week = isoWeek(v.date);
  const candidates = f.analysis.ctx.clock.dates.filter((d) => {
    const w = isoWeek(d);
    const wd = isoWeekday(d);
    return w.week === week.week && w.year === week.year && days.includes(wd) && weekly.every((t) => taskWeekdays(t)?.includes(wd) ?? true);
  });
  if (candidates.length === 0) return 'no preferred day of that week that its tasks allow lies in the period';
  const need = v.visit.staff.length;
  const staffed = candidates.filter((d) => f.roster.qualifiedOnShift(f.client, v, d).length >= need);
  if (staffed.length === 0) {
    const who = need === 1 ? 'no qualified staff member' : `fewer than ${need} qualified staff members`;
    return `${who} (skills ${skillsText(visitSkills(v))}, not refused) ${need === 1 ? 'has a shift' : 'have shifts'} on ${listed(candidates, f.maxListed)}`;
  }
  return `qualified staff have shifts on ${listed(staffed, f.maxListed)}, so the roster does not explain it`;
}

/**
 * One note per weekly-task visit (up to `maxListed`, then a count of the rest) that is not on one of
 * the client's preferred days, with the reason where instance and roster tell.
 */
export function dayNotes(f: ClientFacts): string[] {
  const days = f.client.preferences.days;
  if (days === undefined || days.length === 0) return [];
  const out: string[] = [];
  let more = 0;
  for (const v of f.visits) {
    const weekly = knownTasks(v).filter(isWeeklyTask);
    if (weekly.length === 0 || days.includes(v.weekday)) continue;
    if (out.length >= f.maxListed) {
      more++;
      continue;
    }
    const ids = weekly.map((t) => t.id).join(', ');
    out.push(
      `Visit ${visitRef(f, v)} (weekly ${weekly.length === 1 ? 'task' : 'tasks'} ${ids}) is on a ${weekdaysText([v.weekday])}, not a preferred day (${weekdaysText(days)}): ${offDayReason(f, v, weekly, days)}.`,
    );
  }
  if (more > 0) out.push(`${plural(more, 'more weekly-task visit')} ${more === 1 ? 'is' : 'are'} not on a preferred day.`);
  return out;
}
