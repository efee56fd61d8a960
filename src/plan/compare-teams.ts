import { computeKpis } from '../kpi/index.js';
import { SolverPool } from '../pool/index.js';
import type { Instance } from '../schema/instance.js';
import type { Kpis } from '../schema/plan.js';
import { appTasks } from '../tasks/index.js';
import type { ImportedMatrix } from '../travel/matrix.js';

/** Team structures `compare --teams` plans: the teams as given, and merged (crossing free). */
export const TEAM_VARIANTS = ['as-is', 'merged'] as const;
/** A team structure of {@link TEAM_VARIANTS}. */
export type TeamVariant = (typeof TEAM_VARIANTS)[number];

/** One team structure's plan measured. */
export interface TeamVariantResult {
  readonly variant: TeamVariant;
  readonly kpis: Kpis;
  readonly seconds: number;
}

/** Options of {@link compareTeams}. */
export interface CompareTeamsOptions {
  readonly variants?: readonly TeamVariant[];
  readonly strategy?: string;
  readonly seed?: number;
  readonly timeLimitSeconds?: number;
  readonly workers?: number;
  readonly matrix?: ImportedMatrix;
  readonly signal?: AbortSignal;
}

/**
 * The instance of a team structure: `as-is` unchanged; `merged` with help across teams allowed
 * and free (the plan is made with the `crossTeam` weight 0, see {@link compareTeams}), so every
 * staff member may serve every client as if the area were one group. Team ids stay, so money
 * per team remains comparable.
 */
export function teamVariantInstance(instance: Instance, variant: TeamVariant): Instance {
  return variant === 'as-is' ? instance : { ...instance, planning: { ...instance.planning, crossTeamAllowed: true } };
}

/**
 * Plans the same instance with each team structure (a portfolio on the worker pool, same strategy
 * and seed) and measures each plan with the KPIs: what do small groups cost — in continuity,
 * client time, travel and (with `economics`) money?
 */
export async function compareTeams(instance: Instance, options: CompareTeamsOptions = {}): Promise<TeamVariantResult[]> {
  const variants = options.variants && options.variants.length > 0 ? options.variants : TEAM_VARIANTS;
  const pool = new SolverPool({ workers: Math.min(options.workers ?? 1, variants.length), registry: appTasks });
  try {
    const results = await pool.runAll(
      variants.map((variant) => ({
        kind: 'plan' as const,
        instance: teamVariantInstance(instance, variant),
        seed: options.seed ?? 1,
        strategy: options.strategy ?? 'balanced',
        timeLimitSeconds: options.timeLimitSeconds,
        matrix: options.matrix,
        weights: variant === 'merged' ? { crossTeam: 0 } : undefined,
      })),
      options.signal,
    );
    return results.map((r, i) => ({ variant: variants[i]!, kpis: computeKpis(teamVariantInstance(instance, variants[i]!), r.plan), seconds: r.seconds }));
  } finally {
    await pool.destroy();
  }
}

const pct = (x: number | null): string => (x === null ? '-' : `${(100 * x).toFixed(1)}%`);
const sek = (x: number | undefined): string => (x === undefined ? '-' : `${Math.round(x).toLocaleString('en-US')} SEK`);

/** Continuity, client-time share, travel, released shifts and the result in SEK side by side. */
export function formatTeamComparison(results: readonly TeamVariantResult[]): string {
  const rows: [string, (k: Kpis) => string][] = [
    ['Continuity national, median', (k) => (k.continuity.national.median === null ? '-' : k.continuity.national.median.toFixed(1))],
    ['Continuity national, mean', (k) => (k.continuity.national.mean === null ? '-' : k.continuity.national.mean.toFixed(1))],
    ['Client-time share', (k) => pct(k.clientTimeShare)],
    ['Travel minutes', (k) => String(k.travelMinutes)],
    ['Paid minutes', (k) => String(k.paidMinutes)],
    ['Optional shifts released', (k) => (k.shifts ? `${k.shifts.optionalReleased} of ${k.shifts.optional}` : '-')],
    ['Unplanned (count)', (k) => String(k.unplanned.count)],
    ['Revenue', (k) => sek(k.economics?.revenueSek)],
    ['Cost', (k) => sek(k.economics?.costSek)],
    ['Result', (k) => sek(k.economics?.resultSek)],
  ];
  const header = ['KPI', ...results.map((r) => r.variant)];
  const table = [header, ...rows.map(([label, f]) => [label, ...results.map((r) => f(r.kpis))])];
  const widths = header.map((_, c) => Math.max(...table.map((row) => row[c]!.length)));
  const lines = table.map((row) => row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '));
  const [a, b] = results;
  if (a && b && a.kpis.economics && b.kpis.economics) {
    const d = b.kpis.economics.resultSek - a.kpis.economics.resultSek;
    lines.push('', `${b.variant} vs ${a.variant}: result ${d >= 0 ? '+' : ''}${sek(d)} over the period, travel ${b.kpis.travelMinutes - a.kpis.travelMinutes >= 0 ? '+' : ''}${b.kpis.travelMinutes - a.kpis.travelMinutes} min`);
  }
  return lines.join('\n');
}
