/**
 * Notes on granted and planned minutes: fidelity outside the tolerance and unplanned occurrences.
 * @module
 */
import { categoryBudget, durationBounds, type Budget } from '../model/demand.js';
import type { UnplannedItem } from '../schema/plan.js';
import type { ClientFacts } from './facts.js';
import { distinct, listed, pct, plural } from './text.js';

/** Staff-minutes per budget. */
export interface BudgetMinutes {
  care: number;
  service: number;
}

/** Granted and planned minutes of a client, as its summary reports them. */
export interface MinutesFacts {
  readonly granted: BudgetMinutes;
  readonly planned: BudgetMinutes;
  /** planned ÷ granted (care + service), `null` without granted minutes. */
  readonly fidelity: number | null;
  /** The most staff-minutes per budget the client's due occurrences allow at their maximum durations. */
  readonly maxMinutes: BudgetMinutes;
}

/** Absolute slack when comparing a ratio with the tolerance bounds (as the fidelity KPI does). */
const EPS = 1e-9;

/** The client's unplanned items with their index in `plan.unplanned`. */
function unplannedOf(f: ClientFacts): { item: UnplannedItem; index: number }[] {
  return f.analysis.ctx.plan.unplanned.map((item, index) => ({ item, index })).filter((u) => u.item.clientId === f.client.id);
}

/** The budget of an unplanned item's task (`none` for HSL and for an unknown task). */
function itemBudget(f: ClientFacts, item: UnplannedItem): Budget {
  const task = f.client.tasks.find((t) => t.id === item.taskId);
  return task ? categoryBudget(task.category) : 'none';
}

/** `CAPACITY 2, NO_SHIFT 1`: Σ count per reason code, in first-seen order. */
function reasonCounts(items: readonly UnplannedItem[]): string {
  const counts = new Map<string, number>();
  for (const i of items) counts.set(i.reason, (counts.get(i.reason) ?? 0) + i.count);
  return [...counts].map(([r, n]) => `${r} ${n}`).join(', ');
}

/**
 * How many minutes the client's planned budgeted tasks could still grow within their maximum
 * durations (× staff), e.g. 45 when three 30-minute visits could each last 45.
 */
function headroom(f: ClientFacts): number {
  let sum = 0;
  for (const v of f.visits) {
    for (const t of v.tasks) {
      if (!t.task || categoryBudget(t.task.category) === 'none') continue;
      sum += Math.max(0, durationBounds(t.task).max - t.minutes) * v.visit.staff.length;
    }
  }
  return sum;
}

/**
 * A note when the fidelity lies outside `planning.grantedTolerance`. Below the lower bound it says
 * why where the instance and plan tell: budgeted occurrences reported unplanned (with reason codes),
 * granted minutes beyond what the tasks' maximum durations allow, or else the minutes the planned
 * visits could still grow within their maximum durations.
 */
export function fidelityNote(f: ClientFacts, m: MinutesFacts): string | null {
  if (m.fidelity === null) return null;
  const { lower, upper } = f.analysis.ctx.instance.planning.grantedTolerance;
  const planned = m.planned.care + m.planned.service;
  const granted = m.granted.care + m.granted.service;
  const head = `Planned ${planned} of ${granted} granted minutes (${pct(m.fidelity)})`;
  if (m.fidelity > upper + EPS) return `${head}, above the upper tolerance of ${pct(upper)}.`;
  if (m.fidelity >= lower - EPS) return null;
  const out = [`${head}, below the lower tolerance of ${pct(lower)}.`];
  const budgeted = unplannedOf(f)
    .map((u) => u.item)
    .filter((i) => itemBudget(f, i) !== 'none');
  if (budgeted.length > 0) {
    const n = budgeted.reduce((s, i) => s + i.count, 0);
    const minutes = budgeted.reduce((s, i) => s + i.minutes, 0);
    out.push(`${plural(n, 'occurrence')} of budgeted tasks (${minutes} standard minutes) ${n === 1 ? 'is' : 'are'} unplanned (${reasonCounts(budgeted)}).`);
  }
  let capped = false;
  for (const budget of ['care', 'service'] as const) {
    if (m.maxMinutes[budget] < m.granted[budget]) {
      capped = true;
      out.push(`The ${budget} tasks' maximum durations allow only ${m.maxMinutes[budget]} of the ${m.granted[budget]} granted ${budget} minutes.`);
    }
  }
  const room = headroom(f);
  if (budgeted.length === 0 && !capped && room > 0) {
    out.push(`Nothing budgeted is unplanned; within the tasks' maximum durations the planned visits could be ${room} minutes longer.`);
  }
  return out.join(' ');
}

/**
 * A note listing the client's unplanned occurrences by reason code with their tasks, and where
 * they stand in `plan.unplanned` (each item there has its own message).
 */
export function unplannedNote(f: ClientFacts): string | null {
  const items = unplannedOf(f);
  if (items.length === 0) return null;
  const n = items.reduce((s, u) => s + u.item.count, 0);
  const minutes = items.reduce((s, u) => s + u.item.minutes, 0);
  const byReason = new Map<string, { count: number; tasks: string[] }>();
  for (const { item } of items) {
    let r = byReason.get(item.reason);
    if (!r) byReason.set(item.reason, (r = { count: 0, tasks: [] }));
    r.count += item.count;
    r.tasks.push(item.taskId);
  }
  const reasons = [...byReason].map(([code, r]) => {
    const tasks = distinct(r.tasks);
    return `${code} ${r.count} (${tasks.length === 1 ? 'task' : 'tasks'} ${tasks.join(', ')})`;
  });
  const refs = items.map((u) => `unplanned[${u.index}]`);
  return `${plural(n, 'task occurrence')} (${minutes} minutes) ${n === 1 ? 'is' : 'are'} unplanned: ${reasons.join(', ')}; see ${listed(refs, f.maxListed)}.`;
}
