import { PeriodClock, clockMinutes, isoWeekday } from '../calendar.js';
import type { Client, Instance, Shift, Staff, Task } from '../schema/instance.js';
import type { Plan, PlannedVisit, Route } from '../schema/plan.js';

/** One task of a planned visit, resolved against the instance (`task` is undefined for an unknown id). */
export interface VisitTaskFact {
  readonly taskId: string;
  readonly task: Task | undefined;
  readonly minutes: number;
}

/**
 * A planned visit with its local times resolved once through the period clock.
 * `minutes` is `end − start` in real minutes (one staff member's time at the client).
 */
export interface VisitFact {
  readonly visit: PlannedVisit;
  readonly client: Client | undefined;
  /** Minute of the start, counted from local midnight of the period's first day. */
  readonly start: number;
  /** Minute of the end. */
  readonly end: number;
  /** `end − start`. */
  readonly minutes: number;
  /** Local date of the start. */
  readonly date: string;
  /** Local wall-clock minutes of the start since local midnight (08:30 → 510). */
  readonly clockMinute: number;
  /** ISO weekday of `date`: 1 = Monday … 7 = Sunday. */
  readonly weekday: number;
  readonly tasks: readonly VisitTaskFact[];
}

/** A route with its shift and time sums resolved. */
export interface RouteFact {
  readonly route: Route;
  readonly staff: Staff | undefined;
  readonly shift: Shift | undefined;
  /** Σ `minutes` of the travel events. */
  readonly travelMinutes: number;
  /** Σ `metres` of the travel events. */
  readonly travelMetres: number;
  /** Σ (end − start) of the wait events. */
  readonly waitingMinutes: number;
  /** max(0, route end − shift end); 0 when the shift is unknown or the route has no events. */
  readonly overtimeMinutes: number;
}

/** Everything the KPI modules read, resolved once from an instance and a plan. */
export interface KpiContext {
  readonly instance: Instance;
  readonly plan: Plan;
  readonly clock: PeriodClock;
  readonly clients: ReadonlyMap<string, Client>;
  readonly staff: ReadonlyMap<string, Staff>;
  readonly visits: readonly VisitFact[];
  /** Visits grouped by client id, in plan order. */
  readonly visitsByClient: ReadonlyMap<string, readonly VisitFact[]>;
  readonly routes: readonly RouteFact[];
}

/** The period clock of an instance. */
export function periodClock(instance: Instance): PeriodClock {
  return new PeriodClock(instance.period.start, instance.period.days, instance.period.timeZone);
}

/** Builds the shared KPI context. Reads the plan as given; nothing is validated here. */
export function buildContext(instance: Instance, plan: Plan): KpiContext {
  const clock = periodClock(instance);
  const clients = new Map(instance.clients.map((c) => [c.id, c]));
  const staff = new Map(instance.staff.map((s) => [s.id, s]));
  const visits: VisitFact[] = [];
  const visitsByClient = new Map<string, VisitFact[]>();
  // Local date and clock per start minute, cached: time-zone formatting is the costly part.
  const local = new Map<number, { date: string; clockMinute: number; weekday: number }>();
  for (const visit of plan.visits) {
    const client = clients.get(visit.clientId);
    const start = clock.parseInstant(visit.start);
    const end = clock.parseInstant(visit.end);
    let at = local.get(start);
    if (!at) {
      const date = clock.dateOf(start);
      at = { date, clockMinute: clockMinutes(clock.clockOf(start)), weekday: isoWeekday(date) };
      local.set(start, at);
    }
    const fact: VisitFact = {
      visit,
      client,
      start,
      end,
      minutes: Math.max(0, end - start),
      ...at,
      tasks: visit.tasks.map((t) => ({
        taskId: t.taskId,
        task: client?.tasks.find((k) => k.id === t.taskId),
        minutes: t.minutes,
      })),
    };
    visits.push(fact);
    let list = visitsByClient.get(visit.clientId);
    if (!list) visitsByClient.set(visit.clientId, (list = []));
    list.push(fact);
  }
  const routes = plan.routes.map((route) => routeFact(route, staff.get(route.staffId), clock));
  return { instance, plan, clock, clients, staff, visits, visitsByClient, routes };
}

/** Minute at which a route ends: its `end` event, else the latest end of any event. */
function routeEndMinute(route: Route, clock: PeriodClock): number | null {
  let last: number | null = null;
  for (const e of route.events) {
    const t = e.type === 'start' || e.type === 'end' ? e.time : e.end;
    const m = clock.parseInstant(t);
    if (e.type === 'end') return m;
    if (last === null || m > last) last = m;
  }
  return last;
}

function routeFact(route: Route, staff: Staff | undefined, clock: PeriodClock): RouteFact {
  const shift = staff?.shifts.find((s) => s.id === route.shiftId);
  let travelMinutes = 0;
  let travelMetres = 0;
  let waitingMinutes = 0;
  for (const e of route.events) {
    if (e.type === 'travel') {
      travelMinutes += e.minutes;
      travelMetres += e.metres;
    } else if (e.type === 'wait') {
      waitingMinutes += Math.max(0, clock.parseInstant(e.end) - clock.parseInstant(e.start));
    }
  }
  let overtimeMinutes = 0;
  const endMinute = routeEndMinute(route, clock);
  if (shift && endMinute !== null) {
    const interval = clock.shiftInterval(shift.date, shift.start, shift.end);
    overtimeMinutes = Math.max(0, endMinute - interval.end);
  }
  return { route, staff, shift, travelMinutes, travelMetres, waitingMinutes, overtimeMinutes };
}

/** Paid minutes of one shift before overtime: its real length minus its break minutes (never below 0). */
export function shiftPaidMinutes(shift: Shift, clock: PeriodClock): number {
  const { start, end } = clock.shiftInterval(shift.date, shift.start, shift.end);
  return Math.max(0, end - start - (shift.break?.minutes ?? 0));
}
