import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { z } from 'zod';
import { Plan } from '../schema/plan.js';
import { runTask, type PoolJob, type PoolResult, type PoolTask } from './tasks.js';

export { runTask, type PoolTask, type PoolResult, type FaultInjection } from './tasks.js';

/** A task that failed on its first attempt and on its retry. */
export class PoolTaskError extends Error {
  constructor(
    readonly task: PoolTask['kind'],
    readonly attempts: readonly string[],
  ) {
    super(`${task} task failed twice: ${attempts.join('; then: ')}`);
  }
}

/** Options of {@link SolverPool}. */
export interface PoolOptions {
  /** Worker threads; 1 (or less) runs tasks in-process with the same entry. */
  readonly workers: number;
}

/**
 * Runs independent solver tasks on worker threads (piscina): portfolios of seeds or strategies,
 * benchmark instances. Tasks and results are plain data (typed arrays shared, not copied); every result
 * is validated again on arrival; a task that throws or whose thread dies is retried once (a dead
 * thread is replaced by a fresh one), then reported as failed. Call {@link destroy} when done: no
 * thread outlives the pool.
 */
export class SolverPool {
  private readonly piscina: Piscina<PoolJob, PoolResult> | null;
  /** In-process tasks run one after another: each starts when the previous one has finished. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly options: PoolOptions) {
    this.piscina =
      options.workers > 1
        ? new Piscina<PoolJob, PoolResult>({
            filename: workerFile(),
            minThreads: 0,
            maxThreads: Math.floor(options.workers),
            idleTimeout: 1000,
            concurrentTasksPerWorker: 1,
          })
        : null;
  }

  /** Worker threads alive now (0 for the in-process pool). */
  get threads(): number {
    return this.piscina?.threads.length ?? 0;
  }

  /** Runs one task; retries once on failure; rejects with {@link PoolTaskError} after two failures or on abort. */
  async run(task: PoolTask, signal?: AbortSignal): Promise<PoolResult> {
    const errors: string[] = [];
    const shared = this.piscina ? shareArrays(task) : task;
    for (let attempt = 0; attempt < 2; attempt++) {
      signal?.throwIfAborted();
      try {
        const job = { ...shared, attempt } as PoolJob;
        const raw = this.piscina ? await this.piscina.run(job, { signal: signal ?? null }) : await this.inProcess(job);
        return validateResult(task.kind, raw);
      } catch (e) {
        if (signal?.aborted) throw signal.reason ?? e;
        errors.push(e instanceof Error ? e.message : String(e));
      }
    }
    throw new PoolTaskError(task.kind, errors);
  }

  /**
   * Runs a task on this thread after the ones queued before it. Solver work is synchronous, so
   * starting several at once would only interleave their bookkeeping (and their timings).
   */
  private inProcess(job: PoolJob): Promise<PoolResult> {
    const next = this.queue.then(() => runTask(job));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Runs tasks concurrently; results in task order (never in order of completion). */
  runAll(tasks: readonly PoolTask[], signal?: AbortSignal): Promise<PoolResult[]> {
    return Promise.all(tasks.map((t) => this.run(t, signal)));
  }

  /** Stops every thread. */
  async destroy(): Promise<void> {
    await this.piscina?.destroy();
  }
}

/**
 * The winner of a portfolio by a total order: the lowest score, ties broken by a hash of the
 * result's canonical JSON, then by task index — never by which task finished first.
 */
export function pickWinner<T>(results: readonly T[], score: (r: T) => number): { index: number; result: T } {
  if (results.length === 0) throw new RangeError('pickWinner: no results');
  let best = 0;
  const keys = results.map((r) => [score(r), fnv1a(JSON.stringify(r))] as const);
  for (let i = 1; i < results.length; i++) {
    const [s, h] = keys[i]!;
    const [bs, bh] = keys[best]!;
    if (s < bs || (s === bs && h < bh)) best = i;
  }
  return { index: best, result: results[best]! };
}

/** 32-bit FNV-1a hash of a string. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * Typed arrays go to the workers on SharedArrayBuffers: never copied per attempt or per task (a
 * portfolio shares one matrix), and never detached, so a failed task can be retried. An array on a
 * plain ArrayBuffer is moved to shared memory once.
 */
function shareArrays(task: PoolTask): PoolTask {
  if (task.kind === 'route') {
    const travel = task.spec.travel;
    if (!(travel instanceof Float64Array) || travel.buffer instanceof SharedArrayBuffer) return task;
    const shared = new Float64Array(new SharedArrayBuffer(travel.byteLength));
    shared.set(travel);
    return { ...task, spec: { ...task.spec, travel: shared } };
  }
  if (task.kind !== 'probe' || task.values.buffer instanceof SharedArrayBuffer) return task;
  const values = new Int32Array(new SharedArrayBuffer(task.values.byteLength));
  values.set(task.values);
  return { ...task, values };
}

const Route = z.array(z.number().int().min(1));
const VrptwResult = z.object({
  vehicles: z.number().int().min(0),
  distance: z.number().nonnegative(),
  routes: z.array(Route),
  feasible: z.boolean(),
  iterations: z.number().int().min(0),
  seconds: z.number().min(0),
});
const HhcrspResult = z.object({
  cost: z.number().nonnegative(),
  distance: z.number().nonnegative(),
  tardiness: z.number().nonnegative(),
  maxTardiness: z.number().nonnegative(),
  routes: z.array(z.object({ caregiver: z.number().int().min(0), stops: z.array(z.object({ patient: z.number().int(), service: z.number().int(), start: z.number() })) })),
  feasible: z.boolean(),
  iterations: z.number().int().min(0),
  seconds: z.number().min(0),
});

/** Validates a result that crossed the thread boundary. */
function validateResult(kind: PoolTask['kind'], raw: PoolResult): PoolResult {
  if (raw.kind !== kind) throw new Error(`worker answered a ${kind} task with a ${String((raw as { kind?: unknown }).kind)} result`);
  switch (raw.kind) {
    case 'vrptw':
      return { kind: 'vrptw', result: VrptwResult.parse(raw.result) };
    case 'hhcrsp':
      return { kind: 'hhcrsp', result: HhcrspResult.parse(raw.result) };
    case 'plan':
      return { kind: 'plan', plan: Plan.parse(raw.plan), seconds: z.number().min(0).parse(raw.seconds) };
    case 'route':
      return { kind: 'route', routes: z.array(z.array(z.number().int().min(0))).parse(raw.routes), cost: z.number().parse(raw.cost), iterations: z.number().int().min(0).parse(raw.iterations) };
    case 'probe':
      return { kind: 'probe', sum: z.number().parse(raw.sum), attempt: z.number().int().parse(raw.attempt) };
  }
}

/** The compiled worker module: next to this file when running from dist/, else in dist/ (tests run sources). */
function workerFile(): string {
  const here = fileURLToPath(import.meta.url);
  const sibling = join(dirname(here), 'worker.js');
  if (here.endsWith('.js') && existsSync(sibling)) return sibling;
  const built = resolve(dirname(here), '../../dist/src/pool/worker.js');
  if (existsSync(built)) return built;
  throw new Error('worker module not found: run `npm run build` first');
}
