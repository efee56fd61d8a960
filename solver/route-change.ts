/**
 * The route-change cost, one rule in one place: a vehicle with a reference (the visits of its
 * route in the plan in force) costs `Problem.wRouteChange` when the set of visits of its route
 * differs from that set. With `n` visits in the route, `m` of them from the reference and `R` the
 * reference's size (m ≤ R, m ≤ n), the route is unchanged exactly when n = m = R. The pricer,
 * insertion, the move operators and the working solution count `n` and `m` (per route prefix
 * counts make a piece of a route O(1) in the common case); the evaluator counts them itself.
 */
import type { Route } from './route.js';
import type { ProblemSpec } from './spec.js';

/** The compiled columns of the route-change cost (see `Problem`). */
export interface RouteChangeColumns {
  /** Per visit: the vehicle whose reference holds it, or -1. */
  readonly referenceVehicle: Int32Array;
  /** Per vehicle: the size of its reference, or -1 without one. */
  readonly referenceCount: Int32Array;
  /** Cost of a changed route ({@link ObjectiveSpec.routeChange}). */
  readonly wRouteChange: number;
  /** True when some vehicle may cost it (a positive weight and some reference). */
  readonly routeChangeActive: boolean;
}

/**
 * Compiles and validates the references of `spec`'s vehicles.
 * @throws Error naming the vehicle when a reference lists a visit out of range, twice, or one that
 *   another vehicle's reference holds, or when the weight is negative or not finite.
 */
export function compileReferences(spec: ProblemSpec): RouteChangeColumns {
  const nV = spec.visits.length;
  const w = spec.objective?.routeChange ?? 0;
  if (!(w >= 0 && w < Infinity)) throw new Error(`objective.routeChange must be a finite number ≥ 0, got ${w}`);
  const referenceVehicle = new Int32Array(nV).fill(-1);
  const referenceCount = new Int32Array(spec.vehicles.length).fill(-1);
  let any = false;
  spec.vehicles.forEach((k, i) => {
    if (!k.reference) return;
    any = true;
    for (const v of k.reference) {
      if (!(Number.isInteger(v) && v >= 0 && v < nV)) throw new Error(`vehicle ${i}: reference visit ${v} out of range`);
      const was = referenceVehicle[v]!;
      if (was === i) throw new Error(`vehicle ${i}: reference lists visit ${v} twice`);
      if (was >= 0) throw new Error(`vehicle ${i}: reference visit ${v} is in vehicle ${was}'s reference too (a visit may be in one reference)`);
      referenceVehicle[v] = i;
    }
    referenceCount[i] = k.reference.length;
  });
  return { referenceVehicle, referenceCount, wRouteChange: w, routeChangeActive: any && w > 0 };
}

/** Route-change cost of vehicle k's route with `n` visits, `m` of them from its reference. */
export function changeCost(p: RouteChangeColumns, k: number, n: number, m: number): number {
  const r = p.referenceCount[k]!;
  return r < 0 || (n === r && m === r) ? 0 : p.wRouteChange;
}

/** Change of vehicle k's route-change cost when its route (`route`) gains `dn` visits, `dm` of them from its reference. */
export function changeDelta(p: RouteChangeColumns, k: number, route: Route, dn: number, dm: number): number {
  if (!p.routeChangeActive || (dn === 0 && dm === 0)) return 0;
  return changeCost(p, k, route.len + dn, route.refIn + dm) - changeCost(p, k, route.len, route.refIn);
}

/**
 * Visits at positions [from, to) of route r (`route`, its cached prefix counts) whose reference is
 * vehicle k's: O(1) for r = k or when the piece holds no visit of another vehicle's reference.
 */
export function referencesIn(p: RouteChangeColumns, route: Route, r: number, from: number, to: number, k: number): number {
  if (r === k) return route.refPrefix[to]! - route.refPrefix[from]!;
  if (p.referenceCount[k]! <= 0 || route.foreignPrefix[to]! - route.foreignPrefix[from]! === 0) return 0;
  let m = 0;
  for (let x = from; x < to; x++) if (p.referenceVehicle[route.nodes[x]!] === k) m++;
  return m;
}
