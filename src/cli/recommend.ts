import { PlanOptionError } from '../plan/index.js';
import { recommend, RecommendError } from '../recommend/index.js';
import { ReplanError } from '../replan/index.js';
import type { Recommendation, RecommendRequestInput } from '../schema/recommend.js';
import { InputError, loadInstance, readJsonFile } from '../validate/index.js';
import { CliError } from './errors.js';
import { loadPlan } from './io.js';

/** Options of `slinga recommend` (exactly one of visit, unplanned, replace, client). */
export interface RecommendCliOptions {
  readonly visit?: string;
  readonly unplanned?: string;
  readonly replace?: string;
  readonly client?: string;
  readonly from?: string;
  readonly to?: string;
  readonly top?: number;
  readonly now?: string;
  readonly weights?: Record<string, number>;
  readonly json?: boolean;
}

/**
 * `slinga recommend` — the best places for a new one-off visit (`--visit visit.json`) or an unplanned
 * occurrence (`--unplanned <index|client/task/date>`), replacements for an absent staff member
 * (`--replace <staffId> --from --to`), or the team for a new client (`--client client.json --from
 * <date>`). Prints the options (or `--json`); nothing is written. Exit 2 for a request that does not
 * fit the instance or the plan.
 */
export async function cmdRecommend(instanceFile: string, planFile: string, opts: RecommendCliOptions): Promise<void> {
  const { instance, matrix } = await loadInstance(instanceFile);
  const plan = await loadPlan(planFile);
  if (plan.instanceId !== instance.id) throw new CliError(2, `${planFile}: plan of instance ${plan.instanceId}, not ${instance.id}`);
  const { request, source } = await requestOf(opts);
  try {
    const r = recommend(instance, plan, request, { top: opts.top, now: opts.now, weights: opts.weights, matrix });
    process.stdout.write(opts.json ? `${JSON.stringify(r, null, 2)}\n` : formatRecommendation(r));
  } catch (e) {
    if (e instanceof RecommendError) {
      // Paths into the file the user gave (a visit or client file), not into the request around it.
      const strip = opts.visit !== undefined ? 'visit.' : opts.client !== undefined ? 'client.' : '';
      throw new InputError(source, e.issues.map((i) => ({ ...i, path: strip && i.path.startsWith(strip) ? i.path.slice(strip.length) : i.path, hint: i.hint.replace('slinga schema instance', opts.visit !== undefined ? 'slinga schema visit' : 'slinga schema instance') })));
    }
    if (e instanceof PlanOptionError || e instanceof ReplanError) throw new CliError(2, e.message);
    throw e;
  }
}

/** The request the flags describe, and the file (or flag) its problems are reported against. */
async function requestOf(opts: RecommendCliOptions): Promise<{ request: RecommendRequestInput; source: string }> {
  const kinds = [opts.visit, opts.unplanned, opts.replace, opts.client].filter((x) => x !== undefined).length;
  if (kinds !== 1) throw new CliError(2, 'give exactly one of --visit <visit.json>, --unplanned <id>, --replace <staffId> --from --to, --client <client.json> --from <date>');
  if (opts.visit !== undefined) return { request: { type: 'visit', visit: (await readJsonFile(opts.visit)) as never }, source: opts.visit };
  if (opts.unplanned !== undefined) return { request: { type: 'unplanned', unplanned: opts.unplanned }, source: '--unplanned' };
  if (opts.replace !== undefined) {
    if (!opts.from || !opts.to) throw new CliError(2, '--replace needs --from <instant> and --to <instant> (with offset)');
    return { request: { type: 'replace', staffId: opts.replace, from: opts.from, to: opts.to }, source: '--replace' };
  }
  if (!opts.from) throw new CliError(2, '--client needs --from <date>');
  return { request: { type: 'client', client: (await readJsonFile(opts.client!)) as never, from: opts.from }, source: opts.client! };
}

/** The recommendation as a planner reads it. */
export function formatRecommendation(r: Recommendation): string {
  const lines = [r.message];
  const option = (o: Recommendation['options'][number], i: number): string => `  ${i + 1}. ${o.reason} (objective ${o.costDelta >= 0 ? '+' : ''}${o.costDelta})`;
  if (r.visits) {
    for (const v of r.visits) {
      lines.push(`visit ${v.visitId} (client ${v.clientId}, ${v.start}):`);
      if (v.options.length === 0) lines.push('  no replacement without moving other visits: replan with staffAbsent');
      v.options.forEach((o, i) => lines.push(option(o, i)));
    }
  } else if (r.teams) {
    for (const t of r.teams) lines.push(`team ${t.teamId}: ${t.fits} of ${t.of} occurrences fit, ${t.travelMinutes >= 0 ? '+' : ''}${t.travelMinutes} travel minutes, ${t.distinctStaff} staff, objective ${t.costDelta >= 0 ? '+' : ''}${t.costDelta}`);
    const first = r.teams[0];
    for (const o of first?.occurrences ?? []) lines.push(`  ${o.date} ${o.taskId}: ${o.fits ? `${o.staff.join(' and ')} at ${o.start!.slice(11, 16)}` : 'does not fit without moving other visits'}`);
  } else {
    r.options.forEach((o, i) => lines.push(option(o, i)));
  }
  if (r.rejected > 0) lines.push(`${r.rejected} options failed the checker and are not shown`);
  return `${lines.join('\n')}\n`;
}
