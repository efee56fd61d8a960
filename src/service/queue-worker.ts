/**
 * `slinga worker --queue redis://…`: takes jobs from the BullMQ queue, runs them on this machine's
 * worker pool with the same {@link runJob} as the server, and puts each result on the results queue.
 * A worker that dies mid-job stops renewing its lock; BullMQ's stalled-job check moves the job back
 * to the queue and another worker runs it again from its input — the same seed gives the same plan.
 */
import { Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { SolverPool } from '../pool/index.js';
import type { JobInput } from './jobs.js';
import { JOBS_QUEUE, RESULTS_QUEUE, cancelKey, type ResultMessage } from './queue.js';
import { JobControl, serviceTasks } from './tasks.js';

/** Options of {@link startQueueWorker}. */
export interface QueueWorkerOptions {
  /** `redis://host:port[/db]`. */
  readonly url: string;
  /** Jobs run at once. Default 1. */
  readonly workers?: number;
  /** How long a job's lock lasts without renewal: a killed worker's job waits this long (default 30 s). */
  readonly lockMs?: number;
  /** How often stalled jobs are looked for (default 15 s). */
  readonly stalledMs?: number;
  /** Called with job ids as they start and end (never with job data). */
  readonly onLog?: (line: string) => void;
}

/** A running worker. */
export interface QueueWorker {
  /** Stops taking jobs; waits for the running ones (`force`: does not wait, they will be retried elsewhere). */
  close(force?: boolean): Promise<void>;
}

const POLL_MS = 300;

/** Connects to the queue and starts taking jobs. */
export async function startQueueWorker(options: QueueWorkerOptions): Promise<QueueWorker> {
  const n = Math.max(1, Math.floor(options.workers ?? 1));
  const connection = { url: options.url, maxRetriesPerRequest: null };
  const redis = new Redis(options.url, { maxRetriesPerRequest: 3 });
  const results = new Queue(RESULTS_QUEUE, { connection });
  // At least two threads, so that jobs never run on the thread that renews the locks.
  const pool = new SolverPool({ workers: Math.max(2, n), registry: serviceTasks });
  const log = options.onLog ?? (() => undefined);

  const handle = async (job: Job<JobInput>): Promise<{ recorded: true }> => {
    const id = job.id!;
    const control = new JobControl();
    const checkCancel = async (): Promise<void> => {
      if ((await redis.exists(cancelKey(id))) === 1) control.cancel();
    };
    await checkCancel();
    let last = '';
    const timer = setInterval(() => {
      checkCancel().catch(() => undefined);
      const p = control.progress();
      const key = `${p.fraction.toFixed(3)} ${p.phase}`;
      if (key !== last) {
        last = key;
        job.updateProgress(p).catch(() => undefined);
      }
    }, POLL_MS);
    log(`job ${id} started (attempt ${job.attemptsMade + 1})`);
    const started = performance.now();
    try {
      const r = await pool.run({ kind: 'service-job', input: job.data, control: control.arrays });
      const message: ResultMessage = { id, output: r.output };
      await results.add('result', message, { jobId: id, removeOnComplete: true, removeOnFail: { age: 7 * 86_400 } });
      log(`job ${id} ${r.output.plan.meta.stopped ?? 'completed'} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      return { recorded: true };
    } finally {
      clearInterval(timer);
    }
  };

  const worker = new Worker<JobInput>(JOBS_QUEUE, handle, {
    connection,
    concurrency: n,
    lockDuration: options.lockMs ?? 30_000,
    stalledInterval: options.stalledMs ?? 15_000,
    maxStalledCount: 2,
  });
  worker.on('error', () => undefined);
  worker.on('failed', (job, err) => log(`job ${job?.id ?? '?'} failed: ${err.message}`));
  await worker.waitUntilReady();
  return {
    async close(force = false) {
      await worker.close(force);
      await results.close();
      await pool.destroy();
      redis.disconnect();
    },
  };
}
