/**
 * Benchmark runner: `node dist/bench/run.js <solomon|mankowska> [--time-limit s] [--seed n]
 * [--instances a,b] [--max-iterations n] [--json file]`. Reads data from ../shared/benchmarks
 * relative to the repository root; prints a per-instance markdown table and a summary by class.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseMankowska, solveMankowska } from '../src/benchmarks/mankowska.js';
import { parseSolomon, solveSolomon } from '../src/benchmarks/solomon.js';

interface Row {
  instance: string;
  cls: string;
  value: number;
  vehicles: number;
  bks: number | null;
  gapPercent: number | null;
  seconds: number;
  iterations: number;
  feasible: boolean;
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dataRoot = process.env.SLINGA_BENCH_DATA ?? resolve(repoRoot, '..', 'shared', 'benchmarks');

function parseArgs(argv: string[]): { suite: string; timeLimit?: number; seed: number; instances?: string[]; json?: string; maxIterations?: number; t0?: number; tf?: number; params?: Record<string, number> } {
  const suite = argv[0] ?? '';
  const out: ReturnType<typeof parseArgs> = { suite, seed: 1 };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    const v = argv[i + 1];
    const need = (): string => {
      if (v === undefined) throw new Error(`${a} needs a value`);
      i++;
      return v;
    };
    if (a === '--time-limit') out.timeLimit = Number(need());
    else if (a === '--seed') out.seed = Number(need());
    else if (a === '--instances') out.instances = need().split(',').map((s) => s.trim()).filter(Boolean);
    else if (a === '--json') out.json = need();
    else if (a === '--max-iterations') out.maxIterations = Number(need());
    else if (a === '--t0') out.t0 = Number(need());
    else if (a === '--param') {
      const [k, x] = need().split('=');
      out.params = { ...out.params, [k!]: Number(x) };
    }
    else if (a === '--tf') out.tf = Number(need());
    else throw new Error(`unknown argument ${a}`);
  }
  if (out.timeLimit !== undefined && !(out.timeLimit > 0)) throw new Error('--time-limit must be positive');
  if (!Number.isInteger(out.seed)) throw new Error('--seed must be an integer');
  return out;
}

/** Minimal CSV reader (quoted fields with commas). */
function readCsv(path: string): Record<string, string>[] {
  const text = readFileSync(path, 'utf8').replace(/\r/g, '');
  const rows: string[][] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const fields: string[] = [];
    let cur = '';
    let q = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i]!;
      if (q) {
        if (ch === '"' && line[i + 1] === '"') {
          cur += '"';
          i++;
        } else if (ch === '"') q = false;
        else cur += ch;
      } else if (ch === '"') q = true;
      else if (ch === ',') {
        fields.push(cur);
        cur = '';
      } else cur += ch;
    }
    fields.push(cur);
    rows.push(fields);
  }
  const head = rows[0]!;
  return rows.slice(1).map((r) => Object.fromEntries(head.map((h, i) => [h, r[i] ?? ''])));
}

function fmt(x: number | null, d = 2): string {
  return x === null || !Number.isFinite(x) ? '-' : x.toFixed(d);
}

function printTable(rows: Row[], excluded: Set<string>): void {
  console.log('| instance | value | vehicles | BKS | gap % | seconds | iterations | feasible |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---|');
  for (const r of rows) {
    const gap = excluded.has(r.instance) ? `(${fmt(r.gapPercent)})` : fmt(r.gapPercent);
    console.log(`| ${r.instance} | ${fmt(r.value)} | ${r.vehicles} | ${fmt(r.bks)} | ${gap} | ${fmt(r.seconds, 1)} | ${r.iterations} | ${r.feasible ? 'yes' : 'NO'} |`);
  }
  console.log('');
  console.log('| class | instances | feasible | mean gap % | max gap % | mean seconds |');
  console.log('|---|---:|---:|---:|---:|---:|');
  const classes = [...new Set(rows.map((r) => r.cls))];
  const line = (name: string, rs: Row[]): void => {
    const gaps = rs.filter((r) => r.gapPercent !== null && !excluded.has(r.instance)).map((r) => r.gapPercent!);
    const mean = gaps.length ? gaps.reduce((s, g) => s + g, 0) / gaps.length : null;
    const max = gaps.length ? Math.max(...gaps) : null;
    const secs = rs.reduce((s, r) => s + r.seconds, 0) / rs.length;
    console.log(`| ${name} | ${rs.length} | ${rs.filter((r) => r.feasible).length} | ${fmt(mean)} | ${fmt(max)} | ${fmt(secs, 1)} |`);
  };
  for (const c of classes) line(c, rows.filter((r) => r.cls === c));
  line('all', rows);
  if (excluded.size > 0) console.log(`\nGaps in parentheses are excluded from means (${[...excluded].join(', ')}: inconsistent BKS).`);
}

function runSolomon(args: ReturnType<typeof parseArgs>): Row[] {
  const dir = join(dataRoot, 'solomon');
  const bks = readCsv(join(dir, 'bks.csv'));
  const rows: Row[] = [];
  const wanted = args.instances?.map((s) => s.toUpperCase());
  for (const b of bks) {
    const name = b.instance!;
    if (wanted && !wanted.includes(name.toUpperCase())) continue;
    const inst = parseSolomon(readFileSync(join(dir, `${name}.txt`), 'utf8'));
    const res = solveSolomon(inst, { timeLimitSeconds: args.timeLimit ?? (args.maxIterations ? undefined : 10), seed: args.seed, maxIterations: args.maxIterations, search: tuning(args) });
    const ref = Number(b.distonly_double_distance);
    const row: Row = {
      instance: name,
      cls: name.replace(/\d\d$/, ''),
      value: res.distance,
      vehicles: res.vehicles,
      bks: ref,
      gapPercent: (100 * (res.distance - ref)) / ref,
      seconds: res.seconds,
      iterations: res.iterations,
      feasible: res.feasible,
    };
    rows.push(row);
    console.error(`${name}: ${res.distance.toFixed(2)} (${res.vehicles} veh) gap ${row.gapPercent!.toFixed(2)}% ${res.iterations} it ${res.feasible ? '' : 'INFEASIBLE'}`);
  }
  return rows;
}

function runMankowska(args: ReturnType<typeof parseArgs>): Row[] {
  const dir = join(dataRoot, 'mankowska2014');
  const bks = readCsv(join(dir, 'bks.csv'));
  const rows: Row[] = [];
  const wanted = args.instances?.map((s) => s.toUpperCase());
  for (const b of bks) {
    const name = b.instance!;
    if (wanted ? !wanted.includes(name.toUpperCase()) : !/^[A-E]\d+$/.test(name)) continue;
    const inst = parseMankowska(readFileSync(join(dir, b.file!), 'utf8'));
    const res = solveMankowska(inst, { timeLimitSeconds: args.timeLimit ?? (args.maxIterations ? undefined : 30), seed: args.seed, maxIterations: args.maxIterations, search: tuning(args) });
    const ref = Number(b.bks);
    const row: Row = {
      instance: name,
      cls: name.replace(/\d+$/, ''),
      value: res.cost,
      vehicles: res.routes.filter((r) => r.stops.length > 0).length,
      bks: ref,
      gapPercent: (100 * (res.cost - ref)) / ref,
      seconds: res.seconds,
      iterations: res.iterations,
      feasible: res.feasible,
    };
    rows.push(row);
    console.error(`${name}: ${res.cost.toFixed(3)} gap ${row.gapPercent!.toFixed(2)}% ${res.iterations} it ${res.feasible ? '' : 'INFEASIBLE'}`);
  }
  return rows;
}

/** Temperature overrides for experiments (--t0, --tf). */
function tuning(args: ReturnType<typeof parseArgs>): { initialTemperature?: number; finalTemperature?: number; params?: Record<string, number>; improveGate?: number } {
  return { initialTemperature: args.t0, finalTemperature: args.tf, params: args.params, improveGate: args.params?.['gate'] };
}

function main(): void {
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error((e as Error).message);
    process.exit(2);
  }
  let rows: Row[];
  let excluded = new Set<string>();
  if (args.suite === 'solomon') {
    rows = runSolomon(args);
    excluded = new Set(['R109', 'RC103']);
  } else if (args.suite === 'mankowska') rows = runMankowska(args);
  else {
    console.error('usage: run.js <solomon|mankowska> [--time-limit s] [--seed n] [--instances a,b] [--max-iterations n] [--json file]');
    process.exit(2);
  }
  console.log(`## ${args.suite} (seed ${args.seed}, time limit ${args.timeLimit ?? 'default'} s)\n`);
  printTable(rows, excluded);
  const rss = process.resourceUsage().maxRSS / 1024;
  console.log(`\nPeak RSS: ${rss.toFixed(0)} MB`);
  if (args.json) {
    writeFileSync(args.json, JSON.stringify({ suite: args.suite, seed: args.seed, timeLimitSeconds: args.timeLimit ?? null, peakRssMB: rss, excluded: [...excluded], rows }, null, 2));
  }
}

main();
