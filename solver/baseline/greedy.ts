/**
 * Baseline planner: a greedy cheapest-insertion heuristic over all shifts of the period.
 *
 * It exists so that planning runs end to end and every plan passes the independent checker; it
 * does no improvement search. Double-staffed jobs are placed first at a pinned start minute in two
 * routes; then the remaining jobs by priority and window tightness, each at its cheapest feasible
 * position (added travel, waiting, and small penalties for leaving the client's team or named contact).
 * Pure and synchronous; integer minutes.
 */

/** A job: one visit to plan. Times are minutes from the period start. */
export interface BaselineJob {
  /** Location index in the travel matrices. */
  readonly loc: number;
  /** Minutes on site. */
  readonly duration: number;
  /** Allowed start intervals `[s0, e0, s1, e1, …]`, inclusive, sorted. */
  readonly windows: Int32Array;
  /** 1, or 2 for a double-staffed visit. */
  readonly staffCount: 1 | 2;
  /** Shift indices that may take the job (qualified, not refused, on the right day). */
  readonly eligible: Int32Array;
  /** 1 = plan first. */
  readonly priority: number;
  /** Jobs with the same group (≥ 0) must start at least `minGap` minutes apart. */
  readonly gapGroup: number;
  readonly minGap: number;
  /** Team index of the client (cross-team work costs extra). */
  readonly team: number;
  /** Staff index of the client's named contact, or -1. */
  readonly namedStaff: number;
}

/** A shift: a route starts and ends at `base` inside [start, end]. */
export interface BaselineShift {
  readonly staff: number;
  readonly team: number;
  /** Index into {@link BaselineProblem.travel}. */
  readonly mode: number;
  readonly base: number;
  readonly start: number;
  readonly end: number;
  /** Break length (0 = none) and window: the break lies wholly in [breakFrom, breakTo]. */
  readonly breakMinutes: number;
  readonly breakFrom: number;
  readonly breakTo: number;
  readonly breakAtBase: boolean;
}

/** The numeric problem. */
export interface BaselineProblem {
  readonly nLoc: number;
  /** Row-major `nLoc × nLoc` travel minutes per travel mode. */
  readonly travel: readonly Int32Array[];
  readonly jobs: readonly BaselineJob[];
  readonly shifts: readonly BaselineShift[];
  /** Optional continuity pricing (the weekly planner's seed); without it the baseline ignores continuity. */
  readonly continuity?: BaselineContinuity;
}

/**
 * Continuity pricing for the greedy: placing job j with staff s costs `newFace / (1 + met)`, with
 * `met` the visits of the pair (j's client, s) placed so far plus a head start (e.g. a core team).
 */
export interface BaselineContinuity {
  /** Client index per job. */
  readonly jobClient: Int32Array;
  readonly nStaff: number;
  /** Initial `met` per (client, staff) at `c * nStaff + s`. */
  readonly headStart: Int32Array;
  /** Cost of a new face, in travel minutes. */
  readonly newFace: number;
}

/** Node value marking the break in a route. */
export const BREAK_NODE = -1;

/** Why a job stayed unassigned. */
export type BaselineReason = 'NO_SHIFT' | 'WINDOW_UNREACHABLE' | 'CAPACITY' | 'DOUBLE_STAFFING' | 'GAP';

/** A route: nodes (job indices or {@link BREAK_NODE}) with their start minutes. */
export interface BaselineRoute {
  readonly shift: number;
  readonly nodes: readonly number[];
  readonly starts: readonly number[];
}

/** The baseline result. */
export interface BaselineResult {
  readonly routes: readonly BaselineRoute[];
  readonly unassigned: readonly { job: number; reason: BaselineReason }[];
}

const CROSS_TEAM_COST = 30;
const NOT_NAMED_COST = 4;
const WAIT_WEIGHT = 0.1;

/** Runs the baseline heuristic. Deterministic: no randomness, ties broken by index. */
export function solveBaseline(p: BaselineProblem): BaselineResult {
  const routes: number[][] = p.shifts.map((s) => (s.breakMinutes > 0 ? [BREAK_NODE] : []));
  const cont = p.continuity;
  const met = cont ? Int32Array.from(cont.headStart) : null;
  const starts = new Int32Array(p.jobs.length).fill(-1);
  const pinned = new Int32Array(p.jobs.length).fill(-1);
  /** Route (shift) of each placed single-staffed job; -1 when unplaced. */
  const routeOf = new Int32Array(p.jobs.length).fill(-1);
  /** Committed start times per route: a route's times change only when the route itself changes. */
  const times: Int32Array[] = p.shifts.map(() => new Int32Array(0));
  const groups = new Map<number, number[]>();
  const unassigned: { job: number; reason: BaselineReason }[] = [];
  const sched = new Int32Array(256);

  const order = p.jobs.map((_, i) => i);
  const width = p.jobs.map((j) => {
    let w = 0;
    for (let k = 0; k < j.windows.length; k += 2) w += j.windows[k + 1]! - j.windows[k]!;
    return w;
  });
  order.sort((a, b) => {
    const ja = p.jobs[a]!;
    const jb = p.jobs[b]!;
    return jb.staffCount - ja.staffCount || ja.priority - jb.priority || width[a]! - width[b]! || a - b;
  });

  /**
   * Gap rule, pushed forward: the smallest start ≥ `t` clear of every placed visit of the job's gap
   * group. Visits in the route being scheduled (`si`) count with their new times (`out`, earlier
   * nodes only: later ones are pushed when their turn comes); visits in other routes with their
   * committed starts. Returns `t` when nothing conflicts.
   */
  let ignoreGaps = false; // only while diagnosing why a job did not fit
  const clearOfGroup = (n: number, t: number, si: number, nodes: readonly number[], out: Int32Array, upTo: number): number => {
    const j = p.jobs[n]!;
    if (j.gapGroup < 0 || ignoreGaps) return t;
    let pushed = t;
    for (let round = 0, moved = true; moved && round < 64; round++) {
      moved = false;
      for (const other of groups.get(j.gapGroup) ?? []) {
        if (other === n || (routeOf[other] === si && pinned[other]! < 0)) continue;
        if (Math.abs(starts[other]! - pushed) < j.minGap) {
          pushed = starts[other]! + j.minGap;
          moved = true;
        }
      }
      for (let k = 0; k < upTo; k++) {
        const m = nodes[k]!;
        if (m === BREAK_NODE || m === n || p.jobs[m]!.gapGroup !== j.gapGroup) continue;
        if (Math.abs(out[k]! - pushed) < j.minGap) {
          pushed = out[k]! + j.minGap;
          moved = true;
        }
      }
    }
    return pushed;
  };

  /** First start ≥ `from` inside a window and clear of the gap group; -1 if none. */
  const earliestStart = (n: number, from: number, si: number, nodes: readonly number[], out: Int32Array, upTo: number): number => {
    const j = p.jobs[n]!;
    let t = from;
    for (let round = 0; round < 64; round++) {
      let start = -1;
      for (let w = 0; w < j.windows.length; w += 2) {
        if (t <= j.windows[w + 1]!) {
          start = Math.max(t, j.windows[w]!);
          break;
        }
      }
      if (start < 0) return -1;
      const clear = clearOfGroup(n, start, si, nodes, out, upTo);
      if (clear === start) return start;
      t = clear;
    }
    return -1;
  };

  /**
   * Schedules `nodes` of shift `si` into `out` (start minutes): earliest feasible starts, breaks in
   * their window, pinned (double-staffed) starts kept exactly, gaps kept. Returns the return-to-base
   * minute, or -1 if the sequence is infeasible. This is the only feasibility test of the baseline.
   */
  const schedule = (si: number, nodes: readonly number[], out: Int32Array): number => {
    const s = p.shifts[si]!;
    const tt = p.travel[s.mode]!;
    let t = s.start;
    let loc = s.base;
    for (let k = 0; k < nodes.length; k++) {
      const n = nodes[k]!;
      if (n === BREAK_NODE) {
        if (s.breakAtBase) {
          t += tt[loc * p.nLoc + s.base]!;
          loc = s.base;
        }
        const b = Math.max(t, s.breakFrom);
        if (b + s.breakMinutes > s.breakTo) return -1;
        out[k] = b;
        t = b + s.breakMinutes;
        continue;
      }
      const j = p.jobs[n]!;
      const arrive = t + tt[loc * p.nLoc + j.loc]!;
      let start = -1;
      const pin = pinned[n]!;
      if (pin >= 0) {
        if (arrive <= pin && clearOfGroup(n, pin, si, nodes, out, k) === pin) start = pin;
      } else {
        start = earliestStart(n, arrive, si, nodes, out, k);
      }
      if (start < 0) return -1;
      out[k] = start;
      t = start + j.duration;
      loc = j.loc;
    }
    t += tt[loc * p.nLoc + s.base]!;
    return t <= s.end ? t : -1;
  };

  const travelOf = (si: number, nodes: readonly number[]): number => {
    const s = p.shifts[si]!;
    const tt = p.travel[s.mode]!;
    let loc = s.base;
    let sum = 0;
    for (const n of nodes) {
      const to = n === BREAK_NODE ? (s.breakAtBase ? s.base : loc) : p.jobs[n]!.loc;
      sum += tt[loc * p.nLoc + to]!;
      loc = to;
    }
    return sum + tt[loc * p.nLoc + s.base]!;
  };

  interface Best {
    cost: number;
    shift: number;
    pos: number;
  }

  /** Cheapest feasible position of job `ji` in shift `si` (with `pinned[ji]` set for double jobs). */
  const bestIn = (ji: number, si: number, excludeStaff: number): Best | null => {
    const s = p.shifts[si]!;
    if (s.staff === excludeStaff) return null;
    const route = routes[si]!;
    if (route.length + 1 > sched.length) return null;
    const baseEnd = schedule(si, route, sched);
    const baseTravel = travelOf(si, route);
    const j = p.jobs[ji]!;
    let best: Best | null = null;
    const trial: number[] = new Array(route.length + 1);
    for (let pos = 0; pos <= route.length; pos++) {
      for (let k = 0, m = 0; k <= route.length; k++) trial[k] = k === pos ? ji : route[m++]!;
      const end = schedule(si, trial, sched);
      if (end < 0) continue;
      const addedTravel = travelOf(si, trial) - baseTravel;
      const addedTime = end - Math.max(baseEnd, s.start);
      let cost = addedTravel + WAIT_WEIGHT * Math.max(0, addedTime - addedTravel - j.duration);
      if (s.team !== j.team) cost += CROSS_TEAM_COST;
      if (j.namedStaff >= 0 && s.staff !== j.namedStaff) cost += NOT_NAMED_COST;
      if (cont && met) cost += cont.newFace / (1 + met[cont.jobClient[ji]! * cont.nStaff + s.staff]!);
      if (!best || cost < best.cost) best = { cost, shift: si, pos };
    }
    return best;
  };

  const commit = (ji: number, b: Best): void => {
    const route = routes[b.shift]!;
    route.splice(b.pos, 0, ji);
    const out = new Int32Array(route.length);
    if (schedule(b.shift, route, out) < 0) throw new Error('baseline: committed an infeasible route');
    times[b.shift] = out;
    for (let k = 0; k < route.length; k++) if (route[k]! >= 0) starts[route[k]!] = out[k]!;
    routeOf[ji] = b.shift;
    if (cont && met) met[cont.jobClient[ji]! * cont.nStaff + p.shifts[b.shift]!.staff]!++;
    const g = p.jobs[ji]!.gapGroup;
    if (g >= 0) {
      let list = groups.get(g);
      if (!list) groups.set(g, (list = []));
      if (!list.includes(ji)) list.push(ji);
    }
  };

  for (const ji of order) {
    const j = p.jobs[ji]!;
    if (j.eligible.length < j.staffCount) {
      unassigned.push({ job: ji, reason: 'NO_SHIFT' });
      continue;
    }
    if (j.staffCount === 1) {
      let best: Best | null = null;
      for (const si of j.eligible) {
        const b = bestIn(ji, si, -1);
        if (b && (!best || b.cost < best.cost)) best = b;
      }
      if (best) commit(ji, best);
      else unassigned.push({ job: ji, reason: diagnose(ji) });
      continue;
    }
    // Double staffing: over start minutes through the windows (10-minute steps), the two cheapest
    // different staff; the start with the lowest total cost wins (not simply the earliest, which
    // would borrow far-away staff when the client's own team is free a little later).
    let best: { t: number; first: Best; second: Best; cost: number } | null = null;
    for (let w = 0; w < j.windows.length; w += 2) {
      for (let t = j.windows[w]!; t <= j.windows[w + 1]!; t += 10) {
        pinned[ji] = t;
        let first: Best | null = null;
        for (const si of j.eligible) {
          const b = bestIn(ji, si, -1);
          if (b && (!first || b.cost < first.cost)) first = b;
        }
        if (!first) continue;
        let second: Best | null = null;
        const firstStaff = p.shifts[first.shift]!.staff;
        for (const si of j.eligible) {
          if (si === first.shift) continue;
          const b = bestIn(ji, si, firstStaff);
          if (b && (!second || b.cost < second.cost)) second = b;
        }
        if (second && (!best || first.cost + second.cost < best.cost)) best = { t, first, second, cost: first.cost + second.cost };
      }
    }
    if (best) {
      pinned[ji] = best.t;
      commit(ji, best.first);
      commit(ji, best.second);
    } else {
      pinned[ji] = -1;
      unassigned.push({ job: ji, reason: 'DOUBLE_STAFFING' });
    }
  }

  /**
   * Why job `ji` fits nowhere: alone in an empty route it would fit (capacity), would fit only
   * without its minimum gap to the client's placed visits (gap), or would not fit at all (window).
   */
  function diagnose(ji: number): BaselineReason {
    const fitsAlone = (): boolean =>
      p.jobs[ji]!.eligible.some((si) => {
        const s = p.shifts[si]!;
        if (s.breakMinutes === 0) return schedule(si, [ji], sched) >= 0;
        return schedule(si, [ji, BREAK_NODE], sched) >= 0 || schedule(si, [BREAK_NODE, ji], sched) >= 0;
      });
    if (fitsAlone()) return 'CAPACITY';
    ignoreGaps = true;
    const withoutGaps = fitsAlone();
    ignoreGaps = false;
    return withoutGaps ? 'GAP' : 'WINDOW_UNREACHABLE';
  }

  const out: BaselineRoute[] = [];
  routes.forEach((nodes, si) => {
    if (!nodes.some((n) => n !== BREAK_NODE)) return; // unused shift: no route, no break needed
    out.push({ shift: si, nodes: [...nodes], starts: [...times[si]!] });
  });
  return { routes: out, unassigned };
}
