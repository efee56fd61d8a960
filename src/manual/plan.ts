/**
 * A manual plan scored like any other: visit rows (client, date, start, end, staff, optional tasks)
 * become a plan with routes derived — each staff member's visits on a shift in start order, travel
 * by the instance's travel model, the break placed where it fits — and the occurrences the rows do
 * not cover as unplanned items. Nothing is repaired: where the manual plan breaks a rule, the
 * routes show it as it is (a double booking overlaps, a too short gap travels too fast) and
 * `slinga check` explains it.
 * @module
 */
import type { PeriodClock } from '../calendar.js';
import { durationBounds, expandDemand } from '../model/demand.js';
import { writeVisit, shiftBase } from '../plan/write.js';
import type { Instance, Shift, Staff } from '../schema/instance.js';
import type { Plan, PlannedVisit, UnplannedItem } from '../schema/plan.js';
import { SheetIssues, type SheetIssue } from '../sheets/index.js';
import type { ImportedMatrix } from '../travel/matrix.js';
import { TravelModel } from '../travel/model.js';
import { periodClock } from '../kpi/index.js';
import { VERSION } from '../version.js';
import { manualRoute, type ManualStop } from './route.js';
import type { VisitRow } from './visits.js';

/** Result of {@link buildManualPlan}: the plan, and warnings (or errors: then no plan). */
export type ManualPlanResult = { readonly ok: true; readonly plan: Plan; readonly warnings: readonly SheetIssue[] } | { readonly ok: false; readonly issues: readonly SheetIssue[] };

interface Draft {
  readonly row: VisitRow;
  readonly start: number;
  readonly end: number;
  staff: string[];
  tasks: { taskId: string; minutes: number }[];
  id?: string;
}

/** Splits `total` minutes over tasks in proportion to their standard minutes (largest remainder, each ≥ 1). */
export function splitMinutes(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((w) => (total * w) / sum);
  const out = raw.map((x) => Math.max(1, Math.floor(x)));
  let rest = total - out.reduce((a, b) => a + b, 0);
  const order = raw.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0; rest > 0; k = (k + 1) % out.length, rest--) out[order[k]!.i]!++;
  return out;
}

/** Builds the plan of visit rows against a validated instance. Unknown clients, staff and tasks are errors. */
export function buildManualPlan(instance: Instance, rows: readonly VisitRow[], options: { matrix?: ImportedMatrix } = {}): ManualPlanResult {
  const issues = new SheetIssues();
  const clock = periodClock(instance);
  const clients = new Map(instance.clients.map((c) => [c.id, c]));
  const staffById = new Map(instance.staff.map((s) => [s.id, s]));
  const at = (r: VisitRow, column?: string) => ({ file: r.file, sheet: r.sheet, line: r.line, column });
  const spans = expandDemand(instance, clock.dates);
  // Occurrences still due per demand span (spans of one task never share a date).
  const remaining = new Map<string, number>();
  const spanOfDate = new Map<string, string>();
  for (const s of spans) {
    const key = `${s.clientId}\u0000${s.taskId}\u0000${s.from}`;
    remaining.set(key, s.count);
    for (const d of s.dates) spanOfDate.set(`${s.clientId}\u0000${s.taskId}\u0000${d}`, key);
  }
  const spanKey = (c: string, t: string, d: string): string | undefined => spanOfDate.get(`${c}\u0000${t}\u0000${d}`);

  // Merge rows of one visit: the same visit id, or the same client, date, start and end.
  const drafts = new Map<string, Draft>();
  for (const r of rows) {
    const client = clients.get(r.clientId);
    if (!client) {
      issues.error(at(r, 'client'), 'UNKNOWN_CLIENT', `No client has id "${r.clientId}".`, 'use a client id of the instance');
      continue;
    }
    const unknown = r.staff.filter((s) => !staffById.has(s));
    if (unknown.length > 0) {
      issues.error(at(r, 'staff'), 'UNKNOWN_STAFF', `No staff member has id "${unknown[0]}".`, 'use a staff id of the instance');
      continue;
    }
    const badTask = r.tasks?.find((t) => !client.tasks.some((k) => k.id === t.taskId));
    if (badTask) {
      issues.error(at(r, 'tasks'), 'UNKNOWN_TASK', `Client ${r.clientId} has no task "${badTask.taskId}".`, "use task ids of the client's tasks, or leave the cell empty to infer them");
      continue;
    }
    if (clock.dayIndex(r.date) < 0) {
      issues.error(at(r, 'date'), 'OUT_OF_RANGE', `${r.date} lies outside the period ${clock.dates[0]} to ${clock.dates[clock.days - 1]}.`, 'give visits of the instance period');
      continue;
    }
    const key = r.visitId ?? `${r.clientId}\u0000${r.date}\u0000${r.start}\u0000${r.end}`;
    const prev = drafts.get(key);
    if (prev) {
      prev.staff = [...new Set([...prev.staff, ...r.staff])];
      if (prev.staff.length > 2) issues.error(at(r, 'staff'), 'OUT_OF_RANGE', `Visit ${r.visitId ?? `of client ${r.clientId} at ${r.date} ${r.start}`} gets a third staff member.`, 'a visit has one or two staff');
      continue;
    }
    const start = clock.toMinute(r.date, r.start);
    const end = r.end === '24:00' ? clock.toMinute(r.date, '00:00') + 1440 : clock.toMinute(r.date, r.end);
    drafts.set(key, { row: r, start, end, staff: [...r.staff], tasks: [], id: r.visitId });
  }
  if (issues.hasErrors) return { ok: false, issues: issues.items };

  // Tasks: as given (minutes split over the visit when not given), or inferred from what is due.
  const list = [...drafts.values()].sort((a, b) => a.start - b.start || a.row.line - b.row.line);
  for (const d of list) {
    const client = clients.get(d.row.clientId)!;
    const length = d.end - d.start;
    let chosen = d.row.tasks?.map((t) => ({ task: client.tasks.find((k) => k.id === t.taskId)!, minutes: t.minutes }));
    if (!chosen || chosen.length === 0) {
      const clockMin = d.start - clock.toMinute(d.row.date, '00:00');
      const fits = (t: (typeof client.tasks)[number]): boolean =>
        t.fixedTime ? Math.abs(clockMin - clockOf(t.fixedTime.time)) <= t.fixedTime.toleranceMinutes : t.windows.length === 0 || t.windows.some((w) => clockMin >= clockOf(w.start) && clockMin <= clockOf(w.end));
      const due = client.tasks.filter((t) => (remaining.get(spanKey(client.id, t.id, d.row.date) ?? '') ?? 0) > 0 && t.staffCount === Math.min(2, d.staff.length));
      const ranked = [...due.filter(fits), ...due.filter((t) => !fits(t))];
      const picked: typeof client.tasks = [];
      let left = length;
      for (const t of ranked) {
        if (picked.length > 0 && (!t.combinable || !picked.every((p) => p.combinable) || durationBounds(t).min > left)) continue;
        picked.push(t);
        left -= durationBounds(t).standard;
        if (left <= 0) break;
      }
      if (picked.length === 0) picked.push(client.tasks[0]!);
      chosen = picked.map((task) => ({ task, minutes: undefined }));
      issues.warn(at(d.row, 'tasks'), 'UNKNOWN_TASK', `No tasks given: taken as ${picked.map((t) => t.id).join(', ')} (due that day, fitting the start).`, 'name the task ids to be exact');
    }
    const given = chosen.every((c) => c.minutes !== undefined) && chosen.reduce((s, c) => s + c.minutes!, 0) === length;
    const minutes = given ? chosen.map((c) => c.minutes!) : splitMinutes(length, chosen.map((c) => c.task.duration.standard));
    d.tasks = chosen.map((c, i) => ({ taskId: c.task.id, minutes: minutes[i]! }));
    for (const t of d.tasks) {
      const k = spanKey(client.id, t.taskId, d.row.date);
      if (k) remaining.set(k, (remaining.get(k) ?? 0) - 1);
    }
  }

  // Visit ids: as given, else m001… in start order.
  const taken = new Set(list.map((d) => d.id).filter((x): x is string => x !== undefined));
  let n = 0;
  const width = String(list.length).length;
  for (const d of list) {
    if (d.id !== undefined) continue;
    let id: string;
    do id = `m${String(++n).padStart(width, '0')}`;
    while (taken.has(id));
    d.id = id;
  }
  const visits: PlannedVisit[] = list.map((d) => writeVisit(clock, d.id!, d.row.clientId, d.start, d.tasks, [...d.staff].sort()));
  // A visit's end is its given end (task minutes sum to it by construction).

  const travel = new TravelModel(instance, options.matrix);
  const routes = deriveRoutes(instance, clock, travel, list, issues);
  const unplanned = unplannedOf(instance, clock, visits);
  const plan: Plan = {
    schemaVersion: 1,
    instanceId: instance.id,
    meta: { solver: 'manual', strategy: 'manual', seed: 0, version: VERSION, stopped: 'completed' },
    visits,
    routes,
    unplanned,
  };
  return { ok: true, plan, warnings: issues.items };
}

function clockOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

/** The shift of a staff member a visit belongs to: the given id, else the one containing (or nearest) the visit that day. */
function shiftFor(staff: Staff, clock: PeriodClock, d: Draft): Shift | undefined {
  if (d.row.shiftId) {
    const s = staff.shifts.find((x) => x.id === d.row.shiftId);
    if (s) return s;
  }
  let best: { shift: Shift; cost: number } | undefined;
  for (const shift of staff.shifts) {
    const iv = clock.shiftInterval(shift.date, shift.start, shift.end);
    const cost = Math.max(0, iv.start - d.start) + Math.max(0, d.end - iv.end);
    if (cost > 12 * 60) continue;
    if (!best || cost < best.cost) best = { shift, cost };
  }
  return best?.shift;
}

function deriveRoutes(instance: Instance, clock: PeriodClock, travel: TravelModel, drafts: readonly Draft[], issues: SheetIssues): Plan['routes'] {
  const byShift = new Map<string, { staff: Staff; shift: Shift; stops: ManualStop[] }>();
  for (const d of drafts) {
    for (const sid of d.staff) {
      const staff = instance.staff.find((s) => s.id === sid)!;
      const shift = shiftFor(staff, clock, d);
      if (!shift) {
        issues.warn({ file: d.row.file, sheet: d.row.sheet, line: d.row.line, column: 'staff' }, 'UNKNOWN_STAFF', `Staff ${sid} has no shift near ${d.row.date} ${d.row.start}; the visit is on no route.`, 'add the shift to the roster; `slinga check` reports the visit as VISIT_ROUTE');
        continue;
      }
      const key = `${sid}\u0000${shift.id}`;
      const entry = byShift.get(key) ?? byShift.set(key, { staff, shift, stops: [] }).get(key)!;
      entry.stops.push({ visitId: d.id!, clientId: d.row.clientId, start: d.start, end: d.end });
    }
  }
  const routes = [...byShift.values()].map(({ staff, shift, stops }) => {
    stops.sort((a, b) => a.start - b.start || a.end - b.end || (a.visitId < b.visitId ? -1 : 1));
    return manualRoute(clock, travel, staff, shift, shiftBase(staff, shift), stops);
  });
  return routes.sort((a, b) => a.date.localeCompare(b.date) || a.staffId.localeCompare(b.staffId) || a.shiftId.localeCompare(b.shiftId));
}

/** Due occurrences no visit covers, per demand span, as unplanned items (`NOT_SCHEDULED`). */
function unplannedOf(instance: Instance, clock: PeriodClock, visits: readonly PlannedVisit[]): UnplannedItem[] {
  const planned = new Map<string, number>();
  for (const v of visits) for (const t of v.tasks) planned.set(`${v.clientId}\u0000${t.taskId}\u0000${v.date}`, (planned.get(`${v.clientId}\u0000${t.taskId}\u0000${v.date}`) ?? 0) + 1);
  const out: UnplannedItem[] = [];
  for (const s of expandDemand(instance, clock.dates)) {
    const done = s.dates.reduce((n, d) => n + (planned.get(`${s.clientId}\u0000${s.taskId}\u0000${d}`) ?? 0), 0);
    const missing = s.count - done;
    if (missing <= 0) continue;
    const task = instance.clients.find((c) => c.id === s.clientId)!.tasks.find((t) => t.id === s.taskId)!;
    const when = s.from === s.to ? `on ${s.from}` : `in ${s.from}–${s.to}`;
    out.push({
      clientId: s.clientId,
      taskId: s.taskId,
      from: s.from,
      to: s.to,
      count: missing,
      minutes: missing * task.duration.standard * task.staffCount,
      reason: 'NOT_SCHEDULED',
      message: `Task ${s.taskId} of client ${s.clientId} ${when}: ${missing} of ${s.count} occurrence(s) are in no visit of the manual plan.`,
    });
  }
  return out;
}
