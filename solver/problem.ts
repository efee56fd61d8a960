/**
 * The generic routing problem the engine solves, in two forms: a readable {@link ProblemSpec} that
 * adapters build (spec.ts), and the compiled, immutable {@link Problem} of typed arrays the search reads.
 *
 * Model: locations with one travel matrix per travel profile (car, bike, on foot; each vehicle uses
 * one profile); visits (a stop that one vehicle performs) with a service duration per vehicle, one
 * or more time windows for the service start, demand, compatibility with vehicles (skills, allowed
 * and refused staff), a priority level (or a penalty when optional), a cost per (visit, vehicle)
 * and a group for pair costs; vehicles (a staff shift or a truck) with start and end location,
 * shift, capacity, maximum working time and an optional break; links between two visits that bound
 * the difference of their start times (double staffing is a link with gap [0, 0] on different
 * vehicles; minimum gaps between a client's visits are links too); pair costs that price how many
 * visits each (group, owner) pair has (continuity: the first visit of a client by a staff member
 * costs the most); per vehicle a reference (its visits in the plan in force) whose change costs.
 */
import { vehicleClasses } from './classes.js';
import { nearestNeighbours } from './neighbours.js';
import { compileReferences, type RouteChangeColumns } from './route-change.js';
import type { ProblemSpec } from './spec.js';

export type { BreakSpec, LinkSpec, ObjectiveSpec, PairCostSpec, ProblemSpec, VehicleSpec, VisitSpec } from './spec.js';

/**
 * The compiled, immutable problem (typed arrays, flat indices); the route-change columns
 * (references of the plan in force) are {@link RouteChangeColumns}.
 */
export interface Problem extends RouteChangeColumns {
  readonly nLoc: number;
  readonly nVisits: number;
  readonly nVehicles: number;
  readonly nProfiles: number;
  /** Travel time from a to b for vehicle k: `time[travelOffset[k] + a·nLoc + b]`. */
  readonly time: Float64Array;
  /** Distance, same layout as `time` (the same array when they coincide). */
  readonly dist: Float64Array;
  /** Per vehicle: offset of its travel profile's matrix in `time` / `dist` (profile × nLoc²). */
  readonly travelOffset: Int32Array;
  readonly visitLoc: Int32Array;
  readonly demand: Float64Array;
  /** Duration of visit v by vehicle k at `v · nVehicles + k`. */
  readonly duration: Float64Array;
  /** Windows of visit v are `windowStart/windowEnd[windowFirst[v] .. windowFirst[v+1])`. */
  readonly windowFirst: Int32Array;
  readonly windowStart: Float64Array;
  readonly windowEnd: Float64Array;
  /** 1 when vehicle k may do visit v, at `v · nVehicles + k`. */
  readonly compat: Uint8Array;
  /** Per-(visit, vehicle) cost at `v · nVehicles + k`, or null when all zero. */
  readonly assignCost: Float64Array | null;
  /** Priority level per visit (0 highest), or -1 for an optional visit. */
  readonly level: Int32Array;
  readonly nLevels: number;
  /** Cost of leaving an optional visit out (0 for required visits). */
  readonly optionalPenalty: Float64Array;
  readonly startLoc: Int32Array;
  readonly endLoc: Int32Array;
  readonly shiftStart: Float64Array;
  readonly shiftEnd: Float64Array;
  readonly capacity: Float64Array;
  /** Infinity when unbounded. */
  readonly maxWork: Float64Array;
  /** Break duration (0 = no break), window for its start and whether it is taken at the end location. */
  readonly breakDuration: Float64Array;
  readonly breakEarliest: Float64Array;
  readonly breakLatest: Float64Array;
  readonly breakAtBase: Uint8Array;
  readonly fixedCost: Float64Array;
  readonly nLinks: number;
  readonly linkA: Int32Array;
  readonly linkB: Int32Array;
  readonly linkMin: Float64Array;
  /** Infinity when the link has no upper bound. */
  readonly linkMax: Float64Array;
  readonly linkDifferent: Uint8Array;
  /** Links of visit v are `visitLinks[linkFirst[v] .. linkFirst[v+1])`. */
  readonly linkFirst: Int32Array;
  readonly visitLinks: Int32Array;
  /** Pair costs: group per visit and owner per vehicle (-1 = none), met counts, marginal prices. */
  readonly visitGroup: Int32Array;
  readonly vehicleOwner: Int32Array;
  readonly nGroups: number;
  readonly nOwners: number;
  readonly pairMet: Int32Array | null;
  readonly pairMarginal: Float64Array;
  readonly wDist: number;
  readonly wTime: number;
  readonly wTard: number;
  readonly wMaxTard: number;
  /** True when windows are soft (a start after a window's end is late, not infeasible). */
  readonly soft: boolean;
  /** Per visit: its soft deadline ({@link VisitSpec.due}), Infinity when none. */
  readonly due: Float64Array;
  /**
   * True when a route's cost depends on its times (soft windows or due times with a tardiness
   * price): the shortcuts that price from arcs alone do not apply.
   */
  readonly timed: boolean;
  /**
   * Per vehicle: 1 when a route's feasibility is a latest-arrival bound per position and its cost
   * does not depend on times (no break, no working-time limit, hard windows): the O(1) checks.
   */
  readonly plainVehicle: Uint8Array;
  /** Vehicles with the same class are interchangeable (all data equal): one empty one is tried. */
  readonly vehicleClass: Int32Array;
  /** Vehicles with the same timing class time every sequence alike (costs may differ). */
  readonly timingClass: Int32Array;
  /**
   * For each visit, its nearest other visits by travel time there and back with profile 0 (no
   * vehicle is known here): `neighbours[v · nNeighbours + i]`, nearest first.
   */
  readonly neighbours: Int32Array;
  readonly nNeighbours: number;
  /**
   * No start in a least fixed point of the links can be later than this (the latest window start
   * or shift start, plus every visit's longest duration and longest leg, plus every link's minimum
   * gap): a later one proves a cycle of links that keeps pushing starts (infeasible).
   */
  readonly horizon: number;
}

/**
 * Compiles and validates a {@link ProblemSpec}.
 * @throws Error naming the offending visit, vehicle or link when the spec is inconsistent.
 */
export function compileProblem(spec: ProblemSpec): Problem {
  const nLoc = spec.nLocations;
  const nV = spec.visits.length;
  const nK = spec.vehicles.length;
  const nP = spec.nProfiles ?? 1;
  if (!(Number.isInteger(nP) && nP >= 1)) throw new Error(`nProfiles must be a positive integer, got ${nP}`);
  const nn = nLoc * nLoc;
  const profiles = nP === 1 ? '' : ` (${nLoc}² locations × ${nP} profiles)`;
  if (spec.travel.length !== nn * nP) throw new Error(`travel matrix has ${spec.travel.length} entries, expected ${nn * nP}${profiles}`);
  // Typed matrices are used as they are (problems never write them; days of a period share one).
  const time = spec.travel instanceof Float64Array ? spec.travel : Float64Array.from(spec.travel);
  if (spec.distance && spec.distance.length !== nn * nP) throw new Error(`distance matrix has ${spec.distance.length} entries, expected ${nn * nP}${profiles}`);
  const dist = spec.distance ? (spec.distance instanceof Float64Array ? spec.distance : Float64Array.from(spec.distance)) : time;
  const obj = spec.objective ?? {};
  const wTard = obj.tardiness ?? 0;
  const wMaxTard = obj.maxTardiness ?? 0;
  const anyDue = spec.visits.some((v) => v.due !== undefined);
  const soft = obj.softWindows ?? ((wTard > 0 || wMaxTard > 0) && !anyDue);
  const timed = soft || (anyDue && (wTard > 0 || wMaxTard > 0));
  const due = new Float64Array(nV).fill(Infinity);

  const visitLoc = new Int32Array(nV);
  const demand = new Float64Array(nV);
  const duration = new Float64Array(nV * nK);
  const windowFirst = new Int32Array(nV + 1);
  const ws: number[] = [];
  const we: number[] = [];
  const compat = new Uint8Array(nV * nK);
  let assignCost: Float64Array | null = null;
  const level = new Int32Array(nV);
  const optionalPenalty = new Float64Array(nV);
  const visitGroup = new Int32Array(nV).fill(-1);
  const vehSkills = spec.vehicles.map((k) => new Set(k.skills ?? []));
  spec.visits.forEach((v, i) => {
    if (!(v.location >= 0 && v.location < nLoc)) throw new Error(`visit ${i}: location ${v.location} out of range`);
    visitLoc[i] = v.location;
    demand[i] = v.demand ?? 0;
    for (let k = 0; k < nK; k++) {
      const d = typeof v.duration === 'number' ? v.duration : v.duration[k];
      if (d === undefined || !(d >= 0)) throw new Error(`visit ${i}: missing or negative duration for vehicle ${k}`);
      duration[i * nK + k] = d;
    }
    if (v.due !== undefined) {
      if (Number.isNaN(v.due)) throw new Error(`visit ${i}: due must be a number`);
      due[i] = v.due;
    }
    windowFirst[i] = ws.length;
    const windows = v.windows ?? [[-Infinity, Infinity]];
    if (windows.length === 0) throw new Error(`visit ${i}: empty window list`);
    let prevEnd = -Infinity;
    for (const [a, b] of windows) {
      if (!(a <= b) || a < prevEnd) throw new Error(`visit ${i}: windows must be sorted, disjoint and non-empty`);
      ws.push(a);
      we.push(b);
      prevEnd = b;
    }
    const allowed = v.allowedVehicles ? new Set(v.allowedVehicles) : null;
    const refused = new Set(v.refusedVehicles ?? []);
    for (let k = 0; k < nK; k++) {
      let ok = (!allowed || allowed.has(k)) && !refused.has(k);
      for (const s of v.skills ?? []) if (!vehSkills[k]!.has(s)) ok = false;
      compat[i * nK + k] = ok ? 1 : 0;
    }
    if (v.vehicleCost) {
      if (v.vehicleCost.length !== nK) throw new Error(`visit ${i}: vehicleCost needs ${nK} entries`);
      assignCost ??= new Float64Array(nV * nK);
      for (let k = 0; k < nK; k++) assignCost[i * nK + k] = v.vehicleCost[k]!;
    }
    if (v.unassignedPenalty !== undefined) {
      if (!(v.unassignedPenalty >= 0)) throw new Error(`visit ${i}: unassignedPenalty must be ≥ 0`);
      level[i] = -1;
      optionalPenalty[i] = v.unassignedPenalty;
    } else {
      const lv = v.priority ?? 0;
      if (!(Number.isInteger(lv) && lv >= 0 && lv < 16)) throw new Error(`visit ${i}: priority must be an integer in [0, 15]`);
      level[i] = lv;
    }
    if (v.group !== undefined) {
      if (!spec.pairs || !(Number.isInteger(v.group) && v.group >= 0 && v.group < spec.pairs.nGroups)) throw new Error(`visit ${i}: group ${v.group} out of range`);
      visitGroup[i] = v.group;
    }
  });
  windowFirst[nV] = ws.length;
  let nLevels = 1;
  for (let i = 0; i < nV; i++) if (level[i]! + 1 > nLevels) nLevels = level[i]! + 1;

  const startLoc = new Int32Array(nK);
  const endLoc = new Int32Array(nK);
  const shiftStart = new Float64Array(nK);
  const shiftEnd = new Float64Array(nK);
  const capacity = new Float64Array(nK);
  const maxWork = new Float64Array(nK);
  const breakDuration = new Float64Array(nK);
  const breakEarliest = new Float64Array(nK);
  const breakLatest = new Float64Array(nK);
  const breakAtBase = new Uint8Array(nK);
  const fixedCost = new Float64Array(nK);
  const travelOffset = new Int32Array(nK);
  const vehicleOwner = new Int32Array(nK).fill(-1);
  const plainVehicle = new Uint8Array(nK);
  spec.vehicles.forEach((k, i) => {
    if (!(k.start >= 0 && k.start < nLoc && k.end >= 0 && k.end < nLoc)) throw new Error(`vehicle ${i}: start/end location out of range`);
    if (!(k.shiftStart <= k.shiftEnd)) throw new Error(`vehicle ${i}: shift ends before it starts`);
    const prof = k.profile ?? 0;
    if (!(Number.isInteger(prof) && prof >= 0 && prof < nP)) throw new Error(`vehicle ${i}: profile ${prof} out of range (${nP} profile${nP === 1 ? '' : 's'})`);
    travelOffset[i] = prof * nn;
    startLoc[i] = k.start;
    endLoc[i] = k.end;
    shiftStart[i] = k.shiftStart;
    shiftEnd[i] = k.shiftEnd;
    capacity[i] = k.capacity ?? Infinity;
    maxWork[i] = k.maxWorkTime ?? Infinity;
    fixedCost[i] = k.fixedCost ?? 0;
    if (k.break && k.break.duration > 0) {
      if (!(k.break.earliest <= k.break.latest)) throw new Error(`vehicle ${i}: break window is empty`);
      breakDuration[i] = k.break.duration;
      breakEarliest[i] = k.break.earliest;
      breakLatest[i] = k.break.latest;
      breakAtBase[i] = k.break.atBase ? 1 : 0;
    }
    if (k.owner !== undefined) {
      if (!spec.pairs || !(Number.isInteger(k.owner) && k.owner >= 0 && k.owner < spec.pairs.nOwners)) throw new Error(`vehicle ${i}: owner ${k.owner} out of range`);
      vehicleOwner[i] = k.owner;
    }
    plainVehicle[i] = breakDuration[i] === 0 && maxWork[i] === Infinity && !timed ? 1 : 0;
  });

  const links = spec.links ?? [];
  const nL = links.length;
  const linkA = new Int32Array(nL);
  const linkB = new Int32Array(nL);
  const linkMin = new Float64Array(nL);
  const linkMax = new Float64Array(nL);
  const linkDifferent = new Uint8Array(nL);
  const perVisit: number[][] = Array.from({ length: nV }, () => []);
  links.forEach((l, i) => {
    if (!(l.a >= 0 && l.a < nV && l.b >= 0 && l.b < nV && l.a !== l.b)) throw new Error(`link ${i}: visits out of range`);
    const max = l.maxGap ?? Infinity;
    if (!(l.minGap <= max)) throw new Error(`link ${i}: minGap > maxGap`);
    // Visits that may share a vehicle are timed in route order: b after a, never a moved back for b.
    if (!l.differentVehicles && (max < Infinity || l.minGap < 0)) throw new Error(`link ${i}: a link with a maximum gap or a negative minimum gap needs differentVehicles`);
    linkA[i] = l.a;
    linkB[i] = l.b;
    linkMin[i] = l.minGap;
    linkMax[i] = max;
    linkDifferent[i] = l.differentVehicles ? 1 : 0;
    perVisit[l.a]!.push(i);
    perVisit[l.b]!.push(i);
  });
  const linkFirst = new Int32Array(nV + 1);
  const visitLinks = new Int32Array(nL * 2);
  let q = 0;
  for (let v = 0; v < nV; v++) {
    linkFirst[v] = q;
    for (const l of perVisit[v]!) visitLinks[q++] = l;
  }
  linkFirst[nV] = q;

  const pairs = spec.pairs;
  let pairMet: Int32Array | null = null;
  if (pairs) {
    if (pairs.marginal.length === 0) throw new Error('pairs: marginal needs at least one entry');
    if (pairs.met) {
      if (pairs.met.length !== pairs.nGroups * pairs.nOwners) throw new Error(`pairs: met has ${pairs.met.length} entries, expected ${pairs.nGroups * pairs.nOwners}`);
      pairMet = pairs.met instanceof Int32Array ? pairs.met : Int32Array.from(pairs.met);
    }
  }

  const nNb = Math.max(0, Math.min(spec.neighbourCount ?? 100, nV - 1));
  let horizon = 0;
  for (const x of ws) if (Number.isFinite(x) && x > horizon) horizon = x;
  for (let k = 0; k < nK; k++) if (shiftStart[k]! > horizon) horizon = shiftStart[k]!;
  for (let v = 0; v < nV; v++) {
    let d = 0;
    for (let k = 0; k < nK; k++) d = Math.max(d, duration[v * nK + k]!);
    let t = 0;
    for (let q = 0; q < nP; q++) for (let b = 0; b < nLoc; b++) t = Math.max(t, time[q * nn + visitLoc[v]! * nLoc + b]!);
    horizon += d + t;
  }
  for (const l of links) horizon += Math.max(0, l.minGap);
  const problem: Omit<Problem, 'vehicleClass' | 'timingClass' | 'neighbours'> = {
    nLoc,
    nVisits: nV,
    nVehicles: nK,
    nProfiles: nP,
    time,
    dist,
    travelOffset,
    visitLoc,
    demand,
    duration,
    windowFirst,
    windowStart: Float64Array.from(ws),
    windowEnd: Float64Array.from(we),
    compat,
    assignCost,
    level,
    nLevels,
    optionalPenalty,
    startLoc,
    endLoc,
    shiftStart,
    shiftEnd,
    capacity,
    maxWork,
    breakDuration,
    breakEarliest,
    breakLatest,
    breakAtBase,
    fixedCost,
    nLinks: nL,
    linkA,
    linkB,
    linkMin,
    linkMax,
    linkDifferent,
    linkFirst,
    visitLinks,
    visitGroup,
    vehicleOwner,
    nGroups: pairs?.nGroups ?? 0,
    nOwners: pairs?.nOwners ?? 0,
    pairMet,
    pairMarginal: Float64Array.from(pairs?.marginal ?? [0]),
    wDist: obj.distance ?? 1,
    wTime: obj.travelTime ?? 0,
    wTard,
    wMaxTard,
    soft,
    due,
    timed,
    plainVehicle,
    nNeighbours: nNb,
    horizon,
    ...compileReferences(spec),
  };
  // Neighbour lists only serve the search's operators: computed on first use, as insertion alone
  // (the greedy baseline, recommendations, the day start of a replan) never reads them.
  let neighbours: Int32Array | null = null;
  return Object.defineProperty({ ...problem, ...vehicleClasses(problem) }, 'neighbours', {
    enumerable: true,
    get: () => (neighbours ??= nearestNeighbours(time, nLoc, visitLoc, nNb)),
  }) as Problem;
}

/** Marginal pair price of a (group, owner) pair's next visit when it has `m` visits in all. */
export function pairPrice(p: Problem, m: number): number {
  const t = p.pairMarginal;
  return t[m < t.length ? m : t.length - 1]!;
}
