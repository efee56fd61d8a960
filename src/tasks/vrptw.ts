import { z } from 'zod';
import { parseSolomon, solveSolomon, type SolomonResult } from '../benchmarks/solomon.js';
import type { TaskHandler } from '../pool/registry.js';

/** A Solomon VRPTW instance (the file's text) solved with one seed: one run of `slinga bench solomon`. */
export interface VrptwTask {
  readonly kind: 'vrptw';
  readonly text: string;
  readonly seed: number;
  readonly timeLimitSeconds?: number;
  readonly maxIterations?: number;
}

/** The solved instance. */
export interface VrptwResult {
  readonly kind: 'vrptw';
  readonly result: SolomonResult;
}

const Result = z.object({
  kind: z.literal('vrptw'),
  result: z.object({
    vehicles: z.number().int().min(0),
    distance: z.number().nonnegative(),
    /** Customer numbers (the depot, 0, is not listed). */
    routes: z.array(z.array(z.number().int().min(1))),
    feasible: z.boolean(),
    iterations: z.number().int().min(0),
    seconds: z.number().min(0),
  }),
});

/** Solves a Solomon instance for minimum total distance. */
export const vrptw: TaskHandler<VrptwTask, VrptwResult> = {
  kind: 'vrptw',
  run: (t) => ({ kind: 'vrptw', result: solveSolomon(parseSolomon(t.text), { seed: t.seed, timeLimitSeconds: t.timeLimitSeconds, maxIterations: t.maxIterations }) }),
  validate: (r) => Result.parse(r),
};
