/**
 * Scaling benchmark: time per 1,000 search iterations on random Solomon-like instances of about
 * 100, 200, 400 and 800 visits (`node dist/bench/scaling.js [--iterations n] [--sizes a,b] [--seed n]`).
 * Instances are generated with the seeded RNG (R2-like: random points, wide windows, capacity);
 * the fleet is n/4 vehicles. Prints a markdown table; construction time is reported separately.
 */
import { compileProblem } from '../solver/problem.js';
import { Rng } from '../solver/rng.js';
import { solve } from '../solver/search.js';

function instance(n: number, seed: number) {
  const rng = new Rng(seed);
  const pts: [number, number][] = [[50, 50]];
  for (let i = 0; i < n; i++) pts.push([rng.next() * 100, rng.next() * 100]);
  const m = pts.length;
  const travel = new Float64Array(m * m);
  for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) travel[a * m + b] = Math.hypot(pts[a]![0] - pts[b]![0], pts[a]![1] - pts[b]![1]);
  const horizon = 1000;
  return compileProblem({
    nLocations: m,
    travel,
    visits: pts.slice(1).map((_, i) => {
      const centre = 100 + rng.next() * (horizon - 250);
      const half = 30 + rng.next() * 120;
      return { location: i + 1, duration: 10, demand: 1 + rng.int(20), windows: [[Math.max(0, centre - half), centre + half]] as const };
    }),
    vehicles: Array.from({ length: Math.ceil(n / 4) }, () => ({ start: 0, end: 0, shiftStart: 0, shiftEnd: horizon, capacity: 200 })),
  });
}

function main(): void {
  const args = process.argv.slice(2);
  const get = (k: string): string | undefined => {
    const i = args.indexOf(k);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const iterations = Number(get('--iterations') ?? 5000);
  const sizes = (get('--sizes') ?? '100,200,400,800').split(',').map(Number);
  const seed = Number(get('--seed') ?? 1);
  console.log('| visits | construction s | iterations | search s | ms per 1,000 iterations | ms per 1,000 it. per 100 visits | cost |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|');
  for (const n of sizes) {
    const p = instance(n, seed + n);
    const t0 = performance.now();
    const c = solve(p, { seed, maxIterations: 0 });
    const t1 = performance.now();
    const r = solve(p, { seed, maxIterations: iterations });
    const t2 = performance.now();
    const search = (t2 - t1 - (t1 - t0)) / 1000;
    const per1000 = (1000 * search * 1000) / iterations;
    console.log(`| ${n} | ${((t1 - t0) / 1000).toFixed(2)} | ${iterations} | ${search.toFixed(2)} | ${per1000.toFixed(1)} | ${((per1000 * 100) / n).toFixed(1)} | ${r.cost.toFixed(1)} (start ${c.cost.toFixed(1)}) |`);
  }
  console.log(`\nPeak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
}

main();
