/**
 * Replanning: a new plan from the plan in force (the reference) and what changed since. The frozen
 * past and the locks are kept exactly, the changes are planned, and everything else changes as
 * little as possible — only the days the changes touch are re-solved, starting from the reference.
 */
import { PeriodClock } from '../calendar.js';
import { explainClients } from '../explain/index.js';
import { categoryBudget, durationBounds, expandDemand, type DemandSpan } from '../model/demand.js';
import { diffPlans, RETIME_MINUTES } from '../plan/diff.js';
import { composeVisits } from '../plan/compose.js';
import type { Occurrence } from '../plan/granted.js';
import { PlanOptionError } from '../plan/index.js';
import { REPLAN_WEIGHTS, STRATEGY_WEIGHTS, type WeeklyWeights } from '../plan/terms/index.js';
import { searchWeek, WeekWindows, type DaySolver, type ReplanRules } from '../plan/weekly/index.js';
import { modelFromDemand, type WeekModel, type Window } from '../plan/weekly/model.js';
import { historyCounts, writeWeeklyPlan } from '../plan/weekly/write.js';
import { SolverPool } from '../pool/index.js';
import type { Changes } from '../schema/changes.js';
import type { Instance } from '../schema/instance.js';
import { Plan, type PlannedVisit, type TermTotal, type VisitLock } from '../schema/plan.js';
import { dayTasks, solveDaysOn } from '../tasks/day-tasks.js';
import type { ImportedMatrix } from '../travel/matrix.js';
import { taskWindows } from '../validate/semantic.js';
import { applyChanges, type AppliedChanges } from './apply.js';

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
  const { model, refOf, setup, history, leftOut } = replanModel(reference, applied, { now: options.now, matrix: options.matrix });
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
    const run = await searchWeek(model, weekly, { started, initial: setup.initial, searchable: setup.searchable, windows: setup.windows, rules: setup.rules, history });
    const written = writeWeeklyPlan(model, {
      strategy: options.weights && Object.keys(options.weights).length > 0 ? `${strategy}+weights` : strategy,
      seed: weekly.seed,
      weights,
      history,
      ...run,
      visitIds: refOf.map((v) => v?.id ?? null),
      referenceStaff: setup.rules.referenceStaff,
      due: setup.rules.due,
      leftOut,
    });
    const reasons = new Map<string, string>([...applied.displaced, ...applied.removed]);
    for (const id of applied.extended.keys()) if (!reasons.has(id)) reasons.set(id, 'visitExtended');
    const diff = diffPlans(reference, written, { reasons });
    const plan = Plan.parse({
      ...written,
      explanations: { terms: [...(written.explanations?.terms ?? []), ...changeTerms(diff, run.relaxed, refOf)], clients: explainClients(next, written) },
      locks: setup.locks,
      frozenBefore: options.now,
      changes: diff,
    });
    options.onProgress?.(1, 'done');
    return { instance: next, plan };
  } finally {
    await pool?.destroy();
  }
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

/** A replan's demand: occurrences and visit candidates, and per candidate the reference visit it keeps. */
interface ReplanDemand {
  readonly occurrences: Occurrence[];
  readonly candidates: { members: number[]; windows: Window[] }[];
  /** Per candidate: the reference visit it continues, or null for a new one. */
  readonly refOf: (PlannedVisit | null)[];
  /** New occurrences the client's granted time no longer holds (in no candidate; unplanned, BUDGET). */
  readonly overBudget: number[];
}

/**
 * The visits to plan: every reference visit the changes keep (its tasks and minutes, shrunk or
 * extended as the changes say), then the demand of the changed instance that those do not account
 * for — what the reference left unplanned, new tasks and clients — as new occurrences at standard
 * minutes on their due dates (weekly tasks on a free allowed day, from today on where possible),
 * composed into visits like a fresh plan.
 */
function replanDemand(next: Instance, clock: PeriodClock, reference: Plan, applied: AppliedChanges, now: number): ReplanDemand {
  const spans = expandDemand(next, clock.dates);
  const key = (c: string, t: string): string => `${c}\u0000${t}`;
  const spansOf = new Map<string, { span: DemandSpan; used: string[] }[]>();
  for (const span of spans) (spansOf.get(key(span.clientId, span.taskId)) ?? spansOf.set(key(span.clientId, span.taskId), []).get(key(span.clientId, span.taskId))!).push({ span, used: [] });
  const clients = new Map(next.clients.map((c) => [c.id, c]));
  const occurrences: Occurrence[] = [];
  const candidates: { members: number[]; windows: Window[] }[] = [];
  const refOf: (PlannedVisit | null)[] = [];
  for (const v of reference.visits) {
    if (applied.removed.has(v.id)) continue;
    const client = clients.get(v.clientId);
    if (!client) continue;
    const dropped = applied.shrunk.get(v.id) ?? [];
    const ext = applied.extended.get(v.id);
    const members: number[] = [];
    for (const entry of v.tasks) {
      if (dropped.includes(entry.taskId)) continue;
      const task = client.tasks.find((t) => t.id === entry.taskId);
      const slot = spansOf.get(key(v.clientId, entry.taskId))?.find((s) => s.span.dates.includes(v.date));
      if (!task || !slot) continue;
      slot.used.push(v.date);
      members.push(occurrences.length);
      occurrences.push({ client, task, span: slot.span, date: v.date, minutes: entry.minutes + (ext?.taskId === entry.taskId ? ext.minutes : 0) });
    }
    if (members.length === 0) continue;
    candidates.push({ members, windows: intersectAll(members.map((m) => taskWindows(clock, v.date, occurrences[m]!.task))) });
    refOf.push(v);
  }
  // What the kept visits leave of each span: new occurrences.
  const today = Number.isFinite(now) ? clock.dateOf(now) : clock.dates[0]!;
  const fresh: Occurrence[] = [];
  for (const list of spansOf.values()) {
    for (const { span, used } of list) {
      const client = clients.get(span.clientId)!;
      const task = client.tasks.find((t) => t.id === span.taskId)!;
      const minutes = durationBounds(task).standard;
      let missing = span.count - used.length;
      // Daily tasks repeat on their date; weekly ones take free allowed days, today or later first.
      const free = span.dates.length === 1 ? [] : span.dates.filter((d) => !used.includes(d)).sort((a, b) => Number(a < today) - Number(b < today) || a.localeCompare(b));
      for (let i = 0; missing > 0; i++, missing--) {
        const date = span.dates.length === 1 ? span.dates[0]! : (free[i] ?? span.dates[i % span.dates.length]!);
        fresh.push({ client, task, span, date, minutes });
      }
    }
  }
  // New occurrences take what the kept visits leave of the client's granted time: the standard
  // length, else shorter down to the task's minimum, else none (unplanned, BUDGET).
  const upper = next.planning.grantedTolerance.upper;
  const left = new Map<string, number>();
  const budgetKey = (o: Occurrence): string => `${o.client.id}\u0000${categoryBudget(o.task.category)}`;
  for (const client of next.clients) {
    left.set(`${client.id}\u0000care`, client.granted.careMinutes * upper);
    left.set(`${client.id}\u0000service`, client.granted.serviceMinutes * upper);
  }
  for (const o of occurrences) if (categoryBudget(o.task.category) !== 'none') left.set(budgetKey(o), left.get(budgetKey(o))! - o.minutes * o.task.staffCount);
  const fitting: Occurrence[] = [];
  const over: Occurrence[] = [];
  for (const o of fresh) {
    if (categoryBudget(o.task.category) === 'none') {
      fitting.push(o);
      continue;
    }
    const room = Math.floor(left.get(budgetKey(o))! / o.task.staffCount + 1e-9);
    const minutes = Math.min(o.minutes, room);
    if (minutes < durationBounds(o.task).min) {
      over.push(o);
      continue;
    }
    left.set(budgetKey(o), left.get(budgetKey(o))! - minutes * o.task.staffCount);
    fitting.push(minutes === o.minutes ? o : { ...o, minutes });
  }
  const offset = occurrences.length;
  occurrences.push(...fitting);
  for (const c of composeVisits(clock, fitting)) {
    candidates.push({ members: c.members.map((m) => m + offset), windows: c.windows.map((w) => ({ ...w })) });
    refOf.push(null);
  }
  const overBudget = over.map((_, i) => occurrences.length + i);
  occurrences.push(...over);
  return { occurrences, candidates, refOf, overBudget };
}

/** Intersection of several sorted window lists (empty when they share no minute). */
function intersectAll(lists: readonly (readonly Window[])[]): Window[] {
  let out: Window[] = lists[0]!.map((w) => ({ ...w }));
  for (const ws of lists.slice(1)) out = cut(out, ws);
  return out;
}

function cut(a: readonly Window[], b: readonly Window[]): Window[] {
  const out: Window[] = [];
  for (const x of a) for (const y of b) if (Math.max(x.start, y.start) <= Math.min(x.end, y.end)) out.push({ start: Math.max(x.start, y.start), end: Math.min(x.end, y.end) });
  return out.sort((p, q) => p.start - q.start);
}

/** Start, searchable days, windows, rules and the plan's locks of a replan. */
export interface ReplanSetup {
  readonly initial: number[][][];
  readonly searchable: number[];
  readonly windows: WeekWindows;
  readonly rules: ReplanRules;
  readonly locks: VisitLock[];
}

function replanSetup(model: WeekModel, reference: Plan, applied: AppliedChanges, refOf: readonly (PlannedVisit | null)[], now: number, openDays?: readonly number[]): ReplanSetup {
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
  const searchable = (openDays ?? [...touched]).filter((d) => d >= todayIndex).sort((a, b) => a - b);
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
  const afterNow = (ws: readonly Window[]): Window[] => cut(ws, [{ start: now, end: Infinity }]);
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
    const near = cut(free, [{ start: start - RETIME_TOLERANCE, end: openDays ? start + RETIME_TOLERANCE : Infinity }]);
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
  return { initial, searchable, windows: new WeekWindows(model, allowed, narrowed), rules: { locked, allowedShifts, referenceStaff, breaks, due }, locks };
}

/**
 * The change terms a replan reports beside the priced ones (`restaffed` and `retimed` are in the
 * objective): visits moved to another day (a replan keeps every visit on its day) and staff whose
 * route changed (to be told; see `changes.staff`), with the visits that started earlier than the
 * tolerance because they could not be planned otherwise.
 */
function changeTerms(diff: Plan['changes'] & object, relaxed: Uint8Array, refOf: readonly (PlannedVisit | null)[]): TermTotal[] {
  let given = 0;
  refOf.forEach((v, ci) => v && relaxed[ci] && given++);
  const staffChanged = diff.staff.length;
  return [
    { term: 'movedDay', weight: 0, amount: diff.visits.movedDay, unit: 'visit', cost: 0, message: `${diff.visits.movedDay} visits moved to another day (a replan keeps every visit on its day)` },
    {
      term: 'routeChanged',
      weight: 0,
      amount: staffChanged,
      unit: 'staff member',
      cost: 0,
      message: `${staffChanged} staff members have a changed route to be told about (see changes.staff); ${diff.visits.retimed} visits start more than ${RETIME_TOLERANCE} minutes from their time in the plan in force, ${given} visits had their earlier times opened because they could not be planned otherwise`,
    },
  ];
}
