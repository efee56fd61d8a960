import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { planWeek } from '../../src/plan/index.js';
import { demandCsv, rosterDeltaCsv, staffingCurves, suggestRoster, summarizeStaffing } from '../../src/staffing/index.js';
import { parseInstance } from '../../src/validate/index.js';
import { optionalInstance } from '../fixtures/optional.js';

function load(input: unknown) {
  const r = parseInstance(input);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.instance;
}
const quick = { iterationsPerDay: 150, rounds: 2, seed: 1 } as const;

describe('staffing curves', () => {
  it('reconcile with the plan: staff-minutes needed = visit + travel staff-minutes of the routes (tiny sample)', async () => {
    const instance = load(JSON.parse(readFileSync(new URL('../../data/samples/tiny-4242.json', import.meta.url), 'utf8')));
    const plan = await planWeek(instance, quick);
    let visit = 0;
    let travel = 0;
    for (const r of plan.routes) {
      for (const e of r.events) {
        if (e.type === 'visit') visit += (Date.parse(e.end) - Date.parse(e.start)) / 60000;
        if (e.type === 'travel') travel += e.minutes;
      }
    }
    for (const interval of [15, 60]) {
      const curves = staffingCurves(instance, plan, interval);
      const area = curves.teams.reduce((s, t) => s + t.needed.reduce((a, x) => a + x * interval, 0), 0);
      expect(Math.abs(area - (visit + travel)) / (visit + travel)).toBeLessThan(0.01);
      const s = summarizeStaffing(curves, 'plan');
      expect(s.reconciliation!.visitMinutes).toBe(visit);
      expect(s.reconciliation!.travelMinutes).toBe(travel);
      expect(s.reconciliation!.deviation).toBeLessThan(0.01);
      expect(s.days).toHaveLength(instance.teams.length * instance.period.days);
    }
  });

  it('counts a double-staffed visit for both staff members', async () => {
    const input = optionalInstance();
    input.clients[1]!.tasks[0]!.staffCount = 2;
    input.clients[1]!.granted.careMinutes = 90;
    const instance = load(input);
    const plan = await planWeek(instance, quick);
    expect(plan.unplanned).toEqual([]);
    const curves = staffingCurves(instance, plan, 15);
    // 09:00–12:00 window, 45 minutes by two staff: two staff are busy in some interval.
    const t = curves.teams[0]!;
    expect(Math.max(...t.needed)).toBeGreaterThanOrEqual(2 - 1e-9);
    expect(curves.planStaffMinutes.visit).toBe(30 + 2 * 45 + 30);
  });

  it('supply: released optional shifts are not on shift; the roster curve has them', async () => {
    const instance = load(optionalInstance());
    const plan = await planWeek(instance, quick);
    const c = staffingCurves(instance, plan, 60);
    const t = c.teams[0]!;
    // Monday 10:00–11:00: s1 on shift, s2 released (rostered), s3 not yet.
    expect(t.onShift[10]).toBe(1);
    expect(t.rostered[10]).toBe(2);
    // 18:00–19:00: s3's optional shift is used.
    expect(t.onShift[18]).toBe(1);
  });

  it('estimates demand from the instance alone: the area is visit minutes × staff plus one travel leg each', () => {
    const instance = load(optionalInstance());
    const c = staffingCurves(instance, undefined, 15);
    const area = c.teams[0]!.estimate.reduce((a, x) => a + x * 15, 0);
    expect(area).toBeGreaterThan(105);
    expect(area).toBeLessThan(105 + 3 * 30);
    expect(c.teams[0]!.needed.every((x) => x === 0)).toBe(true);
    const s = summarizeStaffing(c, 'estimate');
    expect(s.reconciliation).toBeNull();
    expect(s.days[0]!.basis).toBe('estimate');
  });

  it('writes the demand curve as CSV: team, date, interval start, staff needed', async () => {
    const instance = load(optionalInstance());
    const plan = await planWeek(instance, quick);
    const csv = demandCsv(staffingCurves(instance, plan, 60), 'plan').trim().split('\n');
    expect(csv[0]).toBe('team,date,intervalStart,staffNeeded');
    expect(csv).toHaveLength(1 + 7 * 24);
    expect(csv[1]).toBe('t1,2026-03-23,00:00,0.00');
  });

  it('rejects an interval that does not divide the day', () => {
    expect(() => staffingCurves(load(optionalInstance()), undefined, 7)).toThrow(RangeError);
  });
});

describe('roster suggestions', () => {
  it('with a plan: its released shifts, nothing to add when all is planned', async () => {
    const instance = load(optionalInstance());
    const plan = await planWeek(instance, quick);
    const d = suggestRoster(instance, staffingCurves(instance, plan, 15), plan);
    expect(d.release.map((r) => r.shiftId)).toEqual(['s2-1']);
    expect(d.add).toEqual([]);
    expect(rosterDeltaCsv(d)).toBe('action,team,date,start,end,count,staffId,shiftId,skills\nrelease,t1,2026-03-23,07:00,16:00,1,s2,s2-1,\n');
  });

  it('without a plan: releases the optional day shift the fixed one covers, keeps the evening one', () => {
    const instance = load(optionalInstance());
    const d = suggestRoster(instance, staffingCurves(instance, undefined, 15));
    expect(d.release.map((r) => r.shiftId)).toEqual(['s2-1']);
  });

  it('adds shifts with the skills needed where demand exceeds the roster', () => {
    const input = optionalInstance();
    // Two 50-minute evening visits with a delegation due at 18:00 sharp; only s3 works then.
    input.staff[2]!.skills = ['insulin'];
    const evening = (c: (typeof input.clients)[number]) => {
      c.tasks[0]!.skills = ['insulin'];
      c.tasks[0]!.duration = { standard: 50 };
      c.tasks[0]!.windows = [{ start: '18:00', end: '18:05' }];
      c.granted.careMinutes = 50;
    };
    evening(input.clients[2]!);
    const c4 = structuredClone(input.clients[2]!);
    c4.id = 'c4';
    c4.tasks[0]!.id = 'k4';
    c4.location = { lat: 59.731, lon: 17.79 };
    input.clients.push(c4);
    const instance = load(input);
    const d = suggestRoster(instance, staffingCurves(instance, undefined, 15));
    expect(d.add).toHaveLength(1);
    expect(d.add[0]).toMatchObject({ team: 't1', date: '2026-03-23', count: 1, skills: ['insulin'] });
    expect(d.add[0]!.start <= '18:00' && d.add[0]!.end >= '18:55').toBe(true);
  });
});
