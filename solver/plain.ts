/**
 * The schedule model on a plain vehicle (no break, no working-time limit, hard windows) for a new
 * route with nothing linked: one track — serve each visit at its earliest start — resumed from the
 * route's cached row, and the rest's latest-arrival bound in O(1). The same rules and sums as the
 * scan ({@link Scanner}), without its break tracks, partners and tardiness: the pricer's fast path
 * for the local search's many infeasible candidates on plain problems.
 */
import type { Problem } from './problem.js';
import { A_TIME, A_TRAVEL, ROW } from './route.js';
import type { WorkingSolution } from './solution.js';
import { earliestStart } from './windows.js';

/** Arrivals this close to a latest-arrival bound are left to the scan (its rounding). */
const TOL = 1e-6;

/**
 * The pieces of a proposal this pass reads (`Proposal` has them; named here so that the pricer
 * can import this file without a cycle): per new route its vehicle and piece range, per piece the
 * route it takes from (-1 for a single visit) and its range, and the pinned visit (-1 for none).
 */
export interface PlainPieces {
  readonly vehicle: Int32Array;
  readonly firstPiece: Int32Array;
  readonly pieceRoute: Int32Array;
  readonly pieceFrom: Int32Array;
  readonly pieceTo: Int32Array;
  readonly pinVisit: number;
}

/**
 * Travel cost of new route i of `prop` by the schedule model, Infinity when it breaks a rule
 * (capacity aside); NaN when the fast path does not apply and the scan must decide: the vehicle is
 * not plain, a visit is linked or pinned, or an arrival lies within rounding of the rest's bound.
 */
export function plainTravel(p: Problem, sol: WorkingSolution, prop: PlainPieces, i: number): number {
  const k = prop.vehicle[i]!;
  if (p.plainVehicle[k] !== 1 || prop.pinVisit >= 0) return NaN;
  const first = prop.firstPiece[i]!;
  const last = prop.firstPiece[i + 1]!;
  let count = 0;
  for (let q = first; q < last; q++) {
    const r = prop.pieceRoute[q]!;
    const from = prop.pieceFrom[q]!;
    if (r < 0) {
      if (p.linkFirst[from + 1]! > p.linkFirst[from]!) return NaN;
      count++;
      continue;
    }
    const R = sol.routes[r]!;
    const to = prop.pieceTo[q]!;
    if (R.linkedAfter[from] !== R.linkedAfter[to]) return NaN;
    count += to - from;
  }
  // An unused vehicle: no route.
  if (count === 0) return 0;
  const o = p.travelOffset[k]!;
  const nLoc = p.nLoc;
  const wD = p.wDist;
  const wT = p.wTime;
  const nK = p.nVehicles;
  let t = p.shiftStart[k]!;
  let travel = 0;
  let loc = p.startLoc[k]!;
  let q = first;
  if (q < last && prop.pieceRoute[q] === k && prop.pieceFrom[q] === 0) {
    // The route's own first visits: their cached row.
    const R = sol.routes[k]!;
    const to = prop.pieceTo[q]!;
    t = R.rows[to * ROW + A_TIME]!;
    travel = R.rows[to * ROW + A_TRAVEL]!;
    if (to > 0) loc = p.visitLoc[R.nodes[to - 1]!]!;
    q++;
  }
  for (; q < last; q++) {
    const r = prop.pieceRoute[q]!;
    const from = prop.pieceFrom[q]!;
    // A single visit is the piece [u, u + 1) of the visits themselves; a route's piece, of its nodes.
    const nodes = r < 0 ? null : sol.routes[r]!.nodes;
    const to = r < 0 ? from + 1 : prop.pieceTo[q]!;
    if (r >= 0 && q === last - 1 && to === sol.routes[r]!.len && p.timingClass[r] === p.timingClass[k]) {
      // The rest: its latest arrival bounds feasibility, its cached travel completes the cost.
      const R = sol.routes[r]!;
      const x = from < R.len ? p.visitLoc[R.nodes[from]!]! : p.endLoc[k]!;
      const leg = o + loc * nLoc + x;
      const arrive = t + p.time[leg]!;
      const latest = R.latest[from]!;
      if (arrive > latest + TOL) return Infinity;
      if (arrive > latest - TOL) return NaN;
      const into = from > 0 ? p.visitLoc[R.nodes[from - 1]!]! : p.startLoc[k]!;
      const old = o + into * nLoc + x;
      return travel + wD * p.dist[leg]! + wT * p.time[leg]! + R.sufTravel[from]! - (wD * p.dist[old]! + wT * p.time[old]!);
    }
    for (let x = from; x < to; x++) {
      const u = nodes ? nodes[x]! : x;
      const ul = p.visitLoc[u]!;
      const leg = o + loc * nLoc + ul;
      const s = earliestStart(p, u, t + p.time[leg]!);
      if (s === Infinity) return Infinity;
      travel += wD * p.dist[leg]! + wT * p.time[leg]!;
      t = s + p.duration[u * nK + k]!;
      loc = ul;
    }
  }
  const leg = o + loc * nLoc + p.endLoc[k]!;
  if (t + p.time[leg]! > p.shiftEnd[k]!) return Infinity;
  return travel + wD * p.dist[leg]! + wT * p.time[leg]!;
}
