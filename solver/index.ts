/**
 * The numeric routing engine (VRPTW with home-care rules). Public surface:
 * - {@link compileProblem} turns a readable {@link ProblemSpec} into the immutable typed-array
 *   {@link Problem};
 * - {@link solve} runs ruin-and-recreate + local search under simulated annealing;
 * - {@link evaluateSolution} / {@link checkSchedule} are the independent evaluator;
 *   {@link dropInfeasible} leaves out the visits that break rules.
 */
export { compileProblem, earliestStart, tardinessAt, REQUIRED_PENALTY } from './problem.js';
export type { Problem, ProblemSpec, VisitSpec, VehicleSpec, LinkSpec, BreakSpec, ObjectiveSpec } from './problem.js';
export { solve, DEFAULT_PARAMS } from './search.js';
export type { SearchOptions, SearchResult, Progress } from './search.js';
export { evaluateSolution, checkSchedule, dropInfeasible } from './evaluate.js';
export type { Evaluation, Violation } from './evaluate.js';
export { BlinkInsertion, RegretInsertion, RandomRemoval, RelatedRemoval, StringRemoval, WorstRemoval, Relocate } from './operators.js';
export type { Operator, OperatorParams, OperatorStats } from './operators.js';
export { GranularRelocate, GranularSwap, TwoOptStar, OrOpt, CrossExchange } from './localsearch.js';
export { WorkingSolution } from './solution.js';
export { Rng } from './rng.js';
