import { categoryBudget } from '../model/demand.js';
import type { KpiContext } from './context.js';
import { median, minMax } from './stats.js';

/** Granted and planned minutes of one client. */
export interface ClientFidelity {
  /** Granted care + service minutes. */
  readonly grantedMinutes: number;
  /** Planned budgeted staff-minutes: task minutes × staff, for tasks on the care or service budget. */
  readonly plannedMinutes: number;
  /** planned ÷ granted, `null` without granted minutes. */
  readonly ratio: number | null;
}

/** Granted-time fidelity KPIs. */
export interface FidelityResult {
  readonly kpi: {
    readonly min: number | null;
    readonly median: number | null;
    readonly max: number | null;
    /** Share of clients with granted minutes whose ratio lies in [lower, upper]. */
    readonly withinTolerance: number | null;
  };
  /** Per instance client. */
  readonly byClient: ReadonlyMap<string, ClientFidelity>;
}

/** Absolute slack when comparing a ratio with the tolerance bounds (floating-point noise only). */
const EPS = 1e-9;

/**
 * Granted-time fidelity: per client with granted minutes (care + service > 0), planned budgeted
 * staff-minutes ÷ granted minutes. HSL tasks (prescribed time, no budget) are left out; a double-staffed
 * task counts twice. Min, median and max over those clients, and the share inside
 * `instance.planning.grantedTolerance` [lower, upper]. A client with granted time and no visits has 0.
 */
export function computeFidelity(ctx: KpiContext): FidelityResult {
  const { lower, upper } = ctx.instance.planning.grantedTolerance;
  const byClient = new Map<string, ClientFidelity>();
  const ratios: number[] = [];
  let within = 0;
  for (const client of ctx.instance.clients) {
    const granted = client.granted.careMinutes + client.granted.serviceMinutes;
    let planned = 0;
    for (const v of ctx.visitsByClient.get(client.id) ?? []) {
      for (const t of v.tasks) {
        if (t.task && categoryBudget(t.task.category) !== 'none') planned += t.minutes * v.visit.staff.length;
      }
    }
    const ratio = granted > 0 ? planned / granted : null;
    byClient.set(client.id, { grantedMinutes: granted, plannedMinutes: planned, ratio });
    if (ratio !== null) {
      ratios.push(ratio);
      if (ratio >= lower - EPS && ratio <= upper + EPS) within++;
    }
  }
  const range = minMax(ratios);
  return {
    kpi: {
      min: range?.min ?? null,
      median: median(ratios),
      max: range?.max ?? null,
      withinTolerance: ratios.length > 0 ? within / ratios.length : null,
    },
    byClient,
  };
}
