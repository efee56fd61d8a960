import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PoolTaskError, SolverPool, fnv1a, pickWinner, type PoolTask } from '../../src/pool/index.js';
import { benchData } from '../fixtures/benchmarks.js';

// The pool runs the compiled worker (dist/src/pool/worker.js); `npm test` builds first.
const C101 = readFileSync(resolve(benchData, 'solomon', 'C101.txt'), 'utf8');

/** The first 25 customers of C101: small enough for a fixed-iteration run in a test. */
function smallSolomon(): string {
  const lines = C101.replace(/\r/g, '').split('\n');
  const start = lines.findIndex((l) => /^\s*0\s+40\s+50/.test(l));
  return lines.slice(0, start + 26).join('\n') + '\n';
}

const pools: SolverPool[] = [];
function pool(workers: number): SolverPool {
  const p = new SolverPool({ workers });
  pools.push(p);
  return p;
}

afterEach(async () => {
  for (const p of pools.splice(0)) await p.destroy();
});

describe('SolverPool', () => {
  it('gives the same result on a worker thread as in-process (same entry, same seed)', async () => {
    const task: PoolTask = { kind: 'vrptw', text: smallSolomon(), seed: 3, maxIterations: 300 };
    const [threaded] = await pool(2).runAll([task]);
    const inProcess = await pool(1).run(task);
    if (threaded!.kind !== 'vrptw' || inProcess.kind !== 'vrptw') throw new Error('wrong kind');
    const strip = (r: typeof threaded.result) => ({ ...r, seconds: 0 });
    expect(JSON.stringify(strip(threaded.result))).toBe(JSON.stringify(strip(inProcess.result)));
    expect(threaded.result.feasible).toBe(true);
  });

  it('shares typed arrays with the workers and returns results in task order', async () => {
    const p = pool(2);
    const tasks: PoolTask[] = [1, 2, 3, 4].map((n) => ({ kind: 'probe', values: Int32Array.from({ length: 1000 * n }, (_, i) => i % 7) }));
    const sums = (await p.runAll(tasks)).map((r) => (r.kind === 'probe' ? r.sum : NaN));
    expect(sums).toEqual([1000, 2000, 3000, 4000].map((len) => Array.from({ length: len }, (_, i) => i % 7).reduce((a, b) => a + b, 0)));
  });

  it('retries a task whose worker throws, once', async () => {
    const r = await pool(2).run({ kind: 'probe', values: Int32Array.of(1, 2), fault: { mode: 'throw', attempts: 1 } });
    expect(r).toEqual({ kind: 'probe', sum: 3, attempt: 1 });
  });

  it('retries a task whose worker thread dies on a fresh thread, and the pool goes on', async () => {
    const p = pool(2);
    const r = await p.run({ kind: 'probe', values: Int32Array.of(5), fault: { mode: 'exit', attempts: 1 } });
    expect(r).toEqual({ kind: 'probe', sum: 5, attempt: 1 });
    expect(await p.run({ kind: 'probe', values: Int32Array.of(7) })).toEqual({ kind: 'probe', sum: 7, attempt: 0 });
  });

  it('reports a task that fails twice with a clear message, without hanging', async () => {
    const p = pool(2);
    await expect(p.run({ kind: 'probe', values: Int32Array.of(1), fault: { mode: 'exit', attempts: 2 } })).rejects.toBeInstanceOf(PoolTaskError);
    await expect(p.run({ kind: 'probe', values: Int32Array.of(1), fault: { mode: 'throw', attempts: 2 } })).rejects.toThrow(
      'probe task failed twice: injected fault on attempt 0; then: injected fault on attempt 1',
    );
  });

  it('stops a running task when aborted, and leaves no thread after destroy', async () => {
    const p = pool(2);
    const controller = new AbortController();
    const running = p.run({ kind: 'vrptw', text: C101, seed: 1, timeLimitSeconds: 60 }, controller.signal);
    setTimeout(() => controller.abort(), 200);
    await expect(running).rejects.toThrow();
    await p.destroy();
    expect(p.threads).toBe(0);
  });

  it('in-process pools also retry and report failures', async () => {
    const p = pool(1);
    expect(await p.run({ kind: 'probe', values: Int32Array.of(2), fault: { mode: 'throw', attempts: 1 } })).toEqual({ kind: 'probe', sum: 2, attempt: 1 });
    await expect(p.run({ kind: 'probe', values: Int32Array.of(2), fault: { mode: 'throw', attempts: 2 } })).rejects.toBeInstanceOf(PoolTaskError);
  });
});

describe('pickWinner', () => {
  it('picks by score, breaks ties by content hash, and ignores completion order', () => {
    const results = [
      { id: 'a', cost: 5 },
      { id: 'b', cost: 3 },
      { id: 'c', cost: 3 },
      { id: 'd', cost: 9 },
    ];
    const win = pickWinner(results, (r) => r.cost).result;
    const expected = fnv1a(JSON.stringify(results[1])) < fnv1a(JSON.stringify(results[2])) ? 'b' : 'c';
    expect(win.id).toBe(expected);
    for (const perm of [[3, 2, 1, 0], [2, 0, 3, 1], [1, 3, 0, 2]]) {
      expect(pickWinner(perm.map((i) => results[i]!), (r) => r.cost).result.id).toBe(expected);
    }
    expect(() => pickWinner([], () => 0)).toThrow(RangeError);
  });
});
