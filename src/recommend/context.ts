/**
 * The recommender's view of a plan: the plan in force as a week model in which every one of its
 * visits keeps its staff and minute (a replan model with no day open), the visits to place as free
 * candidates, and the means to turn a slot into an option — written as a whole plan, priced term by
 * term against the plan without it, and checked by the independent checker.
 */
import { compileProblem, evaluateSolution, type ProblemSpec } from '../../solver/index.js';
import { PlanChecker } from '../check/index.js';
import { STRATEGY_WEIGHTS, type WeeklyWeights } from '../plan/terms/index.js';
import { dayProblem } from '../plan/weekly/day-problem.js';
import { WeekState } from '../plan/weekly/index.js';
import { writeWeeklyPlan, type DaySolution } from '../plan/weekly/write.js';
import { replanModel, RETIME_TOLERANCE, type ReplanModel } from '../replan/index.js';
import type { AppliedChanges } from '../replan/apply.js';
import type { Instance } from '../schema/instance.js';
import type { Plan, TermTotal } from '../schema/plan.js';
import type { RecommendOption } from '../schema/recommend.js';
import type { ImportedMatrix } from '../travel/matrix.js';
import { optionReason, termDeltas, termsOf } from './describe.js';
import { slotsFor, type Slot } from './slots.js';

/**
 * The plan's own weights (from its objective's metadata) with the user's over them. `consistency`
 * (agreement with a previous period's plan) is priced only when the plan was made with that
 * reference, which a plan does not carry: the recommender leaves it out (weight 0).
 */
export function planWeights(plan: Plan, user: Partial<WeeklyWeights> = {}): WeeklyWeights {
  const meta = plan.meta.objective ?? {};
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(STRATEGY_WEIGHTS.balanced)) {
    const given = meta[k === 'travel' ? 'travelWeight' : `${k}Weight`];
    out[k] = typeof given === 'number' ? given : v;
  }
  return { ...(out as unknown as WeeklyWeights), consistency: 0, ...user };
}

/** An option with the plan it makes (for the caller who wants to apply or inspect it). */
export interface PlacedOption {
  readonly option: RecommendOption;
  readonly plan: Plan;
  readonly valid: boolean;
  /** The candidate and slot it places (to {@link RecommendContext.commit} it). */
  readonly cand: number;
  readonly slot: Slot;
}

/** The plan in force, ready to try visits in. */
export class RecommendContext {
  readonly rm: ReplanModel;
  readonly state: WeekState;
  /** The plan options are priced against: the plan in force, plus what {@link commit} placed. */
  base: Plan;
  baseTerms: readonly TermTotal[];
  /** The independent checker, prepared once for the changed instance. */
  readonly checker: PlanChecker;

  constructor(
    readonly reference: Plan,
    readonly applied: AppliedChanges,
    readonly weights: WeeklyWeights,
    readonly options: { now?: string; matrix?: ImportedMatrix; verify?: boolean },
  ) {
    this.rm = replanModel(reference, applied, { now: options.now, matrix: options.matrix, openDays: [] });
    const { setup, model, history } = this.rm;
    this.state = new WeekState(model, weights, setup.windows, history, setup.initial, setup.rules);
    this.checker = new PlanChecker(applied.instance, { matrix: options.matrix });
    this.base = this.write(new Map());
    this.baseTerms = termsOf(this.base);
  }

  get instance(): Instance {
    return this.applied.instance;
  }

  /** Engine visits (one, or the two halves) of candidate `cand` on its day. */
  halves(cand: number): number[] {
    const d = this.rm.model.candDay[cand]!;
    return this.rm.model.days[d]!.visits.flatMap((dv, i) => (dv.cand === cand ? [i] : []));
  }

  /** Staff ids of the day vehicles of day `d`. */
  staffOf(d: number, vehicles: readonly number[]): string[] {
    const m = this.rm.model.days[d]!;
    return vehicles.map((k) => this.rm.model.shifts[m.shifts[k]!]!.staff.id);
  }

  /** Whether the client of `cand` has met staff member `staffId` (history or the plan). */
  met(cand: number, staffId: string): boolean {
    const { model } = this.rm;
    const s = model.staffIndex.get(staffId)!;
    return this.state.ledger.count[model.candClient[cand]! * model.instance.staff.length + s]! > 0;
  }

  /**
   * Slots on the routes of vehicles not in `tried` whose own visits may each shift up to
   * {@link RETIME_TOLERANCE} minutes (not locked, not frozen, not double-staffed; staff and order
   * kept): one problem per vehicle, so at most `limit` vehicles, the `prefer`red ones (staff the
   * client has met) and then the cheapest by their per-visit cost first. Single visits only.
   */
  shiftedSlots(cand: number, tried: ReadonlySet<number>, limit: number, prefer: (k: number) => boolean = () => false): Slot[] {
    const { model, setup, refOf, now } = this.rm;
    const halves = this.halves(cand);
    if (halves.length !== 1 || limit <= 0) return [];
    const d = model.candDay[cand]!;
    const day = this.state.days[d]!;
    const problem = day.problem!;
    const nK = problem.nVehicles;
    const v = halves[0]!;
    const cost = (k: number): number => problem.assignCost?.[v * nK + k] ?? 0;
    const ks = [...Array(nK).keys()].filter((k) => problem.compat[v * nK + k] === 1 && !tried.has(k) && day.routes[k]!.some((x) => x >= 0));
    ks.sort((a, b) => Number(prefer(b)) - Number(prefer(a)) || cost(a) - cost(b) || a - b);
    const spec = this.daySpec(d);
    const m = model.days[d]!;
    const out: Slot[] = [];
    for (const k of ks.slice(0, limit)) {
      const visits = spec.visits.slice();
      for (const i of day.routes[k]!) {
        if (i < 0) continue;
        const ci = m.visits[i]!.cand;
        const ref = refOf[ci];
        if (!ref || setup.rules.locked[ci] || model.occurrences[model.candidates[ci]!.members[0]!]!.task.staffCount === 2) continue;
        const start = model.clock.parseInstant(ref.start);
        const lo = Math.max(start - RETIME_TOLERANCE, now);
        const hi = start + RETIME_TOLERANCE;
        const ws = model.candidates[ci]!.windows.flatMap((w) => (Math.max(w.start, lo) <= Math.min(w.end, hi) ? [[Math.max(w.start, lo), Math.min(w.end, hi)] as const] : []));
        if (ws.length > 0) visits[i] = { ...visits[i]!, windows: ws };
      }
      out.push(...slotsFor(compileProblem({ ...spec, visits }), day.routes, halves, (x) => x === k, false));
    }
    return out;
  }

  /**
   * Makes a placed option part of the plan later options are tried in and priced against (a set of
   * replacements that hold together). Only options of this context's current plan may be committed.
   */
  commit(placed: PlacedOption): void {
    const d = this.rm.model.candDay[placed.cand]!;
    this.state.record(d, placed.slot.problem ?? this.state.days[d]!.problem!, placed.slot.routes);
    this.specs.clear();
    this.base = placed.plan;
    this.baseTerms = termsOf(placed.plan);
  }

  private readonly specs = new Map<number, ProblemSpec>();

  /** Day d's problem spec as the state prices it (memoised). */
  private daySpec(d: number): ProblemSpec {
    let spec = this.specs.get(d);
    if (!spec) {
      const { model, setup } = this.rm;
      spec = dayProblem(model, d, { weights: this.weights, others: this.state.ledger.othersThan(d), windows: setup.windows.now(), rules: setup.rules });
      this.specs.set(d, spec);
    }
    return spec;
  }

  /** The plan with some days' solutions replaced. */
  write(days: ReadonlyMap<number, DaySolution>): Plan {
    const { model, setup, history, refOf } = this.rm;
    return writeWeeklyPlan(model, {
      strategy: 'recommend',
      seed: this.reference.meta.seed ?? 1,
      weights: this.weights,
      days: this.state.days.map((s, d) => days.get(d) ?? s),
      relaxed: setup.windows.relaxed,
      history,
      stopped: 'completed',
      rejected: 0,
      visitIds: refOf.map((v) => v?.id ?? null),
      referenceStaff: setup.rules.referenceStaff,
      leftOut: this.rm.leftOut,
    });
  }

  /**
   * A slot of candidate `cand` as an option: the plan written with it, term deltas against the plan
   * in force, start and end, and whether the independent checker accepts the plan.
   */
  place(cand: number, slot: Slot, extra: { visitId?: string } = {}): PlacedOption {
    const { model } = this.rm;
    const d = model.candDay[cand]!;
    const problem = slot.problem ?? this.state.days[d]!.problem!;
    const start = evaluateSolution(problem, slot.routes).starts[this.halves(cand)[0]!]!;
    const plan = this.write(new Map([[d, { routes: slot.routes, problem }]]));
    // Visits of the plan priced against whose start the option shifts (within the tolerance).
    const before = new Map(this.base.visits.map((v) => [v.id, v.start]));
    let moved = 0;
    let most = 0;
    for (const v of plan.visits) {
      const was = before.get(v.id);
      if (was === undefined || was === v.start) continue;
      moved++;
      most = Math.max(most, Math.abs(model.clock.parseInstant(v.start) - model.clock.parseInstant(was)));
    }
    const delta = termDeltas(this.baseTerms, termsOf(plan));
    const staff = this.staffOf(d, slot.vehicles);
    const met = staff.every((s) => this.met(cand, s));
    const valid = this.options.verify === false || this.checker.check(plan).valid;
    const clock = model.clock;
    return {
      option: {
        staffId: staff[0]!,
        staff,
        date: clock.dates[d]!,
        start: clock.formatInstant(start),
        end: clock.formatInstant(start + model.candMinutes[cand]!),
        costDelta: delta.total,
        terms: delta.terms,
        units: delta.units,
        met,
        ...(extra.visitId ? { visitId: extra.visitId } : {}),
        moves: moved,
        reason: optionReason(clock, staff, start, delta.units, met, { moved, most }),
      },
      plan,
      valid,
      cand,
      slot,
    };
  }
}
