import { compileProblem, solve, type ProblemSpec } from '../../../solver/index.js';

/**
 * One day's routing problem as the weekly planner hands it out: plain, structured-clone-able data,
 * so that a day can be solved on this thread or on another one (the pool's `route` task).
 */
export interface DaySolveTask {
  /** The day's problem, priced against the other days' continuity. */
  readonly spec: ProblemSpec;
  readonly seed: number;
  /** Search iterations (the reproducible stopping criterion). */
  readonly maxIterations?: number;
  /** Wall-clock budget (an extra stopping criterion). */
  readonly timeLimitSeconds?: number;
  /** The day's current solution, where the search starts. */
  readonly initialRoutes?: readonly (readonly number[])[];
}

/** A solved day: engine visit indices per route, with the engine's cost and effort. */
export interface DaySolveResult {
  readonly routes: number[][];
  readonly cost: number;
  readonly iterations: number;
}

/**
 * Solves the days of one batch; results in task order. The planner does not care where the days are
 * solved: {@link solveDaysInProcess} runs them here, one after another; `planWeek` passes one that
 * runs them on worker threads. Both must give {@link solveDay}'s result for a task.
 */
export type DaySolver = (tasks: readonly DaySolveTask[], signal?: AbortSignal) => Promise<DaySolveResult[]>;

/**
 * Solves one day with the routing core. Pure: the same task gives the same result on any thread.
 * Local search runs on candidates that beat the best so far: on a home-care day (breaks, double
 * staffing, gaps, hundreds of visits) one local search costs many ruin-and-recreate iterations, and
 * spending it only where it can pay found better days in the same time (knivsta day 1, 8 s: 23,987
 * against 24,781 with the engine's default 5 % gate).
 */
export function solveDay(task: DaySolveTask): DaySolveResult {
  const r = solve(compileProblem(task.spec), { seed: task.seed, maxIterations: task.maxIterations, timeLimitSeconds: task.timeLimitSeconds, initialRoutes: task.initialRoutes, improveGate: 0 });
  return { routes: r.routes, cost: r.cost, iterations: r.iterations };
}

/** The default {@link DaySolver}: every day on this thread, in order; an abort stops before the next day. */
export const solveDaysInProcess: DaySolver = async (tasks, signal) =>
  tasks.map((task) => {
    signal?.throwIfAborted();
    return solveDay(task);
  });
