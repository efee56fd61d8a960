/**
 * Worker-thread entry of the pool (piscina loads it from dist/). The pool names a registry module
 * in `workerData`; the thread imports it once and runs every task with the same {@link runTask}
 * as the in-process path, so a result never depends on where it ran. No state between tasks.
 */
import { workerData } from 'node:worker_threads';
import { runTask, type Tagged, type TaskRegistry } from './registry.js';

/** What the pool gives every thread it starts. */
export interface WorkerData {
  /** File URL of the compiled registry module; its default export is the {@link TaskRegistry}. */
  readonly registry: string;
}

/** What the pool posts per attempt. */
export interface WorkerJob {
  readonly task: Tagged;
  readonly attempt: number;
}

async function load(url: string): Promise<TaskRegistry> {
  const m = (await import(url)) as { default?: Partial<TaskRegistry> };
  if (typeof m.default?.handlers !== 'object') throw new Error(`${url}: the default export is not a task registry`);
  return m.default as TaskRegistry;
}

const registry = load((workerData as WorkerData).registry);
// A registry that fails to load fails each task with its message (awaited below), not the thread.
registry.catch(() => undefined);

/** Runs one attempt of a task. */
export default async function work(job: WorkerJob): Promise<Tagged> {
  return runTask(await registry, job.task, job.attempt);
}
