/**
 * The schedule model: the one place where the timing rules of a route live. Insertion, every
 * local-search operator, the working solution and the greedy baseline time routes through it;
 * `evaluate.ts` (the engine's specification check) and `src/check` (the plan checker) are the only
 * other copies, on purpose.
 *
 * Rules. A vehicle leaves its start at the shift start. Each visit starts at the earliest time
 * ≥ its arrival (and ≥ the lower bounds its links give) inside one of its windows; waiting is
 * allowed; with soft windows a start after the last window is late (tardiness). The break is taken
 * once, at one position: before visit i (at the place the vehicle is, or first at the base when its
 * rule says so), i = 0 before leaving the start, or after the last visit; it starts at
 * max(ready, earliest) and no later than its latest start. The return must be by the shift end;
 * the working time (return − departure, the departure postponed to reach the first visit just in
 * time, unless the break comes first) must stay within its limit.
 *
 * Where the break goes is decided by one rule, the earliest-finish pass of the {@link Scanner}:
 * track A (break not yet taken), track B (taken at a position ≥ 1) and track Z (taken before
 * leaving). Before each visit B either continues or becomes "A takes the break now", whichever
 * finishes the visit earlier (ties: less travel cost). Start times are monotone in the time the
 * vehicle is ready, so the earliest finish dominates: the pass is feasible whenever some position
 * is. At the end Z is chosen when it is feasible and B is not, or when it returns strictly earlier.
 * Three shortcuts leave the choice unchanged: Z dies once B finishes a visit no later; A dies once
 * it can no longer take the break, or (break in place) once B is ready no later than A.
 *
 * Once chosen, a route's break position is kept while link partners move (a committed route is
 * timed by {@link timeFixed}); start times are then monotone in the link bounds, so the least
 * fixed point of all routes is unique and any order of propagation reaches it.
 */
import type { Problem } from './problem.js';
import { TRACK_A, TRACK_B, TRACK_Z, type Route } from './route.js';
import type { CommittedPartners } from './partners.js';
import type { Scanner } from './scanner.js';
import { earliestStart, latestStart, tardinessAt } from './windows.js';

const EPS = 1e-9;

/** Outcome of {@link timeFixed}. */
export interface FixedTiming {
  feasible: boolean;
  /** A window missed or a same-route link broken (as opposed to the shift, break or working time). */
  missed: boolean;
  ret: number;
  breakStart: number;
  dist: number;
  travelTime: number;
  tardiness: number;
  maxTardiness: number;
}

/** Per-position detail {@link timeFixed} can record (arrays of at least len + 1 entries). */
export interface FixedDetail {
  /** Travel cost before visit i's leg (after visit i − 1; before a break at i); [len] = the whole route's. */
  readonly travelBefore: Float64Array;
  readonly tardiness: Float64Array;
  /** 1 when visit i starts after an upper bound a partner on another route gives. */
  readonly taint: Uint8Array;
}

export { CommittedPartners } from './partners.js';

/** A new, empty {@link FixedTiming}. */
export function fixedTiming(): FixedTiming {
  return { feasible: true, missed: false, ret: 0, breakStart: NaN, dist: 0, travelTime: 0, tardiness: 0, maxTardiness: 0 };
}

/**
 * Times route `nodes[0 .. len)` of vehicle k with its break before visit `breakPos` (len = after
 * the last visit, -1 = none). Link bounds come from partners on other routes (`partnerStart`, by
 * visit; NaN = not timed, bounds nothing) and from this route's earlier visits (`starts`, which
 * receives every start by position). `routeOf`/`posOf` tell where partners are; `index` is this
 * route's. A committed route, the least fixed point of all routes, and the evaluator's check all
 * follow these rules.
 */
export function timeFixed(
  p: Problem,
  k: number,
  index: number,
  nodes: Int32Array,
  len: number,
  breakPos: number,
  routeOf: Int32Array,
  posOf: Int32Array,
  partnerStart: Float64Array,
  starts: Float64Array,
  out: FixedTiming,
  detail?: FixedDetail,
): FixedTiming {
  const nLoc = p.nLoc;
  const nK = p.nVehicles;
  const o = p.travelOffset[k]!;
  const base = p.endLoc[k]!;
  let loc = p.startLoc[k]!;
  let t = p.shiftStart[k]!;
  let dist = 0;
  let time = 0;
  let tardiness = 0;
  let maxT = 0;
  let ok = true;
  let missed = false;
  out.breakStart = NaN;
  const leg = (to: number): void => {
    const q = o + loc * nLoc + to;
    dist += p.dist[q]!;
    time += p.time[q]!;
    t += p.time[q]!;
    loc = to;
  };
  const takeBreak = (): void => {
    if (p.breakAtBase[k] === 1 && loc !== base) leg(base);
    const bs = t > p.breakEarliest[k]! ? t : p.breakEarliest[k]!;
    if (bs > p.breakLatest[k]!) ok = false;
    out.breakStart = bs;
    t = bs + p.breakDuration[k]!;
  };
  for (let i = 0; i < len; i++) {
    const u = nodes[i]!;
    if (detail) detail.travelBefore[i] = p.wDist * dist + p.wTime * time;
    if (i === breakPos) takeBreak();
    leg(p.visitLoc[u]!);
    let lo = t;
    let hi = Infinity;
    const l1 = p.linkFirst[u + 1]!;
    for (let x = p.linkFirst[u]!; x < l1; x++) {
      const l = p.visitLinks[x]!;
      const isA = p.linkA[l] === u;
      const w = isA ? p.linkB[l]! : p.linkA[l]!;
      const rw = routeOf[w]!;
      if (rw < 0) continue;
      if (rw === index) {
        // Same route: only b after a, on a link that allows one vehicle.
        const earlier = posOf[w]! < i;
        if (p.linkDifferent[l] || earlier === isA) {
          ok = false;
          missed = true;
        } else if (earlier) {
          const bound = starts[posOf[w]!]! + p.linkMin[l]!;
          if (bound > lo) lo = bound;
        }
        continue;
      }
      const s = partnerStart[w]!;
      if (!(s === s)) continue;
      const bound = isA ? s - p.linkMax[l]! : s + p.linkMin[l]!;
      if (bound > lo) lo = bound;
      const upper = isA ? s - p.linkMin[l]! : s + p.linkMax[l]!;
      if (upper < hi) hi = upper;
    }
    let s = earliestStart(p, u, lo);
    if (s === Infinity || s > p.horizon) {
      // A missed window, or a start only a cycle of links could push this far.
      ok = false;
      missed = true;
      if (s === Infinity) s = lo;
    }
    starts[i] = s;
    const td = p.timed ? tardinessAt(p, u, s) : 0;
    tardiness += td;
    if (td > maxT) maxT = td;
    if (detail) {
      detail.tardiness[i] = td;
      detail.taint[i] = s > hi + EPS ? 1 : 0;
    }
    t = s + p.duration[u * nK + k]!;
  }
  if (len > 0) {
    if (detail) detail.travelBefore[len] = p.wDist * dist + p.wTime * time;
    if (breakPos === len) takeBreak();
    leg(p.endLoc[k]!);
    if (t > p.shiftEnd[k]!) ok = false;
    if (p.maxWork[k] !== Infinity) {
      const dep = breakPos === 0 ? p.shiftStart[k]! : Math.max(p.shiftStart[k]!, starts[0]! - p.time[o + p.startLoc[k]! * nLoc + p.visitLoc[nodes[0]!]!]!);
      if (t - dep > p.maxWork[k]! + EPS) ok = false;
    }
    if (p.breakDuration[k]! > 0 && !(breakPos >= 0 && breakPos <= len)) ok = false;
  } else {
    t = p.shiftStart[k]!;
  }
  out.feasible = ok;
  out.missed = missed;
  out.ret = t;
  out.dist = dist;
  out.travelTime = time;
  out.tardiness = tardiness;
  out.maxTardiness = maxT;
  return out;
}

/** Scratch a {@link refreshRoute} needs (reused across calls). */
export interface RefreshScratch {
  readonly scanner: Scanner;
  readonly partners: CommittedPartners;
  readonly timing: FixedTiming;
  detail: FixedDetail;
  starts: Float64Array;
}

/**
 * Recomputes route `index`'s cached schedule data from its visits and the partners' committed
 * starts: the scan's rows and per-track starts at every position, its own result (the break it
 * would choose now), the rest of its chosen path from every position, the latest-arrival bounds,
 * per-visit cost, load and reference prefixes and link counts. The committed timing itself is {@link timeFixed}'s.
 */
export function refreshRoute(p: Problem, k: number, index: number, route: Route, routeOf: Int32Array, posOf: Int32Array, start: Float64Array, scratch: RefreshScratch): void {
  const n = route.len;
  const nK = p.nVehicles;
  const nodes = route.nodes;
  const sc = scratch.scanner;
  scratch.partners.route = index;
  sc.start(k, scratch.partners);
  sc.saveRow(route.rows, 0);
  for (let i = 0; i < n; i++) {
    sc.step(nodes[i]!);
    sc.ownStarts(i, route);
    sc.saveRow(route.rows, i + 1);
  }
  sc.finish();
  route.scanCost = sc.cost;
  route.scanFeasible = sc.feasible;
  route.scanRet = sc.ret;
  route.scanBreakPos = sc.breakPos;
  route.scanTrack = sc.track;

  // The rest of the chosen path from each position.
  if (scratch.detail.travelBefore.length < n + 1) {
    const cap = 2 * (n + 1);
    scratch.detail = { travelBefore: new Float64Array(cap), tardiness: new Float64Array(cap), taint: new Uint8Array(cap) };
    scratch.starts = new Float64Array(cap);
  }
  const d = scratch.detail;
  const bp = sc.breakPos;
  timeFixed(p, k, index, nodes, n, bp, routeOf, posOf, start, scratch.starts, scratch.timing, d);
  const total = n === 0 ? 0 : p.wDist * scratch.timing.dist + p.wTime * scratch.timing.travelTime;
  let tard = 0;
  let max = 0;
  let taint = 0;
  route.sufTravel[n] = total - (n === 0 ? 0 : d.travelBefore[n]!);
  route.sufTard[n] = 0;
  route.sufMax[n] = 0;
  route.sufTaint[n] = 0;
  for (let i = n - 1; i >= 0; i--) {
    tard += d.tardiness[i]!;
    if (d.tardiness[i]! > max) max = d.tardiness[i]!;
    taint |= d.taint[i]!;
    route.sufTravel[i] = total - d.travelBefore[i]!;
    route.sufTard[i] = tard;
    route.sufMax[i] = max;
    route.sufTaint[i] = taint;
  }
  for (let j = 0; j <= n; j++) route.trackAt[j] = bp < 0 || j <= bp ? TRACK_A : sc.track === TRACK_Z ? TRACK_Z : TRACK_B;

  // Latest arrival per position (windows and the shift end only: a necessary bound everywhere).
  const o = p.travelOffset[k]!;
  let next = p.endLoc[k]!;
  let bound = p.shiftEnd[k]!;
  route.latest[n] = bound;
  for (let i = n - 1; i >= 0; i--) {
    const u = nodes[i]!;
    const ul = p.visitLoc[u]!;
    const latestStartHere = bound - p.time[o + ul * p.nLoc + next]! - p.duration[u * nK + k]!;
    bound = p.soft ? latestStartHere : latestStart(p, u, latestStartHere);
    route.latest[i] = bound;
    next = ul;
  }

  // Per-visit costs before each position; linked visits after it; same-route links across it.
  let assign = 0;
  let load = 0;
  for (let i = 0; i < n; i++) {
    route.assignPrefix[i] = assign;
    route.loadPrefix[i] = load;
    if (p.assignCost) assign += p.assignCost[nodes[i]! * nK + k]!;
    load += p.demand[nodes[i]!]!;
  }
  route.assignPrefix[n] = assign;
  route.loadPrefix[n] = load;
  let own = 0;
  let foreign = 0;
  for (let i = 0; i < n; i++) {
    route.refPrefix[i] = own;
    route.foreignPrefix[i] = foreign;
    const ref = p.referenceVehicle[nodes[i]!]!;
    if (ref === k) own++;
    else if (ref >= 0) foreign++;
  }
  route.refPrefix[n] = own;
  route.foreignPrefix[n] = foreign;
  let arcs = 0;
  let at = p.startLoc[k]!;
  for (let i = 0; i <= n; i++) {
    const to = i < n ? p.visitLoc[nodes[i]!]! : p.endLoc[k]!;
    route.locs[i] = to;
    const q = o + at * p.nLoc + to;
    arcs += p.wDist * p.dist[q]! + p.wTime * p.time[q]!;
    route.arcBefore[i] = n === 0 ? 0 : arcs;
    at = to;
  }
  let linked = 0;
  route.linkedAfter[n] = 0;
  for (let i = n - 1; i >= 0; i--) {
    if (p.linkFirst[nodes[i]! + 1]! > p.linkFirst[nodes[i]!]!) linked++;
    route.linkedAfter[i] = linked;
  }
  route.crossLink.fill(0, 0, n + 1);
  if (linked > 0) {
    for (let i = 0; i < n; i++) {
      const u = nodes[i]!;
      for (let x = p.linkFirst[u]!; x < p.linkFirst[u + 1]!; x++) {
        const l = p.visitLinks[x]!;
        const w = p.linkA[l] === u ? p.linkB[l]! : p.linkA[l]!;
        if (routeOf[w] !== index || posOf[w]! <= i) continue;
        // The link spans positions i+1 .. posOf[w].
        for (let j = i + 1; j <= posOf[w]!; j++) route.crossLink[j]!++;
      }
    }
  }
}
