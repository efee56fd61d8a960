/**
 * The objective priced from a plan (src/plan/objective.ts) equals what the weekly planner reports
 * for the plans it writes, term by term: a plain week, a week with optional shifts (without and with
 * economics), a double-staffed mini week with history, and a replan against the plan in force
 * (`restaffed`).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PeriodClock } from '../../src/calendar.js';
import { planWeek, type PlanOptions } from '../../src/plan/index.js';
import { planObjective, PlanPricer, type ObjectiveOptions } from '../../src/plan/objective.js';
import { planWeights } from '../../src/recommend/context.js';
import { replan } from '../../src/replan/index.js';
import type { Instance } from '../../src/schema/instance.js';
import type { Plan } from '../../src/schema/plan.js';
import { parseInstance } from '../../src/validate/index.js';
import { miniInstance } from '../fixtures/mini.js';
import { ECONOMICS, optionalInstance } from '../fixtures/optional.js';

function load(input: unknown): Instance {
  const r = parseInstance(input);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.instance;
}
const tiny = (): Instance => load(JSON.parse(readFileSync(new URL('../../data/samples/tiny-4242.json', import.meta.url), 'utf8')));
const quick = { seed: 1, iterationsPerDay: 60, rounds: 1 } as const;
const clockOf = (i: Instance): PeriodClock => new PeriodClock(i.period.start, i.period.days, i.period.timeZone);

/** Expects the plan-based terms and total to be the planner's, term by term (continuity's float sum may differ in the last bits). */
function expectPlannerPricing(instance: Instance, plan: Plan, options: Partial<ObjectiveOptions> = {}): void {
  const ours = planObjective(instance, clockOf(instance), plan, { weights: planWeights(plan), ...options });
  const reported = new Map(plan.explanations!.terms.map((t) => [t.term, t]));
  for (const t of ours.terms) {
    const r = reported.get(t.term);
    expect(r, t.term).toBeDefined();
    expect({ ...t, amount: 0, cost: 0 }, t.term).toEqual({ ...r!, amount: 0, cost: 0 });
    expect(t.amount, t.term).toBeCloseTo(r!.amount, 9);
    expect(t.cost, t.term).toBeCloseTo(r!.cost, 9);
  }
  // Every priced term of the planner is here (the rest are weight-0 counts: unplanned, preferred times).
  for (const r of plan.explanations!.terms) if (r.weight !== 0) expect(ours.terms.map((t) => t.term), r.term).toContain(r.term);
  expect(ours.total).toBeCloseTo(plan.meta.objective!.total!, 9);
  expect(ours.travelMinutes).toBe(plan.meta.objective!.travelMinutes);
  expect(ours.newPairs).toBe(plan.meta.objective!.newClientStaffPairs);
}

describe('planObjective prices a plan as the planner does', () => {
  it.each<[string, PlanOptions]>([
    ['balanced', {}],
    ['continuity-first', { strategy: 'continuity-first' }],
    ['user weights', { weights: { crossTeam: 7, notPreferredStaff: 2.5, genderOrLanguage: 0 } }],
  ])('the tiny sample (%s)', async (_name, options) => {
    const instance = tiny();
    expectPlannerPricing(instance, await planWeek(instance, { ...quick, ...options }));
  });

  it('optional shifts: used ones cost their paid minutes (and the fixed part), without and with economics', async () => {
    for (const input of [optionalInstance(), { ...optionalInstance(), economics: ECONOMICS }]) {
      const instance = load(input);
      const plan = await planWeek(instance, quick);
      const term = plan.explanations!.terms.find((t) => t.term === 'optionalShift')!;
      expect(term.amount).toBeGreaterThan(0);
      expectPlannerPricing(instance, plan);
    }
  });

  it('the mini week: double staffing, and continuity counted from the history', async () => {
    const instance = load(miniInstance());
    const first = await planWeek(instance, quick);
    // The first week, a week earlier, becomes the history: part of the pairs are not new any more.
    const minutes = (v: Plan['visits'][number]): number => v.tasks.reduce((n, t) => n + t.minutes, 0);
    const history = first.visits.map((v) => ({ clientId: v.clientId, date: addDays(v.date, -7), start: v.start.slice(11, 16), minutes: minutes(v), staff: v.staff, categories: ['personal_care'] }));
    const shifted = load({ ...miniInstance(), history });
    const plan = await planWeek(shifted, quick);
    expect(plan.visits.some((v) => v.staff.length === 2)).toBe(true);
    expect(plan.meta.objective!.newClientStaffPairs).toBeLessThan(new Set(plan.visits.flatMap((v) => v.staff.map((s) => `${v.clientId}/${s}`))).size);
    expectPlannerPricing(shifted, plan);
  });

  it('a replan: restaffed, retimed, movedDay and routeChanged against the plan in force', async () => {
    const instance = tiny();
    const reference = await planWeek(instance, quick);
    const date = instance.period.start;
    const sick = reference.visits.find((v) => v.date === date)!.staff[0]!;
    const clock = clockOf(instance);
    const changes = { changes: [{ type: 'staffAbsent' as const, staffId: sick, from: clock.formatInstant(clock.toMinute(date, '00:00')), to: clock.formatInstant(clock.toMinute(date, '23:59')) }] };
    const { instance: next, plan } = await replan(instance, reference, changes, quick);
    const restaffed = plan.explanations!.terms.find((t) => t.term === 'restaffed')!;
    expect(restaffed.amount).toBeGreaterThan(0);
    expectPlannerPricing(next, plan, { reference });
  });
});

describe('PlanPricer', () => {
  it('prices every plan it is reused for exactly as planObjective does (visits restaffed, dropped, of unknown staff; routes dropped)', async () => {
    const instance = tiny();
    const base = await planWeek(instance, quick);
    const clock = clockOf(instance);
    const options: ObjectiveOptions = { weights: planWeights(base), reference: base };
    const pricer = new PlanPricer(instance, clock, options);
    const staff = instance.staff.map((s) => s.id);
    const plans: Plan[] = [base];
    for (let k = 0; k < 8; k++) {
      const visits = [...plans[plans.length - 1]!.visits];
      const i = (k * 11) % visits.length;
      const v = visits[i]!;
      visits[i] = { ...v, staff: k === 5 ? ['ghost'] : [staff[(staff.indexOf(v.staff[0]!) + 1 + k) % staff.length]!] };
      plans.push({ ...base, visits, routes: k % 3 === 0 ? base.routes.slice(1) : base.routes });
    }
    plans.push({ ...base, visits: base.visits.slice(2) }, base);
    const restaffed = new Set<number>();
    for (const p of plans) {
      const ours = pricer.price(p);
      expect(ours).toEqual(planObjective(instance, clock, p, options));
      restaffed.add(ours.terms.find((t) => t.term === 'restaffed')!.amount);
    }
    // The plans differ in what they cost.
    expect(restaffed.size).toBeGreaterThan(3);
  });
});

function addDays(date: string, n: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
