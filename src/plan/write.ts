import type { PeriodClock } from '../calendar.js';
import type { Instance, Shift, Staff } from '../schema/instance.js';
import type { Place, PlannedVisit, Route, RouteEvent } from '../schema/plan.js';
import type { TravelModel } from '../travel/model.js';

/** A stop of a solved route: a visit (by plan visit id, at a client) or the break. */
export type SolvedStop =
  | { readonly kind: 'visit'; readonly visitId: string; readonly clientId: string; readonly start: number; readonly end: number }
  | { readonly kind: 'break'; readonly start: number; readonly end: number; readonly atBase: boolean };

/**
 * Writes the events of one route: start at the base at the shift start, wait where the staff
 * member is and leave just in time to arrive at each stop when it starts (waiting on site only when
 * the previous stop ends too late for that), and return to the base after the last stop. Times are period minutes; travel minutes come from the travel model.
 */
export function writeRoute(
  clock: PeriodClock,
  travel: TravelModel,
  staff: Staff,
  shift: Shift,
  baseId: string,
  stops: readonly SolvedStop[],
): Route {
  const iv = clock.shiftInterval(shift.date, shift.start, shift.end);
  const at = (m: number): string => clock.formatInstant(m);
  const base: Place = { kind: 'base', id: baseId };
  const events: RouteEvent[] = [{ type: 'start', time: at(iv.start), place: base }];
  let place = base;
  let t: number = iv.start;
  /** Travels to `to` so as to arrive by `arriveBy` if possible: idle time is spent before leaving. */
  const move = (to: Place, arriveBy: number): void => {
    if (to.kind === place.kind && to.id === place.id) return;
    const from = travel.indexOf(place.kind, place.id);
    const dest = travel.indexOf(to.kind, to.id);
    const minutes = travel.minutes(staff.travelMode, from, dest);
    const depart = Math.max(t, arriveBy - minutes);
    if (depart > t) events.push({ type: 'wait', start: at(t), end: at(depart), place });
    events.push({ type: 'travel', start: at(depart), end: at(depart + minutes), from: place, to, minutes, metres: travel.metres(from, dest) });
    t = depart + minutes;
    place = to;
  };
  for (const stop of stops) {
    if (stop.kind === 'visit') move({ kind: 'client', id: stop.clientId }, stop.start);
    else if (stop.atBase) move(base, stop.start);
    if (stop.start > t) events.push({ type: 'wait', start: at(t), end: at(stop.start), place });
    if (stop.kind === 'visit') events.push({ type: 'visit', visitId: stop.visitId, start: at(stop.start), end: at(stop.end) });
    else events.push({ type: 'break', start: at(stop.start), end: at(stop.end), place });
    t = stop.end;
  }
  move(base, t);
  events.push({ type: 'end', time: at(t), place: base });
  return { staffId: staff.id, shiftId: shift.id, date: shift.date, events };
}

/** Builds a planned visit record. */
export function writeVisit(
  clock: PeriodClock,
  id: string,
  clientId: string,
  start: number,
  tasks: readonly { taskId: string; minutes: number }[],
  staff: readonly string[],
): PlannedVisit {
  const minutes = tasks.reduce((s, t) => s + t.minutes, 0);
  return {
    id,
    clientId,
    date: clock.dateOf(start),
    start: clock.formatInstant(start),
    end: clock.formatInstant(start + minutes),
    staff: [...staff],
    tasks: tasks.map((t) => ({ taskId: t.taskId, minutes: t.minutes })),
  };
}

/** The base of a shift: its own, else the staff member's. */
export function shiftBase(staff: Staff, shift: Shift): string {
  return shift.base ?? staff.base;
}

/** Index of every shift of an instance: `{ staff, shift }` in roster order. */
export function allShifts(instance: Instance): { staff: Staff; shift: Shift }[] {
  return instance.staff.flatMap((staff) => staff.shifts.map((shift) => ({ staff, shift })));
}
