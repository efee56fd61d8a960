/**
 * The queue executor (`slinga serve --queue redis://…`): jobs go to a BullMQ queue that
 * `slinga worker`s on any machine take; each worker puts its result on a results queue, which the
 * server consumes into its store. The store stays the truth: a result is recorded once (a retried
 * worker's duplicate is ignored), and a sweep re-adds any stored job the queue does not know (a
 * crash between commit and add, Redis down at submission). BullMQ's job ids are the service's.
 */
import { Queue, QueueEvents, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { recordCancelledQueued, recordFailure, recordOutput, type Executor, type JobEvents } from './events.js';
import { JobOutput, type JobInput } from './jobs.js';
import { Progress } from './schemas.js';
import type { JobRow, JobStore } from './store.js';

/** The queue of jobs. */
export const JOBS_QUEUE = 'slinga-jobs';
/** The queue of results, consumed by the server. */
export const RESULTS_QUEUE = 'slinga-results';
/** Attempts per job (a stalled job, its worker killed, is retried without using one). */
export const JOB_ATTEMPTS = 3;
/** The Redis key that asks the worker running a job to stop and return its best plan. */
export const cancelKey = (id: string): string => `slinga:cancel:${id}`;

/** What a worker puts on the results queue. */
export interface ResultMessage {
  readonly id: string;
  readonly output: JobOutput;
}

const SWEEP_MS = 10_000;

/** Options of {@link QueueExecutor}. */
export interface QueueExecutorOptions {
  /** `redis://host:port[/db]`. */
  readonly url: string;
}

/** Runs jobs on `slinga worker`s through BullMQ. */
export class QueueExecutor implements Executor {
  private queue: Queue | undefined;
  private results: Worker | undefined;
  private queueEvents: QueueEvents | undefined;
  private redis: Redis | undefined;
  private readonly progressOf = new Map<string, Progress>();
  private sweeper: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: JobStore,
    private readonly events: JobEvents,
    private readonly options: QueueExecutorOptions,
  ) {}

  async start(): Promise<void> {
    const connection = { url: this.options.url, maxRetriesPerRequest: null };
    this.redis = new Redis(this.options.url, { maxRetriesPerRequest: 3 });
    this.queue = new Queue(JOBS_QUEUE, { connection });
    this.queueEvents = new QueueEvents(JOBS_QUEUE, { connection });
    this.queueEvents.on('active', ({ jobId }) => {
      if (this.store.markRunning(jobId)) this.events.emit(jobId, { type: 'status', status: 'running' });
    });
    this.queueEvents.on('progress', ({ jobId, data }) => {
      const p = Progress.safeParse(data);
      if (!p.success) return;
      this.progressOf.set(jobId, p.data);
      this.events.emit(jobId, { type: 'progress', progress: p.data });
    });
    this.queueEvents.on('failed', ({ jobId }) => void this.checkFailed(jobId));
    this.queueEvents.on('error', () => undefined);
    this.results = new Worker(
      RESULTS_QUEUE,
      async (job) => {
        const msg = job.data as ResultMessage;
        const output = JobOutput.safeParse(msg.output);
        if (!output.success) throw new Error(`result of job ${String(msg.id)} is malformed`);
        recordOutput(this.store, this.events, msg.id, output.data);
        this.progressOf.delete(msg.id);
      },
      { connection, concurrency: 2 },
    );
    this.results.on('error', () => undefined);
    await Promise.all([this.queue.waitUntilReady(), this.queueEvents.waitUntilReady(), this.results.waitUntilReady()]);
    await this.sweep();
    this.sweeper = setInterval(() => {
      this.sweeping = this.sweeping.then(() => this.sweep()).catch(() => undefined);
    }, SWEEP_MS);
    this.sweeper.unref();
  }

  async submit(job: JobRow): Promise<void> {
    try {
      await this.add(job);
    } catch {
      // Stored: the sweep adds it when Redis answers again.
    }
  }

  async cancel(id: string): Promise<void> {
    this.store.requestCancel(id);
    // The key first: a worker that takes the job from now on stops at once.
    await this.redis!.set(cancelKey(id), '1', 'EX', 7 * 86_400);
    const job = await this.queue!.getJob(id);
    const state = job ? await job.getState() : 'unknown';
    if (!job || state === 'waiting' || state === 'delayed' || state === 'prioritized') {
      try {
        await job?.remove();
        recordCancelledQueued(this.store, this.events, id);
      } catch {
        // Taken by a worker meanwhile: it sees the key and returns its best plan.
      }
    }
  }

  progress(id: string): Progress | undefined {
    return this.progressOf.get(id);
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    await this.sweeping;
    await this.results?.close();
    await this.queueEvents?.close();
    await this.queue?.close();
    this.redis?.disconnect();
  }

  private async add(job: JobRow): Promise<void> {
    const data: JobInput = { kind: job.kind, body: JSON.parse(job.input) as unknown };
    // Same job id: adding again is a no-op while BullMQ holds the job.
    await this.queue!.add(job.kind, data, {
      jobId: job.id,
      attempts: JOB_ATTEMPTS,
      backoff: { type: 'fixed', delay: 1000 },
      removeOnComplete: { age: 86_400 },
      removeOnFail: { age: 7 * 86_400 },
    });
  }

  /** Records a job failed once BullMQ has given up on it (not on a failed attempt it retries). */
  private async checkFailed(id: string): Promise<void> {
    const job = await this.queue?.getJob(id);
    if (job && (await job.getState()) === 'failed') recordFailure(this.store, this.events, id, new Error(job.failedReason || 'failed on the worker'));
  }

  /** Makes the queue agree with the store: adds missing jobs, notes running and failed ones. */
  private async sweep(): Promise<void> {
    for (const row of this.store.unfinished()) {
      const job = await this.queue!.getJob(row.id);
      if (!job) {
        if (row.status === 'queued' || row.status === 'running') await this.add(row);
        continue;
      }
      const state = await job.getState();
      if (state === 'active' && this.store.markRunning(row.id)) this.events.emit(row.id, { type: 'status', status: 'running' });
      if (state === 'failed') recordFailure(this.store, this.events, row.id, new Error(job.failedReason || 'failed on the worker'));
    }
  }
}
