/**
 * One job of the service, as it is stored, queued and run: the request body exactly as submitted
 * (validated at submission, validated again where it runs) and the result. The same {@link runJob}
 * runs a job on the server's pool and on a queue worker, so where a job ran never changes its plan.
 */
import { z } from 'zod';
import { computeKpis } from '../kpi/index.js';
import { planWeek } from '../plan/index.js';
import { replan } from '../replan/index.js';
import { Instance } from '../schema/instance.js';
import { Plan } from '../schema/plan.js';
import { parsePlanRequest, parseReplanRequest, type ServiceIssue } from './validate.js';

/** Kinds of job. */
export type JobKind = 'plan' | 'replan';

/** What a job runs: the kind and the request body as submitted (plain JSON data). */
export interface JobInput {
  readonly kind: JobKind;
  readonly body: unknown;
}

/** A job's result: the plan with its KPIs, and for a replan the changed instance it is checked against. */
export const JobOutput = z.object({ plan: Plan, instance: Instance.optional() });
export type JobOutput = z.infer<typeof JobOutput>;

/** Hooks of a running job. */
export interface RunHooks {
  readonly signal?: AbortSignal;
  readonly onProgress?: (fraction: number, phase: string) => void;
}

/** A body that no longer validates where it runs (another version of slinga on a worker, say). */
export class JobInputError extends Error {
  constructor(issues: readonly ServiceIssue[]) {
    super(`the job's input is invalid here: ${issues.length} problem(s), first ${issues[0]?.code} at ${issues[0]?.path}`);
  }
}

/**
 * Runs a job on this thread (one worker: the job is the unit of parallelism). On abort the best plan
 * so far comes back, marked `meta.stopped = 'aborted'`.
 */
export async function runJob(input: JobInput, hooks: RunHooks = {}): Promise<JobOutput> {
  if (input.kind === 'plan') {
    const req = parsePlanRequest(input.body);
    if (!req.ok) throw new JobInputError(req.issues);
    const { instance, matrix } = req.value.instance;
    const o = req.value.options;
    const plan = await planWeek(instance, {
      seed: o.seed ?? 1,
      strategy: o.strategy,
      weights: o.weights,
      iterationsPerDay: o.iterationsPerDay,
      rounds: o.rounds,
      timeLimitSeconds: o.timeLimitSeconds,
      matrix,
      workers: 1,
      signal: hooks.signal,
      onProgress: (p) => hooks.onProgress?.(p.fraction, p.phase),
    });
    return { plan: { ...plan, kpis: computeKpis(instance, plan) } };
  }
  const req = parseReplanRequest(input.body);
  if (!req.ok) throw new JobInputError(req.issues);
  const { instance, matrix } = req.value.instance;
  const o = req.value.options;
  const result = await replan(instance, req.value.plan, req.value.changes, {
    seed: o.seed ?? 1,
    now: o.now,
    strategy: o.strategy,
    weights: o.weights,
    iterationsPerDay: o.iterationsPerDay,
    rounds: o.rounds,
    timeLimitSeconds: o.timeLimitSeconds,
    matrix,
    workers: 1,
    applied: req.value.applied,
    signal: hooks.signal,
    onProgress: (f, phase) => hooks.onProgress?.(f, phase),
  });
  return { plan: { ...result.plan, kpis: computeKpis(result.instance, result.plan) }, instance: result.instance };
}
