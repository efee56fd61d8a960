import { describe, expect, it } from 'vitest';
import { computeBreakdown, computeKpis } from '../../src/kpi/index.js';
import { MONDAY, PlanBuilder, client, makeInstance, staff } from './fixtures.js';

describe('named-contact share', () => {
  it('pools visits of clients with a named contact', () => {
    // A (named s1): s1 ✓, s2 ✗, s1+s2 ✓, s3 ✗ → 2/4. B (named s2): s2 ✓, s2 ✓ → 2/2.
    // C has no named contact: its 3 visits are left out. Pooled: 4/6 = 2/3.
    const instance = makeInstance({
      clients: [client('A', { namedContact: 's1' }), client('B', { namedContact: 's2' }), client('C'), client('D', { namedContact: 's1' })],
      staff: [staff('s1'), staff('s2'), staff('s3')],
    });
    const p = new PlanBuilder(instance);
    p.visit('A', MONDAY, '08:00', ['s1']);
    p.visit('A', MONDAY, '10:00', ['s2']);
    p.visit('A', MONDAY, '12:00', ['s1', 's2']);
    p.visit('A', MONDAY, '14:00', ['s3']);
    p.visit('B', MONDAY, '08:00', ['s2']);
    p.visit('B', MONDAY, '12:00', ['s2']);
    for (const t of ['08:00', '10:00', '12:00']) p.visit('C', MONDAY, t, ['s3']);
    const plan = p.build();
    expect(computeKpis(instance, plan).namedContactShare).toBeCloseTo(2 / 3, 12);
    // Per client: A 0.5, B 1, C null (no named contact), D null (no visits).
    const rows = computeBreakdown(instance, plan).clients;
    expect(rows.map((r) => r.namedContactShare)).toEqual([0.5, 1, null, null]);
    // A met {s1, s2, s3}.
    expect(rows[0]).toMatchObject({ clientId: 'A', visits: 4, distinctStaff: 3 });
  });

  it('is null when no client with a named contact has a visit', () => {
    // Denominator 0 → null.
    const instance = makeInstance({ clients: [client('A', { namedContact: 's1' }), client('C')] });
    const p = new PlanBuilder(instance);
    p.visit('C', MONDAY, '08:00', ['s1']);
    expect(computeKpis(instance, p.build()).namedContactShare).toBeNull();
  });
});
