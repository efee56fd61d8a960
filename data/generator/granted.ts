import type { Rng } from '../../solver/rng.js';
import { categoryBudget, durationBounds, expandDemand, type DemandSpan } from '../../src/model/demand.js';
import type { Client } from '../../src/schema/instance.js';

/** Demanded staff-minutes of one client and budget, at minimum, standard and maximum durations. */
export interface BudgetSums {
  min: number;
  standard: number;
  max: number;
}

/** Σ over the period's demand of count × duration × staffCount, per client and budget (care, service). */
export function demandSums(
  clients: readonly Client[],
  dates: readonly string[],
  spans: readonly DemandSpan[] = expandDemand({ clients: [...clients] }, dates),
): Map<string, { care: BudgetSums; service: BudgetSums }> {
  const out = new Map<string, { care: BudgetSums; service: BudgetSums }>();
  for (const c of clients) out.set(c.id, { care: { min: 0, standard: 0, max: 0 }, service: { min: 0, standard: 0, max: 0 } });
  const byClient = new Map(clients.map((c) => [c.id, c]));
  for (const span of spans) {
    const task = byClient.get(span.clientId)!.tasks.find((t) => t.id === span.taskId)!;
    const budget = categoryBudget(task.category);
    if (budget === 'none') continue;
    const b = durationBounds(task);
    const sums = out.get(span.clientId)![budget];
    const k = span.count * task.staffCount;
    sums.min += k * b.min;
    sums.standard += k * b.standard;
    sums.max += k * b.max;
  }
  return out;
}

/** Lower tolerance of granted-time fidelity (schema default): planned ≥ 95% of granted. */
const LOWER = 0.95;

/**
 * Granted minutes for one budget: the standard minutes of the demanded occurrences × a
 * client-specific factor (the needs assessor's judgement, ≈ ±4%), rounded to 5 minutes, then kept
 * inside [Σ min, Σ max ÷ 0.95] so that 95–100% of it is reachable with allowed durations.
 */
export function grantFor(sums: BudgetSums, factor: number): number {
  if (sums.standard === 0) return 0;
  const raw = Math.round((sums.standard * factor) / 5) * 5;
  return Math.max(sums.min, Math.min(raw, Math.floor(sums.max / LOWER)));
}

/** Sets `granted` of every client from its demand over the period's dates. */
export function assignGranted(rng: Rng, clients: Client[], dates: readonly string[], spans?: readonly DemandSpan[]): void {
  const sums = demandSums(clients, dates, spans);
  for (const c of clients) {
    const factor = Math.min(1.08, Math.max(0.92, 1 + 0.04 * rng.normal()));
    const s = sums.get(c.id)!;
    c.granted = { careMinutes: grantFor(s.care, factor), serviceMinutes: grantFor(s.service, factor) };
  }
}
