/**
 * The embedded executor: jobs run on the server's own worker pool (src/pool), at most `workers`
 * at once, in submission order; the store is the queue, so a restart resumes where it stopped.
 */
import { SolverPool } from '../pool/index.js';
import { recordCancelledQueued, recordFailure, recordOutput, type Executor, type JobEvents } from './events.js';
import type { JobInput } from './jobs.js';
import type { Progress } from './schemas.js';
import type { JobRow, JobStore } from './store.js';
import { JobControl, serviceTasks } from './tasks.js';

/** How often running jobs' progress is read from their shared memory. */
const PROGRESS_MS = 200;

/** Options of {@link LocalExecutor}. */
export interface LocalExecutorOptions {
  /** Jobs solved at once (each on its own worker thread). */
  readonly workers: number;
}

/** Runs jobs on worker threads of this process. */
export class LocalExecutor implements Executor {
  private readonly pool: SolverPool<typeof serviceTasks.handlers[string]>;
  private readonly running = new Map<string, { control: JobControl; last: string }>();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly store: JobStore,
    private readonly events: JobEvents,
    private readonly options: LocalExecutorOptions,
  ) {
    // At least two threads so that even one job runs off the event loop (a pool of 1 runs in-process).
    this.pool = new SolverPool({ workers: Math.max(2, options.workers), registry: serviceTasks });
  }

  async start(): Promise<void> {
    this.store.requeueRunning();
    this.timer = setInterval(() => this.pollProgress(), PROGRESS_MS);
    this.timer.unref();
    this.pump();
  }

  async submit(): Promise<void> {
    this.pump();
  }

  async cancel(id: string): Promise<void> {
    this.store.requestCancel(id);
    const run = this.running.get(id);
    if (run) run.control.cancel();
    else recordCancelledQueued(this.store, this.events, id);
  }

  progress(id: string): Progress | undefined {
    return this.running.get(id)?.control.progress();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    // Jobs still running stay `running` in the store and are queued again on the next start.
    await this.pool.destroy();
  }

  /** Starts queued jobs while slots are free. */
  private pump(): void {
    while (!this.closed && this.running.size < this.options.workers) {
      const job = this.store.claimNext();
      if (!job) return;
      this.run(job);
    }
  }

  private run(job: JobRow): void {
    const control = new JobControl();
    this.running.set(job.id, { control, last: '' });
    this.events.emit(job.id, { type: 'status', status: 'running' });
    if (job.cancelRequested) control.cancel();
    const input = { kind: job.kind, body: JSON.parse(job.input) as unknown } satisfies JobInput;
    this.pool
      .run({ kind: 'service-job', input, control: control.arrays })
      .then(
        (r) => {
          if (!this.closed) recordOutput(this.store, this.events, job.id, r.output);
        },
        (e: unknown) => {
          if (!this.closed) recordFailure(this.store, this.events, job.id, e);
        },
      )
      .finally(() => {
        this.running.delete(job.id);
        this.pump();
      });
  }

  private pollProgress(): void {
    for (const [id, run] of this.running) {
      const p = run.control.progress();
      const key = `${p.fraction.toFixed(3)} ${p.phase}`;
      if (key === run.last) continue;
      run.last = key;
      this.events.emit(id, { type: 'progress', progress: p });
    }
  }
}
