import { describe, expect, it } from 'vitest';
import { computeBreakdown, computeKpis } from '../../src/kpi/index.js';
import { MONDAY, PlanBuilder, client, makeInstance } from './fixtures.js';

describe('unplanned', () => {
  it('sums counts and minutes, by reason and by client', () => {
    // CAPACITY 2 × (60 min) + 1 × (30 min) → 3 items, 90 min; NO_QUALIFIED_STAFF 1, 45; WINDOW_UNREACHABLE 3, 90.
    // Total 7 items, 225 min. Reasons in enum order: NO_QUALIFIED_STAFF, WINDOW_UNREACHABLE, CAPACITY.
    const instance = makeInstance({ clients: [client('A'), client('B')] });
    const p = new PlanBuilder(instance)
      .unplannedItem('A', 'pc', MONDAY, 2, 60, 'CAPACITY')
      .unplannedItem('B', 'pc', MONDAY, 1, 30, 'CAPACITY')
      .unplannedItem('A', 'hsl', MONDAY, 1, 45, 'NO_QUALIFIED_STAFF')
      .unplannedItem('B', 'pc', MONDAY, 3, 90, 'WINDOW_UNREACHABLE');
    const plan = p.build();
    const u = computeKpis(instance, plan).unplanned;
    expect(u.count).toBe(7);
    expect(u.minutes).toBe(225);
    expect(u.byReason).toEqual({
      NO_QUALIFIED_STAFF: { count: 1, minutes: 45 },
      WINDOW_UNREACHABLE: { count: 3, minutes: 90 },
      CAPACITY: { count: 3, minutes: 90 },
    });
    expect(Object.keys(u.byReason)).toEqual(['NO_QUALIFIED_STAFF', 'WINDOW_UNREACHABLE', 'CAPACITY']);
    // A: 2 + 1 = 3 items, 105 min; B: 1 + 3 = 4 items, 120 min.
    const rows = computeBreakdown(instance, plan).clients;
    expect(rows.map((r) => [r.unplannedCount, r.unplannedMinutes])).toEqual([
      [3, 105],
      [4, 120],
    ]);
  });

  it('is zero with nothing unplanned', () => {
    const instance = makeInstance({ clients: [client('A')] });
    expect(computeKpis(instance, new PlanBuilder(instance).build()).unplanned).toEqual({ count: 0, minutes: 0, byReason: {} });
  });
});
