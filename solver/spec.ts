/**
 * The readable problem description adapters build ({@link ProblemSpec}); `compileProblem` in
 * problem.ts validates it and compiles it into the immutable `Problem` the search reads.
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
   * Priority level of a required visit, 0 the highest (default 0). The score counts unplanned
   * visits per level, lexicographically before every cost: one more unplanned visit of a level
   * is worse than any number of unplanned visits of the levels below it and any cost.
   */
  priority?: number;
  /**
   * Makes the visit optional: leaving it out costs this much, added to the cost (no level).
   * Omitted = required at `priority`.
   */
  unassignedPenalty?: number;
  /** Extra cost per vehicle (preferences, team); index = vehicle. */
  vehicleCost?: readonly number[];
  /** Group for {@link ProblemSpec.pairs} (e.g. the client's index); omitted = no pair cost. */
  group?: number;
  /**
   * A soft deadline for the service start: a start after it is late by `start − due`, priced as
   * tardiness (`objective.tardiness` per unit). The windows stay hard unless the objective makes
   * them soft. A replan uses it for "moved later than 15 minutes after its time in the plan in force".
   */
  due?: number;
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
  /** Owner for {@link ProblemSpec.pairs} (e.g. the staff member; several shifts may share one). */
  owner?: number;
  /**
   * The visits (indices into {@link ProblemSpec.visits}, order irrelevant) of this vehicle's route
   * in the plan in force. When given, the route costs {@link ObjectiveSpec.routeChange} if its set of
   * visits differs from this set (a visit added that is not in it, or one of it missing); `[]` =
   * an empty route is unchanged, any visit changes it. Omitted = the vehicle never costs it. A
   * visit may be in at most one vehicle's reference.
   */
  reference?: readonly number[];
}

/**
 * `start(b) − start(a)` must lie within [minGap, maxGap] when both are planned. A link with
 * minGap ≥ 0 and no upper bound (maxGap omitted or Infinity) may have both visits on one vehicle,
 * `a` before `b`; other links need `differentVehicles` (the schedule model times a route in order
 * and never moves a visit back to meet a later one of its own route).
 */
export interface LinkSpec {
  a: number;
  b: number;
  minGap: number;
  maxGap?: number;
  /** When true, `a` and `b` must be done by different vehicles (double staffing). */
  differentVehicles?: boolean;
}

/**
 * Pair costs: a (group, owner) pair with n visits in the solution costs
 * `Σ_{j < n} marginal[min(met + j, marginal.length − 1)]`, where `met` counts the pair's visits
 * outside this problem (other days, the history). A concave price (falling marginals) makes the
 * first visit of a client by a staff member the expensive one and gathers a client's visits on
 * few staff; the sum is exactly what a solution costs, so insertion and moves price it exactly.
 */
export interface PairCostSpec {
  nGroups: number;
  nOwners: number;
  /** Visits per pair outside the problem at `group · nOwners + owner` (default all 0). */
  met?: ArrayLike<number>;
  /** Cost of a pair's next visit when it already has m visits (m ≥ length: the last entry). */
  marginal: readonly number[];
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
  /**
   * Whether a start after a window's end is allowed (and late) rather than infeasible. Default: true
   * when `tardiness` or `maxTardiness` is above 0 and no visit has a `due` time (then tardiness
   * prices the dues and the windows stay hard).
   */
  softWindows?: boolean;
  /**
   * Per vehicle with a {@link VehicleSpec.reference} whose route's set of visits differs from it
   * (a staff member whose route changed at all), default 0.
   */
  routeChange?: number;
}

/** The readable problem description. */
export interface ProblemSpec {
  nLocations: number;
  /** Number of travel profiles (default 1). Each vehicle travels with one ({@link VehicleSpec.profile}). */
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
  pairs?: PairCostSpec;
  objective?: ObjectiveSpec;
  /** Length of each visit's nearest-neighbour list (default 100; fewer when there are fewer visits). */
  neighbourCount?: number;
}
