/**
 * Edge cases of the time model that must keep passing: a night shift whose break window crosses
 * midnight, a task window ending at 24:00, and a break just outside such a window.
 */
import { describe, expect, it } from 'vitest';
import { PeriodClock } from '../../src/calendar.js';
import { checkPlan, type CheckResult } from '../../src/check/index.js';
import { Instance } from '../../src/schema/instance.js';
import { Plan, type PlannedVisit } from '../../src/schema/plan.js';
import { TravelModel } from '../../src/travel/model.js';
import { RouteBuilder, codes, messages } from './fixtures.js';

const SAT = '2026-11-28';
const SUN = '2026-11-29';

/**
 * Night shift 22:00–07:00 on Saturday with a 30-minute break in 23:30–00:30 (the end is before the
 * shift start, so it is Sunday). One 20-minute visit at `visitAt` on Saturday (window 22:00–24:00),
 * then back to base, then the break from `breakAt` on Sunday.
 */
function nightPlan(visitAt: string, breakAt: string): CheckResult {
  const instance = Instance.parse({
    id: 'night',
    period: { start: '2026-11-23', days: 7 },
    bases: [{ id: 'b1', location: { lat: 59.8586, lon: 17.6389 } }],
    teams: [{ id: 'ta' }],
    staff: [
      {
        id: 'n1',
        team: 'ta',
        base: 'b1',
        travelMode: 'car',
        shifts: [{ id: 'night', date: SAT, start: '22:00', end: '07:00', break: { minutes: 30, earliestStart: '23:30', latestEnd: '00:30' } }],
      },
    ],
    clients: [
      {
        id: 'd1',
        location: { lat: 59.862, lon: 17.645 },
        team: 'ta',
        granted: { careMinutes: 20 },
        tasks: [
          {
            id: 't-eve',
            category: 'supervision',
            frequency: { type: 'weekdays', weekdays: [6] },
            duration: { standard: 20 },
            windows: [{ start: '22:00', end: '24:00' }],
          },
        ],
      },
    ],
  });
  const clock = new PeriodClock('2026-11-23', 7, 'Europe/Stockholm');
  const travel = new TravelModel(instance);
  const s = clock.toMinute(SAT, visitAt);
  const v: PlannedVisit = {
    id: 'v',
    clientId: 'd1',
    date: SAT,
    start: clock.formatInstant(s),
    end: clock.formatInstant(s + 20),
    staff: ['n1'],
    tasks: [{ taskId: 't-eve', minutes: 20 }],
  };
  const events = new RouteBuilder({ clock, travel }, 'car', clock.toMinute(SAT, '22:00'))
    .travel({ kind: 'client', id: 'd1' })
    .visit(v, clock)
    .travel({ kind: 'base', id: 'b1' })
    .waitUntil(clock.toMinute(SUN, breakAt))
    .break(30)
    .end();
  const plan = Plan.parse({
    instanceId: 'night',
    meta: { solver: 'hand', strategy: 'none', seed: 0, version: 'test' },
    visits: [v],
    routes: [{ staffId: 'n1', shiftId: 'night', date: SAT, events }],
    unplanned: [],
  });
  return checkPlan(instance, plan);
}

describe('night shift over midnight', () => {
  it('a break 00:00–00:30 inside the window 23:30–00:30 that crosses midnight, a visit at 23:20 in a window ending 24:00', () => {
    expect(nightPlan('23:20', '00:00').violations).toEqual([]);
  });

  it('a break 00:01–00:31 ends one minute after the window', () => {
    const r = nightPlan('23:20', '00:01');
    expect(codes(r)).toEqual(['BREAK']);
    expect(messages(r, 'BREAK')).toEqual(["Staff n1's break in shift night runs 00:01–00:31, outside the allowed window 23:30–00:30."]);
  });
});
