import { dropInfeasible, evaluateSolution, type Problem } from '../../../solver/index.js';
import type { PeriodClock } from '../../calendar.js';
import type { Shift, Staff } from '../../schema/instance.js';
import type { Plan, PlannedVisit, Route, TermTotal } from '../../schema/plan.js';
import type { TravelModel } from '../../travel/model.js';
import { breakWindow } from '../../validate/semantic.js';
import { VERSION } from '../../version.js';
import { ASSIGNMENT_TERMS, type WeeklyWeights } from '../terms/index.js';
import { unplannedItems, type PlannerReason } from '../unplanned.js';
import { canServe } from '../compose.js';
import { shiftBase, writeRoute, writeVisit, type SolvedStop } from '../write.js';
import { UNPLANNED_PENALTY } from './day-problem.js';
import type { WeekModel } from './model.js';
import { taskPriority } from '../../model/demand.js';

/** Why the search stopped: all passes done, the time limit, or the caller's abort signal. */
export type StopReason = 'completed' | 'time-limit' | 'aborted';

/** A day's current solution: engine routes (visit indices per vehicle) and the problem they solve. */
export interface DaySolution {
  readonly routes: number[][];
  readonly problem: Problem | null;
}

/** What {@link writeWeeklyPlan} needs besides the model. */
export interface WeeklyOutcome {
  readonly strategy: string;
  readonly seed: number;
  readonly weights: WeeklyWeights;
  readonly days: readonly DaySolution[];
  /** Per candidate: 1 when its preferred-time windows were given up. */
  readonly relaxed: Uint8Array;
  /** Visits per (client, staff) in the history's window ({@link historyCounts}). */
  readonly history: Int32Array;
  readonly stopped: StopReason;
  /** Day results the evaluator rejected (kept the previous solution instead). */
  readonly rejected: number;
}

/**
 * Writes the plan of the weekly planner: visits (both halves of a double-staffed visit together; a
 * half without its partner is dropped), routes with the break in the first gap that fits its rule,
 * unplanned occurrences with reasons, and the objective's per-term totals in `meta.objective`.
 */
export function writeWeeklyPlan(model: WeekModel, out: WeeklyOutcome): Plan {
  const { clock, travel, candidates, occurrences, shifts, instance } = model;
  const placed: { cand: number; start: number; staff: number[] }[] = [];
  const unassigned: { occurrence: number; reason: PlannerReason }[] = [];
  const finalRoutes: { day: number; routes: number[][]; starts: number[] }[] = [];
  for (const m of model.days) {
    const sol = out.days[m.day]!;
    const onRoute = new Map<number, number>();
    sol.routes.forEach((r, k) => r.forEach((v) => onRoute.set(v, k)));
    // A double-staffed visit needs both halves.
    const lone = new Set<number>();
    m.visits.forEach((v, i) => {
      if (model.occurrences[candidates[v.cand]!.members[0]!]!.task.staffCount !== 2 || v.half !== 0) return;
      if (onRoute.has(i) !== onRoute.has(i + 1)) lone.add(onRoute.has(i) ? i : i + 1);
    });
    let routes = sol.routes.map((r) => r.filter((v) => !lone.has(v)));
    let ev = sol.problem ? evaluateSolution(sol.problem, routes) : null;
    if (sol.problem && ev && !ev.feasible) {
      routes = dropInfeasible(sol.problem, routes).routes;
      ev = evaluateSolution(sol.problem, routes);
    }
    const starts = ev?.starts ?? [];
    finalRoutes.push({ day: m.day, routes, starts });
    const byCand = new Map<number, { cand: number; start: number; staff: number[] }>();
    routes.forEach((r, k) => {
      for (const v of r) {
        const dv = m.visits[v]!;
        const entry = byCand.get(dv.cand) ?? byCand.set(dv.cand, { cand: dv.cand, start: starts[v]!, staff: [] }).get(dv.cand)!;
        entry.staff.push(m.shifts[k]!);
      }
    });
    placed.push(...byCand.values());
    m.visits.forEach((dv) => {
      if (dv.half !== 0 || byCand.has(dv.cand)) return;
      for (const occ of candidates[dv.cand]!.members) unassigned.push({ occurrence: occ, reason: reasonFor(model, dv.cand, m.shifts) });
    });
  }

  placed.sort((a, b) => a.start - b.start || a.cand - b.cand);
  const width = String(placed.length).length;
  const visitIdOf = new Map<number, string>();
  const visits: PlannedVisit[] = placed.map((p, i) => {
    const id = `v${String(i + 1).padStart(width, '0')}`;
    visitIdOf.set(p.cand, id);
    const members = candidates[p.cand]!.members.map((m) => occurrences[m]!);
    const staff = p.staff.map((si) => shifts[si]!.staff.id).sort();
    return writeVisit(clock, id, members[0]!.client.id, p.start, members.map((o) => ({ taskId: o.task.id, minutes: o.minutes })), staff);
  });

  const routes: Route[] = [];
  let travelMinutes = 0;
  for (const { day, routes: dayRoutes, starts } of finalRoutes) {
    const m = model.days[day]!;
    dayRoutes.forEach((route, k) => {
      if (route.length === 0) return;
      const { staff, shift } = shifts[m.shifts[k]!]!;
      const stops: SolvedStop[] = route.map((v) => {
        const cand = m.visits[v]!.cand;
        const start = starts[v]!;
        return { kind: 'visit', visitId: visitIdOf.get(cand)!, clientId: occurrences[candidates[cand]!.members[0]!]!.client.id, start, end: start + model.candMinutes[cand]! };
      });
      const r = writeRoute(clock, travel, staff, shift, shiftBase(staff, shift), insertBreak(clock, travel, staff, shift, stops));
      for (const e of r.events) if (e.type === 'travel') travelMinutes += e.minutes;
      routes.push(r);
    });
  }
  routes.sort((a, b) => a.date.localeCompare(b.date) || a.staffId.localeCompare(b.staffId) || a.shiftId.localeCompare(b.shiftId));

  // Per-term totals, counted as the day problems price them (newFace: distinct new client–staff pairs).
  const history = out.history;
  const nS = instance.staff.length;
  const pairs = new Set<number>();
  const units: Record<string, number> = Object.fromEntries(ASSIGNMENT_TERMS.map((t) => [t.name, 0]));
  for (const p of placed) {
    const c = model.candClient[p.cand]!;
    const client = instance.clients[c]!;
    for (const si of p.staff) {
      const staff = shifts[si]!.staff;
      const s = model.staffIndex.get(staff.id)!;
      if (history[c * nS + s] === 0) pairs.add(c * nS + s);
      for (const t of ASSIGNMENT_TERMS) if (t.name !== 'newFace') units[t.name]! += t.units({ client, staff, met: 1 });
    }
  }
  units.newFace = pairs.size;
  const unplannedPenalty = unassigned.reduce((s, u) => s + UNPLANNED_PENALTY[taskPriority(occurrences[u.occurrence]!.task)]!, 0);
  let outsidePreferred = 0;
  let withPreference = 0;
  for (const p of placed) {
    const pref = model.preferredWindows[p.cand];
    if (!pref) continue;
    withPreference++;
    if (!pref.some((w) => p.start >= w.start && p.start <= w.end)) outsidePreferred++;
  }
  const objective: Record<string, number> = {
    total: out.weights.travel * travelMinutes + unplannedPenalty + ASSIGNMENT_TERMS.reduce((s, t) => s + out.weights[t.name] * units[t.name]!, 0),
    travelMinutes,
    unplannedOccurrences: unassigned.length,
    unplannedPenalty,
    visitsWithPreferredTime: withPreference,
    visitsOutsidePreferredTime: outsidePreferred,
    rejectedDayResults: out.rejected,
  };
  for (const t of ASSIGNMENT_TERMS) {
    objective[`${t.name}Units`] = units[t.name]!;
    objective[`${t.name}Weight`] = out.weights[t.name];
  }
  objective.travelWeight = out.weights.travel;
  const terms: TermTotal[] = [
    {
      term: 'travel',
      weight: out.weights.travel,
      amount: travelMinutes,
      unit: 'minute',
      cost: out.weights.travel * travelMinutes,
      message: `${travelMinutes} travel minutes on ${routes.length} routes`,
    },
    {
      term: 'unplanned',
      weight: 1,
      amount: unassigned.length,
      unit: 'occurrence',
      cost: unplannedPenalty,
      message:
        unassigned.length === 0
          ? 'every occurrence is planned'
          : `${unassigned.length} occurrences unplanned (penalties ${UNPLANNED_PENALTY.slice(1).join(' / ')} for HSL / personal care / service); see unplanned[] for each reason`,
    },
    ...ASSIGNMENT_TERMS.map((t) => ({ term: t.name, weight: out.weights[t.name], amount: units[t.name]!, unit: t.unit, cost: out.weights[t.name] * units[t.name]!, message: t.summary(units[t.name]!) })),
    {
      term: 'preferredTime',
      weight: 0,
      amount: outsidePreferred,
      unit: 'visit',
      cost: 0,
      message: `${withPreference - outsidePreferred} of ${withPreference} visits a time preference concerns start inside it (kept as narrowed windows; ${relaxedCount(out.relaxed)} visits got their allowed windows back because they could not be planned inside)`,
    },
  ];

  return {
    schemaVersion: 1,
    instanceId: instance.id,
    meta: { solver: 'weekly', strategy: out.strategy, seed: out.seed, version: VERSION, objective, stopped: out.stopped },
    visits,
    routes,
    unplanned: unplannedItems(unassigned, occurrences),
    explanations: { terms, clients: [] },
  };
}

function relaxedCount(relaxed: Uint8Array): number {
  let n = 0;
  for (const r of relaxed) n += r;
  return n;
}

/** Visits per (client, staff) in the history's part of the 14-day continuity window before the period. */
export function historyCounts(model: WeekModel): Int32Array {
  const { instance, clock, clientIndex, staffIndex } = model;
  const nS = instance.staff.length;
  const out = new Int32Array(instance.clients.length * nS);
  const windowStart = clock.toMinute(clock.firstDate, '00:00') - Math.max(0, 14 - clock.days) * 1440;
  for (const h of instance.history) {
    const c = clientIndex.get(h.clientId);
    if (c === undefined || clock.toMinute(h.date, h.start) < windowStart) continue;
    for (const id of h.staff) {
      const s = staffIndex.get(id);
      if (s !== undefined) out[c * nS + s]!++;
    }
  }
  return out;
}

/**
 * Places the shift's break in the first gap of the route where it fits its rule. The engine's
 * schedule guarantees that one exists (it kept room for the break when it timed the visits).
 */
export function insertBreak(clock: PeriodClock, travel: TravelModel, staff: Staff, shift: Shift, stops: SolvedStop[]): SolvedStop[] {
  const br = shift.break;
  if (!br) return stops;
  const iv = clock.shiftInterval(shift.date, shift.start, shift.end);
  const win = breakWindow(clock, shift.date, iv.start, br.earliestStart, br.latestEnd);
  const from = Math.max(win.start, iv.start);
  const to = Math.min(win.end, iv.end);
  const base = travel.indexOf('base', shiftBase(staff, shift));
  const loc = (s: SolvedStop | undefined): number => (s && s.kind === 'visit' ? travel.indexOf('client', s.clientId) : base);
  const tt = (a: number, b: number): number => travel.minutes(staff.travelMode, a, b);
  for (let p = 0; p <= stops.length; p++) {
    const prev = stops[p - 1];
    const next = stops[p];
    const prevEnd = prev ? prev.end : iv.start;
    const nextStart = next ? next.start : iv.end - (br.at === 'base' ? 0 : tt(loc(prev), base));
    const ready = br.at === 'base' ? prevEnd + tt(loc(prev), base) : prevEnd;
    const start = Math.max(ready, from);
    const end = start + br.minutes;
    const after = next ? (br.at === 'base' ? tt(base, loc(next)) : tt(loc(prev), loc(next))) : 0;
    if (end <= to && end + after <= nextStart) return [...stops.slice(0, p), { kind: 'break', start, end, atBase: br.at === 'base' }, ...stops.slice(p)];
  }
  throw new Error(`weekly: no room for the break of shift ${shift.id} (the engine's schedule should have kept one)`);
}

/** Why a candidate of a day stayed unplanned. */
function reasonFor(model: WeekModel, cand: number, dayShifts: readonly number[]): PlannerReason {
  const o = model.occurrences[model.candidates[cand]!.members[0]!]!;
  const needs = {
    refused: o.client.preferences.refusedStaff,
    skills: model.candidates[cand]!.members.flatMap((m) => model.occurrences[m]!.task.skills),
    windows: model.candidates[cand]!.windows,
    minutes: model.candMinutes[cand]!,
  };
  const able = dayShifts.filter((si) => {
    const { staff, shift } = model.shifts[si]!;
    const iv = model.clock.shiftInterval(shift.date, shift.start, shift.end);
    return canServe(staff, iv.start, iv.end, needs);
  });
  if (able.length < o.task.staffCount) return 'NO_SHIFT';
  if (o.task.staffCount === 2) return 'DOUBLE_STAFFING';
  if (model.candidates[cand]!.members.some((m) => model.occurrences[m]!.task.minGapMinutes > 0)) return 'GAP';
  return 'CAPACITY';
}
