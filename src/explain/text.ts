/**
 * Small text helpers for the client explanations. Everything they write is ids, dates, clock times,
 * minutes and counts: never a name, an address or a task description.
 * @module
 */
import type { Task, TimePreference } from '../schema/instance.js';

/** `1 visit` / `3 visits` (the checker's helper). */
export { plural } from '../check/format.js';

const WEEKDAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

/** A fraction as a whole percentage: 0.357 → `36%`. */
export function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}

/** At most `max` items joined by `, `, then `and N more`: `a, b and 3 more`. */
export function listed(items: readonly string[], max: number): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

/** ISO weekdays as short English names: `[2, 4]` → `Tue, Thu`. */
export function weekdaysText(days: readonly number[]): string {
  return days.map((d) => WEEKDAY_NAMES[d - 1] ?? String(d)).join(', ');
}

/** Skills as `[a, b]`, or `[none]`. */
export function skillsText(skills: readonly string[]): string {
  return `[${skills.length > 0 ? skills.join(', ') : 'none'}]`;
}

/** Preferred time ranges: `08:00–10:00, 16:00–18:00 (Sat, Sun)`. */
export function rangesText(ranges: readonly TimePreference[]): string {
  return ranges.map((r) => `${r.start}–${r.end}${r.weekdays ? ` (${weekdaysText(r.weekdays)})` : ''}`).join(', ');
}

/** A task's allowed start times: `12:00–13:00`, `08:00 ± 15 min`, or `any time`. */
export function allowedText(task: Pick<Task, 'fixedTime' | 'windows'>): string {
  if (task.fixedTime) return `${task.fixedTime.time} ± ${task.fixedTime.toleranceMinutes} min`;
  if (task.windows.length === 0) return 'any time';
  return task.windows.map((w) => `${w.start}–${w.end}`).join(', ');
}

/** Distinct values in first-seen order. */
export function distinct<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}
