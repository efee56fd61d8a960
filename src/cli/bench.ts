import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatCsv, formatMarkdown, runBench, type BenchReport, type Suite } from '../bench/harness.js';
import { CliError } from './errors.js';
import { writeOut } from './io.js';
import { progressBar } from './progress.js';
import { readJsonFile } from '../validate/index.js';

/** Default time limits per suite (seconds): the issue targets' settings. */
const DEFAULT_LIMIT: Record<Suite, number | undefined> = { solomon: 10, mankowska: 30, scenarios: undefined };

/** `../shared/benchmarks` next to the repository (the package root is two levels above dist/src/cli). */
function defaultDataRoot(): string {
  if (process.env.SLINGA_BENCH_DATA) return process.env.SLINGA_BENCH_DATA;
  const here = dirname(fileURLToPath(import.meta.url));
  const root = here.includes('/dist/') ? resolve(here, '../../..') : resolve(here, '../..');
  return resolve(root, '..', 'shared', 'benchmarks');
}

/** `slinga bench` */
export async function cmdBench(
  suite: Suite,
  opts: {
    instances?: string;
    strategies?: string;
    scales?: string;
    seeds: number;
    seed: number;
    timeLimit?: number;
    maxIterations?: number;
    workers?: number;
    json?: string;
    csv?: string;
    baseline?: string;
    data?: string;
  },
): Promise<void> {
  if (opts.scales !== undefined && !opts.scales.split(',').every((x) => Number(x) > 0 && Number(x) <= 100)) throw new CliError(2, `--scales "${opts.scales}": give factors in (0, 100], e.g. 1,2,4`);
  let baseline: BenchReport | undefined;
  if (opts.baseline) baseline = (await readJsonFile(opts.baseline)) as BenchReport;
  const controller = new AbortController();
  const onSigint = (): void => controller.abort();
  process.once('SIGINT', onSigint);
  const bar = progressBar(`bench ${suite}`);
  let report: BenchReport;
  try {
    report = await runBench({
      suite,
      dataRoot: opts.data ?? defaultDataRoot(),
      instances: opts.instances?.split(',').map((s) => s.trim()).filter(Boolean),
      strategies: opts.strategies?.split(',').map((s) => s.trim()).filter(Boolean),
      scales: opts.scales?.split(',').map(Number),
      seed: opts.seed,
      seeds: opts.seeds,
      timeLimitSeconds: opts.timeLimit ?? (opts.maxIterations === undefined ? DEFAULT_LIMIT[suite] : undefined),
      maxIterations: opts.maxIterations,
      workers: opts.workers ?? availableParallelism(),
      signal: controller.signal,
      onProgress: (done, total) => bar.update(done, total),
    });
  } catch (e) {
    if (controller.signal.aborted) throw new CliError(130, 'bench interrupted');
    if (e instanceof RangeError || (e instanceof Error && 'code' in e && e.code === 'ENOENT')) throw new CliError(2, e.message);
    throw e;
  } finally {
    bar.stop();
    process.off('SIGINT', onSigint);
  }
  process.stdout.write(`${formatMarkdown(report, baseline)}\n`);
  if (opts.json) await writeOut(opts.json, `${JSON.stringify(report, null, 2)}\n`);
  if (opts.csv) await writeOut(opts.csv, formatCsv(report));
  if (report.rows.some((r) => !r.feasible)) process.exitCode = 1;
}
