/**
 * Validation of request bodies at the service's edge: the envelope by its zod schema, then the
 * instance, plan and changes by the library's own two-layer validation, every problem collected
 * with its path into the body (`instance.clients[3].tasks[0]`).
 */
import type { z } from 'zod';
import { parseChanges } from '../replan/validate.js';
import type { Changes } from '../schema/changes.js';
import type { Instance, InstanceInput } from '../schema/instance.js';
import { importSheetFiles, type SheetFile, type SheetIssue } from '../sheets/index.js';
import { Plan } from '../schema/plan.js';
import type { ImportedMatrix } from '../travel/matrix.js';
import { fromZodIssuesForFile, parseInstance, type ValidationIssue } from '../validate/index.js';
import type { AppliedChanges } from '../replan/apply.js';
import {
  PlanEnvelope,
  PlanOfInstanceEnvelope,
  RecommendEnvelope,
  ReplanEnvelope,
  SheetsPlanRequest,
  type RecommendOptionsBody,
  ValidateEnvelope,
  type InstanceSummary,
  type Issues,
  type PlanJobOptions,
  type ReplanJobOptions,
} from './schemas.js';

/** One problem as the service reports it. */
export type ServiceIssue = Issues['issues'][number];

/** A parsed body, or every problem with it. */
export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly issues: ServiceIssue[] };

/** A validated instance with its inline matrix and warnings. */
export interface CheckedInstance {
  readonly instance: Instance;
  readonly matrix?: ImportedMatrix;
  readonly warnings: ServiceIssue[];
}

/** A library issue as the service reports it, its path under `prefix` (the body's field it is about). */
export const toService = (prefix: string) => (i: ValidationIssue): ServiceIssue => ({
  code: i.code,
  path: i.path === '$' ? prefix : i.path.startsWith('(') ? `${prefix}: ${i.path}` : `${prefix}.${i.path}`,
  message: i.message,
  hint: i.hint,
});

function envelope<S extends z.ZodType>(schema: S, body: unknown): Parsed<z.infer<S>> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, issues: [{ code: 'SCHEMA', path: '$', message: 'the body must be a JSON object', hint: 'send Content-Type: application/json with an object' }] };
  }
  const r = schema.safeParse(body);
  if (r.success) return { ok: true, value: r.data };
  return {
    ok: false,
    // Problems inside the instance, plan or changes are reported by their own validation below.
    issues: fromZodIssuesForFile(r.error.issues).map((i) => ({ code: i.code, path: i.path, message: i.message, hint: i.hint.replace('`slinga schema instance`', 'GET /openapi.json') })),
  };
}

/** The field of a body that is an object (undefined otherwise). */
const field = (body: unknown, key: string): unknown => (typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>)[key] : undefined);

/** Every problem of several checks (envelope first), or undefined when all passed. */
function collect(...results: (Parsed<unknown> | undefined)[]): ServiceIssue[] | undefined {
  const issues = results.flatMap((r) => (r === undefined || r.ok ? [] : r.issues));
  return issues.length > 0 ? issues : undefined;
}

/**
 * Validates an instance of a request. The service reads no files: a matrix must come inline (an
 * OSRM table response in `travel.matrix.response`), never as a path on the server's disk.
 */
export function checkInstance(input: unknown): Parsed<CheckedInstance> {
  const spec = (input as { travel?: { matrix?: { path?: unknown } } } | null)?.travel?.matrix;
  if (spec && typeof spec === 'object' && spec.path !== undefined) {
    return {
      ok: false,
      issues: [{ code: 'MATRIX', path: 'instance.travel.matrix.path', message: 'the service reads no files', hint: 'give the OSRM table response inline in travel.matrix.response' }],
    };
  }
  const r = parseInstance(input);
  if (!r.ok) return { ok: false, issues: r.issues.map(toService('instance')) };
  return { ok: true, value: { instance: r.instance, matrix: r.matrix, warnings: r.warnings.map(toService('instance')) } };
}

function checkPlanShape(input: unknown): Parsed<Plan> {
  const r = Plan.safeParse(input);
  if (r.success) return { ok: true, value: r.data };
  return { ok: false, issues: fromZodIssuesForFile(r.error.issues).map((i) => toService('plan')({ ...i, hint: i.hint.replace('slinga schema instance', 'slinga schema plan') })) };
}

/** `POST /v1/plans`. */
export function parsePlanRequest(body: unknown): Parsed<{ instance: CheckedInstance; options: PlanJobOptions }> {
  const env = envelope(PlanEnvelope, body);
  const inst = field(body, 'instance') === undefined ? undefined : checkInstance(field(body, 'instance'));
  const issues = collect(env, inst);
  if (issues || !env.ok || !inst?.ok) return { ok: false, issues: issues ?? [] };
  return { ok: true, value: { instance: inst.value, options: env.value.options ?? {} } };
}

/** A validated replan request: the changes already applied once (handed to `replan` as `applied`). */
export interface ReplanInput {
  readonly instance: CheckedInstance;
  readonly plan: Plan;
  readonly changes: Changes;
  readonly applied: AppliedChanges;
  readonly options: ReplanJobOptions;
}

/** `POST /v1/replan`: the plan must be of the instance; the changes are checked against both. */
export function parseReplanRequest(body: unknown): Parsed<ReplanInput> {
  const r = planOfInstanceBody(ReplanEnvelope, body);
  if (!r.ok) return r;
  const { env, instance, plan } = r.value;
  const options = env.options ?? {};
  const changes = parseChanges(instance.instance, plan, env.changes, { now: options.now, matrix: instance.matrix });
  if (!changes.ok) return { ok: false, issues: changes.issues.map(toService('changes')) };
  return { ok: true, value: { instance, plan, changes: changes.changes, applied: changes.applied, options } };
}

/**
 * A body with an instance and a plan of it (replan, recommend): the envelope, the instance and the
 * plan each validated (every problem at once), then the plan's instance id against the instance.
 */
function planOfInstanceBody<S extends z.ZodType>(schema: S, body: unknown): Parsed<{ env: z.infer<S>; instance: CheckedInstance; plan: Plan }> {
  const env = envelope(schema, body);
  const inst = field(body, 'instance') === undefined ? undefined : checkInstance(field(body, 'instance'));
  const plan = field(body, 'plan') === undefined ? undefined : checkPlanShape(field(body, 'plan'));
  const issues = collect(env, inst, plan);
  if (issues || !env.ok || !inst?.ok || !plan?.ok) return { ok: false, issues: issues ?? [] };
  if (plan.value.instanceId !== inst.value.instance.id) {
    return { ok: false, issues: [{ code: 'UNKNOWN_REF', path: 'plan.instanceId', message: `plan of instance ${plan.value.instanceId}, not ${inst.value.instance.id}`, hint: 'send the plan made for this instance' }] };
  }
  return { ok: true, value: { env: env.value, instance: inst.value, plan: plan.value } };
}

/** `POST /v1/recommend`: instance and plan validated, the plan of the instance; the request is validated by `recommend` itself. */
export function parseRecommendBody(body: unknown): Parsed<{ instance: CheckedInstance; plan: Plan; request: unknown; options: z.infer<typeof RecommendOptionsBody> }> {
  const r = planOfInstanceBody(RecommendEnvelope, body);
  if (!r.ok) return r;
  const { env, instance, plan } = r.value;
  return { ok: true, value: { instance, plan, request: env.request, options: env.options ?? {} } };
}

/** `POST /v1/validate`. */
export function parseValidateRequest(body: unknown): Parsed<CheckedInstance> {
  const env = envelope(ValidateEnvelope, body);
  const inst = field(body, 'instance') === undefined ? undefined : checkInstance(field(body, 'instance'));
  const issues = collect(env, inst);
  if (issues || !inst?.ok) return { ok: false, issues: issues ?? [] };
  return inst;
}

/** `POST /v1/check` and `POST /v1/kpi`. */
export function parsePlanOfInstance(body: unknown): Parsed<{ instance: CheckedInstance; plan: Plan }> {
  const env = envelope(PlanOfInstanceEnvelope, body);
  const inst = field(body, 'instance') === undefined ? undefined : checkInstance(field(body, 'instance'));
  const plan = field(body, 'plan') === undefined ? undefined : checkPlanShape(field(body, 'plan'));
  const issues = collect(env, inst, plan);
  if (issues || !inst?.ok || !plan?.ok) return { ok: false, issues: issues ?? [] };
  return { ok: true, value: { instance: inst.value, plan: plan.value } };
}

/** The size of a validated instance (the answers of validate and of a sheets submission). */
export function instanceSummary(i: Instance): z.infer<typeof InstanceSummary> {
  return { clients: i.clients.length, staff: i.staff.length, shifts: i.staff.reduce((n, s) => n + s.shifts.length, 0), days: i.period.days, start: i.period.start };
}

/**
 * A sheet problem as the service reports it: the importer's code, message and hint, the cell as
 * `sheet!D4` (a row `sheet!4:4`, a sheet `sheet`, the upload `$`) and sheet, line and column apart.
 * The importer's messages name cell positions and ids only, never what a cell holds.
 */
export function sheetIssue(i: SheetIssue): ServiceIssue {
  const letter = i.column?.split(' ')[0];
  const cell = i.line === undefined ? '' : letter ? `!${letter}${i.line}` : `!${i.line}:${i.line}`;
  return {
    code: i.code,
    path: i.sheet === '' ? '$' : `${i.sheet}${cell}`,
    message: i.message,
    hint: i.hint,
    ...(i.sheet === '' ? {} : { sheet: i.sheet }),
    ...(i.line === undefined ? {} : { line: i.line }),
    ...(i.column === undefined ? {} : { column: i.column }),
  };
}

/** A sheets submission made into a plan request: the imported instance (as built, defaults omitted) and the importer's warnings. */
export interface SheetsPlanInput {
  readonly instance: InstanceInput;
  readonly summary: z.infer<typeof InstanceSummary>;
  readonly options: PlanJobOptions;
  readonly warnings: ServiceIssue[];
}

/**
 * `POST /v1/plans/sheets`: the envelope, then the sheets imported as `slinga import` does (every
 * bad cell at once; then the instance validation, its problems mapped back to cells). The import
 * makes no travel matrix, so the service's no-files rule holds by construction.
 */
export async function parseSheetsPlanRequest(body: unknown): Promise<Parsed<SheetsPlanInput>> {
  const env = envelope(SheetsPlanRequest, body);
  if (!env.ok) return env;
  const { workbook, files: csv, options, name } = env.value;
  const files: SheetFile[] = workbook !== undefined ? [{ name: name ?? 'workbook.xlsx', data: new Uint8Array(Buffer.from(workbook, 'base64')) }] : (csv ?? []).map((f) => ({ name: f.name, data: f.text }));
  const r = await importSheetFiles(name ?? (workbook !== undefined ? 'workbook.xlsx' : 'sheets'), files);
  if (!r.ok) return { ok: false, issues: r.issues.filter((i) => i.severity === 'error').map(sheetIssue) };
  return { ok: true, value: { instance: r.input, summary: instanceSummary(r.instance), options: options ?? {}, warnings: r.warnings.map(sheetIssue) } };
}
