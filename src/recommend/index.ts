/**
 * Recommendations: where a visit fits best into the plan in force without moving anything else.
 *
 * - a new one-off visit or an unplanned occurrence: the best k (staff, day, start) options;
 * - an absent staff member: per visit, ranked replacements, staff the client has met first;
 * - a new client (admission): per team, which occurrences fit from a date and what it costs.
 *
 * Every option is a real insertion into the plan's routes by the routing core (every other visit
 * keeps its staff and minute), priced by the plan's own objective term by term, and — written as a
 * whole plan — checked by the independent checker; an option it rejects is not offered.
 */
import { planReferenceProblems } from '../check/index.js';
import { STRATEGY_WEIGHTS, type WeeklyWeights } from '../plan/terms/index.js';
import { RETIME_TOLERANCE } from '../replan/index.js';
import { parseChanges } from '../replan/validate.js';
import type { Change } from '../schema/changes.js';
import type { Instance, Task } from '../schema/instance.js';
import type { Plan } from '../schema/plan.js';
import { Recommendation, RecommendRequest, type OneOffVisit, type RecommendOption, type RecommendRequestInput } from '../schema/recommend.js';
import type { ImportedMatrix } from '../travel/matrix.js';
import { fromZodIssues, type ValidationIssue } from '../validate/issues.js';
import { admission } from './admission.js';
import { planWeights, RecommendContext, type PlacedOption } from './context.js';
import { slotsFor, type Slot } from './slots.js';

export { RecommendContext, planWeights, type PlacedOption } from './context.js';

/** Options of {@link recommend}. */
export interface RecommendOptions {
  /** Options per visit (default 3, at most {@link MAX_TOP}). */
  readonly top?: number;
  /** Nothing that starts before this instant moves; options start after it. */
  readonly now?: string;
  /** Weights over the plan's own (default: the weights the plan was made with). */
  readonly weights?: Partial<WeeklyWeights>;
  readonly matrix?: ImportedMatrix;
}

/** A request that does not fit the instance or the plan (every problem, code and path); the CLI exits 2. */
export class RecommendError extends Error {
  constructor(readonly issues: readonly ValidationIssue[]) {
    super(`${issues.length} problems in the recommendation request: ${issues.map((i) => `${i.code} at ${i.path}`).join('; ')}`);
  }
}

/**
 * Recommends places for a visit, replacements for an absent staff member, or a team for a new
 * client (see the module comment). `instance` and `plan` are validated; `request` is validated here
 * (zod, then against the instance and the plan) and a {@link RecommendError} lists every problem.
 */
export function recommend(instance: Instance, plan: Plan, input: RecommendRequestInput, options: RecommendOptions = {}): Recommendation {
  return recommendWithPlans(instance, plan, input, options).recommendation;
}

/** A recommendation with, per option (same order), the whole plan that option makes (checked). */
export interface DetailedRecommendation {
  readonly recommendation: Recommendation;
  /** `plans[i]` is the plan in force with `recommendation.options[i]` placed (for a new client: with all of them). */
  readonly plans: readonly Plan[];
  /** The instance the plans belong to (with the one-off task, the absence or the new client). */
  readonly instance: Instance;
}

/** {@link recommend}, with the plan of each option (to show it, apply it, or check it again). */
export function recommendWithPlans(instance: Instance, plan: Plan, input: RecommendRequestInput, options: RecommendOptions = {}): DetailedRecommendation {
  const shape = RecommendRequest.safeParse(input);
  if (!shape.success) throw new RecommendError(fromZodIssues(shape.error.issues));
  const request = shape.data;
  const edge = optionIssues(instance, plan, options);
  if (edge.length > 0) throw new RecommendError(edge);
  const changes = requestChanges(request);
  const parsed = parseChanges(instance, plan, { changes }, { now: options.now, matrix: options.matrix });
  if (!parsed.ok) {
    // A visit or client no qualified staff is on shift for is an answer, not an error: nothing fits.
    if (parsed.issues.every((i) => UNSTAFFED.has(i.code))) {
      const recommendation = Recommendation.parse({ type: request.type, options: [], rejected: 0, message: `nothing fits: ${parsed.issues.map((i) => i.message).join('; ')}`, ...(request.type === 'client' ? { teams: [] } : {}) });
      return { recommendation, plans: [], instance };
    }
    throw new RecommendError(parsed.issues.map((i) => ({ ...i, path: requestPath(request, i.path) })));
  }
  const ctx = new RecommendContext(plan, parsed.applied, planWeights(plan, options.weights), { now: options.now, matrix: options.matrix });
  const top = options.top ?? 3;
  const { refOf, model } = ctx.rm;
  const detailed = (r: { recommendation: Recommendation; plans: readonly Plan[] }): DetailedRecommendation => ({ ...r, instance: ctx.instance });
  switch (request.type) {
    case 'visit': {
      const taskId = oneOffTaskId(request.visit);
      const cands = refOf.flatMap((v, c) => (v === null && model.occurrences[model.candidates[c]!.members[0]!]!.task.id === taskId ? [c] : []));
      return detailed(best(ctx, 'visit', cands, top));
    }
    case 'unplanned': {
      const cands = unplannedCandidates(ctx, plan, request.unplanned);
      return detailed(best(ctx, 'unplanned', cands, top));
    }
    case 'replace':
      return detailed(replacements(ctx, top));
    case 'client':
      return detailed(admission(ctx, request.client.id));
  }
}

/**
 * Problems with the options and the plan: `now` an instant with an offset, known weights, a plan
 * whose every reference resolves in the instance (the checker's UNKNOWN_REF and DUPLICATE_ID).
 */
function optionIssues(instance: Instance, plan: Plan, options: RecommendOptions): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  const error = (code: ValidationIssue['code'], path: string, message: string, hint: string): void => void out.push({ code, path, message, hint, severity: 'error' });
  if (options.now !== undefined && (!/(?:[+-]\d{2}:\d{2}|Z)$/.test(options.now) || Number.isNaN(Date.parse(options.now)))) error('CHANGE_TIME', 'now', `now "${options.now.slice(0, 40)}" is not an instant with an offset`, 'e.g. 2026-11-24T06:30:00+01:00');
  for (const [k, v] of Object.entries(options.weights ?? {})) {
    if (!(k in STRATEGY_WEIGHTS.balanced)) error('SCHEMA', `weights.${k}`, `unknown weight "${k}"`, `available: ${Object.keys(STRATEGY_WEIGHTS.balanced).join(', ')}`);
    else if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) error('SCHEMA', `weights.${k}`, `weight "${k}" must be a finite number ≥ 0`, 'give a number ≥ 0');
  }
  if (options.top !== undefined && !(Number.isInteger(options.top) && options.top >= 1 && options.top <= MAX_TOP)) error('SCHEMA', 'top', `top must be a whole number from 1 to ${MAX_TOP}`, 'e.g. 3');
  for (const v of planReferenceProblems(instance, plan)) error(v.code === 'DUPLICATE_ID' ? 'DUPLICATE_ID' : 'UNKNOWN_REF', `plan.${v.path}`, v.message, 'recommend on the plan made for this instance');
  return out;
}

/** Most options per visit (each is written and checked as a whole plan). */
export const MAX_TOP = 10;

/** Problems of the changed instance that mean "no qualified staff on shift then", i.e. no option. */
const UNSTAFFED = new Set(['WINDOW_NO_SHIFT', 'NO_QUALIFIED_STAFF']);

/** The changes a request makes to the plan in force before anything is placed. */
function requestChanges(request: RecommendRequest): Change[] {
  switch (request.type) {
    case 'visit':
      return [{ type: 'taskAdded', clientId: request.visit.clientId, task: oneOffTask(request.visit), from: request.visit.date }];
    case 'unplanned':
      return [];
    case 'replace':
      return [{ type: 'staffAbsent', staffId: request.staffId, from: request.from, to: request.to }];
    case 'client':
      return [{ type: 'clientAdded', client: request.client, from: request.from }];
  }
}

/**
 * Where a problem of the request's change is in the request: `changes[0].task.id` is the visit's
 * `taskId`, `changes[0].from` its `date`, `changes[0].client.*` the new client's fields; problems of
 * the changed instance keep their own path.
 */
function requestPath(request: RecommendRequest, path: string): string {
  const field = path.replace(/^changes\[0\]\.?/, '');
  if (field === path) return path;
  switch (request.type) {
    case 'visit':
      if (field === 'task.id') return 'visit.taskId';
      if (field === 'task.duration.standard') return 'visit.minutes';
      if (field === 'from' || field.startsWith('task.active')) return 'visit.date';
      return `visit.${field.replace(/^task\./, '')}`;
    case 'client':
      return field;
    default:
      return field;
  }
}

function oneOffTaskId(visit: OneOffVisit): string {
  return visit.taskId ?? `extra-${visit.date}`;
}

/** A one-off visit as a task due once, on its day. */
function oneOffTask(visit: OneOffVisit): Task {
  return {
    id: oneOffTaskId(visit),
    category: visit.category,
    frequency: { type: 'daily', timesPerDay: 1 },
    duration: { standard: visit.minutes },
    windows: visit.windows,
    skills: visit.skills,
    staffCount: visit.staffCount,
    minGapMinutes: 0,
    combinable: false,
    activeFrom: visit.date,
    activeUntil: visit.date,
  };
}

/** The plan's unplanned item `id` (its index, or `clientId/taskId/date`) as candidates of the model. */
function unplannedCandidates(ctx: RecommendContext, plan: Plan, id: string): number[] {
  const item = /^\d+$/.test(id)
    ? plan.unplanned[Number(id)]
    : plan.unplanned.find((u) => {
        const [client, task, date] = id.split('/');
        return u.clientId === client && u.taskId === task && (date === undefined || (date >= u.from && date <= u.to));
      });
  if (!item) throw new RecommendError([{ code: 'UNKNOWN_REF', path: 'unplanned', message: `no unplanned item ${id} in the plan`, hint: 'give the index of an item of plan.unplanned (0 is the first) or clientId/taskId/date', severity: 'error' }]);
  const { model, refOf } = ctx.rm;
  return refOf.flatMap((v, c) => {
    if (v !== null) return [];
    const occ = model.candidates[c]!.members.map((m) => model.occurrences[m]!);
    return occ.some((o) => o.client.id === item.clientId && o.task.id === item.taskId && o.date >= item.from && o.date <= item.to) ? [c] : [];
  });
}

/** Vehicles tried with their own visits shifted when they take none as the plan stands. */
const SHIFTED_VEHICLES = 8;

/**
 * Slots of a candidate on its day, cheapest first: every vehicle as the plan stands, then up to
 * {@link SHIFTED_VEHICLES} vehicles that fit it only when their other visits shift a little (staff
 * the client has met first).
 */
function slotsOf(ctx: RecommendContext, cand: number): Slot[] {
  const d = ctx.rm.model.candDay[cand]!;
  const day = ctx.state.days[d]!;
  if (!day.problem) return [];
  const fixed = slotsFor(day.problem, day.routes, ctx.halves(cand));
  const tried = new Set(fixed.map((s) => s.vehicles[0]!));
  const shifted = ctx.shiftedSlots(cand, tried, SHIFTED_VEHICLES, (k) => ctx.staffOf(d, [k]).every((s) => ctx.met(cand, s)));
  return [...fixed, ...shifted].sort((a, b) => a.delta - b.delta || a.vehicles[0]! - b.vehicles[0]!);
}

/** The first `top` slots the checker accepts, as options (in slot order). */
function placeTop(ctx: RecommendContext, cand: number, slots: readonly Slot[], top: number, visitId?: string): { placed: PlacedOption[]; rejected: number } {
  const placed: PlacedOption[] = [];
  let rejected = 0;
  for (const slot of slots) {
    if (placed.length === top) break;
    const p = ctx.place(cand, slot, { visitId });
    if (p.valid) placed.push(p);
    else rejected++;
  }
  return { placed, rejected };
}

/** The best `top` options over the candidates (alternative days of one visit), best first. */
function best(ctx: RecommendContext, type: 'visit' | 'unplanned', cands: readonly number[], top: number): { recommendation: Recommendation; plans: Plan[] } {
  const all = cands.flatMap((c) => slotsOf(ctx, c).map((slot) => ({ c, slot })));
  all.sort((a, b) => a.slot.delta - b.slot.delta || a.c - b.c);
  const placed: PlacedOption[] = [];
  let rejected = 0;
  for (const { c, slot } of all) {
    if (placed.length === top) break;
    const r = placeTop(ctx, c, [slot], 1);
    placed.push(...r.placed);
    rejected += r.rejected;
  }
  placed.sort((a, b) => byCost(a.option, b.option));
  const options = placed.map((p) => p.option);
  const still = options.filter((o) => o.moves === 0).length;
  const message =
    options.length === 0
      ? `the visit fits nowhere without moving other visits more than ${RETIME_TOLERANCE} minutes (${cands.length} days tried); replan with it as a change to move others`
      : `${options.length} options, best first; ${still} keep every other visit as it is, the others shift some of the staff member's visits by at most ${RETIME_TOLERANCE} minutes`;
  return { recommendation: Recommendation.parse({ type, options, rejected, message }), plans: placed.map((p) => p.plan) };
}

/**
 * Per visit of the absent staff member, in start order: replacements, staff the client has met
 * first, then by cost — each visit tried in the plan with the earlier visits at their first option,
 * so the first options hold together (the last plan has them all).
 */
function replacements(ctx: RecommendContext, top: number): { recommendation: Recommendation; plans: Plan[] } {
  const { refOf } = ctx.rm;
  const displaced = refOf.flatMap((v, c) => (v && ctx.applied.displaced.has(v.id) ? [{ v, c }] : []));
  displaced.sort((a, b) => a.v.start.localeCompare(b.v.start) || a.v.id.localeCompare(b.v.id));
  let rejected = 0;
  const plans: Plan[] = [];
  const visits = displaced.map(({ v, c }) => {
    const d = ctx.rm.model.candDay[c]!;
    const slots = slotsOf(ctx, c);
    const metFirst = [...slots].sort((a, b) => Number(!ctx.staffOf(d, a.vehicles).every((s) => ctx.met(c, s))) - Number(!ctx.staffOf(d, b.vehicles).every((s) => ctx.met(c, s))) || a.delta - b.delta);
    const r = placeTop(ctx, c, metFirst, top, v.id);
    rejected += r.rejected;
    if (r.placed[0]) {
      plans.push(r.placed[0].plan);
      ctx.commit(r.placed[0]);
    }
    return { visitId: v.id, clientId: v.clientId, date: v.date, start: v.start, options: r.placed.map((p) => p.option) };
  });
  const covered = visits.filter((x) => x.options.length > 0).length;
  const metCount = visits.filter((x) => x.options[0]?.met).length;
  const recommendation = Recommendation.parse({
    type: 'replace',
    options: visits.flatMap((x) => x.options.slice(0, 1)),
    visits,
    rejected,
    message: `${covered} of ${visits.length} visits have a replacement that moves no other visit more than ${RETIME_TOLERANCE} minutes; for ${metCount} of them the first is staff the client has met; the first options hold together (each visit was tried with the earlier ones at their first)`,
  });
  return { recommendation, plans };
}

function byCost(a: RecommendOption, b: RecommendOption): number {
  return a.costDelta - b.costDelta || a.start.localeCompare(b.start) || a.staffId.localeCompare(b.staffId);
}
