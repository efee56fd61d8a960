import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { PeriodClock } from '../../src/calendar.js';
import { checkPlan } from '../../src/check/index.js';
import { planWeek } from '../../src/plan/index.js';
import { recommend, RecommendError, recommendWithPlans } from '../../src/recommend/index.js';
import type { Instance, InstanceInput } from '../../src/schema/instance.js';
import type { Plan } from '../../src/schema/plan.js';
import { parseInstance } from '../../src/validate/index.js';
import { arbInstance } from '../fixtures/arb.js';

function load(input: unknown): Instance {
  const r = parseInstance(input);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.instance;
}
const tiny = (): Instance => load(JSON.parse(readFileSync(new URL('../../data/samples/tiny-4242.json', import.meta.url), 'utf8')) as InstanceInput);
const ms = (iso: string): number => new Date(iso).getTime();

/** Every visit of `before` is in `after` with the same staff, starting at most 15 minutes away; returns how many moved at all. */
function keptWithin15(before: Plan, after: Plan): number {
  const byId = new Map(after.visits.map((v) => [v.id, v]));
  let moved = 0;
  for (const v of before.visits) {
    const a = byId.get(v.id);
    expect(a, `visit ${v.id} kept`).toBeDefined();
    expect(a!.staff).toEqual(v.staff);
    expect(Math.abs(ms(a!.start) - ms(v.start))).toBeLessThanOrEqual(15 * 60_000);
    if (a!.start !== v.start) moved++;
  }
  return moved;
}

describe('recommend', () => {
  let instance: Instance;
  let reference: Plan;
  let clock: PeriodClock;
  beforeAll(async () => {
    instance = tiny();
    reference = await planWeek(instance, { seed: 3, iterationsPerDay: 150, rounds: 2 });
    clock = new PeriodClock(instance.period.start, instance.period.days, instance.period.timeZone);
  });

  it('a one-off visit: the best options, each a plan the checker accepts with the visit where the option says and every other visit kept', () => {
    const date = clock.dates[2]!;
    const client = instance.clients[0]!;
    const { recommendation: r, plans, instance: changed } = recommendWithPlans(instance, reference, { type: 'visit', visit: { clientId: client.id, date, minutes: 20, windows: [{ start: '08:00', end: '16:00' }] } }, { top: 3 });
    expect(r.type).toBe('visit');
    expect(r.options.length).toBeGreaterThan(0);
    expect(r.options.length).toBeLessThanOrEqual(3);
    expect(r.rejected).toBe(0);
    expect(plans).toHaveLength(r.options.length);
    const costs = r.options.map((o) => o.costDelta);
    expect(costs).toEqual([...costs].sort((a, b) => a - b));
    r.options.forEach((o, i) => {
      const plan = plans[i]!;
      expect(checkPlan(changed, plan).violations).toEqual([]);
      expect(o.date).toBe(date);
      expect(clock.clockOf(clock.parseInstant(o.start)) >= '08:00' && clock.clockOf(clock.parseInstant(o.start)) <= '16:00').toBe(true);
      expect(clock.parseInstant(o.end) - clock.parseInstant(o.start)).toBe(20);
      const placed = plan.visits.filter((v) => !reference.visits.some((x) => x.id === v.id));
      expect(placed).toHaveLength(1);
      expect(placed[0]).toMatchObject({ clientId: client.id, date, start: o.start, staff: o.staff });
      expect(keptWithin15(reference, plan)).toBe(o.moves);
      // The terms add up to the change of the plan's objective.
      const sum = Object.values(o.terms).reduce((s, x) => s + x, 0);
      expect(sum).toBeCloseTo(o.costDelta, 6);
      expect(o.reason).toContain(o.staffId);
    });
  });

  it('is deterministic', () => {
    const req = { type: 'visit' as const, visit: { clientId: instance.clients[1]!.id, date: clock.dates[3]!, minutes: 30 } };
    expect(recommend(instance, reference, req)).toEqual(recommend(instance, reference, req));
  });

  it('replacements for an absent staff member: per visit, staff the client has met first, each plan valid', () => {
    const date = clock.dates[1]!;
    const counts = new Map<string, number>();
    for (const v of reference.visits) if (v.date === date) for (const s of v.staff) counts.set(s, (counts.get(s) ?? 0) + 1);
    const sick = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
    const from = clock.formatInstant(clock.toMinute(date, '00:00'));
    const to = clock.formatInstant(clock.toMinute(date, '23:59'));
    const { recommendation: r, plans, instance: changed } = recommendWithPlans(instance, reference, { type: 'replace', staffId: sick, from, to }, { top: 3 });
    const own = reference.visits.filter((v) => v.date === date && v.staff.includes(sick));
    expect(r.visits!.map((v) => v.visitId).sort()).toEqual(own.map((v) => v.id).sort());
    for (const v of r.visits!) {
      for (const o of v.options) {
        expect(o.staff).not.toContain(sick);
        expect(o.visitId).toBe(v.visitId);
      }
      // Met staff come first.
      const met = v.options.map((o) => o.met);
      expect(met).toEqual([...met].sort((a, b) => Number(b) - Number(a)));
    }
    for (const plan of plans) expect(checkPlan(changed, plan).violations).toEqual([]);
    // The first options hold together: the last plan has every one of them.
    const last = plans.at(-1);
    for (const v of r.visits!) {
      const first = v.options[0];
      if (!first || !last) continue;
      expect(last.visits.find((x) => x.id === v.visitId)).toMatchObject({ start: first.start, staff: first.staff });
    }
  });

  it('rejects a plan that is not of the instance, a bad now and unknown weights, with paths', () => {
    const broken: Plan = { ...reference, visits: reference.visits.map((v, i) => (i === 0 ? { ...v, clientId: 'c999' } : v)) };
    const req = { type: 'visit' as const, visit: { clientId: instance.clients[0]!.id, date: clock.dates[2]!, minutes: 20 } };
    const issues = (f: () => unknown): string[] => {
      try {
        f();
      } catch (e) {
        if (e instanceof RecommendError) return e.issues.map((i) => `${i.code} ${i.path}`);
        throw e;
      }
      return [];
    };
    expect(issues(() => recommend(instance, broken, req))).toContain('UNKNOWN_REF plan.visits[0].clientId');
    expect(issues(() => recommend(instance, reference, req, { now: 'soon', weights: { nope: 1 } as never, top: 0 }))).toEqual(['CHANGE_TIME now', 'SCHEMA weights.nope', 'SCHEMA top']);
    expect(issues(() => recommend(instance, reference, { type: 'visit', visit: { ...req.visit, taskId: instance.clients[0]!.tasks[0]!.id } }))).toContain('DUPLICATE_ID visit.taskId');
  });

  it('an unplanned occurrence by index or client/task/date; an unknown one is a RecommendError', async () => {
    // A plan with one occurrence left out: drop a visit and list it as unplanned.
    const v = reference.visits.find((x) => x.tasks.length === 1)!;
    const plan: Plan = {
      ...reference,
      visits: reference.visits.filter((x) => x.id !== v.id),
      routes: reference.routes.map((r) => ({ ...r, events: r.events.filter((e) => !(e.type === 'visit' && e.visitId === v.id)) })),
      unplanned: [...reference.unplanned, { clientId: v.clientId, taskId: v.tasks[0]!.taskId, from: v.date, to: v.date, count: 1, minutes: v.tasks[0]!.minutes, reason: 'CAPACITY', message: 'test' }],
    };
    const index = String(plan.unplanned.length - 1);
    const byIndex = recommend(instance, plan, { type: 'unplanned', unplanned: index });
    const byKey = recommend(instance, plan, { type: 'unplanned', unplanned: `${v.clientId}/${v.tasks[0]!.taskId}/${v.date}` });
    expect(byIndex.options).toEqual(byKey.options);
    expect(byIndex.options.length).toBeGreaterThan(0);
    expect(() => recommend(instance, plan, { type: 'unplanned', unplanned: '999' })).toThrow(RecommendError);
  });

  it('a new client: each team tried, occurrences that fit from the date, the best team first, its plan valid', () => {
    const base = instance.clients[0]!;
    const client = { ...base, id: 'c-new', name: undefined, address: undefined, location: { lat: base.location.lat + 0.002, lon: base.location.lon + 0.002 }, tasks: base.tasks.slice(0, 1).map((t) => ({ ...t, id: 'new-care' })) };
    const from = clock.dates[3]!;
    const { recommendation: r, plans, instance: changed } = recommendWithPlans(instance, reference, { type: 'client', client, from });
    expect(r.teams!.length).toBe(instance.teams.length);
    const first = r.teams![0]!;
    expect(first.fits).toBeLessThanOrEqual(first.of);
    for (const o of first.occurrences) expect(o.date >= from).toBe(true);
    expect(r.options).toHaveLength(first.fits);
    if (plans[0]) expect(checkPlan(changed, plans[0]).violations).toEqual([]);
  });

  it('every problem of a request at once, with codes and paths into it', () => {
    try {
      recommend(instance, reference, { type: 'visit', visit: { clientId: 'nobody', date: clock.dates[0]!, minutes: 20, skills: ['no-such-skill'] } });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(RecommendError);
      const issues = (e as RecommendError).issues;
      expect(issues.some((i) => i.code === 'UNKNOWN_REF' && i.path === 'visit.clientId')).toBe(true);
    }
    expect(() => recommend(instance, reference, { type: 'visit', visit: { clientId: 'c001', date: 'soon', minutes: -1 } as never })).toThrow(RecommendError);
  });

  it('property: on random small instances every option of a random one-off visit, inserted, passes the checker and keeps every other visit', async () => {
    await fc.assert(
      fc.asyncProperty(arbInstance, fc.nat(), fc.nat(13), fc.integer({ min: 5, max: 60 }), async (input, pick, day, minutes) => {
        const r = parseInstance(input);
        fc.pre(r.ok);
        if (!r.ok) return;
        const ref = await planWeek(r.instance, { seed: 1, iterationsPerDay: 60, rounds: 1 });
        const c = new PeriodClock(r.instance.period.start, r.instance.period.days, r.instance.period.timeZone);
        const client = r.instance.clients[pick % r.instance.clients.length]!;
        const out = recommendWithPlans(r.instance, ref, { type: 'visit', visit: { clientId: client.id, date: c.dates[day % c.dates.length]!, minutes } }, { top: 3 });
        expect(out.recommendation.rejected).toBe(0);
        out.plans.forEach((plan, i) => {
          expect(checkPlan(out.instance, plan).violations).toEqual([]);
          expect(keptWithin15(ref, plan)).toBe(out.recommendation.options[i]!.moves);
        });
      }),
      { numRuns: 15, seed: 4242 },
    );
  }, 120_000);
});
