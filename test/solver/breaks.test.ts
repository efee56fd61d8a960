/**
 * The break rule: one break per used route, at the position the earliest-finish pass of the
 * Scanner chooses (tracks A: not yet taken, B: taken at a position ≥ 1, Z: taken before leaving).
 * Hand-made days pin the interesting cases; on random routes every position is tried with the
 * evaluator and the pass must pick a feasible one whenever there is one (also under fixed link
 * bounds), returning earliest.
 */
import { describe, expect, it } from 'vitest';
import { evaluateSolution, type Evaluation } from '../../solver/evaluate.js';
import { compileProblem, type Problem, type ProblemSpec } from '../../solver/problem.js';
import { Rng } from '../../solver/rng.js';
import { TRACK_B, TRACK_Z } from '../../solver/route.js';
import { NO_PARTNERS, PARTNER_FIXED, PARTNER_NONE, Scanner, type PartnerView } from '../../solver/scanner.js';
import { solve } from '../../solver/search.js';
import { BREAK, WorkingSolution } from '../../solver/solution.js';
import { breakDay } from './break-days.js';
import { expectAgrees } from './checks.js';

/** Route r of vehicle k with the break marker before position `pos` (r.length: after the last visit). */
function marked(r: readonly number[], pos: number): number[] {
  return [...r.slice(0, pos), BREAK, ...r.slice(pos)];
}

/** All routes: `others` as given, route k = r with the marker at `pos`. */
function withRoute(p: Problem, others: readonly (readonly number[])[], k: number, r: readonly number[], pos: number): number[][] {
  return Array.from({ length: p.nVehicles }, (_, j) => (j === k ? marked(r, pos) : [...(others[j] ?? [])]));
}

/** Return time of route r of vehicle k with its break at `pos`, from the evaluator's starts. */
function returnTime(p: Problem, k: number, r: readonly number[], pos: number, ev: Evaluation): number {
  const last = r[r.length - 1]!;
  const tm = (a: number, b: number): number => p.time[p.travelOffset[k]! + a * p.nLoc + b]!;
  const done = ev.starts[last]! + p.duration[last * p.nVehicles + k]!;
  if (pos < r.length) return done + tm(p.visitLoc[last]!, p.endLoc[k]!);
  // The break after the last visit: at the base when its rule says so, then home.
  const at = p.breakAtBase[k] ? p.endLoc[k]! : p.visitLoc[last]!;
  return ev.breakStarts[k]! + p.breakDuration[k]! + tm(at, p.endLoc[k]!);
}

interface Placement {
  ok: boolean;
  ret: number;
  /** Travel and tardiness cost (the anchor route, all at the base, adds none). */
  travel: number;
}

/** The evaluator's verdict on every break position of route r (vehicle k), the other routes fixed. */
function everyPosition(p: Problem, others: readonly (readonly number[])[], k: number, r: readonly number[]): Placement[] {
  return Array.from({ length: r.length + 1 }, (_, pos) => {
    const ev = evaluateSolution(p, withRoute(p, others, k, r, pos));
    return { ok: ev.feasible, ret: ev.feasible ? returnTime(p, k, r, pos, ev) : NaN, travel: p.wDist * ev.distance + p.wTime * ev.travelTime + p.wTard * ev.tardiness };
  });
}

/** The Scanner's pass over route r of vehicle k (partners as `view` tells). */
function scan(p: Problem, k: number, r: readonly number[], view: PartnerView = NO_PARTNERS): Scanner {
  const sc = new Scanner(p, new Int32Array(p.nVisits).fill(-1), new Int32Array(p.nVisits).fill(-1));
  sc.start(k, view);
  for (const v of r) sc.step(v);
  sc.finish();
  return sc;
}

/** The model's break for a single route set from scratch (no marker given). */
function modelRoute(p: Problem, k: number, r: number[]): { ok: boolean; route: number[]; sol: WorkingSolution } {
  const sol = new WorkingSolution(p);
  const ok = sol.setRoutes(Array.from({ length: p.nVehicles }, (_, j) => (j === k ? r : [])));
  return { ok, route: sol.routeLists()[k]!, sol };
}

describe('the break rule: hand-made days', () => {
  /**
   * The lunch round (minutes from midnight): shift 07:00–16:00, a 30-minute break at the base
   * starting within 11:00–13:00. A morning visit (07:30–10:00 window, 90 min), then three lunch
   * visits (start 11:00–12:50, 30 min, 5 min apart; the base is 20 min away). They end at 12:40 and
   * the break starts at 13:00 on return. Taking the break as soon as the vehicle is ready after
   * 11:00 (after the first lunch visit) misses the third one.
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

  it('lunch round 11:00–12:40, then the break at 13:00 (the break must be last)', () => {
    const p = compileProblem(lunchDay());
    const route = [0, 1, 2, 3];
    // Only the break after the last visit works.
    expect(everyPosition(p, [], 0, route).map((x) => x.ok)).toEqual([false, false, false, false, true]);
    const sc = scan(p, 0, route);
    expect([sc.feasible, sc.breakPos, sc.ret]).toEqual([true, 4, 810]);
    const { ok, route: placed, sol } = modelRoute(p, 0, route);
    expect(ok).toBe(true);
    expect(placed).toEqual([0, 1, 2, 3, BREAK]);
    const ev = expectAgrees(sol);
    // 07:30, then 11:00, 11:35, 12:10 back to back; back at the base 12:40 + 20, break 13:00.
    expect(ev.starts).toEqual([450, 660, 695, 730]);
    expect(ev.breakStarts).toEqual([780]);
    expect(sol.routes[0]!.breakStart).toBe(780);
    // The break after the first lunch visit (at the base 11:50–12:20) misses the third visit.
    expect(evaluateSolution(p, [marked(route, 2)]).violations.map((v) => [v.code, v.visits])).toEqual([['window', [3]]]);
    // The search keeps the route a planner hands it, and finds it itself.
    expect(solve(p, { seed: 1, maxIterations: 0, initialRoutes: [route] }).routes).toEqual([[0, 1, 2, 3, BREAK]]);
    expect(solve(p, { seed: 1, maxIterations: 50 }).unassigned).toEqual([]);
  });

  it('the latest break start forces the break between two visits; at the base it costs the detour', () => {
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
      expect(everyPosition(p, [], 0, [0, 1]).map((x) => x.ok)).toEqual([false, true, false]);
      const sc = scan(p, 0, [0, 1]);
      expect([sc.feasible, sc.breakPos, sc.track]).toEqual([true, 1, TRACK_B]);
      const { route, sol } = modelRoute(p, 0, [0, 1]);
      expect(route).toEqual([0, BREAK, 1]);
      const ev = expectAgrees(sol);
      // The first visit ends at 70 (at the base: back at 80); the break waits for 100, ends at 130.
      expect(ev.starts).toEqual([10, 140]);
      expect(ev.breakStarts).toEqual([100]);
      // At the base: 10 out, 10 back for the break, 10 to the second client, 10 home.
      expect(ev.distance).toBe(atBase ? 40 : 30);
      expect(sc.cost).toBe(ev.cost);
    }
  });

  /** One client 10 min from the base; the at-base break must start by 20 (before leaving). */
  const earlyBreak = (maxWorkTime?: number): ProblemSpec => ({
    nLocations: 2,
    travel: [0, 10, 10, 0],
    visits: [{ location: 1, duration: 60, windows: [[0, 200]] }],
    vehicles: [{ start: 0, end: 0, shiftStart: 0, shiftEnd: 600, maxWorkTime, break: { duration: 30, earliest: 0, latest: 20, atBase: true } }],
  });

  it('the break before leaving the base when its window closes early (the break must be first: track Z)', () => {
    const p = compileProblem(earlyBreak());
    expect(everyPosition(p, [], 0, [0]).map((x) => x.ok)).toEqual([true, false]);
    const sc = scan(p, 0, [0]);
    expect([sc.feasible, sc.breakPos, sc.track, sc.ret]).toEqual([true, 0, TRACK_Z, 110]);
    const { route, sol } = modelRoute(p, 0, [0]);
    expect(route).toEqual([BREAK, 0]);
    expect(expectAgrees(sol).starts).toEqual([40]);
  });

  it('a break before the first visit counts the working time from the shift start', () => {
    // 0 → 110 with the break first: a limit of 110 holds.
    expect(scan(compileProblem(earlyBreak(110)), 0, [0]).feasible).toBe(true);
    expect(evaluateSolution(compileProblem(earlyBreak(110)), [[BREAK, 0]]).violations).toEqual([]);
    // With 100 no position works: first, 110 minutes of work; last, the break starts at 80.
    const p = compileProblem(earlyBreak(100));
    expect(scan(p, 0, [0]).feasible).toBe(false);
    expect(modelRoute(p, 0, [0]).ok).toBe(false);
    expect(evaluateSolution(p, [[BREAK, 0]]).violations.map((v) => v.code)).toEqual(['work']);
    expect(evaluateSolution(p, [[0, BREAK]]).violations.map((v) => v.code)).toEqual(['break', 'work']);
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
    // Breaking first: back at 385 but working from 0; in the middle: back at 530; after the second
    // visit: back at 415, working from 240 (175 min).
    const limited = compileProblem(spec(300));
    expect(everyPosition(limited, [], 0, [0, 1]).map((x) => [x.ok, x.ret])).toEqual([
      [false, NaN],
      [true, 530],
      [true, 415],
    ]);
    const sc = scan(limited, 0, [0, 1]);
    expect([sc.feasible, sc.breakPos, sc.track, sc.ret]).toEqual([true, 2, TRACK_B, 415]);
    expect(modelRoute(limited, 0, [0, 1]).route).toEqual([0, 1, BREAK]);
    expectAgrees(modelRoute(limited, 0, [0, 1]).sol);
    // Without a working-time limit the earliest return wins (break first, track Z).
    const free = compileProblem(spec());
    expect(everyPosition(free, [], 0, [0, 1]).map((x) => x.ret)).toEqual([385, 530, 415]);
    expect([scan(free, 0, [0, 1]).breakPos, scan(free, 0, [0, 1]).track]).toEqual([0, TRACK_Z]);
    expect(modelRoute(free, 0, [0, 1]).route).toEqual([BREAK, 0, 1]);
    expectAgrees(modelRoute(free, 0, [0, 1]).sol);
    // 170 minutes are too few for every position.
    expect(everyPosition(compileProblem(spec(170)), [], 0, [0, 1]).some((x) => x.ok)).toBe(false);
    expect(scan(compileProblem(spec(170)), 0, [0, 1]).feasible).toBe(false);
  });
});

describe('the break marker', () => {
  const p = compileProblem({
    nLocations: 2,
    travel: [0, 10, 10, 0],
    visits: [
      { location: 1, duration: 30 },
      { location: 1, duration: 30 },
    ],
    vehicles: [
      { start: 0, end: 0, shiftStart: 0, shiftEnd: 600, break: { duration: 30, earliest: 0, latest: 500 } },
      { start: 0, end: 0, shiftStart: 0, shiftEnd: 600 },
    ],
  });

  it('the evaluator wants exactly one marker in every used route of a vehicle with a break rule', () => {
    const codes = (routes: number[][]): string[] => evaluateSolution(p, routes).violations.map((v) => `${v.code}@${v.vehicle}`);
    expect(codes([[0, BREAK, 1], []])).toEqual([]);
    expect(codes([[0, 1], []])).toEqual(['break@0']);
    expect(codes([[BREAK, 0, BREAK, 1], []])).toEqual(['break@0']);
    // A marker on a vehicle without a break rule; an unused route needs none.
    expect(codes([[], [0, BREAK, 1]])).toEqual(['break@1']);
    expect(codes([[], [0, 1]])).toEqual([]);
  });

  it('setRoutes keeps a given marker (not the model’s choice) and rejects one that breaks the rule', () => {
    const sol = new WorkingSolution(p);
    expect(sol.setRoutes([[0, 1], []])).toBe(true);
    // Every position returns at 110; the pass takes the break before visit 1 (B finishes visit 1
    // at 100, as early as Z, so Z dies; the break after visit 1 only ties with B).
    expect(sol.routeLists()).toEqual([[0, BREAK, 1], []]);
    expect(sol.setRoutes([[0, 1, BREAK], []])).toBe(true);
    expect(sol.routeLists()).toEqual([[0, 1, BREAK], []]);
    expectAgrees(sol);
    // A break at the end that must start by 60 cannot: the visits end at 70.
    const q = compileProblem({
      nLocations: 2,
      travel: [0, 10, 10, 0],
      visits: [
        { location: 1, duration: 30 },
        { location: 1, duration: 30 },
      ],
      vehicles: [{ start: 0, end: 0, shiftStart: 0, shiftEnd: 600, break: { duration: 30, earliest: 0, latest: 60 } }],
    });
    const s = new WorkingSolution(q);
    expect(s.setRoutes([[0, 1, BREAK]])).toBe(false);
    expect(s.feasible()).toBe(false);
    expect(s.setRoutes([[0, BREAK, 1]])).toBe(true);
    expectAgrees(s);
  });
});

/** The anchor route of a {@link breakDay} with anchors (every anchor visit, in time order). */
function anchorRoute(p: Problem): number[] {
  const k = p.nVehicles - 1;
  const out: number[] = [];
  for (let v = 0; v < p.nVisits; v++) if (p.compat[v * p.nVehicles + k]) out.push(v);
  return out.sort((a, b) => p.windowStart[p.windowFirst[a]!]! - p.windowStart[p.windowFirst[b]!]!);
}

/**
 * A random set of up to `max` of the first `among` visits, in random order or (`sorted`) by the
 * start of their first window (more often feasible, so the break's place decides more often).
 */
function randomRoute(p: Problem, rng: Rng, among: number, max: number, sorted: boolean): number[] {
  const r = rng.shuffle(Array.from({ length: among }, (_, v) => v)).slice(0, 1 + rng.int(Math.min(max, among)));
  if (sorted) r.sort((x, y) => p.windowStart[p.windowFirst[x]!]! - p.windowStart[p.windowFirst[y]!]!);
  return r;
}

describe('the pass picks a feasible break position whenever there is one (brute force with the evaluator)', () => {
  for (const anchors of [false, true]) {
    it(`random routes${anchors ? ' under fixed link lower bounds' : ''}: feasible exactly when some position is, returning earliest`, () => {
      let feasible = 0;
      let infeasible = 0;
      let notFirstOrLast = 0;
      let bounded = 0;
      for (let seed = 1; seed <= 40; seed++) {
        const nReal = 8;
        const p = breakDay(seed, nReal, 3, { anchors });
        const others: number[][] = anchors ? Array.from({ length: p.nVehicles }, (_, j) => (j === p.nVehicles - 1 ? anchorRoute(p) : [])) : [];
        const fixed = new Map<number, number>();
        if (anchors) for (const a of others[p.nVehicles - 1]!) fixed.set(a, p.windowStart[p.windowFirst[a]!]!);
        const view: PartnerView = { locate: (w) => (fixed.has(w) ? PARTNER_FIXED : PARTNER_NONE), startOf: (w) => fixed.get(w)! };
        const rng = new Rng(1000 + seed);
        for (let t = 0; t < 30; t++) {
          const k = rng.int(3);
          const r = randomRoute(p, rng, nReal, 6, t % 2 === 0);
          const label = `seed ${seed}, route ${t}: vehicle ${k} [${r.join(', ')}]`;
          const all = everyPosition(p, others, k, r);
          const any = all.some((x) => x.ok);
          const sc = scan(p, k, r, anchors ? view : NO_PARTNERS);
          expect(sc.feasible, label).toBe(any);
          const free = scan(p, k, r);
          if (free.feasible !== sc.feasible || free.ret !== sc.ret) bounded++;
          // The working solution: the other routes first, then this one (its pass sees their starts).
          const sol = new WorkingSolution(p);
          if (anchors) expect(sol.setRoutes(others)).toBe(true);
          expect(sol.setSequences([k], [r]), label).toBe(any);
          if (!any) {
            infeasible++;
            continue;
          }
          feasible++;
          const earliest = Math.min(...all.filter((x) => x.ok).map((x) => x.ret));
          expect([label, all[sc.breakPos]!.ok, sc.ret]).toEqual([label, true, earliest]);
          expect(sc.cost, label).toBeCloseTo(all[sc.breakPos]!.travel, 9);
          expect(sol.routeLists()[k], label).toEqual(marked(r, sc.breakPos));
          expectAgrees(sol, label);
          if (sc.breakPos > 0 && sc.breakPos < r.length) notFirstOrLast++;
        }
      }
      // Both outcomes, and breaks between visits, occur often enough for the comparison to mean something.
      expect(feasible).toBeGreaterThan(300);
      expect(infeasible).toBeGreaterThan(200);
      expect(notFirstOrLast).toBeGreaterThan(50);
      // The bounds change the outcome of many routes.
      if (anchors) expect(bounded).toBeGreaterThan(100);
      else expect(bounded).toBe(0);
    });
  }
});

describe('the working solution and the evaluator agree on breaks', () => {
  /** Random routes for all vehicles (each visit on a random vehicle or unassigned), without markers. */
  function randomRoutes(p: Problem, rng: Rng): number[][] {
    const routes: number[][] = Array.from({ length: p.nVehicles }, () => []);
    for (const v of randomRoute(p, rng, p.nVisits, p.nVisits, rng.next() < 0.5)) if (rng.next() < 0.8) routes[rng.int(p.nVehicles)]!.push(v);
    return routes;
  }

  for (const links of [false, true]) {
    it(`random routes${links ? ' with links' : ''}: setRoutes succeeds exactly when the evaluator accepts its breaks, at the same cost and starts`, () => {
      let feasible = 0;
      for (let seed = 1; seed <= 40; seed++) {
        const p = breakDay(seed, 9, 3, { links });
        const rng = new Rng(3000 + seed);
        const sol = new WorkingSolution(p);
        for (let t = 0; t < 20; t++) {
          const ok = sol.setRoutes(randomRoutes(p, rng));
          const ev = evaluateSolution(p, sol.routeLists());
          expect([seed, t, ok]).toEqual([seed, t, ev.feasible]);
          if (!ok) continue;
          feasible++;
          expectAgrees(sol, `seed ${seed}, routes ${t}`);
        }
      }
      expect(feasible).toBeGreaterThan(100);
    });
  }

  for (const links of [false, true]) {
    it(`solve results on random break days${links ? ' with links' : ''} pass the evaluator`, () => {
      for (let seed = 1; seed <= 6; seed++) {
        const p = breakDay(seed, 14, 3, { links });
        const res = solve(p, { seed, maxIterations: 200 });
        const ev = evaluateSolution(p, res.routes);
        expect(ev.violations).toEqual([]);
        expect(ev.cost).toBeCloseTo(res.cost, 6);
        expect(res.unassigned).toEqual(ev.unassigned);
        expect(res.unplanned).toEqual(ev.unplanned);
      }
    });
  }
});
