import { PeriodClock } from '../calendar.js';
import { Changes } from '../schema/changes.js';
import type { Instance } from '../schema/instance.js';
import type { Plan } from '../schema/plan.js';
import { IssueList, fromZodIssues, type ValidationIssue } from '../validate/issues.js';
import { applyChanges, ChangedInstanceError, type AppliedChanges } from './apply.js';
import type { ImportedMatrix } from '../travel/matrix.js';

/** Result of {@link parseChanges}: the changes, or every problem found. */
export type ChangesResult =
  | { readonly ok: true; readonly changes: Changes; /** The changes applied (with `options.now`), for {@link replan}'s `applied`. */ readonly applied: AppliedChanges }
  | { readonly ok: false; readonly issues: readonly ValidationIssue[] };

/**
 * Validates a changes file against the instance and the plan being replanned, in two layers: zod for
 * shape, then cross-references, collecting every problem with a stable code and a JSON path
 * (`changes[3].visitId`): unknown staff, shift, client, task or visit (`UNKNOWN_REF`); an interval
 * that is empty or outside the period (`CHANGE_TIME`); an id that exists already (`DUPLICATE_ID`); a
 * lock on a cancelled visit, or keeping the staff of a visit whose staff member is away then
 * (`LOCK_CONFLICT`); a visit both cancelled and extended (`CHANGE_CONFLICT`). Last, the changed
 * instance is validated like any instance (its issues keep their codes, paths into it). Pass the
 * replan's `now` so the result can be handed to `replan` as `applied`.
 */
export function parseChanges(instance: Instance, reference: Plan, input: unknown, options: { now?: string; matrix?: ImportedMatrix } = {}): ChangesResult {
  const shape = Changes.safeParse(input);
  if (!shape.success) return { ok: false, issues: fromZodIssues(shape.error.issues).map((i) => ({ ...i, hint: i.hint.replace('slinga schema instance', 'slinga schema changes') })) };
  const changes = shape.data;
  const issues = new IssueList();
  const clock = new PeriodClock(instance.period.start, instance.period.days, instance.period.timeZone);
  const periodEnd = clock.days * 1440 + 24 * 60;
  const staff = new Map(instance.staff.map((s) => [s.id, s]));
  const clients = new Map(instance.clients.map((c) => [c.id, c]));
  const visits = new Map(reference.visits.map((v) => [v.id, v]));
  const newClients = new Set<string>();
  const cancelled = new Set<string>();
  const extended = new Set<string>();
  const absences: { staffId: string; from: number; to: number }[] = [];
  const unknown = (path: string, what: string, id: string, hint: string): void => issues.error('UNKNOWN_REF', path, `${what} ${id} is not in the ${what === 'visit' ? 'plan' : 'instance'}`, hint);
  const inPeriod = (path: string, date: string): void => {
    if (!clock.dates.includes(date)) issues.error('CHANGE_TIME', path, `date ${date} lies outside the period ${clock.dates[0]}–${clock.dates.at(-1)}`, 'give a date inside the period');
  };
  changes.changes.forEach((c, i) => {
    const at = (field: string): string => `changes[${i}].${field}`;
    const needVisit = (id: string): boolean => {
      if (visits.has(id)) return true;
      unknown(at('visitId'), 'visit', id, 'use the id of a visit in the plan being replanned');
      return false;
    };
    switch (c.type) {
      case 'staffAbsent': {
        if (!staff.has(c.staffId)) unknown(at('staffId'), 'staff member', c.staffId, 'use a staff id of the instance');
        const from = clock.parseInstant(c.from);
        const to = clock.parseInstant(c.to);
        if (from >= to) issues.error('CHANGE_TIME', at('to'), `the absence ends (${c.to}) before or when it starts (${c.from})`, 'give `to` after `from`');
        else if (to <= 0 || from >= periodEnd) issues.error('CHANGE_TIME', at('from'), 'the absence lies outside the period', 'give instants inside the period');
        else absences.push({ staffId: c.staffId, from, to });
        break;
      }
      case 'shiftChanged': {
        const s = staff.get(c.staffId);
        if (!s) unknown(at('staffId'), 'staff member', c.staffId, 'use a staff id of the instance');
        else if (!s.shifts.some((x) => x.id === c.shiftId)) unknown(at('shiftId'), 'shift', c.shiftId, `use a shift id of staff ${c.staffId}`);
        if (!c.removed && c.start === undefined && c.end === undefined) issues.error('CHANGE_CONFLICT', at('type'), 'shiftChanged changes nothing', 'give start, end or removed: true');
        break;
      }
      case 'shiftAdded': {
        const s = staff.get(c.staffId);
        if (!s) unknown(at('staffId'), 'staff member', c.staffId, 'use a staff id of the instance');
        else if (s.shifts.some((x) => x.id === c.shift.id)) issues.error('DUPLICATE_ID', at('shift.id'), `staff ${c.staffId} already has shift ${c.shift.id}`, 'give the new shift a new id');
        inPeriod(at('shift.date'), c.shift.date);
        break;
      }
      case 'clientAway': {
        if (!clients.has(c.clientId)) unknown(at('clientId'), 'client', c.clientId, 'use a client id of the instance');
        if (clock.parseInstant(c.from) >= clock.parseInstant(c.to)) issues.error('CHANGE_TIME', at('to'), `the stay ends (${c.to}) before or when it starts (${c.from})`, 'give `to` after `from`');
        break;
      }
      case 'visitCancelled':
        if (needVisit(c.visitId)) {
          if (extended.has(c.visitId)) issues.error('CHANGE_CONFLICT', at('visitId'), `visit ${c.visitId} is both extended and cancelled`, 'keep one of the two changes');
          cancelled.add(c.visitId);
        }
        break;
      case 'visitExtended':
        if (needVisit(c.visitId)) {
          if (cancelled.has(c.visitId)) issues.error('CHANGE_CONFLICT', at('visitId'), `visit ${c.visitId} is both cancelled and extended`, 'keep one of the two changes');
          extended.add(c.visitId);
        }
        break;
      case 'taskAdded': {
        const client = clients.get(c.clientId);
        if (!client) unknown(at('clientId'), 'client', c.clientId, 'use a client id of the instance');
        else if (client.tasks.some((t) => t.id === c.task.id)) issues.error('DUPLICATE_ID', at('task.id'), `client ${c.clientId} already has task ${c.task.id}`, 'give the new task a new id');
        if (c.from !== undefined) inPeriod(at('from'), c.from);
        break;
      }
      case 'taskRemoved': {
        const client = clients.get(c.clientId);
        if (!client) unknown(at('clientId'), 'client', c.clientId, 'use a client id of the instance');
        else if (!client.tasks.some((t) => t.id === c.taskId)) unknown(at('taskId'), 'task', c.taskId, `use a task id of client ${c.clientId}`);
        if (c.from !== undefined) inPeriod(at('from'), c.from);
        break;
      }
      case 'clientAdded': {
        if (clients.has(c.client.id) || newClients.has(c.client.id)) issues.error('DUPLICATE_ID', at('client.id'), `client ${c.client.id} exists already`, 'give the new client a new id');
        newClients.add(c.client.id);
        if (!instance.teams.some((t) => t.id === c.client.team)) unknown(at('client.team'), 'team', c.client.team, 'use a team id of the instance');
        if (c.client.namedContact !== undefined && !staff.has(c.client.namedContact)) unknown(at('client.namedContact'), 'staff member', c.client.namedContact, 'use a staff id of the instance');
        if (c.from !== undefined) inPeriod(at('from'), c.from);
        break;
      }
      case 'lock':
      case 'unlock':
        needVisit(c.visitId);
        break;
      case 'lockRoute':
        if (!staff.has(c.staffId)) unknown(at('staffId'), 'staff member', c.staffId, 'use a staff id of the instance');
        inPeriod(at('date'), c.date);
        break;
    }
  });
  // Locks that cannot hold: on a cancelled visit, or keeping a staff member who is away then.
  changes.changes.forEach((c, i) => {
    if (c.type !== 'lock') return;
    const v = visits.get(c.visitId);
    if (!v) return;
    if (cancelled.has(v.id)) issues.error('LOCK_CONFLICT', `changes[${i}].visitId`, `visit ${v.id} is locked and cancelled`, 'drop the lock or the cancellation');
    if (c.keep === 'time') return;
    const start = clock.parseInstant(v.start);
    const end = clock.parseInstant(v.end);
    const away = absences.find((a) => v.staff.includes(a.staffId) && start < a.to && end > a.from);
    if (away) issues.error('LOCK_CONFLICT', `changes[${i}].keep`, `visit ${v.id} is locked to staff ${away.staffId}, who is away then`, 'lock the time only (keep: "time") or drop the lock');
  });
  if (issues.hasErrors) return { ok: false, issues: issues.items };
  // The changed instance must validate too (e.g. a new client's tasks against the roster).
  try {
    return { ok: true, changes, applied: applyChanges(instance, reference, changes, options) };
  } catch (e) {
    if (!(e instanceof ChangedInstanceError)) throw e;
    return { ok: false, issues: e.issues.map((i) => ({ ...i, path: `(instance after the changes).${i.path}` })) };
  }
}
