/**
 * Vehicle classes. Two vehicles in one *timing class* time every sequence of visits alike (same
 * travel profile, start and end, shift, working-time limit, break rule and durations), so cached
 * schedule data of one route holds for the other (2-opt* exchanges route tails between them). Two
 * vehicles in one *vehicle class* are interchangeable altogether (also capacity, fixed cost,
 * compatibility, per-visit costs, pair owner and route-change reference: none, empty, or one of
 * its own), so insertion tries only one empty vehicle of each.
 */
/** The compiled columns classes are computed from (a Problem without its classes). */
interface Columns {
  readonly nVehicles: number;
  readonly nVisits: number;
  readonly travelOffset: Int32Array;
  readonly startLoc: Int32Array;
  readonly endLoc: Int32Array;
  readonly shiftStart: Float64Array;
  readonly shiftEnd: Float64Array;
  readonly maxWork: Float64Array;
  readonly breakDuration: Float64Array;
  readonly breakEarliest: Float64Array;
  readonly breakLatest: Float64Array;
  readonly breakAtBase: Uint8Array;
  readonly duration: Float64Array;
  readonly capacity: Float64Array;
  readonly fixedCost: Float64Array;
  readonly vehicleOwner: Int32Array;
  readonly compat: Uint8Array;
  readonly assignCost: Float64Array | null;
  readonly referenceCount: Int32Array;
  readonly routeChangeActive: boolean;
}

/** Computes both class arrays (class id = the lowest vehicle index of the class). */
export function vehicleClasses(p: Columns): { vehicleClass: Int32Array; timingClass: Int32Array } {
  const nK = p.nVehicles;
  const timing = (k: number): number[] => [
    p.travelOffset[k]!,
    p.startLoc[k]!,
    p.endLoc[k]!,
    p.shiftStart[k]!,
    p.shiftEnd[k]!,
    p.maxWork[k]!,
    p.breakDuration[k]!,
    p.breakEarliest[k]!,
    p.breakLatest[k]!,
    p.breakAtBase[k]!,
  ];
  const sameTiming = (a: number, b: number): boolean => {
    const ta = timing(a);
    const tb = timing(b);
    for (let i = 0; i < ta.length; i++) if (ta[i] !== tb[i]) return false;
    for (let v = 0; v < p.nVisits; v++) if (p.duration[v * nK + a] !== p.duration[v * nK + b]) return false;
    return true;
  };
  // A vehicle's route-change key: none, an empty reference, or its own (no visit is in two references).
  const reference = (k: number): number => (!p.routeChangeActive || p.referenceCount[k]! < 0 ? -1 : p.referenceCount[k] === 0 ? -2 : k);
  const sameAll = (a: number, b: number): boolean => {
    if (p.capacity[a] !== p.capacity[b] || p.fixedCost[a] !== p.fixedCost[b] || p.vehicleOwner[a] !== p.vehicleOwner[b] || reference(a) !== reference(b)) return false;
    for (let v = 0; v < p.nVisits; v++) {
      if (p.compat[v * nK + a] !== p.compat[v * nK + b]) return false;
      if (p.assignCost && p.assignCost[v * nK + a] !== p.assignCost[v * nK + b]) return false;
    }
    return true;
  };
  const timingClass = group(nK, (k) => hashOf(timing(k), p, k, false), sameTiming);
  const vehicleClass = group(nK, (k) => hashOf([timingClass[k]!, p.capacity[k]!, p.fixedCost[k]!, p.vehicleOwner[k]!, reference(k)], p, k, true), (a, b) => timingClass[a] === timingClass[b] && sameAll(a, b));
  return { vehicleClass, timingClass };
}

/** Groups vehicles by a hash, confirming equality against each bucket's representatives. */
function group(nK: number, hash: (k: number) => number, same: (a: number, b: number) => boolean): Int32Array {
  const cls = new Int32Array(nK);
  const buckets = new Map<number, number[]>();
  for (let k = 0; k < nK; k++) {
    const h = hash(k);
    const reps = buckets.get(h) ?? buckets.set(h, []).get(h)!;
    const rep = reps.find((r) => same(r, k));
    if (rep === undefined) {
      reps.push(k);
      cls[k] = k;
    } else cls[k] = rep;
  }
  return cls;
}

/** FNV-1a over the given numbers and vehicle k's per-visit columns (durations, or compat and costs). */
function hashOf(values: readonly number[], p: Columns, k: number, full: boolean): number {
  let h = 0x811c9dc5;
  const mix = (x: number): void => {
    // A coarse key (thousandths, truncated): equal vehicles hash alike, and equality is confirmed exactly.
    h = Math.imul(h ^ (Number.isFinite(x) ? (x * 1000) | 0 : 0x7fffffff), 0x01000193) >>> 0;
  };
  for (const x of values) mix(x);
  const nK = p.nVehicles;
  for (let v = 0; v < p.nVisits; v++) {
    if (full) {
      mix(p.compat[v * nK + k]!);
      if (p.assignCost) mix(p.assignCost[v * nK + k]!);
    } else mix(p.duration[v * nK + k]!);
  }
  return h;
}
