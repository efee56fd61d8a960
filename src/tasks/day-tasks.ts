/**
 * The registry of `planWeek`'s worker threads: the `route` kind only. It cannot be the application
 * registry (./index.ts): that one lists the `plan` handler, which imports `planWeek` — an import
 * cycle. Threads that solve days also load no more than the routing core.
 */
import type { DaySolver } from '../plan/weekly/day-solver.js';
import type { SolverPool } from '../pool/index.js';
import { defineRegistry } from '../pool/registry.js';
import { route } from './route.js';

/** The `route` handler alone. */
export const dayTasks = defineRegistry(import.meta.url, [route]);
export default dayTasks;

/** The weekly planner's day solver on a pool: every day of a batch a `route` task, all at once. */
export function solveDaysOn(pool: SolverPool<typeof route>): DaySolver {
  return (tasks, signal) => pool.runAll(tasks.map((t) => ({ ...t, kind: 'route' as const })), signal);
}
