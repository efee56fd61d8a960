import { isoWeekday } from '../calendar.js';
import { categoryBudget, durationBounds, expandDemand, type DemandSpan } from '../model/demand.js';
import type { Client, Instance, Task } from '../schema/instance.js';

/** One occurrence of a task placed on a date, with the minutes chosen for it. */
export interface Occurrence {
  readonly client: Client;
  readonly task: Task;
  readonly span: DemandSpan;
  /** The date chosen for it (one of `span.dates`). */
  readonly date: string;
  /** Minutes on site (per staff member). */
  readonly minutes: number;
}

/**
 * Places every demanded occurrence on a day and gives it a duration.
 *
 * Days: daily tasks keep their day; a weekly task's occurrences are spread evenly over the allowed
 * days (the client's preferred days first when there are enough of them), rotated per client so
 * that not every client's cleaning lands on the same weekday.
 *
 * Durations: per client and budget, the standard minutes are scaled within each task's [min, max]
 * so that the planned staff-minutes come as close to the granted minutes as the bounds allow
 * without exceeding them (HSL keeps its prescribed time).
 */
export function placeOccurrences(instance: Instance, dates: readonly string[]): Occurrence[] {
  const spans = expandDemand(instance, dates);
  const clients = new Map(instance.clients.map((c, i) => [c.id, { client: c, index: i, tasks: new Map(c.tasks.map((t) => [t.id, t])) }]));
  const placed: { client: Client; task: Task; span: DemandSpan; date: string }[] = [];
  for (const span of spans) {
    const c = clients.get(span.clientId)!;
    const task = c.tasks.get(span.taskId)!;
    if (span.dates.length === 1) {
      for (let k = 0; k < span.count; k++) placed.push({ client: c.client, task, span, date: span.dates[0]! });
      continue;
    }
    for (const date of spreadDays(span, c.client, c.index)) placed.push({ client: c.client, task, span, date });
  }
  const minutes = distributeGrantedTime(instance, placed);
  return placed.map((p, i) => ({ ...p, minutes: minutes[i]! }));
}

function spreadDays(span: DemandSpan, client: Client, clientIndex: number): string[] {
  const preferred = client.preferences.days ? span.dates.filter((d) => client.preferences.days!.includes(isoWeekday(d))) : [];
  const pool = preferred.length >= span.count ? preferred : [...span.dates];
  const n = pool.length;
  const offset = clientIndex % n;
  const chosen = new Set<number>();
  for (let k = 0; k < span.count; k++) {
    let idx = (offset + Math.floor((k * n) / span.count)) % n;
    while (chosen.has(idx)) idx = (idx + 1) % n;
    chosen.add(idx);
  }
  return [...chosen].sort((a, b) => a - b).map((i) => pool[i]!);
}

/**
 * Minutes per occurrence so that Σ minutes × staffCount per client and budget approaches the
 * granted minutes (never above), each within its task's bounds.
 */
function distributeGrantedTime(instance: Instance, placed: readonly { client: Client; task: Task }[]): number[] {
  const out = placed.map((p) => durationBounds(p.task).standard);
  const groups = new Map<string, number[]>();
  placed.forEach((p, i) => {
    const budget = categoryBudget(p.task.category);
    if (budget === 'none') return;
    const key = `${p.client.id}\u0000${budget}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push(i);
  });
  for (const [key, idx] of groups) {
    const budget = key.split('\u0000')[1] as 'care' | 'service';
    const client = placed[idx[0]!]!.client;
    const granted = budget === 'care' ? client.granted.careMinutes : client.granted.serviceMinutes;
    const target = Math.floor(granted * Math.min(1, instance.planning.grantedTolerance.upper));
    const b = idx.map((i) => ({ ...durationBounds(placed[i]!.task), w: placed[i]!.task.staffCount }));
    const std = b.reduce((s, x) => s + x.standard * x.w, 0);
    const lo = b.reduce((s, x) => s + x.min * x.w, 0);
    const hi = b.reduce((s, x) => s + x.max * x.w, 0);
    const goal = Math.max(lo, Math.min(hi, target));
    // Interpolate between standard and the bound on the side of the goal, then hand out the rest minute by minute.
    const towards = goal >= std ? 'max' : 'min';
    const span = b.reduce((s, x) => s + Math.abs(x[towards] - x.standard) * x.w, 0);
    const lambda = span === 0 ? 0 : Math.abs(goal - std) / span;
    let total = 0;
    const mins = b.map((x) => {
      const m = Math.floor(x.standard + (x[towards] - x.standard) * lambda + (towards === 'min' ? 0.999999 : 0));
      total += m * x.w;
      return m;
    });
    for (let changed = true; total !== goal && changed; ) {
      changed = false;
      for (let i = 0; i < mins.length && total !== goal; i++) {
        const x = b[i]!;
        if (total < goal && mins[i]! < x.max && total + x.w <= goal) {
          mins[i]!++;
          total += x.w;
          changed = true;
        } else if (total > goal && mins[i]! > x.min) {
          mins[i]!--;
          total -= x.w;
          changed = true;
        }
      }
    }
    idx.forEach((i, k) => (out[i] = mins[k]!));
  }
  return out;
}
