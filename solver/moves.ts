/**
 * Local search: one neighbourhood loop and move operators behind one interface. An operator
 * describes each move around a visit v and one of v's nearest neighbours w as a {@link Proposal}
 * (plain data) together with its *arc price* (arc-prices.ts): the change of travel, per-visit,
 * fixed, pair and route-change costs, which is the whole price when costs do not depend on times. The loop skips moves whose
 * arc price does not improve on such routes, prices the rest by the schedule model (breaks, links,
 * working time, tardiness), and commits the first improving one — by the same code that commits
 * any proposal. Nothing is kept between pricing and committing, and the loop knows no operator.
 */
import { ArcPrices } from './arc-prices.js';
import { newStats, type OperatorStats, type SearchContext } from './operators.js';
import type { Problem } from './problem.js';
import { Proposal } from './proposal.js';
import type { WorkingSolution } from './solution.js';

export { ArcPrices } from './arc-prices.js';

const EPS = 1e-9;

/** Offers proposals to the loop; stops (returns true) as soon as `offer` commits one. */
export interface MoveOperator {
  readonly name: string;
  readonly stats: OperatorStats;
  /** Offers the operator's moves around assigned visits v and w (w one of v's nearest neighbours). */
  moves(a: ArcPrices, v: number, w: number, prop: Proposal, offer: (prop: Proposal) => boolean): boolean;
}

/** True when every visit of route r at positions [from, to) may be done by vehicle k. */
function compatible(p: Problem, sol: WorkingSolution, r: number, from: number, to: number, k: number): boolean {
  if (p.vehicleClass[r] === p.vehicleClass[k]) return true;
  const nodes = sol.routes[r]!.nodes;
  for (let x = from; x < to; x++) if (!p.compat[nodes[x]! * p.nVehicles + k]) return false;
  return true;
}

/** Fixed cost change when route k goes from n visits to m. */
function fixedChange(p: Problem, k: number, n: number, m: number): number {
  return n === 0 && m > 0 ? p.fixedCost[k]! : n > 0 && m === 0 ? -p.fixedCost[k]! : 0;
}

/**
 * Moves `minLength`–`maxLength` consecutive visits starting at v to just after w or just before
 * it, in w's route or within its own: relocate (one visit) and or-opt (2–3).
 */
export class SegmentMove implements MoveOperator {
  readonly stats = newStats();
  constructor(
    readonly name: string,
    private readonly minLength: number,
    private readonly maxLength: number,
  ) {}
  moves(a: ArcPrices, v: number, w: number, prop: Proposal, offer: (prop: Proposal) => boolean): boolean {
    const sol = a.sol;
    const p = sol.p;
    const k1 = sol.routeOf[v]!;
    const k2 = sol.routeOf[w]!;
    const i = sol.posOf[v]!;
    const n1 = sol.routes[k1]!.len;
    const nodes = sol.routes[k1]!.nodes;
    for (let L = this.minLength; L <= this.maxLength && i + L <= n1; L++) {
      if (k1 !== k2 && !compatible(p, sol, k1, i, i + L, k2)) break;
      const f = p.visitLoc[v]!;
      const l = p.visitLoc[nodes[i + L - 1]!]!;
      const pre = a.before(k1, i);
      const post = a.at(k1, i + L);
      const gain = a.arc(k1, pre, f) + a.arc(k1, l, post) - a.arc(k1, pre, post);
      let moved = k1 !== k2 ? fixedChange(p, k1, n1, n1 - L) + a.transfer(k1, i, i + L, k2) : 0;
      if (!a.free) {
        a.reset();
        a.moveAll(k1, i, i + L, k2);
        moved += a.collected();
      }
      for (let side = 0; side < 2; side++) {
        const q = sol.posOf[w]! + side;
        if (k1 === k2 && q >= i && q <= i + L) continue;
        const bq = a.before(k2, q);
        const aq = a.at(k2, q);
        const d = a.arc(k2, bq, f) + a.arc(k2, l, aq) - a.arc(k2, bq, aq) - gain + moved;
        if (!a.worth(d, k1, k2)) continue;
        prop.clear();
        if (k1 !== k2) {
          prop.route(k1).take(k1, 0, i).take(k1, i + L, n1);
          prop.route(k2).take(k2, 0, q).take(k1, i, i + L).take(k2, q, sol.routes[k2]!.len);
        } else if (q < i) prop.route(k1).take(k1, 0, q).take(k1, i, i + L).take(k1, q, i).take(k1, i + L, n1);
        else prop.route(k1).take(k1, 0, i).take(k1, i + L, q).take(k1, i, i + L).take(k1, q, n1);
        if (offer(prop)) return true;
      }
    }
    return false;
  }
}

/** Relocate: moves v next to w (before or after it), in w's route or within its own. */
export class Relocate extends SegmentMove {
  constructor() {
    super('relocate', 1, 1);
  }
}

/** Or-opt: moves 2–3 consecutive visits starting at v to just after w or just before it. */
export class OrOpt extends SegmentMove {
  constructor() {
    super('or-opt', 2, 3);
  }
}

/** Exchanges v and w (two routes, or two places of one route). */
export class Swap implements MoveOperator {
  readonly name = 'swap';
  readonly stats = newStats();
  moves(a: ArcPrices, v: number, w: number, prop: Proposal, offer: (prop: Proposal) => boolean): boolean {
    const sol = a.sol;
    const p = sol.p;
    const k1 = sol.routeOf[v]!;
    const k2 = sol.routeOf[w]!;
    let i = sol.posOf[v]!;
    let j = sol.posOf[w]!;
    const vl = p.visitLoc[v]!;
    const wl = p.visitLoc[w]!;
    let d: number;
    if (k1 !== k2) {
      if (!p.compat[v * p.nVehicles + k2] || !p.compat[w * p.nVehicles + k1]) return false;
      const p1 = a.before(k1, i);
      const n1 = a.at(k1, i + 1);
      const p2 = a.before(k2, j);
      const n2 = a.at(k2, j + 1);
      d = a.arc(k1, p1, wl) + a.arc(k1, wl, n1) - a.arc(k1, p1, vl) - a.arc(k1, vl, n1) + a.arc(k2, p2, vl) + a.arc(k2, vl, n2) - a.arc(k2, p2, wl) - a.arc(k2, wl, n2);
      if (!a.free) {
        a.reset();
        a.move(v, k1, k2);
        a.move(w, k2, k1);
        d += a.collected();
      }
      if (!a.worth(d, k1, k2)) return false;
      prop.clear();
      prop.route(k1).take(k1, 0, i).visit(w).take(k1, i + 1, sol.routes[k1]!.len);
      prop.route(k2).take(k2, 0, j).visit(v).take(k2, j + 1, sol.routes[k2]!.len);
      return offer(prop);
    }
    if (i > j) return false; // the pair (w, v) offers it
    const x = v;
    const y = w;
    const xl = vl;
    const yl = wl;
    const pre = a.before(k1, i);
    const post = a.at(k1, j + 1);
    if (j === i + 1) d = a.arc(k1, pre, yl) + a.arc(k1, yl, xl) + a.arc(k1, xl, post) - a.arc(k1, pre, xl) - a.arc(k1, xl, yl) - a.arc(k1, yl, post);
    else {
      const ni = a.at(k1, i + 1);
      const pj = a.before(k1, j);
      d = a.arc(k1, pre, yl) + a.arc(k1, yl, ni) - a.arc(k1, pre, xl) - a.arc(k1, xl, ni) + a.arc(k1, pj, xl) + a.arc(k1, xl, post) - a.arc(k1, pj, yl) - a.arc(k1, yl, post);
    }
    if (!a.worth(d, k1, k1)) return false;
    prop.clear();
    prop.route(k1).take(k1, 0, i).visit(y).take(k1, i + 1, j).visit(x).take(k1, j + 1, sol.routes[k1]!.len);
    i = j = 0;
    return offer(prop);
  }
}

/** 2-opt*: two routes exchange their tails so that v is followed by w (or w by v). */
export class TwoOptStar implements MoveOperator {
  readonly name = '2-opt*';
  readonly stats = newStats();
  moves(a: ArcPrices, v: number, w: number, prop: Proposal, offer: (prop: Proposal) => boolean): boolean {
    const sol = a.sol;
    const k1 = sol.routeOf[v]!;
    const k2 = sol.routeOf[w]!;
    if (k1 === k2) return false;
    const i = sol.posOf[v]!;
    const j = sol.posOf[w]!;
    return this.cut(a, k1, i + 1, k2, j, prop, offer) || this.cut(a, k2, j + 1, k1, i, prop, offer);
  }
  /** Route ra keeps its first `ia` visits and takes rb's from `jb` on; rb keeps `jb` and takes ra's rest. */
  private cut(a: ArcPrices, ra: number, ia: number, rb: number, jb: number, prop: Proposal, offer: (prop: Proposal) => boolean): boolean {
    const sol = a.sol;
    const p = sol.p;
    const na = sol.routes[ra]!.len;
    const nb = sol.routes[rb]!.len;
    if (!compatible(p, sol, rb, jb, nb, ra) || !compatible(p, sol, ra, ia, na, rb)) return false;
    let d: number;
    if (p.travelOffset[ra] === p.travelOffset[rb] && p.endLoc[ra] === p.endLoc[rb] && p.startLoc[ra] === p.startLoc[rb]) {
      // One travel profile and the same ends: only the two legs at the cuts change.
      const pa = a.before(ra, ia);
      const pb = a.before(rb, jb);
      const xa = a.at(ra, ia);
      const xb = a.at(rb, jb);
      d = a.arc(ra, pa, xb) + a.arc(rb, pb, xa) - a.arc(ra, pa, xa) - a.arc(rb, pb, xb);
    } else d = this.general(a, ra, ia, na, rb, jb, nb);
    d += fixedChange(p, ra, na, ia + nb - jb) + fixedChange(p, rb, nb, jb + na - ia);
    if (!a.free) {
      a.reset();
      a.moveAll(rb, jb, nb, ra);
      a.moveAll(ra, ia, na, rb);
      d += a.collected();
    }
    if (!a.worth(d, ra, rb)) return false;
    prop.clear();
    prop.route(ra).take(ra, 0, ia).take(rb, jb, nb);
    prop.route(rb).take(rb, 0, jb).take(ra, ia, na);
    return offer(prop);
  }

  /** Arc change of a tail exchange between routes of different travel profiles or ends. */
  private general(a: ArcPrices, ra: number, ia: number, na: number, rb: number, jb: number, nb: number): number {
    const sol = a.sol;
    const p = sol.p;
    // Old: both routes' legs around the cuts, the tails and their returns; new: the same, crossed.
    const tailA = a.inner(ra, ia, na, ra);
    const tailB = a.inner(rb, jb, nb, rb);
    const lastA = na > ia ? p.visitLoc[sol.routes[ra]!.nodes[na - 1]!]! : -1;
    const lastB = nb > jb ? p.visitLoc[sol.routes[rb]!.nodes[nb - 1]!]! : -1;
    const old = legIn(a, ra, ia, na) + tailA + legOut(a, ra, lastA, ra) + legIn(a, rb, jb, nb) + tailB + legOut(a, rb, lastB, rb);
    const fresh =
      (nb > jb ? a.arc(ra, a.before(ra, ia), a.at(rb, jb)) : 0) + a.inner(rb, jb, nb, ra) + legOut(a, ra, lastB, rb) + (na > ia ? a.arc(rb, a.before(rb, jb), a.at(ra, ia)) : 0) + a.inner(ra, ia, na, rb) + legOut(a, rb, lastA, ra);
    // Routes that end up with or without visits: their return legs from the kept part.
    return fresh - old + endLeg(a, ra, ia, nb - jb) - endLeg(a, ra, ia, na - ia) + endLeg(a, rb, jb, na - ia) - endLeg(a, rb, jb, nb - jb);
  }
}

/** Leg into the first visit of [from, to) of route k from its predecessor (0 when the piece is empty). */
function legIn(a: ArcPrices, k: number, from: number, to: number): number {
  return to > from ? a.arc(k, a.before(k, from), a.at(k, from)) : 0;
}

/** Return leg of vehicle k from location `last` (-1: no visit, 0). */
function legOut(a: ArcPrices, k: number, last: number, _owner: number): number {
  return last < 0 ? 0 : a.arc(k, last, a.sol.p.endLoc[k]!);
}

/** Return leg of route k's kept first `keep` visits when the appended tail is empty (else 0). */
function endLeg(a: ArcPrices, k: number, keep: number, tail: number): number {
  if (tail > 0 || keep === 0) return 0;
  return a.arc(k, a.before(k, keep), a.sol.p.endLoc[k]!);
}

/**
 * Cross-exchange: a segment of up to `maxLength` visits at v and one at w change routes (at least
 * one of length ≥ 2; 1–1 is a swap), so that w comes to precede v or v to precede w. Default up
 * to 2–2: on Solomon and home-care days longer segments found under 1 % of the improvements for
 * most of the operator's work.
 */
export class CrossExchange implements MoveOperator {
  readonly name = 'cross';
  readonly stats = newStats();
  constructor(readonly maxLength = 2) {}
  moves(a: ArcPrices, v: number, w: number, prop: Proposal, offer: (prop: Proposal) => boolean): boolean {
    const sol = a.sol;
    const p = sol.p;
    const k1 = sol.routeOf[v]!;
    const k2 = sol.routeOf[w]!;
    if (k1 === k2) return false;
    const i = sol.posOf[v]!;
    const j = sol.posOf[w]!;
    const n1 = sol.routes[k1]!.len;
    const n2 = sol.routes[k2]!.len;
    const r1 = sol.routes[k1]!.nodes;
    const r2 = sol.routes[k2]!.nodes;
    const M = this.maxLength;
    for (let o = 0; o < 2; o++) {
      for (let la = 1; la <= M; la++) {
        // w then A (A starts at v); or A (ending at v) then w. A's ends and the legs it leaves.
        const i0 = o === 0 ? i : i - la + 1;
        if (i0 < 0 || i0 + la > n1 || !compatible(p, sol, k1, i0, i0 + la, k2)) continue;
        const a0 = p.visitLoc[r1[i0]!]!;
        const aL = p.visitLoc[r1[i0 + la - 1]!]!;
        const p1 = a.before(k1, i0);
        const x1 = a.at(k1, i0 + la);
        const leftA = a.arc(k1, p1, a0) + a.arc(k1, aL, x1) - a.transfer(k1, i0, i0 + la, k2);
        for (let lb = la === 1 ? 2 : 1; lb <= M; lb++) {
          const j0 = o === 0 ? j + 1 : j - lb;
          if (j0 < 0 || j0 + lb > n2 || !compatible(p, sol, k2, j0, j0 + lb, k1)) continue;
          const b0 = p.visitLoc[r2[j0]!]!;
          const bL = p.visitLoc[r2[j0 + lb - 1]!]!;
          const p2 = a.before(k2, j0);
          const x2 = a.at(k2, j0 + lb);
          let d = a.arc(k1, p1, b0) + a.arc(k1, bL, x1) + a.arc(k2, p2, a0) + a.arc(k2, aL, x2) - leftA - a.arc(k2, p2, b0) - a.arc(k2, bL, x2);
          d += a.transfer(k2, j0, j0 + lb, k1);
          if (!a.free) {
            a.reset();
            a.moveAll(k1, i0, i0 + la, k2);
            a.moveAll(k2, j0, j0 + lb, k1);
            d += a.collected();
          }
          if (!a.worth(d, k1, k2)) continue;
          prop.clear();
          prop.route(k1).take(k1, 0, i0).take(k2, j0, j0 + lb).take(k1, i0 + la, n1);
          prop.route(k2).take(k2, 0, j0).take(k1, i0, i0 + la).take(k2, j0 + lb, n2);
          if (offer(prop)) return true;
        }
      }
    }
    return false;
  }
}

/** The default move operators, in the order the loop offers them. */
export function defaultMoves(): MoveOperator[] {
  return [new Relocate(), new Swap(), new TwoOptStar(), new OrOpt(), new CrossExchange()];
}

/**
 * The neighbourhood loop, with don't-look bits: a worklist of visits, first `seeds` (default every
 * visit of the routes changed in the current undo level); for a visit taken from it, every
 * operator's moves with each of its `granularity` nearest neighbours on a route are offered, and
 * the first improving one is committed — then every visit of the routes it changed goes back on
 * the list. Ends when the list is empty (or after `maxMoves` moves). Returns the moves committed.
 */
export function localSearch(ctx: SearchContext, ops: readonly MoveOperator[], granularity = 12, maxMoves = 1000, seeds?: ArrayLike<number>): number {
  const { sol, pricer } = ctx;
  const p = sol.p;
  const prop = new Proposal();
  const arcs = new ArcPrices(sol);
  const G = Math.min(granularity, p.nNeighbours);
  let current: MoveOperator = ops[0]!;
  let moved = 0;
  const queue: number[] = [];
  const listed = new Uint8Array(p.nVisits);
  const boundary = new Int32Array(64);
  const push = (v: number): void => {
    if (!listed[v]) {
      listed[v] = 1;
      queue.push(v);
    }
  };
  const pushRoute = (k: number): void => {
    const r = sol.routes[k]!;
    for (let x = 0; x < r.len; x++) push(r.nodes[x]!);
  };
  const offer = (q: Proposal): boolean => {
    // The scan's price first: when partners would move it is a lower bound (costs only grow with
    // later starts), so only a move that may still improve gets a dry run.
    let d = pricer.price(q, true);
    if (!(d < -EPS)) return false;
    if (pricer.needsTrial) {
      d = pricer.confirm(q);
      if (!(d < -EPS)) return false;
    }
    // The visits at the ends of the changed arcs get looked at again (don't-look bits).
    const ends = arcEnds(sol, q, boundary);
    // A commit that breaks a rule (a price that was wrong) leaves nothing changed; it is counted.
    if (!pricer.commit(q)) {
      pricer.failedCommits++;
      return false;
    }
    for (let i = 0; i < ends; i++) push(boundary[i]!);
    current.stats.improved++;
    moved++;
    return true;
  };
  if (seeds) for (let i = 0; i < seeds.length; i++) push(seeds[i]!);
  else {
    const changed = sol.changedRoutes();
    for (let c = 0; c < changed.count; c++) pushRoute(changed.list[c]!);
  }
  for (let head = 0; head < queue.length && moved < maxMoves; head++) {
    const v = queue[head]!;
    listed[v] = 0;
    if (sol.routeOf[v]! < 0) continue;
    search: for (let g = 0; g < G; g++) {
      const w = p.neighbours[v * p.nNeighbours + g]!;
      if (sol.routeOf[w]! < 0) continue;
      for (const op of ops) {
        current = op;
        op.stats.calls++;
        if (op.moves(arcs, v, w, prop, offer)) {
          push(v);
          break search;
        }
      }
    }
  }
  return moved;
}

/**
 * The visits on both sides of every piece boundary of a proposal's new routes (the ends of the
 * arcs it changes), written to `out`; returns how many.
 */
function arcEnds(sol: WorkingSolution, q: Proposal, out: Int32Array): number {
  let n = 0;
  const add = (v: number): void => {
    if (v >= 0 && n < out.length) out[n++] = v;
  };
  for (let i = 0; i < q.nRoutes; i++) {
    for (let x = q.firstPiece[i]!; x < q.firstPiece[i + 1]!; x++) {
      const r = q.pieceRoute[x]!;
      if (r < 0) {
        add(q.pieceFrom[x]!);
        continue;
      }
      const nodes = sol.routes[r]!.nodes;
      add(nodes[q.pieceFrom[x]!]!);
      add(nodes[q.pieceTo[x]! - 1]!);
    }
  }
  return n;
}
