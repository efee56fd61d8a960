import type { Client, Staff } from '../../schema/instance.js';

/** One (client, staff member) pairing the weekly objective prices, per visit. */
export interface PairContext {
  readonly client: Client;
  readonly staff: Staff;
  /**
   * Visits the staff member makes to the client on the other days of the period and in the history
   * (plus a head start for the client's core team): 0 means a new face.
   */
  readonly met: number;
  /** Replanning: the staff who made this visit in the plan in force (undefined for a new visit or outside a replan). */
  readonly referenceStaff?: readonly string[];
  /** Next period like the last: the visit of the reference period this one continues (same client, tasks and weekday). */
  readonly previous?: PreviousVisit;
  /** The visit's local start `HH:MM` in this plan, when known (for messages only). */
  readonly start?: string;
}

/**
 * A visit of the reference period (the plan of the last period) that a visit of this period
 * continues: the same client, the same task ids, the same weekday.
 */
export interface PreviousVisit {
  /** Its id in the reference plan. */
  readonly visitId: string;
  /** Its local date and start `HH:MM` there. */
  readonly date: string;
  readonly start: string;
  readonly staff: readonly string[];
}

/**
 * One term of the weekly objective that prices who does a visit. Terms are small, named and
 * independent: the day problems add `weight × units` to each (visit, staff) cost, and the plan's
 * explanations use `justify` and `summary`. Messages name ids only, never personal data.
 */
export interface AssignmentTerm {
  /** Key of the term's weight in {@link WeeklyWeights}. */
  readonly name: AssignmentTermName;
  /** What one unit of the term counts (for the plan's term totals). */
  readonly unit: string;
  /** Units this pairing costs for one visit, in [0, 1]. */
  units(ctx: PairContext): number;
  /** Why the pairing costs under this term (only called when `units` is above 0). */
  justify(ctx: PairContext): string;
  /** A sentence for the plan's total of this term. */
  summary(amount: number): string;
}

/** Names of the assignment terms (also their weight keys). */
export type AssignmentTermName = 'newFace' | 'notNamed' | 'crossTeam' | 'notPreferredStaff' | 'genderOrLanguage' | 'restaffed' | 'consistency';

/**
 * Weights of the weekly objective, per unit. Travel is per minute; `newFace` per staff member new to
 * a client (over the plan, the number of distinct client–staff pairs beyond the history); the others
 * per visit.
 */
export interface WeeklyWeights {
  readonly travel: number;
  readonly newFace: number;
  readonly notNamed: number;
  readonly crossTeam: number;
  readonly notPreferredStaff: number;
  readonly genderOrLanguage: number;
  /** Replanning: per staff visit given to someone else than in the plan in force (0 outside a replan). */
  readonly restaffed: number;
  /**
   * Next period like the last: per staff visit by someone else than in the reference period's visit
   * of the same client, tasks and weekday (0 without a reference; `planWeek` sets it with one).
   */
  readonly consistency: number;
  /** Per paid minute of a used optional shift (see `optionalShift`); 0 makes optional shifts free. */
  readonly optionalShift: number;
  /**
   * Replanning: per minute a visit of the plan in force starts past 15 minutes after its time there
   * (see `retimed`; 0 outside a replan).
   */
  readonly retimed: number;
  /**
   * Replanning: per visit of the plan in force done on another day of its week (see `movedDay`; 0
   * outside a replan).
   */
  readonly movedDay: number;
  /** Replanning: per staff shift whose visits differ from the plan in force (see `routeChanged`; 0 outside a replan). */
  readonly routeChanged: number;
}
