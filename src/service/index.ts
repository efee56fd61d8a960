/**
 * slinga as a service (`slinga serve`): a REST job API over the library. Jobs, their inputs and
 * results live in SQLite in the data directory; they run on the server's worker pool, or through
 * BullMQ on Redis on `slinga worker`s elsewhere. See README ("slinga as a service").
 */
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { JobEvents, type Executor } from './events.js';
import { QueueExecutor } from './queue.js';
import { LocalExecutor } from './runner.js';
import { JobStore } from './store.js';
import { TokenRing } from './tokens.js';

export { addToken, hashToken, TokensFileError } from './tokens.js';
export { openApiDocument } from './openapi.js';
export { startQueueWorker, type QueueWorker, type QueueWorkerOptions } from './queue-worker.js';
export { runJob, type JobInput, type JobOutput } from './jobs.js';

/** Options of {@link openService}. */
export interface ServiceOptions {
  /** Data directory (created if missing); `:memory:` keeps jobs in memory (tests). */
  readonly data: string;
  /** Jobs solved at once on this machine (embedded executor). Default 2. */
  readonly workers?: number;
  /** Tokens file; without it the API needs no token. */
  readonly tokens?: string;
  /** `redis://host:port`: jobs go to BullMQ for `slinga worker`s. */
  readonly queue?: string;
  /** Largest request body in bytes. Default 8 MiB. */
  readonly bodyLimit?: number;
  /** Deepest JSON nesting. Default 32. */
  readonly maxDepth?: number;
  /** Requests per token per window. Default 1,200 a minute. */
  readonly rateLimit?: { readonly max: number; readonly windowMs: number };
  /** Log requests (ids only). Default false. */
  readonly log?: boolean;
  /** Where the log goes (default stdout). */
  readonly logStream?: NodeJS.WritableStream;
  /** Host names answered to (see `EdgeOptions.allowedHosts`); undefined = any. */
  readonly allowedHosts?: readonly string[];
}

/** A running service: its app (listen or inject) and how to stop it. */
export interface Service {
  readonly app: FastifyInstance;
  readonly store: JobStore;
  /** Stops answering and taking jobs; running jobs are run again from their input on the next start. */
  close(): Promise<void>;
}

/** Opens the store, resumes its unfinished jobs and builds the app (call `app.listen` to serve). */
export async function openService(options: ServiceOptions): Promise<Service> {
  const store = new JobStore(options.data);
  const events = new JobEvents();
  const executor: Executor = options.queue
    ? new QueueExecutor(store, events, { url: options.queue })
    : new LocalExecutor(store, events, { workers: Math.max(1, Math.floor(options.workers ?? 2)) });
  try {
    const app = await buildApp({
      store,
      executor,
      events,
      tokens: options.tokens === undefined ? undefined : new TokenRing(options.tokens),
      bodyLimit: options.bodyLimit ?? 8 * 1024 * 1024,
      maxDepth: options.maxDepth ?? 32,
      rateLimit: options.rateLimit ?? { max: 1200, windowMs: 60_000 },
      allowedHosts: options.allowedHosts,
      queue: options.queue ? 'redis' : 'embedded',
      log: options.log,
      logStream: options.logStream,
    });
    await executor.start();
    let closed = false;
    return {
      app,
      store,
      async close() {
        if (closed) return;
        closed = true;
        await app.close();
        await executor.close();
        store.close();
      },
    };
  } catch (e) {
    await executor.close().catch(() => undefined);
    store.close();
    throw e;
  }
}
