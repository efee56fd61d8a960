import { compileProblem, type Problem } from '../../../solver/index.js';
import { greedyPeriod } from '../../../solver/baseline/greedy.js';
import type { PreviousVisit, WeeklyWeights } from '../terms/index.js';
import { dayProblem } from './day-problem.js';
import type { WeekModel, Window } from './model.js';

/** Routes per day (vehicle = position in the day's shift list, -1 at the break), and the candidates the greedy left out. */
export interface Seed {
  readonly routes: number[][][];
  readonly unassigned: readonly number[];
  /** The day problems the greedy solved. */
  readonly problems: readonly Problem[];
}

/**
 * Greedy cheapest insertion over the whole period ({@link greedyPeriod}): every day's problem
 * priced by `weights` with `headStart` visits per (client, staff) counted as made already (the
 * history, and for the weekly planner a head start for core teams; `previous` as the reference
 * period's visits for `consistency`); the days share their pair
 * counts, so Monday's placements price Thursday's choices. Double-staffed visits go first, as
 * pairs at a common minute; then the rest by priority and window tightness.
 */
export function seedRoutes(
  model: WeekModel,
  windows: readonly (readonly Window[])[],
  weights: WeeklyWeights,
  headStart: Int32Array,
  previous?: readonly (PreviousVisit | null)[],
): Seed {
  const problems = model.days.map((_, d) => compileProblem(dayProblem(model, d, { weights, others: headStart, windows, previous })));
  const shared = weights.newFace > 0 ? new Int32Array(model.instance.clients.length * model.instance.staff.length) : undefined;
  const days = greedyPeriod(problems, shared);
  const unassigned = new Set<number>();
  days.forEach((d, day) => d.unassigned.forEach((v) => unassigned.add(model.days[day]!.visits[v]!.cand)));
  return { routes: days.map((d) => d.routes), unassigned: [...unassigned], problems };
}
