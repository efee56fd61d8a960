import { describe, expect, it } from 'vitest';
import { checkPlan } from '../../src/check/index.js';
import { computeKpis } from '../../src/kpi/index.js';
import { planWeek } from '../../src/plan/index.js';
import { parseInstance } from '../../src/validate/index.js';
import { optionalInstance } from '../fixtures/optional.js';

function load(input: unknown) {
  const r = parseInstance(input);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.instance;
}
const quick = { iterationsPerDay: 200, rounds: 2, seed: 3 } as const;

describe('optional shifts in the weekly planner', () => {
  it('releases the unneeded optional shift and keeps the needed one', async () => {
    const instance = load(optionalInstance());
    const plan = await planWeek(instance, quick);
    expect(plan.unplanned).toEqual([]);
    expect(checkPlan(instance, plan).violations).toEqual([]);
    expect(plan.routes.map((r) => r.shiftId).sort()).toEqual(['s1-1', 's3-1']);
    expect(plan.releasedShifts).toEqual([{ staffId: 's2', shiftId: 's2-1', date: '2026-03-23', start: '07:00', end: '16:00', paidMinutes: 540 }]);
    // The term is in the objective the search minimised: s3's 240 paid minutes + 30 fixed.
    const o = plan.meta.objective!;
    expect(o.optionalShiftUnits).toBe(270);
    expect(o.optionalShiftWeight).toBe(1);
    const term = plan.explanations!.terms.find((t) => t.term === 'optionalShift')!;
    expect(term.cost).toBe(270);
    expect(term.message).toContain('1 optional shifts used');
    expect(term.message).toContain('1 released');
    const sum = plan.explanations!.terms.reduce((s, t) => s + t.cost, 0);
    expect(o.total).toBeCloseTo(sum, 6);
  });

  it('route elimination runs and is deterministic: the same plan in-process and on 2 workers', async () => {
    const instance = load(optionalInstance());
    const a = await planWeek(instance, quick);
    const b = await planWeek(instance, { ...quick, workers: 2 });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    const o = a.meta.objective!;
    expect(o.releaseMoves).toBeGreaterThan(0);
    expect(o.releaseMovesUnplanned! + o.releaseMovesCostlier!).toBeLessThanOrEqual(o.releaseMoves!);
  });

  it('counts released shifts out of paid time in the KPIs', async () => {
    const instance = load(optionalInstance());
    const plan = await planWeek(instance, quick);
    const k = computeKpis(instance, plan);
    expect(k.shifts).toEqual({ used: 2, optional: 2, optionalReleased: 1, releasedPaidMinutes: 540 });
    expect(k.paidMinutes).toBe(540 + 240);
  });

  it('with the optional-shift cost weighted 0 still plans everything on the needed evening shift', async () => {
    const instance = load(optionalInstance());
    const plan = await planWeek(instance, { ...quick, weights: { optionalShift: 0 } });
    expect(plan.unplanned).toEqual([]);
    expect(plan.routes.some((r) => r.shiftId === 's3-1')).toBe(true);
  });

  it('a roster without optional shifts has no released list and no optionalShift term', async () => {
    const input = optionalInstance();
    for (const s of input.staff) for (const sh of s.shifts) delete sh.optional;
    const plan = await planWeek(load(input), quick);
    expect(plan.releasedShifts).toBeUndefined();
    expect(plan.explanations!.terms.some((t) => t.term === 'optionalShift')).toBe(false);
  });
});
