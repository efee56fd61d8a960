/**
 * What the service's executors share: the interface the HTTP layer drives, the per-job event
 * stream behind `GET /v1/plans/{id}/events`, and the one way a result is recorded.
 */
import { EventEmitter } from 'node:events';
import type { JobOutput } from './jobs.js';
import type { Progress, JobStatusName } from './schemas.js';
import type { JobRow, JobStore } from './store.js';

/** An event of one job. */
export type JobEvent = { readonly type: 'progress'; readonly progress: Progress } | { readonly type: 'status'; readonly status: JobStatusName };

/** Per-job events (in memory: a client that reconnects reads the status first, then follows). */
export class JobEvents {
  private readonly emitter = new EventEmitter();

  constructor() {
    // One listener per open SSE stream; many clients may follow many jobs.
    this.emitter.setMaxListeners(0);
  }

  emit(id: string, event: JobEvent): void {
    this.emitter.emit(id, event);
  }

  /** Follows a job; returns the unsubscribe function. */
  on(id: string, listener: (e: JobEvent) => void): () => void {
    this.emitter.on(id, listener);
    return () => this.emitter.off(id, listener);
  }
}

/** Runs jobs: on the server's own pool, or through a queue to workers elsewhere. */
export interface Executor {
  /** Resumes the jobs the store holds unfinished (after a restart). */
  start(): Promise<void>;
  /** A job just stored as queued. */
  submit(job: JobRow): Promise<void>;
  /** The owner asked to cancel: a queued job ends now, a running one returns its best plan so far. */
  cancel(id: string): Promise<void>;
  /** A running job's progress, if known. */
  progress(id: string): Progress | undefined;
  /** Stops taking jobs; jobs still running are run again from their input on the next start. */
  close(): Promise<void>;
}

/**
 * Records a job's output once: `cancelled` when the planner was stopped (the best plan so far is
 * kept), else `done`. Returns false for a duplicate (a retried worker's second result).
 */
export function recordOutput(store: JobStore, events: JobEvents, id: string, output: JobOutput): boolean {
  const status = output.plan.meta.stopped === 'aborted' ? 'cancelled' : 'done';
  const ok = store.finish(id, {
    status,
    result: JSON.stringify(output.plan),
    kpis: output.plan.kpis === undefined ? undefined : JSON.stringify(output.plan.kpis),
    outInstance: output.instance === undefined ? undefined : JSON.stringify(output.instance),
    stopped: output.plan.meta.stopped,
  });
  if (ok) events.emit(id, { type: 'status', status });
  return ok;
}

/** Records a job's failure once (the message names ids only; no stack). */
export function recordFailure(store: JobStore, events: JobEvents, id: string, error: unknown): boolean {
  const ok = store.finish(id, { status: 'failed', error: error instanceof Error ? error.message : String(error) });
  if (ok) events.emit(id, { type: 'status', status: 'failed' });
  return ok;
}

/** Ends a job that never started (cancelled while queued): no plan. */
export function recordCancelledQueued(store: JobStore, events: JobEvents, id: string): boolean {
  const ok = store.finish(id, { status: 'cancelled', result: null });
  if (ok) events.emit(id, { type: 'status', status: 'cancelled' });
  return ok;
}
