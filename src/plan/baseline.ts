import type { Instance } from '../schema/instance.js';
import type { Plan } from '../schema/plan.js';
import type { ImportedMatrix } from '../travel/matrix.js';
import { BASELINE_WEIGHTS } from './terms/index.js';
import { buildWeekModel } from './weekly/model.js';
import { seedRoutes } from './weekly/seed.js';
import { historyCounts, writeWeeklyPlan } from './weekly/write.js';

/** Options of the baseline planner. */
export interface BaselineOptions {
  readonly matrix?: ImportedMatrix;
  readonly seed?: number;
}

/**
 * The baseline planner: occurrences are combined into visits and every day becomes a routing
 * problem as for the weekly planner ({@link buildWeekModel}); then greedy cheapest insertion over
 * the whole period by the routing core's schedule model (`solver/baseline/greedy.ts`), priced by
 * {@link BASELINE_WEIGHTS}: double-staffed visits first, as pairs at a common minute, then by
 * priority and window tightness. It makes valid plans and reports what it cannot plan, with
 * reasons; it does not improve them. Named `baseline` in the plan's metadata.
 */
export function planBaseline(instance: Instance, options: BaselineOptions = {}): Plan {
  const model = buildWeekModel(instance, options.matrix);
  const history = historyCounts(model);
  const seed = seedRoutes(
    model,
    model.candidates.map((c) => c.windows),
    BASELINE_WEIGHTS,
    history,
  );
  return writeWeeklyPlan(model, {
    solver: 'baseline',
    strategy: 'baseline',
    seed: options.seed ?? 0,
    weights: BASELINE_WEIGHTS,
    days: seed.routes.map((routes, d) => ({ routes, problem: seed.problems[d]! })),
    relaxed: new Uint8Array(model.candidates.length),
    history,
    stopped: 'completed',
    rejected: 0,
  });
}
