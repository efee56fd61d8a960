import { z } from 'zod';
import { solveDay, type DaySolveResult, type DaySolveTask } from '../plan/weekly/day-solver.js';
import type { TaskHandler } from '../pool/registry.js';

/**
 * One routing problem of the core, compiled and solved in the task: a day of the weekly planner.
 * Its travel matrix goes to the threads on shared memory (the pool shares typed arrays).
 */
export interface RouteTask extends DaySolveTask {
  readonly kind: 'route';
}

/** Engine visit indices per route (validated as integers ≥ -1), with the engine's cost and effort. */
export interface RouteResult extends DaySolveResult {
  readonly kind: 'route';
}

const Result = z.object({
  kind: z.literal('route'),
  // Visit indices ≥ 0; -1 is allowed for the rewritten engine, whose routes mark a break's position with it.
  routes: z.array(z.array(z.number().int().min(-1))),
  cost: z.number(),
  iterations: z.number().int().min(0),
});

/** Solves one day with {@link solveDay}, the function the planner uses in-process. */
export const route: TaskHandler<RouteTask, RouteResult> = {
  kind: 'route',
  run: (t) => ({ kind: 'route', ...solveDay(t) }),
  validate: (r) => Result.parse(r),
};
