/**
 * The weekly objective of a plan, priced from the plan itself: the terms the weekly planner reports
 * in `meta.objective` and `explanations.terms` (src/plan/weekly/write.ts), recomputed from a plan's
 * visits and routes against its instance, so that a plan changed by hand (the board's drags, a
 * manual plan) is priced exactly as the planner would have priced it.
 *
 *     weights.travel × travel minutes + Σ visit terms weight × units (per staff visit)
 *       + newFace × Σ client–staff pairs (1/(h+1)² + … + 1/(h+n)²)
 *       + optionalShift × paid minutes of the used optional shifts
 *
 * `consistency` (next period like the last) is not priced here: it needs the match of each visit to
 * the last period's, which a plan does not carry.
 * @module
 */
import type { PeriodClock } from '../calendar.js';
import type { Instance, Shift, Staff } from '../schema/instance.js';
import type { Plan, PlannedVisit, TermTotal } from '../schema/plan.js';
import { consistency, continuityUnits, newFace, optionalShift, VISIT_TERMS, type WeeklyWeights } from './terms/index.js';
import type { WeekModel } from './weekly/model.js';
import { historyCounts } from './weekly/write.js';
import { allShifts } from './write.js';

/** What {@link planObjective} prices against besides the instance. */
export interface ObjectiveOptions {
  readonly weights: WeeklyWeights;
  /**
   * Visits per (client index × staff count + staff index) in the history window; default the
   * instance's history as the planner counts it ({@link instanceHistory}). A plan of a period
   * planned from a reference plan without history was priced with the reference's counts instead.
   */
  readonly history?: Int32Array;
  /**
   * The plan a replan started from (the plan in force): a visit it has by id is priced by
   * `restaffed` against its staff there; visits it lacks are new and cost nothing there.
   */
  readonly reference?: Plan;
}

/** The objective of a plan: its total and its terms in the planner's order and words. */
export interface PlanObjective {
  /** Σ of the terms' costs (what `meta.objective.total` reports). */
  readonly total: number;
  readonly travelMinutes: number;
  /** Client–staff pairs of the plan that the history does not have. */
  readonly newPairs: number;
  /** `travel`, `newFace`, every visit term but `consistency`, and `optionalShift` when the roster has optional shifts. */
  readonly terms: TermTotal[];
}

/** The visit terms a plan is priced by (see the module: all but `consistency`). */
export const PLAN_VISIT_TERMS = VISIT_TERMS.filter((t) => t.name !== consistency.name);

/** Visits per (client, staff) of an instance's history in the continuity window before the period (as the planner counts them). */
export function instanceHistory(instance: Instance, clock: PeriodClock): Int32Array {
  const clientIndex = new Map(instance.clients.map((c, i) => [c.id, i]));
  const staffIndex = new Map(instance.staff.map((s, i) => [s.id, i]));
  // The planner's own count; it reads these four fields of its week model only.
  const fields: Pick<WeekModel, 'instance' | 'clock' | 'clientIndex' | 'staffIndex'> = { instance, clock, clientIndex, staffIndex };
  return historyCounts(fields as WeekModel);
}

/** A shift's paid minutes: its length minus its break. */
export function paidMinutes(clock: PeriodClock, shift: Shift): number {
  const iv = clock.shiftInterval(shift.date, shift.start, shift.end);
  return Math.max(0, iv.end - iv.start - (shift.break?.minutes ?? 0));
}

/**
 * Prices a plan of an instance term by term, as the weekly planner totals the plans it writes:
 * travel minutes of the routes, continuity per client–staff pair (history included), every visit
 * term per staff visit, and the used optional shifts (a shift is used when it has a route). Visits
 * of unknown clients and unknown staff are skipped (the checker reports them).
 */
export function planObjective(instance: Instance, clock: PeriodClock, plan: Plan, options: ObjectiveOptions): PlanObjective {
  return new PlanPricer(instance, clock, options).price(plan);
}

/** What one visit adds to a plan's objective (see `PlanPricer.visitPrice`). */
interface VisitPrice {
  /** Client index × staff count + staff index of each known staff member of the visit. */
  readonly pairs: number[];
  /** Units per term of {@link PLAN_VISIT_TERMS}, in its order. */
  readonly units: number[];
}

/** {@link planObjective} for many plans of one instance under the same options (the board's drags): indices built once, each visit priced once. */
export class PlanPricer {
  private readonly history: Int32Array;
  private readonly clientIdx: ReadonlyMap<string, number>;
  private readonly staffIdx: ReadonlyMap<string, number>;
  private readonly reference?: ReadonlyMap<string, readonly string[]>;
  private readonly roster: readonly { staff: Staff; shift: Shift }[];
  private readonly visits = new WeakMap<PlannedVisit, VisitPrice>();

  constructor(
    readonly instance: Instance,
    readonly clock: PeriodClock,
    readonly options: ObjectiveOptions,
  ) {
    this.history = options.history ?? instanceHistory(instance, clock);
    this.clientIdx = new Map(instance.clients.map((c, i) => [c.id, i]));
    this.staffIdx = new Map(instance.staff.map((s, i) => [s.id, i]));
    this.reference = options.reference ? new Map(options.reference.visits.map((v) => [v.id, v.staff])) : undefined;
    this.roster = allShifts(instance);
  }

  /** The objective of a plan of the instance (see {@link planObjective}). */
  price(plan: Plan): PlanObjective {
    const { instance, history } = this;
    const w = this.options.weights;
    let travelMinutes = 0;
    for (const r of plan.routes) for (const e of r.events) if (e.type === 'travel') travelMinutes += e.minutes;
    const units = PLAN_VISIT_TERMS.map(() => 0);
    const pairs = new Map<number, number>();
    for (const v of plan.visits) {
      const vp = this.visitPrice(v);
      for (const idx of vp.pairs) pairs.set(idx, (pairs.get(idx) ?? 0) + 1);
      for (let k = 0; k < units.length; k++) units[k]! += vp.units[k]!;
    }
    let continuity = 0;
    let newPairs = 0;
    for (const [idx, n] of pairs) {
      continuity += continuityUnits(n, history[idx]!);
      if (history[idx] === 0) newPairs++;
    }
    const terms: TermTotal[] = [
      { term: 'travel', weight: w.travel, amount: travelMinutes, unit: 'minute', cost: w.travel * travelMinutes, message: `${travelMinutes} travel minutes on ${plan.routes.length} routes` },
      { term: newFace.name, weight: w.newFace, amount: continuity, unit: newFace.unit, cost: w.newFace * continuity, message: `${newFace.summary(continuity)}; ${newPairs} pairs are new since the history` },
      ...PLAN_VISIT_TERMS.map((t, k) => ({ term: t.name, weight: w[t.name], amount: units[k]!, unit: t.unit, cost: w[t.name] * units[k]!, message: t.summary(units[k]!) })),
    ];
    const shifts = optionalShiftTerm(instance, this.clock, this.roster, plan, w);
    if (shifts) terms.push(shifts);
    return { total: terms.reduce((sum, t) => sum + t.cost, 0), travelMinutes, newPairs, terms };
  }

  /**
   * A visit's client–staff pairs and its units per visit term (summed over its staff), kept per
   * visit object: plans are immutable, and a drag's plan shares all but a few visits with the last.
   * Units are whole numbers, so summing them per visit first changes no total.
   */
  private visitPrice(v: PlannedVisit): VisitPrice {
    const known = this.visits.get(v);
    if (known) return known;
    const vp: VisitPrice = { pairs: [], units: PLAN_VISIT_TERMS.map(() => 0) };
    const c = this.clientIdx.get(v.clientId);
    if (c !== undefined) {
      const client = this.instance.clients[c]!;
      const referenceStaff = this.reference?.get(v.id);
      for (const id of v.staff) {
        const s = this.staffIdx.get(id);
        if (s === undefined) continue;
        vp.pairs.push(c * this.instance.staff.length + s);
        const ctx = { client, staff: this.instance.staff[s]!, met: 0, referenceStaff };
        PLAN_VISIT_TERMS.forEach((t, k) => (vp.units[k]! += t.units(ctx)));
      }
    }
    this.visits.set(v, vp);
    return vp;
  }
}

/**
 * The `optionalShift` term of a plan, or undefined when the roster has no optional shift (such
 * plans do not report it): the units of every optional shift with a route, in roster order, rounded
 * to hundredths, with the first two used shifts as examples.
 */
function optionalShiftTerm(instance: Instance, clock: PeriodClock, roster: readonly { staff: Staff; shift: Shift }[], plan: Plan, w: WeeklyWeights): TermTotal | undefined {
  if (!roster.some((s) => s.shift.optional)) return undefined;
  const used = new Set(plan.routes.map((r) => `${r.staffId}\u0000${r.shiftId}`));
  let amount = 0;
  let nUsed = 0;
  let nOptional = 0;
  const why: string[] = [];
  for (const { staff, shift } of roster) {
    if (!shift.optional) continue;
    nOptional++;
    if (!used.has(`${staff.id}\u0000${shift.id}`)) continue;
    nUsed++;
    const ctx = { staff, shift, paidMinutes: paidMinutes(clock, shift), economics: instance.economics };
    amount += optionalShift.units(ctx);
    if (why.length < 2) why.push(optionalShift.justify(ctx));
  }
  amount = Math.round(amount * 100) / 100;
  const summary = optionalShift.summary(amount, nUsed, nOptional - nUsed);
  return { term: optionalShift.name, weight: w.optionalShift, amount, unit: optionalShift.unit, cost: w.optionalShift * amount, message: why.length > 0 ? `${summary}; e.g. ${why.join('; ')}` : summary };
}
