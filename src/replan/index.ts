/**
 * Replanning: a new plan from the plan in force (the reference) and what changed since. The frozen
 * past and the locks are kept exactly, the changes are planned, and everything else changes as
 * little as possible — only the days the changes touch are re-solved, starting from the reference.
 */
import { PeriodClock } from '../calendar.js';
import { explainClients } from '../explain/index.js';
import { diffPlans, RETIME_MINUTES } from '../plan/diff.js';
import { PlanOptionError } from '../plan/index.js';
import { REPLAN_WEIGHTS, STRATEGY_WEIGHTS, type WeeklyWeights } from '../plan/terms/index.js';
import { searchWeek, WeekWindows, type DaySolver, type ReplanRules, type WeeklyOptions, type WeekRun } from '../plan/weekly/index.js';
import { cutWindows, modelFromDemand, type WeekModel, type Window } from '../plan/weekly/model.js';
import { historyCounts, writeWeeklyPlan } from '../plan/weekly/write.js';
import { SolverPool } from '../pool/index.js';
import type { Changes } from '../schema/changes.js';
import type { Instance } from '../schema/instance.js';
import { Plan, type PlannedVisit, type VisitLock } from '../schema/plan.js';
import { dayTasks, solveDaysOn } from '../tasks/day-tasks.js';
import type { ImportedMatrix } from '../travel/matrix.js';
import { applyChanges, type AppliedChanges } from './apply.js';
import { replanDemand } from './demand.js';
import { carryRoutes, dayMoves, movedDemand, type DayMove } from './move-day.js';

export { applyChanges, type AppliedChanges } from './apply.js';

/** A start may move this many minutes and the visit still counts as kept in time (the diff's rule). */
export const RETIME_TOLERANCE = RETIME_MINUTES;

/** Strategies `replan` accepts: `minimal-change` (default) and the weekly presets. */
export const REPLAN_STRATEGIES = ['minimal-change', 'balanced', 'travel-first', 'continuity-first'] as const;

/** Options of {@link replan}. */
export interface ReplanOptions {
  readonly seed?: number;
  /** Everything that starts before this instant (with offset) stays exactly as it is. */
  readonly now?: string;
  readonly timeLimitSeconds?: number;
  readonly workers?: number;
  /** Default `minimal-change`. */
  readonly strategy?: string;
  /** Weights replacing some of the preset's. */
  readonly weights?: Partial<WeeklyWeights>;
  /** Search iterations per re-solved day and pass (default {@link replanIterations}; a time limit adds passes until it). */
  readonly iterationsPerDay?: number;
  /** Passes over the re-solved days (default 1). */
  readonly rounds?: number;
  readonly matrix?: ImportedMatrix;
  /** Solves the days (tests, a pool); default: in process, or on `workers` threads. */
  readonly solveDays?: DaySolver;
  readonly onProgress?: (fraction: number, phase: string) => void;
  readonly signal?: AbortSignal;
  /** The changes already applied with this `now` and matrix (from `parseChanges`), to skip doing it twice. */
  readonly applied?: AppliedChanges;
}

/** What {@link replan} returns: the changed instance (check the plan against it) and the new plan. */
export interface ReplanResult {
  readonly instance: Instance;
  readonly plan: Plan;
}

/** A lock that cannot hold (e.g. locked to a shift that no longer exists); the CLI exits 2. */
export class ReplanError extends Error {
  constructor(
    readonly code: 'LOCK_CONFLICT' | 'BAD_NOW',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Replans a validated instance: applies `changes` (validated by `parseChanges`) to the instance and
 * the reference plan, then re-solves the days they touch with the reference as the start.
 *
 * - Frozen (started before `now`) and locked visits are required visits of a level above every
 *   other, on their shifts (staff locks), at their minute (time locks, one-minute windows).
 * - Every other visit of the reference keeps its id; a start more than 15 minutes later than there
 *   costs `retimed` per minute past that, an earlier one is not allowed until the visit cannot be
 *   planned otherwise; giving it to someone else costs `restaffed` per staff visit.
 * - What the reference left unplanned and what the changes add are planned like new visits.
 * - Days the changes do not touch keep their routes exactly; days before `now` too.
 *
 * The plan lists its locks (the checker verifies them), `frozenBefore`, and `changes` (the diff
 * against the reference, counted by the change that caused each).
 */
export async function replan(instance: Instance, reference: Plan, changes: Changes, options: ReplanOptions = {}): Promise<ReplanResult> {
  const started = performance.now();
  const strategy = options.strategy ?? 'minimal-change';
  const weights = replanWeights(strategy, options.weights);
  const applied = options.applied ?? applyChanges(instance, reference, changes, { now: options.now, matrix: options.matrix });
  const { model, refOf, setup, history, leftOut, now } = replanModel(reference, applied, { now: options.now, matrix: options.matrix });
  const next = applied.instance;

  const workers = Math.max(1, Math.floor(options.workers ?? 1));
  const pool = !options.solveDays && workers > 1 ? new SolverPool({ workers, registry: dayTasks }) : null;
  try {
    const weekly = {
      seed: options.seed ?? 1,
      weights,
      strategy,
      matrix: options.matrix,
      rounds: options.rounds ?? 1,
      iterationsPerDay: options.iterationsPerDay ?? replanIterations(setup.searchable.length),
      // The start is the plan in force with the changes inserted: one short pass keeps a replan
      // fast, and days that still leave visits out get the longer last search.
      timeLimitSeconds: options.timeLimitSeconds,
      workers,
      solveDays: options.solveDays ?? (pool ? solveDaysOn(pool) : undefined),
      signal: options.signal,
      onProgress: options.onProgress,
    };
    // With a time limit, the first search leaves a fifth of it for visits moved to another day.
    const firstWeekly = weekly.timeLimitSeconds === undefined ? weekly : { ...weekly, timeLimitSeconds: weekly.timeLimitSeconds * 0.8 };
    const run = await searchWeek(model, firstWeekly, { started, initial: setup.initial, searchable: setup.searchable, windows: setup.windows, rules: setup.rules, history });
    const write = (o: Outcome): Plan =>
      writeWeeklyPlan(o.model, {
        strategy: options.weights && Object.keys(options.weights).length > 0 ? `${strategy}+weights` : strategy,
        seed: weekly.seed,
        weights,
        history: o.history,
        ...o.run,
        visitIds: refOf.map((v) => v?.id ?? null),
        referenceStaff: o.setup.rules.referenceStaff,
        due: o.setup.rules.due,
        movedFrom: o.movedFrom,
        routeReference: o.setup.rules.routeReference,
        leftOut,
      });
    let best: Outcome = { model, setup, history, run, movedFrom: refOf.map(() => null) };
    let written = write(best);
    // What the first search could not do on its day may fit another day of its week (weekly tasks).
    const moves = run.stopped === 'aborted' ? [] : dayMoves(model, run.days, { now, locked: setup.rules.locked, allowedShifts: setup.rules.allowedShifts, searched: setup.searchable, changes });
    if (moves.length > 0) {
      const moved = await searchMoved(reference, applied, { model, refOf, setup, run, now }, moves, weekly, started);
      const second = write(moved);
      if (betterPlan(second, written)) {
        best = moved;
        written = second;
      }
    }
    assertLocksHeld(written, best.setup.locks);
    const reasons = new Map<string, string>([...applied.displaced, ...applied.removed]);
    for (const id of applied.extended.keys()) if (!reasons.has(id)) reasons.set(id, 'visitExtended');
    const diff = diffPlans(reference, written, { reasons });
    const plan = Plan.parse({
      ...written,
      explanations: { terms: written.explanations?.terms ?? [], clients: explainClients(next, written) },
      locks: best.setup.locks,
      frozenBefore: options.now,
      changes: diff,
    });
    options.onProgress?.(1, 'done');
    return { instance: next, plan };
  } finally {
    await pool?.destroy();
  }
}

/** One replan search and what it ran on: the model, its setup and history, and the visits it moved to another day. */
interface Outcome {
  readonly model: WeekModel;
  readonly setup: ReplanSetup;
  readonly history: Int32Array;
  readonly run: WeekRun;
  /** Per candidate: the date it was moved from (a visit of the plan in force), else null. */
  readonly movedFrom?: readonly (string | null)[];
}

/**
 * The second search of a replan: the week with `moves` made (their visits on the new days, like new
 * visits there but priced `movedDay` when the plan in force had them), the first result as the
 * start, the new days re-solved; the first search's days keep its rules (narrowed windows, due
 * times) and its relaxed windows.
 */
async function searchMoved(
  reference: Plan,
  applied: AppliedChanges,
  first: { model: WeekModel; refOf: readonly (PlannedVisit | null)[]; setup: ReplanSetup; run: WeekRun; now: number },
  moves: readonly DayMove[],
  weekly: WeeklyOptions,
  started: number,
): Promise<Outcome> {
  const demand = movedDemand(first.model, moves);
  const model = modelFromDemand(applied.instance, demand.occurrences, demand.candidates, weekly.matrix);
  const isMoved = new Uint8Array(model.candidates.length);
  for (const m of moves) isMoved[m.cand] = 1;
  const newDays = [...new Set(moves.map((m) => m.day))].sort((a, b) => a - b);
  const days = [...new Set([...first.setup.searchable, ...newDays])].sort((a, b) => a - b);
  const setup = replanSetup(model, reference, applied, first.refOf.map((v, ci) => (isMoved[ci] ? null : v)), first.now, undefined, days);
  setup.windows.relax(model.candidates.flatMap((_, ci) => (first.run.relaxed[ci] && !isMoved[ci] ? [ci] : [])));
  const movedFrom = first.refOf.map((v, ci) => (isMoved[ci] && v ? v.date : null));
  // Routes compare with the plan in force: a moved visit is missing from its old day's route.
  const routeReference = routeReferences(model, reference, first.refOf, days);
  const rules: ReplanRules = { ...setup.rules, movedFrom, routeReference };
  const history = historyCounts(model);
  const run = await searchWeek(model, weekly, {
    started,
    initial: carryRoutes(first.model, model, first.run.days),
    searchable: newDays,
    windows: setup.windows,
    rules,
    history,
  });
  return { model, setup: { ...setup, rules }, history, run, movedFrom };
}

/**
 * Every lock held in the plan (its visit there, with the locked staff and start), or a
 * `LOCK_CONFLICT` naming the visits the search could not place as locked: locks that each fit
 * their shift can still clash with each other or with the frozen past (two locked visits of one
 * staff member at once, a locked visit with no time to travel to it).
 */
function assertLocksHeld(plan: Plan, locks: readonly VisitLock[]): void {
  const byId = new Map(plan.visits.map((v) => [v.id, v]));
  const broken = locks.filter((l) => {
    const v = byId.get(l.visitId);
    if (!v) return true;
    if (l.staff && [...v.staff].sort().join() !== l.staff.join()) return true;
    return l.start !== undefined && Date.parse(l.start) !== Date.parse(v.start);
  });
  if (broken.length === 0) return;
  const ids = broken.map((l) => l.visitId);
  throw new ReplanError('LOCK_CONFLICT', `visit${ids.length > 1 ? 's' : ''} ${ids.slice(0, 10).join(', ')}${ids.length > 10 ? ` and ${ids.length - 10} more` : ''} cannot be planned as locked (with the other locks, the frozen past and the rules of their routes): unlock ${ids.length > 1 ? 'them' : 'it'} or move ${ids.length > 1 ? 'them' : 'it'} where the rules allow`);
}

/** Whether plan `a` is better than `b`: fewer unplanned HSL, then personal care, then service occurrences, then a lower objective. */
function betterPlan(a: Plan, b: Plan): boolean {
  const o = (p: Plan): number[] => {
    const m = p.meta.objective ?? {};
    return [m.unplannedHsl ?? 0, m.unplannedCare ?? 0, m.unplannedService ?? 0, m.total ?? 0];
  };
  const x = o(a);
  const y = o(b);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! < y[i]!;
  return false;
}

/** A replan before its search: the week model of the changed instance with the plan in force as its start. */
export interface ReplanModel {
  readonly model: WeekModel;
  /** Per candidate: the reference visit it continues, or null for a new one. */
  readonly refOf: readonly (PlannedVisit | null)[];
  readonly setup: ReplanSetup;
  /** Visits per (client, staff) before the period. */
  readonly history: Int32Array;
  /** `now` in period minutes (-Infinity without one). */
  readonly now: number;
  /** Occurrences unplanned before any search: the client's granted time does not hold them. */
  readonly leftOut: readonly { readonly occurrence: number; readonly reason: 'BUDGET' }[];
}

/**
 * The model of a replan (see {@link replan}): the changed instance's demand as the reference's kept
 * visits plus what is new, the reference routes as the start, locks and windows. `openDays` replaces
 * the days the changes touch as the days whose visits may move (the recommender opens none: every
 * visit of the plan in force keeps its staff and minute, and only new or displaced visits are free).
 */
export function replanModel(reference: Plan, applied: AppliedChanges, options: { now?: string; matrix?: ImportedMatrix; openDays?: readonly number[] } = {}): ReplanModel {
  const next = applied.instance;
  const clock = new PeriodClock(next.period.start, next.period.days, next.period.timeZone);
  let now = -Infinity;
  if (options.now !== undefined) {
    if (!/(?:[+-]\d{2}:\d{2}|Z)$/.test(options.now) || Number.isNaN(Date.parse(options.now))) throw new ReplanError('BAD_NOW', `now "${options.now}" is not an instant with an offset`);
    now = clock.parseInstant(options.now);
  }
  const demand = replanDemand(next, clock, reference, applied, now);
  const model = modelFromDemand(next, demand.occurrences, demand.candidates, options.matrix);
  const setup = replanSetup(model, reference, applied, demand.refOf, now, options.openDays);
  return { model, refOf: demand.refOf, setup, history: historyCounts(model), now, leftOut: demand.overBudget.map((occurrence) => ({ occurrence, reason: 'BUDGET' as const })) };
}

/**
 * Search iterations per re-solved day by default: 500 on up to four days, then the same 2,000 in all
 * shared among them (at least 150 each). A change that touches many days (a new client from
 * Thursday) adds a few visits to each, and the warm start needs little search per day to place them.
 */
export function replanIterations(days: number): number {
  return days <= 4 ? 500 : Math.max(150, Math.round(2000 / days));
}

/** The weights of a replan strategy with user weights over them. */
function replanWeights(strategy: string, user: Partial<WeeklyWeights> | undefined): WeeklyWeights {
  if (!(REPLAN_STRATEGIES as readonly string[]).includes(strategy)) throw new PlanOptionError(`unknown replan strategy "${strategy}"; available: ${REPLAN_STRATEGIES.join(', ')}`);
  const preset: WeeklyWeights = strategy === 'minimal-change' ? REPLAN_WEIGHTS['minimal-change'] : STRATEGY_WEIGHTS[strategy as keyof typeof STRATEGY_WEIGHTS];
  for (const [k, v] of Object.entries(user ?? {})) {
    if (!(k in preset)) throw new PlanOptionError(`unknown weight "${k}"; available: ${Object.keys(preset).join(', ')}`);
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new PlanOptionError(`weight "${k}" must be a finite number ≥ 0`);
  }
  return { ...preset, ...user };
}

/** Start, searchable days, windows, rules and the plan's locks of a replan. */
export interface ReplanSetup {
  readonly initial: number[][][];
  readonly searchable: number[];
  readonly windows: WeekWindows;
  readonly rules: ReplanRules;
  readonly locks: VisitLock[];
}

function replanSetup(model: WeekModel, reference: Plan, applied: AppliedChanges, refOf: readonly (PlannedVisit | null)[], now: number, openDays?: readonly number[], searchDays?: readonly number[]): ReplanSetup {
  const { clock, candidates } = model;
  const nC = candidates.length;
  const candOf = new Map<string, number>();
  refOf.forEach((v, ci) => v && candOf.set(v.id, ci));
  const shiftIndex = new Map(model.shifts.map((s, i) => [`${s.staff.id}\u0000${s.shift.id}`, i]));
  // Where each reference visit was: its global shifts; each reference route's break start.
  const refShifts = new Map<string, number[]>();
  const refBreak = new Map<number, number>();
  for (const r of reference.routes) {
    const si = shiftIndex.get(`${r.staffId}\u0000${r.shiftId}`);
    for (const e of r.events) {
      if (e.type === 'visit' && si !== undefined) (refShifts.get(e.visitId) ?? refShifts.set(e.visitId, []).get(e.visitId)!).push(si);
      if (e.type === 'break' && si !== undefined) refBreak.set(si, clock.parseInstant(e.start));
    }
  }
  // Days the changes touch, from today on; the past and untouched days keep the reference exactly.
  const todayIndex = Number.isFinite(now) ? Math.max(0, clock.dayIndexOf(now)) : 0;
  const touched = new Set<number>();
  for (const date of applied.affectedDates) if (clock.dates.includes(date)) touched.add(clock.dayIndex(date));
  for (const id of [...applied.displaced.keys(), ...applied.extended.keys()]) {
    const v = reference.visits.find((x) => x.id === id);
    if (v && clock.dates.includes(v.date)) touched.add(clock.dayIndex(v.date));
  }
  // New visits touch their day when a change brought them (new tasks, clients); what the plan in
  // force could not place is tried again only on days re-solved anyway.
  // Days that only lost visits are re-solved when the freed time may take what was left out.
  const freed = new Set<number>();
  for (const id of applied.removed.keys()) {
    const v = reference.visits.find((x) => x.id === id);
    if (v && clock.dates.includes(v.date)) freed.add(clock.dayIndex(v.date));
  }
  refOf.forEach((v, ci) => {
    const d = model.candDay[ci]!;
    if (v === null && (applied.affectedDates.has(clock.dates[d]!) || freed.has(d))) touched.add(d);
  });
  const searchable = (openDays ?? searchDays ?? [...touched]).filter((d) => d >= todayIndex).sort((a, b) => a - b);
  const isSearched = new Uint8Array(model.days.length);
  for (const d of searchable) isSearched[d] = 1;

  const lockOf = new Map(applied.locks.map((l) => [l.visitId, l.keep]));
  const locked = new Uint8Array(nC);
  const allowedShifts: (number[] | null)[] = new Array(nC).fill(null);
  const referenceStaff: (string[] | null)[] = new Array(nC).fill(null);
  const allowed: Window[][] = [];
  const narrowed: (Window[] | null)[] = [];
  const due = new Float64Array(nC).fill(Infinity);
  const locks: VisitLock[] = [];
  const afterNow = (ws: readonly Window[]): Window[] => cutWindows(ws, [{ start: now, end: Infinity }]);
  for (let ci = 0; ci < nC; ci++) {
    const v = refOf[ci];
    const own = candidates[ci]!.windows;
    // A visit whose windows all lie before now cannot be planned any more: no shift may take it.
    const free = afterNow(own);
    if (free.length === 0 && !(v && clock.parseInstant(v.start) < now)) {
      allowed.push([...own]);
      narrowed.push(null);
      allowedShifts[ci] = [];
      if (v) referenceStaff[ci] = [...v.staff];
      continue;
    }
    if (!v) {
      allowed.push(free);
      const pref = model.preferredWindows[ci];
      narrowed.push(pref ? afterNow(pref) : null);
      continue;
    }
    const start = clock.parseInstant(v.start);
    referenceStaff[ci] = [...v.staff];
    const frozen = start < now;
    const searched = isSearched[model.candDay[ci]!] === 1;
    const keep = frozen ? 'all' : lockOf.get(v.id);
    if (keep) {
      locked[ci] = 1;
      locks.push({ visitId: v.id, keep, reason: frozen ? 'frozen' : 'lock', ...(keep !== 'time' ? { staff: [...v.staff].sort() } : {}), ...(keep !== 'staff' ? { start: v.start } : {}) });
    }
    const displaced = applied.displaced.has(v.id);
    if (keep === 'all' || keep === 'staff' || (!searched && !displaced)) {
      const shifts = refShifts.get(v.id) ?? [];
      if (shifts.length < v.staff.length) throw new ReplanError('LOCK_CONFLICT', `visit ${v.id} is locked to staff ${v.staff.join(', ')}, but the changes leave ${v.staff.length > 1 ? 'them' : 'that staff member'} without the shift`);
      allowedShifts[ci] = shifts;
      // Locked in staff and time: the visit must lie inside each of its staff's shifts (a drag on
      // the board can put it outside), or no plan can keep the lock.
      if (keep === 'all' && !frozen) {
        const end = start + model.candMinutes[ci]!;
        for (const si of shifts) {
          const veh = model.vehicles[si]!;
          if (start >= veh.shiftStart && end <= veh.shiftEnd) continue;
          const { staff, shift } = model.shifts[si]!;
          throw new ReplanError('LOCK_CONFLICT', `visit ${v.id} is locked at ${clock.clockOf(start)}–${clock.clockOf(end)} with ${staff.id}, outside that staff member's shift ${shift.start}–${shift.end} on ${shift.date}: unlock it or move it inside the shift`);
        }
      }
    }
    // A displaced visit is free wherever it is not frozen (on a day not re-solved: the recommender's).
    if (keep === 'all' || keep === 'time' || (!searched && !displaced)) {
      allowed.push([{ start, end: start }]);
      narrowed.push(null);
      continue;
    }
    // Later than the tolerance is priced (retimed, per minute past the due time); earlier is
    // forbidden until the visit cannot be planned otherwise (the narrowed windows are relaxed).
    // The recommender (openDays) has no search to relax windows: its slots stay within ±15 minutes.
    allowed.push(free);
    if (!openDays) due[ci] = start + RETIME_TOLERANCE;
    const near = cutWindows(free, [{ start: start - RETIME_TOLERANCE, end: openDays ? start + RETIME_TOLERANCE : Infinity }]);
    narrowed.push(near.length > 0 ? near : null);
  }
  // Breaks: taken before now, or on a day not re-solved, they stay; not yet taken, they start after now.
  const breaks = new Map<number, { earliest: number; latest: number }>();
  model.shifts.forEach((_, si) => {
    const spec = model.vehicles[si]!.break;
    if (!spec) return;
    const b = refBreak.get(si);
    const day = model.days.findIndex((m) => m.shifts.includes(si));
    if (b !== undefined && (b < now || !isSearched[day])) breaks.set(si, { earliest: b, latest: b });
    else if (now > spec.earliest && now <= spec.latest) breaks.set(si, { earliest: now, latest: spec.latest });
  });

  // The reference's routes as engine routes (kept visits only; displaced ones are placed by the search).
  const engineIndex = model.days.map((m) => {
    const out = new Map<number, number[]>();
    m.visits.forEach((dv, i) => (out.get(dv.cand) ?? out.set(dv.cand, []).get(dv.cand)!).push(i));
    return out;
  });
  const initial = model.days.map((m) => m.shifts.map(() => [] as number[]));
  const halvesUsed = new Map<number, number>();
  for (const r of reference.routes) {
    const si = shiftIndex.get(`${r.staffId}\u0000${r.shiftId}`);
    if (si === undefined) continue;
    const d = model.days.findIndex((m) => m.shifts.includes(si));
    const k = model.days[d]!.shifts.indexOf(si);
    const out = initial[d]![k]!;
    for (const e of r.events) {
      if (e.type === 'break') out.push(-1);
      if (e.type !== 'visit' || applied.displaced.has(e.visitId)) continue;
      const ci = candOf.get(e.visitId);
      if (ci === undefined || model.candDay[ci] !== d) continue;
      const half = halvesUsed.get(ci) ?? 0;
      const idx = engineIndex[d]!.get(ci)?.[half];
      if (idx === undefined) continue;
      halvesUsed.set(ci, half + 1);
      out.push(idx);
    }
  }
  const routeReference = routeReferences(model, reference, refOf, searchable);
  return { initial, searchable, windows: new WeekWindows(model, allowed, narrowed), rules: { locked, allowedShifts, referenceStaff, breaks, due, routeReference }, locks };
}

/**
 * Per global shift on `days`: the visits its route had in the plan in force, as `cand × 2 + half`
 * (halves numbered in route order, as the start routes number them), displaced visits included and
 * cancelled ones not (they are no candidates); null on other days. A shift without a route there has
 * an empty reference.
 */
export function routeReferences(model: WeekModel, reference: Plan, refOf: readonly (PlannedVisit | null)[], days: readonly number[]): (number[] | null)[] {
  const out: (number[] | null)[] = model.shifts.map(() => null);
  for (const d of days) for (const si of model.days[d]!.shifts) out[si] = [];
  const candOf = new Map<string, number>();
  refOf.forEach((v, ci) => v && candOf.set(v.id, ci));
  const shiftIndex = new Map(model.shifts.map((s, i) => [`${s.staff.id}\u0000${s.shift.id}`, i]));
  const halves = new Map<number, number>();
  for (const r of reference.routes) {
    const si = shiftIndex.get(`${r.staffId}\u0000${r.shiftId}`);
    for (const e of r.events) {
      if (e.type !== 'visit') continue;
      const ci = candOf.get(e.visitId);
      if (ci === undefined) continue;
      const half = halves.get(ci) ?? 0;
      halves.set(ci, half + 1);
      if (si !== undefined) out[si]?.push(ci * 2 + half);
    }
  }
  return out;
}
