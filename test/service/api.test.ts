import { describe, expect, it } from 'vitest';
import { checkPlan } from '../../src/check/index.js';
import { computeKpis } from '../../src/kpi/index.js';
import { Instance } from '../../src/schema/instance.js';
import { recommend } from '../../src/recommend/index.js';
import { Plan } from '../../src/schema/plan.js';
import { JobOutput, runJob } from '../../src/service/jobs.js';
import type { JobStatus } from '../../src/service/schemas.js';
import { LONG, QUICK, service, submitPlan, tinyInstance, tinyJson, waitJob } from './helpers.js';

describe('plan jobs', () => {
  it('POST /v1/plans → 202 {id}; the job ends done with KPIs; /plan passes the checker and equals a direct run (same seed)', async () => {
    const s = await service();
    const r = await s.app.inject({ method: 'POST', url: '/v1/plans', payload: { instance: tinyJson(), options: { seed: 7, ...QUICK } } });
    expect(r.statusCode).toBe(202);
    const { id, status } = r.json<{ id: string; status: string }>();
    expect(status).toBe('queued');
    expect(r.headers.location).toBe(`/v1/plans/${id}`);
    const done = await waitJob(s, id);
    expect(done).toMatchObject({ id, kind: 'plan', status: 'done', stopped: 'completed', hasPlan: true, progress: { fraction: 1 } });
    const planRes = await s.app.inject({ url: `/v1/plans/${id}/plan` });
    expect(planRes.statusCode).toBe(200);
    const plan = Plan.parse(planRes.json());
    const instance = tinyInstance();
    expect(checkPlan(instance, plan)).toEqual({ valid: true, violations: [] });
    expect(done.kpis).toEqual(computeKpis(instance, plan));
    // The same input run directly on this thread gives the same bytes.
    const direct = JobOutput.parse(await runJob({ kind: 'plan', body: { instance: tinyJson(), options: { seed: 7, ...QUICK } } }));
    expect(planRes.body).toBe(JSON.stringify(direct.plan));

    const report = await s.app.inject({ url: `/v1/plans/${id}/report?lang=en` });
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-type']).toContain('text/html');
    expect(report.body).toMatch(/^<!doctype html>/i);
    const inst = await s.app.inject({ url: `/v1/plans/${id}/instance` });
    expect(inst.json()).toEqual(tinyJson());
  });

  it('GET /events streams status and progress until the job ends', async () => {
    const s = await service();
    const id = await submitPlan(s, { ...QUICK, rounds: 2 });
    // inject collects the stream until the server ends it (at the final status).
    const r = await s.app.inject({ url: `/v1/plans/${id}/events` });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('text/event-stream');
    const events = r.body
      .split('\n\n')
      .filter((b) => b.startsWith('event:'))
      .map((b) => ({ event: /^event: (\w+)/.exec(b)![1], data: JSON.parse(/\ndata: (.*)$/s.exec(b)![1]!) as Record<string, unknown> }));
    expect(events[0]!.event).toBe('status');
    const last = events.at(-1)!;
    expect(last.event).toBe('status');
    expect((last.data as JobStatus).status).toBe('done');
    // Streams of an ended job answer at once with the final status.
    const again = await s.app.inject({ url: `/v1/plans/${id}/events` });
    expect(again.body.match(/event: status/g)).toHaveLength(1);
  });

  it('runs at most --workers jobs at once, in submission order', async () => {
    const s = await service({ workers: 1 });
    const ids: string[] = [];
    for (let seed = 1; seed <= 3; seed++) ids.push(await submitPlan(s, { seed, ...QUICK }));
    const jobs = [];
    for (const id of ids) jobs.push(await waitJob(s, id));
    for (let i = 1; i < jobs.length; i++) {
      expect(Date.parse(jobs[i]!.startedAt!)).toBeGreaterThanOrEqual(Date.parse(jobs[i - 1]!.finishedAt!));
    }
    expect(jobs.every((j) => j.status === 'done')).toBe(true);
  });

  it('DELETE of a running job keeps the best plan so far (cancelled, stopped aborted, valid)', async () => {
    const s = await service({ workers: 1 });
    const id = await submitPlan(s, { ...LONG });
    await waitJob(s, id, {}, (j) => j.status === 'running' && j.progress.phase.startsWith('pass'));
    const del = await s.app.inject({ method: 'DELETE', url: `/v1/plans/${id}` });
    expect(del.statusCode).toBe(200);
    expect(del.json<JobStatus>().cancelRequested).toBe(true);
    const end = await waitJob(s, id);
    expect(end).toMatchObject({ status: 'cancelled', stopped: 'aborted', hasPlan: true });
    const plan = Plan.parse((await s.app.inject({ url: `/v1/plans/${id}/plan` })).json());
    expect(plan.meta.stopped).toBe('aborted');
    expect(checkPlan(tinyInstance(), plan).valid).toBe(true);
  });

  it('DELETE of a queued job ends it with no plan (409 on /plan); an ended job is left as it is', async () => {
    const s = await service({ workers: 1 });
    const first = await submitPlan(s, { ...LONG });
    const second = await submitPlan(s, { ...QUICK });
    const del = await s.app.inject({ method: 'DELETE', url: `/v1/plans/${second}` });
    expect(del.json<JobStatus>()).toMatchObject({ status: 'cancelled', hasPlan: false });
    expect((await s.app.inject({ url: `/v1/plans/${second}/plan` })).statusCode).toBe(409);
    expect((await s.app.inject({ url: `/v1/plans/${second}/report` })).json()).toMatchObject({ issues: [{ code: 'NO_PLAN' }] });
    await s.app.inject({ method: 'DELETE', url: `/v1/plans/${first}` });
    const end = await waitJob(s, first);
    expect(end.status).toBe('cancelled');
    const again = await s.app.inject({ method: 'DELETE', url: `/v1/plans/${first}` });
    expect(again.json<JobStatus>()).toMatchObject({ status: 'cancelled', finishedAt: end.finishedAt });
  });
});

describe('replan jobs', () => {
  it('POST /v1/replan → a plan after the changes, checked against the changed instance (GET /instance)', async () => {
    const s = await service();
    const id = await submitPlan(s, { seed: 2, ...QUICK });
    await waitJob(s, id);
    const reference = (await s.app.inject({ url: `/v1/plans/${id}/plan` })).json<Plan>();
    const cancelled = reference.visits[0]!.id;
    const r = await s.app.inject({
      method: 'POST',
      url: '/v1/replan',
      payload: { instance: tinyJson(), plan: reference, changes: { changes: [{ type: 'visitCancelled', visitId: cancelled }] }, options: { seed: 2, ...QUICK } },
    });
    expect(r.statusCode).toBe(202);
    const rid = r.json<{ id: string }>().id;
    expect(await waitJob(s, rid)).toMatchObject({ kind: 'replan', status: 'done', hasPlan: true });
    const plan = Plan.parse((await s.app.inject({ url: `/v1/plans/${rid}/plan` })).json());
    const changed = Instance.parse((await s.app.inject({ url: `/v1/plans/${rid}/instance` })).json());
    expect(plan.visits.some((v) => v.id === cancelled)).toBe(false);
    expect(plan.changes?.visits.removed).toBeGreaterThanOrEqual(1);
    expect(checkPlan(changed, plan).valid).toBe(true);
  });

  it('rejects changes that do not fit the plan with every problem and its path (400)', async () => {
    const s = await service();
    const id = await submitPlan(s, { ...QUICK });
    await waitJob(s, id);
    const reference = (await s.app.inject({ url: `/v1/plans/${id}/plan` })).json<Plan>();
    const day = tinyInstance().period.start;
    const r = await s.app.inject({
      method: 'POST',
      url: '/v1/replan',
      payload: { instance: tinyJson(), plan: reference, changes: { changes: [{ type: 'visitCancelled', visitId: 'no-such-visit' }, { type: 'staffAbsent', staffId: 'nobody', from: `${day}T06:00:00+01:00`, to: `${day}T12:00:00+01:00` }] } },
    });
    expect(r.statusCode).toBe(400);
    const paths = r.json<{ issues: { code: string; path: string }[] }>().issues.map((i) => `${i.code} ${i.path}`);
    expect(paths).toContain('UNKNOWN_REF changes.changes[0].visitId');
    expect(paths).toContain('UNKNOWN_REF changes.changes[1].staffId');
  });
});

describe('recommend', () => {
  it('POST /v1/recommend answers at once: options for a one-off visit, each (re-derived) valid; a bad request is 400 with paths under request', async () => {
    const s = await service();
    const id = await submitPlan(s, { seed: 2, ...QUICK });
    await waitJob(s, id);
    const plan = (await s.app.inject({ url: `/v1/plans/${id}/plan` })).json<Plan>();
    const v = plan.visits[0]!;
    const request = { type: 'visit', visit: { clientId: v.clientId, date: v.date, minutes: 15, windows: [{ start: '08:00', end: '18:00' }] } };
    const r = await s.app.inject({ method: 'POST', url: '/v1/recommend', payload: { instance: tinyJson(), plan, request, options: { top: 2 } } });
    expect(r.statusCode).toBe(200);
    const body = r.json<{ type: string; options: { date: string; staffId: string }[]; rejected: number }>();
    expect(body.type).toBe('visit');
    expect(body.options.length).toBeGreaterThan(0);
    expect(body.options.length).toBeLessThanOrEqual(2);
    expect(body.rejected).toBe(0);
    expect(body).toEqual(JSON.parse(JSON.stringify(recommend(tinyInstance(), Plan.parse(plan), request as never, { top: 2 }))));
    const bad = await s.app.inject({ method: 'POST', url: '/v1/recommend', payload: { instance: tinyJson(), plan, request: { type: 'visit', visit: { clientId: 'nobody', date: v.date, minutes: 10 } } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ issues: { code: string; path: string }[] }>().issues.map((i) => `${i.code} ${i.path}`)).toContain('UNKNOWN_REF request.visit.clientId');
  });
});

describe('validate, check, kpi', () => {
  it('POST /v1/validate: 200 with the size of a valid instance; 400 with every problem of an invalid one', async () => {
    const s = await service();
    const ok = await s.app.inject({ method: 'POST', url: '/v1/validate', payload: { instance: tinyJson() } });
    expect(ok.statusCode).toBe(200);
    const instance = tinyInstance();
    expect(ok.json()).toMatchObject({ valid: true, summary: { clients: instance.clients.length, staff: instance.staff.length, days: instance.period.days } });
    const bad = tinyJson() as { clients: { id: string; team: string }[] };
    bad.clients[1]!.id = bad.clients[0]!.id;
    bad.clients[2]!.team = 'no-team';
    const r = await s.app.inject({ method: 'POST', url: '/v1/validate', payload: { instance: bad } });
    expect(r.statusCode).toBe(400);
    const issues = r.json<{ issues: { code: string; path: string; message: string }[] }>().issues;
    expect(issues.map((i) => i.code)).toEqual(expect.arrayContaining(['DUPLICATE_ID', 'UNKNOWN_REF']));
    expect(issues.every((i) => i.path.startsWith('instance.'))).toBe(true);
  });

  it('POST /v1/check and /v1/kpi answer like the library', async () => {
    const s = await service();
    const id = await submitPlan(s, { ...QUICK });
    await waitJob(s, id);
    const plan = (await s.app.inject({ url: `/v1/plans/${id}/plan` })).json<Plan>();
    const check = await s.app.inject({ method: 'POST', url: '/v1/check', payload: { instance: tinyJson(), plan } });
    expect(check.json()).toEqual({ valid: true, violations: [] });
    const broken = { ...plan, visits: plan.visits.map((v, i) => (i === 0 ? { ...v, staff: ['no-such-staff'] } : v)) };
    const bad = await s.app.inject({ method: 'POST', url: '/v1/check', payload: { instance: tinyJson(), plan: broken } });
    expect(bad.statusCode).toBe(200);
    expect(bad.json()).toMatchObject({ valid: false, violations: expect.arrayContaining([expect.objectContaining({ code: 'UNKNOWN_REF' })]) });
    const kpi = await s.app.inject({ method: 'POST', url: '/v1/kpi', payload: { instance: tinyJson(), plan } });
    expect(kpi.json()).toEqual(computeKpis(tinyInstance(), Plan.parse(plan)));
  });

  it('GET /healthz counts jobs by status', async () => {
    const s = await service();
    const id = await submitPlan(s, { ...QUICK });
    await waitJob(s, id);
    const r = await s.app.inject({ url: '/healthz' });
    expect(r.json()).toMatchObject({ status: 'ok', queue: 'embedded', jobs: { done: 1, queued: 0, running: 0 } });
  });
});
