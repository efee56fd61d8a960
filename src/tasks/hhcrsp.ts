import { z } from 'zod';
import { parseMankowska, solveMankowska, type MankowskaResult } from '../benchmarks/mankowska.js';
import type { TaskHandler } from '../pool/registry.js';

/** A Mankowska et al. (2014) HHCRSP instance (the file's text) solved with one seed: one run of `slinga bench mankowska`. */
export interface HhcrspTask {
  readonly kind: 'hhcrsp';
  readonly text: string;
  readonly seed: number;
  readonly timeLimitSeconds?: number;
  readonly maxIterations?: number;
}

/** The solved instance. */
export interface HhcrspResult {
  readonly kind: 'hhcrsp';
  readonly result: MankowskaResult;
}

const Result = z.object({
  kind: z.literal('hhcrsp'),
  result: z.object({
    cost: z.number().nonnegative(),
    distance: z.number().nonnegative(),
    tardiness: z.number().nonnegative(),
    maxTardiness: z.number().nonnegative(),
    routes: z.array(z.object({ caregiver: z.number().int().min(0), stops: z.array(z.object({ patient: z.number().int(), service: z.number().int(), start: z.number() })) })),
    feasible: z.boolean(),
    iterations: z.number().int().min(0),
    seconds: z.number().min(0),
  }),
});

/** Solves a Mankowska instance (distance, tardiness and maximal tardiness, equally weighted). */
export const hhcrsp: TaskHandler<HhcrspTask, HhcrspResult> = {
  kind: 'hhcrsp',
  run: (t) => ({ kind: 'hhcrsp', result: solveMankowska(parseMankowska(t.text), { seed: t.seed, timeLimitSeconds: t.timeLimitSeconds, maxIterations: t.maxIterations }) }),
  validate: (r) => Result.parse(r),
};
