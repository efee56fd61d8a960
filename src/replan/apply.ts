import { addDaysToDate, PeriodClock } from '../calendar.js';
import { categoryBudget, durationBounds, expandDemand } from '../model/demand.js';
import type { Change, Changes } from '../schema/changes.js';
import type { Client, Instance, Shift, Staff } from '../schema/instance.js';
import type { LockKeep, Plan, PlannedVisit } from '../schema/plan.js';
import { breakWindow } from '../validate/semantic.js';
import { parseInstance, type ValidationIssue } from '../validate/index.js';
import { TravelModel } from '../travel/model.js';
import type { ImportedMatrix } from '../travel/matrix.js';
import { shiftBase } from '../plan/write.js';

/** The changes make an instance that does not validate (`parseChanges` reports it as input problems). */
export class ChangedInstanceError extends Error {
  constructor(readonly issues: readonly ValidationIssue[]) {
    super(`the changed instance does not validate: ${issues.map((i) => `${i.code} at ${i.path}`).join('; ')}`);
  }
}

/** A shift cut shorter than this by an absence is dropped rather than kept as a stub. */
export const MIN_SHIFT_MINUTES = 30;

/** What {@link applyChanges} makes of the changes: the changed instance and what happens to the reference's visits. */
export interface AppliedChanges {
  /** The changed instance (passes parseInstance). */
  readonly instance: Instance;
  /** Reference visits that no longer happen, with the change type that removed them. */
  readonly removed: ReadonlyMap<string, string>;
  /** Reference visits that lose some task ids but keep others (taskRemoved). */
  readonly shrunk: ReadonlyMap<string, readonly string[]>;
  /** Reference visits that run over: extra minutes on one task (the visit's longest). */
  readonly extended: ReadonlyMap<string, { readonly taskId: string; readonly minutes: number }>;
  /** Reference visits that must be planned anew (their staff is away, or their shift changed), by change type. */
  readonly displaced: ReadonlyMap<string, string>;
  /** Locks in force: the reference's own (reason `lock`), plus lock/lockRoute, minus unlock. */
  readonly locks: readonly { readonly visitId: string; readonly keep: LockKeep }[];
  /**
   * Local dates whose routes must be re-solved: absences, shift edits, displaced, shrunk and
   * extended visits, new tasks and clients from their first date. Removals alone leave the rest of a
   * route valid, so they do not count (a replan re-solves such a day only to place what is left out).
   */
  readonly affectedDates: ReadonlySet<string>;
}

/**
 * Applies validated changes to an instance and the plan in force. Pure: returns a new instance.
 *
 * - `staffAbsent`: from `max(from, now)` (the past is not rewritten; a visit started before now is
 *   finished and the way back to the base driven first). A shift inside the absence is
 *   removed; one it overlaps keeps its longer remaining part (removed when under
 *   {@link MIN_SHIFT_MINUTES}); a break rule that no longer fits is dropped. The staff member's
 *   visits overlapping the absence are displaced.
 * - `shiftChanged` / `shiftAdded`: the shift edited, removed or added; visits of the reference on it
 *   that no longer fit inside it are displaced.
 * - `clientAway`: the client's visits starting in [from, to) are removed and recorded as
 *   cancellations, as are the plan's unplanned occurrences of the client on dates inside it.
 * - `visitCancelled`: removed, recorded as cancellations. `visitExtended`: the visit's longest task
 *   gets the minutes (`Client.extensions`), and the granted minutes of its budget grow by minutes ×
 *   staff so the budget still holds.
 * - `taskAdded`: the task from `from` on (`activeFrom`); granted minutes grow by its standard
 *   minutes × staff × its due occurrences. `taskRemoved`: due until the day before `from`
 *   (`activeUntil`; removed when that is before the period); the reference's visits from then on lose
 *   it (removed when it was their only task).
 * - `clientAdded`: every task from `from`; the granted minutes scaled to the share of the period left
 *   (at least the shortest due visits, as weekly counts round per week).
 * - `lock` / `unlock` / `lockRoute`: the locks in force.
 */
export function applyChanges(instance: Instance, reference: Plan, input: Changes, options: { now?: string; matrix?: ImportedMatrix } = {}): AppliedChanges {
  const clock = new PeriodClock(instance.period.start, instance.period.days, instance.period.timeZone);
  const now = options.now === undefined ? -Infinity : clock.parseInstant(options.now);
  const staff: Staff[] = instance.staff.map((s) => ({ ...s, shifts: [...s.shifts] }));
  const clients: Client[] = instance.clients.map((c) => ({ ...c, tasks: [...c.tasks], cancellations: c.cancellations && [...c.cancellations], extensions: c.extensions && [...c.extensions] }));
  const staffById = new Map(staff.map((s) => [s.id, s]));
  const clientById = new Map(clients.map((c) => [c.id, c]));
  const visitById = new Map(reference.visits.map((v) => [v.id, v]));
  const removed = new Map<string, string>();
  const shrunk = new Map<string, string[]>();
  const extended = new Map<string, { taskId: string; minutes: number }>();
  const displaced = new Map<string, string>();
  const affected = new Set<string>();
  const locks = new Map<string, LockKeep>();
  for (const l of reference.locks ?? []) if (l.reason === 'lock') locks.set(l.visitId, l.keep);
  let travelModel: TravelModel | undefined;
  const travel = (): TravelModel => (travelModel ??= new TravelModel(instance, options.matrix));
  const interval = (v: PlannedVisit): { start: number; end: number } => ({ start: clock.parseInstant(v.start), end: clock.parseInstant(v.end) });
  // Where each reference visit is: (staff, shift) pairs.
  const shiftsOf = new Map<string, { staffId: string; shiftId: string }[]>();
  for (const r of reference.routes) for (const e of r.events) if (e.type === 'visit') (shiftsOf.get(e.visitId) ?? shiftsOf.set(e.visitId, []).get(e.visitId)!).push({ staffId: r.staffId, shiftId: r.shiftId });
  const cancel = (client: Client, taskId: string, date: string): void => {
    client.cancellations = [...(client.cancellations ?? []), { taskId, date, count: 1 }];
  };
  const removeVisit = (v: PlannedVisit, why: string, record: boolean): void => {
    if (removed.has(v.id)) return;
    removed.set(v.id, why);
    const client = clientById.get(v.clientId);
    if (record && client) for (const t of v.tasks) cancel(client, t.taskId, v.date);
  };
  /** Displaces the reference visits on a staff member's shift that no longer fit inside it. */
  const displaceOutside = (s: Staff, shiftId: string, why: string): void => {
    const shift = s.shifts.find((x) => x.id === shiftId);
    const iv = shift ? clock.shiftInterval(shift.date, shift.start, shift.end) : null;
    for (const v of reference.visits) {
      if (!shiftsOf.get(v.id)?.some((x) => x.staffId === s.id && x.shiftId === shiftId)) continue;
      const t = interval(v);
      if (iv && t.start >= iv.start && t.end <= iv.end) continue;
      if (!removed.has(v.id)) displaced.set(v.id, why);
      affected.add(v.date);
    }
  };

  for (const change of input.changes) {
    switch (change.type) {
      case 'staffAbsent': {
        const s = staffById.get(change.staffId)!;
        const b = clock.parseInstant(change.to);
        // What started before now is finished first: the absence begins after the last such visit
        // and the way back to the base.
        let a = Math.max(clock.parseInstant(change.from), now);
        for (const v of reference.visits) {
          const t = interval(v);
          if (!v.staff.includes(s.id) || t.start >= now || t.end <= a) continue;
          const on = shiftsOf.get(v.id)?.find((x) => x.staffId === s.id);
          const sh = s.shifts.find((x) => x.id === on?.shiftId);
          const home = sh ? travel().minutes(s.travelMode, travel().indexOf('client', v.clientId), travel().indexOf('base', shiftBase(s, sh))) : 0;
          a = Math.max(a, t.end + home);
        }
        if (a >= b) break;
        const kept: Shift[] = [];
        for (const sh of s.shifts) {
          const iv = clock.shiftInterval(sh.date, sh.start, sh.end);
          if (b <= iv.start || a >= iv.end) {
            kept.push(sh);
            continue;
          }
          affected.add(sh.date);
          const before = a - iv.start;
          const after = iv.end - b;
          if (Math.max(before, after) < MIN_SHIFT_MINUTES) continue;
          const cutShift = before >= after ? { ...sh, end: clock.clockOf(a) } : { ...sh, start: clock.clockOf(b) };
          kept.push(fitBreak(clock, cutShift));
        }
        const ids = new Set(kept.map((x) => x.id));
        const lostOrCut = s.shifts.filter((x) => !ids.has(x.id) || kept.find((k) => k.id === x.id) !== x).map((x) => x.id);
        s.shifts = kept;
        for (const v of reference.visits) {
          if (!v.staff.includes(s.id) || removed.has(v.id)) continue;
          const t = interval(v);
          if (t.start < now) continue; // frozen: it stays
          const onCut = shiftsOf.get(v.id)?.some((x) => x.staffId === s.id && lostOrCut.includes(x.shiftId));
          if ((t.start < b && t.end > a) || (onCut && !fitsOnShift(clock, s, shiftsOf.get(v.id)!, t))) {
            displaced.set(v.id, 'staffAbsent');
            affected.add(v.date);
          }
        }
        break;
      }
      case 'shiftChanged': {
        const s = staffById.get(change.staffId)!;
        const i = s.shifts.findIndex((x) => x.id === change.shiftId);
        const old = s.shifts[i]!;
        affected.add(old.date);
        if (change.removed) s.shifts = s.shifts.filter((_, j) => j !== i);
        else s.shifts = s.shifts.map((x, j) => (j === i ? fitBreak(clock, { ...x, start: change.start ?? x.start, end: change.end ?? x.end }) : x));
        displaceOutside(s, change.shiftId, 'shiftChanged');
        break;
      }
      case 'shiftAdded': {
        const s = staffById.get(change.staffId)!;
        s.shifts = [...s.shifts, change.shift];
        affected.add(change.shift.date);
        break;
      }
      case 'clientAway': {
        const client = clientById.get(change.clientId)!;
        const a = clock.parseInstant(change.from);
        const b = clock.parseInstant(change.to);
        for (const v of reference.visits) {
          if (v.clientId !== client.id) continue;
          const t = clock.parseInstant(v.start);
          if (t >= a && t < b && t >= now) removeVisit(v, 'clientAway', true);
        }
        // Occurrences the plan could not place on days wholly inside the stay do not happen either.
        const first = clock.dateOf(a);
        const last = clock.dateOf(b - 1);
        for (const u of reference.unplanned) {
          if (u.clientId !== client.id || u.from < first || u.to > last) continue;
          for (let k = 0; k < u.count; k++) cancel(client, u.taskId, u.from);
        }
        break;
      }
      case 'visitCancelled':
        removeVisit(visitById.get(change.visitId)!, 'visitCancelled', true);
        break;
      case 'visitExtended': {
        const v = visitById.get(change.visitId)!;
        const client = clientById.get(v.clientId)!;
        const entry = [...v.tasks].sort((x, y) => y.minutes - x.minutes || x.taskId.localeCompare(y.taskId))[0]!;
        const prev = extended.get(v.id)?.minutes ?? 0;
        extended.set(v.id, { taskId: entry.taskId, minutes: prev + change.minutes });
        client.extensions = [...(client.extensions ?? []), { taskId: entry.taskId, date: v.date, minutes: change.minutes }];
        grant(client, client.tasks.find((t) => t.id === entry.taskId)!.category, change.minutes * v.staff.length);
        affected.add(v.date);
        break;
      }
      case 'taskAdded': {
        const client = clientById.get(change.clientId)!;
        const from = change.from ?? instance.period.start;
        const task = { ...change.task, activeFrom: from };
        client.tasks = [...client.tasks, task];
        const due = expandDemand({ clients: [{ ...client, tasks: [task] }] }, clock.dates).reduce((n, s) => n + s.count, 0);
        grant(client, task.category, due * durationBounds(task).standard * task.staffCount);
        for (const d of clock.dates) if (d >= from) affected.add(d);
        break;
      }
      case 'taskRemoved': {
        const client = clientById.get(change.clientId)!;
        const from = change.from ?? instance.period.start;
        client.tasks = from <= instance.period.start ? client.tasks.filter((t) => t.id !== change.taskId) : client.tasks.map((t) => (t.id === change.taskId ? { ...t, activeUntil: addDaysToDate(from, -1) } : t));
        if (client.tasks.length === 0) throw new RangeError(`taskRemoved leaves client ${client.id} without tasks`);
        for (const v of reference.visits) {
          if (v.clientId !== client.id || v.date < from || !v.tasks.some((t) => t.taskId === change.taskId)) continue;
          if (v.tasks.every((t) => t.taskId === change.taskId)) removeVisit(v, 'taskRemoved', false);
          else {
            shrunk.set(v.id, [...(shrunk.get(v.id) ?? []), change.taskId]);
            affected.add(v.date);
          }
        }
        // Cancellations of the task from then on refer to nothing any more.
        client.cancellations = client.cancellations?.filter((c) => c.taskId !== change.taskId || c.date < from);
        client.extensions = client.extensions?.filter((c) => c.taskId !== change.taskId || c.date < from);
        break;
      }
      case 'clientAdded': {
        const from = change.from ?? instance.period.start;
        const left = clock.dates.filter((d) => d >= from).length / clock.dates.length;
        const client: Client = {
          ...change.client,
          tasks: change.client.tasks.map((t) => ({ ...t, activeFrom: t.activeFrom !== undefined && t.activeFrom > from ? t.activeFrom : from })),
          granted: { careMinutes: Math.round(change.client.granted.careMinutes * left), serviceMinutes: Math.round(change.client.granted.serviceMinutes * left) },
        };
        // Weekly counts round per week: the scaled grant never falls below the shortest due visits.
        const least = { care: 0, service: 0, none: 0 };
        for (const span of expandDemand({ clients: [client] }, clock.dates)) {
          const task = client.tasks.find((t) => t.id === span.taskId)!;
          least[categoryBudget(task.category)] += span.count * durationBounds(task).min * task.staffCount;
        }
        client.granted = { careMinutes: Math.max(client.granted.careMinutes, least.care), serviceMinutes: Math.max(client.granted.serviceMinutes, least.service) };
        clients.push(client);
        clientById.set(client.id, client);
        for (const d of clock.dates) if (d >= from) affected.add(d);
        break;
      }
      case 'lock':
        locks.set(change.visitId, change.keep);
        break;
      case 'unlock':
        locks.delete(change.visitId);
        break;
      case 'lockRoute':
        for (const r of reference.routes) if (r.staffId === change.staffId && r.date === change.date) for (const e of r.events) if (e.type === 'visit') locks.set(e.visitId, 'all');
        break;
      default:
        assertNever(change);
    }
  }
  for (const id of removed.keys()) {
    locks.delete(id);
    displaced.delete(id);
  }
  const changed: Instance = { ...instance, staff, clients: clients.map(tidy) };
  const parsed = parseInstance(changed);
  if (!parsed.ok) throw new ChangedInstanceError(parsed.issues);
  return { instance: parsed.instance, removed, shrunk, extended, displaced, locks: [...locks].map(([visitId, keep]) => ({ visitId, keep })), affectedDates: affected };
}

/** Whether a visit interval still lies inside one of the staff member's (possibly cut) shifts it was on. */
function fitsOnShift(clock: PeriodClock, s: Staff, on: readonly { staffId: string; shiftId: string }[], t: { start: number; end: number }): boolean {
  return on.some((x) => {
    const sh = x.staffId === s.id ? s.shifts.find((y) => y.id === x.shiftId) : undefined;
    if (!sh) return false;
    const iv = clock.shiftInterval(sh.date, sh.start, sh.end);
    return t.start >= iv.start && t.end <= iv.end;
  });
}

/** The shift without its break rule when the break no longer fits inside it. */
function fitBreak(clock: PeriodClock, sh: Shift): Shift {
  if (!sh.break) return sh;
  const iv = clock.shiftInterval(sh.date, sh.start, sh.end);
  const w = breakWindow(clock, sh.date, iv.start, sh.break.earliestStart, sh.break.latestEnd);
  if (Math.min(w.end, iv.end) - Math.max(w.start, iv.start) >= sh.break.minutes) return sh;
  const { break: _dropped, ...rest } = sh;
  return rest;
}

/** Raises a client's granted minutes of the category's budget (HSL draws on none). */
function grant(client: Client, category: Parameters<typeof categoryBudget>[0], minutes: number): void {
  const budget = categoryBudget(category);
  if (budget === 'care') client.granted = { ...client.granted, careMinutes: client.granted.careMinutes + minutes };
  if (budget === 'service') client.granted = { ...client.granted, serviceMinutes: client.granted.serviceMinutes + minutes };
}

/** Leaves optional lists out when empty, so an instance without such changes serialises as before. */
function tidy(c: Client): Client {
  const out = { ...c };
  if (!out.cancellations?.length) delete out.cancellations;
  if (!out.extensions?.length) delete out.extensions;
  return out;
}

function assertNever(x: never): never {
  throw new Error(`unknown change ${JSON.stringify(x)}`);
}

export type { Change };
