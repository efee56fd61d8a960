import { compileProblem, scheduleRoutes, type Problem, type ProblemSpec } from '../../../solver/index.js';
import { ContinuityLedger } from '../continuity-ledger.js';
import type { PreviousVisit, WeeklyWeights } from '../terms/index.js';
import { dayProblem, type ReplanRules } from './day-problem.js';
import type { WeekModel, Window } from './model.js';
import type { DaySolution } from './write.js';

/**
 * The start windows of every candidate as the search currently uses them: narrowed (to preferred
 * times, or in a replan to the plan in force's times) until the candidate cannot be planned so,
 * then its allowed windows ("relaxed").
 */
export class WeekWindows {
  /** Per candidate: 1 when its narrowed windows were given up. */
  readonly relaxed: Uint8Array;
  private readonly allowed: readonly (readonly Window[])[];
  private readonly narrowed: readonly (readonly Window[] | null)[];

  constructor(model: WeekModel, allowed?: readonly (readonly Window[])[], narrowed?: readonly (readonly Window[] | null)[]) {
    this.allowed = allowed ?? model.candidates.map((c) => c.windows);
    this.narrowed = narrowed ?? model.preferredWindows;
    this.relaxed = new Uint8Array(model.candidates.length);
  }

  /** The windows per candidate now. */
  now(): (readonly Window[])[] {
    return this.allowed.map((ws, ci) => (this.relaxed[ci] || !this.narrowed[ci] ? ws : this.narrowed[ci]!));
  }

  /** Gives the candidates their allowed windows back; true when any was still narrowed. */
  relax(cands: Iterable<number>): boolean {
    let any = false;
    for (const ci of cands) {
      if (this.narrowed[ci] && !this.relaxed[ci]) {
        this.relaxed[ci] = 1;
        any = true;
      }
    }
    return any;
  }
}

/**
 * A week's current solution: per day its routes and the problem they solve, priced against the
 * other days' continuity (the ledger). The weekly search and the recommender both start from it:
 * each day's start routes are timed by the routing core (repaired where they break a rule).
 */
export class WeekState {
  readonly days: DaySolution[];
  readonly ledger: ContinuityLedger;

  constructor(
    readonly model: WeekModel,
    readonly weights: WeeklyWeights,
    readonly windows: WeekWindows,
    history: Int32Array,
    initial: readonly (readonly (readonly number[])[])[],
    readonly rules?: ReplanRules,
    /** Next period like the last: per candidate, the reference visit it continues (priced by `consistency`). */
    readonly previous?: readonly (PreviousVisit | null)[],
  ) {
    this.ledger = new ContinuityLedger(model.instance.clients.length, model.instance.staff.length, history);
    this.days = model.days.map(() => ({ routes: [], problem: null }));
    initial.forEach((routes, d) => this.ledger.setDay(d, pairsOf(model, d, routes)));
    for (let d = 0; d < model.days.length; d++) {
      const problem = compileProblem(this.spec(d));
      this.record(d, problem, scheduleRoutes(problem, initial[d]!).routes);
    }
  }

  /** Day d's routing problem, priced against the other days as they stand and the windows now. */
  spec(d: number): ProblemSpec {
    return dayProblem(this.model, d, { weights: this.weights, others: this.ledger.othersThan(d), windows: this.windows.now(), rules: this.rules, previous: this.previous });
  }

  /** Makes `routes` day d's solution (of `problem`). */
  record(d: number, problem: Problem, routes: number[][]): void {
    this.days[d] = { routes, problem };
    this.ledger.setDay(d, pairsOf(this.model, d, routes));
  }
}

/** (client, staff) pairs of a day's routes, flat, for the ledger. */
function pairsOf(model: WeekModel, day: number, routes: readonly (readonly number[])[]): Int32Array {
  const m = model.days[day]!;
  const out: number[] = [];
  routes.forEach((r, k) => {
    const s = model.staffIndex.get(model.shifts[m.shifts[k]!]!.staff.id)!;
    for (const v of r) if (v >= 0) out.push(model.candClient[m.visits[v]!.cand]!, s);
  });
  return Int32Array.from(out);
}
