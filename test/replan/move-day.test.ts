import { describe, expect, it } from 'vitest';
import { checkPlan } from '../../src/check/index.js';
import { planWeek } from '../../src/plan/index.js';
import { replan } from '../../src/replan/index.js';
import type { Changes } from '../../src/schema/changes.js';
import type { Instance, InstanceInput } from '../../src/schema/instance.js';
import { parseInstance } from '../../src/validate/index.js';

const quick = { iterationsPerDay: 150, rounds: 1 } as const;
const DATES = ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27'];

/**
 * One care worker on weekdays, one client with a daily morning visit and a weekly cleaning (any
 * weekday), so that the worker's absence on the cleaning's day leaves nobody to do it there.
 */
function week(): Instance {
  const input = {
    schemaVersion: 1,
    id: 'move-day',
    period: { start: DATES[0], days: 7, timeZone: 'Europe/Stockholm' },
    bases: [{ id: 'b1', location: { lat: 59.7255, lon: 17.787 } }],
    teams: [{ id: 't1' }],
    staff: [
      {
        id: 's01',
        role: 'care',
        team: 't1',
        base: 'b1',
        travelMode: 'car',
        skills: [],
        shifts: DATES.map((date, i) => ({ id: `s01-${i + 1}`, date, start: '08:00', end: '12:00' })),
      },
    ],
    clients: [
      {
        id: 'c001',
        location: { lat: 59.7305, lon: 17.791 },
        team: 't1',
        granted: { careMinutes: 200, serviceMinutes: 60 },
        tasks: [
          { id: 'morning', category: 'personal_care', frequency: { type: 'weekdays', weekdays: [1, 2, 3, 4, 5], timesPerDay: 1 }, duration: { standard: 30 }, windows: [{ start: '08:00', end: '10:00' }] },
          { id: 'cleaning', category: 'service', frequency: { type: 'weekly', timesPerWeek: 1, weekdays: [1, 2, 3, 4, 5] }, duration: { standard: 45 }, windows: [{ start: '09:00', end: '11:00' }], combinable: false },
        ],
        preferences: {},
      },
    ],
    continuity: { maxDistinctStaffMode: 'soft', maxDistinctStaffPer14Days: 3, namedContactShareTarget: 0.5 },
    travel: { accessMinutes: 3, bikeKmh: 15, car: { ruralKmh: 65, urbanKm: 2, urbanKmh: 30 }, detourFactor: 1.3, walkKmh: 4.5 },
    planning: { crossTeamAllowed: true, grantedTolerance: { lower: 0.95, upper: 1 } },
  } as unknown as InstanceInput;
  const r = parseInstance(input);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.instance;
}

const absent = (date: string): Changes['changes'][number] => ({ type: 'staffAbsent', staffId: 's01', from: `${date}T00:00:00+01:00`, to: `${date}T23:59:00+01:00` });

describe('replan moves a visit to another day of its week', () => {
  it('a weekly visit nobody can do on its day moves to another allowed day, priced movedDay and listed in the diff; daily visits stay', async () => {
    const instance = week();
    const reference = await planWeek(instance, { seed: 1, ...quick });
    const cleaning = reference.visits.find((v) => v.tasks.some((t) => t.taskId === 'cleaning'))!;
    // The client is away the weekday after the cleaning's day (or before it on Friday): not a day to move to.
    const i = DATES.indexOf(cleaning.date);
    const awayDate = DATES[i === DATES.length - 1 ? i - 1 : i + 1]!;
    const changes: Changes = { changes: [absent(cleaning.date), { type: 'clientAway', clientId: 'c001', from: `${awayDate}T00:00:00+01:00`, to: `${awayDate}T23:59:00+01:00` }] };
    const { instance: next, plan } = await replan(instance, reference, changes, { seed: 1, ...quick });
    expect(checkPlan(next, plan).violations).toEqual([]);

    const moved = plan.visits.find((v) => v.id === cleaning.id)!;
    expect(moved).toBeDefined();
    expect(moved.date).not.toBe(cleaning.date);
    expect(moved.date).not.toBe(awayDate);
    expect(DATES).toContain(moved.date);
    // The morning visit of the absent day has nobody: it is not moved (a daily task), it is unplanned.
    expect(plan.visits.some((v) => v.date === cleaning.date)).toBe(false);
    expect(plan.unplanned.some((u) => u.taskId === 'morning' && u.from === cleaning.date)).toBe(true);

    const term = plan.explanations!.terms.find((t) => t.term === 'movedDay')!;
    expect(term).toMatchObject({ weight: 180, amount: 1, cost: 180 });
    expect(term.message).toContain(`client c001's visit of ${cleaning.date}`);
    expect(plan.meta.objective!.movedDayUnits).toBe(1);
    expect(plan.changes!.visits.movedDay).toBe(1);
    expect(plan.changes!.clients.find((c) => c.clientId === 'c001')!.changed.some((c) => c.visitId === cleaning.id)).toBe(true);
  });

  it('the movedDay weight prices the move without deciding it: a move is still better than leaving the visit out', async () => {
    const instance = week();
    const reference = await planWeek(instance, { seed: 1, ...quick });
    const cleaning = reference.visits.find((v) => v.tasks.some((t) => t.taskId === 'cleaning'))!;
    for (const movedDay of [0, 1000]) {
      const { instance: next, plan } = await replan(instance, reference, { changes: [absent(cleaning.date)] }, { seed: 1, ...quick, weights: { movedDay } });
      expect(checkPlan(next, plan).violations).toEqual([]);
      expect(plan.visits.find((v) => v.id === cleaning.id)?.date).not.toBe(cleaning.date);
      expect(plan.explanations!.terms.find((t) => t.term === 'movedDay')).toMatchObject({ weight: movedDay, amount: 1, cost: movedDay });
      // The reported total is the sum of the priced terms.
      const priced = plan.explanations!.terms.filter((t) => !['unplanned', 'preferredTime'].includes(t.term));
      expect(plan.meta.objective!.total).toBeCloseTo(priced.reduce((s, t) => s + t.cost, 0), 6);
    }
  });
});
