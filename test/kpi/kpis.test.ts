import { describe, expect, it } from 'vitest';
import { computeBreakdown, computeKpiReport, computeKpis, formatKpisText } from '../../src/kpi/index.js';
import { Kpis } from '../../src/schema/plan.js';
import { MONDAY, PlanBuilder, client, makeInstance, periodDates, shift, staff } from './fixtures.js';

const WEEK = ['2026-02-02', '2026-02-03', '2026-02-04', '2026-02-05', '2026-02-06', '2026-02-07', '2026-02-08'];

function scenario() {
  const instance = makeInstance({
    clients: [
      client('A', { name: 'Anna Andersson', address: 'Storgatan 1', namedContact: 's1', granted: { careMinutes: 420 } }),
    ],
    staff: [
      staff('s1', { name: 'Bertil Berg', shifts: WEEK.map((d, i) => shift(`sh${i}`, d, '07:00', '15:00')) }),
    ],
  });
  const p = new PlanBuilder(instance);
  // A: s1 at 08:00 and 12:00, 30 min each, every day → 14 visits, 420 min.
  p.twicePerDay('A', periodDates(instance), ['s1']);
  p.unplannedItem('A', 'clean', MONDAY, 1, 30, 'CAPACITY');
  return { instance, plan: p.build() };
}

describe('computeKpis output', () => {
  it('parses with the Kpis schema and has the kpi --json contract keys', () => {
    // Paid 7 × 480 = 3360; client time 420 → 0.125; fidelity 420 / 420 = 1; named contact 14/14;
    // 7-day period without history → windowDays 7, 1 client with 1 staff.
    const { instance, plan } = scenario();
    const k = Kpis.parse(computeKpis(instance, plan));
    expect(k.clientTimeShare).toBe(0.125);
    expect(k.travelShare).toBe(0);
    expect(k.namedContactShare).toBe(1);
    expect(k.grantedFidelity).toEqual({ min: 1, median: 1, max: 1, withinTolerance: 1 });
    expect(k.continuity.national).toMatchObject({ eligibleClients: 1, mean: 1, median: 1, windowDays: 7, usesHistory: false });
    for (const key of ['namedContactShare', 'clientTimeShare', 'travelShare', 'grantedFidelity', 'preferences', 'unplanned', 'overtimeMinutes']) {
      expect(k).toHaveProperty(key);
    }
  });

  it('ignores the KPIs stored in the plan', () => {
    const { instance, plan } = scenario();
    const honest = computeKpis(instance, plan);
    const forged = { ...plan, kpis: { ...honest, clientTimeShare: 0.99, visits: 999 } };
    expect(computeKpis(instance, forged)).toEqual(honest);
  });

  it('parses for an empty plan (nulls where denominators are 0)', () => {
    const instance = makeInstance({ clients: [client('A')] });
    const k = computeKpis(instance, new PlanBuilder(instance).build());
    expect(() => Kpis.parse(k)).not.toThrow();
    expect(k.continuity.national.mean).toBeNull();
    expect(k.continuity.all).toEqual({ clients: 0, mean: null, median: null });
    expect(k.visits).toBe(0);
  });

  it('clamps shares of a rule-breaking plan so the schema still holds', () => {
    // 600 visit minutes against 480 paid → raw 1.25, reported 1.
    const instance = makeInstance({ clients: [client('A')], staff: [staff('s1', { shifts: [shift('x', MONDAY, '08:00', '16:00')] })] });
    const p = new PlanBuilder(instance);
    p.visit('A', MONDAY, '06:00', ['s1'], 600);
    const k = computeKpis(instance, p.build());
    expect(k.clientTimeShare).toBe(1);
    expect(() => Kpis.parse(k)).not.toThrow();
  });

  it('computeKpiReport returns the same as the separate functions', () => {
    const { instance, plan } = scenario();
    expect(computeKpiReport(instance, plan)).toEqual({ kpis: computeKpis(instance, plan), breakdown: computeBreakdown(instance, plan) });
  });
});

describe('formatKpisText', () => {
  it('is an aligned table with percentages to one decimal, without names or addresses', () => {
    const { instance, plan } = scenario();
    const k = computeKpis(instance, plan);
    const text = formatKpisText(k);
    expect(text).toContain('Client-time share');
    expect(text).toMatch(/Client-time share\s+12\.5%/);
    expect(text).toMatch(/Named-contact share\s+100\.0%/);
    expect(text).toMatch(/Preferred times\s+n\/a/);
    expect(text).toMatch(/ {2}CAPACITY\s+count 1, 30 min \(0\.5 h\)/);
    const lines = text.trimEnd().split('\n').slice(1);
    // Every value starts in the same column: after the label and at least two spaces.
    const columns = new Set(lines.map((l) => /^( *\S.*?) {2,}\S/.exec(l)![0].length - 1));
    expect(columns.size).toBe(1);
    expect(lines.length).toBeGreaterThan(15);
    for (const out of [text, formatKpisText(k, 'sv'), JSON.stringify(k), JSON.stringify(computeBreakdown(instance, plan))]) {
      expect(out).not.toMatch(/Anna|Andersson|Storgatan|Bertil|Berg\b/);
    }
    expect(formatKpisText(k, 'sv')).toMatch(/Brukartid\s+12,5%/);
  });
});
