import { isMainThread } from 'node:worker_threads';
import { compileProblem, solve, type ProblemSpec } from '../../solver/index.js';
import { parseMankowska, solveMankowska, type MankowskaResult } from '../benchmarks/mankowska.js';
import { parseSolomon, solveSolomon, type SolomonResult } from '../benchmarks/solomon.js';
import { planWeek } from '../plan/index.js';
import type { Plan } from '../schema/plan.js';
import type { ImportedMatrix } from '../travel/matrix.js';
import { parseInstance } from '../validate/index.js';

/**
 * Work the pool runs: plain, structured-clone-able data. The same {@link runTask} entry serves the
 * in-process path and the worker threads, so a result never depends on where it ran.
 */
export type PoolTask =
  | { readonly kind: 'vrptw'; readonly text: string; readonly seed: number; readonly timeLimitSeconds?: number; readonly maxIterations?: number }
  | { readonly kind: 'hhcrsp'; readonly text: string; readonly seed: number; readonly timeLimitSeconds?: number; readonly maxIterations?: number }
  | {
      readonly kind: 'plan';
      /** The instance as JSON data; validated again inside the task. */
      readonly instance: unknown;
      readonly seed: number;
      readonly strategy?: string;
      readonly timeLimitSeconds?: number;
      readonly matrix?: ImportedMatrix;
    }
  | {
      /** One routing problem of the core (e.g. a day of the weekly planner): compiled and solved in the task. */
      readonly kind: 'route';
      /** The problem; its travel matrix should sit on a SharedArrayBuffer (shared, never copied). */
      readonly spec: ProblemSpec;
      readonly seed: number;
      readonly maxIterations?: number;
      readonly timeLimitSeconds?: number;
      readonly initialRoutes?: readonly (readonly number[])[];
    }
  | {
      /** Test-only: sums a transferred typed array; can fail on purpose (see {@link FaultInjection}). */
      readonly kind: 'probe';
      readonly values: Int32Array;
      readonly fault?: FaultInjection;
    };

/** Test-only fault injection: fail the first `attempts` attempts by throwing or by killing the thread. */
export interface FaultInjection {
  readonly mode: 'throw' | 'exit';
  readonly attempts: number;
}

/** What a task returns. */
export type PoolResult =
  | { readonly kind: 'vrptw'; readonly result: SolomonResult }
  | { readonly kind: 'hhcrsp'; readonly result: MankowskaResult }
  | { readonly kind: 'plan'; readonly plan: Plan; readonly seconds: number }
  | { readonly kind: 'route'; readonly routes: number[][]; readonly cost: number; readonly iterations: number }
  | { readonly kind: 'probe'; readonly sum: number; readonly attempt: number };

/** A task with the attempt number the pool adds (0 first, 1 on the retry). */
export type PoolJob = PoolTask & { readonly attempt: number };

/** Runs one task. Pure apart from the fault injection's thread exit; no module-level state. */
export async function runTask(job: PoolJob): Promise<PoolResult> {
  switch (job.kind) {
    case 'vrptw':
      return { kind: 'vrptw', result: solveSolomon(parseSolomon(job.text), { seed: job.seed, timeLimitSeconds: job.timeLimitSeconds, maxIterations: job.maxIterations }) };
    case 'hhcrsp':
      return { kind: 'hhcrsp', result: solveMankowska(parseMankowska(job.text), { seed: job.seed, timeLimitSeconds: job.timeLimitSeconds, maxIterations: job.maxIterations }) };
    case 'plan': {
      const parsed = parseInstance(job.instance, { matrix: job.matrix });
      if (!parsed.ok) throw new Error(`instance is invalid: ${parsed.issues.length} problem(s), first ${parsed.issues[0]!.code} at ${parsed.issues[0]!.path}`);
      const started = performance.now();
      const plan = await planWeek(parsed.instance, { seed: job.seed, strategy: job.strategy, timeLimitSeconds: job.timeLimitSeconds, matrix: parsed.matrix, workers: 1 });
      return { kind: 'plan', plan, seconds: (performance.now() - started) / 1000 };
    }
    case 'route': {
      const r = solve(compileProblem(job.spec), { seed: job.seed, maxIterations: job.maxIterations, timeLimitSeconds: job.timeLimitSeconds, initialRoutes: job.initialRoutes });
      return { kind: 'route', routes: r.routes, cost: r.cost, iterations: r.iterations };
    }
    case 'probe': {
      if (job.fault && job.attempt < job.fault.attempts) {
        // Ending the thread simulates a crashed worker; on the main thread it would end the program.
        if (job.fault.mode === 'exit' && !isMainThread) process.exit(70);
        throw new Error(`injected fault on attempt ${job.attempt}`);
      }
      let sum = 0;
      for (const v of job.values) sum += v;
      return { kind: 'probe', sum, attempt: job.attempt };
    }
  }
}
