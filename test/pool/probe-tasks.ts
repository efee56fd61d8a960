/**
 * Test-only task registry: `probe` sums a typed array and can fail on purpose (ordering, retries);
 * `shared` tells which of its typed arrays arrived on shared memory. Worker threads load registries compiled, so `npm run build` also
 * compiles this file (tsconfig.build.json) to dist/test/pool/probe-tasks.js; the package does not
 * ship it (package.json `files`).
 */
import { isMainThread } from 'node:worker_threads';
import { z } from 'zod';
import { defineRegistry, type TaskHandler } from '../../src/pool/registry.js';

/** Fail the first `attempts` attempts by throwing or by ending the thread. */
export interface FaultInjection {
  readonly mode: 'throw' | 'exit';
  readonly attempts: number;
}

/** Sums `values`, after the injected faults. */
export interface ProbeTask {
  readonly kind: 'probe';
  readonly values: Int32Array;
  readonly fault?: FaultInjection;
}

/** The sum, with the attempt that produced it. */
export interface ProbeResult {
  readonly kind: 'probe';
  readonly sum: number;
  readonly attempt: number;
}

const ProbeResult = z.object({ kind: z.literal('probe'), sum: z.number(), attempt: z.number().int() });

/** The probe handler. */
export const probe: TaskHandler<ProbeTask, ProbeResult> = {
  kind: 'probe',
  run(t, { attempt }) {
    if (t.fault && attempt < t.fault.attempts) {
      // Ending the thread simulates a crashed worker; on the main thread it would end the test run.
      if (t.fault.mode === 'exit' && !isMainThread) process.exit(70);
      throw new Error(`injected fault on attempt ${attempt}`);
    }
    let sum = 0;
    for (const v of t.values) sum += v;
    return { kind: 'probe', sum, attempt };
  },
  validate: (r) => ProbeResult.parse(r),
};

/** Typed arrays at two depths of a task, as a routing problem nests its travel matrix. */
export interface SharedTask {
  readonly kind: 'shared';
  readonly spec: { readonly travel: Float64Array; readonly rows: readonly Int32Array[] };
}

/** For each typed array of the task: did it arrive on a SharedArrayBuffer? */
export interface SharedResult {
  readonly kind: 'shared';
  readonly travel: boolean;
  readonly rows: boolean[];
}

const SharedResult = z.object({ kind: z.literal('shared'), travel: z.boolean(), rows: z.array(z.boolean()) });

/** The shared-memory check. */
export const shared: TaskHandler<SharedTask, SharedResult> = {
  kind: 'shared',
  run: (t) => ({
    kind: 'shared',
    travel: t.spec.travel.buffer instanceof SharedArrayBuffer,
    rows: t.spec.rows.map((r) => r.buffer instanceof SharedArrayBuffer),
  }),
  validate: (r) => SharedResult.parse(r),
};

/** The registry of the pool tests. */
const probeTasks = defineRegistry(import.meta.url, [probe, shared]);
export default probeTasks;
