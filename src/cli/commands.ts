import { z } from 'zod';
import { formatSummary, generateScenario, nextPeriod, serializeScenario, summarizeScenario } from '../../data/generator/index.js';
import { checkPlan } from '../check/index.js';
import { computeKpis, formatKpisText } from '../kpi/index.js';
import { availableParallelism } from 'node:os';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { compareStrategies, formatComparison } from '../plan/compare.js';
import { PlanOptionError, STRATEGIES, planWeek } from '../plan/index.js';
import { Instance, type InstanceInput } from '../schema/instance.js';
import { Plan } from '../schema/plan.js';
import { Changes } from '../schema/changes.js';
import { OneOffVisit, Recommendation } from '../schema/recommend.js';
import { loadInstance, readJsonFile } from '../validate/index.js';
import { loadPlan, writeOut } from './io.js';
import { CliError, formatIssues } from './errors.js';
import { progressBar } from './progress.js';
import { writeReportFile } from './report.js';

/** `slinga generate` */
export async function cmdGenerate(opts: { profile?: 'tiny' | 'knivsta' | 'bracke'; seed?: number; scale?: number; days?: string; start?: string; next?: string; optionalShare?: number; out: string }): Promise<void> {
  if (opts.next !== undefined) return generateNext(opts.next, opts);
  if (opts.profile === undefined || opts.seed === undefined) throw new CliError(2, 'generate: give --profile and --seed, or --next <instance.json>');
  if (opts.start !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(opts.start)) throw new CliError(2, `--start "${opts.start}" is not a date YYYY-MM-DD`);
  let instance;
  try {
    instance = generateScenario({
      profile: opts.profile,
      seed: opts.seed,
      scale: opts.scale,
      days: opts.days === undefined ? undefined : (Number(opts.days) as 7 | 14),
      start: opts.start,
      optionalShare: opts.optionalShare,
    });
  } catch (e) {
    if (e instanceof RangeError) throw new CliError(2, `generate: ${e.message}`);
    throw e;
  }
  await writeOut(opts.out, serializeScenario(instance));
  process.stderr.write(`${formatSummary(summarizeScenario(instance))}\n`);
}

/**
 * `slinga generate --next <instance.json>`: the following period (see `nextPeriod`). The instance is
 * validated first (exit 2 listing every problem); the file's own form (omitted defaults) is kept.
 */
async function generateNext(file: string, opts: { profile?: string; seed?: number; scale?: number; days?: string; start?: string; optionalShare?: number; out: string }): Promise<void> {
  const mixed = (['profile', 'seed', 'scale', 'days', 'start', 'optionalShare'] as const).filter((k) => opts[k] !== undefined);
  if (mixed.length > 0) throw new CliError(2, `generate --next takes the instance as it is; drop ${mixed.map((k) => (k === 'optionalShare' ? '--optional-share' : `--${k}`)).join(', ')}`);
  await loadInstance(file);
  const next = nextPeriod((await readJsonFile(file)) as InstanceInput);
  // A matrix file named relative to the instance stays the same file when --out is elsewhere.
  const matrix = next.travel?.matrix;
  if (matrix?.path !== undefined && !isAbsolute(matrix.path)) matrix.path = relative(dirname(resolve(opts.out)), resolve(dirname(file), matrix.path)) || '.';
  await writeOut(opts.out, serializeScenario(next));
  process.stderr.write(`${opts.out}: ${next.id}, ${next.period.days} days from ${next.period.start}\n`);
}

/** `slinga validate` — exit 0 when valid (warnings on stderr), 2 listing every problem. */
export async function cmdValidate(file: string): Promise<void> {
  const { instance, warnings } = await loadInstance(file);
  if (warnings.length > 0) process.stderr.write(`${formatIssues(file, warnings)}\n`);
  const shifts = instance.staff.reduce((n, s) => n + s.shifts.length, 0);
  process.stdout.write(
    `${file}: valid — ${instance.clients.length} clients, ${instance.staff.length} staff, ${shifts} shifts, ${instance.period.days} days from ${instance.period.start}\n`,
  );
}

/** `slinga plan` */
export async function cmdPlan(
  file: string,
  opts: {
    out: string;
    seed: number;
    timeLimit?: number;
    workers?: number;
    strategy?: string;
    weights?: Record<string, number>;
    iterations?: number;
    reference?: string;
    report?: string;
    lang?: string;
  },
): Promise<void> {
  const { instance, matrix } = await loadInstance(file);
  const reference = opts.reference === undefined ? undefined : await loadPlan(opts.reference);
  const controller = new AbortController();
  const onSigint = (): void => controller.abort();
  process.once('SIGINT', onSigint);
  const bar = progressBar('plan');
  try {
    const plan = await planWeek(instance, {
      seed: opts.seed,
      timeLimitSeconds: opts.timeLimit,
      workers: opts.workers ?? Math.min(2, availableParallelism()),
      strategy: opts.strategy,
      weights: opts.weights,
      iterationsPerDay: opts.iterations,
      reference,
      matrix,
      signal: controller.signal,
      onProgress: (p) => bar.update(Math.round(p.fraction * 100), 100, p.phase),
    });
    bar.stop();
    const kpis = computeKpis(instance, plan);
    await writeOut(opts.out, `${JSON.stringify({ ...plan, kpis }, null, 2)}\n`);
    if (opts.report !== undefined) await writeReportFile(instance, plan, opts.report, opts.lang, matrix);
    const kept = plan.explanations?.terms.find((t) => t.term === 'consistencyTime');
    process.stderr.write(
      `${opts.out}: ${plan.visits.length} visits on ${plan.routes.length} routes; unplanned ${kpis.unplanned.count} (${kpis.unplanned.minutes} min)${kept ? `; reference: ${kept.message}` : ''}\n`,
    );
    // Ctrl-C: the best plan found so far is written above; the exit code says it was interrupted.
    if (controller.signal.aborted) throw new CliError(130, 'interrupted: wrote the best plan found so far');
  } catch (e) {
    if (e instanceof PlanOptionError) throw new CliError(2, e.message);
    throw e;
  } finally {
    bar.stop();
    process.off('SIGINT', onSigint);
  }
}

/** `slinga check` — exit 1 when the plan breaks a rule. */
export async function cmdCheck(instanceFile: string, planFile: string, opts: { json?: boolean }): Promise<void> {
  const { instance, matrix } = await loadInstance(instanceFile);
  const plan = await loadPlan(planFile);
  const result = checkPlan(instance, plan, { matrix });
  if (opts.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else if (result.valid) process.stdout.write(`${planFile}: valid — no rule broken\n`);
  else {
    const lines = result.violations.map((v) => `${v.code}${v.path ? ` at ${v.path}` : ''}: ${v.message}`);
    process.stdout.write(`${planFile}: ${result.violations.length} violation(s)\n${lines.join('\n')}\n`);
  }
  if (!result.valid) process.exitCode = 1;
}

/** `slinga kpi` */
export async function cmdKpi(instanceFile: string, planFile: string, opts: { json?: boolean }): Promise<void> {
  const { instance } = await loadInstance(instanceFile);
  const plan = await loadPlan(planFile);
  const kpis = computeKpis(instance, plan);
  process.stdout.write(opts.json ? `${JSON.stringify(kpis, null, 2)}\n` : `${formatKpisText(kpis)}\n`);
}

/** `slinga compare` — plans with each strategy and prints the KPIs side by side. */
export async function cmdCompare(file: string, opts: { strategies?: string; timeLimit?: number; seed: number; workers?: number; json?: boolean }): Promise<void> {
  const { instance, matrix } = await loadInstance(file);
  const strategies = opts.strategies?.split(',').map((s) => s.trim()).filter(Boolean);
  for (const s of strategies ?? []) if (!(STRATEGIES as readonly string[]).includes(s)) throw new CliError(2, `unknown strategy "${s}"; available: ${STRATEGIES.join(', ')}`);
  const results = await compareStrategies(instance, { strategies, seed: opts.seed, timeLimitSeconds: opts.timeLimit, workers: opts.workers ?? availableParallelism(), matrix });
  process.stdout.write(opts.json ? `${JSON.stringify({ strategies: results }, null, 2)}\n` : `${formatComparison(results)}\n`);
}

/** The schemas `slinga schema` prints. */
const SCHEMAS = { instance: Instance, plan: Plan, changes: Changes, visit: OneOffVisit, recommendation: Recommendation } as const;

/** `slinga schema instance|plan|changes|visit|recommendation` — JSON Schema generated from the zod schemas (input form: defaults optional). */
export async function cmdSchema(kind: keyof typeof SCHEMAS): Promise<void> {
  const schema = z.toJSONSchema(SCHEMAS[kind], { io: 'input', unrepresentable: 'any' });
  process.stdout.write(`${JSON.stringify(schema, null, 2)}\n`);
}
