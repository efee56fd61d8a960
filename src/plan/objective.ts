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
 * and, against a reference plan (the plan in force of a replan, or the plan as it came on the board),
 * the change terms: `retimed` (minutes a visit of the reference starts past 15 minutes after its
 * time there, same date), `movedDay` (its visits on another date) and `routeChanged` (staff shifts
 * whose visit ids differ from the reference's, visits the changes removed aside).
 *
 * `consistency` (next period like the last) is not priced here: it needs the match of each visit to
 * the last period's, which a plan does not carry.
 * @module
 */
import type { PeriodClock } from '../calendar.js';
import type { Instance, Shift, Staff } from '../schema/instance.js';
import type { Plan, PlannedVisit, TermTotal } from '../schema/plan.js';
import { RETIME_MINUTES } from './diff.js';
import { consistency, continuityUnits, movedDay, newFace, optionalShift, retimed, routeChanged, VISIT_TERMS, type WeeklyWeights } from './terms/index.js';
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
  /** Visits of the reference the changes removed (cancelled, the client away): not missing from their routes. */
  readonly removed?: ReadonlySet<string>;
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
  /** Against a reference: its visits' dates and starts, and its routes' visit ids (removed visits aside) per shift. */
  private readonly changes?: { readonly visits: ReadonlyMap<string, { date: string; start: number }>; readonly routes: ReadonlyMap<string, readonly string[]> };
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
    // Change terms only where the weights price them (a replan's): the board prices a plan against
    // itself as it came, and plans of the presets report no change terms.
    if (options.reference && options.weights.retimed + options.weights.movedDay + options.weights.routeChanged > 0) {
      const removed = options.removed ?? new Set<string>();
      this.changes = {
        visits: new Map(options.reference.visits.map((v) => [v.id, { date: v.date, start: clock.parseInstant(v.start) }])),
        routes: new Map(options.reference.routes.map((r) => [`${r.staffId}\u0000${r.shiftId}`, routeIds(r, removed)])),
      };
    }
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
    if (this.changes) terms.push(...this.changeTerms(plan));
    return { total: terms.reduce((sum, t) => sum + t.cost, 0), travelMinutes, newPairs, terms };
  }

  /**
   * `retimed`, `movedDay` and `routeChanged` of a plan against the reference (see the module), with
   * the planner's messages: the first late and the first moved visit in plan order, the first
   * changed shift in roster order.
   */
  private changeTerms(plan: Plan): TermTotal[] {
    const w = this.options.weights;
    const { clock } = this;
    const { visits, routes } = this.changes!;
    let late = 0;
    let lateVisits = 0;
    let moved = 0;
    let lateExample = '';
    let movedExample = '';
    for (const v of plan.visits) {
      const ref = visits.get(v.id);
      if (!ref) continue;
      if (ref.date !== v.date) {
        moved++;
        if (!movedExample) movedExample = movedDay.justify(v.clientId, ref.date, v.date);
        continue;
      }
      const start = clock.parseInstant(v.start);
      const minutes = retimed.units(start, ref.start + RETIME_MINUTES);
      if (minutes <= 0) continue;
      late += minutes;
      lateVisits++;
      if (!lateExample) lateExample = retimed.justify(v.clientId, clock.clockOf(ref.start), clock.clockOf(start), minutes);
    }
    // Shifts of the instance whose visit ids differ (a shift gone from the instance has no one to tell).
    const now = new Map(plan.routes.map((r) => [`${r.staffId}\u0000${r.shiftId}`, routeIds(r)]));
    let changed = 0;
    let routeExample = '';
    for (const { staff, shift } of this.roster) {
      const k = `${staff.id}\u0000${shift.id}`;
      const { added, removed } = routeChanged.change(routes.get(k) ?? [], now.get(k) ?? []);
      if (added === 0 && removed === 0) continue;
      changed++;
      if (!routeExample) routeExample = routeChanged.justify(staff.id, shift.date, added, removed);
    }
    const withExample = (summary: string, example: string): string => (example ? `${summary}; e.g. ${example}` : summary);
    return [
      { term: retimed.name, weight: w.retimed, amount: late, unit: retimed.unit, cost: w.retimed * late, message: withExample(retimed.summary(late, lateVisits), lateExample) },
      { term: movedDay.name, weight: w.movedDay, amount: moved, unit: movedDay.unit, cost: w.movedDay * moved, message: withExample(movedDay.summary(moved), movedExample) },
      { term: routeChanged.name, weight: w.routeChanged, amount: changed, unit: routeChanged.unit, cost: w.routeChanged * changed, message: withExample(routeChanged.summary(changed), routeExample) },
    ];
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

/** A route's visit ids (those in `except` left out). */
function routeIds(r: Plan['routes'][number], except?: ReadonlySet<string>): string[] {
  const ids: string[] = [];
  for (const e of r.events) if (e.type === 'visit' && !except?.has(e.visitId)) ids.push(e.visitId);
  return ids;
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
