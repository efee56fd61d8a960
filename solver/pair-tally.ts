/**
 * A small tally of pair count changes (see ProblemSpec.pairs) for pricing a proposal or a move:
 * changes to one pair are summed, then priced from the pair's current total by its marginals.
 */
import { pairPrice, type Problem } from './problem.js';

/** Pair count changes, `[index, delta]`, with their price. */
export class PairTally {
  private index = new Int32Array(32);
  private delta = new Int32Array(32);
  private n = 0;

  constructor(private readonly p: Problem) {}

  /** Forgets every change. */
  reset(): void {
    this.n = 0;
  }

  /** Pair `index` (-1: none) changes by `d` visits. */
  note(index: number, d: number): void {
    if (index < 0) return;
    for (let e = 0; e < this.n; e++) {
      if (this.index[e] === index) {
        this.delta[e]! += d;
        return;
      }
    }
    if (this.n === this.index.length) {
      const grow = (a: Int32Array): Int32Array<ArrayBuffer> => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.index = grow(this.index);
      this.delta = grow(this.delta);
    }
    this.index[this.n] = index;
    this.delta[this.n++] = d;
  }

  /** The change of pair costs, given each pair's total now (`total(index)`). */
  price(total: (index: number) => number): number {
    let cost = 0;
    for (let e = 0; e < this.n; e++) {
      let m = total(this.index[e]!);
      for (let d = this.delta[e]!; d > 0; d--) cost += pairPrice(this.p, m++);
      for (let d = this.delta[e]!; d < 0; d++) cost -= pairPrice(this.p, --m);
    }
    return cost;
  }
}
