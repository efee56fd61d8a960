/**
 * The BullMQ executor against a real Redis: `redis-server` started on a free loopback port (skipped
 * only when the binary is absent; .ci/run installs it), workers in their own processes.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPlan } from '../../src/check/index.js';
import { Plan } from '../../src/schema/plan.js';
import { JobOutput, runJob } from '../../src/service/jobs.js';
import { LONG, QUICK, ROOT, service, submitPlan, tinyInstance, tinyJson, waitJob } from './helpers.js';

const hasRedis = spawnSync('redis-server', ['--version']).status === 0;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

let redis: ChildProcess | undefined;
let url = '';
const workers: { child: ChildProcess; log: string }[] = [];

/** A `slinga worker` in its own process with 1.5 s locks; resolves when it takes jobs. */
function worker(): Promise<{ child: ChildProcess; log: string }> {
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'test', 'service', 'fixtures', 'queue-worker.js'), url, '1500'], { stdio: ['ignore', 'ignore', 'pipe'] });
  const w = { child, log: '' };
  workers.push(w);
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (b: Buffer) => {
      w.log += b.toString();
      if (w.log.includes('ready\n')) resolve(w);
    });
    child.on('exit', (code) => reject(new Error(`worker exited ${code}: ${w.log}`)));
  });
}

async function stopWorkers(): Promise<void> {
  for (const w of workers.splice(0)) {
    if (w.child.exitCode !== null || w.child.signalCode !== null) continue;
    const exited = new Promise((r) => w.child.once('exit', r));
    w.child.kill('SIGKILL');
    await exited;
  }
}

beforeAll(async () => {
  if (!hasRedis) return;
  const port = await freePort();
  redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  url = `redis://127.0.0.1:${port}`;
  // ioredis retries until redis-server listens; PING answers once it does.
  const client = new Redis(url, { retryStrategy: () => 50 });
  client.on('error', () => undefined);
  await client.ping();
  client.disconnect();
});

afterAll(async () => {
  await stopWorkers();
  if (redis) {
    const exited = new Promise((r) => redis!.once('exit', r));
    redis.kill('SIGTERM');
    await exited;
  }
});

describe.skipIf(!hasRedis)('--queue redis://… with slinga workers', () => {
  it('jobs go through the queue to the workers; results come back into the store; every plan passes the checker', async () => {
    await Promise.all([worker(), worker()]);
    const s = await service({ queue: url });
    const ids = [];
    for (let seed = 1; seed <= 4; seed++) ids.push(await submitPlan(s, { seed, ...QUICK }));
    for (const id of ids) {
      expect(await waitJob(s, id)).toMatchObject({ status: 'done', hasPlan: true });
      const plan = Plan.parse((await s.app.inject({ url: `/v1/plans/${id}/plan` })).json());
      expect(checkPlan(tinyInstance(), plan).valid).toBe(true);
    }
    expect((await s.app.inject({ url: '/healthz' })).json()).toMatchObject({ queue: 'redis', jobs: { done: 4 } });
    await stopWorkers();
  });

  it('kill -9 of the worker running a job: another worker runs it again, it completes once, byte-identical', async () => {
    const [a, b] = await Promise.all([worker(), worker()]);
    const s = await service({ queue: url });
    // Long enough that a test process starved by a busy machine still sees it start before it ends.
    const options = { seed: 11, iterationsPerDay: 4000, rounds: 2 };
    const id = await submitPlan(s, options);
    const started = (w: { log: string }): boolean => w.log.includes(`job ${id} started`);
    while (!started(a!) && !started(b!)) await new Promise((r) => setTimeout(r, 20));
    const [victim, survivor] = started(a!) ? [a!, b!] : [b!, a!];
    victim.child.kill('SIGKILL');
    const done = await waitJob(s, id);
    expect(done.status).toBe('done');
    expect(survivor.log).toContain(`job ${id} started`);
    const bytes = (await s.app.inject({ url: `/v1/plans/${id}/plan` })).body;
    const uninterrupted = JSON.stringify(JobOutput.parse(await runJob({ kind: 'plan', body: { instance: tinyJson(), options } })).plan);
    expect(bytes).toBe(uninterrupted);
    // Recorded once: the store has one result and the job ran once as far as the store knows.
    expect(s.store.get(id)).toMatchObject({ status: 'done', runs: 1 });
    await stopWorkers();
  });

  it('DELETE of a job running on a worker: cancelled with its best plan so far', async () => {
    await worker();
    const s = await service({ queue: url });
    const id = await submitPlan(s, { ...LONG });
    await waitJob(s, id, {}, (j) => j.status === 'running' && j.progress.phase.startsWith('pass'));
    expect((await s.app.inject({ method: 'DELETE', url: `/v1/plans/${id}` })).statusCode).toBe(200);
    expect(await waitJob(s, id)).toMatchObject({ status: 'cancelled', stopped: 'aborted', hasPlan: true });
    await stopWorkers();
    // No worker: the job waits in the queue; cancelling it removes it there.
    const again = await submitPlan(s, { ...QUICK });
    expect((await s.app.inject({ method: 'DELETE', url: `/v1/plans/${again}` })).json()).toMatchObject({ status: 'cancelled', hasPlan: false });
  });
});
