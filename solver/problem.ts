/**
 * The generic routing problem the engine solves, in two forms: a readable {@link ProblemSpec} that
 * adapters build, and the compiled, immutable {@link Problem} of typed arrays the search reads.
 *
 * Model: locations with one travel matrix per travel profile (car, bike, on foot; each vehicle uses
 * one profile); visits (a stop that one vehicle performs) with a service
 * duration per vehicle, one or more time windows for the service start, demand, compatibility with
 * vehicles (skills, allowed and refused staff), an optional per-(visit, vehicle) cost, and an
 * unassigned penalty (optional visits); vehicles (a staff shift or a truck) with start and end
 * location, shift window, capacity, maximum working time and an optional break; links between two
 * visits that bound the difference of their start times (synchronised double staffing is a link with
 * gap [0, 0]; precedence and minimum/maximum gaps between a client's visits are links too).
 */

/** One visit as adapters describe it. */
export interface VisitSpec {
  /** Index into the travel matrix. */
  location: number;
  /** Service duration: one value, or one per vehicle (index = vehicle). */
  duration: number | readonly number[];
  /** Allowed intervals for the service start, sorted and disjoint; omitted = always. */
  windows?: readonly (readonly [number, number])[];
  /** Load taken by the vehicle. */
  demand?: number;
  /** Skill ids the vehicle must hold. */
  skills?: readonly number[];
  /** If given, only these vehicles may perform the visit. */
  allowedVehicles?: readonly number[];
  /** These vehicles may never perform the visit (refused staff). */
  refusedVehicles?: readonly number[];
  /**
   * Cost of leaving the visit out. Omitted = required (a large penalty that dominates every other
   * term, so the search plans it whenever it can). Optional visits use priority-scaled penalties.
   */
  unassignedPenalty?: number;
  /** Extra cost per vehicle (continuity, preferences); index = vehicle. */
  vehicleCost?: readonly number[];
}

/** A break rule of a vehicle: `duration` minutes starting within [earliest, latest]. */
export interface BreakSpec {
  duration: number;
  earliest: number;
  latest: number;
  /** True when the break must be taken at the vehicle's end location (the base). */
  atBase?: boolean;
}

/** One vehicle (a staff member's shift). */
export interface VehicleSpec {
  start: number;
  end: number;
  /** Earliest departure from `start`. */
  shiftStart: number;
  /** Latest return to `end`. */
  shiftEnd: number;
  capacity?: number;
  skills?: readonly number[];
  /** Maximum time from departure to return (waiting before the first visit excluded). */
  maxWorkTime?: number;
  break?: BreakSpec;
  /** Cost when the vehicle is used at all. */
  fixedCost?: number;
  /** Travel profile (which matrix of `ProblemSpec.travel` / `distance` applies), 0 ≤ profile < nProfiles; default 0. */
  profile?: number;
}

/** `start(b) - start(a)` must lie within [minGap, maxGap] when both are planned. */
export interface LinkSpec {
  a: number;
  b: number;
  minGap: number;
  maxGap: number;
  /** When true, `a` and `b` must be done by different vehicles (double staffing). */
  differentVehicles?: boolean;
}

/** Weights of the objective terms. */
export interface ObjectiveSpec {
  /** Per unit of distance (default 1). */
  distance?: number;
  /** Per unit of travel time (default 0). */
  travelTime?: number;
  /**
   * Per unit of tardiness (service start after a window's end). 0 or omitted = hard windows:
   * a start after the last window's end is infeasible.
   */
  tardiness?: number;
  /** Per unit of the largest single tardiness (Mankowska's third term). */
  maxTardiness?: number;
}

/** The readable problem description. */
export interface ProblemSpec {
  nLocations: number;
  /**
   * Number of travel profiles (default 1). Each vehicle travels with one profile
   * ({@link VehicleSpec.profile}).
   */
  nProfiles?: number;
  /**
   * Travel times, nLocations² × nProfiles entries: profile p is the row-major matrix at
   * `[p·nLocations², (p+1)·nLocations²)`. Also the distances when `distance` is omitted.
   */
  travel: ArrayLike<number>;
  /** Distances, same layout and length as `travel`. */
  distance?: ArrayLike<number>;
  visits: readonly VisitSpec[];
  vehicles: readonly VehicleSpec[];
  links?: readonly LinkSpec[];
  objective?: ObjectiveSpec;
}

/** Penalty for an unplanned required visit; dominates any realistic route cost. */
export const REQUIRED_PENALTY = 1e7;

/** The compiled, immutable problem (typed arrays, flat indices). */
export interface Problem {
  readonly nLoc: number;
  readonly nVisits: number;
  readonly nVehicles: number;
  readonly nProfiles: number;
  /**
   * Travel time, nLoc² × nProfiles: from a to b with profile q at `q·nLoc² + a·nLoc + b`. Every
   * read that concerns vehicle k's travel uses its offset: `time[vOff[k] + a·nLoc + b]`.
   */
  readonly time: Float64Array;
  /** Distance, same layout as `time` (the same array when they coincide). */
  readonly dist: Float64Array;
  /** Per vehicle: offset of its profile's matrix in `time` / `dist` (profile × nLoc²). */
  readonly vOff: Int32Array;
  readonly visitLoc: Int32Array;
  readonly demand: Float64Array;
  /** Duration of visit v by vehicle k at `v * nVehicles + k`. */
  readonly duration: Float64Array;
  /** Windows of visit v are `twStart/twEnd[twOff[v] .. twOff[v+1])`. */
  readonly twOff: Int32Array;
  readonly twStart: Float64Array;
  readonly twEnd: Float64Array;
  /** 1 when vehicle k may do visit v, at `v * nVehicles + k`. */
  readonly compat: Uint8Array;
  /** Per-(visit, vehicle) cost, or null when all zero. */
  readonly assignCost: Float64Array | null;
  readonly unassignedPenalty: Float64Array;
  readonly vStart: Int32Array;
  readonly vEnd: Int32Array;
  readonly shiftStart: Float64Array;
  readonly shiftEnd: Float64Array;
  readonly capacity: Float64Array;
  /** Infinity when unbounded. */
  readonly maxWork: Float64Array;
  /** Break duration (0 = no break), window and whether it is taken at the end location. */
  readonly breakDur: Float64Array;
  readonly breakEarliest: Float64Array;
  readonly breakLatest: Float64Array;
  readonly breakAtBase: Uint8Array;
  readonly fixedCost: Float64Array;
  readonly nLinks: number;
  readonly linkA: Int32Array;
  readonly linkB: Int32Array;
  readonly linkMin: Float64Array;
  readonly linkMax: Float64Array;
  readonly linkDiff: Uint8Array;
  /** Links of visit v are `linkIdx[linkOff[v] .. linkOff[v+1])`. */
  readonly linkOff: Int32Array;
  readonly linkIdx: Int32Array;
  readonly wDist: number;
  readonly wTime: number;
  readonly wTard: number;
  readonly wMaxTard: number;
  /** True when windows are soft (tardiness allowed). */
  readonly soft: boolean;
  /**
   * True when the O(1) insertion check applies: hard windows, no breaks, no working-time limit,
   * no links, no max-tardiness term.
   */
  readonly simple: boolean;
  /**
   * For each visit, the other visits sorted by travel time (there and back) from it, with profile 0
   * (no vehicle is known here), nVisits × (nVisits-1).
   */
  readonly neighbours: Int32Array;
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
  const time = Float64Array.from(spec.travel);
  if (spec.distance && spec.distance.length !== nn * nP) throw new Error(`distance matrix has ${spec.distance.length} entries, expected ${nn * nP}${profiles}`);
  const dist = spec.distance ? Float64Array.from(spec.distance) : time;
  const obj = spec.objective ?? {};
  const wTard = obj.tardiness ?? 0;
  const wMaxTard = obj.maxTardiness ?? 0;
  const soft = wTard > 0 || wMaxTard > 0;

  const visitLoc = new Int32Array(nV);
  const demand = new Float64Array(nV);
  const duration = new Float64Array(nV * nK);
  const twOff = new Int32Array(nV + 1);
  const ts: number[] = [];
  const te: number[] = [];
  const compat = new Uint8Array(nV * nK);
  let assignCost: Float64Array | null = null;
  const unassignedPenalty = new Float64Array(nV);
  const vehSkills = spec.vehicles.map((k) => new Set(k.skills ?? []));
  let multiWindow = false;
  spec.visits.forEach((v, i) => {
    if (!(v.location >= 0 && v.location < nLoc)) throw new Error(`visit ${i}: location ${v.location} out of range`);
    visitLoc[i] = v.location;
    demand[i] = v.demand ?? 0;
    for (let k = 0; k < nK; k++) {
      const d = typeof v.duration === 'number' ? v.duration : v.duration[k];
      if (d === undefined || !(d >= 0)) throw new Error(`visit ${i}: missing or negative duration for vehicle ${k}`);
      duration[i * nK + k] = d;
    }
    twOff[i] = ts.length;
    const ws = v.windows ?? [[-Infinity, Infinity]];
    if (ws.length === 0) throw new Error(`visit ${i}: empty window list`);
    if (ws.length > 1) multiWindow = true;
    let prevEnd = -Infinity;
    for (const [a, b] of ws) {
      if (!(a <= b) || a < prevEnd) throw new Error(`visit ${i}: windows must be sorted, disjoint and non-empty`);
      ts.push(a);
      te.push(b);
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
    unassignedPenalty[i] = v.unassignedPenalty ?? REQUIRED_PENALTY;
  });
  twOff[nV] = ts.length;

  const vStart = new Int32Array(nK);
  const vEnd = new Int32Array(nK);
  const shiftStart = new Float64Array(nK);
  const shiftEnd = new Float64Array(nK);
  const capacity = new Float64Array(nK);
  const maxWork = new Float64Array(nK);
  const breakDur = new Float64Array(nK);
  const breakEarliest = new Float64Array(nK);
  const breakLatest = new Float64Array(nK);
  const breakAtBase = new Uint8Array(nK);
  const fixedCost = new Float64Array(nK);
  const vOff = new Int32Array(nK);
  let anyBreak = false;
  let anyMaxWork = false;
  spec.vehicles.forEach((k, i) => {
    if (!(k.start >= 0 && k.start < nLoc && k.end >= 0 && k.end < nLoc)) throw new Error(`vehicle ${i}: start/end location out of range`);
    if (!(k.shiftStart <= k.shiftEnd)) throw new Error(`vehicle ${i}: shift ends before it starts`);
    const prof = k.profile ?? 0;
    if (!(Number.isInteger(prof) && prof >= 0 && prof < nP)) throw new Error(`vehicle ${i}: profile ${prof} out of range (${nP} profile${nP === 1 ? '' : 's'})`);
    vOff[i] = prof * nn;
    vStart[i] = k.start;
    vEnd[i] = k.end;
    shiftStart[i] = k.shiftStart;
    shiftEnd[i] = k.shiftEnd;
    capacity[i] = k.capacity ?? Infinity;
    maxWork[i] = k.maxWorkTime ?? Infinity;
    if (k.maxWorkTime !== undefined) anyMaxWork = true;
    fixedCost[i] = k.fixedCost ?? 0;
    if (k.break && k.break.duration > 0) {
      if (!(k.break.earliest <= k.break.latest)) throw new Error(`vehicle ${i}: break window is empty`);
      anyBreak = true;
      breakDur[i] = k.break.duration;
      breakEarliest[i] = k.break.earliest;
      breakLatest[i] = k.break.latest;
      breakAtBase[i] = k.break.atBase ? 1 : 0;
    }
  });

  const links = spec.links ?? [];
  const nL = links.length;
  const linkA = new Int32Array(nL);
  const linkB = new Int32Array(nL);
  const linkMin = new Float64Array(nL);
  const linkMax = new Float64Array(nL);
  const linkDiff = new Uint8Array(nL);
  const perVisit: number[][] = Array.from({ length: nV }, () => []);
  links.forEach((l, i) => {
    if (!(l.a >= 0 && l.a < nV && l.b >= 0 && l.b < nV && l.a !== l.b)) throw new Error(`link ${i}: visits out of range`);
    if (!(l.minGap <= l.maxGap)) throw new Error(`link ${i}: minGap > maxGap`);
    linkA[i] = l.a;
    linkB[i] = l.b;
    linkMin[i] = l.minGap;
    linkMax[i] = l.maxGap;
    linkDiff[i] = l.differentVehicles ? 1 : 0;
    perVisit[l.a]!.push(i);
    perVisit[l.b]!.push(i);
  });
  const linkOff = new Int32Array(nV + 1);
  const linkIdx = new Int32Array(nL * 2);
  let p = 0;
  for (let v = 0; v < nV; v++) {
    linkOff[v] = p;
    for (const l of perVisit[v]!) linkIdx[p++] = l;
  }
  linkOff[nV] = p;

  const neighbours = new Int32Array(nV * Math.max(0, nV - 1));
  const idx: number[] = [];
  for (let v = 0; v < nV; v++) {
    idx.length = 0;
    for (let w = 0; w < nV; w++) if (w !== v) idx.push(w);
    const lv = visitLoc[v]!;
    // Profile 0 (the first nLoc² entries): neighbour lists are shared by all vehicles.
    idx.sort((x, y) => time[lv * nLoc + visitLoc[x]!]! + time[visitLoc[x]! * nLoc + lv]! - (time[lv * nLoc + visitLoc[y]!]! + time[visitLoc[y]! * nLoc + lv]!) || x - y);
    neighbours.set(idx, v * (nV - 1));
  }
  void multiWindow;

  return {
    nLoc,
    nVisits: nV,
    nVehicles: nK,
    nProfiles: nP,
    time,
    dist,
    vOff,
    visitLoc,
    demand,
    duration,
    twOff,
    twStart: Float64Array.from(ts),
    twEnd: Float64Array.from(te),
    compat,
    assignCost,
    unassignedPenalty,
    vStart,
    vEnd,
    shiftStart,
    shiftEnd,
    capacity,
    maxWork,
    breakDur,
    breakEarliest,
    breakLatest,
    breakAtBase,
    fixedCost,
    nLinks: nL,
    linkA,
    linkB,
    linkMin,
    linkMax,
    linkDiff,
    linkOff,
    linkIdx,
    wDist: obj.distance ?? 1,
    wTime: obj.travelTime ?? 0,
    wTard,
    wMaxTard,
    soft,
    simple: !soft && !anyBreak && !anyMaxWork && nL === 0,
    neighbours,
  };
}

/**
 * Earliest start ≥ `t` inside one of visit v's windows. With soft windows a start after the last
 * window is allowed (returns `t`); with hard windows it returns Infinity.
 */
export function earliestStart(p: Problem, v: number, t: number): number {
  const end = p.twOff[v + 1]!;
  for (let w = p.twOff[v]!; w < end; w++) {
    if (t <= p.twEnd[w]!) return t < p.twStart[w]! ? p.twStart[w]! : t;
  }
  return p.soft ? t : Infinity;
}

/** Tardiness of a start at `s`: 0 inside a window, else the distance past the last window end before s. */
export function tardinessAt(p: Problem, v: number, s: number): number {
  const end = p.twOff[v + 1]!;
  let last = -Infinity;
  for (let w = p.twOff[v]!; w < end; w++) {
    if (s < p.twStart[w]!) break;
    if (s <= p.twEnd[w]!) return 0;
    last = p.twEnd[w]!;
  }
  return s - last > 0 && last !== -Infinity ? s - last : 0;
}
