/**
 * KPIs of a plan, computed from the instance and the plan only (never from `plan.kpis`), as defined
 * in docs/semantics.md. Each KPI lives in its own module; this one composes them.
 * @module
 */
import type { Instance } from '../schema/instance.js';
import type { Kpis, Plan } from '../schema/plan.js';
import { analysePlan, type KpiAnalysis } from './analysis.js';
import { breakdownFromAnalysis, type KpiBreakdown } from './breakdown.js';

export { analysePlan, type KpiAnalysis } from './analysis.js';
export { computeBalance, type ClientMinutesSpread } from './balance.js';
export {
  breakdownFromAnalysis,
  type ClientKpiRow,
  type KpiBreakdown,
  type StaffKpiRow,
  type TeamKpiRow,
} from './breakdown.js';
export { buildContext, periodClock, shiftPaidMinutes, type KpiContext, type RouteFact, type VisitFact } from './context.js';
export {
  COUNTED_FROM_MINUTE,
  COUNTED_UNTIL_MINUTE,
  UNCOUNTED_CATEGORIES,
  computeContinuity,
  hasCountedCategory,
  isCountedClock,
  type ContinuityKpi,
  type ContinuityResult,
} from './continuity.js';
export { computeEconomics, computeShiftCounts, weekKey, type EconomicsKpi, type MoneyRow, type ShiftCounts, type TeamMoney } from './economics.js';
export { computeFidelity, type ClientFidelity, type FidelityResult } from './fidelity.js';
export { formatKpisText, type KpiTextLang } from './format.js';
export { computeNamedContact, type NamedContactResult } from './named-contact.js';
export { computePreferences, type ClientPreferenceTallies, type PreferencesResult } from './preferences.js';
export { mean, median, minMax, share, stdev } from './stats.js';
export { computeTimeShares, type StaffWorkload, type TimeShares, type TimeTotals } from './time-shares.js';
export { computeUnplanned, type UnplannedResult, type UnplannedSum } from './unplanned.js';

/** Assembles the `Kpis` object (the `kpi --json` contract) from a finished analysis. */
export function kpisFromAnalysis(a: KpiAnalysis): Kpis {
  const t = a.time.totals;
  return {
    continuity: a.continuity.kpi,
    namedContactShare: a.namedContact.share,
    clientTimeShare: a.time.clientTimeShare,
    travelShare: a.time.travelShare,
    grantedFidelity: a.fidelity.kpi,
    preferences: a.preferences.kpi,
    unplanned: a.unplanned.kpi,
    overtimeMinutes: t.overtimeMinutes,
    travelMinutes: t.travelMinutes,
    travelMetres: t.travelMetres,
    visitMinutes: t.visitMinutes,
    paidMinutes: t.paidMinutes,
    waitingMinutes: t.waitingMinutes,
    visits: a.ctx.visits.length,
    balance: { clientMinutesPerStaff: a.balance },
    shifts: a.shifts,
    ...(a.economics ? { economics: a.economics } : {}),
  };
}

/**
 * Computes every KPI of domain.md for a plan, as defined in docs/semantics.md, from the instance
 * and the plan only. The result satisfies the `Kpis` schema (shares in [0, 1], `null` when the
 * denominator is 0).
 */
export function computeKpis(instance: Instance, plan: Plan): Kpis {
  return kpisFromAnalysis(analysePlan(instance, plan));
}

/** Per-client, per-staff and per-team KPI rows for reports and `slinga kpi`. */
export function computeBreakdown(instance: Instance, plan: Plan): KpiBreakdown {
  return breakdownFromAnalysis(analysePlan(instance, plan));
}

/** KPIs and breakdown together, computed once (for callers that need both). */
export function computeKpiReport(instance: Instance, plan: Plan): { kpis: Kpis; breakdown: KpiBreakdown } {
  const a = analysePlan(instance, plan);
  return { kpis: kpisFromAnalysis(a), breakdown: breakdownFromAnalysis(a) };
}
