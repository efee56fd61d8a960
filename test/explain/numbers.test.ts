import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { explainClients } from '../../src/explain/index.js';
import { computeContinuity } from '../../src/kpi/continuity.js';
import { buildContext } from '../../src/kpi/context.js';
import { ClientSummary, Plan, PlanExplanations } from '../../src/schema/plan.js';
import { MONDAY, PlanBuilder, client, history, makeInstance, periodDates, shift, staff, task } from '../kpi/fixtures.js';

const WEEK = ['2026-02-02', '2026-02-03', '2026-02-04', '2026-02-05', '2026-02-06', '2026-02-07', '2026-02-08'];

/**
 * Client A: daily personal care `pc` (30, max 40) and weekly cleaning (60), granted 210 care + 60
 * service; named contact s1; prefers 08:00–09:00, Wednesdays, s2, female staff, Finnish.
 * s1 (female, sv) works every day, s2 (male, fi) Monday to Wednesday.
 * Plan: pc at 08:00 by s2 Mon–Wed and by s1 Thu–Sun; cleaning Monday 10:00 by s1.
 */
function scenario() {
  const instance = makeInstance({
    clients: [
      client('A', {
        granted: { careMinutes: 210, serviceMinutes: 60 },
        namedContact: 's1',
        tasks: [
          task('pc', 'personal_care', { duration: { standard: 30, max: 40 } }),
          task('clean', 'service', { frequency: { type: 'weekly', timesPerWeek: 1 }, duration: { standard: 60 } }),
        ],
        preferences: {
          timeRanges: [{ start: '08:00', end: '09:00' }],
          days: [3],
          preferredStaff: ['s2'],
          staffGender: 'female',
          languages: ['fi'],
        },
      }),
    ],
    staff: [
      staff('s1', { gender: 'female', languages: ['sv'], shifts: WEEK.map((d, i) => shift(`a${i}`, d, '07:00', '15:00')) }),
      staff('s2', { gender: 'male', languages: ['fi'], shifts: WEEK.slice(0, 3).map((d, i) => shift(`b${i}`, d, '07:00', '15:00')) }),
    ],
  });
  const p = new PlanBuilder(instance);
  WEEK.forEach((d, i) => p.visit('A', d, '08:00', [i < 3 ? 's2' : 's1']));
  const clean = p.visit('A', MONDAY, '10:00', ['s1'], [{ taskId: 'clean', minutes: 60 }]);
  return { instance, plan: p.build(), clean };
}

describe('explainClients: figures', () => {
  it('reports granted and planned minutes, visits, staff met, named contact and preferences', () => {
    const { instance, plan } = scenario();
    const [a] = explainClients(instance, plan);
    expect(ClientSummary.parse(a)).toEqual(a);
    expect(a).toMatchObject({
      clientId: 'A',
      team: 't1',
      granted: { careMinutes: 210, serviceMinutes: 60, totalMinutes: 270 },
      planned: { careMinutes: 210, serviceMinutes: 60, totalMinutes: 270, hslMinutes: 0 },
      fidelity: 1,
      withinTolerance: true,
      visits: 8,
      unplanned: { count: 0, minutes: 0 },
      distinctStaff: { period: 2, window: 2, windowDays: 7, nationalEligible: false },
      staffMet: [
        { staffId: 's1', visits: 5 },
        { staffId: 's2', visits: 3 },
      ],
      namedContact: { staffId: 's1', visits: 5, share: 5 / 8 },
      preferences: {
        timeRanges: { met: 7, total: 8 },
        days: { met: 0, total: 1 },
        staff: { met: 3, total: 8 },
        gender: { met: 5, total: 8 },
        language: { met: 3, total: 8 },
      },
    });
  });

  it('gives null for preferences the client does not have and for a missing named contact', () => {
    const instance = makeInstance({ clients: [client('B', { tasks: [task('pc', 'personal_care')] })] });
    const p = new PlanBuilder(instance);
    p.visit('B', MONDAY, '08:00', ['s1']);
    const [b] = explainClients(instance, p.build());
    expect(b!.namedContact).toBeNull();
    expect(b!.preferences).toEqual({ timeRanges: null, days: null, staff: null, gender: null, language: null });
    expect(b!.fidelity).toBeNull();
    expect(b!.withinTolerance).toBeNull();
    expect(b!.notes).toEqual([]);
  });

  it('counts HSL minutes apart and double staffing twice', () => {
    const instance = makeInstance({
      clients: [
        client('C', {
          granted: { careMinutes: 60 },
          tasks: [task('lift', 'personal_care', { staffCount: 2 }), task('hsl', 'hsl', { duration: { standard: 15 } })],
        }),
      ],
      staff: [staff('s1'), staff('s2')],
    });
    const p = new PlanBuilder(instance);
    p.visit('C', MONDAY, '08:00', ['s1', 's2'], [{ taskId: 'lift', minutes: 30 }]);
    p.visit('C', MONDAY, '12:00', ['s1'], [{ taskId: 'hsl', minutes: 15 }]);
    const [c] = explainClients(instance, p.build());
    expect(c!.planned).toEqual({ careMinutes: 60, serviceMinutes: 0, totalMinutes: 60, hslMinutes: 15 });
    expect(c!.staffMet).toEqual([
      { staffId: 's1', visits: 2 },
      { staffId: 's2', visits: 1 },
    ]);
  });

  it('counts distinct staff in the national window with history, as the continuity KPI does', () => {
    const before = ['2026-01-26', '2026-01-27', '2026-01-28', '2026-01-29', '2026-01-30', '2026-01-31', '2026-02-01'];
    const instance = makeInstance({
      clients: [client('E'), client('F')],
      staff: ['s1', 's2', 's3', 's4', 's5'].map((id) => staff(id)).concat(staff('n1', { role: 'nurse' })),
      history: [
        ...before.flatMap((d) => [history('E', d, '08:00', ['s3']), history('E', d, '12:00', ['s4'])]),
        history('E', before[0]!, '23:00', ['s5']), // night: not counted
        history('F', before[2]!, '09:00', ['s5']),
      ],
    });
    const p = new PlanBuilder(instance);
    p.twicePerDay('E', periodDates(instance), ['s1'], ['s2']);
    p.visit('E', MONDAY, '15:00', ['n1'], [{ taskId: 'hsl', minutes: 30 }]); // nurse: not counted
    p.visit('F', MONDAY, '08:00', ['s1']);
    const plan = p.build();
    const [e, f] = explainClients(instance, plan);
    const national = computeContinuity(buildContext(instance, plan)).nationalByClient;
    expect(e!.distinctStaff).toEqual({ period: 3, window: 4, windowDays: 14, nationalEligible: true });
    expect(e!.distinctStaff.window).toBe(national.get('E'));
    // F: not eligible, still counted over the window (s5 in history, s1 in the plan).
    expect(f!.distinctStaff).toEqual({ period: 1, window: 2, windowDays: 14, nationalEligible: false });
  });

  it('fits the plan schema as plan.explanations', () => {
    const { instance, plan } = scenario();
    const explanations = PlanExplanations.parse({
      terms: [{ term: 'travel', weight: 1, amount: 120, unit: 'minutes', cost: 120, message: '120 minutes of travel.' }],
      clients: explainClients(instance, plan),
    });
    const withExplanations = Plan.parse({ ...plan, explanations });
    expect(withExplanations.explanations?.clients[0]?.clientId).toBe('A');
    expect(Plan.parse(plan).explanations).toBeUndefined();
    const json = z.toJSONSchema(Plan, { io: 'input', unrepresentable: 'any' }) as { properties: Record<string, unknown> };
    expect(json.properties).toHaveProperty('explanations');
  });
});

describe('explainClients: notes of the figures scenario', () => {
  it('explains preferred staff, time, day, gender and language', () => {
    const { instance, plan, clean } = scenario();
    const [a] = explainClients(instance, plan);
    expect(a!.notes).toEqual([
      `A preferred staff member (s2) is at 3 of 8 visits. Of the 5 other visits, for s2: 4 on days s2 has no shift (2026-02-05, 2026-02-06, 2026-02-07, 2026-02-08), 1 with s2 on shift and qualified but not assigned (${clean} 2026-02-02 10:00).`,
      `1 of 8 visits start outside the preferred times (08:00–09:00): 1 could have started inside them as far as their tasks' allowed times go (${clean} 2026-02-02 10:00).`,
      `Visit ${clean} 2026-02-02 10:00 (weekly task clean) is on a Mon, not a preferred day (Wed): qualified staff have shifts on 2026-02-04, so the roster does not explain it.`,
      'Staff of the preferred gender (female) are at 5 of 8 visits. Of the 3 other visits: 3 on days a qualified female staff member has one (2026-02-02, 2026-02-03, 2026-02-04).',
      'Staff speaking a preferred language (fi) are at 3 of 8 visits. Of the 5 other visits: 4 on days no qualified staff member speaking fi has a shift (2026-02-05, 2026-02-06, 2026-02-07, 2026-02-08), 1 on days a qualified staff member speaking fi has one (2026-02-02).',
    ]);
  });
});
