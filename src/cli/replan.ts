import { availableParallelism } from 'node:os';
import { computeKpis } from '../kpi/index.js';
import { PlanOptionError } from '../plan/index.js';
import { replan, ReplanError } from '../replan/index.js';
import { parseChanges } from '../replan/validate.js';
import { InputError, loadInstance, readJsonFile } from '../validate/index.js';
import { CliError } from './errors.js';
import { loadPlan, writeOut } from './io.js';
import { progressBar } from './progress.js';

/** Where the changed instance goes by default: beside the new plan (`new-plan.json` → `new-plan.instance.json`). */
export function instanceFileFor(out: string): string {
  return out.endsWith('.json') ? `${out.slice(0, -'.json'.length)}.instance.json` : `${out}.instance.json`;
}

/**
 * `slinga replan` — applies the changes, replans the days they touch and writes the new plan and
 * the changed instance (the plan is checked against that one: `slinga check <out-instance> <out>`).
 */
export async function cmdReplan(
  instanceFile: string,
  planFile: string,
  opts: { changes: string; now?: string; out: string; outInstance?: string; seed: number; timeLimit?: number; workers?: number; strategy?: string; weights?: Record<string, number>; iterations?: number },
): Promise<void> {
  const { instance, matrix } = await loadInstance(instanceFile);
  const reference = await loadPlan(planFile);
  if (reference.instanceId !== instance.id) throw new CliError(2, `${planFile}: plan of instance ${reference.instanceId}, not ${instance.id}`);
  if (opts.now !== undefined && (!/(?:[+-]\d{2}:\d{2}|Z)$/.test(opts.now) || Number.isNaN(Date.parse(opts.now)))) throw new CliError(2, `--now "${opts.now}" is not an instant with an offset, e.g. 2026-11-24T06:30:00+01:00`);
  const parsed = parseChanges(instance, reference, await readJsonFile(opts.changes), { now: opts.now, matrix });
  if (!parsed.ok) throw new InputError(opts.changes, parsed.issues);
  const bar = progressBar('replan');
  try {
    const result = await replan(instance, reference, parsed.changes, {
      seed: opts.seed,
      now: opts.now,
      timeLimitSeconds: opts.timeLimit,
      workers: opts.workers ?? Math.min(2, availableParallelism()),
      strategy: opts.strategy,
      weights: opts.weights,
      iterationsPerDay: opts.iterations,
      matrix,
      applied: parsed.applied,
      onProgress: (f, phase) => bar.update(Math.round(f * 100), 100, phase),
    });
    bar.stop();
    const kpis = computeKpis(result.instance, result.plan);
    const instanceOut = opts.outInstance ?? instanceFileFor(opts.out);
    await writeOut(instanceOut, `${JSON.stringify(result.instance, null, 2)}\n`);
    await writeOut(opts.out, `${JSON.stringify({ ...result.plan, kpis }, null, 2)}\n`);
    const c = result.plan.changes!.visits;
    process.stderr.write(
      `${opts.out}: ${result.plan.visits.length} visits; unchanged ${c.unchanged}, restaffed ${c.restaffed}, retimed ${c.retimed}, added ${c.added}, removed ${c.removed}; unplanned ${kpis.unplanned.count}; ${result.plan.changes!.staff.length} staff to tell\n${instanceOut}: the changed instance\n`,
    );
  } catch (e) {
    if (e instanceof PlanOptionError || e instanceof ReplanError) throw new CliError(2, e.message);
    throw e;
  } finally {
    bar.stop();
  }
}
