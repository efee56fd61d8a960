import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JobOutput, runJob } from '../../src/service/jobs.js';
import type { JobStatus } from '../../src/service/schemas.js';
import { JobStore } from '../../src/service/store.js';
import { ROOT, service, submitPlan, tempDir, tinyJson, waitJob } from './helpers.js';

/** Long enough to be caught running, short enough for a test (iterations: the same plan every run). */
const MEDIUM = { iterationsPerDay: 400, rounds: 1 };

const plans = new Map<number, Promise<string>>();
/** The plan a job's input gives when run uninterrupted, as the store keeps it. */
function expected(seed: number): Promise<string> {
  if (!plans.has(seed)) plans.set(seed, runJob({ kind: 'plan', body: { instance: tinyJson(), options: { seed, ...MEDIUM } } }).then((o) => JSON.stringify(JobOutput.parse(o).plan)));
  return plans.get(seed)!;
}

describe('restart', () => {
  it('a server closed mid-queue loses no job: reopened on the same data, every job completes, the interrupted one with the same plan', async () => {
    const data = tempDir();
    const first = await service({ data, workers: 1 });
    const ids: string[] = [];
    for (let seed = 1; seed <= 3; seed++) ids.push(await submitPlan(first, { seed, ...MEDIUM }));
    await waitJob(first, ids[0]!, {}, (j) => j.status === 'running');
    await first.close();

    const store = new JobStore(data);
    expect(store.unfinished().map((j) => j.id)).toEqual(ids);
    store.close();

    const second = await service({ data, workers: 1 });
    for (const [i, id] of ids.entries()) {
      const j = await waitJob(second, id);
      expect(j.status).toBe('done');
      const plan = (await second.app.inject({ url: `/v1/plans/${id}/plan` })).body;
      expect(plan).toBe(await expected(i + 1));
    }
    expect(second.store.get(ids[0]!)!.runs).toBe(2);
  });
});

/** Starts `slinga serve` on any free port; resolves with its base URL. */
function serve(data: string): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'src', 'cli', 'main.js'), 'serve', '--port', '0', '--data', data, '--workers', '1'], { stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (b: Buffer) => {
      err += b.toString();
      const m = /serving on (http:\/\/\S+)/.exec(err);
      if (m) resolve({ child, base: m[1]! });
    });
    child.on('exit', (code) => reject(new Error(`slinga serve exited ${code}: ${err}`)));
  });
}

async function status(base: string, id: string): Promise<JobStatus> {
  return (await (await fetch(`${base}/v1/plans/${id}`)).json()) as JobStatus;
}

describe('kill -9', () => {
  it('kill -9 of `slinga serve` mid-queue, then a restart: every job completes', async () => {
    const data = tempDir();
    const a = await serve(data);
    const ids: string[] = [];
    try {
      for (let seed = 1; seed <= 3; seed++) {
        const r = await fetch(`${a.base}/v1/plans`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ instance: tinyJson(), options: { seed, ...MEDIUM } }) });
        expect(r.status).toBe(202);
        ids.push(((await r.json()) as { id: string }).id);
      }
      while ((await status(a.base, ids[0]!)).status !== 'running') await new Promise((r) => setTimeout(r, 50));
    } finally {
      a.child.kill('SIGKILL');
    }
    await new Promise((r) => a.child.once('exit', r));
    const b = await serve(data);
    try {
      for (const [i, id] of ids.entries()) {
        let j = await status(b.base, id);
        while (j.status === 'queued' || j.status === 'running') {
          await new Promise((r) => setTimeout(r, 100));
          j = await status(b.base, id);
        }
        expect(j.status).toBe('done');
        expect(await (await fetch(`${b.base}/v1/plans/${id}/plan`)).text()).toBe(await expected(i + 1));
      }
    } finally {
      b.child.kill('SIGTERM');
      await new Promise((r) => b.child.once('exit', r));
    }
  });
});
