/**
 * Request and response bodies of `slinga serve`, built from the library's zod schemas (src/schema):
 * the handlers parse with them and /openapi.json is generated from them, so there is one copy of
 * every type. Instances, plans and changes keep their own two-layer validation (see ./validate.ts).
 */
import { z } from 'zod';
import { STRATEGIES, STRATEGY_WEIGHTS } from '../plan/index.js';
import { REPLAN_STRATEGIES } from '../replan/index.js';
import { Changes } from '../schema/changes.js';
import { OffsetDateTime } from '../schema/common.js';
import { Instance } from '../schema/instance.js';
import { Kpis, Plan } from '../schema/plan.js';
import { RecommendRequest } from '../schema/recommend.js';

const weightNames = Object.keys(STRATEGY_WEIGHTS.balanced) as [string, ...string[]];

/** User weights over a strategy preset (names as in `slinga plan --weights`). */
export const JobWeights = z.partialRecord(z.enum(weightNames), z.number().min(0).max(1e6)).describe('Weights replacing some of the preset\u2019s.');

/** Search options shared by plan and replan jobs; bounded so that one request cannot ask for days of work. */
const searchOptions = {
  seed: z.number().int().min(0).max(2 ** 31 - 1).optional().describe('Seed of the one RNG (default 1): the same seed gives the same plan.'),
  weights: JobWeights.optional(),
  iterationsPerDay: z.number().int().min(1).max(100_000).optional().describe('Search iterations per day and pass (the reproducible stopping criterion).'),
  rounds: z.number().int().min(1).max(20).optional().describe('Passes over the days.'),
  timeLimitSeconds: z.number().positive().max(3600).optional().describe('Wall-clock limit (a stopping criterion only; a plan stopped by it may differ between runs).'),
};

/** Options of a plan job (`planWeek`). */
export const PlanJobOptions = z.strictObject({ ...searchOptions, strategy: z.enum(STRATEGIES).optional().describe('Default `balanced`.') });
export type PlanJobOptions = z.infer<typeof PlanJobOptions>;

/** Options of a replan job (`replan`). */
export const ReplanJobOptions = z.strictObject({
  ...searchOptions,
  strategy: z.enum(REPLAN_STRATEGIES).optional().describe('Default `minimal-change`.'),
  now: OffsetDateTime.optional().describe('Freeze everything that starts before this instant (with offset).'),
});
export type ReplanJobOptions = z.infer<typeof ReplanJobOptions>;

/** `POST /v1/plans`. */
export const PlanRequest = z.strictObject({ instance: Instance, options: PlanJobOptions.optional() });
/** Largest workbook of `POST /v1/plans/sheets`, base64 characters (the body limit may bind first). */
export const SHEETS_MAX_BASE64 = 16 * 1024 * 1024;
/** Most CSV files of one upload, and the most characters of each. */
export const SHEETS_MAX_FILES = 16;
export const SHEETS_MAX_CSV_CHARS = 16 * 1024 * 1024;

/** `POST /v1/plans/sheets`: the import sheets (one workbook, or the CSV files of a folder), planned like an instance. */
export const SheetsPlanRequest = z
  .strictObject({
    name: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .describe('File name of the workbook or folder: it gives the instance id when the settings sheet names none (`Knivsta vecka 48.xlsx` \u2192 `Knivsta-vecka-48`).'),
    workbook: z.base64().max(SHEETS_MAX_BASE64).optional().describe('An .xlsx workbook (as `slinga import` reads), base64. Unpacked under a limit before it is read.'),
    files: z
      .array(
        z.strictObject({
          name: z.string().regex(/^[^/\\]{1,200}\.csv$/i, 'a file name ending .csv').describe('File name; it names the sheet (`brukare.csv`, `clients.csv` \u2026).'),
          text: z.string().max(SHEETS_MAX_CSV_CHARS).describe('The file\u2019s text (comma, semicolon or tab separated).'),
        }),
      )
      .min(1)
      .max(SHEETS_MAX_FILES)
      .optional()
      .describe('The CSV files of a folder `slinga import` reads.'),
    options: PlanJobOptions.optional(),
  })
  .refine((b) => (b.workbook === undefined) !== (b.files === undefined), { message: 'give either workbook or files', path: ['workbook'] })
  .describe('Problems with the sheets come back as 400 with the importer\u2019s codes and sheet, line and column (path `sheet!D4`, `sheet!4:4` or `sheet`).');
/** `POST /v1/replan`: the plan being replanned, with the changes since it was made. */
export const ReplanRequest = z.strictObject({ instance: Instance, plan: Plan, changes: Changes, options: ReplanJobOptions.optional() });
/** Options of `POST /v1/recommend` (`recommend`). */
export const RecommendOptionsBody = z.strictObject({
  top: z.number().int().min(1).max(10).optional().describe('Options per visit (default 3, at most 10).'),
  now: OffsetDateTime.optional().describe('Nothing that starts before this instant moves.'),
  weights: JobWeights.optional(),
});
/** `POST /v1/recommend`: where a visit fits best into the plan, replacements for an absent staff member, or the team for a new client. */
export const RecommendBody = z.strictObject({ instance: Instance, plan: Plan, request: RecommendRequest, options: RecommendOptionsBody.optional() });
export const RecommendEnvelope = RecommendBody.extend({ instance: z.unknown(), plan: z.unknown(), request: z.unknown() });
/** `POST /v1/validate`. */
export const ValidateRequest = z.strictObject({ instance: Instance });
/** `POST /v1/check` and `POST /v1/kpi`. */
export const PlanOfInstance = z.strictObject({ instance: Instance, plan: Plan });

/** The envelopes checked before the instance, plan and changes get their own validation. */
export const PlanEnvelope = PlanRequest.extend({ instance: z.unknown() });
export const ReplanEnvelope = ReplanRequest.extend({ instance: z.unknown(), plan: z.unknown(), changes: z.unknown() });
export const ValidateEnvelope = ValidateRequest.extend({ instance: z.unknown() });
export const PlanOfInstanceEnvelope = PlanOfInstance.extend({ instance: z.unknown(), plan: z.unknown() });

/** One problem with a request: a stable code, a JSON path into the body, a message naming ids only. */
export const Issue = z.object({
  code: z.string(),
  path: z.string(),
  message: z.string(),
  hint: z.string().optional(),
  sheet: z.string().optional().describe('Import sheets: the sheet (or CSV file) the problem is in.'),
  line: z.number().int().optional().describe('Import sheets: its line (row), 1-based.'),
  column: z.string().optional().describe('Import sheets: its column, letter and header (`D (lat)`).'),
});
/** Every 4xx/5xx body. */
export const Issues = z.object({ issues: z.array(Issue) });
export type Issues = z.infer<typeof Issues>;

/** Job lifecycle. */
export const JobStatusName = z.enum(['queued', 'running', 'done', 'failed', 'cancelled']);
export type JobStatusName = z.infer<typeof JobStatusName>;

/** Progress of a running job. */
export const Progress = z.object({ fraction: z.number().min(0).max(1), phase: z.string() });
export type Progress = z.infer<typeof Progress>;

/** The size of an instance: clients, staff, shifts, and its period. */
export const InstanceSummary = z.object({ clients: z.number().int(), staff: z.number().int(), shifts: z.number().int(), days: z.number().int(), start: z.string() });

/** `202` answer to a submission. */
export const Accepted = z.object({ id: z.string(), status: JobStatusName });
/** `202` answer to `POST /v1/plans/sheets`: the job, the sheets' warnings, the size of the imported instance. */
export const SheetsAccepted = Accepted.extend({
  warnings: z.array(Issue).describe('What the importer noticed but planned anyway (an unknown sheet, say).'),
  summary: InstanceSummary,
});

/** `GET /v1/plans/{id}`. */
export const JobStatus = z.object({
  id: z.string(),
  kind: z.enum(['plan', 'replan']),
  status: JobStatusName,
  progress: Progress,
  createdAt: z.string(),
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
  cancelRequested: z.boolean(),
  stopped: z.enum(['completed', 'time-limit', 'aborted']).optional().describe('Why the search stopped (done or cancelled jobs).'),
  hasPlan: z.boolean().describe('Whether `/plan` and `/report` answer (done, or cancelled while running: the best plan so far).'),
  kpis: Kpis.optional(),
  error: z.string().optional().describe('Why a failed job failed (ids only).'),
});
export type JobStatus = z.infer<typeof JobStatus>;

/** `POST /v1/validate`: a valid instance, with its warnings and size. */
export const ValidateResponse = z.object({
  valid: z.literal(true),
  warnings: z.array(Issue),
  summary: InstanceSummary,
});

/** `POST /v1/check`: the checker's result (`valid` exactly when no rule is broken). */
export const CheckResponse = z.object({
  valid: z.boolean(),
  violations: z.array(
    z.object({
      code: z.string(),
      message: z.string(),
      rule: z.number().int().optional(),
      path: z.string().optional(),
      visitId: z.string().optional(),
      staffId: z.string().optional(),
      clientId: z.string().optional(),
      shiftId: z.string().optional(),
    }),
  ),
});

/** `GET /healthz`. */
export const Health = z.object({ status: z.literal('ok'), version: z.string(), queue: z.enum(['embedded', 'redis']), jobs: z.record(JobStatusName, z.number().int()) });
