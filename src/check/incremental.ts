/**
 * The checker for many plans derived from one base plan by hand edits (the board's drags): a plan
 * that replaces some of the base's visits (same ids, same order) and some of its routes, everything
 * else the very same objects. Only the part a change can reach is checked again, with the same
 * rules, by each rule's {@link CheckRule.scope}:
 *
 * - `entity` rules: the changed visits and the routes removed or added, closed under "a visit's
 *   routes" and "a route's visits" (double-staffing partners come along);
 * - `client` rules: every visit of a client with a changed visit;
 * - `staff` rules: every route of a staff member with a route removed or added;
 * - `plan` rules: nothing (the plan's own lists are the base's).
 *
 * Each scope is checked twice, in the base and in the changed plan; the changed plan's violations
 * are the base's, less those of the scope in the base, plus those of the scope in the changed plan.
 * What a rule reports outside the scope is the same in both plans (it sees the same objects), so
 * the difference is exact, whatever the rule reports of the part's edges. The violations are those
 * of {@link PlanChecker.check} as a multiset; within a rule the base's come first. A plan outside
 * the contract is checked in full.
 * @module
 */
import type { Plan, Route } from '../schema/plan.js';
import { planContext, type CheckContext, type InstanceContext, type PlanPart } from './context.js';
import type { CheckResult, CheckRule, RuleScope, Violation } from './types.js';

/** Routes and visits of the two plans a scope covers: base indices and changed-plan indices. */
interface ScopePart {
  readonly base: PlanPart;
  readonly moved: PlanPart;
  /** Clients of a `client` scope (their demand alone is checked). */
  readonly clients?: ReadonlySet<string>;
}

const key = (v: Violation): string => JSON.stringify(v);
const ROUTE_PATH = /^routes\[(\d+)\]/;
const ascending = (s: Iterable<number>): number[] => [...s].sort((a, b) => a - b);

/** Checks plans derived from a base plan (see the module). Built by `PlanChecker.derived`. */
export class IncrementalChecker {
  readonly base: Plan;
  /** The base's violations per rule, and their keys. */
  private readonly byRule: readonly Violation[][];
  private readonly keys: readonly string[][];
  private readonly full: CheckResult;
  private readonly usable: boolean;
  private readonly routeIndex = new Map<Route, number>();
  private readonly visitIndex = new Map<string, number>();
  /** Per base route: the visit indices it contains; per visit: the base routes containing it. */
  private readonly routeVisits: number[][];
  private readonly visitRoutes: number[][];
  private readonly clientVisits = new Map<string, number[]>();
  private readonly staffRoutes = new Map<string, number[]>();
  /** Plans checked, and how many of them in full (outside the contract, or a scope found too small). */
  readonly counts = { checked: 0, full: 0 };

  constructor(
    private readonly ctx: InstanceContext,
    private readonly rules: readonly CheckRule[],
    base: Plan,
    private readonly checkAll: (plan: Plan) => CheckResult,
  ) {
    this.base = base;
    const whole = planContext(ctx, base);
    this.byRule = rules.map((r) => r.check(whole));
    this.keys = this.byRule.map((vs) => vs.map(key));
    const violations = this.byRule.flat();
    this.full = { valid: violations.length === 0, violations };
    base.visits.forEach((v, i) => {
      if (!this.visitIndex.has(v.id)) this.visitIndex.set(v.id, i);
      (this.clientVisits.get(v.clientId) ?? this.clientVisits.set(v.clientId, []).get(v.clientId)!).push(i);
    });
    // Duplicate visit ids make "the visit of an id" ambiguous: such plans are checked in full.
    this.usable = this.visitIndex.size === base.visits.length;
    this.visitRoutes = base.visits.map(() => []);
    this.routeVisits = base.routes.map((r, j) => {
      this.routeIndex.set(r, j);
      (this.staffRoutes.get(r.staffId) ?? this.staffRoutes.set(r.staffId, []).get(r.staffId)!).push(j);
      const out = this.visitsOf(r);
      for (const i of out) this.visitRoutes[i]!.push(j);
      return out;
    });
  }

  /** The base plan's check. */
  get baseResult(): CheckResult {
    return this.full;
  }

  /** Checks a plan derived from the base (see the module); the same violations as a full check. */
  check(plan: Plan): CheckResult {
    this.counts.checked++;
    const b = this.base;
    if (plan === b) return this.full;
    const same = plan.instanceId === b.instanceId && plan.locks === b.locks && plan.unplanned === b.unplanned && plan.frozenBefore === b.frozenBefore && plan.visits.length === b.visits.length;
    if (!this.usable || !same) return this.fullCheck(plan);
    const changed: number[] = [];
    for (let i = 0; i < plan.visits.length; i++) {
      if (plan.visits[i] === b.visits[i]) continue;
      if (plan.visits[i]!.id !== b.visits[i]!.id) return this.fullCheck(plan);
      changed.push(i);
    }
    // Routes kept are the base's objects; the rest were removed (base) or added (changed plan).
    const movedOf = new Map<number, number>();
    const added: number[] = [];
    plan.routes.forEach((r, j) => {
      const bi = this.routeIndex.get(r);
      if (bi === undefined) added.push(j);
      else if (!movedOf.has(bi)) movedOf.set(bi, j);
      else added.push(j); // the same route twice: the second is new
    });
    const removed = b.routes.map((_, j) => j).filter((j) => !movedOf.has(j));
    if (changed.length === 0 && added.length === 0 && removed.length === 0) return this.full;

    const parts: Record<RuleScope, ScopePart | undefined> = {
      entity: this.entityPart(plan, changed, removed, added, movedOf),
      client: this.clientPart(plan, changed),
      staff: this.staffPart(plan, removed, added, movedOf),
      plan: undefined,
    };
    const baseTo = (j: number): number | undefined => movedOf.get(j);
    const violations: Violation[] = [];
    const contexts = new Map<RuleScope, { base: CheckContext; moved: CheckContext }>();
    for (let k = 0; k < this.rules.length; k++) {
      const rule = this.rules[k]!;
      const part = parts[rule.scope];
      let rest = this.byRule[k]!;
      let fresh: Violation[] = [];
      if (part) {
        let c = contexts.get(rule.scope);
        if (!c) {
          const ictx = part.clients ? { ...this.ctx, spans: this.ctx.spans.filter((s) => part.clients!.has(s.clientId)) } : this.ctx;
          c = { base: planContext(ictx, b, part.base), moved: planContext(ictx, plan, part.moved) };
          contexts.set(rule.scope, c);
        }
        // base − (scope in the base) + (scope in the changed plan): what both scopes report alike
        // cancels first (also what a rule reports of the part's edges, e.g. a lock of a visit
        // outside it); the rest of the base's scope must be among the base's violations.
        fresh = rule.check(c.moved);
        const freshLeft = new Map<string, number>();
        for (const v of fresh) freshLeft.set(key(v), (freshLeft.get(key(v)) ?? 0) + 1);
        const cancelled = new Map<string, number>();
        const drop = new Map<string, number>();
        for (const v of rule.check(c.base)) {
          const moved = this.remap(v, baseTo);
          const km = moved === undefined ? undefined : key(moved);
          if (km !== undefined && (freshLeft.get(km) ?? 0) > 0) {
            freshLeft.set(km, freshLeft.get(km)! - 1);
            cancelled.set(km, (cancelled.get(km) ?? 0) + 1);
          } else drop.set(key(v), (drop.get(key(v)) ?? 0) + 1);
        }
        const keys = this.keys[k]!;
        rest = rest.filter((_, i) => {
          const n = drop.get(keys[i]!) ?? 0;
          if (n === 0) return true;
          drop.set(keys[i]!, n - 1);
          return false;
        });
        // A violation of the base's scope that the base does not have would be a scope too small.
        for (const n of drop.values()) if (n > 0) return this.fullCheck(plan);
        fresh = fresh.filter((v) => {
          const n = cancelled.get(key(v)) ?? 0;
          if (n === 0) return true;
          cancelled.set(key(v), n - 1);
          return false;
        });
      }
      for (const v of rest) {
        const moved = this.remap(v, baseTo);
        // A kept violation of a route the changes replaced would be a scope too small: check in full.
        if (moved === undefined) return this.fullCheck(plan);
        violations.push(moved);
      }
      violations.push(...fresh);
    }
    return { valid: violations.length === 0, violations };
  }

  private fullCheck(plan: Plan): CheckResult {
    this.counts.full++;
    return this.checkAll(plan);
  }

  /** A base violation with its route path in the changed plan's numbering; undefined when its route was replaced. */
  private remap(v: Violation, baseTo: (j: number) => number | undefined): Violation | undefined {
    const m = v.path === undefined ? null : ROUTE_PATH.exec(v.path);
    if (!m) return v;
    const j = baseTo(Number(m[1]));
    if (j === undefined) return undefined;
    return j === Number(m[1]) ? v : { ...v, path: `routes[${j}]${v.path!.slice(m[0].length)}` };
  }

  /** The visit indices a route contains (visits of unknown ids left out). */
  private visitsOf(r: Route): number[] {
    const out: number[] = [];
    for (const e of r.events) {
      if (e.type !== 'visit') continue;
      const i = this.visitIndex.get(e.visitId);
      if (i !== undefined && !out.includes(i)) out.push(i);
    }
    return out;
  }

  /** The changed visits and the removed and added routes, closed under a visit's routes and a route's visits, in both plans. */
  private entityPart(plan: Plan, changed: readonly number[], removed: readonly number[], added: readonly number[], movedOf: ReadonlyMap<number, number>): ScopePart {
    const visits = new Set<number>(changed);
    const baseRoutes = new Set<number>(removed);
    const movedRoutes = new Set<number>(added);
    // Every added route is in the part, so a visit's routes of the changed plan are its kept base routes and added ones.
    for (const j of added) for (const i of this.visitsOf(plan.routes[j]!)) visits.add(i);
    for (const j of removed) for (const i of this.routeVisits[j]!) visits.add(i);
    const queue = [...visits];
    while (queue.length > 0) {
      const i = queue.pop()!;
      for (const j of this.visitRoutes[i]!) {
        if (baseRoutes.has(j)) continue;
        baseRoutes.add(j);
        const mj = movedOf.get(j);
        if (mj !== undefined) movedRoutes.add(mj);
        for (const k of this.routeVisits[j]!) {
          if (visits.has(k)) continue;
          visits.add(k);
          queue.push(k);
        }
      }
    }
    const v = ascending(visits);
    return { base: { visits: v, routes: ascending(baseRoutes) }, moved: { visits: v, routes: ascending(movedRoutes) } };
  }

  /** Every visit of the clients of the changed visits (the same indices in both plans). */
  private clientPart(plan: Plan, changed: readonly number[]): ScopePart | undefined {
    if (changed.length === 0) return undefined;
    const clients = new Set<string>();
    for (const i of changed) {
      clients.add(this.base.visits[i]!.clientId);
      clients.add(plan.visits[i]!.clientId);
    }
    const visits = ascending([...clients].flatMap((c) => this.clientVisits.get(c) ?? []));
    return { base: { visits, routes: [] }, moved: { visits, routes: [] }, clients };
  }

  /** Every route of the staff members with a route removed or added, in both plans. */
  private staffPart(plan: Plan, removed: readonly number[], added: readonly number[], movedOf: ReadonlyMap<number, number>): ScopePart | undefined {
    if (removed.length === 0 && added.length === 0) return undefined;
    const staff = new Set([...removed.map((j) => this.base.routes[j]!.staffId), ...added.map((j) => plan.routes[j]!.staffId)]);
    const base = [...staff].flatMap((s) => this.staffRoutes.get(s) ?? []);
    const moved = [...base.flatMap((j) => (movedOf.has(j) ? [movedOf.get(j)!] : [])), ...added.filter((j) => staff.has(plan.routes[j]!.staffId))];
    return { base: { visits: [], routes: ascending(base) }, moved: { visits: [], routes: ascending(moved) } };
  }
}
