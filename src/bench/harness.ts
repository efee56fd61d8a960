import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { generateScenario } from '../../data/generator/index.js';
import { checkPlan } from '../check/index.js';
import { computeKpis } from '../kpi/index.js';
import { SolverPool } from '../pool/index.js';
import { appTasks, type AppResult, type AppTask } from '../tasks/index.js';
import { parseInstance } from '../validate/index.js';

/** Benchmark suites. */
export const SUITES = ['solomon', 'mankowska', 'scenarios'] as const;
export type Suite = (typeof SUITES)[number];

/** Options of {@link runBench}. */
export interface BenchOptions {
  readonly suite: Suite;
  /** Folder with the public benchmark data (`../shared/benchmarks`). */
  readonly dataRoot: string;
  readonly instances?: readonly string[];
  readonly strategies?: readonly string[];
  /** Scenario scales (default 0.5, 1, 2). */
  readonly scales?: readonly number[];
  /** First seed and number of seeds: seeds `seed … seed + seeds − 1`. */
  readonly seed: number;
  readonly seeds: number;
  readonly timeLimitSeconds?: number;
  readonly maxIterations?: number;
  readonly workers: number;
  readonly signal?: AbortSignal;
  /** Called after each finished run with (done, total). */
  readonly onProgress?: (done: number, total: number) => void;
}

/** One run: an instance with a seed (and strategy). */
export interface BenchRow {
  readonly suite: Suite;
  readonly instance: string;
  readonly cls: string;
  readonly strategy: string;
  readonly seed: number;
  /** The objective: Solomon total distance, Mankowska cost, scenario travel minutes. */
  readonly value: number;
  readonly vehicles: number;
  readonly bks: number | null;
  readonly gapPercent: number | null;
  /** Excluded from class means (a BKS flagged inconsistent). */
  readonly excluded: boolean;
  readonly seconds: number;
  readonly feasible: boolean;
  /** Scenario runs only. */
  readonly visits?: number;
  readonly unplanned?: number;
  readonly continuityMedian?: number | null;
  readonly namedContactShare?: number | null;
  /** Process peak RSS (MB) when the run finished: per-run peaks with one worker and ascending sizes. */
  readonly peakRssMB?: number;
}

/** Per-class summary. */
export interface ClassSummary {
  readonly cls: string;
  readonly runs: number;
  readonly feasible: number;
  readonly meanGapPercent: number | null;
  readonly maxGapPercent: number | null;
  readonly meanValue: number;
  readonly meanSeconds: number;
}

/** A finished benchmark: rows in a fixed order, summary, wall time and peak memory. */
export interface BenchReport {
  readonly suite: Suite;
  readonly options: { seed: number; seeds: number; timeLimitSeconds: number | null; maxIterations: number | null; workers: number };
  readonly rows: readonly BenchRow[];
  readonly summary: readonly ClassSummary[];
  readonly wallSeconds: number;
  readonly peakRssMB: number;
}

/** Solomon distance-only BKS flagged inconsistent in the data's README. */
const SUSPECT_SOLOMON = new Set(['R109', 'RC103']);

interface Job {
  readonly instance: string;
  readonly cls: string;
  readonly strategy: string;
  readonly seed: number;
  readonly bks: number | null;
  readonly task: AppTask;
  readonly scenario?: { profile: 'knivsta' | 'bracke'; scale: number };
}

/**
 * Runs a benchmark suite on the worker pool: every instance × seed (× strategy) as an independent
 * task; rows come back in task order, whatever finishes first.
 */
export async function runBench(o: BenchOptions): Promise<BenchReport> {
  const started = performance.now();
  const jobs = buildJobs(o);
  const pool = new SolverPool({ workers: o.workers, registry: appTasks });
  let done = 0;
  try {
    const rss: number[] = [];
    const results = await Promise.all(
      jobs.map(async (job, i) => {
        const r = await pool.run(job.task, o.signal);
        rss[i] = process.resourceUsage().maxRSS / 1024;
        o.onProgress?.(++done, jobs.length);
        return r;
      }),
    );
    const rows = jobs.map((job, i) => ({ ...toRow(o.suite, job, results[i]!), ...(o.suite === 'scenarios' ? { peakRssMB: rss[i]! } : {}) }));
    return {
      suite: o.suite,
      options: { seed: o.seed, seeds: o.seeds, timeLimitSeconds: o.timeLimitSeconds ?? null, maxIterations: o.maxIterations ?? null, workers: o.workers },
      rows,
      summary: summarize(rows),
      wallSeconds: (performance.now() - started) / 1000,
      peakRssMB: process.resourceUsage().maxRSS / 1024,
    };
  } finally {
    await pool.destroy();
  }
}

function readCsv(file: string): Record<string, string>[] {
  return parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true, trim: true }) as Record<string, string>[];
}

function wanted(o: BenchOptions, name: string): boolean {
  return !o.instances || o.instances.some((i) => i.toUpperCase() === name.toUpperCase());
}

function seedsOf(o: BenchOptions): number[] {
  return Array.from({ length: o.seeds }, (_, k) => o.seed + k);
}

function buildJobs(o: BenchOptions): Job[] {
  const jobs: Job[] = [];
  const limits = { timeLimitSeconds: o.timeLimitSeconds, maxIterations: o.maxIterations };
  if (o.suite === 'solomon') {
    const dir = join(o.dataRoot, 'solomon');
    for (const b of readCsv(join(dir, 'bks.csv'))) {
      const name = b.instance!;
      if (!wanted(o, name)) continue;
      const text = readFileSync(join(dir, `${name}.txt`), 'utf8');
      for (const seed of seedsOf(o)) {
        jobs.push({ instance: name, cls: name.replace(/\d\d$/, ''), strategy: '-', seed, bks: Number(b.distonly_double_distance), task: { kind: 'vrptw', text, seed, ...limits } });
      }
    }
  } else if (o.suite === 'mankowska') {
    const dir = join(o.dataRoot, 'mankowska2014');
    for (const b of readCsv(join(dir, 'bks.csv'))) {
      const name = b.instance!;
      if (o.instances ? !wanted(o, name) : !/^[A-E]\d+$/.test(name)) continue;
      const text = readFileSync(join(dir, b.file!), 'utf8');
      for (const seed of seedsOf(o)) {
        jobs.push({ instance: name, cls: name.replace(/\d+$/, ''), strategy: '-', seed, bks: Number(b.bks), task: { kind: 'hhcrsp', text, seed, ...limits } });
      }
    }
  } else {
    const strategies = o.strategies && o.strategies.length > 0 ? o.strategies : ['baseline'];
    // Smallest scale first, so that with one worker each run's peak RSS is its own.
    for (const scale of [...(o.scales ?? [0.5, 1, 2])].sort((a, b) => a - b)) {
      for (const profile of ['knivsta', 'bracke'] as const) {
        const name = `${profile}-x${scale}`;
        if (!wanted(o, name)) continue;
        for (const seed of seedsOf(o)) {
          const instance = generateScenario({ profile, seed, scale });
          for (const strategy of strategies) {
            jobs.push({ instance: name, cls: profile, strategy, seed, bks: null, scenario: { profile, scale }, task: { kind: 'plan', instance, seed, strategy, timeLimitSeconds: o.timeLimitSeconds } });
          }
        }
      }
    }
  }
  if (jobs.length === 0) throw new RangeError(`no ${o.suite} instance matches ${o.instances?.join(',') ?? '(all)'}`);
  return jobs;
}

function toRow(suite: Suite, job: Job, r: AppResult): BenchRow {
  const base = { suite, instance: job.instance, cls: job.cls, strategy: job.strategy, seed: job.seed, bks: job.bks };
  const gap = (value: number): number | null => (job.bks && job.bks > 0 ? (100 * (value - job.bks)) / job.bks : null);
  if (r.kind === 'vrptw') {
    const x = r.result;
    return { ...base, value: x.distance, vehicles: x.vehicles, gapPercent: gap(x.distance), excluded: SUSPECT_SOLOMON.has(job.instance), seconds: x.seconds, feasible: x.feasible };
  }
  if (r.kind === 'hhcrsp') {
    const x = r.result;
    return { ...base, value: x.cost, vehicles: x.routes.filter((t) => t.stops.length > 0).length, gapPercent: gap(x.cost), excluded: false, seconds: x.seconds, feasible: x.feasible };
  }
  if (r.kind !== 'plan' || !job.scenario || job.task.kind !== 'plan') throw new Error(`unexpected ${r.kind} result for ${job.instance}`);
  // Scenario runs: the plan is checked independently and measured with the KPIs here, on arrival.
  const parsed = parseInstance(job.task.instance);
  if (!parsed.ok) throw new Error(`${job.instance}: generated instance is invalid`);
  const kpis = computeKpis(parsed.instance, r.plan);
  const check = checkPlan(parsed.instance, r.plan);
  return {
    ...base,
    value: kpis.travelMinutes,
    vehicles: r.plan.routes.length,
    gapPercent: null,
    excluded: false,
    seconds: r.seconds,
    feasible: check.valid,
    visits: kpis.visits,
    unplanned: kpis.unplanned.count,
    continuityMedian: kpis.continuity.national.median,
    namedContactShare: kpis.namedContactShare,
  };
}

/** Summary by class, then all runs (`cls: 'all'`). Excluded rows do not count in gap means. */
export function summarize(rows: readonly BenchRow[]): ClassSummary[] {
  const classes = [...new Set(rows.map((r) => r.cls))];
  const line = (cls: string, rs: readonly BenchRow[]): ClassSummary => {
    const gaps = rs.filter((r) => r.gapPercent !== null && !r.excluded).map((r) => r.gapPercent!);
    return {
      cls,
      runs: rs.length,
      feasible: rs.filter((r) => r.feasible).length,
      meanGapPercent: gaps.length ? gaps.reduce((s, g) => s + g, 0) / gaps.length : null,
      maxGapPercent: gaps.length ? Math.max(...gaps) : null,
      meanValue: rs.reduce((s, r) => s + r.value, 0) / rs.length,
      meanSeconds: rs.reduce((s, r) => s + (Number.isFinite(r.seconds) ? r.seconds : 0), 0) / rs.length,
    };
  };
  return [...classes.map((c) => line(c, rows.filter((r) => r.cls === c))), line('all', rows)];
}

const f = (x: number | null | undefined, d = 2): string => (x === null || x === undefined || !Number.isFinite(x) ? '-' : x.toFixed(d));

/**
 * Markdown tables: per run, then per class. With a stored baseline report, a Δ column shows the
 * change of each class's mean gap (or mean value) against it, so a regression shows.
 */
export function formatMarkdown(report: BenchReport, baseline?: BenchReport): string {
  const scen = report.suite === 'scenarios';
  const out: string[] = [];
  const o = report.options;
  out.push(`## ${report.suite}: seeds ${o.seed}–${o.seed + o.seeds - 1}, time limit ${o.timeLimitSeconds ?? '-'} s, max iterations ${o.maxIterations ?? '-'}, ${o.workers} worker(s)`, '');
  if (scen) {
    out.push(
      '| instance | strategy | seed | visits | unplanned | travel min | routes | continuity median | named contact | seconds | ms per visit | peak RSS MB | valid |',
      '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    );
    for (const r of report.rows) {
      const perVisit = r.visits ? (1000 * r.seconds) / r.visits : NaN;
      out.push(
        `| ${r.instance} | ${r.strategy} | ${r.seed} | ${r.visits} | ${r.unplanned} | ${f(r.value, 0)} | ${r.vehicles} | ${f(r.continuityMedian, 1)} | ${f((r.namedContactShare ?? NaN) * 100, 1)}% | ${f(r.seconds, 1)} | ${f(perVisit, 2)} | ${f(r.peakRssMB, 0)} | ${r.feasible ? 'yes' : 'NO'} |`,
      );
    }
  } else {
    out.push('| instance | seed | value | vehicles | BKS | gap % | seconds | feasible |', '|---|---:|---:|---:|---:|---:|---:|---|');
    for (const r of report.rows) {
      const gap = r.excluded ? `(${f(r.gapPercent)})` : f(r.gapPercent);
      out.push(`| ${r.instance} | ${r.seed} | ${f(r.value)} | ${r.vehicles} | ${f(r.bks)} | ${gap} | ${f(r.seconds, 1)} | ${r.feasible ? 'yes' : 'NO'} |`);
    }
  }
  out.push('');
  const base = new Map(baseline?.summary.map((s) => [s.cls, s]) ?? []);
  const delta = (s: ClassSummary): string => {
    const b = base.get(s.cls);
    if (!b) return '';
    const d = s.meanGapPercent !== null && b.meanGapPercent !== null ? s.meanGapPercent - b.meanGapPercent : s.meanValue - b.meanValue;
    return ` ${d > 0 ? '+' : ''}${f(d)} |`;
  };
  const head = `| class | runs | feasible | mean gap % | max gap % | mean value | mean seconds |${baseline ? ' Δ vs baseline |' : ''}`;
  out.push(head, `|---|---:|---:|---:|---:|---:|---:|${baseline ? '---:|' : ''}`);
  for (const s of report.summary) {
    out.push(`| ${s.cls} | ${s.runs} | ${s.feasible} | ${f(s.meanGapPercent)} | ${f(s.maxGapPercent)} | ${f(s.meanValue)} | ${f(s.meanSeconds, 1)} |${baseline ? delta(s) : ''}`);
  }
  const excluded = [...new Set(report.rows.filter((r) => r.excluded).map((r) => r.instance))];
  if (excluded.length > 0) out.push('', `Gaps in parentheses are left out of the means (${excluded.join(', ')}: BKS flagged inconsistent).`);
  out.push('', `Wall time ${f(report.wallSeconds, 1)} s; peak RSS ${f(report.peakRssMB, 0)} MB.`);
  return out.join('\n');
}

/** CSV of the rows (header + one line per run). */
export function formatCsv(report: BenchReport): string {
  const columns = ['suite', 'instance', 'cls', 'strategy', 'seed', 'value', 'vehicles', 'bks', 'gapPercent', 'excluded', 'seconds', 'feasible', 'visits', 'unplanned', 'continuityMedian', 'namedContactShare', 'peakRssMB'];
  return stringify(report.rows as unknown as Record<string, unknown>[], { header: true, columns, cast: { boolean: (b) => String(b) } });
}
