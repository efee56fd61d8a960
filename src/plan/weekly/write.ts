import { dropInfeasible, evaluateSolution, type Problem } from '../../../solver/index.js';
import type { Plan, PlannedVisit, ReleasedShift, Route, TermTotal } from '../../schema/plan.js';
import { VERSION } from '../../version.js';
import { consistency, continuityUnits, VISIT_TERMS, newFace, optionalShift, type PreviousVisit, type WeeklyWeights } from '../terms/index.js';
import { movedDayTotal, retimedTotal, routeChangedTotal, type PlacedVisit } from './change-terms.js';
import { unplannedItems, type PlannerReason } from '../unplanned.js';
import { canServe } from '../compose.js';
import { shiftBase, writeRoute, writeVisit, type SolvedStop } from '../write.js';
import type { WeekModel } from './model.js';
import { CONSISTENCY_TIME_MINUTES, type ReferenceMatch } from './reference.js';
import { taskPriority } from '../../model/demand.js';

/** Why the search stopped: all passes done, the time limit, or the caller's abort signal. */
export type StopReason = 'completed' | 'time-limit' | 'aborted';

/** A day's current solution: engine routes (visit indices per vehicle, -1 where the break is) and the problem they solve. */
export interface DaySolution {
  readonly routes: number[][];
  readonly problem: Problem | null;
}

/** Route elimination's moves and how they ended (a move given back for another reason is in neither `unplanned` nor `costlier`). */
export interface ReleaseTally {
  /** Moves solved (one staff member's shifts, or one shift). */
  readonly attempts: number;
  /** Optional shifts emptied and kept empty. */
  readonly released: number;
  /** Moves given back because more visits stayed unplanned (no other shift could take them in their windows). */
  readonly unplanned: number;
  /** Moves given back because the weekly objective rose (travel, continuity and the rest cost more than the shift). */
  readonly costlier: number;
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
  /** Name of the planner in the plan's metadata (default `weekly`). */
  readonly solver?: 'weekly' | 'baseline';
  /** Search effort: day solves and engine iterations in all (metadata). */
  readonly solves?: number;
  readonly iterations?: number;
  /** Route elimination of optional shifts (metadata: moves, shifts kept released, moves given back by reason). */
  readonly release?: ReleaseTally;
  /** Replanning: per candidate, the id of its visit in the plan in force (kept), else a new id is made. */
  readonly visitIds?: readonly (string | null)[];
  /** Replanning: per candidate, the staff of its visit in the plan in force (priced by `restaffed`). */
  readonly referenceStaff?: readonly (readonly string[] | null)[];
  /** Replanning: per candidate, the start after which it is late against the plan in force (priced by `retimed`; Infinity = none). */
  readonly due?: Float64Array;
  /** Replanning: per candidate, the date of its visit in the plan in force when moved to another day (priced by `movedDay`), else null. */
  readonly movedFrom?: readonly (string | null)[];
  /** Replanning: per global shift, its visits in the plan in force as `cand × 2 + half` (priced by `routeChanged`), or null. */
  readonly routeReference?: readonly (readonly number[] | null)[];
  /** Occurrences of the model in no candidate, unplanned before any search (e.g. over the granted budget). */
  readonly leftOut?: readonly { readonly occurrence: number; readonly reason: PlannerReason }[];
  /** Next period like the last: the reference visit of each candidate (priced by `consistency`; reported only with a reference). */
  readonly previous?: ReferenceMatch;
}

/**
 * Writes the plan of the weekly planner (and of the greedy baseline): visits (both halves of a
 * double-staffed visit together; a half without its partner is dropped), routes with the break
 * where the engine put it, unplanned occurrences with reasons, and the objective term by term in
 * `meta.objective` and `explanations.terms`. The objective is computed from the plan itself:
 *
 *     weights.travel × travel minutes + Σ over visit terms weight × units
 *       + newFace × Σ over client–staff pairs (1/(h+1)² + … + 1/(h+n)²)
 *
 * (n the pair's visits in the plan, h in the history), with unplanned occurrences counted per
 * priority before it (lexicographically). It is what every day search minimised with the other
 * days fixed: a day's engine cost is this total minus the total without that day's visits.
 */
export function writeWeeklyPlan(model: WeekModel, out: WeeklyOutcome): Plan {
  const { clock, travel, candidates, occurrences, shifts, instance } = model;
  const placed: { cand: number; start: number; staff: number[] }[] = [];
  const unassigned: { occurrence: number; reason: PlannerReason }[] = [...(out.leftOut ?? [])];
  const finalRoutes: { day: number; routes: number[][]; starts: number[]; breaks: number[] }[] = [];
  for (const m of model.days) {
    const sol = out.days[m.day]!;
    const onRoute = new Map<number, number>();
    sol.routes.forEach((r, k) => r.forEach((v) => v >= 0 && onRoute.set(v, k)));
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
    finalRoutes.push({ day: m.day, routes, starts: ev?.starts ?? [], breaks: ev?.breakStarts ?? [] });
    const byCand = new Map<number, { cand: number; start: number; staff: number[] }>();
    routes.forEach((r, k) => {
      for (const v of r) {
        if (v < 0) continue;
        const dv = m.visits[v]!;
        const entry = byCand.get(dv.cand) ?? byCand.set(dv.cand, { cand: dv.cand, start: ev!.starts[v]!, staff: [] }).get(dv.cand)!;
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
  // New ids never reuse one of the plan in force (a replan keeps those of the visits it keeps).
  const taken = new Set(out.visitIds?.filter((x): x is string => x !== null));
  let fresh = 0;
  const newId = (): string => {
    let id: string;
    do id = `${out.visitIds ? 'n' : 'v'}${String(++fresh).padStart(width, '0')}`;
    while (taken.has(id));
    return id;
  };
  const visits: PlannedVisit[] = placed.map((p) => {
    const id = out.visitIds?.[p.cand] ?? newId();
    visitIdOf.set(p.cand, id);
    const members = candidates[p.cand]!.members.map((m) => occurrences[m]!);
    const staff = p.staff.map((si) => shifts[si]!.staff.id).sort();
    return writeVisit(clock, id, members[0]!.client.id, p.start, members.map((o) => ({ taskId: o.task.id, minutes: o.minutes })), staff);
  });

  const routes: Route[] = [];
  const used = new Set<number>();
  let travelMinutes = 0;
  for (const { day, routes: dayRoutes, starts, breaks } of finalRoutes) {
    const m = model.days[day]!;
    dayRoutes.forEach((route, k) => {
      if (!route.some((v) => v >= 0)) return;
      used.add(m.shifts[k]!);
      const { staff, shift } = shifts[m.shifts[k]!]!;
      const stops: SolvedStop[] = route.map((v) => {
        if (v < 0) return { kind: 'break', start: breaks[k]!, end: breaks[k]! + shift.break!.minutes, atBase: shift.break!.at === 'base' };
        const cand = m.visits[v]!.cand;
        const start = starts[v]!;
        return { kind: 'visit', visitId: visitIdOf.get(cand)!, clientId: occurrences[candidates[cand]!.members[0]!]!.client.id, start, end: start + model.candMinutes[cand]! };
      });
      const r = writeRoute(clock, travel, staff, shift, shiftBase(staff, shift), stops);
      for (const e of r.events) if (e.type === 'travel') travelMinutes += e.minutes;
      routes.push(r);
    });
  }
  routes.sort((a, b) => a.date.localeCompare(b.date) || a.staffId.localeCompare(b.staffId) || a.shiftId.localeCompare(b.shiftId));

  const objective = weeklyObjective(model, out.weights, out.history, placed, travelMinutes, {
    referenceStaff: out.referenceStaff,
    previous: out.previous?.previous,
    usedShifts: used,
    due: out.due,
    movedFrom: out.movedFrom,
    routeReference: out.routeReference,
    routeSets: out.routeReference ? routeSets(model, finalRoutes) : undefined,
  });
  const released = releasedShifts(model, used);
  const unplannedByPriority = [1, 2, 3].map((prio) => unassigned.filter((u) => taskPriority(occurrences[u.occurrence]!.task) === prio).length);
  let outsidePreferred = 0;
  let withPreference = 0;
  for (const p of placed) {
    const pref = model.preferredWindows[p.cand];
    if (!pref) continue;
    withPreference++;
    if (!pref.some((w) => p.start >= w.start && p.start <= w.end)) outsidePreferred++;
  }
  const meta: Record<string, number> = {
    total: objective.total,
    travelMinutes,
    unplannedOccurrences: unassigned.length,
    unplannedHsl: unplannedByPriority[0]!,
    unplannedCare: unplannedByPriority[1]!,
    unplannedService: unplannedByPriority[2]!,
    newClientStaffPairs: objective.newPairs,
    visitsWithPreferredTime: withPreference,
    visitsOutsidePreferredTime: outsidePreferred,
    rejectedDayResults: out.rejected,
    travelWeight: out.weights.travel,
  };
  for (const t of objective.terms) {
    meta[`${t.term}Units`] = t.amount;
    meta[`${t.term}Weight`] = t.weight;
  }
  if (out.solves !== undefined) meta.daySolves = out.solves;
  if (out.iterations !== undefined) meta.searchIterations = out.iterations;
  if (out.release) {
    meta.releaseMoves = out.release.attempts;
    meta.releaseKeptShifts = out.release.released;
    meta.releaseMovesUnplanned = out.release.unplanned;
    meta.releaseMovesCostlier = out.release.costlier;
  }
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
      weight: 0,
      amount: unassigned.length,
      unit: 'occurrence',
      cost: 0,
      message:
        unassigned.length === 0
          ? 'every occurrence is planned'
          : `${unassigned.length} occurrences unplanned (${unplannedByPriority[0]} HSL, ${unplannedByPriority[1]} personal care, ${unplannedByPriority[2]} service; counted before every cost, HSL first); see unplanned[] for each reason`,
    },
    ...objective.terms,
    ...(out.previous ? [consistencyTime(model, out.previous, placed)] : []),
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
    meta: { solver: out.solver ?? 'weekly', strategy: out.strategy, seed: out.seed, version: VERSION, objective: meta, stopped: out.stopped },
    visits,
    routes,
    unplanned: unplannedItems(unassigned, occurrences),
    explanations: { terms, clients: [] },
    ...(released.length > 0 || shifts.some((s) => s.shift.optional) ? { releasedShifts: released } : {}),
  };
}

/** The optional shifts without a route: released (not called in, not paid), in roster order. */
export function releasedShifts(model: WeekModel, used: ReadonlySet<number>): ReleasedShift[] {
  const out: ReleasedShift[] = [];
  model.shifts.forEach(({ staff, shift }, si) => {
    if (!shift.optional || used.has(si)) return;
    const iv = model.clock.shiftInterval(shift.date, shift.start, shift.end);
    out.push({ staffId: staff.id, shiftId: shift.id, date: shift.date, start: shift.start, end: shift.end, paidMinutes: Math.max(0, iv.end - iv.start - (shift.break?.minutes ?? 0)) });
  });
  return out;
}

export type { PlacedVisit } from './change-terms.js';

/** What a replan or a plan with a reference adds to {@link weeklyObjective}'s pricing (all optional). */
export interface ObjectiveInputs {
  /** Per candidate: the staff of its visit in the plan in force (`restaffed`). */
  readonly referenceStaff?: readonly (readonly string[] | null)[];
  /** Per candidate: the reference period's visit it continues (`consistency`, reported only with it). */
  readonly previous?: readonly (PreviousVisit | null)[];
  /** Global shifts with visits (`optionalShift`, reported only when the roster has optional shifts). */
  readonly usedShifts?: ReadonlySet<number>;
  /** Per candidate: its due time against the plan in force (`retimed`, reported with it). */
  readonly due?: Float64Array;
  /** Per candidate: the date it was moved from (`movedDay`, reported with it). */
  readonly movedFrom?: readonly (string | null)[];
  /** Per global shift: its visits in the plan in force as `cand × 2 + half` (`routeChanged`, reported with it). */
  readonly routeReference?: readonly (readonly number[] | null)[];
  /** Per global shift with visits: its final visits as `cand × 2 + half`. */
  readonly routeSets?: ReadonlyMap<number, readonly number[]>;
}

/**
 * The weekly objective of placed visits: travel × its weight, every visit term's units (per staff
 * visit), and continuity's units (per client–staff pair, history included), with their costs and
 * the total. Unplanned occurrences are not in it: they are counted before it.
 */
export function weeklyObjective(
  model: WeekModel,
  weights: WeeklyWeights,
  history: Int32Array,
  placed: readonly PlacedVisit[],
  travelMinutes: number,
  priced: ObjectiveInputs = {},
): { total: number; newPairs: number; terms: TermTotal[] } {
  const { referenceStaff, previous, usedShifts, due, movedFrom, routeReference, routeSets } = priced;
  const nS = model.instance.staff.length;
  const pairVisits = new Map<number, number>();
  // `consistency` is reported only when there is a reference (plans without one stay as they were).
  const visitTerms = previous ? VISIT_TERMS : VISIT_TERMS.filter((t) => t.name !== consistency.name);
  const units: Record<string, number> = Object.fromEntries(visitTerms.map((t) => [t.name, 0]));
  const examples: string[] = [];
  for (const p of placed) {
    const c = model.candClient[p.cand]!;
    const client = model.instance.clients[c]!;
    for (const si of p.staff) {
      const staff = model.shifts[si]!.staff;
      const s = model.staffIndex.get(staff.id)!;
      pairVisits.set(c * nS + s, (pairVisits.get(c * nS + s) ?? 0) + 1);
      const ctx = { client, staff, met: 0, referenceStaff: referenceStaff?.[p.cand] ?? undefined, previous: previous?.[p.cand] ?? undefined };
      for (const t of visitTerms) units[t.name]! += t.units(ctx);
      if (previous && examples.length < 3 && consistency.units(ctx) > 0) examples.push(consistency.justify({ ...ctx, start: p.start === undefined ? undefined : model.clock.clockOf(p.start) }));
    }
  }
  let continuity = 0;
  let newPairs = 0;
  for (const [idx, n] of pairVisits) {
    continuity += continuityUnits(n, history[idx]!);
    if (history[idx] === 0) newPairs++;
  }
  const terms: TermTotal[] = [
    { term: newFace.name, weight: weights.newFace, amount: continuity, unit: newFace.unit, cost: weights.newFace * continuity, message: `${newFace.summary(continuity)}; ${newPairs} pairs are new since the history` },
    ...visitTerms.map((t) => ({
      term: t.name,
      weight: weights[t.name],
      amount: units[t.name]!,
      unit: t.unit,
      cost: weights[t.name] * units[t.name]!,
      message: t === consistency && examples.length > 0 ? `${t.summary(units[t.name]!)}; e.g. ${examples.join('; ')}` : t.summary(units[t.name]!),
    })),
  ];
  // `optionalShift` is reported only when the roster has optional shifts (other plans stay as they were).
  if (usedShifts && model.shifts.some((s) => s.shift.optional)) {
    let amount = 0;
    let nUsed = 0;
    let nOptional = 0;
    const why: string[] = [];
    model.shifts.forEach(({ staff, shift }, si) => {
      if (!shift.optional) return;
      nOptional++;
      if (!usedShifts.has(si)) return;
      nUsed++;
      amount += model.shiftUnits[si]!;
      if (why.length < 2) why.push(optionalShift.justify({ staff, shift, paidMinutes: paidOf(model, si), economics: model.instance.economics }));
    });
    amount = Math.round(amount * 100) / 100;
    const summary = optionalShift.summary(amount, nUsed, nOptional - nUsed);
    terms.push({ term: optionalShift.name, weight: weights.optionalShift, amount, unit: optionalShift.unit, cost: weights.optionalShift * amount, message: why.length > 0 ? `${summary}; e.g. ${why.join('; ')}` : summary });
  }
  if (due) terms.push(retimedTotal(model, weights, placed, due));
  if (movedFrom) terms.push(movedDayTotal(model, weights, placed, movedFrom));
  if (routeReference) terms.push(routeChangedTotal(model, weights, routeReference, routeSets ?? new Map()));
  return { total: weights.travel * travelMinutes + terms.reduce((s, t) => s + t.cost, 0), newPairs, terms };
}

/**
 * The clock-time half of "next period like the last" (kept by narrowed windows, so not priced): of
 * the placed visits continuing a reference visit, those starting more than
 * {@link CONSISTENCY_TIME_MINUTES} minutes from its clock time.
 */
function consistencyTime(model: WeekModel, match: ReferenceMatch, placed: readonly { cand: number; start: number }[]): TermTotal {
  let matched = 0;
  let moved = 0;
  for (const p of placed) {
    const t = match.minute[p.cand]!;
    if (t < 0) continue;
    matched++;
    if (Math.abs(p.start - t) > CONSISTENCY_TIME_MINUTES) moved++;
  }
  return {
    term: 'consistencyTime',
    weight: 0,
    amount: moved,
    unit: 'visit',
    cost: 0,
    message: `${matched - moved} of ${matched} visits continuing a visit of the last period (same client, tasks and weekday) start within ${CONSISTENCY_TIME_MINUTES} minutes of its clock time (kept as narrowed windows of ±15 minutes)`,
  };
}

function paidOf(model: WeekModel, si: number): number {
  const { shift } = model.shifts[si]!;
  const iv = model.clock.shiftInterval(shift.date, shift.start, shift.end);
  return Math.max(0, iv.end - iv.start - (shift.break?.minutes ?? 0));
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

/** Per global shift with visits: its final visits as `cand × 2 + half` (the code of `routeReference`). */
function routeSets(model: WeekModel, days: readonly { day: number; routes: readonly (readonly number[])[] }[]): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const { day, routes } of days) {
    const m = model.days[day]!;
    routes.forEach((r, k) => {
      const codes = r.filter((v) => v >= 0).map((v) => m.visits[v]!.cand * 2 + m.visits[v]!.half);
      if (codes.length > 0) out.set(m.shifts[k]!, codes);
    });
  }
  return out;
}
