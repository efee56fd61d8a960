import type { StaffingCurves, TeamCurves } from './curve.js';

/** One team's day: peaks, idle and missing staff-hours. */
export interface TeamDay {
  readonly team: string;
  readonly date: string;
  /** The largest number of staff needed in one interval, and the interval's local start `HH:MM`. */
  readonly peakNeeded: number;
  readonly peakAt: string | null;
  /** The largest number of staff on shift in one interval. */
  readonly peakOnShift: number;
  /** Staff-hours needed (visits + travel) and on shift. */
  readonly neededHours: number;
  readonly onShiftHours: number;
  /** Σ max(0, on shift − needed) × interval: paid time nobody needs (waiting, breaks and slack). */
  readonly idleHours: number;
  /** Σ max(0, needed − on shift) × interval: time the roster lacks. */
  readonly shortfallHours: number;
  /** Intervals with a shortfall. */
  readonly shortfallIntervals: number;
  /** Which curve is "needed": the plan's, or the instance estimate without a plan. */
  readonly basis: 'plan' | 'estimate';
}

/** The staffing report: per team and day, with totals and the reconciliation with the plan. */
export interface StaffingSummary {
  readonly interval: number;
  readonly basis: 'plan' | 'estimate';
  readonly days: readonly TeamDay[];
  /**
   * Plan only: staff-minutes under the needed curves (Σ staff × interval) against the visit + travel
   * staff-minutes of the routes; `deviation` is their relative difference (waiting beside it).
   */
  readonly reconciliation: { readonly curveStaffMinutes: number; readonly visitMinutes: number; readonly travelMinutes: number; readonly waitingMinutes: number; readonly deviation: number } | null;
}

const round = (x: number, d = 2): number => Math.round(x * 10 ** d) / 10 ** d;

/** The curve that counts as "needed": the plan's when there is one, else the estimate. */
export function neededOf(t: TeamCurves, basis: 'plan' | 'estimate'): Float64Array {
  return basis === 'plan' ? t.needed : t.estimate;
}

/** Summarises the curves per team and date of the period (see {@link TeamDay}). */
export function summarizeStaffing(curves: StaffingCurves, basis: 'plan' | 'estimate'): StaffingSummary {
  // First interval of each day: the one holding its local midnight.
  const firstOf = curves.clock.dates.map((date) => Math.floor(curves.clock.toMinute(date, '00:00') / curves.interval));
  const days: TeamDay[] = [];
  let area = 0;
  for (const t of curves.teams) {
    const needed = neededOf(t, basis);
    for (let i = 0; i < curves.nIntervals; i++) area += needed[i]! * curves.interval;
    curves.clock.dates.forEach((date, d) => {
      let peak = 0;
      let peakAt: string | null = null;
      let peakOn = 0;
      let need = 0;
      let on = 0;
      let idle = 0;
      let short = 0;
      let shortN = 0;
      // A day's intervals by the period clock (a DST day has 92 or 100); the last day also takes what runs past midnight.
      const from = d === 0 ? 0 : firstOf[d]!;
      const end = d === curves.clock.days - 1 ? curves.nIntervals : firstOf[d + 1]!;
      for (let i = from; i < end; i++) {
        const n = needed[i]!;
        const s = t.onShift[i]!;
        if (n > peak + 1e-9) {
          peak = n;
          peakAt = curves.clock.clockOf(i * curves.interval);
        }
        peakOn = Math.max(peakOn, s);
        need += n;
        on += s;
        idle += Math.max(0, s - n);
        if (n - s > 1e-9) {
          short += n - s;
          shortN++;
        }
      }
      const h = curves.interval / 60;
      days.push({ team: t.team, date, peakNeeded: round(peak), peakAt, peakOnShift: round(peakOn), neededHours: round(need * h, 1), onShiftHours: round(on * h, 1), idleHours: round(idle * h, 1), shortfallHours: round(short * h, 1), shortfallIntervals: shortN, basis });
    });
  }
  const p = curves.planStaffMinutes;
  const routed = p.visit + p.travel;
  return {
    interval: curves.interval,
    basis,
    days,
    reconciliation: basis === 'plan' ? { curveStaffMinutes: round(area, 1), visitMinutes: p.visit, travelMinutes: p.travel, waitingMinutes: p.waiting, deviation: routed > 0 ? round(Math.abs(area - routed) / routed, 6) : 0 } : null,
  };
}

/** The demand curve as CSV for a rostering system: team, date, interval start, staff needed (two decimals). */
export function demandCsv(curves: StaffingCurves, basis: 'plan' | 'estimate'): string {
  const lines = ['team,date,intervalStart,staffNeeded'];
  const n = curves.clock.days * (1440 / curves.interval);
  for (const t of curves.teams) {
    const needed = neededOf(t, basis);
    // Dates and clock times from the period clock, so a day with a DST change is labelled right.
    for (let i = 0; i < n; i++) lines.push(`${t.team},${curves.clock.dateOf(i * curves.interval)},${curves.clock.clockOf(i * curves.interval)},${needed[i]!.toFixed(2)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The summary as a text table (one line per team and day) with the reconciliation. */
export function formatStaffing(s: StaffingSummary): string {
  const header = ['team', 'date', 'peak needed', 'at', 'peak on shift', 'needed h', 'on shift h', 'idle h', 'shortfall h'];
  const rows = s.days.map((d) => [d.team, d.date, d.peakNeeded.toFixed(1), d.peakAt ?? '-', d.peakOnShift.toFixed(1), d.neededHours.toFixed(1), d.onShiftHours.toFixed(1), d.idleHours.toFixed(1), d.shortfallHours.toFixed(1)]);
  const table = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...table.map((r) => r[c]!.length)));
  const lines = [`Staff needed (${s.basis === 'plan' ? 'by the plan: visits, double staffing, travel' : 'estimate from the instance, before planning'}) against staff on shift, per ${s.interval} minutes`];
  lines.push(...table.map((r) => r.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')));
  const tot = s.days.reduce((a, d) => ({ idle: a.idle + d.idleHours, short: a.short + d.shortfallHours, need: a.need + d.neededHours }), { idle: 0, short: 0, need: 0 });
  lines.push('', `total: ${tot.need.toFixed(1)} staff-hours needed, ${tot.idle.toFixed(1)} idle, ${tot.short.toFixed(1)} short`);
  const r = s.reconciliation;
  if (r) lines.push(`reconciliation: curve ${r.curveStaffMinutes} staff-minutes = visits ${r.visitMinutes} + travel ${r.travelMinutes} (deviation ${(100 * r.deviation).toFixed(3)} %); waiting ${r.waitingMinutes} beside it`);
  return lines.join('\n');
}
