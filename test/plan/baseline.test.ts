import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPlan } from '../../src/check/index.js';
import { planBaseline } from '../../src/plan/baseline.js';
import type { InstanceInput } from '../../src/schema/instance.js';
import { Plan } from '../../src/schema/plan.js';
import { parseInstance } from '../../src/validate/index.js';
import { miniInstance } from '../fixtures/mini.js';

function plan(input: InstanceInput) {
  const r = parseInstance(input);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return { instance: r.instance, plan: Plan.parse(planBaseline(r.instance)) };
}

const hhmm = (m: number): string => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** Random small instances: 1–2 bases, 2–5 staff, 1–6 clients, windows, skills, double staffing, gaps, refusals. */
const arbInstance: fc.Arbitrary<InstanceInput> = fc
  .record({
    start: fc.constantFrom('2026-03-23', '2026-10-19', '2026-11-23'),
    staff: fc.array(
      fc.record({
        mode: fc.constantFrom('car', 'bike', 'walk'),
        skill: fc.boolean(),
        base: fc.nat(1),
        shiftStart: fc.integer({ min: 6 * 60, max: 10 * 60 }),
        shiftLen: fc.integer({ min: 4 * 60, max: 9 * 60 }),
        withBreak: fc.boolean(),
        breakAtBase: fc.boolean(),
        days: fc.uniqueArray(fc.nat(6), { minLength: 1, maxLength: 7 }),
      }),
      { minLength: 2, maxLength: 5 },
    ),
    clients: fc.array(
      fc.record({
        dLat: fc.integer({ min: -300, max: 300 }),
        dLon: fc.integer({ min: -300, max: 300 }),
        tasks: fc.array(
          fc.record({
            category: fc.constantFrom('personal_care', 'service', 'meal', 'hsl'),
            freq: fc.constantFrom('daily', 'weekly', 'weekdays'),
            times: fc.integer({ min: 1, max: 2 }),
            duration: fc.integer({ min: 5, max: 60 }),
            windowStart: fc.integer({ min: 6 * 60, max: 14 * 60 }),
            windowLen: fc.integer({ min: 0, max: 240 }),
            fixed: fc.boolean(),
            skill: fc.boolean(),
            double: fc.boolean(),
            gap: fc.constantFrom(0, 0, 120),
          }),
          { minLength: 1, maxLength: 3 },
        ),
        refuseFirst: fc.boolean(),
      }),
      { minLength: 1, maxLength: 6 },
    ),
  })
  .map(({ start, staff, clients }) => {
    const dates = Array.from({ length: 7 }, (_, d) => {
      const t = new Date(`${start}T12:00:00Z`);
      t.setUTCDate(t.getUTCDate() + d);
      return t.toISOString().slice(0, 10);
    });
    return {
      id: 'random',
      period: { start, days: 7 as const },
      bases: [
        { id: 'b0', location: { lat: 59.725, lon: 17.787 } },
        { id: 'b1', location: { lat: 59.76, lon: 17.77 } },
      ],
      teams: [{ id: 't1' }],
      staff: staff.map((s, i) => ({
        id: `s${i}`,
        team: 't1',
        base: `b${s.base}`,
        travelMode: s.mode,
        skills: s.skill ? ['deleg'] : [],
        shifts: s.days.map((d) => ({
          id: `s${i}-${d}`,
          date: dates[d]!,
          start: hhmm(s.shiftStart),
          end: hhmm(Math.min(s.shiftStart + s.shiftLen, 23 * 60 + 59)),
          ...(s.withBreak
            ? { break: { minutes: 30, earliestStart: hhmm(s.shiftStart + 120), latestEnd: hhmm(Math.min(s.shiftStart + 240, 23 * 60 + 59)), at: s.breakAtBase ? 'base' : 'anywhere' } }
            : {}),
        })),
      })),
      clients: clients.map((c, ci) => ({
        id: `c${ci}`,
        team: 't1',
        location: { lat: 59.725 + c.dLat / 10_000, lon: 17.787 + c.dLon / 10_000 },
        granted: { careMinutes: 5000, serviceMinutes: 2000 },
        namedContact: 's0',
        preferences: c.refuseFirst ? { refusedStaff: ['s1'] } : {},
        tasks: c.tasks.map((t, ti) => ({
          id: `k${ti}`,
          category: t.category,
          frequency:
            t.freq === 'daily'
              ? { type: 'daily' as const, timesPerDay: t.times }
              : t.freq === 'weekly'
                ? { type: 'weekly' as const, timesPerWeek: t.times }
                : { type: 'weekdays' as const, weekdays: [1, 3, 5] },
          duration: { standard: t.duration, ...(t.category === 'hsl' ? {} : { min: Math.max(1, t.duration - 5), max: t.duration + 5 }) },
          ...(t.fixed
            ? { fixedTime: { time: hhmm(t.windowStart), toleranceMinutes: 15 } }
            : { windows: [{ start: hhmm(t.windowStart), end: hhmm(t.windowStart + t.windowLen + 1) }] }),
          skills: t.skill ? ['deleg'] : [],
          staffCount: t.double ? (2 as const) : (1 as const),
          minGapMinutes: t.gap,
        })),
      })),
    } satisfies InstanceInput;
  });

describe('baseline planner', () => {
  it('plans the mini instance completely, and the independent checker accepts it', () => {
    const { instance, plan: p } = plan(miniInstance());
    expect(p.unplanned).toEqual([]);
    expect(p.visits).toHaveLength(8);
    expect(p.meta.solver).toBe('baseline');
    const lift = p.visits.find((v) => v.tasks[0]!.taskId === 'lift')!;
    expect(lift.staff).toEqual(['s1', 's2']);
    expect(checkPlan(instance, p)).toEqual({ valid: true, violations: [] });
  });

  it('is deterministic', () => {
    expect(JSON.stringify(plan(miniInstance()).plan)).toBe(JSON.stringify(plan(miniInstance()).plan));
  });

  it('reports what it cannot plan, with reason codes and sentences', () => {
    const input = miniInstance();
    input.staff[0]!.shifts.pop(); // s1 (the only insulin delegate) loses the Sunday shift
    const { instance, plan: p } = plan(input);
    const insulin = p.unplanned.find((u) => u.taskId === 'insulin')!;
    expect(insulin).toMatchObject({ clientId: 'c1', from: '2026-03-29', to: '2026-03-29', count: 1, minutes: 10, reason: 'NO_SHIFT' });
    expect(insulin.message).toBe(
      'Task insulin of client c1 on 2026-03-29 was not planned: no qualified staff member (skills [insulin], not refused) has a shift covering its allowed times.',
    );
    expect(checkPlan(instance, p).valid).toBe(true);
  });

  it('every plan of a random small instance passes the independent checker (property)', () => {
    let checked = 0;
    let visits = 0;
    fc.assert(
      fc.property(arbInstance, (input) => {
        const r = parseInstance(input);
        fc.pre(r.ok); // random instances may be invalid (e.g. no qualified staff); those are validation's job
        if (!r.ok) return;
        const p = Plan.parse(planBaseline(r.instance));
        const result = checkPlan(r.instance, p);
        if (!result.valid) throw new Error(JSON.stringify(result.violations.slice(0, 3)));
        checked++;
        visits += p.visits.length;
      }),
      { numRuns: 80, seed: 20261122 },
    );
    // The property must exercise real plans, not only skipped inputs.
    expect(checked).toBeGreaterThanOrEqual(40);
    expect(visits).toBeGreaterThan(200);
  });
});
