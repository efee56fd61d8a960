import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PoolTaskError, SolverPool, defineRegistry, fnv1a, pickWinner, shareArrays, type TaskHandler, type TaskRegistry } from '../../src/pool/index.js';
import { appTasks, type VrptwTask } from '../../src/tasks/index.js';
import { benchData } from '../fixtures/benchmarks.js';
import probeTasks, { probe, type ProbeTask } from './probe-tasks.js';

// Threads run compiled code: the pool's worker (dist/src/pool/worker.js) and the registry it is
// given (dist/src/tasks/index.js, dist/test/pool/probe-tasks.js); `npm test` builds first.
const C101 = readFileSync(resolve(benchData, 'solomon', 'C101.txt'), 'utf8');

/** The first 25 customers of C101: small enough for a fixed-iteration run in a test. */
function smallSolomon(): string {
  const lines = C101.replace(/\r/g, '').split('\n');
  const start = lines.findIndex((l) => /^\s*0\s+40\s+50/.test(l));
  return lines.slice(0, start + 26).join('\n') + '\n';
}

const pools: { destroy(): Promise<void> }[] = [];
/** A pool of the given registry (default: the probe's), destroyed after the test. */
function pool<H extends TaskHandler>(workers: number, registry: TaskRegistry<H>): SolverPool<H>;
function pool(workers: number): SolverPool<(typeof probeTasks.handlers)[string]>;
function pool(workers: number, registry: TaskRegistry = probeTasks): SolverPool {
  const p = new SolverPool({ workers, registry });
  pools.push(p);
  return p;
}

afterEach(async () => {
  for (const p of pools.splice(0)) await p.destroy();
});

describe('SolverPool', () => {
  it('gives the same result on a worker thread as in-process (same entry, same seed)', async () => {
    const task: VrptwTask = { kind: 'vrptw', text: smallSolomon(), seed: 3, maxIterations: 300 };
    const [threaded] = await pool(2, appTasks).runAll([task]);
    const inProcess = await pool(1, appTasks).run(task);
    if (threaded!.kind !== 'vrptw' || inProcess.kind !== 'vrptw') throw new Error('wrong kind');
    const strip = (r: typeof threaded.result) => ({ ...r, seconds: 0 });
    expect(JSON.stringify(strip(threaded.result))).toBe(JSON.stringify(strip(inProcess.result)));
    expect(threaded.result.feasible).toBe(true);
  });

  it('shares typed arrays with the workers and returns results in task order', async () => {
    const p = pool(2);
    const tasks: ProbeTask[] = [1, 2, 3, 4].map((n) => ({ kind: 'probe', values: Int32Array.from({ length: 1000 * n }, (_, i) => i % 7) }));
    const sums = (await p.runAll(tasks)).map((r) => (r.kind === 'probe' ? r.sum : NaN));
    expect(sums).toEqual([1000, 2000, 3000, 4000].map((len) => Array.from({ length: len }, (_, i) => i % 7).reduce((a, b) => a + b, 0)));
  });

  it('moves the typed arrays of a task to shared memory for the threads, at any depth', async () => {
    const spec = { travel: Float64Array.of(0, 1, 1, 0), rows: [Int32Array.of(1), new Int32Array(new SharedArrayBuffer(8))] };
    expect(await pool(2).run({ kind: 'shared', spec })).toEqual({ kind: 'shared', travel: true, rows: [true, true] });
    // In-process there is nothing to share with: the task runs as given.
    expect(await pool(1).run({ kind: 'shared', spec })).toEqual({ kind: 'shared', travel: false, rows: [false, true] });
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
    const p = pool(2, appTasks);
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

describe('task registries', () => {
  it('name every handler by its kind, frozen, and refuse two handlers of one kind', () => {
    expect(Object.keys(appTasks.handlers).sort()).toEqual(['hhcrsp', 'plan', 'route', 'vrptw']);
    expect(Object.isFrozen(appTasks) && Object.isFrozen(appTasks.handlers)).toBe(true);
    expect(() => defineRegistry('test:dup', [probe, probe])).toThrow('two handlers for "probe"');
  });

  it('reject a kind the pool\'s registry does not list, without retrying', async () => {
    const task = { kind: 'vrptw', text: '', seed: 1 } as unknown as ProbeTask;
    await expect(pool(1).run(task)).rejects.toThrow(/no "vrptw" handler in task registry .*probe-tasks/);
  });

  it('re-validate results with the handler: a malformed result counts as a failed attempt', async () => {
    const liar: TaskHandler<{ kind: 'liar' }, { kind: 'liar'; n: number }> = { kind: 'liar', run: () => ({ kind: 'liar', n: -1 }), validate: (r) => ({ kind: 'liar', n: positive(r) }) };
    const p = pool(1, defineRegistry('test:liar', [liar]));
    await expect(p.run({ kind: 'liar' })).rejects.toThrow('liar task failed twice: n = -1; then: n = -1');
  });
});

function positive(r: unknown): number {
  const n = (r as { n: number }).n;
  if (!(n > 0)) throw new Error(`n = ${n}`);
  return n;
}

describe('shareArrays', () => {
  it('copies typed arrays on plain buffers to shared memory once and keeps everything else as it is', () => {
    const onShared = new Int32Array(new SharedArrayBuffer(4));
    const untouched = { ids: ['a', 'b'], minutes: [[0, 5], [5, 0]] };
    const task = { kind: 'x', spec: { travel: Float64Array.of(1, 2), rows: [onShared, Int32Array.of(3)] }, untouched };
    const shared = shareArrays(task);
    expect(shared.spec.travel.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect([...shared.spec.travel]).toEqual([1, 2]);
    expect(shared.spec.rows[0]).toBe(onShared);
    expect(shared.spec.rows[1]!.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(shared.untouched).toBe(untouched);
    expect(task.spec.travel.buffer).not.toBeInstanceOf(SharedArrayBuffer); // the caller's task is not changed
    expect(shareArrays(untouched)).toBe(untouched);
  });
});

describe('src/pool', () => {
  it('imports nothing of the application: only its own files, node: modules and piscina', () => {
    const dir = new URL('../../src/pool/', import.meta.url);
    for (const file of readdirSync(dir)) {
      const text = readFileSync(new URL(file, dir), 'utf8');
      for (const [, spec] of text.matchAll(/\bfrom\s+'([^']+)'/g)) expect(`${file}: ${spec}`).toMatch(/: (\.\/[\w-]+\.js|node:\w+|piscina)$/);
    }
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
