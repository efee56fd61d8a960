import type { ProblemSpec, VisitSpec } from '../../../solver/index.js';
import { taskPriority } from '../../model/demand.js';
import { pairCost, type WeeklyWeights } from '../terms/index.js';
import type { WeekModel, Window } from './model.js';

/** Unplanned penalties by priority (1 HSL, 2 personal care, 3 service): they dominate every route cost. */
export const UNPLANNED_PENALTY: readonly number[] = [0, 3e6, 2e6, 1e6];

/** Visits a core-team member counts as having made already: enough to make them cheap from the first pass. */
export const CORE_HEAD_START = 3;

/** What a day's costs depend on besides the model: the other days' continuity and the current windows. */
export interface DayPricing {
  readonly weights: WeeklyWeights;
  /** Visits per (client, staff) on other days and in the history, at `c * nStaff + s`. */
  readonly others: Int32Array;
  /** Per client, its core team: each member counts as {@link CORE_HEAD_START} visits met from the start. */
  readonly core: readonly ReadonlySet<number>[];
  /** Per candidate, its current start windows (preferred, or relaxed to the allowed ones). */
  readonly windows: readonly (readonly Window[])[];
}

/**
 * The routing problem of one day for the routing core: vehicles are the day's shifts (travel profile
 * = the staff member's travel mode), visits carry their windows, skills, refused staff, an unplanned
 * penalty by priority and a cost per vehicle from the assignment terms ({@link pairCost}); the
 * objective is travel minutes × `weights.travel`.
 */
export function dayProblem(model: WeekModel, day: number, pricing: DayPricing): ProblemSpec {
  const m = model.days[day]!;
  const nS = model.instance.staff.length;
  const staffOf = m.shifts.map((si) => model.shifts[si]!.staff);
  const staffIdx = staffOf.map((s) => model.staffIndex.get(s.id)!);
  const visits: VisitSpec[] = m.visits.map((dv) => {
    const cand = model.candidates[dv.cand]!;
    const members = cand.members.map((i) => model.occurrences[i]!);
    const client = members[0]!.client;
    const c = model.candClient[dv.cand]!;
    const core = pricing.core[c]!;
    const refused = client.preferences.refusedStaff;
    return {
      location: model.travel.indexOf('client', client.id),
      duration: model.candMinutes[dv.cand]!,
      windows: pricing.windows[dv.cand]!.map((w) => [w.start, w.end] as const),
      skills: [...new Set(members.flatMap((o) => o.task.skills))].map((k) => model.skillIndex.get(k)!),
      refusedVehicles: staffOf.flatMap((s, k) => (refused.includes(s.id) ? [k] : [])),
      vehicleCost: staffOf.map((staff, k) => {
        const s = staffIdx[k]!;
        return pairCost(pricing.weights, { client, staff, met: pricing.others[c * nS + s]! + (core.has(s) ? CORE_HEAD_START : 0) });
      }),
      unassignedPenalty: UNPLANNED_PENALTY[Math.min(...members.map((o) => taskPriority(o.task)))]!,
    };
  });
  return {
    nLocations: model.travel.locations.length,
    nProfiles: model.nProfiles,
    travel: model.matrix,
    visits,
    vehicles: m.shifts.map((si) => model.vehicles[si]!),
    links: m.links,
    objective: { distance: 0, travelTime: pricing.weights.travel },
  };
}
