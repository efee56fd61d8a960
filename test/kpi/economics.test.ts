import { describe, expect, it } from 'vitest';
import { computeKpis } from '../../src/kpi/index.js';
import { planWeek } from '../../src/plan/index.js';
import { carCostOre, obMultiplier, shiftCostOre, shiftObFactor, wagePerHourOre } from '../../src/economics/rates.js';
import { Economics } from '../../src/schema/instance.js';
import { oreFromSek, sekFromOre } from '../../src/units.js';
import { parseInstance } from '../../src/validate/index.js';
import { ECONOMICS, optionalInstance } from '../fixtures/optional.js';

function load(input: unknown) {
  const r = parseInstance(input);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.instance;
}

describe('rates in öre', () => {
  const e = Economics.parse(ECONOMICS);
  it('converts SEK at the edge and keeps integer öre', () => {
    expect(oreFromSek(411.5)).toBe(41150);
    expect(sekFromOre(41150)).toBe(411.5);
    expect(wagePerHourOre(e, { id: 's1', role: 'care' })).toBe(30000);
    expect(wagePerHourOre(e, { id: 's1', role: 'nurse' })).toBe(30000);
    expect(wagePerHourOre(e, { id: 's3', role: 'care' })).toBe(36000);
  });
  it('applies the larger of the evening and weekend multipliers', () => {
    expect(obMultiplier(e, '2026-03-23', 18 * 60)).toBe(1);
    expect(obMultiplier(e, '2026-03-23', 19 * 60)).toBe(1.5);
    expect(obMultiplier(e, '2026-03-28', 10 * 60)).toBe(2);
    expect(obMultiplier(e, '2026-03-28', 20 * 60)).toBe(2);
    expect(shiftObFactor(e, { date: '2026-03-23', start: '17:00', end: '21:00' })).toBe(1.25);
  });
  it('prices a shift, overtime and car km', () => {
    // 240 min × 600 öre/min × 1.25 + 10 000 öre fixed.
    expect(shiftCostOre(e, { id: 's3', role: 'care' }, { date: '2026-03-23', start: '17:00', end: '21:00', optional: true }, 240)).toBe(190000);
    // 60 min overtime at 1.5 on a day shift: (480 + 90) × 500.
    expect(shiftCostOre(e, { id: 's1', role: 'care' }, { date: '2026-03-23', start: '07:00', end: '16:00' }, 480, 60)).toBe(285000);
    expect(carCostOre(e, 2500)).toBe(1000);
  });
});

describe('money KPIs', () => {
  it('revenue, cost and result per team and week match a hand computation', async () => {
    const instance = load({ ...optionalInstance(), economics: ECONOMICS });
    const plan = await planWeek(instance, { iterationsPerDay: 200, rounds: 2, seed: 3 });
    expect(plan.releasedShifts?.map((s) => s.shiftId)).toEqual(['s2-1']);
    const k = computeKpis(instance, plan);
    const metres = plan.routes.flatMap((r) => r.events).reduce((s, ev) => s + (ev.type === 'travel' ? ev.metres : 0), 0);
    // Cost: s1 fixed 07–16, 540 paid min × 5 SEK = 2700; s3 optional 17–21 at 6 SEK/min × OB 1.25 × 240 + 100 = 1900;
    // s2 released: 0. Car: 4 SEK per km.
    const car = Math.round(4 * metres / 10) / 100;
    const cost = 2700 + 1900 + car;
    // Revenue: 30 + 45 + 30 planned care minutes (each exactly the granted) at 600 SEK/h = 1050.
    const e = k.economics!;
    expect(e.revenueSek).toBe(1050);
    expect(e.costSek).toBeCloseTo(cost, 2);
    expect(e.resultSek).toBeCloseTo(1050 - cost, 2);
    expect(e.wageCostSek).toBe(4600);
    expect(e.carCostSek).toBeCloseTo(car, 2);
    // s2's shift would have cost 540 × 5 + 100.
    expect(e.releasedShiftsSek).toBe(2800);
    expect(e.perTeam).toHaveLength(1);
    expect(e.perTeam[0]!.weeks).toEqual([{ week: '2026-W13', revenueSek: 1050, costSek: e.costSek, resultSek: e.resultSek }]);
    expect(e.perWeek).toEqual([{ week: '2026-W13', revenueSek: 1050, costSek: e.costSek, resultSek: e.resultSek }]);
  });

  it('caps performed revenue at the granted time, and pays every granted hour on basis granted', async () => {
    const input = { ...optionalInstance(), economics: ECONOMICS };
    input.clients[0]!.granted.careMinutes = 20; // 30 planned, 20 granted → 20 reimbursed
    const instance = load({ ...input, planning: { grantedTolerance: { lower: 0, upper: 2 } } });
    const plan = await planWeek(instance, { iterationsPerDay: 200, rounds: 2, seed: 3 });
    expect(computeKpis(instance, plan).economics!.revenueSek).toBe(((20 + 45 + 30) * 600) / 60);
    const granted = load({ ...input, planning: { grantedTolerance: { lower: 0, upper: 2 } }, economics: { ...ECONOMICS, reimbursement: { ...ECONOMICS.reimbursement, basis: 'granted' } } });
    expect(computeKpis(granted, plan).economics!.revenueSek).toBe(((20 + 45 + 30) * 600) / 60);
  });

  it('has no economics block without one in the instance', async () => {
    const instance = load(optionalInstance());
    const plan = await planWeek(instance, { iterationsPerDay: 100, rounds: 1, seed: 3 });
    expect(computeKpis(instance, plan).economics).toBeUndefined();
  });
});

describe('economics validation', () => {
  it('names an unknown staff id in staffWagePerHourSek with its path', () => {
    const r = parseInstance({ ...optionalInstance(), economics: { ...ECONOMICS, staffWagePerHourSek: { nobody: 300 } } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => [i.code, i.path])).toContainEqual(['UNKNOWN_REF', 'economics.staffWagePerHourSek.nobody']);
  });
});
