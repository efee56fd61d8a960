/**
 * The board's hand edits, evaluated: a plan of the service with visits moved to other staff or
 * start times, its routes rewritten (src/manual's route writer: nothing is repaired, a move that
 * breaks a rule shows as it is), checked by the independent checker and priced term by term by
 * the plan-based objective (src/plan/objective.ts), which prices as the planner does. One {@link BoardSession} per plan keeps what does not change
 * between drags — the validated instance, the travel model, the prepared checker and the plan's own
 * terms, the views' rows — so a drag costs one route rewrite, and a check, a pricing and a view of what it changed.
 * @module
 */
import type { PeriodClock } from '../calendar.js';
import { PlanChecker, type CheckResult, type IncrementalChecker, type Violation } from '../check/index.js';
import { periodClock } from '../kpi/index.js';
import { manualRoute, type ManualStop } from '../manual/route.js';
import { PlanPricer } from '../plan/objective.js';
import { shiftBase } from '../plan/write.js';
import { planWeights } from '../recommend/context.js';
import { ReportViewer, type ReportLang } from '../report/index.js';
import { termDeltas } from '../recommend/describe.js';
import type { Instance, Shift, Staff } from '../schema/instance.js';
import type { Plan, Route, TermTotal } from '../schema/plan.js';
import type { ImportedMatrix } from '../travel/matrix.js';
import { TravelModel } from '../travel/model.js';
import type { Move } from './schemas.js';

/** A move that names something the plan or instance does not have. */
export interface MoveIssue {
  readonly code: 'UNKNOWN_REF' | 'OUT_OF_RANGE';
  readonly path: string;
  readonly message: string;
  readonly hint: string;
}

/** A plan after moves, checked and priced against the plan as it came. */
export interface Evaluation {
  readonly plan: Plan;
  readonly check: CheckResult;
  /** Violations the moves brought (not in the plan as it came). */
  readonly introduced: number;
  readonly terms: TermTotal[];
  /** Change of every term's cost and units against the plan as it came, and of the total. */
  readonly delta: { total: number; terms: Record<string, number>; units: Record<string, number> };
  /** Ids of the visits whose staff or start the moves changed. */
  readonly moved: string[];
}

/** The plan of a job, ready for many evaluations. */
export class BoardSession {
  readonly clock: PeriodClock;
  private readonly travel: TravelModel;
  /** The checker of plans derived from the base: only what the moves reach is checked again. */
  private readonly checker: Pick<IncrementalChecker, 'check'>;
  private readonly pricer: PlanPricer;
  private readonly visitIdx: ReadonlyMap<string, number>;
  private readonly staffById: ReadonlyMap<string, Staff>;
  private readonly baseTerms: TermTotal[];
  private readonly baseCheck: CheckResult;
  /** Ids of the instance's clients. */
  readonly clientIds: ReadonlySet<string>;
  /** Views of the evaluated plans: only the rows of the visits and routes a drag changed are built again. */
  private readonly viewer: ReportViewer;

  constructor(
    readonly instance: Instance,
    readonly base: Plan,
    matrix?: ImportedMatrix,
  ) {
    this.clock = periodClock(instance);
    this.travel = new TravelModel(instance, matrix);
    this.checker = new PlanChecker(instance, { matrix }).derived(base);
    // `restaffed` against the plan as it came.
    this.pricer = new PlanPricer(instance, this.clock, { weights: planWeights(base), reference: base });
    this.visitIdx = new Map(base.visits.map((v, i) => [v.id, i]));
    this.staffById = new Map(instance.staff.map((s) => [s.id, s]));
    this.clientIds = new Set(instance.clients.map((c) => c.id));
    this.viewer = new ReportViewer(instance);
    this.baseTerms = this.price(base);
    this.baseCheck = this.checker.check(base);
  }

  /** Every problem of the moves (unknown visits and staff, starts outside the period), with paths under `moves`. */
  validate(moves: readonly Move[]): MoveIssue[] {
    const out: MoveIssue[] = [];
    moves.forEach((m, i) => {
      const vi = this.visitIdx.get(m.visitId);
      if (vi === undefined) out.push({ code: 'UNKNOWN_REF', path: `moves[${i}].visitId`, message: `the plan has no visit ${m.visitId}`, hint: 'move visits of this plan' });
      (m.staff ?? []).forEach((s, k) => {
        if (!this.staffById.has(s)) out.push({ code: 'UNKNOWN_REF', path: `moves[${i}].staff[${k}]`, message: `no staff member ${s}`, hint: 'use staff ids of the instance' });
      });
      if (m.staff && new Set(m.staff).size !== m.staff.length) out.push({ code: 'OUT_OF_RANGE', path: `moves[${i}].staff`, message: 'a staff member is named twice', hint: 'name each staff member once' });
    });
    return out;
  }

  /** The plan with the moves applied (in order; a later move of a visit wins), checked and priced. Moves must be valid. */
  evaluate(moves: readonly Move[]): Evaluation {
    const plan = moves.length === 0 ? this.base : this.apply(moves);
    const check = moves.length === 0 ? this.baseCheck : this.checker.check(plan);
    const terms = moves.length === 0 ? this.baseTerms : this.price(plan);
    const moved = plan.visits.filter((v, i) => {
      const b = this.base.visits[i]!;
      return v !== b && (v.start !== b.start || v.staff.join() !== b.staff.join());
    });
    return { plan, check, introduced: introduced(this.baseCheck.violations, check.violations), terms, delta: termDeltas(this.baseTerms, terms), moved: moved.map((v) => v.id) };
  }

  private apply(moves: readonly Move[]): Plan {
    const visits = [...this.base.visits];
    for (const m of moves) {
      const i = this.visitIdx.get(m.visitId)!;
      const v = visits[i]!;
      const start = this.clock.parseInstant(v.start);
      const length = this.clock.parseInstant(v.end) - start;
      const to = m.start === undefined ? start : this.clock.toMinute(v.date, m.start);
      visits[i] = { ...v, staff: m.staff ? [...m.staff].sort() : v.staff, start: this.clock.formatInstant(to), end: this.clock.formatInstant(to + length) };
    }
    const changed = visits.filter((v, i) => v !== this.base.visits[i]);
    const changedIds = new Set(changed.map((v) => v.id));

    // Routes to rewrite: those that held a changed visit, and the shifts changed visits go to.
    const key = (staffId: string, shiftId: string): string => `${staffId}\u0000${shiftId}`;
    const stops = new Map<string, { staff: Staff; shift: Shift; stops: ManualStop[] }>();
    const entry = (staff: Staff, shift: Shift): ManualStop[] => {
      const k = key(staff.id, shift.id);
      return (stops.get(k) ?? stops.set(k, { staff, shift, stops: [] }).get(k)!).stops;
    };
    const routeStops = (r: Route): ManualStop[] =>
      r.events.flatMap((e) => {
        if (e.type !== 'visit' || changedIds.has(e.visitId)) return [];
        const v = visits[this.visitIdx.get(e.visitId) ?? -1];
        return v ? [{ visitId: v.id, clientId: v.clientId, start: this.clock.parseInstant(e.start), end: this.clock.parseInstant(e.end) }] : [];
      });
    const touched = new Set<string>();
    for (const r of this.base.routes) {
      if (!r.events.some((e) => e.type === 'visit' && changedIds.has(e.visitId))) continue;
      const staff = this.staffById.get(r.staffId);
      const shift = staff?.shifts.find((s) => s.id === r.shiftId);
      if (!staff || !shift) continue;
      touched.add(key(r.staffId, r.shiftId));
      entry(staff, shift).push(...routeStops(r));
    }
    for (const v of changed) {
      const start = this.clock.parseInstant(v.start);
      const end = this.clock.parseInstant(v.end);
      for (const id of v.staff) {
        const staff = this.staffById.get(id)!;
        const shift = this.shiftFor(staff, start, end);
        if (!shift) continue; // on no route: the checker reports it
        const k = key(staff.id, shift.id);
        if (!touched.has(k)) {
          touched.add(k);
          const existing = this.base.routes.find((r) => r.staffId === staff.id && r.shiftId === shift.id);
          if (existing) entry(staff, shift).push(...routeStops(existing));
        }
        entry(staff, shift).push({ visitId: v.id, clientId: v.clientId, start, end });
      }
    }
    const rewritten = [...stops.values()]
      .filter((s) => s.stops.length > 0)
      .map(({ staff, shift, stops: list }) => {
        list.sort((a, b) => a.start - b.start || a.end - b.end || (a.visitId < b.visitId ? -1 : 1));
        return manualRoute(this.clock, this.travel, staff, shift, shiftBase(staff, shift), list);
      });
    const routes = [...this.base.routes.filter((r) => !touched.has(key(r.staffId, r.shiftId))), ...rewritten].sort(
      (a, b) => a.date.localeCompare(b.date) || a.staffId.localeCompare(b.staffId) || a.shiftId.localeCompare(b.shiftId),
    );
    return { ...this.base, visits, routes, explanations: { terms: [], clients: [] } };
  }

  /** The shift a visit of a staff member belongs to: the one containing it, else the nearest within 12 hours. */
  private shiftFor(staff: Staff, start: number, end: number): Shift | undefined {
    let best: { shift: Shift; cost: number } | undefined;
    for (const shift of staff.shifts) {
      const iv = this.clock.shiftInterval(shift.date, shift.start, shift.end);
      const cost = Math.max(0, iv.start - start) + Math.max(0, end - iv.end);
      if (cost > 12 * 60) continue;
      if (!best || cost < best.cost) best = { shift, cost };
    }
    return best?.shift;
  }

  /** The report's view of the plan as it came (what `viewChanges` are against). */
  baseView(lang: ReportLang): ReturnType<ReportViewer['view']> {
    return this.viewer.view(this.base, lang);
  }

  /** The report's view of an evaluated plan (see `reportView`). */
  view(plan: Plan, lang: ReportLang): ReturnType<ReportViewer['view']> {
    return this.viewer.view(plan, lang);
  }

  /** The weekly objective's terms of a plan, as the planner prices them; `restaffed` against the plan as it came. */
  private price(plan: Plan): TermTotal[] {
    return this.pricer.price(plan).terms;
  }
}

/** How many violations of `after` are not in `before` (as a multiset by code and the ids they name). */
function introduced(before: readonly Violation[], after: readonly Violation[]): number {
  const k = (v: Violation): string => [v.code, v.visitId, v.staffId, v.clientId, v.shiftId].join('\u0000');
  const seen = new Map<string, number>();
  for (const v of before) seen.set(k(v), (seen.get(k(v)) ?? 0) + 1);
  let n = 0;
  for (const v of after) {
    const left = seen.get(k(v)) ?? 0;
    if (left > 0) seen.set(k(v), left - 1);
    else n++;
  }
  return n;
}

