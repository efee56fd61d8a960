/**
 * Proposals and their prices. A {@link Proposal} describes new visit sequences for one or two
 * routes as pieces of the current routes (and single visits); every insertion and every
 * local-search move is one. The {@link Pricer} gives the exact change of the soft cost by the
 * schedule model: it resumes the scan from the first route's cached row where the new sequence
 * begins with the route's own first visits, scans what changed, and ends in the cached rest of a
 * route as soon as the scan's state meets it (or, on plain vehicles, checks the rest's
 * latest-arrival bound in O(1)). A proposal whose link partners would have to move is priced by
 * committing it inside an undo level and rolling back — the same code that commits it.
 */
import { PairTally } from './pair-tally.js';
import { plainTravel } from './plain.js';
import type { Problem } from './problem.js';
import { changeCost, referencesIn } from './route-change.js';
import { PARTNER_AHEAD, PARTNER_FIXED, PARTNER_MOVED, PARTNER_NONE, Scanner, type PartnerView } from './scanner.js';
import type { WorkingSolution } from './solution.js';

/** Most pieces a proposal may have over its routes. */
const MAX_PIECES = 12;
/** Margin around a latest-arrival bound (computed backward, so rounded differently from a forward pass). */
const TOL = 1e-6;

/** New sequences for one or two routes, as pieces of current routes and single visits. */
export class Proposal {
  nRoutes = 0;
  readonly vehicle = new Int32Array(2);
  /** Pieces of route i: `[firstPiece[i], firstPiece[i + 1])`. */
  readonly firstPiece = new Int32Array(3);
  nPieces = 0;
  /** Route a piece comes from, or -1 for a single visit. */
  readonly pieceRoute = new Int32Array(MAX_PIECES);
  /** First position of the piece (a single visit: the visit). */
  readonly pieceFrom = new Int32Array(MAX_PIECES);
  /** Position after the piece's last visit. */
  readonly pieceTo = new Int32Array(MAX_PIECES);
  /** Per new route, the break position its last price chose (-1: none); a commit may keep it. */
  readonly breakPos = new Int32Array(2).fill(-1);
  /** A visit whose start must lie in [pinLo, pinHi] (pair insertion), or -1. */
  pinVisit = -1;
  pinLo = -Infinity;
  pinHi = Infinity;

  /** Empties the proposal. */
  clear(): this {
    this.nRoutes = 0;
    this.nPieces = 0;
    this.pinVisit = -1;
    return this;
  }

  /** Starts the new sequence of route (vehicle) k. */
  route(k: number): this {
    this.vehicle[this.nRoutes] = k;
    this.firstPiece[this.nRoutes] = this.nPieces;
    this.nRoutes++;
    this.firstPiece[this.nRoutes] = this.nPieces;
    return this;
  }

  /** Appends visits `from .. to` (exclusive) of route r as they are now. */
  take(r: number, from: number, to: number): this {
    if (to > from) {
      this.pieceRoute[this.nPieces] = r;
      this.pieceFrom[this.nPieces] = from;
      this.pieceTo[this.nPieces] = to;
      this.firstPiece[this.nRoutes] = ++this.nPieces;
    }
    return this;
  }

  /** Appends visit v (unassigned, or moved from a route of this proposal). */
  visit(v: number): this {
    this.pieceRoute[this.nPieces] = -1;
    this.pieceFrom[this.nPieces] = v;
    this.pieceTo[this.nPieces] = v + 1;
    this.firstPiece[this.nRoutes] = ++this.nPieces;
    return this;
  }

  /** Pins visit v's start to [lo, hi]. */
  pin(v: number, lo: number, hi: number): this {
    this.pinVisit = v;
    this.pinLo = lo;
    this.pinHi = hi;
    return this;
  }

  /** Index (0, 1) of the new route holding visit w now at (route r, position x), or -1. */
  holder(w: number, r: number, x: number): number {
    for (let i = 0; i < this.nRoutes; i++) {
      for (let q = this.firstPiece[i]!; q < this.firstPiece[i + 1]!; q++) {
        const pr = this.pieceRoute[q]!;
        if (pr < 0 ? this.pieceFrom[q] === w : pr === r && x >= this.pieceFrom[q]! && x < this.pieceTo[q]!) return i;
      }
    }
    return -1;
  }
}

/** Partners as the scan of a proposal's route sees them. */
class ProposalPartners implements PartnerView {
  prop: Proposal | null = null;
  current = 0;
  constructor(private readonly sol: WorkingSolution) {}
  locate(w: number): number {
    const prop = this.prop!;
    const r = this.sol.routeOf[w]!;
    const changed = r >= 0 && (r === prop.vehicle[0] || (prop.nRoutes > 1 && r === prop.vehicle[1]));
    if (r >= 0 && !changed) return PARTNER_FIXED;
    const at = prop.holder(w, r, r >= 0 ? this.sol.posOf[w]! : -1);
    return at < 0 ? PARTNER_NONE : at === this.current ? PARTNER_AHEAD : PARTNER_MOVED;
  }
  startOf(w: number): number {
    return this.sol.start[w]!;
  }
}

/** Prices and commits {@link Proposal}s on one working solution. */
export class Pricer {
  private readonly p: Problem;
  private readonly scanner: Scanner;
  private readonly partners: ProposalPartners;
  private readonly pairs: PairTally;
  private readonly total = (index: number): number => this.sol.pairTotal(index);
  private buffers: Int32Array[] = [new Int32Array(64), new Int32Array(64)];
  /** Largest tardiness and break position of each new route after {@link price}. */
  readonly newMax = new Float64Array(2);
  /** The last price came from a trial commit (link partners had to move). */
  trial = false;
  /** The last price needs link partners to move (see {@link price}'s `lazy`). */
  needsTrial = false;
  /** Trial commits so far (statistics). */
  trials = 0;
  /** Commits of moves priced as feasible that broke a rule (and were undone): 0 unless a price is wrong. */
  failedCommits = 0;

  /**
   * A working-time limit somewhere: a partner moved earlier by a commit may then work too long (the
   * limit is not monotone in starts), so proposals with linked visits are priced by a dry run.
   */
  private readonly anyMaxWork: boolean;

  constructor(readonly sol: WorkingSolution) {
    this.p = sol.p;
    this.anyMaxWork = sol.p.maxWork.some((m) => m < Infinity) && sol.p.nLinks > 0;
    this.pairs = new PairTally(sol.p);
    this.scanner = new Scanner(sol.p, sol.routeOf, sol.posOf);
    this.partners = new ProposalPartners(sol);
  }

  /**
   * Change of the soft cost if `prop` were committed; Infinity when it breaks a rule. When link
   * partners would have to move, the price comes from a trial commit — unless `lazy`: then the
   * scan's own price is returned (exact when costs do not depend on times, a lower bound
   * otherwise) with {@link needsTrial} set, and the caller decides whether to {@link confirm} it.
   */
  price(prop: Proposal, lazy = false): number {
    const p = this.p;
    const sol = this.sol;
    this.trial = false;
    let delta = 0;
    let needsTrial = false;
    for (let i = 0; i < prop.nRoutes; i++) {
      const k = prop.vehicle[i]!;
      // Capacity first: it needs no scan.
      this.sums(prop, i);
      if (this.load > p.capacity[k]! + 1e-9) return Infinity;
      let travel = plainTravel(p, sol, prop, i);
      if (travel === travel) {
        if (travel === Infinity) return Infinity;
        prop.breakPos[i] = -1;
        this.newMax[i] = 0;
      } else {
        travel = this.scanRoute(prop, i);
        if (travel === Infinity) {
          // The scan leaves out bounds from partners this proposal moves; under a working-time limit
          // (not monotone in starts) such a bound may be what delays the route's first start enough.
          if (this.anyMaxWork && this.scanner.moved) {
            this.needsTrial = true;
            return this.tryCommit(prop);
          }
          return Infinity;
        }
        prop.breakPos[i] = this.scanner.breakPos;
        if (this.scanner.taint || this.scanner.moved || (this.anyMaxWork && this.scanner.linkedSeen)) needsTrial = true;
      }
      delta += (this.count === 0 ? 0 : travel + this.assign + p.fixedCost[k]!) + changeCost(p, k, this.count, this.refIn) - sol.routes[k]!.cost;
    }
    delta += this.pairChange(prop) + this.optionalChange(prop);
    if (p.wMaxTard > 0) {
      const others = sol.maxTardinessExcept(prop.vehicle[0]!, prop.nRoutes > 1 ? prop.vehicle[1]! : -1);
      let now = others;
      let next = others;
      for (let i = 0; i < prop.nRoutes; i++) {
        now = Math.max(now, sol.routes[prop.vehicle[i]!]!.maxTardiness);
        next = Math.max(next, this.newMax[i]!);
      }
      delta += p.wMaxTard * (next - now);
    }
    this.needsTrial = needsTrial || (prop.nRoutes === 2 && this.prefixesLinked(prop));
    if (this.needsTrial && !lazy) return this.tryCommit(prop);
    return delta;
  }

  /** The exact price of a proposal {@link price} left to a trial. */
  confirm(prop: Proposal): number {
    return this.tryCommit(prop);
  }

  /** A resumed prefix of one new route has a visit linked to the other changed route (its cached bounds may not hold). */
  private prefixesLinked(prop: Proposal): boolean {
    const p = this.p;
    const sol = this.sol;
    for (let i = 0; i < 2; i++) {
      const k = prop.vehicle[i]!;
      const other = prop.vehicle[1 - i]!;
      const q = prop.firstPiece[i]!;
      if (!(q < prop.firstPiece[i + 1]! && prop.pieceRoute[q] === k && prop.pieceFrom[q] === 0)) continue;
      const R = sol.routes[k]!;
      const j = prop.pieceTo[q]!;
      if (R.linkedAfter[0]! - R.linkedAfter[j]! === 0) continue;
      for (let x = 0; x < j; x++) {
        const u = R.nodes[x]!;
        for (let y = p.linkFirst[u]!; y < p.linkFirst[u + 1]!; y++) {
          const l = p.visitLinks[y]!;
          const w = p.linkA[l] === u ? p.linkB[l]! : p.linkA[l]!;
          if (sol.routeOf[w] === other) return true;
        }
      }
    }
    return false;
  }

  /**
   * The price without timing, from arcs alone: exact for a feasible proposal when costs do not
   * depend on times (hard windows, no break at the base); NaN otherwise. A move whose estimate
   * does not improve cannot improve, so local search prices only the others.
   */
  estimate(prop: Proposal): number {
    const p = this.p;
    if (p.timed) return NaN;
    const sol = this.sol;
    let delta = 0;
    for (let i = 0; i < prop.nRoutes; i++) {
      const k = prop.vehicle[i]!;
      if (p.breakAtBase[k] === 1 && p.breakDuration[k]! > 0) return NaN;
      const o = p.travelOffset[k]!;
      let at = p.startLoc[k]!;
      let arcs = 0;
      for (let q = prop.firstPiece[i]!; q < prop.firstPiece[i + 1]!; q++) {
        const r = prop.pieceRoute[q]!;
        if (r < 0) {
          const l = p.visitLoc[prop.pieceFrom[q]!]!;
          arcs += arcCost(p, o, at, l);
          at = l;
          continue;
        }
        const R = sol.routes[r]!;
        const from = prop.pieceFrom[q]!;
        const to = prop.pieceTo[q]!;
        arcs += arcCost(p, o, at, p.visitLoc[R.nodes[from]!]!);
        if (p.travelOffset[r] === o) arcs += R.arcBefore[to - 1]! - R.arcBefore[from]!;
        else for (let x = from + 1; x < to; x++) arcs += arcCost(p, o, p.visitLoc[R.nodes[x - 1]!]!, p.visitLoc[R.nodes[x]!]!);
        at = p.visitLoc[R.nodes[to - 1]!]!;
      }
      this.sums(prop, i);
      const cost = (this.count === 0 ? 0 : arcs + arcCost(p, o, at, p.endLoc[k]!) + this.assign + p.fixedCost[k]!) + changeCost(p, k, this.count, this.refIn);
      delta += cost - sol.routes[k]!.cost;
    }
    return delta + this.pairChange(prop) + this.optionalChange(prop);
  }

  /** Per-visit costs, load, length and reference visits of new route i (into assign, load, count, refIn). */
  private sums(prop: Proposal, i: number): void {
    const p = this.p;
    const sol = this.sol;
    const k = prop.vehicle[i]!;
    let assign = 0;
    let load = 0;
    let n = 0;
    let refIn = 0;
    const refs = p.routeChangeActive;
    for (let q = prop.firstPiece[i]!; q < prop.firstPiece[i + 1]!; q++) {
      const r = prop.pieceRoute[q]!;
      if (r < 0) {
        const v = prop.pieceFrom[q]!;
        load += p.demand[v]!;
        if (p.assignCost) assign += p.assignCost[v * p.nVehicles + k]!;
        if (p.referenceVehicle[v] === k) refIn++;
        n++;
        continue;
      }
      const R = sol.routes[r]!;
      const from = prop.pieceFrom[q]!;
      const to = prop.pieceTo[q]!;
      n += to - from;
      load += R.loadPrefix[to]! - R.loadPrefix[from]!;
      if (refs) refIn += referencesIn(p, R, r, from, to, k);
      if (r === k) assign += R.assignPrefix[to]! - R.assignPrefix[from]!;
      else if (p.assignCost) for (let x = from; x < to; x++) assign += p.assignCost[R.nodes[x]! * p.nVehicles + k]!;
    }
    this.assign = assign;
    this.load = load;
    this.count = n;
    this.refIn = refIn;
  }

  private assign = 0;
  private load = 0;
  private count = 0;
  private refIn = 0;

  /**
   * Commits `prop` (guarded: when a rule breaks, nothing changes); returns whether it held. With
   * `keepBreaks` the routes keep the break positions the last {@link price} chose (a pair
   * inserted at a pinned minute: without the pin the model could place a break elsewhere).
   */
  commit(prop: Proposal, keepBreaks = false): boolean {
    const breaks = keepBreaks ? prop.breakPos.subarray(0, prop.nRoutes) : undefined;
    return this.sol.guarded(() => this.sol.setSequences(prop.vehicle.subarray(0, prop.nRoutes), this.sequences(prop), breaks));
  }

  /** The new visit sequences of a proposal (into reused buffers). */
  private sequences(prop: Proposal): Int32Array[] {
    const sol = this.sol;
    const seqs: Int32Array[] = [];
    for (let i = 0; i < prop.nRoutes; i++) {
      let n = 0;
      for (let q = prop.firstPiece[i]!; q < prop.firstPiece[i + 1]!; q++) n += prop.pieceRoute[q]! < 0 ? 1 : prop.pieceTo[q]! - prop.pieceFrom[q]!;
      if (this.buffers[i]!.length < n) this.buffers[i] = new Int32Array(2 * n);
      const buf = this.buffers[i]!;
      let x = 0;
      for (let q = prop.firstPiece[i]!; q < prop.firstPiece[i + 1]!; q++) {
        const r = prop.pieceRoute[q]!;
        if (r < 0) buf[x++] = prop.pieceFrom[q]!;
        else for (let y = prop.pieceFrom[q]!; y < prop.pieceTo[q]!; y++) buf[x++] = sol.routes[r]!.nodes[y]!;
      }
      seqs.push(buf.subarray(0, n));
    }
    return seqs;
  }

  /** Prices by a dry run of the commit (exact, also when link partners move). */
  private tryCommit(prop: Proposal): number {
    const sol = this.sol;
    this.trial = true;
    this.trials++;
    const before = sol.cost();
    const after = sol.dryRun(prop.vehicle.subarray(0, prop.nRoutes), this.sequences(prop));
    return after - before;
  }

  /**
   * Travel and tardiness cost of new route i by the scan (Infinity when infeasible); leaves the
   * scanner's flags (taint, moved) and its largest tardiness in {@link newMax}.
   */
  private scanRoute(prop: Proposal, i: number): number {
    const p = this.p;
    const sol = this.sol;
    const sc = this.scanner;
    const k = prop.vehicle[i]!;
    const first = prop.firstPiece[i]!;
    const last = prop.firstPiece[i + 1]!;
    this.partners.prop = prop;
    this.partners.current = i;
    sc.pinVisit = prop.pinVisit;
    sc.pinLo = prop.pinLo;
    sc.pinHi = prop.pinHi;
    let q = first;
    if (q < last && prop.pieceRoute[q] === k && prop.pieceFrom[q] === 0) {
      sc.resume(k, sol.routes[k]!, k, prop.pieceTo[q]!, this.partners);
      q++;
    } else sc.start(k, this.partners);
    // Merges into a route's rest need that nothing before it changed its partners' bounds.
    const single = prop.nRoutes === 1;
    for (; q < last; q++) {
      const r = prop.pieceRoute[q]!;
      if (r < 0) {
        sc.step(prop.pieceFrom[q]!);
        if (sc.hopeless) return Infinity;
        continue;
      }
      const R = sol.routes[r]!;
      const from = prop.pieceFrom[q]!;
      const to = prop.pieceTo[q]!;
      const rest = q === last - 1 && to === R.len && p.timingClass[r] === p.timingClass[k];
      if (rest) {
        // The route's own bound on the arrival at its visit `from` (or end) is necessary.
        const x = from < R.len ? p.visitLoc[R.nodes[from]!]! : p.endLoc[k]!;
        const leg = p.travelOffset[k]! + sc.loc * p.nLoc + x;
        const ready = Math.min(sc.aTime, sc.bTime, sc.zTime);
        if (ready + p.time[leg]! > R.latest[from]! + TOL) return Infinity;
        if (p.plainVehicle[k] && R.linkedAfter[from] === 0 && ready + p.time[leg]! <= R.latest[from]! - TOL) {
          // Exact in O(1): no break, hard windows, nothing linked from here on (borderline
          // arrivals, where the backward bound's rounding could mislead, are scanned instead).
          const into = from > 0 ? p.visitLoc[R.nodes[from - 1]!]! : p.startLoc[k]!;
          const old = p.travelOffset[k]! + into * p.nLoc + x;
          this.newMax[i] = 0;
          sc.taint = sc.aTaint;
          sc.breakPos = -1;
          return sc.aTravel + p.wDist * p.dist[leg]! + p.wTime * p.time[leg]! + R.sufTravel[from]! - (p.wDist * p.dist[old]! + p.wTime * p.time[old]!);
        }
        const floor = this.mergeFloor(prop, i, r);
        for (let x2 = from; x2 < to; x2++) {
          sc.step(R.nodes[x2]!);
          if (sc.hopeless) return Infinity;
          const j = x2 + 1;
          if (j >= floor && (single ? R.crossLink[j] === 0 : R.linkedAfter[j] === 0) && sc.canMerge(R, j)) {
            sc.merge(R, j);
            this.newMax[i] = sc.max;
            return sc.feasible ? sc.cost : Infinity;
          }
        }
        continue;
      }
      for (let x2 = from; x2 < to; x2++) {
        sc.step(R.nodes[x2]!);
        if (sc.hopeless) return Infinity;
      }
    }
    sc.finish();
    this.newMax[i] = sc.max;
    return sc.feasible ? sc.cost : Infinity;
  }

  /**
   * First position of route r's rest where a merge is allowed: after every visit of r that is
   * linked to a single visit this proposal places in route i (its bound comes from this scan).
   */
  private mergeFloor(prop: Proposal, i: number, r: number): number {
    const p = this.p;
    let floor = 0;
    for (let q = prop.firstPiece[i]!; q < prop.firstPiece[i + 1]!; q++) {
      if (prop.pieceRoute[q]! >= 0) continue;
      const v = prop.pieceFrom[q]!;
      for (let x = p.linkFirst[v]!; x < p.linkFirst[v + 1]!; x++) {
        const l = p.visitLinks[x]!;
        const w = p.linkA[l] === v ? p.linkB[l]! : p.linkA[l]!;
        if (this.sol.routeOf[w] === r && this.sol.posOf[w]! + 1 > floor) floor = this.sol.posOf[w]! + 1;
      }
    }
    return floor;
  }

  /** Change of the pair costs: visits that change owner, or come from unassigned. */
  private pairChange(prop: Proposal): number {
    const p = this.p;
    if (p.nOwners === 0) return 0;
    const sol = this.sol;
    this.pairs.reset();
    for (let i = 0; i < prop.nRoutes; i++) {
      const k = prop.vehicle[i]!;
      for (let q = prop.firstPiece[i]!; q < prop.firstPiece[i + 1]!; q++) {
        const r = prop.pieceRoute[q]!;
        if (r === k) continue;
        if (r < 0) {
          const v = prop.pieceFrom[q]!;
          const was = sol.routeOf[v]!;
          if (was === k) continue;
          if (was >= 0) this.pairs.note(sol.pairIndex(v, was), -1);
          this.pairs.note(sol.pairIndex(v, k), 1);
          continue;
        }
        if (p.vehicleOwner[r] === p.vehicleOwner[k]) continue;
        const R = sol.routes[r]!;
        for (let x = prop.pieceFrom[q]!; x < prop.pieceTo[q]!; x++) {
          this.pairs.note(sol.pairIndex(R.nodes[x]!, r), -1);
          this.pairs.note(sol.pairIndex(R.nodes[x]!, k), 1);
        }
      }
    }
    return this.pairs.price(this.total);
  }

  /** Optional visits the proposal places from unassigned no longer cost their penalty. */
  private optionalChange(prop: Proposal): number {
    const p = this.p;
    let delta = 0;
    for (let q = 0; q < prop.nPieces; q++) {
      if (prop.pieceRoute[q]! >= 0) continue;
      const v = prop.pieceFrom[q]!;
      if (this.sol.routeOf[v]! < 0 && p.level[v]! < 0) delta -= p.optionalPenalty[v]!;
    }
    return delta;
  }
}

/** Weighted travel cost of the leg a → b with the travel profile at offset o. */
function arcCost(p: Problem, o: number, a: number, b: number): number {
  const q = o + a * p.nLoc + b;
  return p.wDist * p.dist[q]! + p.wTime * p.time[q]!;
}
