/**
 * The numeric routing engine (VRPTW with home-care rules). Public surface:
 * - {@link compileProblem} turns a readable {@link ProblemSpec} into the immutable typed-array
 *   {@link Problem};
 * - {@link solve} runs ruin-and-recreate + local search under simulated annealing;
 * - {@link scheduleRoutes} places given routes' breaks and times them by the schedule model;
 * - {@link evaluateSolution} / {@link checkSchedule} are the engine's specification check;
 *   {@link dropInfeasible} leaves out the visits that break rules.
 */
export { compileProblem, pairPrice } from './problem.js';
export type { Problem, ProblemSpec, VisitSpec, VehicleSpec, LinkSpec, BreakSpec, ObjectiveSpec, PairCostSpec } from './problem.js';
export { earliestStart, latestStart, tardinessAt } from './windows.js';
export { solve, DEFAULT_PARAMS } from './search.js';
export type { SearchOptions, SearchResult, Progress } from './search.js';
export { evaluateSolution, checkSchedule, dropInfeasible } from './evaluate.js';
export type { Evaluation, Violation } from './evaluate.js';
export { compareScores, compareUnplanned, newScore, unplannedCount, type Score } from './score.js';
export { BlinkInsertion, RegretInsertion, RandomRemoval, RelatedRemoval, StringRemoval, WorstRemoval } from './operators.js';
export type { Operator, OperatorParams, OperatorStats, SearchContext } from './operators.js';
export { Relocate, Swap, TwoOptStar, OrOpt, CrossExchange, defaultMoves, localSearch, type MoveOperator } from './moves.js';
export { WorkingSolution, BREAK } from './solution.js';
export { scheduleRoutes } from './placement.js';
export { Rng } from './rng.js';
