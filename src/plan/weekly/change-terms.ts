/**
 * The change terms of a replan's objective, computed from the plan as written: `retimed` (minutes
 * past the due times), `movedDay` (visits done on another day) and `routeChanged` (routes whose
 * visits differ from the plan in force). The day problems price the same quantities (engine due
 * times, per-visit costs, route-change costs), so the reported terms are what the search minimised.
 */
import type { TermTotal } from '../../schema/plan.js';
import { RETIME_MINUTES } from '../diff.js';
import { movedDay, retimed, routeChanged, type WeeklyWeights } from '../terms/index.js';
import type { WeekModel } from './model.js';

/** A placed visit as the objective counts it: candidate and the global shifts of its staff. */
export interface PlacedVisit {
  readonly cand: number;
  readonly staff: readonly number[];
  /** Its start (period minutes), for messages. */
  readonly start?: number;
}

/** The `movedDay` term of a replan: placed visits of the plan in force done on another day (each visit once). */
export function movedDayTotal(model: WeekModel, weights: WeeklyWeights, placed: readonly PlacedVisit[], movedFrom: readonly (string | null)[]): TermTotal {
  let visits = 0;
  let example = '';
  for (const p of placed) {
    const from = movedFrom[p.cand];
    if (!from) continue;
    visits++;
    if (!example) example = movedDay.justify(model.occurrences[model.candidates[p.cand]!.members[0]!]!.client.id, from, model.clock.dates[model.candDay[p.cand]!]!);
  }
  const summary = movedDay.summary(visits);
  return { term: movedDay.name, weight: weights.movedDay, amount: visits, unit: movedDay.unit, cost: weights.movedDay * visits, message: example ? `${summary}; e.g. ${example}` : summary };
}

/** The `retimed` term of a replan: minutes the placed visits start past their due times (each visit once). */
export function retimedTotal(model: WeekModel, weights: WeeklyWeights, placed: readonly PlacedVisit[], due: Float64Array): TermTotal {
  let amount = 0;
  let visits = 0;
  let example = '';
  for (const p of placed) {
    if (p.start === undefined) continue;
    const late = retimed.units(p.start, due[p.cand]!);
    if (late <= 0) continue;
    amount += late;
    visits++;
    if (!example) example = retimed.justify(model.occurrences[model.candidates[p.cand]!.members[0]!]!.client.id, model.clock.clockOf(due[p.cand]! - RETIME_MINUTES), model.clock.clockOf(p.start), late);
  }
  const summary = retimed.summary(amount, visits);
  return { term: retimed.name, weight: weights.retimed, amount, unit: retimed.unit, cost: weights.retimed * amount, message: example ? `${summary}; e.g. ${example}` : summary };
}

/**
 * The `routeChanged` term of a replan: the shifts with a reference (the plan in force's visits on
 * them, as `cand × 2 + half`) whose final visits differ from it as a set. `routes` holds per global
 * shift its final visits in the same code (absent = none).
 */
export function routeChangedTotal(model: WeekModel, weights: WeeklyWeights, reference: readonly (readonly number[] | null)[], routes: ReadonlyMap<number, readonly number[]>): TermTotal {
  let changed = 0;
  let example = '';
  reference.forEach((ref, si) => {
    if (!ref) return;
    const { added, removed } = routeChanged.change(ref, routes.get(si) ?? []);
    if (added === 0 && removed === 0) return;
    changed++;
    if (!example) {
      const { staff, shift } = model.shifts[si]!;
      example = routeChanged.justify(staff.id, shift.date, added, removed);
    }
  });
  const summary = routeChanged.summary(changed);
  return { term: routeChanged.name, weight: weights.routeChanged, amount: changed, unit: routeChanged.unit, cost: weights.routeChanged * changed, message: example ? `${summary}; e.g. ${example}` : summary };
}
