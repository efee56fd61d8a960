import { computeKpis } from '../kpi/index.js';
import { SolverPool } from '../pool/index.js';
import type { Instance } from '../schema/instance.js';
import type { Kpis, Plan } from '../schema/plan.js';
import { appTasks } from '../tasks/index.js';
import type { ImportedMatrix } from '../travel/matrix.js';
/** Strategies `compare` plans by default: the weight presets, travel-first first (deltas are against it). */
export const COMPARE_STRATEGIES = ['travel-first', 'balanced', 'continuity-first'] as const;

/** One strategy's plan measured. */
export interface StrategyResult {
  readonly strategy: string;
  readonly kpis: Kpis;
  readonly objective: Readonly<Record<string, number>>;
  readonly seconds: number;
}

/** Options of {@link compareStrategies}. */
export interface CompareOptions {
  readonly strategies?: readonly string[];
  readonly seed?: number;
  readonly timeLimitSeconds?: number;
  readonly workers?: number;
  readonly matrix?: ImportedMatrix;
  readonly signal?: AbortSignal;
}

/**
 * Plans the instance once per strategy (a portfolio on the worker pool) and measures each plan
 * with the KPIs: the answer to "what does continuity cost?". Results are in the order asked.
 */
export async function compareStrategies(instance: Instance, options: CompareOptions = {}): Promise<StrategyResult[]> {
  const strategies = options.strategies && options.strategies.length > 0 ? options.strategies : COMPARE_STRATEGIES;
  const pool = new SolverPool({ workers: Math.min(options.workers ?? 1, strategies.length), registry: appTasks });
  try {
    const results = await pool.runAll(
      strategies.map((strategy) => ({
        kind: 'plan' as const,
        instance,
        seed: options.seed ?? 1,
        strategy,
        timeLimitSeconds: options.timeLimitSeconds,
        matrix: options.matrix,
      })),
      options.signal,
    );
    return results.map((r, i) => ({ strategy: strategies[i]!, kpis: computeKpis(instance, r.plan), objective: objectiveOf(r.plan), seconds: r.seconds }));
  } finally {
    await pool.destroy();
  }
}

function objectiveOf(plan: Plan): Record<string, number> {
  return { ...(plan.meta.objective ?? {}) };
}

const pct = (x: number | null): string => (x === null ? '-' : `${(100 * x).toFixed(1)}%`);
const sek = (x: number | undefined): string => (x === undefined ? '-' : String(Math.round(x)));
const num = (x: number | null, d = 1): string => (x === null ? '-' : x.toFixed(d));

/**
 * The KPIs side by side, one column per strategy, with the change against the first strategy for
 * continuity and travel (the price of continuity in travel minutes).
 */
export function formatComparison(results: readonly StrategyResult[]): string {
  const rows: [string, (k: Kpis) => string][] = [
    ['Continuity national, median', (k) => num(k.continuity.national.median)],
    ['Continuity national, mean', (k) => num(k.continuity.national.mean)],
    ['Continuity all clients, median', (k) => num(k.continuity.all.median)],
    ['Named-contact share', (k) => pct(k.namedContactShare)],
    ['Travel minutes', (k) => String(k.travelMinutes)],
    ['Travel share', (k) => pct(k.travelShare)],
    ['Client-time share', (k) => pct(k.clientTimeShare)],
    ['Within granted tolerance', (k) => pct(k.grantedFidelity.withinTolerance)],
    ['Preferred times met', (k) => pct(k.preferences.timeShare)],
    ['Preferred staff met', (k) => pct(k.preferences.staffShare)],
    ['Unplanned (count)', (k) => String(k.unplanned.count)],
    ['Overtime minutes', (k) => String(k.overtimeMinutes)],
    ...(results.some((r) => r.kpis.shifts && r.kpis.shifts.optional > 0) ? [['Optional shifts released', (k: Kpis) => (k.shifts ? `${k.shifts.optionalReleased} of ${k.shifts.optional}` : '-')] as [string, (k: Kpis) => string]] : []),
    ...(results.some((r) => r.kpis.economics)
      ? ([
          ['Revenue SEK', (k: Kpis) => sek(k.economics?.revenueSek)],
          ['Cost SEK', (k: Kpis) => sek(k.economics?.costSek)],
          ['Result SEK', (k: Kpis) => sek(k.economics?.resultSek)],
        ] as [string, (k: Kpis) => string][])
      : []),
  ];
  const header = ['KPI', ...results.map((r) => r.strategy)];
  const table = [header, ...rows.map(([label, f]) => [label, ...results.map((r) => f(r.kpis))])];
  const widths = header.map((_, c) => Math.max(...table.map((row) => row[c]!.length)));
  const lines = table.map((row) => row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '));
  const first = results[0];
  if (first && results.length > 1) {
    lines.push('');
    for (const r of results.slice(1)) {
      const dMedian = (r.kpis.continuity.national.median ?? NaN) - (first.kpis.continuity.national.median ?? NaN);
      const dTravel = r.kpis.travelMinutes - first.kpis.travelMinutes;
      const rel = first.kpis.travelMinutes > 0 ? (100 * dTravel) / first.kpis.travelMinutes : NaN;
      lines.push(
        `${r.strategy} vs ${first.strategy}: continuity median ${Number.isFinite(dMedian) ? (dMedian > 0 ? '+' : '') + dMedian.toFixed(1) : '-'} staff, travel ${dTravel >= 0 ? '+' : ''}${dTravel} min (${Number.isFinite(rel) ? (rel >= 0 ? '+' : '') + rel.toFixed(1) : '-'}%)`,
      );
    }
  }
  return lines.join('\n');
}
