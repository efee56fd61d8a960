/**
 * The OpenAPI 3.1 document of `slinga serve` (`GET /openapi.json`), generated from the same zod
 * schemas the handlers parse with (zod 4's `z.toJSONSchema`; OpenAPI 3.1 uses JSON Schema 2020-12).
 * Request bodies are described in their input form (defaults optional), responses as output.
 */
import { z } from 'zod';
import { Changes } from '../schema/changes.js';
import { Instance } from '../schema/instance.js';
import { Kpis, Plan } from '../schema/plan.js';
import { Recommendation, RecommendRequest } from '../schema/recommend.js';
import { VERSION } from '../version.js';
import { EvaluateRequest, EvaluateResponse } from '../web/schemas.js';
import {
  Accepted,
  CheckResponse,
  Health,
  Issues,
  JobStatus,
  PlanJobOptions,
  PlanOfInstance,
  PlanRequest,
  RecommendBody,
  RecommendOptionsBody,
  ReplanJobOptions,
  ReplanRequest,
  SheetsAccepted,
  SheetsPlanRequest,
  ValidateRequest,
  ValidateResponse,
} from './schemas.js';

type Json = Record<string, unknown>;

/** One operation of the API. */
interface Operation {
  readonly method: 'get' | 'post' | 'delete';
  /** OpenAPI form: `/v1/plans/{id}`. */
  readonly path: string;
  readonly summary: string;
  /** Component name of the JSON request body. */
  readonly body?: string;
  /** Status → component name (JSON), `html`, `sse` or null (no body). */
  readonly responses: Readonly<Record<string, string | null>>;
  readonly auth?: false;
}

const ERRORS = { '400': 'Issues', '401': 'Issues', '403': 'Issues', '404': 'Issues', '413': 'Issues', '429': 'Issues' };

/** Every route the server has (the tests compare this list with Fastify's routes). */
export const OPERATIONS: readonly Operation[] = [
  { method: 'get', path: '/', summary: 'The planner\u2019s web board (one self-contained page, `?lang=sv|en`)', responses: { '200': 'html' }, auth: false },
  { method: 'get', path: '/healthz', summary: 'Liveness and job counts', responses: { '200': 'Health' }, auth: false },
  { method: 'get', path: '/openapi.json', summary: 'This document', responses: { '200': null }, auth: false },
  { method: 'post', path: '/v1/plans', summary: 'Submit a plan job: the period of an instance is planned in the background', body: 'PlanRequest', responses: { '202': 'Accepted', ...ERRORS } },
  {
    method: 'post',
    path: '/v1/plans/sheets',
    summary: 'Submit a plan job from the import sheets (one .xlsx workbook, or the CSV files of a folder, as `slinga import` reads): problems with the sheets are 400 with sheet, line and column',
    body: 'SheetsPlanRequest',
    responses: { '202': 'SheetsAccepted', ...ERRORS },
  },
  { method: 'get', path: '/v1/plans/{id}', summary: 'Status, progress, and the KPIs once done', responses: { '200': 'JobStatus', ...ERRORS } },
  { method: 'delete', path: '/v1/plans/{id}', summary: 'Cancel: a queued job ends, a running one keeps its best plan so far', responses: { '200': 'JobStatus', ...ERRORS } },
  { method: 'get', path: '/v1/plans/{id}/plan', summary: 'The plan (with its KPIs) of a done job, or the best so far of a cancelled one', responses: { '200': 'Plan', '409': 'Issues', ...ERRORS } },
  { method: 'get', path: '/v1/plans/{id}/instance', summary: 'The instance the plan is checked against: a replan\u2019s changed instance, else the submitted one', responses: { '200': 'Instance', ...ERRORS } },
  { method: 'get', path: '/v1/plans/{id}/report', summary: 'The offline HTML report of the plan (`?lang=sv|en`)', responses: { '200': 'html', '409': 'Issues', ...ERRORS } },
  { method: 'get', path: '/v1/plans/{id}/events', summary: 'Server-sent events: `status` and `progress` until the job ends', responses: { '200': 'sse', ...ERRORS } },
  { method: 'post', path: '/v1/plans/{id}/evaluate', summary: 'Hand moves on a job\u2019s plan (the board\u2019s drags), checked by the independent checker and priced term by term against the plan as it came', body: 'EvaluateRequest', responses: { '200': 'EvaluateResponse', '409': 'Issues', ...ERRORS } },
  { method: 'post', path: '/v1/replan', summary: 'Submit a replan job: a plan after changes, with as little change as possible', body: 'ReplanRequest', responses: { '202': 'Accepted', ...ERRORS } },
  { method: 'post', path: '/v1/recommend', summary: 'Recommend (answered at once): the best places for a visit, replacements for an absent staff member, or the team for a new client; nothing else moves', body: 'RecommendBody', responses: { '200': 'Recommendation', ...ERRORS } },
  { method: 'post', path: '/v1/validate', summary: 'Validate an instance: every problem with its code and JSON path', body: 'ValidateRequest', responses: { '200': 'ValidateResponse', ...ERRORS } },
  { method: 'post', path: '/v1/check', summary: 'Check a plan against every rule', body: 'PlanOfInstance', responses: { '200': 'CheckResponse', ...ERRORS } },
  { method: 'post', path: '/v1/kpi', summary: 'The KPIs of a plan', body: 'PlanOfInstance', responses: { '200': 'Kpis', ...ERRORS } },
];

const REQUESTS = { EvaluateRequest, PlanRequest, SheetsPlanRequest, ReplanRequest, RecommendBody, ValidateRequest, PlanOfInstance, Instance, Plan, Changes, PlanJobOptions, ReplanJobOptions, RecommendOptionsBody, RecommendRequest };
const RESPONSES = { EvaluateResponse, Accepted, SheetsAccepted, JobStatus, Issues, Health, ValidateResponse, CheckResponse, Kpis, Recommendation, PlanOut: Plan, InstanceOut: Instance };

/** Components of one direction: each schema named, nested named schemas as `$ref`s. */
function components(schemas: Record<string, z.ZodType>, io: 'input' | 'output', rename: (name: string) => string): Record<string, Json> {
  const registry = z.registry<{ id: string }>();
  for (const [name, schema] of Object.entries(schemas)) registry.add(schema, { id: rename(name) });
  const out = z.toJSONSchema(registry, { io, unrepresentable: 'any', target: 'draft-2020-12', uri: (id) => `#/components/schemas/${id}` }) as { schemas: Record<string, Json> };
  return Object.fromEntries(Object.entries(out.schemas).map(([k, v]) => [k, strip(v)]));
}

/** Drops the per-schema `$schema` and `$id` keys (the document says its dialect once). */
function strip(schema: Json): Json {
  const { $schema: _s, $id: _i, ...rest } = schema;
  return rest;
}

const responseName = (name: string): string => (name === 'PlanOut' ? 'Plan' : name === 'InstanceOut' ? 'Instance' : name);
const requestName = (name: string): string => (name === 'Plan' ? 'PlanInput' : name === 'Instance' ? 'InstanceInput' : name === 'Changes' ? 'ChangesInput' : name);

/** Builds the document. */
export function openApiDocument(): Json {
  const schemas = { ...components(REQUESTS, 'input', requestName), ...components(RESPONSES, 'output', responseName) };
  const paths: Record<string, Record<string, Json>> = {};
  for (const op of OPERATIONS) {
    const params = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    if (op.path.endsWith('/report') || op.path === '/') params.push({ name: 'lang', in: 'query', required: false, schema: { type: 'string', enum: ['sv', 'en'] } as never });
    const responses: Record<string, Json> = {};
    for (const [code, name] of Object.entries(op.responses)) {
      const description = code.startsWith('2') ? 'OK' : code === '409' ? 'No plan yet' : 'Error: every problem with a code and a JSON path';
      if (name === null) responses[code] = { description, content: { 'application/json': { schema: { type: 'object' } } } };
      else if (name === 'html') responses[code] = { description, content: { 'text/html': { schema: { type: 'string' } } } };
      else if (name === 'sse') responses[code] = { description, content: { 'text/event-stream': { schema: { type: 'string' } } } };
      else responses[code] = { description, content: { 'application/json': { schema: { $ref: `#/components/schemas/${name}` } } } };
    }
    (paths[op.path] ??= {})[op.method] = {
      summary: op.summary,
      operationId: op.path === '/' ? 'getBoard' : `${op.method}${op.path.replace(/[{}]/g, '').replace(/[/.](\w)/g, (_, c: string) => c.toUpperCase())}`,
      ...(params.length > 0 ? { parameters: params } : {}),
      ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${requestName(op.body)}` } } } } } : {}),
      ...(op.auth === false ? { security: [] } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'slinga', version: VERSION, description: 'Plans Swedish home care: weekly schedules and daily routes. Jobs run in the background; follow them by polling or server-sent events.' },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    components: { schemas, securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'A token from `slinga token add` (needed when the server runs with --tokens).' } } },
    security: [{ bearer: [] }],
    paths,
  };
}
