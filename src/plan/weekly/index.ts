import { compileProblem, dropInfeasible, evaluateSolution, type Problem } from '../../../solver/index.js';
import type { Instance } from '../../schema/instance.js';
import type { Plan } from '../../schema/plan.js';
import type { ImportedMatrix } from '../../travel/matrix.js';
import { ContinuityLedger } from '../continuity-ledger.js';
import type { WeeklyWeights } from '../terms/index.js';
import { coreTeams } from './core.js';
import { CORE_HEAD_START, dayProblem } from './day-problem.js';
import { solveDaysInProcess, type DaySolveTask, type DaySolver } from './day-solver.js';
import { buildWeekModel, type WeekModel, type Window } from './model.js';
import { seedRoutes } from './seed.js';
import { historyCounts, writeWeeklyPlan, type DaySolution, type StopReason } from './write.js';

export { buildWeekModel, type WeekModel } from './model.js';
export { solveDay, solveDaysInProcess, type DaySolveTask, type DaySolveResult, type DaySolver } from './day-solver.js';

/** Options of {@link planWeekly}. */
export interface WeeklyOptions {
  readonly seed: number;
  readonly weights: WeeklyWeights;
  /** Name written to the plan's metadata. */
  readonly strategy: string;
  readonly matrix?: ImportedMatrix;
  /** Passes over all days; each re-solves every day with the other days' continuity fixed. Default 4. */
  readonly rounds?: number;
  /** Search iterations per day and pass (the reproducible stopping criterion). Default 2,500. */
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
}

/**
 * The weekly planner.
 *
 * 1. Granted time becomes occurrences (two LPs, `planOccurrences`; weekly tasks prefer days on which
 *    the named contact works), a client's same-day tasks share visits, every day is a routing
 *    skeleton ({@link buildWeekModel}).
 * 2. A core team per client ({@link coreTeams}) gets a head start in familiarity.
 * 3. The baseline's greedy assignment, with windows cut to preferred times and new faces priced as
 *    below, seeds every day.
 * 4. Passes: every day is re-solved by the routing core (ruin-and-recreate under simulated
 *    annealing) with each (visit, staff) priced by the assignment terms against what the other days
 *    and the history do — a new face costs `newFace`, a known pair that share amortised over its
 *    visits (see `src/plan/terms/continuity.ts`) — so the routing
 *    moves trade continuity against travel. Days of a batch are solved together by
 *    `options.solveDays` (in parallel on worker threads when `planWeek` has workers).
 *    Visits left unplanned inside their preferred times get their full allowed windows back.
 *
 * Objective (minimised): weights.travel × travel minutes + unplanned penalties (HSL > care >
 * service, dominating) + Σ over terms weight × units (see `src/plan/terms`).
 */
export async function planWeekly(instance: Instance, options: WeeklyOptions): Promise<Plan> {
  const started = performance.now();
  // The search stops early enough to leave time for writing and explaining the plan (about 1 ms per visit).
  const deadline = (limit: number | undefined, visits: number): number =>
    limit === undefined ? Infinity : started + (limit - Math.min(0.15 * limit, 0.001 * visits)) * 1000;
  const w = options.weights;
  const rounds = options.rounds ?? 4;
  const iterations = options.iterationsPerDay ?? 2500;
  const workers = Math.max(1, Math.floor(options.workers ?? 1));
  const batch = Math.max(1, Math.floor(options.batch ?? 2));
  const model = buildWeekModel(instance, options.matrix, { namedContactDayCost: w.notNamed });
  const searchDeadline = deadline(options.timeLimitSeconds, model.candidates.length);
  const nDays = model.days.length;

  // Windows: cut to preferred times; a visit that cannot be planned inside them gets its allowed ones back.
  const relaxed = new Uint8Array(model.candidates.length);
  const windowsNow = (): (readonly Window[])[] => model.candidates.map((c, ci) => (relaxed[ci] || !model.preferredWindows[ci] ? c.windows : model.preferredWindows[ci]!));
  const core = coreTeams(model);
  const history = historyCounts(model);
  const nS = instance.staff.length;
  const headStart = Int32Array.from(history);
  core.forEach((members, c) => members.forEach((s) => (headStart[c * nS + s]! += CORE_HEAD_START)));
  const seedContinuity = { newFace: w.newFace, headStart };
  options.onProgress?.(0, 'seed');
  let seed = seedRoutes(model, windowsNow(), seedContinuity);
  const relax = (cands: Iterable<number>): boolean => {
    let any = false;
    for (const ci of cands) {
      if (model.preferredWindows[ci] && !relaxed[ci]) {
        relaxed[ci] = 1;
        any = true;
      }
    }
    return any;
  };
  if (relax(seed.unassigned)) seed = seedRoutes(model, windowsNow(), seedContinuity);

  const ledger = new ContinuityLedger(instance.clients.length, nS, history);
  const state: DaySolution[] = model.days.map(() => ({ routes: [], problem: null }));
  const record = (day: number, problem: Problem, routes: number[][]): void => {
    state[day] = { routes, problem };
    ledger.setDay(day, pairsOf(model, day, routes));
  };
  // The seed as the first solution of every day (repaired to the engine's rules if needed).
  for (let d = 0; d < nDays; d++) {
    const problem = compileProblem(dayProblem(model, d, { weights: w, others: ledger.othersThan(d), core, windows: windowsNow() }));
    record(d, problem, dropInfeasible(problem, seed.routes[d]!).routes);
  }

  const daySolver = options.solveDays ?? solveDaysInProcess;
  let stopped: StopReason = 'completed';
  let rejected = 0;
  const totalSolves = rounds * nDays;
  let done = 0;
  /** Unplanned engine visits of a day. */
  const leftOut = (d: number): number[] => {
    const onRoute = new Set(state[d]!.routes.flat());
    return model.days[d]!.visits.flatMap((_, i) => (onRoute.has(i) ? [] : [i]));
  };
  /**
   * Solves `days` together on the day solver, each priced against the ledger as it stands; a
   * result replaces the day's solution when the evaluator accepts it (and, with `onlyBetter`, when
   * it costs less). Returns false when the run must stop (abort or time limit).
   */
  const searchDays = async (days: readonly number[], salt: number, maxIterations: number, onlyBetter: boolean): Promise<boolean> => {
    if (options.signal?.aborted) stopped = 'aborted';
    const now = performance.now();
    if (stopped === 'completed' && now >= searchDeadline) stopped = 'time-limit';
    if (stopped !== 'completed') return false;
    const windows = windowsNow();
    const specs = days.map((d) => dayProblem(model, d, { weights: w, others: ledger.othersThan(d), core, windows }));
    // Time left is shared by the solves left, `min(workers, batch)` of them at a time.
    const perSolve = searchDeadline === Infinity ? undefined : Math.max(0.05, (((searchDeadline - now) / 1000) * Math.min(workers, batch)) / Math.max(1, totalSolves - done));
    const tasks: DaySolveTask[] = days.map((d, i) => ({
      spec: specs[i]!,
      seed: (options.seed * 7919 + salt * 131 + d) >>> 0,
      maxIterations,
      timeLimitSeconds: perSolve,
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
      const problem = compileProblem(specs[i]!);
      // Re-validated on arrival by the engine's independent evaluator; a rejected day keeps its previous solution.
      const ev = evaluateSolution(problem, r.routes);
      if (!ev.feasible) rejected++;
      if (ev.feasible && !onlyBetter) return record(d, problem, r.routes);
      const keep = dropInfeasible(problem, state[d]!.routes).routes;
      record(d, problem, ev.feasible && ev.cost < evaluateSolution(problem, keep).cost - 1e-9 ? r.routes : keep);
    });
    return true;
  };
  for (let round = 0; round < rounds && stopped === 'completed'; round++) {
    for (let b = 0; b < nDays; b += batch) {
      const days = Array.from({ length: Math.min(batch, nDays - b) }, (_, i) => b + i);
      if (!(await searchDays(days, round, iterations, false))) break;
      done += days.length;
      options.onProgress?.(done / totalSolves, `pass ${round + 1} of ${rounds}`);
    }
    // Visits left out inside their preferred times get their allowed windows from the next pass on.
    const unplanned = model.days.flatMap((m, d) => leftOut(d).map((i) => m.visits[i]!.cand));
    if (relax(unplanned) && round === rounds - 1 && stopped === 'completed') round--; // one more pass for them
  }
  // Days that still leave visits out get a longer search (kept only when it costs less).
  const short = model.days.map((_, d) => d).filter((d) => leftOut(d).length > 0);
  for (let b = 0; b < short.length; b += batch) {
    if (!(await searchDays(short.slice(b, b + batch), rounds + 1, iterations * 4, true))) break;
  }
  return writeWeeklyPlan(model, {
    strategy: options.strategy,
    seed: options.seed,
    weights: w,
    days: state,
    relaxed,
    history,
    stopped,
    rejected,
  });
}

/** (client, staff) pairs of a day's routes, flat, for the ledger. */
function pairsOf(model: WeekModel, day: number, routes: readonly (readonly number[])[]): Int32Array {
  const m = model.days[day]!;
  const out: number[] = [];
  routes.forEach((r, k) => {
    const s = model.staffIndex.get(model.shifts[m.shifts[k]!]!.staff.id)!;
    for (const v of r) out.push(model.candClient[m.visits[v]!.cand]!, s);
  });
  return Int32Array.from(out);
}
