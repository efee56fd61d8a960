import { BREAK_NODE } from '../../../solver/baseline/greedy.js';
import { assignBaseline } from '../baseline.js';
import type { WeekModel, Window } from './model.js';

/** Continuity pricing of the seed: a new face's cost and the head start per (client, staff). */
export interface SeedContinuity {
  readonly newFace: number;
  readonly headStart: Int32Array;
}

/** Start routes per day (vehicle = position in the day's shift list) and the candidates the greedy left out. */
export interface Seed {
  readonly routes: number[][][];
  readonly unassigned: readonly number[];
}

/**
 * The weekly search starts from the baseline's greedy assignment over the whole period (it plans
 * everything the generator guarantees capacity for), run with the given windows and translated to
 * each day's engine visits: a double-staffed candidate's first route gets half 0, its second half 1.
 * With `continuity`, the greedy prices new faces as the weekly objective does (core teams start familiar).
 */
export function seedRoutes(model: WeekModel, windows: readonly (readonly Window[])[], continuity?: SeedContinuity): Seed {
  const nS = model.instance.staff.length;
  const { result } = assignBaseline({
    ...model,
    windows,
    continuity: continuity && { jobClient: model.candClient, nStaff: nS, headStart: continuity.headStart, newFace: continuity.newFace },
  });
  const vehicleOf = new Int32Array(model.shifts.length);
  model.days.forEach((d) => d.shifts.forEach((si, k) => (vehicleOf[si] = k)));
  const visitOf = model.days.map((d) => {
    const map = new Map<number, number>();
    d.visits.forEach((v, i) => {
      if (v.half === 0) map.set(v.cand, i);
    });
    return map;
  });
  const routes = model.days.map((d) => d.shifts.map(() => [] as number[]));
  const halvesUsed = new Set<number>();
  // Routes of the same day in shift order; the greedy's route order is the visiting order.
  for (const r of result.routes) {
    const day = model.clock.dayIndex(model.shifts[r.shift]!.shift.date);
    const route = routes[day]![vehicleOf[r.shift]!]!;
    for (const n of r.nodes) {
      if (n === BREAK_NODE) continue;
      const first = visitOf[day]!.get(n)!;
      const second = model.days[day]!.visits[first + 1];
      if (halvesUsed.has(n) && second?.cand === n && second.half === 1) route.push(first + 1);
      else {
        route.push(first);
        halvesUsed.add(n);
      }
    }
  }
  return { routes, unassigned: result.unassigned.map((u) => u.job) };
}
