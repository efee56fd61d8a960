import { z } from 'zod';
import { planWeek } from '../plan/index.js';
import { Plan } from '../schema/plan.js';
import type { TaskHandler } from '../pool/registry.js';
import type { ImportedMatrix } from '../travel/matrix.js';
import { parseInstance } from '../validate/index.js';

/** A whole plan with one strategy and seed: one column of `slinga compare`, one run of `slinga bench scenarios`. */
export interface PlanTask {
  readonly kind: 'plan';
  /** The instance as JSON data; validated again inside the task. */
  readonly instance: unknown;
  readonly seed: number;
  readonly strategy?: string;
  readonly timeLimitSeconds?: number;
  readonly matrix?: ImportedMatrix;
  /** User weights over the strategy preset (e.g. `{ crossTeam: 0 }` for merged teams). */
  readonly weights?: Readonly<Record<string, number>>;
}

/** The plan and the time it took. */
export interface PlanResult {
  readonly kind: 'plan';
  readonly plan: Plan;
  readonly seconds: number;
}

const Result = z.object({ kind: z.literal('plan'), plan: Plan, seconds: z.number().min(0) });

/**
 * Plans the instance with `planWeek` on one worker: the task already is the unit of parallelism,
 * so its days are solved on the task's own thread and no thread starts another.
 */
export const plan: TaskHandler<PlanTask, PlanResult> = {
  kind: 'plan',
  async run(t) {
    const parsed = parseInstance(t.instance, { matrix: t.matrix });
    if (!parsed.ok) throw new Error(`instance is invalid: ${parsed.issues.length} problem(s), first ${parsed.issues[0]!.code} at ${parsed.issues[0]!.path}`);
    const started = performance.now();
    const result = await planWeek(parsed.instance, { seed: t.seed, strategy: t.strategy, timeLimitSeconds: t.timeLimitSeconds, matrix: parsed.matrix, workers: 1, weights: t.weights });
    return { kind: 'plan', plan: result, seconds: (performance.now() - started) / 1000 };
  },
  validate: (r) => Result.parse(r),
};
