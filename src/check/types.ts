import type { CheckContext } from './context.js';

/**
 * Stable violation codes. The codes named in docs/semantics.md keep their meaning there; the
 * checker adds a few for malformed plans (`UNKNOWN_REF`, `DUPLICATE_ID`, `BAD_TIME`, `VISIT_DATE`,
 * `ROUTE_SHAPE`, `UNPLANNED_SPAN`, `BAD_INSTANCE`) and for instance policies (`CROSS_TEAM`, `MAX_DISTINCT_STAFF`).
 */
export type ViolationCode =
  | 'UNKNOWN_REF'
  | 'DUPLICATE_ID'
  | 'BAD_TIME'
  | 'BAD_INSTANCE'
  | 'VISIT_DATE'
  | 'VISIT_DURATION'
  | 'TASK_DURATION'
  | 'VISIT_TASKS'
  | 'STAFF_COUNT'
  | 'WINDOW'
  | 'FIXED_TIME'
  | 'SKILL'
  | 'DOUBLE_STAFFING'
  | 'MIN_GAP'
  | 'REFUSED_STAFF'
  | 'GRANTED_BUDGET'
  | 'DEMAND_UNACCOUNTED'
  | 'DEMAND_OVERPLANNED'
  | 'DEMAND_WRONG_DAY'
  | 'UNPLANNED_SPAN'
  | 'UNPLANNED_MINUTES'
  | 'ROUTE_SHIFT'
  | 'ROUTE_SHAPE'
  | 'SHIFT_BOUNDS'
  | 'OVERLAP'
  | 'PLACE'
  | 'TRAVEL_TIME'
  | 'VISIT_ROUTE'
  | 'BREAK'
  | 'CROSS_TEAM'
  | 'MAX_DISTINCT_STAFF'
  | 'LOCK_MISSING'
  | 'LOCK_STAFF'
  | 'LOCK_TIME'
  | 'LOCK_INCOMPLETE'
  | 'LOCK_DUPLICATE'
  | 'FROZEN_CHANGED';

/**
 * One broken rule. `message` is a sentence for a planner that names ids and local clock times only,
 * never names, addresses or task descriptions (client data is sensitive).
 */
export interface Violation {
  /** Stable machine-readable code, see {@link ViolationCode}. */
  code: ViolationCode;
  /** Planner-readable sentence. */
  message: string;
  /** Number of the rule in the domain description (1–8) when the violation breaks one. */
  rule?: number;
  /** JSON path into the plan, e.g. `visits[3].start` or `routes[0].events[2]`. */
  path?: string;
  visitId?: string;
  staffId?: string;
  clientId?: string;
  shiftId?: string;
}

/** Result of {@link checkPlan}: `valid` is true exactly when there are no violations. */
export interface CheckResult {
  valid: boolean;
  violations: Violation[];
}

/** What a rule's verdict on a part of a plan depends on (see {@link CheckRule.scope}). */
export type RuleScope = 'entity' | 'client' | 'staff' | 'plan';

/**
 * One rule of the checker: a small module that inspects the shared precomputed context and
 * reports its own codes only.
 */
export interface CheckRule {
  /** Short module name, e.g. `windows`. */
  readonly name: string;
  /** Codes this rule may report. */
  readonly codes: readonly ViolationCode[];
  /** Rule number of the domain description, when the module enforces one. */
  readonly rule?: number;
  /**
   * What the rule's verdict on a part of a plan depends on; the incremental checker
   * (./incremental.ts) rechecks a changed plan only where a change can reach, by this:
   * - `entity`: each visit with the routes that contain it, each route with the visits it contains
   *   (a visit's own fields, its route events, a route's events and their visits);
   * - `client`: all visits of a client together (budgets, gaps, demand, distinct staff), no routes;
   * - `staff`: all routes of a staff member together (overlapping routes, one route per shift), no visits;
   * - `plan`: the plan's own lists (unplanned items) alone.
   * Every scope may read the instance and the plan's own fields (`instanceId`, `locks`, `frozenBefore`).
   */
  readonly scope: RuleScope;
  /** Returns the violations found; never throws on malformed plans. */
  check(ctx: CheckContext): Violation[];
}
