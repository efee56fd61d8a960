/**
 * A replan's demand: the visits of the plan in force that the changes keep, and what the changed
 * instance asks for beyond them, as occurrences and visit candidates of a week model.
 */
import type { PeriodClock } from '../calendar.js';
import { categoryBudget, durationBounds, expandDemand, type DemandSpan } from '../model/demand.js';
import { composeVisits } from '../plan/compose.js';
import type { Occurrence } from '../plan/granted.js';
import { intersectWindows, type Window } from '../plan/weekly/model.js';
import type { Instance } from '../schema/instance.js';
import type { Plan, PlannedVisit } from '../schema/plan.js';
import { taskWindows } from '../validate/semantic.js';
import type { AppliedChanges } from './apply.js';

/** A replan's demand: occurrences and visit candidates, and per candidate the reference visit it keeps. */
export interface ReplanDemand {
  readonly occurrences: Occurrence[];
  readonly candidates: { members: number[]; windows: Window[] }[];
  /** Per candidate: the reference visit it continues, or null for a new one. */
  readonly refOf: (PlannedVisit | null)[];
  /** New occurrences the client's granted time no longer holds (in no candidate; unplanned, BUDGET). */
  readonly overBudget: number[];
}

/**
 * The visits to plan: every reference visit the changes keep (its tasks and minutes, shrunk or
 * extended as the changes say), then the demand of the changed instance that those do not account
 * for — what the reference left unplanned, new tasks and clients — as new occurrences at standard
 * minutes on their due dates (weekly tasks on a free allowed day, from today on where possible),
 * composed into visits like a fresh plan.
 */
export function replanDemand(next: Instance, clock: PeriodClock, reference: Plan, applied: AppliedChanges, now: number): ReplanDemand {
  const spans = expandDemand(next, clock.dates);
  const key = (c: string, t: string): string => `${c}\u0000${t}`;
  const spansOf = new Map<string, { span: DemandSpan; used: string[] }[]>();
  for (const span of spans) (spansOf.get(key(span.clientId, span.taskId)) ?? spansOf.set(key(span.clientId, span.taskId), []).get(key(span.clientId, span.taskId))!).push({ span, used: [] });
  const clients = new Map(next.clients.map((c) => [c.id, c]));
  const occurrences: Occurrence[] = [];
  const candidates: { members: number[]; windows: Window[] }[] = [];
  const refOf: (PlannedVisit | null)[] = [];
  for (const v of reference.visits) {
    if (applied.removed.has(v.id)) continue;
    const client = clients.get(v.clientId);
    if (!client) continue;
    const dropped = applied.shrunk.get(v.id) ?? [];
    const ext = applied.extended.get(v.id);
    const members: number[] = [];
    for (const entry of v.tasks) {
      if (dropped.includes(entry.taskId)) continue;
      const task = client.tasks.find((t) => t.id === entry.taskId);
      const slot = spansOf.get(key(v.clientId, entry.taskId))?.find((s) => s.span.dates.includes(v.date));
      if (!task || !slot) continue;
      slot.used.push(v.date);
      members.push(occurrences.length);
      occurrences.push({ client, task, span: slot.span, date: v.date, minutes: entry.minutes + (ext?.taskId === entry.taskId ? ext.minutes : 0) });
    }
    if (members.length === 0) continue;
    candidates.push({ members, windows: intersectWindows(members.map((m) => taskWindows(clock, v.date, occurrences[m]!.task))) });
    refOf.push(v);
  }
  // What the kept visits leave of each span: new occurrences.
  const today = Number.isFinite(now) ? clock.dateOf(now) : clock.dates[0]!;
  const fresh: Occurrence[] = [];
  for (const list of spansOf.values()) {
    for (const { span, used } of list) {
      const client = clients.get(span.clientId)!;
      const task = client.tasks.find((t) => t.id === span.taskId)!;
      const minutes = durationBounds(task).standard;
      let missing = span.count - used.length;
      // Daily tasks repeat on their date; weekly ones take free allowed days, today or later first.
      const free = span.dates.length === 1 ? [] : span.dates.filter((d) => !used.includes(d)).sort((a, b) => Number(a < today) - Number(b < today) || a.localeCompare(b));
      for (let i = 0; missing > 0; i++, missing--) {
        const date = span.dates.length === 1 ? span.dates[0]! : (free[i] ?? span.dates[i % span.dates.length]!);
        fresh.push({ client, task, span, date, minutes });
      }
    }
  }
  // New occurrences take what the kept visits leave of the client's granted time: the standard
  // length, else shorter down to the task's minimum, else none (unplanned, BUDGET).
  const upper = next.planning.grantedTolerance.upper;
  const left = new Map<string, number>();
  const budgetKey = (o: Occurrence): string => `${o.client.id}\u0000${categoryBudget(o.task.category)}`;
  for (const client of next.clients) {
    left.set(`${client.id}\u0000care`, client.granted.careMinutes * upper);
    left.set(`${client.id}\u0000service`, client.granted.serviceMinutes * upper);
  }
  for (const o of occurrences) if (categoryBudget(o.task.category) !== 'none') left.set(budgetKey(o), left.get(budgetKey(o))! - o.minutes * o.task.staffCount);
  const fitting: Occurrence[] = [];
  const over: Occurrence[] = [];
  for (const o of fresh) {
    if (categoryBudget(o.task.category) === 'none') {
      fitting.push(o);
      continue;
    }
    const room = Math.floor(left.get(budgetKey(o))! / o.task.staffCount + 1e-9);
    const minutes = Math.min(o.minutes, room);
    if (minutes < durationBounds(o.task).min) {
      over.push(o);
      continue;
    }
    left.set(budgetKey(o), left.get(budgetKey(o))! - minutes * o.task.staffCount);
    fitting.push(minutes === o.minutes ? o : { ...o, minutes });
  }
  const offset = occurrences.length;
  occurrences.push(...fitting);
  for (const c of composeVisits(clock, fitting, next.staff)) {
    candidates.push({ members: c.members.map((m) => m + offset), windows: c.windows.map((w) => ({ ...w })) });
    refOf.push(null);
  }
  const overBudget = over.map((_, i) => occurrences.length + i);
  occurrences.push(...over);
  return { occurrences, candidates, refOf, overBudget };
}


