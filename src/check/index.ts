/**
 * The independent plan checker. It recomputes everything from the instance and the plan (period
 * clock, travel model, demand) and shares no feasibility code with the solver, so a solver bug
 * cannot hide behind a matching checker bug.
 * @packageDocumentation
 */
import type { Instance } from '../schema/instance.js';
import type { Plan } from '../schema/plan.js';
import type { ImportedMatrix } from '../travel/matrix.js';
import { instanceContext, planContext, type CheckContext, type InstanceContext } from './context.js';
import { breaksRule } from './rules/breaks.js';
import { continuityCapRule } from './rules/continuity-cap.js';
import { demandRule } from './rules/demand.js';
import { doubleStaffingRule } from './rules/double-staffing.js';
import { gapsRule } from './rules/gaps.js';
import { grantedBudgetRule } from './rules/granted-budget.js';
import { instantsRule } from './rules/instants.js';
import { locksRule } from './rules/locks.js';
import { overlapRule } from './rules/overlap.js';
import { placesRule } from './rules/places.js';
import { refsRule } from './rules/refs.js';
import { refusalsRule } from './rules/refusals.js';
import { routeShapeRule } from './rules/route-shape.js';
import { routeShiftRule } from './rules/route-shift.js';
import { shiftBoundsRule } from './rules/shift-bounds.js';
import { skillsRule } from './rules/skills.js';
import { staffCountRule } from './rules/staff-count.js';
import { teamRule } from './rules/team.js';
import { travelTimeRule } from './rules/travel-time.js';
import { unplannedMinutesRule } from './rules/unplanned-minutes.js';
import { visitRouteRule } from './rules/visit-route.js';
import { visitShapeRule } from './rules/visit-shape.js';
import { windowsRule } from './rules/windows.js';
import { IncrementalChecker } from './incremental.js';
import type { CheckResult, CheckRule, Violation } from './types.js';

export type { CheckResult, CheckRule, RuleScope, Violation, ViolationCode } from './types.js';
export { IncrementalChecker } from './incremental.js';
export type { CheckContext } from './context.js';
export { buildContext } from './context.js';

/** Options of {@link checkPlan}. */
export interface CheckOptions {
  /**
   * The imported travel matrix when the instance names one in a file (`travel.matrix.path`); an
   * inline OSRM response is read from the instance. Without it the travel model is used.
   */
  matrix?: ImportedMatrix;
}

/** All rules, in report order: references and instants first, then visits, demand, routes. */
export const RULES: readonly CheckRule[] = [
  refsRule,
  instantsRule,
  visitShapeRule,
  staffCountRule,
  windowsRule,
  locksRule,
  skillsRule,
  doubleStaffingRule,
  gapsRule,
  refusalsRule,
  grantedBudgetRule,
  teamRule,
  continuityCapRule,
  demandRule,
  unplannedMinutesRule,
  routeShiftRule,
  routeShapeRule,
  shiftBoundsRule,
  overlapRule,
  placesRule,
  travelTimeRule,
  visitRouteRule,
  breaksRule,
];

/**
 * Checks a plan against its instance and docs/semantics.md. Both are already zod-parsed. Never
 * throws on a malformed plan: dangling ids are `UNKNOWN_REF`, unreadable instants `BAD_TIME`, and
 * rules skip what they cannot evaluate. An unusable instance (unknown time zone, malformed inline matrix)
 * is one `BAD_INSTANCE` violation.
 */
export function checkPlan(instance: Instance, plan: Plan, options: CheckOptions = {}): CheckResult {
  return new PlanChecker(instance, options).check(plan);
}

/**
 * The plan's references that do not resolve in the instance, and its duplicate ids (the `refs`
 * rule alone): a plan any tool builds on (replan, recommend) must at least be of this instance.
 */
export function planReferenceProblems(instance: Instance, plan: Plan, options: CheckOptions = {}): Violation[] {
  try {
    return refsRule.check(planContext(instanceContext(instance, options.matrix), plan));
  } catch (err) {
    return [{ code: 'BAD_INSTANCE', path: 'period', message: `The instance cannot be used for checking: ${err instanceof Error ? err.message : String(err)}.` }];
  }
}

/**
 * {@link checkPlan} for many plans of one instance (options to compare, a planner's drags): what the
 * rules know of the instance alone — roster minutes, travel model, demand — is built once.
 */
export class PlanChecker {
  private readonly base: InstanceContext | null;
  private readonly unusable: string | null = null;

  constructor(instance: Instance, options: CheckOptions = {}) {
    let base: InstanceContext | null = null;
    try {
      base = instanceContext(instance, options.matrix);
    } catch (err) {
      this.unusable = err instanceof Error ? err.message : String(err);
    }
    this.base = base;
  }

  /**
   * A checker of plans derived from `base` by replacing visits and routes (hand edits): each is
   * checked again only where its changes reach (./incremental.ts), with the same result.
   */
  derived(base: Plan): Pick<IncrementalChecker, 'check' | 'counts'> {
    if (!this.base) {
      const counts = { checked: 0, full: 0 };
      return { counts, check: (plan) => (counts.checked++, counts.full++, this.check(plan)) };
    }
    return new IncrementalChecker(this.base, RULES, base, (plan) => this.check(plan));
  }

  /** Checks a plan of the instance (see {@link checkPlan}). */
  check(plan: Plan): CheckResult {
    if (!this.base) return { valid: false, violations: [{ code: 'BAD_INSTANCE', path: 'period', message: `The instance cannot be used for checking: ${this.unusable}.` }] };
    const ctx: CheckContext = planContext(this.base, plan);
    const violations: Violation[] = [];
    for (const rule of RULES) violations.push(...rule.check(ctx));
    return { valid: violations.length === 0, violations };
  }
}
