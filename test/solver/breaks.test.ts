import { describe, expect, it } from 'vitest';
import { breakPosition, evaluateSolution } from '../../solver/evaluate.js';
import { compileProblem, type LinkSpec, type Problem, type ProblemSpec, type VehicleSpec, type VisitSpec } from '../../solver/problem.js';
import { Rng } from '../../solver/rng.js';
import { solve } from '../../solver/search.js';
import { WorkingSolution } from '../../solver/solution.js';

/** One break position of a route, simulated on its own (the test's reference). */
interface Placed {
  ok: boolean;
  starts: number[];
  ret: number;
}

/**
 * Reference: route r of vehicle k with the break before visit `pos` (r.length: after the last
 * visit), every start the earliest in a window at or after arrival and `lb`. Own loops (no engine
 * helper): hard windows, break start ≤ latest, return ≤ shift end, working time from the departure
 * (the shift start when the break comes first, else just in time for the first visit).
 */
function placeAt(p: Problem, k: number, r: readonly number[], pos: number, lb?: readonly number[]): Placed {
  const tm = (a: number, b: number): number => p.time[p.vOff[k]! + a * p.nLoc + b]!;
  const base = p.vEnd[k]!;
  let t = p.shiftStart[k]!;
  let loc = p.vStart[k]!;
  let ok = true;
  const starts: number[] = [];
  const brk = (): void => {
    if (p.breakAtBase[k]) {
      t += tm(loc, base);
      loc = base;
    }
    const bs = Math.max(t, p.breakEarliest[k]!);
    if (bs > p.breakLatest[k]!) ok = false;
    t = bs + p.breakDur[k]!;
  };
  for (let i = 0; i < r.length && ok; i++) {
    const v = r[i]!;
    if (i === pos) brk();
    const ready = Math.max(t + tm(loc, p.visitLoc[v]!), lb ? lb[v]! : -Infinity);
    let s = Infinity;
    for (let w = p.twOff[v]!; w < p.twOff[v + 1]!; w++) {
      if (ready <= p.twEnd[w]!) {
        s = Math.max(ready, p.twStart[w]!);
        break;
      }
    }
    if (s === Infinity) ok = false;
    starts.push(s);
    t = s + p.duration[v * p.nVehicles + k]!;
    loc = p.visitLoc[v]!;
  }
  if (pos === r.length) brk();
  const ret = t + tm(loc, p.vEnd[k]!);
  if (ret > p.shiftEnd[k]!) ok = false;
  const dep = pos === 0 ? p.shiftStart[k]! : Math.max(p.shiftStart[k]!, starts[0]! - tm(p.vStart[k]!, p.visitLoc[r[0]!]!));
  if (ret - dep > p.maxWork[k]! + 1e-9) ok = false;
  return { ok, starts, ret };
}

/** Every break position of route r (0..r.length). */
function allPlacements(p: Problem, k: number, r: readonly number[], lb?: readonly number[]): Placed[] {
  return Array.from({ length: r.length + 1 }, (_, pos) => placeAt(p, k, r, pos, lb));
}

/** Routes with only vehicle k's route non-empty. */
function only(p: Problem, k: number, r: number[]): number[][] {
  return Array.from({ length: p.nVehicles }, (_, j) => (j === k ? r : []));
}

describe('break placement: hand-made days', () => {
  /**
   * The lunch round (minutes from midnight): shift 07:00–16:00, a 30-minute break at the base
   * starting within 11:00–13:00. A morning visit (07:30–10:00 window, 90 min), then three lunch
   * visits (start 11:00–12:50, 30 min, 5 min apart; the base is 20 min away). They end at 12:40 and
   * the break starts at 13:00 on return. The old rule (break as soon as the vehicle is ready after
   * 11:00) took it after the first lunch visit (11:50–12:20 at the base) and the third was missed.
   */
  function lunchDay(): ProblemSpec {
    const n = 5;
    const travel: number[] = [];
    for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) travel.push(a === b ? 0 : a === 0 || b === 0 ? 20 : 5);
    return {
      nLocations: n,
      travel,
      visits: [
        { location: 1, duration: 90, windows: [[450, 600]] },
        { location: 2, duration: 30, windows: [[660, 770]] },
        { location: 3, duration: 30, windows: [[660, 770]] },
        { location: 4, duration: 30, windows: [[660, 770]] },
      ],
      vehicles: [{ start: 0, end: 0, shiftStart: 420, shiftEnd: 960, break: { duration: 30, earliest: 660, latest: 780, atBase: true } }],
    };
  }

  it('lunch visits first, the break at 13:00 after them (the old rule missed a lunch visit)', () => {
    const p = compileProblem(lunchDay());
    const route = [0, 1, 2, 3];
    const ev = evaluateSolution(p, [route]);
    expect(ev.violations).toEqual([]);
    // 07:30, then 11:00, 11:35, 12:10 back to back: no break between the lunch visits.
    expect(ev.starts).toEqual([450, 660, 695, 730]);
    expect(breakPosition(p, 0, route, [-Infinity, -Infinity, -Infinity, -Infinity])).toBe(4);
    // Only the break after the last visit works; the old rule's (after the first lunch visit) does not.
    expect(allPlacements(p, 0, route).map((x) => x.ok)).toEqual([false, false, false, false, true]);
    expect(placeAt(p, 0, route, 2).starts).toEqual([450, 660, 760, Infinity]);
    // The engine agrees and keeps the route a greedy planner hands it.
    const sol = new WorkingSolution(p);
    sol.setRoutes([route]);
    expect(sol.cost()).toBeCloseTo(ev.cost, 9);
    expect(sol.starts()).toEqual(ev.starts);
    expect(solve(p, { seed: 1, maxIterations: 0, initialRoutes: [route] }).unassigned).toEqual([]);
    expect(solve(p, { seed: 1, maxIterations: 50 }).unassigned).toEqual([]);
  });

  it('the latest start forces the break before a visit (anywhere and at base)', () => {
    for (const atBase of [false, true]) {
      const p = compileProblem({
        nLocations: 3,
        travel: [0, 10, 10, 10, 0, 10, 10, 10, 0],
        visits: [
          { location: 1, duration: 60, windows: [[0, 50]] },
          { location: 2, duration: 100, windows: [[0, 400]] },
        ],
        vehicles: [{ start: 0, end: 0, shiftStart: 0, shiftEnd: 600, break: { duration: 30, earliest: 100, latest: 150, atBase } }],
      });
      // Breaking first misses the first window; after the second visit the break would start at 180.
      expect(allPlacements(p, 0, [0, 1]).map((x) => x.ok)).toEqual([false, true, false]);
      const ev = evaluateSolution(p, [[0, 1]]);
      expect(ev.violations).toEqual([]);
      // The first visit ends at 70 (at-base: back at 80); the break waits for 100, ends at 130.
      expect(ev.starts).toEqual([10, 140]);
      expect(ev.distance).toBe(atBase ? 40 : 30);
    }
  });

  it('the break before leaving the base when its window closes early', () => {
    const spec = (maxWorkTime?: number): ProblemSpec => ({
      nLocations: 2,
      travel: [0, 10, 10, 0],
      visits: [{ location: 1, duration: 60, windows: [[0, 200]] }],
      vehicles: [{ start: 0, end: 0, shiftStart: 0, shiftEnd: 600, maxWorkTime, break: { duration: 30, earliest: 0, latest: 20, atBase: true } }],
    });
    const p = compileProblem(spec());
    expect(allPlacements(p, 0, [0]).map((x) => x.ok)).toEqual([true, false]);
    const ev = evaluateSolution(p, [[0]]);
    expect(ev.violations).toEqual([]);
    expect(ev.starts).toEqual([40]);
    // A break before the first visit counts as work from the shift start: 0 → 110.
    expect(evaluateSolution(compileProblem(spec(110)), [[0]]).violations).toEqual([]);
    // With 100 no position works; the violations are reported along the later one (break at 80).
    expect(evaluateSolution(compileProblem(spec(100)), [[0]]).violations.map((v) => v.code)).toEqual(['break', 'work']);
  });

  it('the break before the first visit returns earliest but works too long: a later one is taken', () => {
    // The base is an hour from two neighbouring clients; the first visit waits for 05:00 (300).
    const spec = (maxWorkTime?: number): ProblemSpec => ({
      nLocations: 3,
      travel: [0, 60, 60, 60, 0, 5, 60, 5, 0],
      visits: [
        { location: 1, duration: 10, windows: [[300, 320]] },
        { location: 2, duration: 10 },
      ],
      vehicles: [{ start: 0, end: 0, shiftStart: 0, shiftEnd: 1000, maxWorkTime, break: { duration: 30, earliest: 0, latest: 400, atBase: true } }],
    });
    const p = compileProblem(spec(300));
    // Breaking first: back at 385 but working from 0; breaking after the second visit: back at 415,
    // working from 240 (175 min).
    expect(allPlacements(p, 0, [0, 1]).map((x) => [x.ok, x.ret])).toEqual([
      [false, 385],
      [true, 530],
      [true, 415],
    ]);
    expect(breakPosition(p, 0, [0, 1], [-Infinity, -Infinity])).toBe(2);
    expect(evaluateSolution(p, [[0, 1]]).violations).toEqual([]);
    // Without a working-time limit the earliest return wins (break first).
    expect(breakPosition(compileProblem(spec()), 0, [0, 1], [-Infinity, -Infinity])).toBe(0);
    expect(evaluateSolution(compileProblem(spec(170)), [[0, 1]]).violations.map((v) => v.code)).toEqual(['work']);
    for (const w of [undefined, 300]) {
      const q = compileProblem(spec(w));
      const sol = new WorkingSolution(q);
      sol.setRoutes([[0, 1]]);
      expect(sol.cost()).toBeCloseTo(evaluateSolution(q, [[0, 1]]).cost, 9);
    }
  });
});

/**
 * A random small day: breaks at base and anywhere with windows of various widths, some working-time
 * limits and later shift starts, visits with one, two or no windows; `links` adds double staffing and
 * minimum gaps.
 */
function randomBreakDay(seed: number, nVisits: number, nVehicles: number, links: boolean): ProblemSpec {
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
  const linkList: LinkSpec[] = [];
  if (links) {
    for (let i = 0; i + 1 < nVisits; i += 4) {
      if (rng.next() < 0.5) {
        // Double staffing: the partner gets the same location and window.
        visits[i + 1] = { ...visits[i]!, location: visits[i]!.location };
        linkList.push({ a: i, b: i + 1, minGap: 0, maxGap: 0, differentVehicles: true });
      } else linkList.push({ a: i, b: i + 1, minGap: 60, maxGap: 1e6 });
    }
  }
  return { nLocations: n, travel, visits, vehicles, links: linkList };
}

/**
 * A random subset of the visits, of length up to `max`, in random order or (`sorted`) by the start
 * of their first window (more often feasible, so the break's place decides more often).
 */
function randomRoute(p: Problem, rng: Rng, max: number, sorted = false): number[] {
  const all = Array.from({ length: p.nVisits }, (_, v) => v);
  for (let i = all.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  const r = all.slice(0, 1 + rng.int(Math.min(max, p.nVisits)));
  if (sorted) r.sort((x, y) => p.twStart[p.twOff[x]!]! - p.twStart[p.twOff[y]!]!);
  return r;
}

describe('break placement: exact against every position (random routes)', () => {
  it('the evaluator finds a route feasible exactly when some break position is', () => {
    let feasible = 0;
    let infeasible = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const p = compileProblem(randomBreakDay(seed, 8, 3, false));
      const rng = new Rng(1000 + seed);
      for (let t = 0; t < 30; t++) {
        const k = rng.int(p.nVehicles);
        const r = randomRoute(p, rng, 6, t % 2 === 0);
        const all = allPlacements(p, k, r);
        const any = all.some((x) => x.ok);
        const ev = evaluateSolution(p, only(p, k, r));
        expect([seed, t, ev.feasible]).toEqual([seed, t, any]);
        if (!any) {
          infeasible++;
          continue;
        }
        feasible++;
        // The evaluator's schedule is one of the feasible placements, one that returns earliest.
        const best = Math.min(...all.filter((x) => x.ok).map((x) => x.ret));
        const same = all.filter((x) => x.ok && x.starts.every((s, i) => s === ev.starts[r[i]!]));
        expect(same.length).toBeGreaterThan(0);
        expect(Math.min(...same.map((x) => x.ret))).toBe(best);
      }
    }
    // Both outcomes occur often enough for the comparison to mean something.
    expect(feasible).toBeGreaterThan(300);
    expect(infeasible).toBeGreaterThan(300);
  });

  it('the same under link lower bounds (breakPosition with random bounds)', () => {
    let feasible = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const p = compileProblem(randomBreakDay(seed, 8, 3, false));
      const rng = new Rng(2000 + seed);
      for (let t = 0; t < 30; t++) {
        const k = rng.int(p.nVehicles);
        const r = randomRoute(p, rng, 6, t % 2 === 0);
        const lb = Array.from({ length: p.nVisits }, () => (rng.next() < 0.3 ? rng.int(400) : -Infinity));
        const all = allPlacements(p, k, r, lb);
        const pos = breakPosition(p, k, r, lb);
        const any = all.some((x) => x.ok);
        expect([seed, t, all[pos]!.ok]).toEqual([seed, t, any]);
        if (any) {
          feasible++;
          expect(all[pos]!.ret).toBe(Math.min(...all.filter((x) => x.ok).map((x) => x.ret)));
        }
      }
    }
    expect(feasible).toBeGreaterThan(200);
  });
});

describe('break placement: the search agrees with the evaluator', () => {
  /** Random routes for all vehicles (each visit on a random vehicle or unassigned). */
  function randomRoutes(p: Problem, rng: Rng): number[][] {
    const routes: number[][] = Array.from({ length: p.nVehicles }, () => []);
    for (const v of randomRoute(p, rng, p.nVisits, rng.next() < 0.5)) if (rng.next() < 0.8) routes[rng.int(p.nVehicles)]!.push(v);
    return routes;
  }

  for (const links of [false, true]) {
    it(`random routes${links ? ' with links' : ''}: same feasibility, cost and start times`, () => {
      let feasible = 0;
      for (let seed = 1; seed <= 40; seed++) {
        const p = compileProblem(randomBreakDay(seed, 9, 3, links));
        const rng = new Rng(3000 + seed);
        const sol = new WorkingSolution(p);
        for (let t = 0; t < 20; t++) {
          const routes = randomRoutes(p, rng);
          const ev = evaluateSolution(p, routes);
          sol.setRoutes(routes);
          if (!ev.feasible) {
            expect([seed, t, sol.cost()]).toEqual([seed, t, Infinity]);
            continue;
          }
          feasible++;
          expect(sol.cost()).toBeCloseTo(ev.cost, 9);
          expect(sol.starts()).toEqual(ev.starts);
        }
      }
      expect(feasible).toBeGreaterThan(100);
    });
  }

  it('insertions: the predicted delta is the evaluator’s cost change (no links)', () => {
    let checked = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const p = compileProblem(randomBreakDay(seed, 12, 3, false));
      const rng = new Rng(4000 + seed);
      const sol = new WorkingSolution(p);
      for (let round = 0; round < 10; round++) {
        sol.setRoutes([]);
        for (const v of randomRoute(p, rng, p.nVisits)) {
          const before = sol.cost();
          const d = sol.bestInsertion(v, 0, rng);
          if (!(d < p.unassignedPenalty[v]!)) continue;
          expect(sol.insert(v, sol.bestRoute, sol.bestPos)).toBe(true);
          const ev = evaluateSolution(p, sol.routes());
          expect(ev.violations).toEqual([]);
          expect(sol.cost()).toBeCloseTo(ev.cost, 6);
          expect(sol.cost() - before + p.unassignedPenalty[v]!).toBeCloseTo(d, 6);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(500);
  });

  for (const links of [false, true]) {
    it(`solve results are feasible by the evaluator${links ? ' (links)' : ''}`, () => {
      for (let seed = 1; seed <= 6; seed++) {
        const p = compileProblem(randomBreakDay(seed, 14, 3, links));
        const res = solve(p, { seed, maxIterations: 200 });
        const ev = evaluateSolution(p, res.routes);
        expect(ev.violations).toEqual([]);
        expect(ev.cost).toBeCloseTo(res.cost, 6);
        expect(res.unassigned).toEqual(ev.unassigned);
      }
    });
  }
});
