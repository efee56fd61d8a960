import { describe, expect, it } from 'vitest';
import { computeBreakdown, computeKpis } from '../../src/kpi/index.js';
import { MONDAY, PlanBuilder, client, makeInstance, staff } from './fixtures.js';

function scenario(tolerance?: { lower: number; upper: number }) {
  const instance = makeInstance({
    clients: [
      client('A', { granted: { careMinutes: 100 } }),
      client('B', { granted: { careMinutes: 60, serviceMinutes: 60 } }),
      client('C', { granted: { careMinutes: 200 } }),
      client('D'),
      client('E', { granted: { careMinutes: 50 } }),
    ],
    staff: [staff('s1'), staff('s2')],
    ...(tolerance ? { extra: { planning: { grantedTolerance: tolerance } } } : {}),
  });
  const p = new PlanBuilder(instance);
  // A: 50 + 45 personal care → 95 / 100 = 0.95 (on the lower bound).
  p.visit('A', MONDAY, '08:00', ['s1'], 50);
  p.visit('A', MONDAY, '12:00', ['s1'], 45);
  // B: 30 double-staffed (60 staff-min) + service 60 + HSL 20 (no budget) → 120 / 120 = 1.
  p.visit('B', MONDAY, '08:00', ['s1', 's2'], 30);
  p.visit('B', MONDAY, '10:00', ['s1'], [
    { taskId: 'clean', minutes: 60 },
    { taskId: 'hsl', minutes: 20 },
  ]);
  // C: 100 / 200 = 0.5. D: nothing granted → no ratio (an HSL visit only). E: no visits → 0 / 50 = 0.
  p.visit('C', MONDAY, '08:00', ['s1'], 100);
  p.visit('D', MONDAY, '09:00', ['s2'], [{ taskId: 'hsl', minutes: 15 }]);
  return { instance, plan: p.build() };
}

describe('granted-time fidelity', () => {
  it('min, median, max and share within the default tolerance [0.95, 1]', () => {
    // Ratios [0.95, 1, 0.5, 0] → min 0, max 1, median (0.5 + 0.95) / 2 = 0.725; within: A, B → 2/4.
    const { instance, plan } = scenario();
    const f = computeKpis(instance, plan).grantedFidelity;
    expect(f.min).toBe(0);
    expect(f.max).toBe(1);
    expect(f.median).toBeCloseTo(0.725, 12);
    expect(f.withinTolerance).toBe(0.5);
    const rows = computeBreakdown(instance, plan).clients;
    expect(rows.map((r) => [r.clientId, r.grantedMinutes, r.plannedMinutes, r.fidelity, r.withinTolerance])).toEqual([
      ['A', 100, 95, 0.95, true],
      ['B', 120, 120, 1, true],
      ['C', 200, 100, 0.5, false],
      ['D', 0, 0, null, null],
      ['E', 50, 0, 0, false],
    ]);
  });

  it('uses the instance tolerance', () => {
    // [0.4, 1.1]: A 0.95 ✓, B 1 ✓, C 0.5 ✓, E 0 ✗ → 3/4.
    const { instance, plan } = scenario({ lower: 0.4, upper: 1.1 });
    expect(computeKpis(instance, plan).grantedFidelity.withinTolerance).toBe(0.75);
  });

  it('is null without granted minutes', () => {
    // D has 0 granted minutes → no ratio → no clients → every figure null.
    const instance = makeInstance({ clients: [client('D')] });
    expect(computeKpis(instance, new PlanBuilder(instance).build()).grantedFidelity).toEqual({
      min: null,
      median: null,
      max: null,
      withinTolerance: null,
    });
  });
});
