import { describe, expect, it } from 'vitest';
import { Rng } from '../../solver/rng.js';

describe('Rng', () => {
  it('repeats the same sequence for the same seed', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const xs = Array.from({ length: 100 }, () => a.nextU32());
    const ys = Array.from({ length: 100 }, () => b.nextU32());
    expect(xs).toEqual(ys);
    expect(new Rng(43).nextU32()).not.toBe(xs[0]);
  });

  it('draws integers in range with roughly uniform frequency', () => {
    const rng = new Rng(7);
    const counts = new Array(10).fill(0);
    for (let i = 0; i < 100_000; i++) counts[rng.int(10)]++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500);
    for (let i = 0; i < 1000; i++) {
      const r = rng.range(3, 5);
      expect(r >= 3 && r <= 5).toBe(true);
    }
  });

  it('shuffles deterministically into a permutation', () => {
    const s1 = new Rng(1).shuffle([1, 2, 3, 4, 5, 6]);
    const s2 = new Rng(1).shuffle([1, 2, 3, 4, 5, 6]);
    expect(s1).toEqual(s2);
    expect([...s1].sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
