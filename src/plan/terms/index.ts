/**
 * The weekly objective's terms. Travel minutes and unplanned penalties live in the routing problem
 * itself; the terms here price who does a visit, one small module each.
 */
import { consistency } from './consistency.js';
import { continuityPrices, continuityUnits, newFace } from './continuity.js';
import { crossTeam } from './cross-team.js';
import { genderOrLanguage } from './gender-language.js';
import { notNamed } from './named-contact.js';
import { notPreferredStaff } from './preferred-staff.js';
import { optionalShift, OPTIONAL_SHIFT_FIXED_MINUTES } from './optional-shift.js';
import { restaffed } from './restaffed.js';
import { movedDay } from './moved-day.js';
import { retimed } from './retimed.js';
import { routeChanged } from './route-changed.js';
import type { AssignmentTerm, PairContext, WeeklyWeights } from './types.js';

export type { ShiftContext, ShiftTerm } from './optional-shift.js';
export type { AssignmentTerm, AssignmentTermName, PairContext, PreviousVisit, WeeklyWeights } from './types.js';
export { newFace, notNamed, crossTeam, notPreferredStaff, genderOrLanguage, restaffed, consistency, continuityPrices, continuityUnits, optionalShift, OPTIONAL_SHIFT_FIXED_MINUTES, retimed, movedDay, routeChanged };

/** The terms that price each visit by who makes it (newFace prices a pair's visits together). */
export const VISIT_TERMS: readonly AssignmentTerm[] = [notNamed, crossTeam, notPreferredStaff, genderOrLanguage, restaffed, consistency];

/** Every assignment term, in reporting order. */
export const ASSIGNMENT_TERMS: readonly AssignmentTerm[] = [newFace, ...VISIT_TERMS];

/** Strategy presets: weights per unit, travel per minute. */
export const STRATEGY_WEIGHTS = {
  'travel-first': { travel: 1, newFace: 2, notNamed: 1, crossTeam: 10, notPreferredStaff: 3, genderOrLanguage: 3, restaffed: 0, consistency: 0, optionalShift: 1, retimed: 0, movedDay: 0, routeChanged: 0 },
  balanced: { travel: 1, newFace: 45, notNamed: 10, crossTeam: 25, notPreferredStaff: 10, genderOrLanguage: 10, restaffed: 0, consistency: 0, optionalShift: 1, retimed: 0, movedDay: 0, routeChanged: 0 },
  'continuity-first': { travel: 1, newFace: 150, notNamed: 30, crossTeam: 40, notPreferredStaff: 10, genderOrLanguage: 10, restaffed: 0, consistency: 0, optionalShift: 1, retimed: 0, movedDay: 0, routeChanged: 0 },
} as const satisfies Record<string, WeeklyWeights>;

/**
 * What the greedy `baseline` strategy prices: travel, and small costs for another team's staff and
 * for anyone but the named contact (no continuity, no preferences).
 */
export const BASELINE_WEIGHTS: WeeklyWeights = { travel: 1, newFace: 0, notNamed: 4, crossTeam: 30, notPreferredStaff: 0, genderOrLanguage: 0, restaffed: 0, consistency: 0, optionalShift: 1, retimed: 0, movedDay: 0, routeChanged: 0 };

/**
 * Replanning presets: `minimal-change` (replan's default) is `balanced` with a staff visit given to
 * someone else costing as much as two hours of travel, and each minute a visit starts past 15
 * minutes after its time in the plan in force as much as four minutes of travel (half an hour late
 * costs about a restaffing), so a replan moves what the changes force and little else. Starts move
 * earlier than 15 minutes only when a visit cannot be planned otherwise (narrowed windows). A visit
 * moved to another day of its week (only when its own day cannot take it) costs more than a
 * restaffing: the client must agree to a new day. Each staff route whose visits change costs as much
 * as an hour of travel, so a replan gives the changes to few routes.
 */
export const REPLAN_WEIGHTS = {
  'minimal-change': { ...STRATEGY_WEIGHTS.balanced, restaffed: 120, retimed: 4, movedDay: 180, routeChanged: 60 },
} as const satisfies Record<string, WeeklyWeights>;

/**
 * The `consistency` weight `planWeek` uses with a reference plan unless the user weights say
 * otherwise: a visit given to someone else than last period's staff on that weekday costs as much
 * as half an hour of travel — less than a new face (`newFace` 45 in `balanced`), so the planner may
 * still take a client's odd visit off a staff member they rarely meet (the presets carry 0, so plans
 * without a reference are as before).
 */
export const CONSISTENCY_WEIGHT = 30;

/** Names of the strategy presets. */
export type WeeklyStrategy = keyof typeof STRATEGY_WEIGHTS;

/** Cost of one visit by who makes it, without continuity: Σ weight × units over {@link VISIT_TERMS}. */
export function visitCost(weights: WeeklyWeights, ctx: PairContext): number {
  let cost = 0;
  for (const t of VISIT_TERMS) cost += weights[t.name] * t.units(ctx);
  return cost;
}

/** Marginal cost of one more visit of a pairing under the weights (continuity at `met` included): Σ weight × units over the assignment terms. */
export function pairCost(weights: WeeklyWeights, ctx: PairContext): number {
  let cost = 0;
  for (const t of ASSIGNMENT_TERMS) cost += weights[t.name] * t.units(ctx);
  return cost;
}

/** Every term that prices a pairing, with its message (for explanations of single visits). */
export function justifyPair(ctx: PairContext): { term: string; message: string }[] {
  return ASSIGNMENT_TERMS.filter((t) => t.units(ctx) > 0).map((t) => ({ term: t.name, message: t.justify(ctx) }));
}
