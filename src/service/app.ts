/**
 * The routes of `slinga serve` (Fastify). Handlers validate bodies with the library's schemas
 * (./validate.ts), store jobs before answering `202`, and look jobs up by id *and* owner: another
 * token's job is not found (404), so ids reveal nothing.
 */
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { checkPlan } from '../check/index.js';
import { computeKpis } from '../kpi/index.js';
import { renderReport } from '../report/index.js';
import { Instance } from '../schema/instance.js';
import { Plan } from '../schema/plan.js';
import { VERSION } from '../version.js';
import { BOARD_CSP, BoardCache, boardPage, evaluateBody } from '../web/index.js';
import type { Executor, JobEvents } from './events.js';
import { LOGGER, installEdge, issue, sendIssues, type EdgeOptions } from './http.js';
import type { JobKind } from './jobs.js';
import { openApiDocument } from './openapi.js';
import type { Issues, JobStatus, JobStatusName } from './schemas.js';
import type { JobMeta, JobStore } from './store.js';
import { instanceSummary, parsePlanOfInstance, parsePlanRequest, parseReplanRequest, parseValidateRequest, type ServiceIssue, type SheetsPlanInput } from './validate.js';
import { serviceTasks } from './tasks.js';
import { SolverPool } from '../pool/index.js';

/** What the app serves from. */
export interface AppOptions extends EdgeOptions {
  readonly store: JobStore;
  readonly executor: Executor;
  readonly events: JobEvents;
  /** Largest body in bytes (413 beyond). */
  readonly bodyLimit: number;
  /** Which executor runs the jobs (shown by /healthz). */
  readonly queue: 'embedded' | 'redis';
  /** Log requests (ids only); off in tests. */
  readonly log?: boolean;
  /** Where the log goes (default stdout). */
  readonly logStream?: NodeJS.WritableStream;
}

const FINAL: ReadonlySet<JobStatusName> = new Set(['done', 'failed', 'cancelled']);
const JOB_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Builds the app (not listening yet: `listen` it, or `inject` requests in tests). */
export async function buildApp(o: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: o.log ? { ...LOGGER, ...(o.logStream ? { stream: o.logStream } : {}) } : false, bodyLimit: o.bodyLimit, forceCloseConnections: true, return503OnClosing: true });
  await installEdge(app, o);
  const streams = new Set<() => void>();
  app.addHook('onClose', async () => {
    for (const end of [...streams]) end();
  });

  const statusOf = (m: JobMeta): JobStatus => ({
    id: m.id,
    kind: m.kind,
    status: m.status,
    progress:
      m.status === 'running'
        ? (o.executor.progress(m.id) ?? { fraction: 0, phase: 'starting' })
        : { fraction: FINAL.has(m.status) && m.status !== 'failed' && m.hasPlan ? 1 : 0, phase: m.status },
    createdAt: m.createdAt,
    ...(m.startedAt ? { startedAt: m.startedAt } : {}),
    ...(m.finishedAt ? { finishedAt: m.finishedAt } : {}),
    cancelRequested: m.cancelRequested,
    ...(m.stopped ? { stopped: m.stopped as JobStatus['stopped'] } : {}),
    hasPlan: m.hasPlan,
    ...(m.kpis ? { kpis: JSON.parse(m.kpis) as JobStatus['kpis'] } : {}),
    ...(m.error ? { error: m.error } : {}),
  });
  /** The caller's job, or a 404 sent. */
  const job = (req: FastifyRequest, reply: FastifyReply): JobMeta | undefined => {
    const id = (req.params as { id: string }).id;
    const m = JOB_ID.test(id) ? o.store.meta(id, req.owner) : undefined;
    if (!m) void sendIssues(reply, 404, [{ code: 'NOT_FOUND', path: 'id', message: `no job ${id.slice(0, 64)} of this token` }]);
    return m;
  };
  const noPlan = (reply: FastifyReply, m: JobMeta): FastifyReply => sendIssues(reply, 409, [issue('NO_PLAN', `job ${m.id} is ${m.status}: no plan`, 'wait for status done (GET /v1/plans/{id} or /events)')]);
  const submit = async (req: FastifyRequest, reply: FastifyReply, kind: JobKind, body: unknown = req.body, extra: Record<string, unknown> = {}): Promise<FastifyReply> => {
    const id = randomUUID();
    o.store.insert({ id, owner: req.owner, kind, input: JSON.stringify(body) });
    await o.executor.submit(o.store.get(id)!);
    req.log.info({ jobId: id, kind }, 'job queued');
    return reply.code(202).header('location', `/v1/plans/${id}`).send({ id, status: 'queued', ...extra });
  };
  // Recommendations and sheet imports are answered at once, on worker threads of their own so that
  // polls and progress streams never wait for them.
  let quick: SolverPool<(typeof serviceTasks.handlers)[string]> | null = null;
  app.addHook('onClose', async () => {
    await quick?.destroy();
  });
  const quickly = (task: { kind: 'service-recommend' | 'service-import'; body: unknown }): Promise<{ status: number; body: unknown }> => {
    quick ??= new SolverPool({ workers: 2, registry: serviceTasks });
    return quick.run(task) as Promise<{ status: number; body: unknown }>;
  };

  // The planner's board: one page, no external resources; its calls go to /v1 like any client's.
  const pages = { sv: boardPage('sv'), en: boardPage('en') };
  app.get('/', async (req, reply) =>
    reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', BOARD_CSP)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .send(pages[(req.query as { lang?: string }).lang === 'en' ? 'en' : 'sv']),
  );
  app.get('/healthz', { config: { rateLimit: false } }, async () => ({ status: 'ok', version: VERSION, queue: o.queue, jobs: o.store.counts() }));
  const doc = JSON.stringify(openApiDocument());
  app.get('/openapi.json', async (_req, reply) => reply.type('application/json; charset=utf-8').send(doc));

  app.post('/v1/plans', async (req, reply) => {
    const r = parsePlanRequest(req.body);
    if (!r.ok) return sendIssues(reply, 400, r.issues);
    return submit(req, reply, 'plan');
  });
  // The import sheets, read as `slinga import` reads them, become an ordinary plan job of the instance they make.
  app.post('/v1/plans/sheets', async (req, reply) => {
    const r = await quickly({ kind: 'service-import', body: req.body });
    if (r.status === 400) return sendIssues(reply, 400, (r.body as Issues).issues);
    const v = r.body as SheetsPlanInput;
    return submit(req, reply, 'plan', { instance: v.instance, options: v.options }, { warnings: v.warnings, summary: v.summary });
  });
  app.post('/v1/replan', async (req, reply) => {
    const r = parseReplanRequest(req.body);
    if (!r.ok) return sendIssues(reply, 400, r.issues);
    return submit(req, reply, 'replan');
  });

  app.get('/v1/plans/:id', async (req, reply) => {
    const m = job(req, reply);
    return m && statusOf(m);
  });
  app.delete('/v1/plans/:id', async (req, reply) => {
    const m = job(req, reply);
    if (!m) return;
    if (!FINAL.has(m.status)) {
      await o.executor.cancel(m.id);
      req.log.info({ jobId: m.id }, 'cancel requested');
    }
    return statusOf(o.store.meta(m.id, req.owner)!);
  });
  app.get('/v1/plans/:id/plan', async (req, reply) => {
    const m = job(req, reply);
    if (!m) return;
    if (!m.hasPlan) return noPlan(reply, m);
    return reply.type('application/json; charset=utf-8').send(o.store.text(m.id, req.owner, 'result'));
  });
  /** The instance a job's plan is checked against: a replan's changed instance, else the submitted one. */
  const instanceText = (m: JobMeta, owner: string): string => {
    if (m.kind === 'replan' && m.hasPlan) return o.store.text(m.id, owner, 'out_instance')!;
    return JSON.stringify((JSON.parse(o.store.text(m.id, owner, 'input')!) as { instance: unknown }).instance);
  };
  app.get('/v1/plans/:id/instance', async (req, reply) => {
    const m = job(req, reply);
    return m && reply.type('application/json; charset=utf-8').send(instanceText(m, req.owner));
  });
  // The board's hand moves on a job's plan, checked and priced; the job's parsed plan is kept between drags.
  const boards = new BoardCache();
  app.post('/v1/plans/:id/evaluate', async (req, reply) => {
    const m = job(req, reply);
    if (!m) return;
    if (!m.hasPlan) return noPlan(reply, m);
    const r = evaluateBody(req.body, () => boards.get(`${req.owner}\u0000${m.id}`, () => ({ instance: instanceText(m, req.owner), plan: o.store.text(m.id, req.owner, 'result')! })));
    if (r.status !== 200) return sendIssues(reply, r.status, (r.body as { issues: ServiceIssue[] }).issues);
    // Where a drag's time goes, for the page's own measurement (Resource Timing reads it).
    return reply.header('server-timing', Object.entries(r.timing ?? {}).map(([k, ms]) => `${k};dur=${ms}`).join(', ')).send(r.body);
  });
  app.get('/v1/plans/:id/report', async (req, reply) => {
    const m = job(req, reply);
    if (!m) return;
    if (!m.hasPlan) return noPlan(reply, m);
    const lang = (req.query as { lang?: string }).lang === 'en' ? 'en' : 'sv';
    const instance = Instance.parse(JSON.parse(instanceText(m, req.owner)));
    const plan = Plan.parse(JSON.parse(o.store.text(m.id, req.owner, 'result')!));
    return reply.type('text/html; charset=utf-8').send(renderReport(instance, plan, { lang }));
  });
  app.get('/v1/plans/:id/events', async (req, reply) => {
    const id = (req.params as { id: string }).id;
    if (!job(req, reply)) return;
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    const send = (event: string, data: unknown): void => void raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    let ended = false;
    const end = (): void => {
      if (ended) return;
      ended = true;
      off();
      clearInterval(beat);
      streams.delete(end);
      raw.end();
    };
    // Subscribe before reading the status: no change falls between the two.
    const off = o.events.on(id, (e) => {
      if (e.type === 'progress') return send('progress', e.progress);
      const m = o.store.meta(id, req.owner)!;
      send('status', statusOf(m));
      if (FINAL.has(m.status)) end();
    });
    const beat = setInterval(() => raw.write(': keep-alive\n\n'), 15_000);
    streams.add(end);
    req.raw.on('close', end);
    const now = o.store.meta(id, req.owner)!;
    send('status', statusOf(now));
    if (FINAL.has(now.status)) end();
  });

  // Recommendations need no job: they try insertions, no search.
  app.post('/v1/recommend', async (req, reply) => {
    const r = await quickly({ kind: 'service-recommend', body: req.body });
    if (r.status === 400) return sendIssues(reply, 400, (r.body as Issues).issues);
    return r.body;
  });

  app.post('/v1/validate', async (req, reply) => {
    const r = parseValidateRequest(req.body);
    if (!r.ok) return sendIssues(reply, 400, r.issues);
    return { valid: true, warnings: r.value.warnings, summary: instanceSummary(r.value.instance) };
  });
  app.post('/v1/check', async (req, reply) => {
    const r = parsePlanOfInstance(req.body);
    if (!r.ok) return sendIssues(reply, 400, r.issues);
    return checkPlan(r.value.instance.instance, r.value.plan, { matrix: r.value.instance.matrix });
  });
  app.post('/v1/kpi', async (req, reply) => {
    const r = parsePlanOfInstance(req.body);
    if (!r.ok) return sendIssues(reply, 400, r.issues);
    return computeKpis(r.value.instance.instance, r.value.plan);
  });
  return app;
}
