import type { Instance } from '../schema/instance.js';
import { explainClients } from '../explain/index.js';
import { SolverPool } from '../pool/index.js';
import { Plan } from '../schema/plan.js';
import { dayTasks, solveDaysOn } from '../tasks/day-tasks.js';
import type { ImportedMatrix } from '../travel/matrix.js';
import { planBaseline } from './baseline.js';
import { CONSISTENCY_WEIGHT, STRATEGY_WEIGHTS, type WeeklyWeights } from './terms/index.js';
import { planWeekly } from './weekly/index.js';

export { STRATEGY_WEIGHTS, ASSIGNMENT_TERMS, CONSISTENCY_WEIGHT, type WeeklyWeights, type WeeklyStrategy } from './terms/index.js';

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
  /** Strategy name; see {@link STRATEGIES}. Default `balanced`. */
  readonly strategy?: string;
  /** Weights replacing some of the strategy preset's (user weights). */
  readonly weights?: Partial<WeeklyWeights>;
  /**
   * Search effort per day and pass (iterations; the reproducible stopping criterion). Default 2,500;
   * a time limit may stop earlier.
   */
  readonly iterationsPerDay?: number;
  /** Passes over all days (default 4). */
  readonly rounds?: number;
  /** Imported travel matrix (from `loadInstance`). */
  readonly matrix?: ImportedMatrix;
  readonly onProgress?: (p: PlanProgress) => void;
  readonly signal?: AbortSignal;
  /**
   * Next period like the last: the plan of the previous period. It is the continuity history when
   * the instance has none, and the `consistency` term (weight {@link CONSISTENCY_WEIGHT} unless
   * `weights.consistency` says otherwise) prices each visit given to someone else than the
   * reference's visit of the same client, task ids and weekday; starts are narrowed to ±15 minutes
   * of its clock time until a visit cannot be planned so; weekly tasks keep its days; the search
   * starts from its routes carried over. Weekly strategies only.
   */
  readonly reference?: Plan;
}

/**
 * Strategy names `planWeek` accepts: the weekly planner's weight presets (see {@link STRATEGY_WEIGHTS})
 * and `baseline`, the greedy constructive planner without optimisation.
 */
export const STRATEGIES = ['balanced', 'travel-first', 'continuity-first', 'baseline'] as const;

/** Raised for options that make no sense (the CLI maps it to exit 2). */
export class PlanOptionError extends Error {}

/**
 * Plans the period of a validated instance: visits, routes and unplanned items with reasons. The
 * weekly planner (strategies `balanced`, `travel-first`, `continuity-first`, optionally with user
 * weights) optimises travel and continuity together; `baseline` is the greedy planner. The plan
 * always satisfies the hard rules (check it with `checkPlan`); what cannot be planned is listed in
 * `unplanned`. On abort the best plan found so far is returned, marked `meta.stopped = 'aborted'`.
 */
export async function planWeek(instance: Instance, options: PlanOptions = {}): Promise<Plan> {
  const strategy = options.strategy ?? 'balanced';
  if (!(STRATEGIES as readonly string[]).includes(strategy)) {
    throw new PlanOptionError(`unknown strategy "${strategy}"; available: ${STRATEGIES.join(', ')}`);
  }
  for (const [k, v] of Object.entries(options.weights ?? {})) {
    if (!(k in STRATEGY_WEIGHTS.balanced)) throw new PlanOptionError(`unknown weight "${k}"; available: ${Object.keys(STRATEGY_WEIGHTS.balanced).join(', ')}`);
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new PlanOptionError(`weight "${k}" must be a finite number ≥ 0`);
  }
  options.signal?.throwIfAborted();
  options.onProgress?.({ phase: 'construct', fraction: 0 });
  if (options.reference && strategy === 'baseline') throw new PlanOptionError('a reference plan needs a weekly strategy (balanced, travel-first or continuity-first), not baseline');
  // The reference is a previous period: its visits must all lie before this one (they become history).
  const late = options.reference?.visits.find((v) => v.date >= instance.period.start);
  if (late) throw new PlanOptionError(`the reference plan is not of a previous period: its visit ${late.id} is on ${late.date}, not before ${instance.period.start}`);
  if (strategy === 'baseline') {
    const plan = planBaseline(instance, { matrix: options.matrix, seed: options.seed ?? 1 });
    options.onProgress?.({ phase: 'done', fraction: 1 });
    return explained(instance, plan);
  }
  const preset = STRATEGY_WEIGHTS[strategy as keyof typeof STRATEGY_WEIGHTS];
  const workers = Math.max(1, Math.floor(options.workers ?? 1));
  // With one worker (as inside a pool's `plan` task) the days are solved on this thread: no pool, no thread.
  const pool = workers > 1 ? new SolverPool({ workers, registry: dayTasks }) : null;
  try {
    const plan = await planWeekly(instance, {
      seed: options.seed ?? 1,
      weights: { ...preset, ...(options.reference ? { consistency: CONSISTENCY_WEIGHT } : {}), ...options.weights },
      strategy: options.weights && Object.keys(options.weights).length > 0 ? `${strategy}+weights` : strategy,
      matrix: options.matrix,
      workers,
      solveDays: pool ? solveDaysOn(pool) : undefined,
      timeLimitSeconds: options.timeLimitSeconds,
      iterationsPerDay: options.iterationsPerDay,
      rounds: options.rounds,
      reference: options.reference,
      signal: options.signal,
      onProgress: (fraction, phase) => options.onProgress?.({ phase, fraction: Math.min(1, fraction) }),
    });
    options.onProgress?.({ phase: 'done', fraction: 1 });
    return explained(instance, plan);
  } finally {
    await pool?.destroy();
  }
}

/** The plan with its per-client explanations (term totals as the planner gave them). */
function explained(instance: Instance, plan: Plan): Plan {
  return Plan.parse({ ...plan, explanations: { terms: plan.explanations?.terms ?? [], clients: explainClients(instance, plan) } });
}
