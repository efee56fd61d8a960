import { isoWeek, isoWeekday } from '../calendar.js';
import type { Client, Instance, Task, TaskCategory } from '../schema/instance.js';

/** The budget a task category draws on. HSL is prescribed time outside the granted budget. */
export type Budget = 'care' | 'service' | 'none';

/** Budget of a category: service → service budget; HSL → none; everything else → care budget. */
export function categoryBudget(category: TaskCategory): Budget {
  if (category === 'service') return 'service';
  if (category === 'hsl') return 'none';
  return 'care';
}

/** Priority of a task (1 = plan first): explicit, else HSL 1, service 3, other care 2. */
export function taskPriority(task: Pick<Task, 'priority' | 'category'>): number {
  if (task.priority !== undefined) return task.priority;
  if (task.category === 'hsl') return 1;
  if (task.category === 'service') return 3;
  return 2;
}

/**
 * Allowed minutes per occurrence: HSL keeps exactly its prescribed (standard) time. `extension`
 * (a visit that runs over, `Client.extensions`) adds to the maximum (HSL: to the exact time).
 */
export function durationBounds(task: Pick<Task, 'duration' | 'category'>, extension = 0): { min: number; max: number; standard: number } {
  const d = task.duration;
  if (task.category === 'hsl') return { min: d.standard + extension, max: d.standard + extension, standard: d.standard };
  return { min: d.min ?? d.standard, max: (d.max ?? d.standard) + extension, standard: d.standard };
}

/** Extra minutes a client's task may take on a date (`Client.extensions`), 0 without. */
export function extensionMinutes(client: Pick<Client, 'extensions'>, taskId: string, date: string): number {
  let n = 0;
  for (const e of client.extensions ?? []) if (e.taskId === taskId && e.date === date) n += e.minutes;
  return n;
}

/** Whether a task is due on a date by its active range (`activeFrom`/`activeUntil`, inclusive). */
function active(task: Pick<Task, 'activeFrom' | 'activeUntil'>, date: string): boolean {
  return (task.activeFrom === undefined || date >= task.activeFrom) && (task.activeUntil === undefined || date <= task.activeUntil);
}

/**
 * Occurrences of one task due in one span of days: `count` visits containing the task, each on one
 * of `dates` (one day for daily/weekday tasks; the allowed days of one ISO week for weekly tasks).
 */
export interface DemandSpan {
  readonly clientId: string;
  readonly taskId: string;
  readonly from: string;
  readonly to: string;
  readonly dates: readonly string[];
  readonly count: number;
}

/**
 * Expands every task of every client into demand spans over the period.
 * Weekly tasks: per ISO week in the period, `timesPerWeek` occurrences on allowed days (a week only
 * partly inside the period gets a proportional, rounded count); every-other-week tasks only in
 * every second week ({@link dueEveryOtherWeek}).
 */
export function expandDemand(instance: Pick<Instance, 'clients'>, dates: readonly string[]): DemandSpan[] {
  const out: DemandSpan[] = [];
  const weeks = groupByIsoWeek(dates);
  for (const client of instance.clients) {
    for (const task of client.tasks) {
      const f = task.frequency;
      // Cancelled occurrences per date (a cancelled visit, a stay in hospital).
      const cancelled = new Map<string, number>();
      for (const c of client.cancellations ?? []) if (c.taskId === task.id) cancelled.set(c.date, (cancelled.get(c.date) ?? 0) + c.count);
      if (f.type === 'daily' || f.type === 'weekdays') {
        for (const date of dates) {
          if (f.type === 'weekdays' && !f.weekdays.includes(isoWeekday(date))) continue;
          if (!active(task, date)) continue;
          const count = f.timesPerDay - (cancelled.get(date) ?? 0);
          if (count > 0) out.push({ clientId: client.id, taskId: task.id, from: date, to: date, dates: [date], count });
        }
        continue;
      }
      for (const week of weeks) {
        if (f.type === 'everyOtherWeek' && !dueEveryOtherWeek(f, week.dates[0]!)) continue;
        const allowed = week.dates.filter((d) => (!f.weekdays || f.weekdays.includes(isoWeekday(d))) && active(task, d));
        if (allowed.length === 0) continue;
        // A week partly in the period, or partly active, gets a proportional, rounded count.
        const activeDays = week.dates.filter((d) => active(task, d)).length;
        const share = activeDays / 7;
        let count = Math.min(allowed.length, Math.round(f.timesPerWeek * share));
        for (const d of allowed) count -= cancelled.get(d) ?? 0;
        if (count <= 0) continue;
        out.push({
          clientId: client.id,
          taskId: task.id,
          from: allowed[0]!,
          to: allowed[allowed.length - 1]!,
          dates: allowed,
          count,
        });
      }
    }
  }
  return out;
}

/**
 * Whether an every-other-week task is due in the ISO week of `date`: an even number of weeks from
 * its anchor week, or (without an anchor) an ISO week number of the given parity.
 */
export function dueEveryOtherWeek(f: { isoWeekParity?: 'odd' | 'even'; anchorWeek?: string }, date: string): boolean {
  if (f.anchorWeek !== undefined) {
    const weeks = Math.round((mondayDay(date) - mondayDay(f.anchorWeek)) / 7);
    return weeks % 2 === 0;
  }
  return (isoWeek(date).week % 2 === 1 ? 'odd' : 'even') === f.isoWeekParity;
}

/** Days since 1970-01-01 of the Monday of a date's ISO week (calendar arithmetic, no time zone). */
function mondayDay(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const day = Math.floor(Date.UTC(y, m - 1, d) / 86_400_000);
  return day - (isoWeekday(date) - 1);
}

/** Groups consecutive period dates by ISO week. */
export function groupByIsoWeek(dates: readonly string[]): { week: number; year: number; dates: string[] }[] {
  const weeks: { week: number; year: number; dates: string[] }[] = [];
  for (const date of dates) {
    const w = isoWeek(date);
    const last = weeks[weeks.length - 1];
    if (last && last.week === w.week && last.year === w.year) last.dates.push(date);
    else weeks.push({ ...w, dates: [date] });
  }
  return weeks;
}
