import { availableParallelism } from 'node:os';
import { compareTeams, formatTeamComparison, TEAM_VARIANTS, type TeamVariant } from '../plan/compare-teams.js';
import { demandCsv, formatStaffing, rosterDeltaCsv, staffingCurves, suggestRoster, summarizeStaffing } from '../staffing/index.js';
import { CliError } from './errors.js';
import { loadPlan, writeOut } from './io.js';
import { loadInstance } from '../validate/index.js';

/**
 * `slinga staffing <instance> [<plan>]`: staff needed against staff on shift per team and day
 * (the plan's need, or the instance estimate without a plan); `--csv` the demand curve,
 * `--suggest` the roster delta as JSON and CSV (same name, `.csv`).
 */
export async function cmdStaffing(instanceFile: string, planFile: string | undefined, opts: { interval?: number; json?: boolean; csv?: string; suggest?: string }): Promise<void> {
  const { instance } = await loadInstance(instanceFile);
  const plan = planFile === undefined ? undefined : await loadPlan(planFile);
  if (plan && plan.instanceId !== instance.id) throw new CliError(2, `plan ${planFile} is for instance ${plan.instanceId}, not ${instance.id}`);
  const interval = opts.interval ?? 15;
  if (interval < 1 || 1440 % interval !== 0) throw new CliError(2, `--interval ${interval}: give a whole divisor of 1440 minutes (5, 10, 15, 30, 60 …)`);
  const curves = staffingCurves(instance, plan, interval);
  const basis = plan ? 'plan' : 'estimate';
  const summary = summarizeStaffing(curves, basis);
  if (opts.csv !== undefined) await writeOut(opts.csv, demandCsv(curves, basis));
  const delta = opts.suggest === undefined ? undefined : suggestRoster(instance, curves, plan);
  if (delta && opts.suggest !== undefined) {
    await writeOut(opts.suggest, `${JSON.stringify(delta, null, 2)}\n`);
    await writeOut(opts.suggest.replace(/\.json$/i, '') + '.csv', rosterDeltaCsv(delta));
  }
  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ ...summary, ...(delta ? { suggestions: delta } : {}) }, null, 2)}\n`);
    return;
  }
  const lines = [formatStaffing(summary)];
  if (delta) lines.push('', `roster delta (${opts.suggest}, .csv): release ${delta.release.length} optional shifts, add ${delta.add.reduce((s, a) => s + a.count, 0)} shifts in ${delta.add.length} places`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** `slinga compare <instance> --teams as-is,merged`: the same instance planned with each team structure. */
export async function cmdCompareTeams(file: string, opts: { teams: string; strategies?: string; timeLimit?: number; seed: number; workers?: number; json?: boolean }): Promise<void> {
  const variants = opts.teams.split(',').map((s) => s.trim()).filter(Boolean);
  for (const v of variants) if (!(TEAM_VARIANTS as readonly string[]).includes(v)) throw new CliError(2, `--teams: unknown team structure "${v}"; available: ${TEAM_VARIANTS.join(', ')}`);
  const strategies = opts.strategies?.split(',').map((s) => s.trim()).filter(Boolean) ?? [];
  if (strategies.length > 1) throw new CliError(2, '--teams plans one strategy; give at most one in --strategies');
  const { instance, matrix } = await loadInstance(file);
  const results = await compareTeams(instance, { variants: variants as TeamVariant[], strategy: strategies[0], seed: opts.seed, timeLimitSeconds: opts.timeLimit, workers: opts.workers ?? availableParallelism(), matrix });
  process.stdout.write(opts.json ? `${JSON.stringify({ teams: results }, null, 2)}\n` : `${formatTeamComparison(results)}\n`);
}
