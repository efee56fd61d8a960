import { compareScores, compileProblem, evaluateSolution, scheduleRoutes, type Problem, type ProblemSpec, type Score } from '../../../solver/index.js';
import type { Instance } from '../../schema/instance.js';
import type { Plan } from '../../schema/plan.js';
import type { ImportedMatrix } from '../../travel/matrix.js';
import type { PreviousVisit, WeeklyWeights } from '../terms/index.js';
import { coreTeams } from './core.js';
import type { ReplanRules } from './day-problem.js';
import { solveDaysInProcess, type DaySolveTask, type DaySolver } from './day-solver.js';
import { buildWeekModel, type WeekModel } from './model.js';
import { consistencyWindows, matchReference, REFERENCE_DAY_COST, referenceDays, referenceHistory, referenceRoutes } from './reference.js';
import { releaseShifts, type ReleaseTally } from './release.js';
import { seedRoutes, type Seed } from './seed.js';
import { WeekState, WeekWindows } from './state.js';
import { historyCounts, writeWeeklyPlan, type DaySolution, type StopReason } from './write.js';

export { buildWeekModel, modelFromDemand, type WeekModel } from './model.js';
export { matchReference, referenceHistory, referenceAgreement, consistencyWindows, CONSISTENCY_TIME_MINUTES, type ReferenceMatch, type ReferenceAgreement } from './reference.js';
export type { ReplanRules } from './day-problem.js';
export { WeekState, WeekWindows } from './state.js';
export { solveDay, solveDaysInProcess, type DaySolveTask, type DaySolveResult, type DaySolver } from './day-solver.js';
export { releaseShifts, releaseOrder, withoutVehicles, RELEASE_ITERATIONS, type ReleaseOptions, type ReleaseOutcome, type ReleaseTally } from './release.js';

/** Options of {@link planWeekly}. */
export interface WeeklyOptions {
  readonly seed: number;
  readonly weights: WeeklyWeights;
  /** Name written to the plan's metadata. */
  readonly strategy: string;
  readonly matrix?: ImportedMatrix;
  /** Passes over all days; each re-solves every day with the other days' continuity fixed. Default 4. */
  readonly rounds?: number;
  /**
   * Search iterations per day and pass (the reproducible stopping criterion). Default 2,500. With a
   * time limit the passes go on (with growing effort) until the limit.
   */
  readonly iterationsPerDay?: number;
  /** Wall-clock budget for the whole run (an extra stopping criterion; the plan stays valid). */
  readonly timeLimitSeconds?: number;
  /**
   * How many days {@link WeeklyOptions.solveDays} solves at once (default 1); only the time budget per solve
   * depends on it, never the plan.
   */
  readonly workers?: number;
  /**
   * Days solved together in one batch (in parallel when the day solver allows), each seeing the
   * others' continuity as of the batch start. Default 2. The plan depends on the batch size, not on
   * the worker count: the same seed gives the same plan with 1 or 8 workers.
   */
  readonly batch?: number;
  /**
   * Solves the days of a batch; default {@link solveDaysInProcess}. `planWeek` passes one that runs
   * them on worker threads: the planner itself knows nothing of threads.
   */
  readonly solveDays?: DaySolver;
  readonly onProgress?: (fraction: number, phase: string) => void;
  /** Stops the search; the best plan found so far is returned (meta.stopped = 'aborted'). */
  readonly signal?: AbortSignal;
  /** Whether days that still leave visits out get a last, longer search (default true). */
  readonly lastSearch?: boolean;
  /**
   * Whether used optional shifts are tried for release after the second pass and at the end
   * (route elimination, {@link releaseShifts}; default true, a no-op without optional shifts).
   * With a time limit the last try has {@link RELEASE_RESERVE} of it.
   */
  readonly release?: boolean;
  /**
   * Next period like the last: the plan of the previous period. Each visit continuing one of it
   * (client, task ids, weekday) is priced by `consistency` against its staff and narrowed to its
   * clock time; its visits are the continuity history when the instance has none.
   */
  readonly reference?: Plan;
}

/** Share of the time limit kept for the last release of optional shifts (when the roster has any). */
export const RELEASE_RESERVE = 0.12;

/** Visits a core-team member counts as having made already in the seed's pricing (not in the objective). */
export const CORE_HEAD_START = 3;

/**
 * The weekly planner.
 *
 * 1. Granted time becomes occurrences (two LPs, `planOccurrences`; weekly tasks prefer days on which
 *    the named contact works), a client's same-day tasks share visits, every day is a routing
 *    skeleton ({@link buildWeekModel}).
 * 2. A small core team per client ({@link coreTeams}) steers the construction: the greedy seed
 *    ({@link seedRoutes}) prices continuity as if each core member had visited the client
 *    {@link CORE_HEAD_START} times, so the first routes already gather a client's visits.
 * 3. Passes: every day is re-solved by the routing core (ruin-and-recreate and local search under
 *    simulated annealing) on the weekly objective with the other days fixed — travel, the visit
 *    terms per (visit, staff), and continuity as the engine's pair cost with the history and the
 *    other days as the pairs' visits so far — so the day's cost is exactly its share of the weekly
 *    objective (see `writeWeeklyPlan`). Days of a batch are solved together by `options.solveDays`
 *    (in parallel on worker threads when `planWeek` has workers), each against the others as they
 *    stood when the batch began. Visits left unplanned inside their preferred times get their full
 *    allowed windows back.
 * 4. With a time limit, passes go on after the scheduled ones, each day search longer than the
 *    last, until the limit; days that still leave visits out get a last, longer search.
 * 5. Used optional shifts are emptied where the week then costs less ({@link releaseShifts}):
 *    after the second pass and once more at the end.
 *
 * With a reference plan (next period like the last): weekly tasks keep its days (`referenceDays`),
 * each candidate continuing one of its visits is priced by `consistency` against that visit's staff
 * and narrowed to ±15 minutes of its clock time, and each day starts from its routes carried over
 * where they are no worse than the seed's (`referenceRoutes`).
 *
 * Objective (minimised): unplanned occurrences per priority first (HSL, personal care, service),
 * then weights.travel × travel minutes + Σ over terms weight × units (see `src/plan/terms`).
 */
export async function planWeekly(instance: Instance, options: WeeklyOptions): Promise<Plan> {
  const started = performance.now();
  const w = options.weights;
  const referenceDay = options.reference ? { referenceDay: referenceDays(options.reference, instance.period.days), referenceDayCost: REFERENCE_DAY_COST } : {};
  const model = buildWeekModel(instance, options.matrix, { namedContactDayCost: w.notNamed, ...referenceDay });
  const match = options.reference ? matchReference(model, options.reference) : undefined;
  const previous = match?.previous;
  const history = options.reference && instance.history.length === 0 ? referenceHistory(model, options.reference) : historyCounts(model);
  const nS = instance.staff.length;
  const headStart = Int32Array.from(history);
  coreTeams(model).forEach((members, c) => members.forEach((s) => (headStart[c * nS + s]! += CORE_HEAD_START)));
  options.onProgress?.(0, 'seed');
  const windows = match ? new WeekWindows(model, undefined, consistencyWindows(model, match)) : new WeekWindows(model);
  let seed = seedRoutes(model, windows.now(), w, headStart, previous);
  if (windows.relax(seed.unassigned)) seed = seedRoutes(model, windows.now(), w, headStart, previous);
  // With a reference, each day starts from last period's routes where they are no worse than the seed's.
  const initial = match ? warmStart(seed, referenceRoutes(model, options.reference!, match)) : seed.routes;
  const days = model.days.map((_, d) => d);
  const run = await searchWeek(model, options, { started, initial, searchable: days, windows, history, previous });
  return writeWeeklyPlan(model, { strategy: options.strategy, seed: options.seed, weights: w, history, ...run, previous: match });
}

/** Per day, the carried-over routes when they score no worse than the seed's on the seed's day problem (repaired where they break a rule). */
function warmStart(seed: Seed, carried: readonly (readonly (readonly number[])[])[]): number[][][] {
  return seed.routes.map((own, d) => {
    const problem = seed.problems[d]!;
    const score = (routes: readonly (readonly number[])[]): Score => {
      const ev = evaluateSolution(problem, routes);
      return { unplanned: Int32Array.from(ev.unplanned), cost: ev.feasible ? ev.cost : Infinity };
    };
    const other = scheduleRoutes(problem, carried[d]!).routes;
    return compareScores(score(other), score(own)) <= 0 ? other : own;
  });
}

/** Where {@link searchWeek} starts and what it may change. */
export interface WeekStart {
  /** `performance.now()` when the run began (the time limit counts from it). */
  readonly started: number;
  /** Engine routes per day (vehicle = position in the day's shift list, -1 at the break). */
  readonly initial: readonly (readonly (readonly number[])[])[];
  /** The days the search re-solves; the others keep their initial routes. */
  readonly searchable: readonly number[];
  readonly windows: WeekWindows;
  /** Visits per (client, staff) before the period (default: the instance's history). */
  readonly history?: Int32Array;
  /** Replanning: locks, the staff of the plan in force, the fixed past. */
  readonly rules?: ReplanRules;
  /** Next period like the last: per candidate, the reference visit it continues (priced by `consistency`). */
  readonly previous?: readonly (PreviousVisit | null)[];
}

/** What {@link searchWeek} found, ready for {@link writeWeeklyPlan}. */
export interface WeekRun {
  readonly days: DaySolution[];
  readonly relaxed: Uint8Array;
  readonly stopped: StopReason;
  readonly rejected: number;
  readonly solves: number;
  readonly iterations: number;
  /** Route elimination of optional shifts, summed over its runs (absent when it did not run). */
  readonly release?: ReleaseTally;
}

/**
 * The weekly search: from the initial routes, passes over the searchable days, each day re-solved
 * by the routing core on the weekly objective with the other days fixed (see {@link planWeekly}).
 * With a time limit, more passes until it, each day search longer than the last; days that still
 * leave visits out get a last, longer search. A day result is kept only when the engine's
 * evaluator accepts it and it is no worse on the day's problem.
 */
export async function searchWeek(model: WeekModel, options: WeeklyOptions, start: WeekStart): Promise<WeekRun> {
  // The search stops early enough to leave time for writing and explaining the plan (about 1 ms per visit).
  const deadline = (limit: number | undefined, visits: number): number =>
    limit === undefined ? Infinity : start.started + (limit - Math.min(0.15 * limit, 0.001 * visits)) * 1000;
  const w = options.weights;
  const rounds = options.rounds ?? 4;
  const iterations = options.iterationsPerDay ?? 2500;
  const workers = Math.max(1, Math.floor(options.workers ?? 1));
  const batch = Math.max(1, Math.floor(options.batch ?? 2));
  const searchDeadline = deadline(options.timeLimitSeconds, model.candidates.length);
  const searchable = start.searchable;
  const { windows, rules, previous } = start;
  const history = start.history ?? historyCounts(model);

  // The start as the first solution of every day, priced by the objective (repaired if it breaks a rule).
  const week = new WeekState(model, w, windows, history, start.initial, rules, previous);
  const state = week.days;
  const record = (day: number, problem: Problem, routes: number[][]): void => week.record(day, problem, routes);
  const specOf = (d: number): ProblemSpec => week.spec(d);

  const daySolver = options.solveDays ?? solveDaysInProcess;
  let stopped: StopReason = 'completed';
  let rejected = 0;
  let solves = 0;
  let searched = 0;
  const parallel = Math.min(workers, batch);
  /** Unplanned engine visits of a day. */
  const leftOut = (d: number): number[] => {
    const onRoute = new Set(state[d]!.routes.flat());
    return model.days[d]!.visits.flatMap((_, i) => (onRoute.has(i) ? [] : [i]));
  };
  const scoreOf = (problem: Problem, routes: number[][]): Score => {
    const ev = evaluateSolution(problem, routes);
    return { unplanned: Int32Array.from(ev.unplanned), cost: ev.feasible ? ev.cost : Infinity };
  };
  /**
   * Solves `days` together on the day solver, each priced against the ledger as it stands; a
   * result replaces the day's solution when the evaluator accepts it and it is no worse on the
   * day's problem (the search returns the best it saw, the start included). `seconds` is the time
   * for all of them (shared by `parallel` at a time); Infinity = iterations only. Returns false when
   * the run must stop (abort or time limit).
   */
  const searchDays = async (days: readonly number[], salt: number, maxIterations: number | undefined, seconds: number): Promise<boolean> => {
    if (options.signal?.aborted) stopped = 'aborted';
    if (stopped === 'completed' && performance.now() >= searchDeadline) stopped = 'time-limit';
    if (stopped !== 'completed') return false;
    const problems = days.map((d) => ({ d, spec: specOf(d) }));
    // Time is shared in proportion to the days' visits.
    const sizes = days.map((d) => model.days[d]!.visits.length + 1);
    const total = sizes.reduce((s, x) => s + x, 0);
    const tasks: DaySolveTask[] = problems.map(({ d, spec }, i) => ({
      spec,
      seed: (options.seed * 7919 + salt * 131 + d) >>> 0,
      maxIterations,
      timeLimitSeconds: seconds === Infinity ? undefined : Math.max(0.05, (seconds * parallel * sizes[i]!) / total),
      initialRoutes: state[d]!.routes,
    }));
    let results;
    try {
      results = await daySolver(tasks, options.signal);
    } catch (e) {
      if (!options.signal?.aborted) throw e;
      stopped = 'aborted';
      return false;
    }
    results.forEach((r, i) => {
      const d = days[i]!;
      const problem = compileProblem(problems[i]!.spec);
      solves++;
      searched += r.iterations;
      // Re-validated on arrival by the engine's evaluator; a rejected day keeps its solution.
      const now = scoreOf(problem, r.routes);
      if (now.cost === Infinity) rejected++;
      const kept = scheduleRoutes(problem, state[d]!.routes).routes;
      record(d, problem, now.cost < Infinity && compareScores(now, scoreOf(problem, kept)) <= 0 ? r.routes : kept);
    });
    return true;
  };
  const remaining = (): number => Math.max(0, (searchDeadline - performance.now()) / 1000);
  const nSearch = searchable.length;
  const pass = async (round: number, label: string, maxIterations: number | undefined, seconds: number): Promise<boolean> => {
    const perBatch = seconds === Infinity ? Infinity : seconds / Math.ceil(nSearch / batch);
    for (let b = 0; b < nSearch; b += batch) {
      const days = searchable.slice(b, b + batch);
      if (!(await searchDays(days, round, maxIterations, perBatch))) return false;
      options.onProgress?.(Math.min(0.99, options.timeLimitSeconds === undefined ? (round * nSearch + b + days.length) / (rounds * nSearch) : 1 - remaining() / options.timeLimitSeconds), label);
    }
    // Visits left out inside their narrowed windows get their allowed windows from the next pass on.
    relaxUnplanned();
    return true;
  };
  const relaxUnplanned = (): boolean => windows.relax(searchable.flatMap((d) => leftOut(d).map((i) => model.days[d]!.visits[i]!.cand)));
  // Optional shifts are released after the second pass (routes settled, passes left to polish) in one
  // pass's share, and again at the end in a reserved share: the passes between may fill some again.
  const releasing = options.release !== false && model.shiftUnits.some((u) => u > 0);
  /** Route elimination for used optional shifts, within `seconds` (Infinity = iterations only). */
  let released: ReleaseTally | undefined;
  const release = async (seconds: number): Promise<void> => {
    if (stopped !== 'completed' || !releasing) return;
    const deadline = Math.min(searchDeadline, performance.now() + seconds * 1000);
    const r = await releaseShifts(week, { seed: options.seed, days: searchable, solveDays: daySolver, batch, deadline, signal: options.signal });
    solves += r.attempts;
    searched += r.iterations;
    const was = released ?? { attempts: 0, released: 0, unplanned: 0, costlier: 0 };
    released = { attempts: was.attempts + r.attempts, released: was.released + r.released, unplanned: was.unplanned + r.unplanned, costlier: was.costlier + r.costlier };
  };
  const reserve = releasing && options.timeLimitSeconds !== undefined ? RELEASE_RESERVE * options.timeLimitSeconds : 0;
  const free = (): number => Math.max(0, remaining() - reserve);
  const releaseAfter = Math.min(1, rounds - 1);
  // Scheduled passes: iterations bound them; with a time limit, each takes at most its share of the time.
  let round = 0;
  if (nSearch > 0) {
    for (; round < rounds; round++) {
      const share = options.timeLimitSeconds === undefined ? Infinity : free() / (rounds - round);
      if (!(await pass(round, `pass ${round + 1} of ${rounds}`, iterations, share))) break;
      if (round === releaseAfter) await release(options.timeLimitSeconds === undefined ? Infinity : free() / (rounds - round));
    }
    if (stopped === 'completed' && relaxUnplanned()) await pass(round++, 'pass for relaxed windows', iterations, options.timeLimitSeconds === undefined ? Infinity : free() / 2);
    // With a time limit, more passes until it: each may use half of what is left, iterations double.
    for (let extra = 1; stopped === 'completed' && options.timeLimitSeconds !== undefined && free() > 0.5 + 0.001 * model.candidates.length; extra++) {
      if (!(await pass(round++, `pass ${round}`, iterations * 2 ** extra, free() / 2))) break;
    }
    // The days that still leave visits out keep the tail the extra passes leave them.
    const tail = searchable.some((d) => leftOut(d).length > 0) ? 0.5 + 0.001 * model.candidates.length : 0;
    if (releasing && rounds > 1) await release(options.timeLimitSeconds === undefined ? Infinity : Math.max(0, remaining() - tail));
    // Days that still leave visits out get a longer search (kept only when it does better).
    const short = options.lastSearch === false ? [] : searchable.filter((d) => leftOut(d).length > 0);
    for (let b = 0; b < short.length && stopped === 'completed'; b += batch) {
      const days = short.slice(b, b + batch);
      if (!(await searchDays(days, round + 1, iterations * 4, options.timeLimitSeconds === undefined ? Infinity : remaining() / Math.max(1, Math.ceil((short.length - b) / batch))))) break;
    }
  }
  return { days: state, relaxed: windows.relaxed, stopped, rejected, solves, iterations: searched, ...(released ? { release: released } : {}) };
}
