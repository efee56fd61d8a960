import type { PeriodClock } from '../calendar.js';
import type { Place } from '../schema/plan.js';

/** Local `HH:MM` of a minute of the period. */
export function hhmm(clock: PeriodClock, minute: number): string {
  return clock.clockOf(minute);
}

/** Local `HH:MM–HH:MM` of an interval of minutes. */
export function span(clock: PeriodClock, start: number, end: number): string {
  return `${clock.clockOf(start)}–${clock.clockOf(end)}`;
}

/** `base b1` / `client c7`: a place named by id only. */
export function placeText(place: Place): string {
  return `${place.kind} ${place.id}`;
}

/** `1 time` / `3 times`, `1 minute` / `5 minutes`. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `on 2026-11-23` or `between 2026-11-23 and 2026-11-29`. */
export function daysText(from: string, to: string): string {
  return from === to ? `on ${from}` : `between ${from} and ${to}`;
}
