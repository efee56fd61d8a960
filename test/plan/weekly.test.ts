import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPlan } from '../../src/check/index.js';
import { computeKpis } from '../../src/kpi/index.js';
import { PlanOptionError, STRATEGY_WEIGHTS, planWeek } from '../../src/plan/index.js';
import type { InstanceInput } from '../../src/schema/instance.js';
import { parseInstance } from '../../src/validate/index.js';
import { gapOrder } from '../../src/plan/weekly/model.js';
import { arbInstance } from '../fixtures/arb.js';
import { miniInstance } from '../fixtures/mini.js';

function load(input: unknown) {
  const r = parseInstance(input);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.instance;
}
const tiny = (): InstanceInput => JSON.parse(readFileSync(new URL('../../data/samples/tiny-4242.json', import.meta.url), 'utf8')) as InstanceInput;
const quick = { iterationsPerDay: 150, rounds: 2 } as const;

describe('gapOrder', () => {
  const w = (...pairs: [number, number][]) => pairs.map(([start, end]) => ({ start, end }));
  it('orders a task\'s visits so that each can start the gap after the previous one', () => {
    // 0: meal allowed morning, noon or evening; 1: meal with the noon medication; 2: with the 17:00 one.
    const any = w([480, 570], [690, 780], [990, 1110]);
    expect(gapOrder([any, w([690, 750]), w([990, 1050])], 180)).toEqual([0, 1, 2]);
    // Two meals, one pinned at noon: the free one goes to the evening, after it.
    expect(gapOrder([w([660, 780], [990, 1110]), w([690, 750])], 180)).toEqual([1, 0]);
  });
  it('keeps the sorted order when no order admits a schedule', () => {
    expect(gapOrder([w([600, 610]), w([620, 630])], 180)).toEqual([0, 1]);
  });
});

describe('weekly planner', () => {
  it('plans the mini instance completely with every strategy; the independent checker accepts each plan', async () => {
    const instance = load(miniInstance());
    for (const strategy of ['balanced', 'travel-first', 'continuity-first']) {
      const plan = await planWeek(instance, { strategy, seed: 3, ...quick });
      expect(plan.meta).toMatchObject({ solver: 'weekly', strategy, seed: 3 });
      expect(plan.unplanned).toEqual([]);
      expect(checkPlan(instance, plan)).toEqual({ valid: true, violations: [] });
      const lift = plan.visits.find((v) => v.tasks.some((t) => t.taskId === 'lift'))!;
      expect(lift.staff).toHaveLength(2);
    }
  });

  it('plans the tiny sample validly, with per-term totals that add up', async () => {
    const instance = load(tiny());
    const plan = await planWeek(instance, { seed: 1, ...quick });
    expect(checkPlan(instance, plan).violations).toEqual([]);
    expect(plan.unplanned).toEqual([]);
    const o = plan.meta.objective!;
    const kpis = computeKpis(instance, plan);
    expect(o.travelMinutes).toBe(kpis.travelMinutes);
    const terms = ['newFace', 'notNamed', 'crossTeam', 'notPreferredStaff', 'genderOrLanguage'];
    const sum = o.travelWeight! * o.travelMinutes! + terms.reduce((s, t) => s + o[`${t}Weight`]! * o[`${t}Units`]!, 0);
    expect(o.total).toBeCloseTo(sum, 6);
    expect(o.unplannedHsl! + o.unplannedCare! + o.unplannedService!).toBe(o.unplannedOccurrences);
  });

  it('is deterministic: the same seed gives the same plan, in-process or on 2 workers', async () => {
    const instance = load(tiny());
    const a = JSON.stringify(await planWeek(instance, { seed: 7, ...quick }));
    const b = JSON.stringify(await planWeek(instance, { seed: 7, ...quick }));
    const c = JSON.stringify(await planWeek(instance, { seed: 7, workers: 2, ...quick }));
    expect(b).toBe(a);
    expect(c).toBe(a);
  });

  it('each strategy does better on its own objective than the other strategy\'s plan (units priced by either preset)', async () => {
    const instance = load(tiny());
    const tf = await planWeek(instance, { seed: 1, strategy: 'travel-first', ...quick });
    const cf = await planWeek(instance, { seed: 1, strategy: 'continuity-first', ...quick });
    const terms = ['newFace', 'notNamed', 'crossTeam', 'notPreferredStaff', 'genderOrLanguage'] as const;
    const price = (plan: typeof tf, w: (typeof STRATEGY_WEIGHTS)[keyof typeof STRATEGY_WEIGHTS]): number =>
      w.travel * plan.meta.objective!.travelMinutes! + terms.reduce((s, t) => s + w[t] * plan.meta.objective![`${t}Units`]!, 0);
    expect(price(cf, STRATEGY_WEIGHTS['continuity-first'])).toBeLessThanOrEqual(price(tf, STRATEGY_WEIGHTS['continuity-first']));
    expect(price(tf, STRATEGY_WEIGHTS['travel-first'])).toBeLessThanOrEqual(price(cf, STRATEGY_WEIGHTS['travel-first']));
    expect(tf.meta.objective!.travelMinutes!).toBeLessThanOrEqual(cf.meta.objective!.travelMinutes!);
  });

  it('takes user weights over the preset and rejects unknown ones', async () => {
    const instance = load(miniInstance());
    const plan = await planWeek(instance, { seed: 1, weights: { newFace: 99 }, ...quick });
    expect(plan.meta.strategy).toBe('balanced+weights');
    expect(plan.meta.objective!.newFaceWeight).toBe(99);
    await expect(planWeek(instance, { weights: { speed: 1 } as never })).rejects.toThrow(PlanOptionError);
    await expect(planWeek(instance, { weights: { travel: -1 } })).rejects.toThrow('weight "travel" must be a finite number ≥ 0');
  });

  it('anytime: aborted after the first batch, it returns the best valid plan so far, marked aborted', async () => {
    const instance = load(tiny());
    const controller = new AbortController();
    let reports = 0;
    const plan = await planWeek(instance, {
      seed: 1,
      ...quick,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.phase.startsWith('pass') && ++reports === 1) controller.abort();
      },
    });
    expect(plan.meta.stopped).toBe('aborted');
    expect(checkPlan(instance, plan).violations).toEqual([]);
    const done = await planWeek(instance, { seed: 1, ...quick });
    expect(done.meta.stopped).toBe('completed');
  });

  it('every plan of random small instances passes the independent checker', async () => {
    await fc.assert(
      fc.asyncProperty(arbInstance, fc.constantFrom('balanced', 'travel-first'), async (input, strategy) => {
        const r = parseInstance(input);
        fc.pre(r.ok);
        if (!r.ok) return;
        const plan = await planWeek(r.instance, { strategy, seed: 1, iterationsPerDay: 60, rounds: 1 });
        expect(checkPlan(r.instance, plan).violations).toEqual([]);
      }),
      { numRuns: 40, seed: 4242 },
    );
  });
});
