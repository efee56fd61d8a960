/**
 * Independent evaluator: recomputes a solution's schedule and cost from scratch with plain loops,
 * sharing no code with the search's incremental bookkeeping (only the compiled problem and the
 * window helpers). Tests run every solver answer through it.
 *
 * Schedule semantics (the engine follows the same rules):
 * - A vehicle leaves its start location at `shiftStart`; each visit starts at the earliest time
 *   ≥ arrival inside one of its windows (waiting allowed), and ≥ the lower bounds that links impose.
 *   With soft windows a start after the last window is allowed and counts as tardiness.
 * - Links: `start(b) - start(a) ∈ [minGap, maxGap]`; starts are the least fixed point of the
 *   constraints (a's start is delayed when b cannot start early enough).
 * - Break: taken once, at one position of the route: before visit i (i = 0: before leaving the
 *   start) or after the last visit, before returning. It starts at max(ready, earliest) and must
 *   start no later than `latest`; an at-base break first travels to the end location and resumes
 *   from there. The position is chosen exactly (feasible whenever some position is) by an
 *   earliest-finish forward pass ({@link breakPosition}) over the positions after the first
 *   visit: state A = break not yet taken, state B = taken; before each visit B continues or is
 *   replaced by "take the break now from A", whichever finishes the visit earlier (ties: less
 *   travel cost, then the earlier break); after the last visit, the same choice on the return time.
 *   The break before the first visit (position 0; the working time then counts from the shift
 *   start) is followed on its own and chosen when it is feasible and the best later position is
 *   not, or when it returns strictly earlier.
 * - Working time = return time − departure, with departure postponed to just reach the first stop's
 *   start (never before the shift start) when no break precedes the first stop.
 */
import { earliestStart, tardinessAt, type Problem } from './problem.js';

/** One rule a solution breaks. */
export interface Violation {
  code: 'duplicate' | 'incompatible' | 'capacity' | 'window' | 'shift' | 'break' | 'work' | 'link' | 'cycle' | 'range';
  message: string;
  /** The visits concerned (duplicate, incompatible, window: one; link: a and b). */
  visits?: number[];
  /** The vehicle whose route breaks the rule (incompatible, window, capacity, shift, break, work). */
  vehicle?: number;
}

/** Evaluated solution. */
export interface Evaluation {
  feasible: boolean;
  violations: Violation[];
  /** Weighted objective including unassigned penalties. */
  cost: number;
  distance: number;
  travelTime: number;
  tardiness: number;
  maxTardiness: number;
  /** Start time per visit (NaN when unassigned). */
  starts: number[];
  /** Vehicle per visit (-1 when unassigned). */
  vehicleOf: number[];
  unassigned: number[];
  vehiclesUsed: number;
}

/**
 * Evaluates `routes` (visit indices in order, one list per vehicle; fewer lists than vehicles =
 * the rest unused) against `p`.
 */
export function evaluateSolution(p: Problem, routes: readonly (readonly number[])[]): Evaluation {
  const nV = p.nVisits;
  const nK = p.nVehicles;
  const violations: Violation[] = [];
  const vehicleOf = new Array<number>(nV).fill(-1);
  if (routes.length > nK) violations.push({ code: 'range', message: `${routes.length} routes for ${nK} vehicles` });
  routes.forEach((r, k) => {
    for (const v of r) {
      if (!(v >= 0 && v < nV)) {
        violations.push({ code: 'range', message: `route ${k}: visit ${v} does not exist`, visits: [v] });
        continue;
      }
      if (vehicleOf[v] !== -1) violations.push({ code: 'duplicate', message: `visit ${v} appears more than once`, visits: [v] });
      vehicleOf[v] = k;
      if (k < nK && !p.compat[v * nK + k]) violations.push({ code: 'incompatible', message: `visit ${v} cannot be done by vehicle ${k}`, visits: [v], vehicle: k });
    }
  });
  if (violations.length > 0) return fail(p, violations, vehicleOf);

  // Lower bounds from links, raised until the schedule is a fixed point.
  const lb = new Array<number>(nV).fill(-Infinity);
  const starts = new Array<number>(nV).fill(NaN);
  let converged = false;
  const maxPasses = 4 * (p.nLinks + 2);
  for (let pass = 0; pass < maxPasses && !converged; pass++) {
    routes.forEach((r, k) => simulate(p, k, r, lb, starts, null));
    converged = true;
    for (let l = 0; l < p.nLinks; l++) {
      const a = p.linkA[l]!;
      const b = p.linkB[l]!;
      if (vehicleOf[a] === -1 || vehicleOf[b] === -1) continue;
      const needB = starts[a]! + p.linkMin[l]!;
      const needA = starts[b]! - p.linkMax[l]!;
      if (needB > starts[b]! + 1e-9) {
        lb[b] = Math.max(lb[b]!, needB);
        converged = false;
      }
      if (needA > starts[a]! + 1e-9) {
        lb[a] = Math.max(lb[a]!, needA);
        converged = false;
      }
    }
    if (starts.some((s) => s === Infinity)) break;
  }
  if (!converged) violations.push({ code: 'cycle', message: 'link constraints cannot all be met (start times keep growing)' });

  let distance = 0;
  let travelTime = 0;
  let tardiness = 0;
  let maxTardiness = 0;
  let cost = 0;
  let used = 0;
  routes.forEach((r, k) => {
    const res = simulate(p, k, r, lb, starts, violations);
    distance += res.distance;
    travelTime += res.travelTime;
    tardiness += res.tardiness;
    maxTardiness = Math.max(maxTardiness, res.maxTardiness);
    if (r.length > 0) {
      used++;
      cost += p.fixedCost[k]!;
      for (const v of r) cost += p.assignCost ? p.assignCost[v * nK + k]! : 0;
    }
  });
  for (let l = 0; l < p.nLinks; l++) {
    const a = p.linkA[l]!;
    const b = p.linkB[l]!;
    if (vehicleOf[a] === -1 || vehicleOf[b] === -1) continue;
    const gap = starts[b]! - starts[a]!;
    if (!(gap >= p.linkMin[l]! - 1e-6 && gap <= p.linkMax[l]! + 1e-6)) {
      violations.push({ code: 'link', message: `visits ${a} → ${b}: gap ${gap} outside [${p.linkMin[l]}, ${p.linkMax[l]}]`, visits: [a, b] });
    }
    if (p.linkDiff[l] && vehicleOf[a] === vehicleOf[b]) violations.push({ code: 'link', message: `visits ${a} and ${b} need two different vehicles`, visits: [a, b] });
  }
  const unassigned: number[] = [];
  for (let v = 0; v < nV; v++) {
    if (vehicleOf[v] === -1) {
      unassigned.push(v);
      cost += p.unassignedPenalty[v]!;
    }
  }
  cost += p.wDist * distance + p.wTime * travelTime + p.wTard * tardiness + p.wMaxTard * maxTardiness;
  return { feasible: violations.length === 0, violations, cost, distance, travelTime, tardiness, maxTardiness, starts, vehicleOf, unassigned, vehiclesUsed: used };
}

/**
 * Makes `routes` feasible by leaving visits out (never by reordering), one at a time while the
 * evaluator finds violations (one cause often shows as several): the visit a violation names, in
 * this order: a structural fault (duplicate, incompatible, unknown visit), a broken link (of the
 * two, the one with the smaller unassigned penalty, `b` on a tie), a missed window; else the last
 * visit of a route that breaks a route rule (capacity, shift, break, working time). When only a
 * start-time cycle is reported (the iteration stopped early, e.g. on a window missed before a link
 * delay moved a break), the first of the routes' last visits and the linked visits whose removal
 * alone makes the routes feasible, else the later visit of a link. Returns the kept routes (copies)
 * and the dropped visits in order.
 */
export function dropInfeasible(p: Problem, routes: readonly (readonly number[])[]): { routes: number[][]; dropped: number[] } {
  let r = routes.slice(0, p.nVehicles).map((x) => [...x]);
  const dropped: number[] = [];
  const rank: Record<Violation['code'], number> = { duplicate: 0, incompatible: 0, range: 0, link: 1, window: 2, capacity: 3, shift: 3, break: 3, work: 3, cycle: 4 };
  for (;;) {
    const ev = evaluateSolution(p, r);
    if (ev.feasible) return { routes: r, dropped };
    let drop = -1;
    let best = Infinity;
    for (const v of ev.violations) {
      if (rank[v.code] >= best) continue;
      let pick = -1;
      if (v.visits && v.visits.length > 0) {
        pick = v.visits[v.visits.length - 1]!;
        for (const w of v.visits) if (w >= 0 && w < p.nVisits && pick >= 0 && pick < p.nVisits && p.unassignedPenalty[w]! < p.unassignedPenalty[pick]!) pick = w;
      } else if (v.vehicle !== undefined && (r[v.vehicle]?.length ?? 0) > 0) {
        pick = r[v.vehicle]![r[v.vehicle]!.length - 1]!;
      }
      if (pick !== -1) {
        drop = pick;
        best = rank[v.code];
      }
    }
    if (best === Infinity) {
      const candidates: number[] = [];
      for (const route of r) if (route.length > 0) candidates.push(route[route.length - 1]!);
      for (let l = 0; l < p.nLinks; l++) {
        if (ev.vehicleOf[p.linkA[l]!] !== -1 && ev.vehicleOf[p.linkB[l]!] !== -1) candidates.push(p.linkA[l]!, p.linkB[l]!);
      }
      for (const c of candidates) {
        if (evaluateSolution(p, r.map((route) => route.filter((v) => v !== c))).feasible) {
          drop = c;
          break;
        }
      }
      if (drop === -1) {
        for (let l = 0; l < p.nLinks && drop === -1; l++) if (ev.vehicleOf[p.linkA[l]!] !== -1 && ev.vehicleOf[p.linkB[l]!] !== -1) drop = p.linkB[l]!;
      }
      // Nothing to name (should not happen): give up on every route rather than loop.
      if (drop === -1) {
        for (const route of r) dropped.push(...route);
        return { routes: r.map(() => []), dropped };
      }
    }
    dropped.push(drop);
    r = r.map((route) => route.filter((v) => v !== drop));
  }
}

interface RouteResult {
  distance: number;
  travelTime: number;
  tardiness: number;
  maxTardiness: number;
}

/** Weighted travel cost of one leg of vehicle k (the break rule's tie-breaker). */
function legCost(p: Problem, k: number, a: number, b: number): number {
  const i = p.vOff[k]! + a * p.nLoc + b;
  return p.wDist * p.dist[i]! + p.wTime * p.time[i]!;
}

/**
 * Where vehicle k takes its break on route r (non-empty; the vehicle has a break), under link lower
 * bounds `lb`: the position i (break before visit i; r.length = after the last visit) chosen by the
 * rule described at the top of the file. Start times are monotone in the time the vehicle is ready,
 * so the earliest finish at each visit dominates the other positions: the choice is feasible
 * whenever some position is. Position 0 is followed on its own (Z): with a working-time limit it
 * may be feasible when the later positions, though returning earlier, work too long. When no
 * position is feasible a fallback (B's position) is returned and {@link simulate} reports the
 * violations along it.
 */
export function breakPosition(p: Problem, k: number, r: readonly number[], lb: readonly number[]): number {
  const n = p.nLoc;
  const nK = p.nVehicles;
  const o = p.vOff[k]!;
  const base = p.vEnd[k]!;
  const early = p.breakEarliest[k]!;
  const late = p.breakLatest[k]!;
  const dur = p.breakDur[k]!;
  const atBase = p.breakAtBase[k] === 1;
  const len = r.length;
  let prev = p.vStart[k]!;
  let tA = p.shiftStart[k]!;
  let cA = 0;
  let tB = Infinity;
  let cB = 0;
  let posB = 1;
  let tZ = Infinity;
  let firstStart = 0;
  /** Ready time after taking the break from A at `prev`, and the location and travel cost then. */
  const fromA = (): { t: number; loc: number; c: number } => {
    let t = tA;
    let c = cA;
    let loc = prev;
    if (!(t <= late)) return { t: Infinity, loc, c };
    if (atBase && loc !== base) {
      t += p.time[o + loc * n + base]!;
      c += legCost(p, k, loc, base);
      loc = base;
    }
    const bs = Math.max(t, early);
    if (bs > late) return { t: Infinity, loc, c };
    return { t: bs + dur, loc, c };
  };
  /** Finish time of visit v when ready at `t` at `loc` (Infinity when a window is missed). */
  const visit = (v: number, t: number, loc: number): number => {
    if (t === Infinity) return Infinity;
    const s = earliestStart(p, v, Math.max(t + p.time[o + loc * n + p.visitLoc[v]!]!, lb[v]!));
    return s === Infinity ? Infinity : s + p.duration[v * nK + k]!;
  };
  for (let i = 0; i < len; i++) {
    const v = r[i]!;
    const vl = p.visitLoc[v]!;
    // The break now (from A), then v.
    const a = fromA();
    const t2 = visit(v, a.t, a.loc);
    const c2 = a.c + legCost(p, k, a.loc, vl);
    if (i === 0) tZ = t2;
    else {
      tZ = visit(v, tZ, prev);
      // B continues with v, unless the break now finishes v earlier.
      const t1 = visit(v, tB, prev);
      const c1 = cB + legCost(p, k, prev, vl);
      if (t2 < t1 || (t2 === t1 && t2 < Infinity && c2 < c1)) {
        tB = t2;
        cB = c2;
        posB = i;
      } else {
        tB = t1;
        cB = c1;
      }
    }
    // A continues with v.
    const s = tA === Infinity ? Infinity : earliestStart(p, v, Math.max(tA + p.time[o + prev * n + vl]!, lb[v]!));
    if (i === 0) firstStart = s;
    tA = s === Infinity ? Infinity : s + p.duration[v * nK + k]!;
    cA += legCost(p, k, prev, vl);
    prev = vl;
  }
  // Position len: the break after the last visit (from A), against B returning directly.
  const end = p.vEnd[k]!;
  const a = fromA();
  const ret2 = a.t + p.time[o + a.loc * n + end]!;
  const c2 = a.c + legCost(p, k, a.loc, end);
  let retB = tB + p.time[o + prev * n + end]!;
  const c1 = cB + legCost(p, k, prev, end);
  if (ret2 < retB || (ret2 === retB && ret2 < Infinity && c2 < c1)) {
    retB = ret2;
    posB = len;
  }
  const start = p.shiftStart[k]!;
  const depB = Math.max(start, firstStart - p.time[o + p.vStart[k]! * n + p.visitLoc[r[0]!]!]!);
  const okB = retB <= p.shiftEnd[k]! && retB - depB <= p.maxWork[k]! + 1e-9;
  const retZ = tZ + p.time[o + prev * n + end]!;
  const okZ = retZ <= p.shiftEnd[k]! && retZ - start <= p.maxWork[k]! + 1e-9;
  return okZ && (!okB || retZ < retB) ? 0 : posB;
}

/** Forward pass over one route; writes starts; reports violations when `out` is given. */
function simulate(p: Problem, k: number, r: readonly number[], lb: number[], starts: number[], out: Violation[] | null): RouteResult {
  const n = p.nLoc;
  const nK = p.nVehicles;
  const res: RouteResult = { distance: 0, travelTime: 0, tardiness: 0, maxTardiness: 0 };
  if (r.length === 0) return res;
  const base = p.vEnd[k]!;
  const o = p.vOff[k]!; // the vehicle's travel profile
  let loc = p.vStart[k]!;
  let t = p.shiftStart[k]!;
  let load = 0;
  // The break goes before visit `bpos` (r.length: after the last visit); -1 = no break.
  const bpos = p.breakDur[k]! > 0 ? breakPosition(p, k, r, lb) : -1;
  const leg = (from: number, to: number): number => {
    res.distance += p.dist[o + from * n + to]!;
    res.travelTime += p.time[o + from * n + to]!;
    return p.time[o + from * n + to]!;
  };
  const takeBreak = (): void => {
    if (p.breakAtBase[k]) {
      if (loc !== base) t += leg(loc, base);
      loc = base;
    }
    const bs = Math.max(t, p.breakEarliest[k]!);
    if (bs > p.breakLatest[k]! && out) out.push({ code: 'break', message: `vehicle ${k}: break starts at ${bs}, after ${p.breakLatest[k]}`, vehicle: k });
    t = bs + p.breakDur[k]!;
  };
  for (let i = 0; i < r.length; i++) {
    const v = r[i]!;
    if (i === bpos) takeBreak();
    const arrival = t + leg(loc, p.visitLoc[v]!);
    const s = earliestStart(p, v, Math.max(arrival, lb[v]!));
    starts[v] = s;
    if (s === Infinity) {
      if (out) out.push({ code: 'window', message: `vehicle ${k}: visit ${v} reached at ${arrival}, after its last window`, visits: [v], vehicle: k });
      t = arrival;
    } else {
      const tard = tardinessAt(p, v, s);
      res.tardiness += tard;
      if (tard > res.maxTardiness) res.maxTardiness = tard;
      t = s + p.duration[v * nK + k]!;
    }
    load += p.demand[v]!;
    loc = p.visitLoc[v]!;
  }
  if (bpos === r.length) takeBreak();
  const ret = t + leg(loc, p.vEnd[k]!);
  if (out) {
    if (load > p.capacity[k]! + 1e-9) out.push({ code: 'capacity', message: `vehicle ${k}: load ${load} > capacity ${p.capacity[k]}`, vehicle: k });
    if (ret > p.shiftEnd[k]!) out.push({ code: 'shift', message: `vehicle ${k}: returns at ${ret}, after shift end ${p.shiftEnd[k]}`, vehicle: k });
    const first = r[0]!;
    const depart = bpos === 0 ? p.shiftStart[k]! : Math.max(p.shiftStart[k]!, starts[first]! - p.time[o + p.vStart[k]! * n + p.visitLoc[first]!]!);
    if (ret - depart > p.maxWork[k]! + 1e-9) out.push({ code: 'work', message: `vehicle ${k}: works ${ret - depart}, more than ${p.maxWork[k]}`, vehicle: k });
  }
  return res;
}

function fail(p: Problem, violations: Violation[], vehicleOf: number[]): Evaluation {
  return {
    feasible: false,
    violations,
    cost: Infinity,
    distance: NaN,
    travelTime: NaN,
    tardiness: NaN,
    maxTardiness: NaN,
    starts: new Array<number>(p.nVisits).fill(NaN),
    vehicleOf,
    unassigned: [],
    vehiclesUsed: 0,
  };
}

/**
 * Checks a given schedule (start time per visit) instead of computing one: travel and durations
 * between consecutive starts, windows (hard only), links and shift end. Used to verify published
 * solutions. Returns the violations and the objective terms recomputed from the given starts.
 */
export function checkSchedule(
  p: Problem,
  routes: readonly (readonly number[])[],
  starts: readonly number[],
  tolerance = 1e-3,
): { violations: Violation[]; distance: number; tardiness: number; maxTardiness: number; cost: number } {
  const n = p.nLoc;
  const nK = p.nVehicles;
  const violations: Violation[] = [];
  let distance = 0;
  let tardiness = 0;
  let maxTardiness = 0;
  const seen = new Array<number>(p.nVisits).fill(-1);
  routes.forEach((r, k) => {
    if (r.length === 0) return;
    const o = p.vOff[k]!;
    let loc = p.vStart[k]!;
    let t = p.shiftStart[k]!;
    for (const v of r) {
      if (seen[v] !== -1) violations.push({ code: 'duplicate', message: `visit ${v} appears more than once` });
      seen[v] = k;
      if (!p.compat[v * nK + k]) violations.push({ code: 'incompatible', message: `visit ${v} cannot be done by vehicle ${k}` });
      distance += p.dist[o + loc * n + p.visitLoc[v]!]!;
      const arrival = t + p.time[o + loc * n + p.visitLoc[v]!]!;
      const s = starts[v]!;
      if (s < arrival - tolerance) violations.push({ code: 'window', message: `vehicle ${k}: visit ${v} starts at ${s} before arrival ${arrival}` });
      if (earliestStart(p, v, s) > s + tolerance) violations.push({ code: 'window', message: `vehicle ${k}: visit ${v} starts at ${s} outside its windows` });
      const tard = tardinessAt(p, v, s);
      tardiness += tard;
      maxTardiness = Math.max(maxTardiness, tard);
      t = s + p.duration[v * nK + k]!;
      loc = p.visitLoc[v]!;
    }
    distance += p.dist[o + loc * n + p.vEnd[k]!]!;
    if (t + p.time[o + loc * n + p.vEnd[k]!]! > p.shiftEnd[k]! + tolerance) violations.push({ code: 'shift', message: `vehicle ${k} returns after its shift end` });
  });
  for (let l = 0; l < p.nLinks; l++) {
    const a = p.linkA[l]!;
    const b = p.linkB[l]!;
    if (seen[a] === -1 || seen[b] === -1) continue;
    const gap = starts[b]! - starts[a]!;
    if (gap < p.linkMin[l]! - tolerance || gap > p.linkMax[l]! + tolerance) violations.push({ code: 'link', message: `visits ${a} → ${b}: gap ${gap}` });
  }
  const cost = p.wDist * distance + p.wTard * tardiness + p.wMaxTard * maxTardiness;
  return { violations, distance, tardiness, maxTardiness, cost };
}
