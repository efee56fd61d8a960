import { durationBounds, taskPriority, type DemandSpan } from '../../src/model/demand.js';
import type { Client, Task, TravelSettings } from '../../src/schema/instance.js';
import { modelMinutes, roadMetres } from '../../src/travel/model.js';
import type { LatLon } from './geo.js';
import { startRanges } from './tasks.js';

/**
 * One visit a team must make on a date, as a plan would make it: a client's same-day combinable
 * tasks combined (the rules of `composeVisits` in src/plan/compose.ts: narrowest window first; a task
 * joins a visit when both are combinable non-service tasks with the same staff count, at most one
 * has a minimum gap, and the task's windows contain the visit's), weekly tasks spread over their
 * allowed days with a fractional `weight`.
 */
export interface Job {
  readonly clientId: string;
  /** Allowed start range, minutes after midnight. */
  readonly a: number;
  readonly b: number;
  /** Minutes on site at standard durations. */
  readonly dur: number;
  readonly staffCount: number;
  /** 1 for a visit due on this date; count ÷ allowed days for a weekly task. */
  readonly weight: number;
  /** Union of the tasks' skills. */
  readonly skills: readonly string[];
  /** Estimated minutes to reach the client (mode factor and access included). */
  travel: number;
  /** Minutes from the team's base to the client by car (access included): the earliest anyone from the base can be there. */
  baseTravel: number;
}

/** Per team (map key) and date index, the jobs of that team on that date. */
export type TeamJobs = Map<string, Job[][]>;

/** Shift starts from which work can begin: day shifts at 07:00, evening shifts at 16:00. */
const DAY_START = 7 * 60;
const EVENING_START = 16 * 60;

/** Neighbours averaged for the travel estimate, and how far apart (minutes) two start ranges may be to count as neighbours. */
const NEIGHBOURS = 3;
const NEAR_IN_TIME = 60;
/**
 * Real routes are longer than nearest-neighbour legs (time windows, returns to base, breaks): with
 * the baseline planner, travel per visit came out at 1.3–1.6 × the neighbour estimate in every team.
 */
const ROUTE_FACTOR = 1.5;

/**
 * The jobs of every team and date. Travel per job: mean car minutes to the `NEIGHBOURS` nearest
 * other clients with a visit due that day whose start range lies within an hour of this one (the base
 * counts as a neighbour, since routes start and end there), × the team's mode factor, + access, × the
 * route factor (real routes are longer than nearest-neighbour legs). So a
 * sparse 08:00 medication round in a rural team is estimated with its real distances, not with those
 * of the whole client list.
 */
export function teamJobs(
  clients: readonly Client[],
  dates: readonly string[],
  spans: readonly DemandSpan[],
  travel: TravelSettings,
  baseOfTeam: ReadonlyMap<string, LatLon>,
  modeFactorByTeam: ReadonlyMap<string, number>,
): TeamJobs {
  const byClient = new Map(clients.map((c) => [c.id, c]));
  const dateIndex = new Map(dates.map((d, i) => [d, i]));
  const out: TeamJobs = new Map();
  for (const team of baseOfTeam.keys()) {
    out.set(
      team,
      dates.map(() => []),
    );
  }
  // Occurrences due on one date, per client and date, to be combined.
  const daily = new Map<string, { task: Task; i: number }[]>();
  for (const span of spans) {
    const client = byClient.get(span.clientId)!;
    const task = client.tasks.find((t) => t.id === span.taskId)!;
    if (span.dates.length === 1) {
      const key = `${client.id}|${span.dates[0]!}`;
      const list = daily.get(key) ?? [];
      for (let i = 0; i < span.count; i++) list.push({ task, i });
      daily.set(key, list);
      continue;
    }
    const [a, b] = startRanges(task)[0]!;
    for (const date of span.dates) {
      out.get(client.team)?.[dateIndex.get(date)!]?.push(job(client, a, b, [task], span.count / span.dates.length));
    }
  }
  for (const [key, occ] of daily) {
    const [clientId, date] = key.split('|') as [string, string];
    const client = byClient.get(clientId)!;
    const width = (t: Task): number => startRanges(t).reduce((s, [a, b]) => s + b - a, 0);
    const order = occ.map((o, k) => ({ ...o, k })).sort((x, y) => width(x.task) - width(y.task) || x.k - y.k);
    const groups: { tasks: Task[]; ranges: [number, number][]; i: number }[] = [];
    for (const o of order) {
      const ranges = startRanges(o.task);
      const home =
        o.task.combinable && taskPriority(o.task) < 3
          ? groups.find((g) => {
              const first = g.tasks[0]!;
              if (!first.combinable || taskPriority(first) >= 3 || first.staffCount !== o.task.staffCount) return false;
              if (g.tasks.some((t) => t.id === o.task.id)) return false;
              if (o.task.minGapMinutes > 0 && g.tasks.some((t) => t.minGapMinutes > 0)) return false;
              return g.ranges.every(([a, b]) => ranges.some(([x, y]) => x <= a && b <= y));
            })
          : undefined;
      if (home) home.tasks.push(o.task);
      else groups.push({ tasks: [o.task], ranges, i: o.i });
    }
    for (const g of groups) {
      // A task with several windows (meals) uses them in order: breakfast, lunch, dinner.
      const [a, b] = g.ranges[Math.min(g.i, g.ranges.length - 1)]!;
      out.get(client.team)?.[dateIndex.get(date)!]?.push(job(client, a, b, g.tasks, 1));
    }
  }
  // Travel estimates.
  for (const [team, perDate] of out) {
    const base = baseOfTeam.get(team)!;
    const factor = modeFactorByTeam.get(team) ?? 1;
    const members = clients.filter((c) => c.team === team);
    const idx = new Map(members.map((c, i) => [c.id, i]));
    const n = members.length;
    const car = (p: LatLon, q: LatLon): number => modelMinutes(roadMetres(p, q, travel.detourFactor), 'car', travel);
    const dist = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) dist[i * n + j] = dist[j * n + i] = car(members[i]!.location, members[j]!.location);
    const fromBase = members.map((c) => car(base, c.location));
    for (const jobs of perDate) {
      const dueToday = jobs.filter((j) => j.weight >= 1);
      for (const j of jobs) {
        const i = idx.get(j.clientId)!;
        const ds: number[] = [fromBase[i]!];
        const seen = new Set<string>([j.clientId]);
        for (const o of dueToday) {
          if (seen.has(o.clientId) || o.b < j.a - NEAR_IN_TIME || o.a > j.b + NEAR_IN_TIME) continue;
          seen.add(o.clientId);
          ds.push(dist[i * n + idx.get(o.clientId)!]!);
        }
        ds.sort((x, y) => x - y);
        const near = ds.slice(0, NEIGHBOURS);
        j.travel = ROUTE_FACTOR * ((near.reduce((s, x) => s + x, 0) / near.length) * factor + travel.accessMinutes);
        j.baseTravel = fromBase[i]! + travel.accessMinutes;
      }
    }
  }
  return out;
}

function job(client: Client, a: number, b: number, tasks: readonly Task[], weight: number): Job {
  return {
    clientId: client.id,
    a,
    b,
    dur: tasks.reduce((s, t) => s + durationBounds(t).standard, 0),
    staffCount: tasks[0]!.staffCount,
    weight,
    skills: [...new Set(tasks.flatMap((t) => t.skills))].sort(),
    travel: 0,
    baseTravel: 0,
  };
}

/** A job as load on an interval: work on it can begin at `a` and must end by `y`. */
export interface Load {
  readonly a: number;
  readonly y: number;
  readonly load: number;
  /** True when the job's time is fixed (a double-staffed visit at its earliest start): no slack needed. */
  readonly exact: boolean;
}

/** Earliest start of a double-staffed visit: window opening, or the first minute a car from the base can be there after the shift starts. */
export function pinnedStart(j: Job): number {
  const shiftStart = j.a < EVENING_START ? DAY_START : EVENING_START;
  const arrival = Math.max(j.a, shiftStart + Math.ceil(j.baseTravel));
  // Start minutes are tried in 5-minute steps from the window opening.
  return Math.min(j.b, j.a + Math.ceil((arrival - j.a) / 5) * 5);
}

/**
 * The load of a job. A double-staffed visit due that day is taken at its earliest possible start
 * (window opening, or the first minute both staff can be there from the base after the shift
 * starts), since planners, like the baseline, fix such visits first and early; it then occupies two
 * staff exactly for approach + visit, right before the 08:00 medication round. Other visits may
 * lie anywhere in their window.
 */
export function loadOf(j: Job): Load {
  if (j.staffCount > 1 && j.weight >= 1) {
    const start = pinnedStart(j);
    const shiftStart = j.a < EVENING_START ? DAY_START : EVENING_START;
    const approach = Math.min(j.travel, start - shiftStart);
    return { a: start - approach, y: start + j.dur, load: (approach + j.dur) * j.staffCount, exact: true };
  }
  const margin = j.b - j.a <= FIXED_WINDOW ? FIXED_MARGIN : 1;
  return { a: j.a, y: j.b + j.dur, load: margin * j.weight * (j.dur + j.travel) * j.staffCount, exact: false };
}

/**
 * Staff needed for the densest interval [x, y] (x a work start, y a latest end accepted by
 * `accept`): ⌈(exact load + flexible load ÷ utilisation) ÷ (y − x)⌉ over the loads lying wholly inside.
 */
export function peakNeed(list: readonly Load[], earliest: number, utilisation: number, accept: (y: number) => boolean = () => true): number {
  if (list.length === 0) return 0;
  const items = list.map((o) => ({ a: Math.max(earliest, o.a), y: o.y, w: o.exact ? o.load : o.load / utilisation })).sort((p, q) => p.y - q.y);
  const xs = [...new Set(items.map((o) => o.a))];
  let need = 0;
  for (const x of xs) {
    let load = 0;
    for (const o of items) {
      if (o.a < x) continue;
      load += o.w;
      if (o.y <= x || !accept(o.y)) continue;
      need = Math.max(need, Math.ceil(load / (o.y - x) - 1e-9));
    }
  }
  return need;
}

/** A shift kind offered to cover load: its working interval and paid minutes. */
export interface CoverKind {
  readonly from: number;
  readonly to: number;
  readonly paid: number;
}

/**
 * The cheapest numbers of a main shift kind and a peak kind (e.g. D and M, or E and K) such that in
 * every interval [x, y] between a work start and a latest end, the staff-minutes on shift inside it
 * (each shift's overlap with [x, y]) carry the loads lying wholly inside (exact loads as they are,
 * others ÷ `utilisation`). The main kind gets at least `minMain`.
 */
export function coverNeed(
  list: readonly Load[],
  main: CoverKind,
  peak: CoverKind,
  utilisation: number,
  minMain: number,
  minTotal = 0,
): { main: number; peak: number } {
  if (list.length === 0) return { main: Math.max(minMain, minTotal), peak: 0 };
  const items = list.map((o) => ({ a: Math.max(main.from, o.a), y: o.y, w: o.exact ? o.load : o.load / utilisation, exact: o.exact }));
  const xs = [...new Set(items.map((o) => o.a))].sort((p, q) => p - q);
  const ys = [...new Set(items.map((o) => o.y))].sort((p, q) => p - q);
  const overlap = (k: { from: number; to: number }, x: number, y: number): number => Math.max(0, Math.min(y, k.to) - Math.max(x, k.from));
  const reqs: { w: number; om: number; op: number }[] = [];
  for (const x of xs) {
    for (const y of ys) {
      if (y <= x) continue;
      let w = 0;
      for (const o of items) {
        if (o.a >= x && o.y <= y) w += o.w;
        // A pinned visit occupies its staff for the part of it inside [x, y].
        else if (o.exact && o.y > o.a) w += (o.w * overlap({ from: o.a, to: o.y }, x, y)) / (o.y - o.a);
      }
      if (w > 0) reqs.push({ w, om: overlap(main, x, y), op: overlap(peak, x, y) });
    }
  }
  let best: { main: number; peak: number; paid: number } | undefined;
  for (let p = 0; p <= 30; p++) {
    let m = Math.max(minMain, minTotal - p);
    let feasible = true;
    for (const r of reqs) {
      const rest = r.w - p * r.op;
      if (rest <= 1e-9) continue;
      if (r.om <= 0) {
        feasible = false;
        break;
      }
      m = Math.max(m, Math.ceil(rest / r.om - 1e-9));
    }
    if (!feasible) continue;
    const paid = m * main.paid + p * peak.paid;
    if (!best || paid < best.paid - 1e-9) best = { main: m, peak: p, paid };
    if (m === minMain) break; // more peak shifts cannot help
  }
  return best ? { main: best.main, peak: best.peak } : { main: minMain, peak: 0 };
}

/**
 * Fixed-time visits (start range ≤ 60 min: medication and insulin at a clock time ± 30/15 min, and
 * the care combined with them) cannot be moved off the peak; their load counts with this extra margin.
 */
const FIXED_WINDOW = 60;
const FIXED_MARGIN = 1.1;

/** Start ranges at most this wide (insulin at a fixed time ± 15 min) cannot wait for a double-staffed visit to end. */
const TIGHT = 30;

/**
 * Staff needed at once for the double-staffed visits due that day at their earliest starts, plus,
 * for tight fixed-time visits (insulin ± 15 min) whose start range lies while those pairs are busy,
 * enough free staff to start them in time. 0 if there are no double-staffed visits.
 */
export function fixedPeakStaff(list: readonly Job[]): number {
  const doubles = list.filter((j) => j.staffCount > 1 && j.weight >= 1).map((j) => ({ s: pinnedStart(j) - j.baseTravel, e: pinnedStart(j) + j.dur, n: j.staffCount }));
  if (doubles.length === 0) return 0;
  const busy = (t: number): number => doubles.filter((o) => o.s <= t && t < o.e).reduce((n, o) => n + o.n, 0);
  let most = 0;
  for (const d of doubles) most = Math.max(most, busy(d.s));
  const tight = list.filter((j) => j.staffCount === 1 && j.weight >= 1 && j.b - j.a <= TIGHT);
  for (const j of tight) {
    // Staff still busy with pairs at the latest moment one could leave for j (pairs only end after their start).
    const occupied = busy(j.b - j.travel);
    const near = tight.filter((o) => o.a <= j.b && j.a <= o.b);
    const work = near.reduce((s, o) => s + o.dur + o.travel, 0);
    const span = Math.max(...near.map((o) => o.b)) - Math.min(...near.map((o) => o.a)) + near.reduce((s, o) => s + o.dur, 0) / near.length;
    most = Math.max(most, occupied + Math.ceil(work / span - 1e-9));
  }
  return most;
}
