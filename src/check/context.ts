import { clockMinutes, nextDate, PeriodClock } from '../calendar.js';
import type { Client, Instance, Shift, Staff, Task } from '../schema/instance.js';
import type { Plan, PlannedVisit, Route, RouteEvent, VisitTask } from '../schema/plan.js';
import type { ImportedMatrix } from '../travel/matrix.js';
import { fromOsrmTable } from '../travel/matrix.js';
import { TravelModel } from '../travel/model.js';
import { expandDemand, type DemandSpan } from '../model/demand.js';

/** A shift of the roster with its real minutes (DST-correct) and resolved base. */
export interface ShiftInfo {
  readonly staff: Staff;
  readonly shift: Shift;
  /** Minute of the shift start. */
  readonly start: number;
  /** Minute of the shift end (next day when the clock end is at or before the start). */
  readonly end: number;
  /** Base id where the shift starts and ends. */
  readonly base: string;
  /** Break window in minutes when the shift has a break rule. */
  readonly breakWindow?: { readonly start: number; readonly end: number };
}

/** A task entry of a visit with the instance task it names (when found at the visit's client). */
export interface VisitTaskInfo {
  readonly entry: VisitTask;
  readonly index: number;
  readonly task?: Task;
}

/** A planned visit with parsed minutes; `start`/`end` are undefined when the instant is unreadable. */
export interface VisitInfo {
  readonly visit: PlannedVisit;
  readonly index: number;
  readonly path: string;
  readonly start?: number;
  readonly end?: number;
  /** Local date of the start instant (the date the contract says `visit.date` must be). */
  readonly localDate?: string;
  readonly client?: Client;
  readonly tasks: readonly VisitTaskInfo[];
}

/** A route event with parsed begin and end minutes (equal for `start`/`end` events). */
export interface EventInfo {
  readonly event: RouteEvent;
  readonly index: number;
  readonly path: string;
  readonly start?: number;
  readonly end?: number;
}

/** A route with its staff member and shift resolved (undefined when the ids are unknown). */
export interface RouteInfo {
  readonly route: Route;
  readonly index: number;
  readonly path: string;
  readonly staff?: Staff;
  /** The shift, only when it belongs to the route's staff member. */
  readonly shift?: ShiftInfo;
  readonly events: readonly EventInfo[];
}

/** An instant that could not be read, or that is not on a whole minute. */
export interface BadInstant {
  readonly path: string;
  readonly value: string;
  /** `unreadable`: no date-time with offset; `subMinute`: has seconds (rounding would hide up to half a minute). */
  readonly reason: 'unreadable' | 'subMinute';
  readonly visitId?: string;
  readonly staffId?: string;
  readonly shiftId?: string;
}

/**
 * What the rules know of the instance alone: id indexes, the period clock, the travel model, the
 * roster's minutes, the demand. Built once for all plans of an instance ({@link instanceContext}).
 */
export interface InstanceContext {
  readonly instance: Instance;
  readonly clock: PeriodClock;
  readonly travel: TravelModel;
  readonly staff: ReadonlyMap<string, Staff>;
  readonly clients: ReadonlyMap<string, Client>;
  readonly baseIds: ReadonlySet<string>;
  /** Shifts by id; an id may (wrongly) occur at several staff members, hence the list. */
  readonly shifts: ReadonlyMap<string, readonly ShiftInfo[]>;
  /** Client ids owning a task id (task ids need only be unique within a client). */
  readonly taskOwners: ReadonlyMap<string, readonly string[]>;
  /** The demand of the period (`expandDemand`). */
  readonly spans: readonly DemandSpan[];
  /**
   * Instants read so far (text → period minute, or why it is not one): plans of an instance repeat
   * the same few thousand instants, and reading one through the time zone is the costly part of a
   * context. Shared by every plan checked with this context; bounded.
   */
  readonly instants: Map<string, number | BadInstant['reason']>;
}

/** Most instants {@link InstanceContext.instants} keeps (a 14-day period has 20,160 minutes). */
const MAX_INSTANTS = 100_000;

/**
 * Everything the rules share, computed once from instance and plan: the instance's context, then
 * parsed minutes of every instant of the plan. Building it never throws on a malformed plan;
 * unreadable instants are collected in `badInstants` and left undefined.
 */
export interface CheckContext extends InstanceContext {
  readonly plan: Plan;
  readonly visits: readonly VisitInfo[];
  /** First visit with each id. */
  readonly visitById: ReadonlyMap<string, VisitInfo>;
  readonly routes: readonly RouteInfo[];
  /** Visit events of all routes by visit id. */
  readonly visitEvents: ReadonlyMap<string, readonly { route: RouteInfo; event: EventInfo }[]>;
  readonly badInstants: readonly BadInstant[];
}

/** Builds the shared context. Throws only when the instance itself is unusable (unknown time zone). */
export function buildContext(instance: Instance, plan: Plan, matrix?: ImportedMatrix): CheckContext {
  return planContext(instanceContext(instance, matrix), plan);
}

/** The instance's part of the context. Throws only when the instance itself is unusable (unknown time zone). */
export function instanceContext(instance: Instance, matrix?: ImportedMatrix): InstanceContext {
  const clock = new PeriodClock(instance.period.start, instance.period.days, instance.period.timeZone);
  const travel = new TravelModel(instance, matrix ?? inlineMatrix(instance));
  const staff = new Map(instance.staff.map((s) => [s.id, s]));
  const clients = new Map(instance.clients.map((c) => [c.id, c]));
  const baseIds = new Set(instance.bases.map((b) => b.id));

  const shifts = new Map<string, ShiftInfo[]>();
  for (const s of instance.staff) {
    for (const shift of s.shifts) {
      const info = shiftInfo(clock, s, shift);
      const list = shifts.get(shift.id) ?? [];
      list.push(info);
      shifts.set(shift.id, list);
    }
  }

  const taskOwners = new Map<string, string[]>();
  for (const c of instance.clients) {
    for (const t of c.tasks) taskOwners.set(t.id, [...(taskOwners.get(t.id) ?? []), c.id]);
  }

  return { instance, clock, travel, staff, clients, baseIds, shifts, taskOwners, spans: expandDemand(instance, clock.dates), instants: new Map() };
}

/**
 * Part of a plan to build a context of: indices into `plan.visits` and `plan.routes`, ascending.
 * A context of a part keeps each visit's and route's index and path in the whole plan.
 */
export interface PlanPart {
  readonly visits: readonly number[];
  readonly routes: readonly number[];
}

/**
 * The plan's part: every instant read (unreadable ones listed), visits and routes resolved against
 * the instance. With `part`, only those visits and routes are in the context (for the incremental
 * checker, src/check/incremental.ts): `visits`, `routes`, `visitById`, `visitEvents` and
 * `badInstants` then hold them alone, `plan` is still the whole plan.
 */
export function planContext(base: InstanceContext, plan: Plan, part?: PlanPart): CheckContext {
  const { clock, staff, clients, shifts, instants } = base;
  const badInstants: BadInstant[] = [];
  const minuteOf = (value: string): number | BadInstant['reason'] => {
    const ms = Date.parse(value);
    if (Number.isNaN(ms)) return 'unreadable';
    // The engine counts whole minutes; rounding an instant with seconds could turn a travel leg
    // or a gap that is up to a minute too short into a valid-looking one.
    if (ms % 60_000 !== 0) return 'subMinute';
    return clock.parseInstant(value);
  };
  const read = (value: string, path: string, ids: Omit<BadInstant, 'path' | 'value' | 'reason'>): number | undefined => {
    let m = instants.get(value);
    if (m === undefined) {
      if (instants.size >= MAX_INSTANTS) instants.clear();
      instants.set(value, (m = minuteOf(value)));
    }
    if (typeof m === 'number') return m;
    badInstants.push({ path, value, reason: m, ...ids });
    return undefined;
  };

  // Local date of a minute: inside the period from the day starts (exact local midnights), which
  // avoids a time-zone conversion per visit; outside it through the clock.
  const localDateOf = (minute: number): string => {
    const d = clock.dayIndexOf(minute);
    return d >= 0 ? clock.dates[d]! : clock.dateOf(minute);
  };
  const visitIndices = part ? part.visits : plan.visits.map((_, i) => i);
  const routeIndices = part ? part.routes : plan.routes.map((_, i) => i);
  const visits: VisitInfo[] = visitIndices.map((index) => {
    const visit = plan.visits[index]!;
    const path = `visits[${index}]`;
    const start = read(visit.start, `${path}.start`, { visitId: visit.id });
    const end = read(visit.end, `${path}.end`, { visitId: visit.id });
    const client = clients.get(visit.clientId);
    const tasks = visit.tasks.map((entry, i) => ({ entry, index: i, task: client?.tasks.find((t) => t.id === entry.taskId) }));
    return { visit, index, path, start, end, localDate: start === undefined ? undefined : localDateOf(start), client, tasks };
  });
  const visitById = new Map<string, VisitInfo>();
  for (const v of visits) if (!visitById.has(v.visit.id)) visitById.set(v.visit.id, v);

  const visitEvents = new Map<string, { route: RouteInfo; event: EventInfo }[]>();
  const routes: RouteInfo[] = routeIndices.map((index) => {
    const route = plan.routes[index]!;
    const path = `routes[${index}]`;
    const s = staff.get(route.staffId);
    const shift = shifts.get(route.shiftId)?.find((i) => i.staff.id === route.staffId);
    const ids = { staffId: route.staffId, shiftId: route.shiftId };
    const events: EventInfo[] = route.events.map((event, i) => {
      const p = `${path}.events[${i}]`;
      if (event.type === 'start' || event.type === 'end') {
        const t = read(event.time, `${p}.time`, ids);
        return { event, index: i, path: p, start: t, end: t };
      }
      return { event, index: i, path: p, start: read(event.start, `${p}.start`, ids), end: read(event.end, `${p}.end`, ids) };
    });
    const info: RouteInfo = { route, index, path, staff: s, shift, events };
    for (const e of events) {
      if (e.event.type !== 'visit') continue;
      const list = visitEvents.get(e.event.visitId) ?? [];
      list.push({ route: info, event: e });
      visitEvents.set(e.event.visitId, list);
    }
    return info;
  });

  return { ...base, plan, visits, visitById, routes, visitEvents, badInstants };
}

/** Minutes of a shift and its break window, DST-correct through the period clock. */
function shiftInfo(clock: PeriodClock, staff: Staff, shift: Shift): ShiftInfo {
  const { start, end } = clock.shiftInterval(shift.date, shift.start, shift.end);
  const rule = shift.break;
  // A break clock time before the shift start belongs to the next day (night shifts).
  const breakMinute = (clockTime: string): number =>
    clock.toMinute(clockMinutes(clockTime) < clockMinutes(shift.start) ? nextDate(shift.date) : shift.date, clockTime);
  return {
    staff,
    shift,
    start,
    end,
    base: shift.base ?? staff.base,
    breakWindow: rule ? { start: breakMinute(rule.earliestStart), end: breakMinute(rule.latestEnd) } : undefined,
  };
}

/** An OSRM response given inline in the instance; file-based matrices must be passed by the caller. */
function inlineMatrix(instance: Instance): ImportedMatrix | undefined {
  const m = instance.travel.matrix;
  if (m?.format !== 'osrm' || !m.response) return undefined;
  return fromOsrmTable(m.locationIds, m.response);
}
