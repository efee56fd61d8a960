/**
 * Micro-benchmarks (tinybench): `npm run bench:micro`. Travel lookup, insertion evaluation, each
 * operator's evaluation on a solved Solomon instance, and a task's round trip through the pool
 * (threads vs in-process: the difference is the pool's overhead per task).
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Bench } from 'tinybench';
import { generateScenario } from '../data/generator/index.js';
import {
  BlinkInsertion,
  DEFAULT_PARAMS,
  GranularRelocate,
  GranularSwap,
  Rng,
  StringRemoval,
  TwoOptStar,
  WorkingSolution,
  solve,
  type Operator,
} from '../solver/index.js';
import { SolverPool } from '../src/pool/index.js';
import { solomonProblem, parseSolomon } from '../src/benchmarks/solomon.js';
import { Instance } from '../src/schema/instance.js';
import { TravelModel } from '../src/travel/model.js';
import echoTasks from './echo-tasks.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const data = process.env.SLINGA_BENCH_DATA ?? resolve(root, '..', 'shared', 'benchmarks');

async function main(): Promise<void> {
  const bench = new Bench({ time: 500, warmupTime: 100 });

  // Travel lookup on a knivsta-size matrix.
  const knivsta = Instance.parse(generateScenario({ profile: 'knivsta', seed: 1 }));
  const travel = new TravelModel(knivsta);
  const n = travel.locations.length;
  const rng = new Rng(1);
  const pairs = Int32Array.from({ length: 4096 }, () => rng.int(n));
  let sink = 0;
  bench.add(`travel lookup ×4096 (${n} locations)`, () => {
    for (let i = 0; i < pairs.length - 1; i++) sink += travel.minutes('car', pairs[i]!, pairs[i + 1]!);
  });

  // A solved R101 as the base for insertion and operator evaluation.
  const problem = solomonProblem(parseSolomon(readFileSync(resolve(data, 'solomon', 'R101.txt'), 'utf8')));
  const solved = solve(problem, { seed: 1, maxIterations: 3000 });
  const sol = new WorkingSolution(problem);
  sol.setRoutes(solved.routes);
  const opRng = new Rng(2);
  // Ten visits taken out: the insertion benchmark prices one of them against all routes.
  const out = new Set(Array.from({ length: 10 }, (_, i) => i * 9));
  const partial = new WorkingSolution(problem);
  partial.setRoutes(solved.routes.map((r) => r.filter((v) => !out.has(v))));
  const outList = [...out];
  bench.add('insertion evaluation (best position of one visit over all routes, R101)', () => {
    sink += partial.bestInsertion(outList[opRng.int(outList.length)]!, 0, opRng);
  });
  const improvers: Operator[] = [new GranularRelocate(), new GranularSwap(), new TwoOptStar()];
  for (const op of improvers) {
    bench.add(`${op.name}.evaluate (R101)`, () => {
      sink += op.evaluate(sol, opRng, DEFAULT_PARAMS);
    });
  }
  const ruin = new StringRemoval();
  const recreate = new BlinkInsertion();
  const work = new WorkingSolution(problem);
  bench.add('string removal + blink insertion (R101, one iteration)', () => {
    work.setRoutes(solved.routes);
    ruin.apply(work, opRng, DEFAULT_PARAMS);
    recreate.apply(work, opRng, DEFAULT_PARAMS);
  });

  // Pool round trip of a tiny task: threads vs in-process.
  const threads = new SolverPool({ workers: 2, registry: echoTasks });
  const inProcess = new SolverPool({ workers: 1, registry: echoTasks });
  const tiny = { kind: 'echo' as const, values: Int32Array.of(1, 2, 3) };
  await threads.run(tiny); // start a thread before timing
  bench.add('pool round trip, tiny task, 2 worker threads', async () => {
    await threads.run(tiny);
  });
  bench.add('pool round trip, tiny task, in-process', async () => {
    await inProcess.run(tiny);
  });

  await bench.run();
  await threads.destroy();
  console.log('| task | mean time | ops/s |\n|---|---:|---:|');
  for (const t of bench.tasks) {
    const r = t.result as { latency?: { mean: number } } | undefined;
    const mean = r?.latency?.mean ?? NaN;
    console.log(`| ${t.name} | ${fmtMs(mean)} | ${Math.round(1000 / mean)} |`);
  }
  if (sink === 0.5) console.log(sink); // keep the work observable
}

function fmtMs(ms: number): string {
  return ms < 1 ? `${(ms * 1000).toFixed(1)} µs` : `${ms.toFixed(2)} ms`;
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
