/** Random days on three travel profiles (car, bike, on foot), each vehicle with its own matrix. */
import { compileProblem, type LinkSpec, type Problem, type VehicleSpec, type VisitSpec } from '../../solver/problem.js';
import { Rng } from '../../solver/rng.js';

const NP = 3;

/**
 * Travel of three profiles over the same points, each a (rounded) metric of its own: profile 0
 * (car) Euclidean, profile 1 (bike) slower and stretched east–west, profile 2 (on foot) much
 * slower and stretched north–south. Distances differ from times (profile 0 shortest).
 */
function profileMatrices(pts: readonly (readonly [number, number])[]): { travel: number[]; distance: number[] } {
  const n = pts.length;
  const scale: [number, number][] = [
    [1, 1],
    [3, 1.5],
    [2, 5],
  ];
  const travel: number[] = [];
  const distance: number[] = [];
  for (let q = 0; q < NP; q++) {
    const [sx, sy] = scale[q]!;
    for (let a = 0; a < n; a++) {
      for (let b = 0; b < n; b++) {
        const dx = pts[a]![0] - pts[b]![0];
        const dy = pts[a]![1] - pts[b]![1];
        travel.push(a === b ? 0 : Math.round(Math.hypot(sx * dx, sy * dy)) + 1);
        distance.push(Math.hypot(dx, dy) * (1 + 0.1 * q));
      }
    }
  }
  return { travel, distance };
}

/** A random day on three travel profiles; `general` adds breaks, working time, links, optional visits and per-visit costs. */
export function profileDay(seed: number, nClients: number, nStaff: number, general: boolean): Problem {
  const rng = new Rng(seed);
  const pts: [number, number][] = [[0, 0]];
  for (let i = 0; i < nClients; i++) pts.push([rng.range(-15, 15), rng.range(-15, 15)]);
  const { travel, distance } = profileMatrices(pts);
  const visits: VisitSpec[] = [];
  const links: LinkSpec[] = [];
  for (let c = 1; c <= nClients; c++) {
    const dur = 10 + 5 * rng.int(5);
    const kind = general ? rng.int(5) : 2 + rng.int(3);
    if (kind === 0) {
      // Double staffing.
      const s = rng.range(60, 300);
      visits.push({ location: c, duration: dur, windows: [[s, s + 60]] }, { location: c, duration: dur, windows: [[s, s + 60]] });
      links.push({ a: visits.length - 2, b: visits.length - 1, minGap: 0, maxGap: 0, differentVehicles: true });
    } else if (kind === 1) {
      // A minimum gap between two visits to the same client.
      visits.push({ location: c, duration: dur, windows: [[0, 240]] }, { location: c, duration: dur, windows: [[60, 470]] });
      links.push({ a: visits.length - 2, b: visits.length - 1, minGap: 120 });
    } else if (kind === 2) {
      visits.push({ location: c, duration: dur, windows: [[0, 100], [220, 330]], unassignedPenalty: general ? 80 + rng.int(100) : undefined });
    } else if (kind === 3) {
      const s = rng.range(0, 380);
      visits.push({ location: c, duration: dur, windows: [[s, s + 90]], demand: 1 });
    } else {
      visits.push({ location: c, duration: dur, vehicleCost: general ? Array.from({ length: nStaff }, () => rng.int(10)) : undefined, demand: 1 });
    }
  }
  const vehicles: VehicleSpec[] = Array.from({ length: nStaff }, (_, k) => ({
    start: 0,
    end: 0,
    shiftStart: 0,
    shiftEnd: 480,
    capacity: general ? undefined : 8,
    profile: k % NP,
    ...(general ? { maxWorkTime: 430, break: { duration: 30, earliest: 180, latest: 270, atBase: k % 2 === 1 } } : {}),
  }));
  return compileProblem({ nLocations: pts.length, nProfiles: NP, travel, distance, visits, vehicles, links, objective: { distance: 1, travelTime: 0.5 } });
}
