/**
 * The service's task registry for the worker pool (src/pool): one `service-job` kind that runs a
 * job with {@link runJob} on a worker thread. A job talks to its owner through a small block of
 * shared memory ({@link JobControl}): the owner sets a cancel flag, the job writes its progress.
 * Cancelling through the pool's own signal would end the thread and lose the best plan so far.
 */
import { setPriority } from 'node:os';
import { isMainThread } from 'node:worker_threads';
import { z } from 'zod';
import { defineRegistry, type TaskHandler } from '../pool/registry.js';
import { PlanOptionError } from '../plan/index.js';
import { recommend, RecommendError } from '../recommend/index.js';
import { ReplanError } from '../replan/index.js';
import type { RecommendRequestInput } from '../schema/recommend.js';
import { JobOutput, runJob, type JobInput } from './jobs.js';
import { parseRecommendBody, parseSheetsPlanRequest, toService } from './validate.js';

const PHASE_BYTES = 96;

/** Shared memory between a job's owner and the thread that runs it (structured clone shares it). */
export interface JobControlArrays {
  /** [0] cancel flag (1 = stop, keep the best plan); [1] byte length of the phase. */
  readonly flags: Int32Array;
  /** [0] progress fraction. */
  readonly fraction: Float64Array;
  /** The phase label, UTF-8. */
  readonly phase: Uint8Array;
}

/** The owner's side of a running job's shared memory. */
export class JobControl {
  readonly arrays: JobControlArrays;

  constructor() {
    this.arrays = {
      flags: new Int32Array(new SharedArrayBuffer(8)),
      fraction: new Float64Array(new SharedArrayBuffer(8)),
      phase: new Uint8Array(new SharedArrayBuffer(PHASE_BYTES)),
    };
  }

  /** Asks the job to stop and return its best plan so far. */
  cancel(): void {
    Atomics.store(this.arrays.flags, 0, 1);
  }

  /** The job's progress as last written (torn reads only blur a label for one poll). */
  progress(): { fraction: number; phase: string } {
    const len = Math.min(PHASE_BYTES, Atomics.load(this.arrays.flags, 1));
    return { fraction: this.arrays.fraction[0]!, phase: len === 0 ? 'starting' : new TextDecoder().decode(this.arrays.phase.slice(0, len)) };
  }
}

/** A job for the pool. */
export interface ServiceJobTask {
  readonly kind: 'service-job';
  readonly input: JobInput;
  readonly control: JobControlArrays;
}

/** Its result. */
export interface ServiceJobResult {
  readonly kind: 'service-job';
  readonly output: JobOutput;
}

const Result = z.object({ kind: z.literal('service-job'), output: JobOutput });

/**
 * Runs a job; the cancel flag is read at each progress report of the planner (after each batch of
 * days), which is also where the planner checks its signal.
 */
export const serviceJob: TaskHandler<ServiceJobTask, ServiceJobResult> = {
  kind: 'service-job',
  async run(t) {
    // Solves yield the CPU to the server's own thread, so status polls stay fast under load (on
    // Linux this renices the calling thread only; a failure to renice changes nothing else).
    if (!isMainThread) {
      try {
        setPriority(0, 10);
      } catch {
        // not permitted here: run at normal priority
      }
    }
    const controller = new AbortController();
    const { flags, fraction, phase } = t.control;
    const output = await runJob(t.input, {
      signal: controller.signal,
      onProgress: (f, label) => {
        fraction[0] = f;
        const { written } = new TextEncoder().encodeInto(label, phase);
        Atomics.store(flags, 1, written);
        if (Atomics.load(flags, 0) === 1 && !controller.signal.aborted) controller.abort();
      },
    });
    return { kind: 'service-job', output };
  },
  validate: (r) => Result.parse(r) as ServiceJobResult,
};

/** A recommendation to answer off the server's thread: the request body as received. */
export interface ServiceRecommendTask {
  readonly kind: 'service-recommend';
  readonly body: unknown;
}

/** Its answer: the recommendation (200) or every problem with the request (400). */
export interface ServiceRecommendResult {
  readonly kind: 'service-recommend';
  readonly status: 200 | 400;
  readonly body: unknown;
}

/** The shape of an answer task's result (200 or 400 and a body), re-validated on arrival. */
const answerOf = <K extends string>(kind: K) => z.object({ kind: z.literal(kind), status: z.union([z.literal(200), z.literal(400)]), body: z.unknown() });

const RecommendResult = answerOf('service-recommend');

/**
 * Validates and answers `POST /v1/recommend` on a worker thread: a recommendation on a large plan
 * takes seconds (whole-plan writes and checks per option), which the server's own thread must not.
 */
export const serviceRecommend: TaskHandler<ServiceRecommendTask, ServiceRecommendResult> = {
  kind: 'service-recommend',
  async run(t) {
    const r = parseRecommendBody(t.body);
    if (!r.ok) return { kind: 'service-recommend', status: 400, body: { issues: r.issues } };
    try {
      const body = recommend(r.value.instance.instance, r.value.plan, r.value.request as RecommendRequestInput, { ...r.value.options, matrix: r.value.instance.matrix });
      return { kind: 'service-recommend', status: 200, body };
    } catch (e) {
      if (e instanceof RecommendError) {
        // Paths into the body: the plan's own problems under plan, the options under options.
        const under = (path: string): string => (path.startsWith('plan.') ? '' : /^(now|top|weights)\b/.test(path) ? 'options' : 'request');
        return { kind: 'service-recommend', status: 400, body: { issues: e.issues.map((i) => (under(i.path) ? toService(under(i.path))(i) : { code: i.code, path: i.path, message: i.message, hint: i.hint })) } };
      }
      if (e instanceof ReplanError || e instanceof PlanOptionError) return { kind: 'service-recommend', status: 400, body: { issues: [{ code: 'LOCK_CONFLICT', path: 'plan', message: e.message }] } };
      throw e;
    }
  },
  validate: (r) => RecommendResult.parse(r) as ServiceRecommendResult,
};

/** Import sheets to plan, read off the server's thread: the request body as received. */
export interface ServiceImportTask {
  readonly kind: 'service-import';
  readonly body: unknown;
}

/** Its answer: the plan request the sheets make (200), or every problem with them (400). */
export interface ServiceImportResult {
  readonly kind: 'service-import';
  readonly status: 200 | 400;
  readonly body: unknown;
}

const ImportResult = answerOf('service-import');

/**
 * Imports the sheets of `POST /v1/plans/sheets` on a worker thread: unpacking and reading a
 * municipality's workbook takes a second or more, which the server's own thread must not.
 */
export const serviceImport: TaskHandler<ServiceImportTask, ServiceImportResult> = {
  kind: 'service-import',
  async run(t) {
    const r = await parseSheetsPlanRequest(t.body);
    return r.ok ? { kind: 'service-import', status: 200, body: r.value } : { kind: 'service-import', status: 400, body: { issues: r.issues } };
  },
  validate: (r) => ImportResult.parse(r) as ServiceImportResult,
};

/** The registry the service's pools run. */
export const serviceTasks = defineRegistry(import.meta.url, [serviceJob, serviceRecommend, serviceImport]);
export default serviceTasks;
