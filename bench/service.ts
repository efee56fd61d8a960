/**
 * Load test of `slinga serve` (`npm run bench:service -- [--jobs 200] [--clients 20] [--workers 2]
 * [--malformed 1000] [--iterations 50]`), loopback only. Starts the built server as a child process
 * (its own event loop) with one token per client, then:
 *
 * 1. each client submits its share of plan jobs of the tiny sample (seeds 1…jobs), polls them one at
 *    a time every 100 ms, timing every `GET /v1/plans/{id}` (all taken while solves run), and checks
 *    each plan with `checkPlan`: lost = submitted − done; duplicated = jobs the store holds beyond
 *    those submitted, or ids given twice;
 * 2. malformed requests (wrong types, huge numbers, unknown keys, bad JSON, deep nesting, a 10 MB body,
 *    bad tokens, unknown ids, another token's job), each expected to get its 4xx; afterwards the
 *    server must answer and hold no more jobs than before.
 */
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { checkPlan } from '../src/check/index.js';
import { Plan } from '../src/schema/plan.js';
import { addToken } from '../src/service/tokens.js';
import { parseInstance } from '../src/validate/index.js';

const arg = (k: string, d: number): number => {
  const i = process.argv.indexOf(k);
  return i >= 0 ? Number(process.argv[i + 1]) : d;
};
const JOBS = arg('--jobs', 200);
const CLIENTS = arg('--clients', 20);
const WORKERS = arg('--workers', 2);
const MALFORMED = arg('--malformed', 1000);
const ITERATIONS = arg('--iterations', 50);

const root = resolve(import.meta.dirname, '..', '..');
const instanceJson = JSON.parse(readFileSync(join(root, 'data', 'samples', 'tiny-4242.json'), 'utf8')) as Record<string, unknown>;
const parsed = parseInstance(instanceJson);
if (!parsed.ok) throw new Error('tiny sample invalid');
const instance = parsed.instance;

const dir = mkdtempSync(join(tmpdir(), 'slinga-bench-service-'));
const tokensFile = join(dir, 'tokens.json');
const tokens = Array.from({ length: CLIENTS }, (_, i) => addToken(tokensFile, `client-${i}`));
const child = spawn(process.execPath, [join(root, 'dist', 'src', 'cli', 'main.js'), 'serve', '--port', '0', '--data', join(dir, 'data'), '--workers', String(WORKERS), '--tokens', tokensFile], {
  stdio: ['ignore', 'ignore', 'pipe'],
});
const base = await new Promise<string>((res, rej) => {
  let err = '';
  child.stderr.on('data', (b: Buffer) => {
    err += b.toString();
    const m = /serving on (http:\/\/\S+)/.exec(err);
    if (m) res(m[1]!);
  });
  child.on('exit', (code) => rej(new Error(`slinga serve exited ${code}: ${err}`)));
});

const auth = (t: string): Record<string, string> => ({ authorization: `Bearer ${t}`, 'content-type': 'application/json' });
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const FINAL = new Set(['done', 'failed', 'cancelled']);

// 1. Submissions and polling.
const latencies: number[] = [];
const ids: string[] = [];
let invalid = 0;
let failed = 0;
let done = 0;
let firstId = '';
const owners = new Map<string, string>();
const started = performance.now();
await Promise.all(
  tokens.map(async (token, c) => {
    const mine: string[] = [];
    for (let seed = c + 1; seed <= JOBS; seed += CLIENTS) {
      const r = await fetch(`${base}/v1/plans`, { method: 'POST', headers: auth(token), body: JSON.stringify({ instance: instanceJson, options: { seed, iterationsPerDay: ITERATIONS, rounds: 1 } }) });
      if (r.status !== 202) throw new Error(`submission answered ${r.status}: ${await r.text()}`);
      mine.push(((await r.json()) as { id: string }).id);
    }
    ids.push(...mine);
    for (const id of mine) owners.set(id, token);
    const pending = [...mine];
    while (pending.length > 0) {
      const id = pending.shift()!;
      const t = performance.now();
      const r = await fetch(`${base}/v1/plans/${id}`, { headers: auth(token) });
      const status = ((await r.json()) as { status: string }).status;
      latencies.push(performance.now() - t);
      if (r.status !== 200) throw new Error(`GET answered ${r.status}`);
      if (!FINAL.has(status)) pending.push(id);
      else if (status !== 'done') failed++;
      else done++;
      await sleep(100);
    }
  }),
);
const solveSeconds = (performance.now() - started) / 1000;
// Checked after the polling, so that checking on this process's thread never delays a timed GET.
for (const id of ids) {
  const r = await fetch(`${base}/v1/plans/${id}/plan`, { headers: auth(owners.get(id)!) });
  if (r.status !== 200 || !checkPlan(instance, Plan.parse(await r.json())).valid) invalid++;
}
firstId = ids.find((id) => owners.get(id) === tokens[0])!;
const health = (await (await fetch(`${base}/healthz`)).json()) as { jobs: Record<string, number> };
const stored = Object.values(health.jobs).reduce((a, b) => a + b, 0);
latencies.sort((a, b) => a - b);
const pct = (p: number): number => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!;

// 2. Malformed requests, spread over the tokens (each stays under its rate limit).
const huge = JSON.stringify({ instance: { pad: 'x'.repeat(10 * 1024 * 1024) } });
const deep = `{"instance":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
type Case = { name: string; expect: number; send: (token: string) => Promise<Response> };
const post = (token: string, body: string, headers: Record<string, string> = auth(token)): Promise<Response> => fetch(`${base}/v1/plans`, { method: 'POST', headers, body });
/** A POST whose answer counts as soon as it arrives, even before the whole body is sent. */
const postRaw = (token: string, body: string): Promise<Response> =>
  new Promise((res, rej) => {
    const req = request(`${base}/v1/plans`, { method: 'POST', headers: { ...auth(token), 'content-length': Buffer.byteLength(body) } }, (r) => {
      r.resume();
      res(new Response(null, { status: r.statusCode }));
    });
    // An answer that came first wins (resolving twice is a no-op).
    req.on('error', (e) => setTimeout(() => rej(e), 1000));
    req.end(body);
  });
const cases: Case[] = [
  { name: 'wrong types', expect: 400, send: (t) => post(t, JSON.stringify({ instance: { ...instanceJson, clients: 'many' }, options: { seed: 'one' } })) },
  { name: 'huge numbers', expect: 400, send: (t) => post(t, JSON.stringify({ instance: instanceJson, options: { seed: 1e300, iterationsPerDay: 1e12 } })) },
  { name: 'unknown keys', expect: 400, send: (t) => post(t, JSON.stringify({ instance: instanceJson, options: { turbo: true } })) },
  { name: 'not JSON', expect: 400, send: (t) => post(t, '{"instance": [1, 2') },
  { name: 'deep nesting', expect: 413, send: (t) => post(t, deep) },
  { name: '10 MB body', expect: 413, send: (t) => postRaw(t, huge) },
  { name: 'bad token', expect: 401, send: (t) => post(t, JSON.stringify({ instance: instanceJson }), auth(`${t}x`)) },
  { name: 'unknown id', expect: 404, send: (t) => fetch(`${base}/v1/plans/00000000-0000-4000-8000-000000000000`, { headers: auth(t) }) },
  { name: "another token's job", expect: 404, send: (t) => fetch(`${base}/v1/plans/${firstId}`, { headers: auth(t === tokens[0] ? tokens[1]! : t) }) },
];
const wrong = new Map<string, number>();
const byCase = new Map<string, number>();
const malformedStarted = performance.now();
for (let i = 0; i < MALFORMED; i += CLIENTS) {
  await Promise.all(
    tokens.slice(0, Math.min(CLIENTS, MALFORMED - i)).map(async (token, c) => {
      const k = cases[(i + c) % cases.length]!;
      let status: number;
      try {
        const r = await k.send(token);
        status = r.status;
        await r.arrayBuffer();
      } catch {
        status = -1; // connection closed before an answer
      }
      byCase.set(k.name, (byCase.get(k.name) ?? 0) + 1);
      if (status !== k.expect) wrong.set(`${k.name}: ${status}`, (wrong.get(`${k.name}: ${status}`) ?? 0) + 1);
    }),
  );
}
const malformedSeconds = (performance.now() - malformedStarted) / 1000;
const after = await fetch(`${base}/healthz`);
const afterJobs = Object.values(((await after.json()) as { jobs: Record<string, number> }).jobs).reduce((a, b) => a + b, 0);

child.kill('SIGTERM');
await new Promise((r) => child.once('exit', r));
rmSync(dir, { recursive: true, force: true });

const duplicated = stored - JOBS + (ids.length - new Set(ids).size);
console.log(`slinga serve load test: ${JOBS} plan jobs of the tiny sample (${ITERATIONS} iterations/day, 1 pass) from ${CLIENTS} clients, --workers ${WORKERS}, loopback`);
console.log(`  submitted ${ids.length}, done ${done}, failed ${failed}, lost ${JOBS - done - failed}, duplicated ${duplicated}, plans failing checkPlan ${invalid}`);
console.log(`  all solved in ${solveSeconds.toFixed(1)} s (${(JOBS / solveSeconds).toFixed(1)} jobs/s)`);
console.log(`  GET /v1/plans/{id} while solves run: ${latencies.length} requests, p50 ${pct(50).toFixed(1)} ms, p95 ${pct(95).toFixed(1)} ms, p99 ${pct(99).toFixed(1)} ms, max ${latencies.at(-1)!.toFixed(1)} ms`);
console.log(`  malformed: ${MALFORMED} requests in ${malformedSeconds.toFixed(1)} s (${[...byCase].map(([k, n]) => `${k} ×${n}`).join(', ')})`);
console.log(`  wrong answers: ${wrong.size === 0 ? 'none' : [...wrong].map(([k, n]) => `${k} ×${n}`).join(', ')}; server up after: ${after.status === 200}; jobs stored before ${stored}, after ${afterJobs}`);
if (JOBS - done !== 0 || duplicated !== 0 || invalid !== 0 || wrong.size > 0 || afterJobs !== stored) process.exitCode = 1;
