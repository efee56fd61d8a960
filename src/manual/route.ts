/**
 * The route of one staff member's shift in a manual plan: start at the base, travel to each visit
 * in start order (leaving just in time, waiting before leaving), the break where it fits, back to
 * the base. Where the given times do not allow the trip, the route shows it: a gap shorter than the
 * trip becomes a travel event as long as the gap (the checker's TRAVEL_TIME), a visit starting
 * before the previous one ends overlaps (OVERLAP). Feasible visits give the same events as the
 * planners' route writer (src/plan/write.ts).
 * @module
 */
import type { PeriodClock } from '../calendar.js';
import type { Shift, Staff } from '../schema/instance.js';
import type { Place, Route, RouteEvent } from '../schema/plan.js';
import type { TravelModel } from '../travel/model.js';
import { breakWindow } from '../validate/index.js';

/** A visit on the route, in period minutes. */
export interface ManualStop {
  readonly visitId: string;
  readonly clientId: string;
  readonly start: number;
  readonly end: number;
}

type Stop = ManualStop | { readonly break: true; readonly start: number; readonly end: number; readonly atBase: boolean };

/**
 * Where the break goes: in the gap (before the first visit, between two, after the last) where
 * it fits inside its window with the trips around it, adding the least travel (a break at the base
 * means going there), earliest first. `undefined` when it fits nowhere (the checker then reports BREAK).
 */
function placeBreak(clock: PeriodClock, travel: TravelModel, staff: Staff, shift: Shift, baseId: string, stops: readonly ManualStop[]): Stop | undefined {
  const rule = shift.break;
  if (!rule) return undefined;
  const iv = clock.shiftInterval(shift.date, shift.start, shift.end);
  const w = breakWindow(clock, shift.date, iv.start, rule.earliestStart, rule.latestEnd);
  const base = travel.indexOf('base', baseId);
  const idx = (s: ManualStop | undefined): number => (s ? travel.indexOf('client', s.clientId) : base);
  const t = (a: number, b: number): number => (a === b ? 0 : travel.minutes(staff.travelMode, a, b));
  let best: { start: number; extra: number } | undefined;
  for (let k = 0; k <= stops.length; k++) {
    const prev = stops[k - 1];
    const next = stops[k];
    const from = idx(prev);
    const to = idx(next);
    const free = prev ? prev.end : iv.start;
    const until = next ? next.start : iv.end;
    const pre = rule.at === 'base' ? t(from, base) : 0;
    const post = rule.at === 'base' ? t(base, to) : t(from, to);
    const start = Math.max(free + pre, w.start);
    if (start + rule.minutes > w.end || start + rule.minutes + post > until) continue;
    const extra = pre + post - t(from, to);
    if (!best || extra < best.extra) best = { start, extra };
  }
  return best && { break: true, start: best.start, end: best.start + rule.minutes, atBase: rule.at === 'base' };
}

/** Writes the route of a shift for its visits (sorted by start). */
export function manualRoute(clock: PeriodClock, travel: TravelModel, staff: Staff, shift: Shift, baseId: string, visits: readonly ManualStop[]): Route {
  const iv = clock.shiftInterval(shift.date, shift.start, shift.end);
  const at = (m: number): string => clock.formatInstant(m);
  const base: Place = { kind: 'base', id: baseId };
  const brk = placeBreak(clock, travel, staff, shift, baseId, visits);
  const stops: Stop[] = [...visits];
  if (brk) {
    const k = visits.findIndex((v) => v.start >= brk.end);
    stops.splice(k < 0 ? stops.length : k, 0, brk);
  }
  // Leave the base early enough for the first visit, even before the shift (the checker reports that).
  const first = stops[0];
  const firstTrip = first && !('break' in first) ? travel.minutes(staff.travelMode, travel.indexOf('base', baseId), travel.indexOf('client', first.clientId)) : 0;
  let t = first && !('break' in first) ? Math.min(iv.start, first.start - firstTrip) : iv.start;
  const events: RouteEvent[] = [{ type: 'start', time: at(t), place: base }];
  let place = base;
  const move = (to: Place, arriveBy: number): void => {
    if (to.kind === place.kind && to.id === place.id) return;
    const from = travel.indexOf(place.kind, place.id);
    const dest = travel.indexOf(to.kind, to.id);
    const need = travel.minutes(staff.travelMode, from, dest);
    // Just in time when the gap allows; squeezed into a too short gap; in full after a double booking.
    const depart = t + need <= arriveBy ? arriveBy - need : t;
    const arrive = t + need <= arriveBy ? arriveBy : t <= arriveBy ? arriveBy : t + need;
    if (depart > t) events.push({ type: 'wait', start: at(t), end: at(depart), place });
    events.push({ type: 'travel', start: at(depart), end: at(arrive), from: place, to, minutes: arrive - depart, metres: travel.metres(from, dest) });
    t = arrive;
    place = to;
  };
  for (const stop of stops) {
    if ('break' in stop) {
      if (stop.atBase) move(base, stop.start);
    } else move({ kind: 'client', id: stop.clientId }, stop.start);
    if (stop.start > t) events.push({ type: 'wait', start: at(t), end: at(stop.start), place });
    if ('break' in stop) events.push({ type: 'break', start: at(stop.start), end: at(stop.end), place });
    else events.push({ type: 'visit', visitId: stop.visitId, start: at(stop.start), end: at(stop.end) });
    t = Math.max(t, stop.end);
  }
  // Home as soon as the last stop ends.
  move(base, t + travel.minutes(staff.travelMode, travel.indexOf(place.kind, place.id), travel.indexOf('base', baseId)));
  events.push({ type: 'end', time: at(t), place: base });
  return { staffId: staff.id, shiftId: shift.id, date: shift.date, events };
}
