import { addDaysToDate, clockMinutes, isoWeekday, isValidTimeZone, nextDate, PeriodClock } from '../calendar.js';
import { categoryBudget, durationBounds, expandDemand } from '../model/demand.js';
import type { Instance, Staff, Task } from '../schema/instance.js';
import type { IssueList } from './issues.js';

/**
 * Cross-reference checks on a shape-valid instance. Each check adds every problem it finds to
 * `issues` (never stops at the first) with a stable code, a JSON path, a message naming ids only,
 * and a hint.
 */
export function checkSemantics(instance: Instance, issues: IssueList): void {
  checkPeriod(instance, issues);
  checkDuplicateIds(instance, issues);
  checkReferences(instance, issues);
  checkTimeRanges(instance, issues);
  checkDurations(instance, issues);
  checkChangeFields(instance, issues);
  if (!isValidTimeZone(instance.period.timeZone)) return; // the checks below need the clock
  const clock = new PeriodClock(instance.period.start, instance.period.days, instance.period.timeZone);
  checkShifts(instance, clock, issues);
  checkTaskCoverage(instance, clock, issues);
  checkGrantedTime(instance, clock, issues);
}

function checkPeriod(instance: Instance, issues: IssueList): void {
  const tz = instance.period.timeZone;
  if (!isValidTimeZone(tz)) {
    issues.error('UNKNOWN_TIME_ZONE', 'period.timeZone', `Time zone "${tz}" is not a known IANA time zone.`, 'use e.g. "Europe/Stockholm"');
  }
  if (isoWeekday(instance.period.start) !== 1) {
    issues.warn(
      'PERIOD_START',
      'period.start',
      `The period starts on ${instance.period.start}, which is not a Monday.`,
      'weekly tasks are counted per ISO week; a Monday start gives whole weeks',
    );
  }
}

function checkDuplicateIds(instance: Instance, issues: IssueList): void {
  const dup = (kind: string, items: readonly { id: string }[], path: (i: number) => string): void => {
    const seen = new Map<string, number>();
    items.forEach((item, i) => {
      const first = seen.get(item.id);
      if (first !== undefined) {
        issues.error('DUPLICATE_ID', path(i), `${kind} id "${item.id}" is used twice (first at ${path(first)}).`, `give every ${kind} a unique id`);
      } else seen.set(item.id, i);
    });
  };
  dup('base', instance.bases, (i) => `bases[${i}].id`);
  dup('team', instance.teams, (i) => `teams[${i}].id`);
  dup('staff', instance.staff, (i) => `staff[${i}].id`);
  dup('client', instance.clients, (i) => `clients[${i}].id`);
  const shifts = instance.staff.flatMap((s, si) => s.shifts.map((sh, hi) => ({ id: sh.id, path: `staff[${si}].shifts[${hi}].id` })));
  dup('shift', shifts, (i) => shifts[i]!.path);
  instance.clients.forEach((c, ci) => dup('task', c.tasks, (i) => `clients[${ci}].tasks[${i}].id`));
  // A base and a client share the location namespace of an imported matrix.
  const baseIds = new Set(instance.bases.map((b) => b.id));
  instance.clients.forEach((c, ci) => {
    if (baseIds.has(c.id)) {
      issues.error('DUPLICATE_ID', `clients[${ci}].id`, `Client id "${c.id}" equals a base id.`, 'ids of bases and clients must differ (they share travel-matrix rows)');
    }
  });
}

function checkReferences(instance: Instance, issues: IssueList): void {
  const teams = new Set(instance.teams.map((t) => t.id));
  const bases = new Set(instance.bases.map((b) => b.id));
  const staff = new Set(instance.staff.map((s) => s.id));
  const clients = new Set(instance.clients.map((c) => c.id));
  const ref = (set: Set<string>, kind: string, id: string, path: string): void => {
    if (!set.has(id)) issues.error('UNKNOWN_REF', path, `No ${kind} has id "${id}".`, `use the id of an existing ${kind}`);
  };
  for (const id of Object.keys(instance.economics?.staffWagePerHourSek ?? {})) ref(staff, 'staff member', id, `economics.staffWagePerHourSek.${id}`);
  instance.staff.forEach((s, si) => {
    ref(teams, 'team', s.team, `staff[${si}].team`);
    ref(bases, 'base', s.base, `staff[${si}].base`);
    s.shifts.forEach((sh, hi) => {
      if (sh.base !== undefined) ref(bases, 'base', sh.base, `staff[${si}].shifts[${hi}].base`);
    });
  });
  instance.clients.forEach((c, ci) => {
    ref(teams, 'team', c.team, `clients[${ci}].team`);
    if (c.namedContact !== undefined) ref(staff, 'staff member', c.namedContact, `clients[${ci}].namedContact`);
    c.preferences.preferredStaff.forEach((id, i) => ref(staff, 'staff member', id, `clients[${ci}].preferences.preferredStaff[${i}]`));
    c.preferences.refusedStaff.forEach((id, i) => ref(staff, 'staff member', id, `clients[${ci}].preferences.refusedStaff[${i}]`));
    if (c.namedContact !== undefined && c.preferences.refusedStaff.includes(c.namedContact)) {
      issues.error(
        'NAMED_CONTACT_REFUSED',
        `clients[${ci}].namedContact`,
        `Client ${c.id}'s named contact ${c.namedContact} is also on the client's refused list.`,
        'choose another named contact or remove the refusal',
      );
    }
  });
  instance.history.forEach((h, i) => {
    ref(clients, 'client', h.clientId, `history[${i}].clientId`);
    h.staff.forEach((id, j) => ref(staff, 'staff member', id, `history[${i}].staff[${j}]`));
  });
  const matrix = instance.travel.matrix;
  if (matrix?.locationIds) {
    const known = new Set([...bases, ...clients]);
    matrix.locationIds.forEach((id, i) => {
      if (!known.has(id)) issues.error('UNKNOWN_REF', `travel.matrix.locationIds[${i}]`, `No base or client has id "${id}".`, 'list base and client ids');
    });
  }
}

function checkTimeRanges(instance: Instance, issues: IssueList): void {
  const order = (start: string, end: string, path: string, what: string): void => {
    if (clockMinutes(end) <= clockMinutes(start)) {
      issues.error('TIME_RANGE_ORDER', path, `${what} ends (${end}) before or when it starts (${start}).`, 'a range lies within one day: end after start');
    }
  };
  instance.clients.forEach((c, ci) => {
    c.tasks.forEach((t, ti) => {
      t.windows.forEach((w, wi) => order(w.start, w.end, `clients[${ci}].tasks[${ti}].windows[${wi}]`, `Window ${wi} of task ${t.id} (client ${c.id})`));
      if (t.fixedTime && t.windows.length > 0) {
        issues.warn(
          'FIXED_TIME_AND_WINDOWS',
          `clients[${ci}].tasks[${ti}]`,
          `Task ${t.id} of client ${c.id} has both a fixed time and windows; the fixed time applies.`,
          'remove the windows or the fixed time',
        );
      }
    });
    c.preferences.timeRanges.forEach((r, ri) => order(r.start, r.end, `clients[${ci}].preferences.timeRanges[${ri}]`, `Preferred time range ${ri} of client ${c.id}`));
  });
}

function checkDurations(instance: Instance, issues: IssueList): void {
  instance.clients.forEach((c, ci) => {
    c.tasks.forEach((t, ti) => {
      const d = t.duration;
      const path = `clients[${ci}].tasks[${ti}].duration`;
      if ((d.min ?? d.standard) > d.standard || (d.max ?? d.standard) < d.standard) {
        issues.error(
          'DURATION_BOUNDS',
          path,
          `Task ${t.id} of client ${c.id}: standard ${d.standard} min lies outside [min ${d.min ?? d.standard}, max ${d.max ?? d.standard}].`,
          'min ≤ standard ≤ max',
        );
      }
      if (t.category === 'hsl' && ((d.min !== undefined && d.min !== d.standard) || (d.max !== undefined && d.max !== d.standard))) {
        issues.warn(
          'DURATION_BOUNDS',
          path,
          `HSL task ${t.id} of client ${c.id} has min/max durations; prescribed time is kept exactly at ${d.standard} min.`,
          'drop min and max for HSL tasks',
        );
      }
    });
  });
}

/**
 * Fields a replan writes (docs/semantics.md, "Changes"): an active range in order, and
 * cancellations and extensions that name a task of their own client and a date of the period.
 */
function checkChangeFields(instance: Instance, issues: IssueList): void {
  const first = instance.period.start;
  const last = addDaysToDate(first, instance.period.days - 1);
  instance.clients.forEach((c, ci) => {
    c.tasks.forEach((t, ti) => {
      if (t.activeFrom !== undefined && t.activeUntil !== undefined && t.activeFrom > t.activeUntil) {
        issues.error('TIME_RANGE_ORDER', `clients[${ci}].tasks[${ti}].activeUntil`, `Task ${t.id} of client ${c.id} is active until ${t.activeUntil}, before it becomes active on ${t.activeFrom}.`, 'activeFrom ≤ activeUntil (both inclusive)');
      }
    });
    const taskIds = new Set(c.tasks.map((t) => t.id));
    const entries = [
      ['cancellations', c.cancellations ?? []],
      ['extensions', c.extensions ?? []],
    ] as const;
    for (const [key, list] of entries) {
      list.forEach((e, i) => {
        const path = `clients[${ci}].${key}[${i}]`;
        if (!taskIds.has(e.taskId)) issues.error('UNKNOWN_REF', `${path}.taskId`, `Client ${c.id} has no task with id "${e.taskId}".`, "use the id of one of the client's own tasks");
        if (e.date < first || e.date > last) issues.error('CHANGE_TIME', `${path}.date`, `${key === 'cancellations' ? 'A cancellation' : 'An extension'} of client ${c.id} is dated ${e.date}, outside the period ${first} to ${last}.`, 'use a date of the period');
      });
    }
  });
}

function checkShifts(instance: Instance, clock: PeriodClock, issues: IssueList): void {
  const periodEnd = clock.dayStarts[clock.days]!;
  instance.staff.forEach((s, si) => {
    s.shifts.forEach((sh, hi) => {
      const path = `staff[${si}].shifts[${hi}]`;
      const iv = clock.shiftInterval(sh.date, sh.start, sh.end);
      if (iv.end <= 0 || iv.start >= periodEnd) {
        issues.warn('SHIFT_OUTSIDE_PERIOD', `${path}.date`, `Shift ${sh.id} of staff ${s.id} on ${sh.date} lies outside the period.`, 'it is ignored');
      }
      const br = sh.break;
      if (br) {
        const w = breakWindow(clock, sh.date, iv.start, br.earliestStart, br.latestEnd);
        const from = Math.max(w.start, iv.start);
        const to = Math.min(w.end, iv.end);
        if (to - from < br.minutes) {
          issues.error(
            'BREAK_RULE',
            `${path}.break`,
            `The ${br.minutes}-minute break of shift ${sh.id} (staff ${s.id}) does not fit between ${br.earliestStart} and ${br.latestEnd} inside the shift ${sh.start}–${sh.end}.`,
            'widen the break window or move it inside the shift',
          );
        }
      }
    });
  });
}

/** Break window in minutes; a clock time before the shift start means the next day. */
export function breakWindow(clock: PeriodClock, date: string, shiftStart: number, earliest: string, latest: string): { start: number; end: number } {
  let start = clock.toMinute(date, earliest);
  if (start < shiftStart) start = clock.toMinute(nextDate(date), earliest);
  let end = clock.toMinute(date, latest);
  if (end <= start) end = clock.toMinute(nextDate(date), latest);
  return { start, end };
}

function qualified(staff: Staff, task: Task, refused: readonly string[]): boolean {
  return !refused.includes(staff.id) && task.skills.every((k) => staff.skills.includes(k));
}

/**
 * A task is usable only when, on some day it is due, enough qualified staff (not refused) have a
 * shift that contains one of its start windows (or its fixed time). Reports the two cases apart:
 * nobody qualified at all, or qualified staff but never on shift when the window is open.
 */
function checkTaskCoverage(instance: Instance, clock: PeriodClock, issues: IssueList): void {
  const spans = expandDemand(instance, clock.dates);
  const dueDates = new Map<string, Set<string>>();
  for (const s of spans) {
    const key = `${s.clientId}\u0000${s.taskId}`;
    let set = dueDates.get(key);
    if (!set) dueDates.set(key, (set = new Set()));
    for (const d of s.dates) set.add(d);
  }
  const shifts = instance.staff.flatMap((st) => st.shifts.map((sh) => ({ st, iv: clock.shiftInterval(sh.date, sh.start, sh.end) })));
  instance.clients.forEach((c, ci) => {
    c.tasks.forEach((t, ti) => {
      const path = `clients[${ci}].tasks[${ti}]`;
      const able = instance.staff.filter((st) => qualified(st, t, c.preferences.refusedStaff));
      if (able.length < t.staffCount) {
        issues.error(
          'NO_QUALIFIED_STAFF',
          path,
          `Task ${t.id} of client ${c.id} needs ${t.staffCount} staff with skills [${t.skills.join(', ')}]; ${able.length} qualified and not refused.`,
          'add the skill or delegation to staff, or change the task',
        );
        return;
      }
      const dates = dueDates.get(`${c.id}\u0000${t.id}`);
      if (!dates || dates.size === 0) return;
      const ableIds = new Set(able.map((a) => a.id));
      const fits = [...dates].some((date) => {
        const windows = taskWindows(clock, date, t);
        const onShift = new Set<string>();
        for (const { st, iv } of shifts) {
          if (!ableIds.has(st.id)) continue;
          if (windows.some((w) => w.start < iv.end && w.end >= iv.start)) onShift.add(st.id);
        }
        return onShift.size >= t.staffCount;
      });
      if (!fits) {
        issues.error(
          'WINDOW_NO_SHIFT',
          path,
          `Task ${t.id} of client ${c.id}: on no day it is due are ${t.staffCount} qualified staff on shift during its allowed times.`,
          'widen the windows, or add shifts for qualified staff at those times',
        );
      }
    });
  });
}

/** Allowed start intervals of a task on a date, in period minutes (fixed time ± tolerance, windows, or the whole day). */
export function taskWindows(clock: PeriodClock, date: string, task: Pick<Task, 'fixedTime' | 'windows'>): { start: number; end: number }[] {
  // A visit's date is the local date of its start, so no window reaches into another day.
  const day = clock.shiftInterval(date, '00:00', '00:00');
  const clip = (w: { start: number; end: number }) => ({ start: Math.max(w.start, day.start), end: Math.min(w.end, day.end - 1) });
  if (task.fixedTime) {
    const t = clock.toMinute(date, task.fixedTime.time);
    return [clip({ start: t - task.fixedTime.toleranceMinutes, end: t + task.fixedTime.toleranceMinutes })];
  }
  if (task.windows.length === 0) return [clip(day)];
  return task.windows.map((w) => clip(clock.shiftInterval(date, w.start, w.end)));
}

/** The minimum staff-minutes demanded per budget must fit the granted minutes (× upper tolerance). */
function checkGrantedTime(instance: Instance, clock: PeriodClock, issues: IssueList): void {
  const upper = instance.planning.grantedTolerance.upper;
  const spans = expandDemand(instance, clock.dates);
  const need = new Map<string, { care: number; service: number }>();
  const tasksById = new Map(instance.clients.map((c) => [c.id, new Map(c.tasks.map((t) => [t.id, t]))]));
  for (const s of spans) {
    const task = tasksById.get(s.clientId)?.get(s.taskId);
    if (!task) continue; // two clients with one id: reported as DUPLICATE_ID, their time is not added up
    const budget = categoryBudget(task.category);
    if (budget === 'none') continue;
    let n = need.get(s.clientId);
    if (!n) need.set(s.clientId, (n = { care: 0, service: 0 }));
    n[budget] += s.count * durationBounds(task).min * task.staffCount;
  }
  instance.clients.forEach((c, ci) => {
    const n = need.get(c.id);
    if (!n) return;
    const check = (budget: 'care' | 'service', granted: number, key: string): void => {
      if (n[budget] > granted * upper) {
        issues.error(
          'GRANTED_TOO_SMALL',
          `clients[${ci}].granted.${key}`,
          `Client ${c.id}'s ${budget} tasks need at least ${n[budget]} staff-minutes in the period, but ${granted} are granted.`,
          'raise the granted time, lower minimum durations, or drop tasks',
        );
      }
    };
    check('care', c.granted.careMinutes, 'careMinutes');
    check('service', c.granted.serviceMinutes, 'serviceMinutes');
  });
}
