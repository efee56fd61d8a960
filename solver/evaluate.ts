/**
 * The engine's specification check: recomputes a solution's schedule and score from scratch with
 * plain loops, sharing no code with the schedule model (only the compiled problem and the window
 * helpers). Tests run every solver answer through it.
 *
 * Routes come as visit lists per vehicle with -1 where the break is taken (before the next visit;
 * at the end = after the last one). The semantics:
 * - A vehicle leaves its start location at `shiftStart`; each visit starts at the earliest time
 *   ≥ arrival inside one of its windows (waiting allowed), and ≥ the lower bounds its links impose.
 *   With soft windows a start after the last window is allowed and counts as tardiness.
 * - Links: `start(b) − start(a) ∈ [minGap, maxGap]`; starts are the least fixed point of the
 *   constraints (a's start is delayed when b cannot start early enough), iterated from no bounds.
 * - The break: exactly once in every used route of a vehicle with a break rule, at the marked
 *   place; at the base when its rule says so (the vehicle first travels there); it starts at
 *   max(ready, earliest) and no later than `latest`.
 * - Working time = return − departure, the departure postponed to reach the first visit just in
 *   time (never before the shift start), unless the break comes before the first visit.
 * - Score: unplanned required visits per level; cost = travel, tardiness, per-visit and fixed
 *   costs of used vehicles, penalties of optional visits left out, pair costs, the max-tardiness term,
 *   and per vehicle with a reference whose route's set of visits differs from it, `wRouteChange`.
 */
import { pairPrice, type Problem } from './problem.js';
import { earliestStart, tardinessAt } from './windows.js';

/** One rule a solution breaks. */
export interface Violation {
  code: 'duplicate' | 'incompatible' | 'capacity' | 'window' | 'shift' | 'break' | 'work' | 'link' | 'cycle' | 'range';
  message: string;
  /** The visits concerned (duplicate, incompatible, window: one; link: a and b). */
  visits?: number[];
  /** The vehicle whose route breaks the rule. */
  vehicle?: number;
}

/** Evaluated solution. */
export interface Evaluation {
  feasible: boolean;
  violations: Violation[];
  /** The soft cost (see the file comment); Infinity when the routes are malformed. */
  cost: number;
  /** Unplanned required visits per priority level. */
  unplanned: number[];
  distance: number;
  travelTime: number;
  tardiness: number;
  maxTardiness: number;
  /** Start time per visit (NaN when unassigned). */
  starts: number[];
  /** Break start per vehicle (NaN when its route takes none). */
  breakStarts: number[];
  /** Vehicle per visit (-1 when unassigned). */
  vehicleOf: number[];
  unassigned: number[];
  vehiclesUsed: number;
  /** Vehicles with a reference whose route's set of visits differs from it (each costs `wRouteChange`). */
  routesChanged: number;
}

/** The break marker in route lists. */
const BREAK = -1;

/** Evaluates `routes` (one list per vehicle; fewer lists than vehicles = the rest unused) against `p`. */
export function evaluateSolution(p: Problem, routes: readonly (readonly number[])[]): Evaluation {
  const nV = p.nVisits;
  const nK = p.nVehicles;
  const violations: Violation[] = [];
  const vehicleOf = new Array<number>(nV).fill(-1);
  if (routes.length > nK) violations.push({ code: 'range', message: `${routes.length} routes for ${nK} vehicles` });
  const visits: number[][] = [];
  const breakAt: number[] = [];
  routes.slice(0, nK).forEach((r, k) => {
    const own: number[] = [];
    let marks = 0;
    let at = -1;
    for (const v of r) {
      if (v === BREAK) {
        marks++;
        at = own.length;
        continue;
      }
      if (!(Number.isInteger(v) && v >= 0 && v < nV)) {
        violations.push({ code: 'range', message: `route ${k}: visit ${v} does not exist`, visits: [v] });
        continue;
      }
      if (vehicleOf[v] !== -1) violations.push({ code: 'duplicate', message: `visit ${v} appears more than once`, visits: [v] });
      vehicleOf[v] = k;
      if (!p.compat[v * nK + k]) violations.push({ code: 'incompatible', message: `visit ${v} cannot be done by vehicle ${k}`, visits: [v], vehicle: k });
      own.push(v);
    }
    if (own.length > 0 && p.breakDuration[k]! > 0 && marks !== 1) violations.push({ code: 'break', message: `vehicle ${k}: ${marks} break markers in a used route, expected 1`, vehicle: k });
    if (p.breakDuration[k] === 0 && marks > 0) violations.push({ code: 'break', message: `vehicle ${k} has no break rule but its route marks a break`, vehicle: k });
    visits.push(own);
    breakAt.push(own.length > 0 && p.breakDuration[k]! > 0 ? at : -1);
  });
  if (violations.some((v) => v.code === 'range' || v.code === 'duplicate')) return malformed(p, violations, vehicleOf);

  // Lower bounds from links, raised until the schedule is a fixed point.
  const lb = new Array<number>(nV).fill(-Infinity);
  const starts = new Array<number>(nV).fill(NaN);
  const breakStarts = new Array<number>(nK).fill(NaN);
  let converged = false;
  const maxPasses = 4 * (p.nLinks + 2);
  for (let pass = 0; pass < maxPasses && !converged; pass++) {
    visits.forEach((r, k) => simulate(p, k, r, breakAt[k]!, lb, starts, breakStarts, null));
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
  const pairs = new Map<number, number>();
  visits.forEach((r, k) => {
    const res = simulate(p, k, r, breakAt[k]!, lb, starts, breakStarts, violations);
    if (r.length === 0) return;
    used++;
    distance += res.distance;
    travelTime += res.travelTime;
    tardiness += res.tardiness;
    maxTardiness = Math.max(maxTardiness, res.maxTardiness);
    cost += p.wDist * res.distance + p.wTime * res.travelTime + p.wTard * res.tardiness + p.fixedCost[k]!;
    let load = 0;
    for (const v of r) {
      load += p.demand[v]!;
      if (p.assignCost) cost += p.assignCost[v * nK + k]!;
      const g = p.visitGroup[v]!;
      const o = p.vehicleOwner[k]!;
      if (g >= 0 && o >= 0) pairs.set(g * p.nOwners + o, (pairs.get(g * p.nOwners + o) ?? 0) + 1);
    }
    if (load > p.capacity[k]! + 1e-9) violations.push({ code: 'capacity', message: `vehicle ${k}: load ${load} > capacity ${p.capacity[k]}`, vehicle: k });
  });
  for (const [idx, n] of pairs) {
    const met = p.pairMet ? p.pairMet[idx]! : 0;
    for (let j = 0; j < n; j++) cost += pairPrice(p, met + j);
  }
  for (let l = 0; l < p.nLinks; l++) {
    const a = p.linkA[l]!;
    const b = p.linkB[l]!;
    if (vehicleOf[a] === -1 || vehicleOf[b] === -1) continue;
    const gap = starts[b]! - starts[a]!;
    if (!(gap >= p.linkMin[l]! - 1e-6 && gap <= p.linkMax[l]! + 1e-6)) violations.push({ code: 'link', message: `visits ${a} → ${b}: gap ${gap} outside [${p.linkMin[l]}, ${p.linkMax[l]}]`, visits: [a, b] });
    if (p.linkDifferent[l] && vehicleOf[a] === vehicleOf[b]) violations.push({ code: 'link', message: `visits ${a} and ${b} need two different vehicles`, visits: [a, b] });
  }
  const unassigned: number[] = [];
  const unplanned = new Array<number>(p.nLevels).fill(0);
  for (let v = 0; v < nV; v++) {
    if (vehicleOf[v] !== -1) continue;
    unassigned.push(v);
    if (p.level[v]! >= 0) unplanned[p.level[v]!]!++;
    else cost += p.optionalPenalty[v]!;
  }
  cost += p.wMaxTard * maxTardiness;
  // Route changes: every vehicle with a reference, used or not (a missing list is an empty route).
  let routesChanged = 0;
  for (let k = 0; k < nK; k++) {
    const size = p.referenceCount[k]!;
    if (size < 0) continue;
    const r = visits[k] ?? [];
    let same = r.length === size;
    for (const v of r) if (p.referenceVehicle[v] !== k) same = false;
    if (!same) {
      routesChanged++;
      cost += p.wRouteChange;
    }
  }
  return { feasible: violations.length === 0, violations, cost, unplanned, distance, travelTime, tardiness, maxTardiness, starts, breakStarts, vehicleOf, unassigned, vehiclesUsed: used, routesChanged };
}

interface RouteResult {
  distance: number;
  travelTime: number;
  tardiness: number;
  maxTardiness: number;
}

/** Forward pass over one route with its break before visit `breakAt`; writes starts; reports violations when `out` is given. */
function simulate(p: Problem, k: number, r: readonly number[], breakAt: number, lb: number[], starts: number[], breakStarts: number[], out: { push(v: Violation): void } | null): RouteResult {
  const n = p.nLoc;
  const nK = p.nVehicles;
  const res: RouteResult = { distance: 0, travelTime: 0, tardiness: 0, maxTardiness: 0 };
  if (r.length === 0) return res;
  const o = p.travelOffset[k]!;
  const base = p.endLoc[k]!;
  let loc = p.startLoc[k]!;
  let t = p.shiftStart[k]!;
  const leg = (to: number): void => {
    res.distance += p.dist[o + loc * n + to]!;
    res.travelTime += p.time[o + loc * n + to]!;
    t += p.time[o + loc * n + to]!;
    loc = to;
  };
  const takeBreak = (): void => {
    if (p.breakAtBase[k] && loc !== base) leg(base);
    const bs = Math.max(t, p.breakEarliest[k]!);
    breakStarts[k] = bs;
    if (bs > p.breakLatest[k]! && out) out.push({ code: 'break', message: `vehicle ${k}: break starts at ${bs}, after ${p.breakLatest[k]}`, vehicle: k });
    t = bs + p.breakDuration[k]!;
  };
  for (let i = 0; i < r.length; i++) {
    const v = r[i]!;
    if (i === breakAt) takeBreak();
    leg(p.visitLoc[v]!);
    const s = earliestStart(p, v, Math.max(t, lb[v]!));
    starts[v] = s;
    if (s === Infinity) {
      if (out) out.push({ code: 'window', message: `vehicle ${k}: visit ${v} reached at ${t}, after its last window`, visits: [v], vehicle: k });
    } else {
      const tard = tardinessAt(p, v, s);
      res.tardiness += tard;
      if (tard > res.maxTardiness) res.maxTardiness = tard;
      t = s + p.duration[v * nK + k]!;
    }
  }
  if (breakAt === r.length) takeBreak();
  leg(p.endLoc[k]!);
  if (out) {
    if (t > p.shiftEnd[k]!) out.push({ code: 'shift', message: `vehicle ${k}: returns at ${t}, after shift end ${p.shiftEnd[k]}`, vehicle: k });
    const first = r[0]!;
    const depart = breakAt === 0 ? p.shiftStart[k]! : Math.max(p.shiftStart[k]!, starts[first]! - p.time[o + p.startLoc[k]! * n + p.visitLoc[first]!]!);
    if (t - depart > p.maxWork[k]! + 1e-9) out.push({ code: 'work', message: `vehicle ${k}: works ${t - depart}, more than ${p.maxWork[k]}`, vehicle: k });
  }
  return res;
}

function malformed(p: Problem, violations: Violation[], vehicleOf: number[]): Evaluation {
  return {
    feasible: false,
    violations,
    cost: Infinity,
    unplanned: new Array<number>(p.nLevels).fill(0),
    distance: NaN,
    travelTime: NaN,
    tardiness: NaN,
    maxTardiness: NaN,
    starts: new Array<number>(p.nVisits).fill(NaN),
    breakStarts: new Array<number>(p.nVehicles).fill(NaN),
    vehicleOf,
    unassigned: [],
    vehiclesUsed: 0,
    routesChanged: 0,
  };
}

/**
 * Makes `routes` feasible by leaving visits out (never by reordering; a break marker may move), one
 * at a time while the evaluator finds violations: a route whose break breaks its rule first tries
 * every other place for it; then the visit a violation names, in this order: a structural fault
 * (duplicate, incompatible, unknown visit), a broken link (of the two, the one with the lower
 * priority, `b` on a tie), a missed window; else the last visit of a route that breaks a route
 * rule. When only a start-time cycle is reported, the first of the routes' last visits and the
 * linked visits whose removal alone makes the routes feasible, else the later visit of a link.
 * Returns the kept routes (copies, with break markers) and the dropped visits in order.
 */
export function dropInfeasible(p: Problem, routes: readonly (readonly number[])[]): { routes: number[][]; dropped: number[] } {
  let r = routes.slice(0, p.nVehicles).map((x) => [...x]);
  const dropped: number[] = [];
  const rank: Record<Violation['code'], number> = { duplicate: 0, incompatible: 0, range: 0, link: 1, window: 2, capacity: 3, shift: 3, break: 3, work: 3, cycle: 4 };
  // Optional visits are the weakest, then required ones by level (0 the strongest).
  const strength = (v: number): number => (p.level[v]! < 0 ? -1 : p.nLevels - p.level[v]!);
  const weaker = (a: number, b: number): boolean => strength(a) < strength(b);
  for (;;) {
    const ev = evaluateSolution(p, r);
    if (ev.feasible) return { routes: r, dropped };
    if (moveBreaks(p, r, ev)) continue;
    let drop = -1;
    let best = Infinity;
    for (const v of ev.violations) {
      if (rank[v.code] >= best) continue;
      let pick = -1;
      if (v.visits && v.visits.length > 0) {
        pick = v.visits[v.visits.length - 1]!;
        for (const w of v.visits) if (w >= 0 && w < p.nVisits && pick >= 0 && pick < p.nVisits && weaker(w, pick)) pick = w;
      } else if (v.vehicle !== undefined) {
        const own = (r[v.vehicle] ?? []).filter((x) => x !== BREAK);
        if (own.length > 0) pick = own[own.length - 1]!;
      }
      if (pick !== -1) {
        drop = pick;
        best = rank[v.code];
      }
    }
    if (best === Infinity) {
      const candidates: number[] = [];
      for (const route of r) {
        const own = route.filter((x) => x !== BREAK);
        if (own.length > 0) candidates.push(own[own.length - 1]!);
      }
      for (let l = 0; l < p.nLinks; l++) if (ev.vehicleOf[p.linkA[l]!] !== -1 && ev.vehicleOf[p.linkB[l]!] !== -1) candidates.push(p.linkA[l]!, p.linkB[l]!);
      for (const c of candidates) {
        if (evaluateSolution(p, r.map((route) => route.filter((v) => v !== c))).feasible) {
          drop = c;
          break;
        }
      }
      if (drop === -1) {
        for (let l = 0; l < p.nLinks && drop === -1; l++) if (ev.vehicleOf[p.linkA[l]!] !== -1 && ev.vehicleOf[p.linkB[l]!] !== -1) drop = p.linkB[l]!;
      }
      if (drop === -1) {
        for (const route of r) dropped.push(...route.filter((v) => v !== BREAK));
        return { routes: r.map(() => []), dropped };
      }
    }
    dropped.push(drop);
    r = r.map((route) => {
      const kept = route.filter((v) => v !== drop);
      return kept.some((v) => v !== BREAK) ? kept : [];
    });
  }
}

/**
 * For each used route of a vehicle with a break whose break is missing, duplicated or breaks its
 * rule, places the marker where the routes become free of that route's break fault (first such
 * place). Returns whether a marker moved.
 */
function moveBreaks(p: Problem, r: number[][], ev: Evaluation): boolean {
  let moved = false;
  for (const v of ev.violations) {
    if (v.code !== 'break' && v.code !== 'shift' && v.code !== 'work') continue;
    const k = v.vehicle!;
    if (p.breakDuration[k] === 0) continue;
    const own = r[k]!.filter((x) => x !== BREAK);
    if (own.length === 0) continue;
    for (let at = 0; at <= own.length; at++) {
      const trial = [...own.slice(0, at), BREAK, ...own.slice(at)];
      if (trial.length === r[k]!.length && trial.every((x, i) => x === r[k]![i])) continue;
      const routes = r.map((x, i) => (i === k ? trial : x));
      const faults = evaluateSolution(p, routes).violations.filter((x) => x.vehicle === k && (x.code === 'break' || x.code === 'shift' || x.code === 'work' || x.code === 'window'));
      if (faults.length === 0) {
        r[k] = trial;
        moved = true;
        break;
      }
    }
  }
  return moved;
}

/**
 * Checks a given schedule (start time per visit) instead of computing one: travel and durations
 * between consecutive starts, windows (hard only), links and shift end. Used to verify published
 * solutions (problems without breaks). Returns the violations and the objective terms recomputed.
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
    const o = p.travelOffset[k]!;
    let loc = p.startLoc[k]!;
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
    distance += p.dist[o + loc * n + p.endLoc[k]!]!;
    if (t + p.time[o + loc * n + p.endLoc[k]!]! > p.shiftEnd[k]! + tolerance) violations.push({ code: 'shift', message: `vehicle ${k} returns after its shift end` });
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
