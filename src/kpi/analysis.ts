import type { Instance } from '../schema/instance.js';
import type { Plan } from '../schema/plan.js';
import { computeBalance, type ClientMinutesSpread } from './balance.js';
import { buildContext, type KpiContext } from './context.js';
import { computeContinuity, type ContinuityResult } from './continuity.js';
import { computeEconomics, computeShiftCounts, type EconomicsKpi, type ShiftCounts } from './economics.js';
import { computeFidelity, type FidelityResult } from './fidelity.js';
import { computeNamedContact, type NamedContactResult } from './named-contact.js';
import { computePreferences, type PreferencesResult } from './preferences.js';
import { computeTimeShares, type TimeShares } from './time-shares.js';
import { computeUnplanned, type UnplannedResult } from './unplanned.js';

/** The results of every KPI module for one instance and plan, computed once. */
export interface KpiAnalysis {
  readonly ctx: KpiContext;
  readonly time: TimeShares;
  readonly balance: ClientMinutesSpread | null;
  readonly continuity: ContinuityResult;
  readonly namedContact: NamedContactResult;
  readonly fidelity: FidelityResult;
  readonly preferences: PreferencesResult;
  readonly unplanned: UnplannedResult;
  readonly shifts: ShiftCounts;
  /** Money; null without an `economics` block. */
  readonly economics: EconomicsKpi | null;
}

/** Runs every KPI module on an instance and a plan (the plan's own `kpis` are ignored). */
export function analysePlan(instance: Instance, plan: Plan): KpiAnalysis {
  const ctx = buildContext(instance, plan);
  const time = computeTimeShares(ctx);
  return {
    ctx,
    time,
    balance: computeBalance(ctx, time.byStaff),
    continuity: computeContinuity(ctx),
    namedContact: computeNamedContact(ctx),
    fidelity: computeFidelity(ctx),
    preferences: computePreferences(ctx),
    unplanned: computeUnplanned(ctx),
    shifts: computeShiftCounts(ctx),
    economics: computeEconomics(ctx),
  };
}
