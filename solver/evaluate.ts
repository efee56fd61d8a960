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
 * - Break: taken once, before leaving a stop (or the start) as soon as the vehicle is ready at or
 *   after the break's earliest start, or earlier when the next stop would end (for an at-base break:
 *   and the vehicle be back at base) after the latest break start; always before returning. It
 *   starts at max(ready, earliest) and must start no later than `latest`. An at-base break first
 *   travels to the end location and resumes from there.
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
  let breakPending = p.breakDur[k]! > 0;
  let breakBeforeFirst = false;
  const leg = (from: number, to: number): number => {
    res.distance += p.dist[o + from * n + to]!;
    res.travelTime += p.time[o + from * n + to]!;
    return p.time[o + from * n + to]!;
  };
  const takeBreak = (nextEnd: number): void => {
    // Decide whether the break is taken now (before leaving `loc` at time t).
    if (!breakPending) return;
    if (t >= p.breakEarliest[k]! || nextEnd > p.breakLatest[k]!) {
      if (p.breakAtBase[k]) {
        if (loc !== base) t += leg(loc, base);
        loc = base;
      }
      const bs = Math.max(t, p.breakEarliest[k]!);
      if (bs > p.breakLatest[k]! && out) out.push({ code: 'break', message: `vehicle ${k}: break starts at ${bs}, after ${p.breakLatest[k]}`, vehicle: k });
      t = bs + p.breakDur[k]!;
      breakPending = false;
    }
  };
  for (let i = 0; i < r.length; i++) {
    const v = r[i]!;
    if (breakPending) {
      // The stop would end (and, for an at-base break, be back at base) at `after`.
      let after = earliestStart(p, v, Math.max(t + p.time[o + loc * n + p.visitLoc[v]!]!, lb[v]!)) + p.duration[v * nK + k]!;
      if (p.breakAtBase[k]) after += p.time[o + p.visitLoc[v]! * n + base]!;
      takeBreak(after);
      if (!breakPending && i === 0) breakBeforeFirst = true;
    }
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
  // Before returning, a pending break is always taken (waiting for its window if needed).
  if (breakPending) takeBreak(Infinity);
  if (breakPending && out) out.push({ code: 'break', message: `vehicle ${k}: no break taken`, vehicle: k });
  const ret = t + leg(loc, p.vEnd[k]!);
  if (out) {
    if (load > p.capacity[k]! + 1e-9) out.push({ code: 'capacity', message: `vehicle ${k}: load ${load} > capacity ${p.capacity[k]}`, vehicle: k });
    if (ret > p.shiftEnd[k]!) out.push({ code: 'shift', message: `vehicle ${k}: returns at ${ret}, after shift end ${p.shiftEnd[k]}`, vehicle: k });
    const first = r[0]!;
    const depart = breakBeforeFirst ? p.shiftStart[k]! : Math.max(p.shiftStart[k]!, starts[first]! - p.time[o + p.vStart[k]! * n + p.visitLoc[first]!]!);
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
