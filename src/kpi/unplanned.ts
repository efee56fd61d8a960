import { UnplannedReason } from '../schema/plan.js';
import type { KpiContext } from './context.js';

/** Count and minutes of unplanned occurrences. */
export interface UnplannedSum {
  count: number;
  minutes: number;
}

/** Unplanned KPIs. */
export interface UnplannedResult {
  readonly kpi: UnplannedSum & {
    /** Per reason code present in the plan, in the order of the `UnplannedReason` enum. */
    readonly byReason: Record<string, UnplannedSum>;
  };
  /** Per client id with unplanned items. */
  readonly byClient: ReadonlyMap<string, UnplannedSum>;
}

/**
 * Unplanned: Σ `count` and Σ `minutes` of the plan's unplanned items, in total, by reason code
 * (only reasons that occur) and by client.
 */
export function computeUnplanned(ctx: KpiContext): UnplannedResult {
  const total: UnplannedSum = { count: 0, minutes: 0 };
  const reasons = new Map<string, UnplannedSum>();
  const byClient = new Map<string, UnplannedSum>();
  const add = (map: Map<string, UnplannedSum>, key: string, n: number, m: number): void => {
    let s = map.get(key);
    if (!s) map.set(key, (s = { count: 0, minutes: 0 }));
    s.count += n;
    s.minutes += m;
  };
  for (const item of ctx.plan.unplanned) {
    total.count += item.count;
    total.minutes += item.minutes;
    add(reasons, item.reason, item.count, item.minutes);
    add(byClient, item.clientId, item.count, item.minutes);
  }
  const order = UnplannedReason.options as readonly string[];
  const keys = [...reasons.keys()].sort((a, b) => {
    const ia = order.indexOf(a);
    const ib = order.indexOf(b);
    return (ia < 0 ? order.length : ia) - (ib < 0 ? order.length : ib) || (a < b ? -1 : a > b ? 1 : 0);
  });
  const byReason: Record<string, UnplannedSum> = {};
  for (const k of keys) byReason[k] = reasons.get(k)!;
  return { kpi: { ...total, byReason }, byClient };
}
