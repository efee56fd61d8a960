/**
 * Micro-benchmarks (tinybench): `npm run bench:micro`. Travel lookup, insertion pricing, the local
 * search's moves and one ruin-and-recreate iteration on a solved Solomon instance, the same on a
 * home-care day with breaks, double staffing and gaps, and a task's round trip through the pool
 * (threads vs in-process: the difference is the pool's overhead per task).
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Bench } from 'tinybench';
import { generateScenario } from '../data/generator/index.js';
import { BlinkInsertion, DEFAULT_PARAMS, Rng, StringRemoval, WorkingSolution, defaultMoves, localSearch, solve, type Problem, type SearchContext } from '../solver/index.js';
import { Inserter } from '../solver/insertion.js';
import { Pricer } from '../solver/proposal.js';
import { buildWeekModel } from '../src/plan/weekly/model.js';
import { dayProblem } from '../src/plan/weekly/day-problem.js';
import { historyCounts } from '../src/plan/weekly/write.js';
import { STRATEGY_WEIGHTS } from '../src/plan/terms/index.js';
import { compileProblem } from '../solver/problem.js';
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

  // A solved R101, and day 1 of the knivsta scenario (breaks, double staffing, gaps, continuity).
  const r101 = solomonProblem(parseSolomon(readFileSync(resolve(data, 'solomon', 'R101.txt'), 'utf8')));
  const model = buildWeekModel(knivsta);
  const day = compileProblem(
    dayProblem(model, 0, { weights: STRATEGY_WEIGHTS.balanced, others: historyCounts(model), windows: model.candidates.map((c) => c.windows) }),
  );
  for (const [label, problem] of [
    ['R101', r101],
    [`knivsta day 1, ${day.nVisits} visits`, day],
  ] as const) addEngine(bench, label, problem, (x) => (sink += x));

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

/** Insertion pricing, one local search and one ruin-and-recreate iteration on a solved problem. */
function addEngine(bench: Bench, label: string, problem: Problem, keep: (x: number) => void): void {
  const solved = solve(problem, { seed: 1, maxIterations: 500 });
  const rng = new Rng(2);
  const context = (sol: WorkingSolution): SearchContext => {
    const pricer = new Pricer(sol);
    return { sol, pricer, inserter: new Inserter(sol, pricer), rng, params: { ...DEFAULT_PARAMS } };
  };
  // Ten visits taken out: the insertion benchmark prices one of them against all routes.
  const partial = new WorkingSolution(problem);
  partial.setRoutes(solved.routes);
  const out: number[] = [];
  for (let v = 0; v < problem.nVisits && out.length < 10; v += Math.max(1, Math.floor(problem.nVisits / 10))) if (partial.routeOf[v]! >= 0) out.push(v);
  for (const v of out) partial.remove(v);
  partial.finishRemovals();
  const inserter = context(partial).inserter;
  bench.add(`insertion pricing (cheapest place of one visit over all routes, ${label})`, () => {
    keep(inserter.best(out[rng.int(out.length)]!, 0, rng));
  });
  const work = new WorkingSolution(problem);
  work.setRoutes(solved.routes);
  const ctx = context(work);
  const ruin = new StringRemoval();
  const recreate = new BlinkInsertion();
  const moves = defaultMoves();
  bench.add(`string removal + blink insertion, rolled back (${label})`, () => {
    work.begin();
    work.nRemoved = 0;
    ruin.apply(ctx);
    work.finishRemovals();
    recreate.apply(ctx);
    keep(work.cost());
    work.rollback();
  });
  bench.add(`string removal + blink insertion + local search, rolled back (${label})`, () => {
    work.begin();
    work.nRemoved = 0;
    ruin.apply(ctx);
    work.finishRemovals();
    recreate.apply(ctx);
    keep(localSearch(ctx, moves));
    work.rollback();
  });
}

function fmtMs(ms: number): string {
  return ms < 1 ? `${(ms * 1000).toFixed(1)} µs` : `${ms.toFixed(2)} ms`;
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
