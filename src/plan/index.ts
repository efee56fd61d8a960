import type { Instance } from '../schema/instance.js';
import { Plan } from '../schema/plan.js';
import type { ImportedMatrix } from '../travel/matrix.js';
import { planBaseline } from './baseline.js';

/** Progress of a planning run. */
export interface PlanProgress {
  readonly phase: string;
  /** Fraction done in [0, 1]. */
  readonly fraction: number;
  /** Best objective value so far, if known. */
  readonly best?: number;
}

/** Options of {@link planWeek}. */
export interface PlanOptions {
  /** Seed of the one RNG; the same seed gives the same plan. Default 1. */
  readonly seed?: number;
  /** Wall-clock limit for the search (stopping criterion only). */
  readonly timeLimitSeconds?: number;
  /** Worker threads; 1 plans in-process. */
  readonly workers?: number;
  /** Strategy name; see {@link STRATEGIES}. */
  readonly strategy?: string;
  /** Imported travel matrix (from `loadInstance`). */
  readonly matrix?: ImportedMatrix;
  readonly onProgress?: (p: PlanProgress) => void;
  readonly signal?: AbortSignal;
}

/** Strategy names `planWeek` accepts. */
export const STRATEGIES = ['baseline'] as const;

/** Raised for options that make no sense (the CLI maps it to exit 2). */
export class PlanOptionError extends Error {}

/**
 * Plans the period of a validated instance: visits, routes and unplanned items with reasons.
 * Today this runs the baseline constructive planner; the plan always satisfies the hard rules
 * (check it with `checkPlan`), and what cannot be planned is listed in `unplanned`.
 */
export async function planWeek(instance: Instance, options: PlanOptions = {}): Promise<Plan> {
  const strategy = options.strategy ?? 'baseline';
  if (!(STRATEGIES as readonly string[]).includes(strategy)) {
    throw new PlanOptionError(`unknown strategy "${strategy}"; available: ${STRATEGIES.join(', ')}`);
  }
  options.signal?.throwIfAborted();
  options.onProgress?.({ phase: 'construct', fraction: 0 });
  const plan = planBaseline(instance, { matrix: options.matrix, seed: options.seed ?? 1 });
  options.onProgress?.({ phase: 'done', fraction: 1 });
  return Plan.parse(plan);
}
