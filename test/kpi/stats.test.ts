import { describe, expect, it } from 'vitest';
import { mean, median, minMax, share, stdev } from '../../src/kpi/index.js';

describe('stats helpers', () => {
  it('median: odd count → middle value, even count → mean of the two middle values', () => {
    // [5, 1, 3] sorted [1, 3, 5] → 3; [4, 1, 3, 2] sorted [1, 2, 3, 4] → (2 + 3) / 2 = 2.5; [] → null.
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(median([])).toBeNull();
  });

  it('mean, min/max and population stdev', () => {
    // [2, 4, 4, 4, 5, 5, 7, 9]: mean 40/8 = 5; squared deviations 9+1+1+1+0+0+4+16 = 32 → √(32/8) = 2.
    const xs = [2, 4, 4, 4, 5, 5, 7, 9];
    expect(mean(xs)).toBe(5);
    expect(stdev(xs)).toBe(2);
    expect(minMax(xs)).toEqual({ min: 2, max: 9 });
    expect(mean([])).toBeNull();
    expect(stdev([])).toBeNull();
    expect(minMax([])).toBeNull();
  });

  it('share: null for a zero denominator, clamped to [0, 1]', () => {
    expect(share(1, 4)).toBe(0.25);
    expect(share(1, 0)).toBeNull();
    expect(share(5, 4)).toBe(1);
  });
});
