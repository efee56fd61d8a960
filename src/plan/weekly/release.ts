/**
 * Route elimination for optional shifts (fleet minimisation): a used optional shift is emptied and
 * its visits go to the day's other shifts, kept only when the day's score on the weekly objective
 * falls. The routing core's moves change a few visits at a time; emptying a route of six to twelve
 * visits passes through solutions that cost more than the shift saves, so the annealing search
 * rarely gets there on its own.
 * @module
 */
import { compareScores, compileProblem, evaluateSolution, scheduleRoutes, type Problem, type ProblemSpec, type Score } from '../../../solver/index.js';
import type { DaySolveTask, DaySolver } from './day-solver.js';
import type { WeekModel } from './model.js';
import type { WeekState } from './state.js';
import type { ReleaseTally } from './write.js';

export type { ReleaseTally } from './write.js';

/** Search iterations per release attempt (the reproducible stopping criterion). */
export const RELEASE_ITERATIONS = 400;

/** Options of {@link releaseShifts}. */
export interface ReleaseOptions {
  readonly seed: number;
  /** Days tried (the others are left as they are). */
  readonly days: readonly number[];
  readonly solveDays: DaySolver;
  /** Days solved at once (one attempt each); only the time per attempt depends on it, never the result. */
  readonly batch: number;
  /** Iterations per attempt; default {@link RELEASE_ITERATIONS}. */
  readonly iterations?: number;
  /** Wall-clock budget per attempt (an extra stopping criterion); undefined = iterations only. */
  readonly attemptSeconds?: number;
  /** `performance.now()` after which no attempt starts; the attempts started before it share the time left (a stopping criterion only). */
  readonly deadline?: number;
  readonly signal?: AbortSignal;
}

/** What {@link releaseShifts} did. */
export interface ReleaseOutcome extends ReleaseTally {
  readonly iterations: number;
}

/** A day's problem with vehicles `closed` closed: no visit may use them (the rest of the problem unchanged). */
export function withoutVehicles(spec: ProblemSpec, closed: readonly number[]): ProblemSpec {
  const all = spec.vehicles.map((_, i) => i);
  return { ...spec, visits: spec.visits.map((v) => ({ ...v, allowedVehicles: (v.allowedVehicles ?? all).filter((x) => !closed.includes(x)) })) };
}

/**
 * The used optional shifts of a day as vehicle indices, the least used first: client minutes per
 * unit of the shift's `optionalShift` price, so the shifts that pay least for themselves are tried
 * first (ties by vehicle index).
 */
export function releaseOrder(model: WeekModel, day: number, routes: readonly (readonly number[])[]): number[] {
  const m = model.days[day]!;
  const use: { k: number; ratio: number }[] = [];
  routes.forEach((r, k) => {
    const units = model.shiftUnits[m.shifts[k]!]!;
    if (units <= 0 || !r.some((v) => v >= 0)) return;
    const minutes = r.reduce((s, v) => s + (v >= 0 ? model.candMinutes[m.visits[v]!.cand]! : 0), 0);
    use.push({ k, ratio: minutes / units });
  });
  return use.sort((a, b) => a.ratio - b.ratio || a.k - b.k).map((x) => x.k);
}

function scoreOf(problem: Problem, routes: readonly (readonly number[])[]): Score {
  const ev = evaluateSolution(problem, routes);
  return { unplanned: Int32Array.from(ev.unplanned), cost: ev.feasible ? ev.cost : Infinity };
}

/** a + sign·b level by level; days may have different numbers of levels (a day without HSL has fewer). */
function combine(a: Score, b: Score, sign: 1 | -1): Score {
  const n = Math.max(a.unplanned.length, b.unplanned.length);
  const unplanned = new Int32Array(n);
  for (let i = 0; i < n; i++) unplanned[i] = (a.unplanned[i] ?? 0) + sign * (b.unplanned[i] ?? 0);
  return { unplanned, cost: a.cost + sign * b.cost };
}

/** A release move: used optional shifts emptied together, as vehicles per day (each day once). */
type Move = readonly { readonly d: number; readonly ks: readonly number[] }[];

/** The used optional shifts of the days as one move per staff member. */
function usedByStaff(week: WeekState, days: readonly number[]): Map<number, Move> {
  const { model } = week;
  const out = new Map<number, { d: number; ks: number[] }[]>();
  for (const d of days) {
    for (const k of releaseOrder(model, d, week.days[d]!.routes)) {
      const s = model.staffIndex.get(model.shifts[model.days[d]!.shifts[k]!]!.staff.id)!;
      const list = out.get(s) ?? out.set(s, []).get(s)!;
      const last = list[list.length - 1];
      if (last?.d === d) last.ks.push(k);
      else list.push({ d, ks: [k] });
    }
  }
  return out;
}

/** Client minutes per unit of `optionalShift` price over some shifts (the lower, the less they pay for themselves). */
function yieldOf(week: WeekState, move: Move): number {
  const { model } = week;
  let minutes = 0;
  let units = 0;
  for (const { d, ks } of move) {
    const m = model.days[d]!;
    for (const k of ks) {
      units += model.shiftUnits[m.shifts[k]!]!;
      for (const v of week.days[d]!.routes[k]!) if (v >= 0) minutes += model.candMinutes[m.visits[v]!.cand]!;
    }
  }
  return minutes / Math.max(1e-9, units);
}

/**
 * Re-solves the days of the moves (all at once on the day solver), each from its routes with the
 * move's shift emptied and closed. Returns the routes per move and day, or null when the run must
 * stop.
 */
async function solveMoves(week: WeekState, moves: readonly Move[], salt: number, options: ReleaseOptions): Promise<{ routes: number[][][][]; iterations: number } | null> {
  const now = performance.now();
  if (options.signal?.aborted || (options.deadline !== undefined && now >= options.deadline)) return null;
  const days = moves.reduce((n, move) => n + move.length, 0);
  // Near the deadline the attempts share what is left (as if solved one after another), so the last ones end by it.
  const left = options.deadline !== undefined && options.deadline < Infinity ? Math.max(0.05, (options.deadline - now) / 1000 / days) : Infinity;
  const seconds = Math.min(options.attemptSeconds ?? Infinity, left);
  const tasks: DaySolveTask[] = moves.flatMap((move) =>
    move.map(({ d, ks }) => ({
      spec: withoutVehicles(week.spec(d), [...ks, ...idleOptional(week, d)]),
      seed: (options.seed * 104729 + salt * 7919 + d * 131 + ks[0]!) >>> 0,
      maxIterations: options.iterations ?? RELEASE_ITERATIONS,
      timeLimitSeconds: seconds === Infinity ? undefined : seconds,
      initialRoutes: week.days[d]!.routes.map((r, i) => (ks.includes(i) ? [] : r)),
    })),
  );
  let results;
  try {
    results = await options.solveDays(tasks, options.signal);
  } catch (e) {
    if (!options.signal?.aborted) throw e;
    return null;
  }
  let i = 0;
  return { routes: moves.map((move) => move.map(() => results[i++]!.routes)), iterations: results.reduce((sum, r) => sum + r.iterations, 0) };
}

/** How a solved move ended: kept, or given back and why. */
type Verdict = 'kept' | 'unplanned' | 'costlier' | 'notEmptied';

/**
 * Applies a solved move when the week scores better, else gives every day its routes back. Each
 * day is priced afresh after the days before it are recorded, so the days' changes add up to the
 * week's change exactly (a day's cost is the weekly objective minus the objective without its
 * visits). The move counts only when every shift of it ends empty; others it empties on the way
 * count as released too.
 */
function applyMove(week: WeekState, move: Move, routes: readonly number[][][]): { verdict: Verdict; released: number } {
  const saved = move.map(({ d }) => week.days[d]!);
  let delta: Score | null = null;
  let emptied = true;
  let released = 0;
  move.forEach(({ d, ks }, i) => {
    const problem = compileProblem(week.spec(d));
    const now = scheduleRoutes(problem, week.days[d]!.routes).routes;
    const next = scheduleRoutes(problem, routes[i]!).routes;
    // The search may empty another used optional shift on the way: released too (it never opens one, they are closed).
    const fewer = usedOptional(week, d, now) - usedOptional(week, d, next);
    if (ks.some((k) => next[k]!.some((v) => v >= 0)) || fewer < ks.length) emptied = false;
    released += fewer;
    const change = combine(scoreOf(problem, next), scoreOf(problem, now), -1);
    delta = delta ? combine(delta, change, 1) : change;
    week.record(d, problem, next);
  });
  const zero: Score = { unplanned: new Int32Array(delta!.unplanned.length), cost: 0 };
  const better = compareScores(delta!, zero) < 0;
  if (emptied && better) return { verdict: 'kept', released };
  // Back in reverse order: each day's problem was priced against the days as they then stood.
  for (let i = move.length - 1; i >= 0; i--) week.record(move[i]!.d, saved[i]!.problem!, saved[i]!.routes);
  if (!emptied) return { verdict: 'notEmptied', released: 0 };
  const unplannedMore = compareScores({ unplanned: delta!.unplanned, cost: 0 }, zero) > 0;
  return { verdict: unplannedMore ? 'unplanned' : 'costlier', released: 0 };
}

/** Used optional shifts of a day's routes. */
function usedOptional(week: WeekState, d: number, routes: readonly (readonly number[])[]): number {
  const { model } = week;
  return routes.filter((r, k) => model.shiftUnits[model.days[d]!.shifts[k]!]! > 0 && r.some((v) => v >= 0)).length;
}

/**
 * The optional shifts of a day without visits: closed too while a move is solved, so the visits go
 * to shifts already in use (a move that only trades one optional shift for another releases none).
 */
function idleOptional(week: WeekState, d: number): number[] {
  const { model } = week;
  return week.days[d]!.routes.flatMap((r, k) => (model.shiftUnits[model.days[d]!.shifts[k]!]! > 0 && !r.some((v) => v >= 0) ? [k] : []));
}

/** The part of a move whose shifts are still used (routes moved since it was made). */
const stillUsed = (week: WeekState, move: Move): Move =>
  move.flatMap(({ d, ks }) => {
    const used = ks.filter((k) => week.days[d]!.routes[k]!.some((v) => v >= 0));
    return used.length > 0 ? [{ d, ks: used }] : [];
  });
const shiftsOf = (move: Move): number => move.reduce((n, x) => n + x.ks.length, 0);

/**
 * Tries to release the used optional shifts of the given days, kept only where the week scores
 * better: no more unplanned visits at any level, then a lower weekly objective (the one the plan
 * reports; the closed shifts only steer where the search looks).
 *
 * 1. Each used optional shift on its own: the days of a batch together, per day the least used
 *    shift first. Single days are cheap to solve and most often give way (measured on
 *    knivsta-4242 with `--optional-share 0.3`: 21 shifts kept released against 16 with the order
 *    below reversed, at a lower objective).
 * 2. Then per staff member, all of their optional shifts still used at once, the staff whose shifts
 *    pay least for themselves first: one day at a time may not pay when their clients have met
 *    them on the other days, and only when all of those days go does the continuity move with the
 *    visits.
 *
 * Deterministic for a seed and iteration budget.
 */
export async function releaseShifts(week: WeekState, options: ReleaseOptions): Promise<ReleaseOutcome> {
  let attempts = 0;
  let released = 0;
  let unplanned = 0;
  let costlier = 0;
  let searched = 0;
  const done = (): ReleaseOutcome => ({ attempts, released, unplanned, costlier, iterations: searched });
  /** Counts a solved move's verdict and the shifts it released. */
  const tally = ({ verdict, released: n }: { verdict: Verdict; released: number }): void => {
    attempts++;
    released += n;
    if (verdict === 'unplanned') unplanned++;
    if (verdict === 'costlier') costlier++;
  };
  const batch = Math.max(1, options.batch);
  for (let b = 0; b < options.days.length; b += batch) {
    const days = options.days.slice(b, b + batch);
    const tried = new Map(days.map((d) => [d, new Set<number>()]));
    for (let round = 1; ; round++) {
      const moves: Move[] = days.flatMap((d) => {
        const k = releaseOrder(week.model, d, week.days[d]!.routes).find((x) => !tried.get(d)!.has(x));
        if (k === undefined) return [];
        tried.get(d)!.add(k);
        return [[{ d, ks: [k] }]];
      });
      if (moves.length === 0) break;
      const r = await solveMoves(week, moves, options.days.length + round, options);
      if (!r) return done();
      searched += r.iterations;
      moves.forEach((move, i) => {
        tally(applyMove(week, move, r.routes[i]!));
      });
    }
  }
  const byStaff = [...usedByStaff(week, options.days)].filter(([, move]) => shiftsOf(move) > 1);
  byStaff.sort((a, b) => yieldOf(week, a[1]) - yieldOf(week, b[1]) || a[0] - b[0]);
  for (const [s, all] of byStaff) {
    const move = stillUsed(week, all);
    if (move.length === 0) continue;
    const r = await solveMoves(week, [move], s, options);
    if (!r) return done();
    searched += r.iterations;
    tally(applyMove(week, move, r.routes[0]!));
  }
  return done();
}
