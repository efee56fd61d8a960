import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nextPeriod } from '../../../data/generator/index.js';
import { compileProblem } from '../../../solver/index.js';
import { addDaysToDate } from '../../../src/calendar.js';
import { checkPlan } from '../../../src/check/index.js';
import { PlanOptionError, planWeek } from '../../../src/plan/index.js';
import { STRATEGY_WEIGHTS } from '../../../src/plan/terms/index.js';
import { dayProblem } from '../../../src/plan/weekly/day-problem.js';
import { buildWeekModel } from '../../../src/plan/weekly/model.js';
import { consistencyWindows, matchReference, REFERENCE_DAY_COST, referenceAgreement, referenceDays, referenceHistory } from '../../../src/plan/weekly/reference.js';
import type { Instance, InstanceInput } from '../../../src/schema/instance.js';
import type { Plan } from '../../../src/schema/plan.js';
import { parseInstance } from '../../../src/validate/index.js';
import { miniInstance } from '../../fixtures/mini.js';

const TINY = JSON.parse(readFileSync(new URL('../../../data/samples/tiny-4242.json', import.meta.url), 'utf8')) as InstanceInput;
const EFFORT = { iterationsPerDay: 150, rounds: 2 } as const;

function parsed(input: InstanceInput): Instance {
  const r = parseInstance(input);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.instance;
}

const first = parsed(TINY);
const second = parsed(nextPeriod(TINY));
let p1: Plan | undefined;
async function plan1(): Promise<Plan> {
  p1 ??= await planWeek(first, { seed: 1, ...EFFORT });
  return p1;
}

describe('matching a period to the last one', () => {
  it('every candidate of an unchanged next period continues the visit of its counterpart day: same client, tasks, weekday', async () => {
    const ref = await plan1();
    // Without the reference's days, the days LP may put a weekly task on another weekday.
    const free = matchReference(buildWeekModel(second), ref);
    const model = buildWeekModel(second, undefined, { referenceDay: referenceDays(ref, 14), referenceDayCost: REFERENCE_DAY_COST });
    expect(free.previous.filter((p) => p === null).length).toBeGreaterThan(0);
    const match = matchReference(model, ref);
    const byId = new Map(ref.visits.map((v) => [v.id, v]));
    expect(match.previous.filter((p) => p === null)).toEqual([]);
    match.previous.forEach((p, ci) => {
      const cand = model.candidates[ci]!;
      const o = cand.members.map((m) => model.occurrences[m]!);
      const v = byId.get(p!.visitId)!;
      expect(v.clientId).toBe(o[0]!.client.id);
      expect(v.tasks.map((t) => t.taskId).sort()).toEqual([...new Set(o.map((x) => x.task.id))].sort());
      expect(p!.date).toBe(addDaysToDate(o[0]!.date, -14));
      expect(p!.staff).toEqual([...v.staff].sort());
      expect(model.clock.clockOf(match.minute[ci]!)).toBe(p!.start);
    });
    // Windows: ±15 minutes around the reference's clock time, inside the allowed windows.
    consistencyWindows(model, match).forEach((ws, ci) => {
      const t = match.minute[ci]!;
      for (const w of ws ?? []) {
        expect(w.start).toBeGreaterThanOrEqual(t - 15);
        expect(w.end).toBeLessThanOrEqual(t + 15);
        expect(model.candidates[ci]!.windows.some((a) => a.start <= w.start && w.end <= a.end)).toBe(true);
      }
    });
  });

  it('the reference is the continuity history inside the 14-day window: all of a 7-day period, none of a 14-day one', async () => {
    const mini = parsed(miniInstance());
    const ref = await planWeek(mini, { seed: 1, ...EFFORT });
    const next = parsed(nextPeriod(miniInstance()));
    const counts = referenceHistory(buildWeekModel(next), ref);
    expect(counts.reduce((s, x) => s + x, 0)).toBe(ref.visits.reduce((s, v) => s + v.staff.length, 0));
    expect(referenceHistory(buildWeekModel(second), await plan1()).every((x) => x === 0)).toBe(true);
  });
});

describe('planWeek with a reference: next period like the last', () => {
  it('keeps the staff and clock times of the last period, is valid, and reports the term in the objective', async () => {
    const ref = await plan1();
    const plan = await planWeek(second, { seed: 2, ...EFFORT, reference: ref });
    expect(checkPlan(second, plan).valid).toBe(true);
    const a = referenceAgreement(second, plan, ref);
    expect(a.recurring).toBe(plan.visits.length);
    expect(a.staffOnShift).toBeGreaterThan(0);
    expect(a.staffKept / a.staffOnShift).toBeGreaterThanOrEqual(0.95);
    expect(a.withinTime / a.recurring).toBeGreaterThanOrEqual(0.95);
    const o = plan.meta.objective!;
    expect(o.consistencyWeight).toBe(30);
    const terms = plan.explanations!.terms;
    const term = terms.find((t) => t.term === 'consistency')!;
    expect(term.amount).toBe(o.consistencyUnits);
    expect(term.cost).toBe(30 * term.amount);
    expect(terms.find((t) => t.term === 'consistencyTime')!.message).toContain(`${a.withinTime} of ${a.recurring} visits`);
    // The total is travel plus every priced term, consistency included.
    expect(o.total).toBeCloseTo(terms.reduce((s, t) => s + t.cost, 0), 6);
  });

  it('where last period’s staff is off, the visit goes to someone else; the rest keep their staff and times', async () => {
    const ref = await plan1();
    // s03's busiest day of the last period; in the next period that shift is gone.
    const date = '2026-11-25';
    const off = addDaysToDate(date, 14);
    const input = nextPeriod(TINY);
    input.staff = input.staff.map((s) => (s.id === 's03' ? { ...s, shifts: s.shifts.filter((sh) => sh.date !== off) } : s));
    const changed = parsed(input);
    const plan = await planWeek(changed, { seed: 2, ...EFFORT, reference: ref });
    expect(checkPlan(changed, plan).valid).toBe(true);
    const before = ref.visits.filter((v) => v.date === date && v.staff.includes('s03')).length;
    expect(before).toBeGreaterThan(0);
    expect(plan.visits.filter((v) => v.date === off).every((v) => !v.staff.includes('s03'))).toBe(true);
    const a = referenceAgreement(changed, plan, ref);
    // s03 is not on shift that day: those reference staff visits are not counted as keepable.
    expect(a.staffOnShift).toBeLessThan(referenceAgreement(second, plan, ref).staffOnShift);
    expect(a.staffKept / a.staffOnShift).toBeGreaterThanOrEqual(0.9);
    expect(a.withinTime / a.recurring).toBeGreaterThanOrEqual(0.9);
    // Every visit of that day continues one of s03's (s03 made them all) and is now someone else's.
    expect(ref.visits.filter((v) => v.date === date).every((v) => v.staff.includes('s03'))).toBe(true);
    expect(plan.meta.objective!.consistencyUnits).toBeGreaterThanOrEqual(plan.visits.filter((v) => v.date === off).length);
    // What capacity cannot take that day stays unplanned there only.
    expect(plan.unplanned.every((u) => u.from === off)).toBe(true);
  });

  it('is deterministic: the same seed and reference give the same plan', async () => {
    const ref = await plan1();
    const a = await planWeek(second, { seed: 3, iterationsPerDay: 60, rounds: 1, reference: ref });
    const b = await planWeek(second, { seed: 3, iterationsPerDay: 60, rounds: 1, reference: ref });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it('without a reference nothing of it is reported; baseline refuses one', async () => {
    const plan = await planWeek(second, { seed: 2, ...EFFORT });
    expect(plan.explanations!.terms.map((t) => t.term)).not.toContain('consistency');
    expect(plan.explanations!.terms.map((t) => t.term)).not.toContain('consistencyTime');
    expect(Object.keys(plan.meta.objective!).filter((k) => k.startsWith('consistency'))).toEqual([]);
    await expect(planWeek(second, { strategy: 'baseline', reference: await plan1() })).rejects.toThrow(PlanOptionError);
  });

  it('refuses a reference that is not of a previous period (its own plan, say)', async () => {
    const own = await planWeek(second, { seed: 2, iterationsPerDay: 30, rounds: 1 });
    await expect(planWeek(second, { seed: 2, iterationsPerDay: 30, rounds: 1, reference: own })).rejects.toThrow(/not of a previous period/);
  });

  it('the day problems price a visit by anyone but last period’s staff at the consistency weight', async () => {
    const model = buildWeekModel(second);
    const match = matchReference(model, await plan1());
    const weights = { ...STRATEGY_WEIGHTS.balanced, consistency: 30 };
    const nS = second.staff.length;
    const base = { weights, others: new Int32Array(second.clients.length * nS), windows: model.candidates.map((c) => c.windows) };
    const d = model.days.findIndex((m) => m.shifts.length >= 2);
    const m = model.days[d]!;
    const withRef = dayProblem(model, d, { ...base, previous: match.previous });
    const without = dayProblem(model, d, base);
    compileProblem(withRef);
    m.visits.forEach((dv, i) => {
      const staff = match.previous[dv.cand]!.staff;
      m.shifts.forEach((si, k) => {
        const extra = staff.includes(model.shifts[si]!.staff.id) ? 0 : 30;
        expect(withRef.visits[i]!.vehicleCost![k]! - (without.visits[i]!.vehicleCost?.[k] ?? 0)).toBe(extra);
      });
    });
  });
});
