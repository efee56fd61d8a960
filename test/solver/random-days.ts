import { greedyPeriod } from '../../solver/baseline/greedy.js';
import { compileProblem, type LinkSpec, type Problem, type ProblemSpec, type VehicleSpec, type VisitSpec } from '../../solver/index.js';
import { Rng } from '../../solver/rng.js';

/** Options of {@link randomDay}. */
export interface RandomDayOptions {
  visits?: number;
  vehicles?: number;
  /** Share of vehicles with a break (half of them at the base). */
  breaks?: number;
  /** Double-staffed pairs (gap [0, 0] on two vehicles). */
  pairs?: number;
  /** Minimum-gap links (b at least 90 after a, one vehicle allowed). */
  gaps?: number;
  /** Pair costs over a few groups and owners. */
  pairCosts?: boolean;
  /** Soft windows with tardiness. */
  soft?: boolean;
  /** A working-time limit on every vehicle. */
  maxWork?: boolean;
  /** Visits with two windows. */
  multiWindow?: number;
  /** Share of visits with a due time inside their first window (hard windows, lateness priced 2 per minute). */
  dues?: number;
  /**
   * References of a plan in force, with this route-change cost (e.g. 40): derived from the greedy
   * routes of the same day, vehicle k by k mod 4 — 0, 1: its greedy visits, each left out with
   * probability 0.2, plus now and then a visit nobody's reference holds; 2: an empty reference;
   * 3: none. Drawn after everything else, so the other options' days stay as they are.
   */
  routeChange?: number;
}

/**
 * A small random home-care day: integer minutes on a 30×30 grid, shifts 420–960, visits with one
 * or two windows, per-vehicle costs, skills, breaks (anywhere or at the base), double staffing,
 * minimum gaps, pair costs and references of a plan in force as asked. The same seed gives the same problem.
 */
export function randomDay(seed: number, o: RandomDayOptions = {}): Problem {
  const rng = new Rng(seed);
  const nV = o.visits ?? 24;
  const nK = o.vehicles ?? 4;
  const nLoc = nV + 1;
  const pts = Array.from({ length: nLoc }, () => [rng.int(30), rng.int(30)] as const);
  const travel = new Float64Array(nLoc * nLoc);
  for (let a = 0; a < nLoc; a++) for (let b = 0; b < nLoc; b++) travel[a * nLoc + b] = a === b ? 0 : Math.round(Math.hypot(pts[a]![0] - pts[b]![0], pts[a]![1] - pts[b]![1])) + 2;
  const visits: VisitSpec[] = [];
  for (let i = 0; i < nV; i++) {
    const s = 420 + rng.int(420);
    const w = 30 + rng.int(150);
    const windows: [number, number][] = [[s, s + w]];
    if (i < (o.multiWindow ?? 0)) windows.push([s + w + 60 + rng.int(60), s + w + 180 + rng.int(60)]);
    visits.push({
      location: i + 1,
      duration: 10 + rng.int(40),
      windows,
      skills: rng.next() < 0.2 ? [1] : [],
      vehicleCost: Array.from({ length: nK }, () => rng.int(20)),
      priority: rng.int(3),
      group: o.pairCosts ? rng.int(4) : undefined,
      due: o.dues && rng.next() < o.dues ? s + rng.int(w) : undefined,
    });
  }
  const vehicles: VehicleSpec[] = Array.from({ length: nK }, (_, k) => ({
    start: 0,
    end: 0,
    shiftStart: 420 + (k % 2) * 30,
    shiftEnd: 960,
    skills: k % 3 === 0 ? [] : [1],
    maxWorkTime: o.maxWork ? 420 : undefined,
    break: k < Math.round((o.breaks ?? 0) * nK) ? { duration: 30, earliest: 660, latest: 750, atBase: k % 2 === 1 } : undefined,
    owner: o.pairCosts ? k % 3 : undefined,
  }));
  const links: LinkSpec[] = [];
  let next = 0;
  for (let q = 0; q < (o.pairs ?? 0) && next + 1 < nV; q++, next += 2) {
    visits[next + 1] = { ...visits[next]!, location: visits[next]!.location };
    links.push({ a: next, b: next + 1, minGap: 0, maxGap: 0, differentVehicles: true });
  }
  for (let q = 0; q < (o.gaps ?? 0) && next + 1 < nV; q++, next += 2) {
    visits[next + 1] = { ...visits[next + 1]!, windows: [[visits[next]!.windows![0]![0] + 90, visits[next]!.windows![0]![1] + 240]] };
    links.push({ a: next, b: next + 1, minGap: 90 });
  }
  const spec: ProblemSpec = {
    nLocations: nLoc,
    travel,
    visits,
    vehicles,
    links,
    pairs: o.pairCosts ? { nGroups: 4, nOwners: 3, met: Array.from({ length: 12 }, (_, i) => i % 3), marginal: [40, 10, 4, 2, 1] } : undefined,
    objective: { distance: 0, travelTime: 1, tardiness: o.soft ? 1 : o.dues ? 2 : 0, softWindows: o.soft ?? false },
  };
  const problem = compileProblem(spec);
  return o.routeChange === undefined ? problem : compileProblem(withReferences(spec, problem, rng, o.routeChange));
}

/** `spec` with references derived from its greedy routes (see {@link RandomDayOptions.routeChange}). */
function withReferences(spec: ProblemSpec, p: Problem, rng: Rng, routeChange: number): ProblemSpec {
  const [day] = greedyPeriod([p]);
  const taken = new Set<number>();
  const refs: (number[] | undefined)[] = spec.vehicles.map((_, k) => {
    if (k % 4 === 3) return undefined;
    if (k % 4 === 2) return [];
    const ref = day!.routes[k]!.filter((v) => v >= 0 && rng.next() >= 0.2);
    for (const v of ref) taken.add(v);
    return ref;
  });
  refs.forEach((ref, k) => {
    if (!ref || k % 4 === 2 || rng.next() >= 0.4) return;
    const free = Array.from({ length: p.nVisits }, (_, v) => v).filter((v) => !taken.has(v) && !day!.routes[k]!.includes(v));
    if (free.length === 0) return;
    const v = free[rng.int(free.length)]!;
    ref.push(v);
    taken.add(v);
  });
  return {
    ...spec,
    vehicles: spec.vehicles.map((k, i) => (refs[i] ? { ...k, reference: refs[i] } : k)),
    objective: { ...spec.objective, routeChange },
  };
}
