import { setMaxListeners } from 'node:events';
import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import { handlerOf, runTask, type ResultOf, type Tagged, type TaskHandler, type TaskOf, type TaskRegistry } from './registry.js';
import { shareArrays } from './share.js';
import type { WorkerData, WorkerJob } from './worker.js';

export { defineRegistry, runTask, type ResultOf, type Tagged, type TaskContext, type TaskHandler, type TaskOf, type TaskRegistry } from './registry.js';
export { shareArrays } from './share.js';

/** A task that failed on its first attempt and on its retry. */
export class PoolTaskError extends Error {
  constructor(
    /** The task's kind. */
    readonly task: string,
    /** Each attempt's error message. */
    readonly attempts: readonly string[],
  ) {
    super(`${task} task failed twice: ${attempts.join('; then: ')}`);
  }
}

/** Options of {@link SolverPool}. */
export interface PoolOptions<H extends TaskHandler = TaskHandler> {
  /** Worker threads; 1 (or less) runs tasks in-process, with the same handlers. */
  readonly workers: number;
  /** The handlers the pool runs; worker threads import the same registry from its compiled module. */
  readonly registry: TaskRegistry<H>;
}

/**
 * Runs independent tasks of a registry's kinds on worker threads (piscina): portfolios of seeds or
 * strategies, benchmark instances, days of a plan. Tasks and results are plain data (typed arrays
 * shared, not copied); every result is validated again on arrival by its handler; a task that throws
 * or whose thread dies is retried once (a dead thread is replaced by a fresh one), then reported as
 * failed. Call {@link destroy} when done: no thread outlives the pool.
 */
export class SolverPool<H extends TaskHandler = TaskHandler> {
  private readonly piscina: Piscina<WorkerJob, Tagged> | null;
  /** In-process tasks run one after another: each starts when the previous one has finished. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly options: PoolOptions<H>) {
    this.piscina =
      options.workers > 1
        ? new Piscina<WorkerJob, Tagged>({
            filename: compiledModule(new URL('./worker.js', import.meta.url)),
            workerData: { registry: pathToFileURL(compiledModule(options.registry.module)).href } satisfies WorkerData,
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

  /**
   * Runs one task; retries once on failure; rejects with {@link PoolTaskError} after two failures
   * or with the signal's reason on abort. A kind the registry does not list is rejected at once.
   */
  async run<T extends TaskOf<H>>(task: T, signal?: AbortSignal): Promise<ResultOf<H, T['kind']>> {
    const handler = handlerOf(this.options.registry, task.kind);
    const shared = this.piscina ? shareArrays(task) : task;
    // Every queued task listens on the one signal (a benchmark queues hundreds): not a leak.
    if (signal && this.piscina) setMaxListeners(0, signal);
    const errors: string[] = [];
    for (let attempt = 0; attempt < 2; attempt++) {
      signal?.throwIfAborted();
      try {
        const raw = this.piscina ? await this.piscina.run({ task: shared, attempt }, { signal: signal ?? null }) : await this.inProcess(shared, attempt);
        if (raw?.kind !== task.kind) throw new Error(`a ${task.kind} task answered with a ${String(raw?.kind)} result`);
        return handler.validate(raw) as ResultOf<H, T['kind']>;
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
  private inProcess(task: Tagged, attempt: number): Promise<Tagged> {
    const next = this.queue.then(() => runTask(this.options.registry, task, attempt));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Runs tasks concurrently; results in task order (never in order of completion). */
  runAll<T extends TaskOf<H>>(tasks: readonly T[], signal?: AbortSignal): Promise<ResultOf<H, T['kind']>[]> {
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
 * The path of a module's compiled JavaScript, which worker threads can load: the module itself when
 * it runs from dist/, else its twin under the nearest ancestor's dist/ (tests run the TypeScript
 * sources: `src/tasks/index.ts` → `dist/src/tasks/index.js`).
 */
function compiledModule(url: string | URL): string {
  const file = fileURLToPath(url);
  const js = file.replace(/\.ts$/, '.js');
  if (existsSync(js)) return js;
  for (let dir = dirname(js); dirname(dir) !== dir; dir = dirname(dir)) {
    const twin = join(dir, 'dist', relative(dir, js));
    if (existsSync(twin)) return twin;
  }
  throw new Error(`no compiled module for ${file}: run \`npm run build\` first`);
}
