/** Random small days with many optional visits and varied break rules (tests of the break rule and of insertion). */
import { compileProblem, type LinkSpec, type Problem, type VehicleSpec, type VisitSpec } from '../../solver/problem.js';
import { Rng } from '../../solver/rng.js';

/**
 * A random small day: breaks at the base and anywhere with windows of various widths, some
 * working-time limits and later shift starts, visits with one, two or no windows (all optional).
 * `links`: double staffing and minimum gaps. `anchors`: some visits get a fixed lower bound, a link
 * from an anchor visit at a fixed minute on an extra vehicle (the last one).
 */
export function breakDay(seed: number, nVisits: number, nVehicles: number, o: { links?: boolean; anchors?: boolean } = {}): Problem {
  const rng = new Rng(seed);
  const pts: [number, number][] = [[0, 0]];
  for (let i = 0; i < nVisits; i++) pts.push([rng.range(-25, 25), rng.range(-25, 25)]);
  const n = pts.length;
  const travel: number[] = [];
  for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) travel.push(a === b ? 0 : Math.round(Math.hypot(pts[a]![0] - pts[b]![0], pts[a]![1] - pts[b]![1])) + 2);
  const visits: VisitSpec[] = [];
  for (let i = 0; i < nVisits; i++) {
    const kind = rng.int(4);
    const s = rng.int(360);
    const windows: [number, number][] | undefined =
      kind === 0
        ? undefined
        : kind === 1
          ? [[s, s + 30 + rng.int(90)]]
          : kind === 2
            ? [
                [s, s + 40],
                [s + 120, s + 180],
              ]
            : [[s, s + 15]];
    visits.push({ location: i + 1, duration: 10 + 5 * rng.int(5), ...(windows ? { windows } : {}), unassignedPenalty: 100 + rng.int(200) });
  }
  const vehicles: VehicleSpec[] = Array.from({ length: nVehicles }, (_, k) => {
    const early = 100 + rng.int(150);
    return {
      start: 0,
      end: 0,
      shiftStart: k % 3 === 2 ? 60 : 0,
      shiftEnd: 480,
      ...(k % 3 === 0 ? { maxWorkTime: 300 + rng.int(120) } : {}),
      break: { duration: 20 + 10 * rng.int(3), earliest: early, latest: early + rng.int(120), atBase: k % 2 === 0 },
    };
  });
  const links: LinkSpec[] = [];
  if (o.links) {
    for (let i = 0; i + 1 < nVisits; i += 4) {
      if (rng.next() < 0.5) {
        // Double staffing: the partner gets the same location and windows.
        visits[i + 1] = { ...visits[i]! };
        links.push({ a: i, b: i + 1, minGap: 0, maxGap: 0, differentVehicles: true });
      } else links.push({ a: i, b: i + 1, minGap: 60 });
    }
  }
  if (o.anchors) {
    const anchorVehicle = nVehicles;
    vehicles.push({ start: 0, end: 0, shiftStart: 0, shiftEnd: 100_000 });
    for (let i = 0; i < nVisits; i++) {
      visits[i] = { ...visits[i]!, refusedVehicles: [anchorVehicle] };
      if (rng.next() < 0.35) {
        // Duration 0 at the base: on the anchor route it starts exactly at its window.
        const t = rng.int(400);
        links.push({ a: visits.length, b: i, minGap: 0 });
        visits.push({ location: 0, duration: 0, windows: [[t, t]], allowedVehicles: [anchorVehicle] });
      }
    }
  }
  return compileProblem({ nLocations: n, travel, visits, vehicles, links });
}
