/**
 * Follow-up of performed visits ("uppföljning"): what time-capture systems recorded (client, staff,
 * start, end, optional tasks) against the plan and the granted time. Per client and team: granted
 * vs planned vs performed staff-minutes, planned visits missed, late beyond tolerance or made by
 * staff not planned, visits performed outside the plan, and the national continuity measure on the
 * performed visits beside the planned one.
 * @module
 */
import { categoryBudget } from '../model/demand.js';
import { buildContext, computeContinuity, periodClock, type ContinuityKpi } from '../kpi/index.js';
import type { Instance } from '../schema/instance.js';
import type { Plan, PlannedVisit } from '../schema/plan.js';
import { SheetIssues, type SheetIssue } from '../sheets/index.js';
import type { VisitRow } from '../manual/visits.js';

/** Options of {@link computeFollowup}. */
export interface FollowupOptions {
  /** A visit starting more than this many minutes after its planned start is late (fixed-time tasks: their own tolerance). Default 30. */
  readonly lateToleranceMinutes?: number;
  /** A performed visit matches a planned one of the client that day starting at most this far away. Default 120. */
  readonly matchWindowMinutes?: number;
}

/** Counts and minutes of one client or team, or of all. Minutes are staff-minutes of the granted budgets (HSL excluded). */
export interface FollowupCounts {
  readonly grantedMinutes: number;
  readonly plannedMinutes: number;
  readonly performedMinutes: number;
  /** performed ÷ granted; `null` without granted minutes. */
  readonly deliveredShare: number | null;
  readonly plannedVisits: number;
  /** Planned visits with at least one performed record. */
  readonly performedVisits: number;
  readonly missedVisits: number;
  readonly lateVisits: number;
  /** Planned visits performed (also) by staff not planned on them. */
  readonly byOtherStaff: number;
  /** Performed visits that match no planned visit. */
  readonly unplannedPerformed: number;
}

/** One client's follow-up. */
export interface ClientFollowup extends FollowupCounts {
  readonly clientId: string;
  readonly team: string;
  /** Distinct staff planned and performed over the period. */
  readonly distinctStaff: { readonly planned: number; readonly performed: number };
  /** The national measure's distinct staff when the client is eligible (planned, performed). */
  readonly national: { readonly planned: number | null; readonly performed: number | null };
  readonly missed: readonly string[];
  readonly late: readonly { readonly visitId: string; readonly minutesLate: number }[];
}

/** The follow-up report (`slinga followup --json`). */
export interface Followup {
  readonly instanceId: string;
  readonly lateToleranceMinutes: number;
  readonly totals: FollowupCounts;
  readonly continuity: { readonly planned: ContinuityKpi['national']; readonly performed: ContinuityKpi['national'] };
  readonly teams: readonly (FollowupCounts & { readonly team: string; readonly clients: number })[];
  readonly clients: readonly ClientFollowup[];
}

interface Match {
  readonly visit: PlannedVisit;
  readonly start: number;
  rows: { row: VisitRow; start: number; end: number }[];
}

type Mutable = { -readonly [K in keyof FollowupCounts]: FollowupCounts[K] };
const zero = (): Mutable => ({ grantedMinutes: 0, plannedMinutes: 0, performedMinutes: 0, deliveredShare: null, plannedVisits: 0, performedVisits: 0, missedVisits: 0, lateVisits: 0, byOtherStaff: 0, unplannedPerformed: 0 });

/** Computes the follow-up; unknown clients are errors, records outside the period are left out with a warning. */
export function computeFollowup(instance: Instance, plan: Plan, rows: readonly VisitRow[], options: FollowupOptions = {}): { ok: true; followup: Followup; warnings: readonly SheetIssue[] } | { ok: false; issues: readonly SheetIssue[] } {
  const tolerance = options.lateToleranceMinutes ?? 30;
  const window = options.matchWindowMinutes ?? 120;
  const issues = new SheetIssues();
  const clock = periodClock(instance);
  const clients = new Map(instance.clients.map((c) => [c.id, c]));
  const budgetShare = (clientId: string, tasks: readonly { taskId: string; minutes?: number }[]): number => {
    const client = clients.get(clientId);
    let all = 0;
    let budget = 0;
    for (const t of tasks) {
      const task = client?.tasks.find((k) => k.id === t.taskId);
      const m = t.minutes ?? task?.duration.standard ?? 1;
      all += m;
      if (!task || categoryBudget(task.category) !== 'none') budget += m;
    }
    return all === 0 ? 1 : budget / all;
  };

  // Planned visits per client and date, in start order.
  const byDay = new Map<string, Match[]>();
  for (const v of plan.visits) {
    const key = `${v.clientId}\u0000${v.date}`;
    byDay.set(key, [...(byDay.get(key) ?? []), { visit: v, start: clock.parseInstant(v.start), rows: [] }]);
  }
  const extra: { row: VisitRow; start: number; end: number }[] = [];
  for (const row of [...rows].sort((a, b) => a.date.localeCompare(b.date) || a.start.localeCompare(b.start) || a.line - b.line)) {
    const at = { file: row.file, sheet: row.sheet, line: row.line };
    if (!clients.has(row.clientId)) {
      issues.error({ ...at, column: 'client' }, 'UNKNOWN_CLIENT', `No client has id "${row.clientId}".`, 'use a client id of the instance');
      continue;
    }
    if (clock.dayIndex(row.date) < 0) {
      issues.warn({ ...at, column: 'date' }, 'OUT_OF_RANGE', `${row.date} lies outside the period; the record is left out.`, 'follow up the period of the plan');
      continue;
    }
    const start = clock.toMinute(row.date, row.start);
    const end = row.end === '24:00' ? clock.toMinute(row.date, '00:00') + 1440 : clock.toMinute(row.date, row.end);
    const candidates = (byDay.get(`${row.clientId}\u0000${row.date}`) ?? []).filter((m) => Math.abs(m.start - start) <= window && m.rows.length < m.visit.staff.length);
    const shares = (m: Match): boolean => m.visit.staff.some((s) => row.staff.includes(s));
    candidates.sort((a, b) => Number(shares(b)) - Number(shares(a)) || Math.abs(a.start - start) - Math.abs(b.start - start));
    const best = candidates[0];
    if (best) best.rows.push({ row, start, end });
    else extra.push({ row, start, end });
  }
  if (issues.hasErrors) return { ok: false, issues: issues.items };

  const perClient = new Map<string, Mutable & { missed: string[]; late: { visitId: string; minutesLate: number }[] }>();
  const get = (id: string) => perClient.get(id) ?? perClient.set(id, { ...zero(), missed: [], late: [] }).get(id)!;
  for (const c of instance.clients) get(c.id).grantedMinutes = c.granted.careMinutes + c.granted.serviceMinutes;
  const performedVisits: PlannedVisit[] = [];
  const fixedTolerance = (v: PlannedVisit): number => {
    const client = clients.get(v.clientId);
    const tols = v.tasks.flatMap((t) => client?.tasks.find((k) => k.id === t.taskId)?.fixedTime?.toleranceMinutes ?? []);
    return tols.length > 0 ? Math.min(...tols) : tolerance;
  };
  for (const list of byDay.values()) {
    for (const m of list) {
      const c = get(m.visit.clientId);
      c.plannedVisits++;
      c.plannedMinutes += m.visit.tasks.reduce((s, t) => s + t.minutes, 0) * m.visit.staff.length * budgetShare(m.visit.clientId, m.visit.tasks);
      if (m.rows.length === 0) {
        c.missedVisits++;
        c.missed.push(m.visit.id);
        continue;
      }
      c.performedVisits++;
      const first = Math.min(...m.rows.map((r) => r.start));
      const late = first - m.start;
      if (late > fixedTolerance(m.visit)) {
        c.lateVisits++;
        c.late.push({ visitId: m.visit.id, minutesLate: late });
      }
      const staff = [...new Set(m.rows.flatMap((r) => r.row.staff))];
      if (staff.some((s) => !m.visit.staff.includes(s))) c.byOtherStaff++;
      // Each staff member's time once, also when both rows of a double-staffed visit name both.
      const presence = new Map<string, number>();
      for (const r of m.rows) for (const s of r.row.staff) presence.set(s, Math.max(presence.get(s) ?? 0, (r.end - r.start) * budgetShare(m.visit.clientId, r.row.tasks ?? m.visit.tasks)));
      for (const minutes of presence.values()) c.performedMinutes += minutes;
      performedVisits.push({ ...m.visit, start: clock.formatInstant(first), end: clock.formatInstant(Math.max(...m.rows.map((r) => r.end))), staff });
    }
  }
  extra.forEach(({ row, start, end }, i) => {
    const c = get(row.clientId);
    c.unplannedPerformed++;
    c.performedMinutes += (end - start) * row.staff.length * budgetShare(row.clientId, row.tasks ?? []);
    const tasks = row.tasks && row.tasks.length > 0 ? row.tasks.map((t) => ({ taskId: t.taskId, minutes: t.minutes ?? end - start })) : [{ taskId: 'unknown', minutes: end - start }];
    performedVisits.push({ id: `performed-${i + 1}`, clientId: row.clientId, date: row.date, start: clock.formatInstant(start), end: clock.formatInstant(end), staff: [...row.staff], tasks });
  });

  const plannedCont = computeContinuity(buildContext(instance, plan));
  const performedCont = computeContinuity(buildContext(instance, { ...plan, visits: performedVisits, routes: [], unplanned: [] }));
  const distinct = (visits: readonly PlannedVisit[]): Map<string, Set<string>> => {
    const out = new Map<string, Set<string>>();
    for (const v of visits) for (const s of v.staff) (out.get(v.clientId) ?? out.set(v.clientId, new Set()).get(v.clientId)!).add(s);
    return out;
  };
  const dPlanned = distinct(plan.visits);
  const dPerformed = distinct(performedVisits);
  const finish = <T extends Mutable>(c: T): T => ({ ...c, plannedMinutes: Math.round(c.plannedMinutes), performedMinutes: Math.round(c.performedMinutes), deliveredShare: c.grantedMinutes > 0 ? Math.round(c.performedMinutes) / c.grantedMinutes : null });
  const clientRows: ClientFollowup[] = instance.clients.map((cl) => {
    const c = finish(get(cl.id));
    return {
      clientId: cl.id,
      team: cl.team,
      ...c,
      distinctStaff: { planned: dPlanned.get(cl.id)?.size ?? 0, performed: dPerformed.get(cl.id)?.size ?? 0 },
      national: { planned: plannedCont.nationalByClient.get(cl.id) ?? null, performed: performedCont.nationalByClient.get(cl.id) ?? null },
    };
  });
  const sum = (list: readonly FollowupCounts[]): FollowupCounts => {
    const t = zero();
    for (const c of list) for (const k of Object.keys(t) as (keyof Mutable)[]) if (k !== 'deliveredShare') (t[k] as number) += c[k] as number;
    return { ...t, deliveredShare: t.grantedMinutes > 0 ? t.performedMinutes / t.grantedMinutes : null };
  };
  const teams = instance.teams.map((t) => {
    const list = clientRows.filter((c) => c.team === t.id);
    return { team: t.id, clients: list.length, ...sum(list) };
  });
  return {
    ok: true,
    warnings: issues.items,
    followup: { instanceId: instance.id, lateToleranceMinutes: tolerance, totals: sum(clientRows), continuity: { planned: plannedCont.kpi.national, performed: performedCont.kpi.national }, teams, clients: clientRows },
  };
}

const pct = (x: number | null): string => (x === null ? '-' : `${(100 * x).toFixed(1)}%`);
const num = (x: number | null): string => (x === null ? '-' : x.toFixed(1));

/** The follow-up as text: totals, continuity, one line per team. */
export function formatFollowupText(f: Followup): string {
  const t = f.totals;
  const line = (label: string, c: FollowupCounts): string =>
    `${label}: granted ${c.grantedMinutes} min, planned ${c.plannedMinutes}, performed ${c.performedMinutes} (${pct(c.deliveredShare)} of granted); visits planned ${c.plannedVisits}, performed ${c.performedVisits}, missed ${c.missedVisits}, late ${c.lateVisits}, by staff not planned ${c.byOtherStaff}, outside the plan ${c.unplannedPerformed}`;
  return [
    line('All', t),
    `Continuity (national measure, median): planned ${num(f.continuity.planned.median)}, performed ${num(f.continuity.performed.median)} (${f.continuity.performed.eligibleClients} eligible clients performed, ${f.continuity.performed.windowDays}-day window)`,
    `Late means more than ${f.lateToleranceMinutes} minutes after the planned start (fixed-time tasks: their tolerance).`,
    ...f.teams.map((x) => line(`Team ${x.team} (${x.clients} clients)`, x)),
  ].join('\n');
}
