import { describe, expect, it } from 'vitest';
import { PeriodClock } from '../../src/calendar.js';
import { COMBINED_QUALIFIED_SHARE, composeVisits } from '../../src/plan/compose.js';
import { planOccurrences } from '../../src/plan/granted.js';
import type { Instance, InstanceInput } from '../../src/schema/instance.js';
import { parseInstance } from '../../src/validate/index.js';
import { miniInstance } from '../fixtures/mini.js';

type Tasks = NonNullable<InstanceInput['clients']>[number]['tasks'];

/** One client over a week (daily tasks: every day alike); four staff with medication and insulin, one of them (s1) also with wound. */
function instance(tasks: Tasks): Instance {
  const base = miniInstance();
  base.period = { start: '2026-11-23', days: 7 };
  const template = base.staff[0]!;
  base.staff = ['s1', 's2', 's3', 's4'].map((id, i) => ({
    ...template,
    id,
    skills: i === 0 ? ['medication', 'insulin', 'wound'] : ['medication', 'insulin'],
    shifts: Array.from({ length: 7 }, (_, d) => ({ id: `${id}-${d}`, date: `2026-11-${23 + d}`, start: '07:00', end: '16:00' })),
  }));
  base.clients = [{ id: 'c1', team: 't1', location: { lat: 59.73, lon: 17.79 }, granted: { careMinutes: 7 * 30 }, tasks }];
  const r = parseInstance(base);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.instance;
}

/** The first day's visits as sorted task-id lists. */
function visits(inst: Instance): string[][] {
  const clock = new PeriodClock(inst.period.start, inst.period.days, inst.period.timeZone);
  const occ = planOccurrences(inst, clock.dates);
  return composeVisits(clock, occ, inst.staff)
    .filter((c) => occ[c.members[0]!]!.date === '2026-11-23')
    .map((c) => c.members.map((m) => occ[m]!.task.id).sort())
    .sort((a, b) => a.join().localeCompare(b.join()));
}

const daily = { type: 'daily' } as const;

describe('composeVisits', () => {
  it('combines a client\'s same-day tasks that most staff can do together', () => {
    const inst = instance([
      { id: 'med', category: 'hsl', frequency: daily, duration: { standard: 5 }, fixedTime: { time: '08:00', toleranceMinutes: 30 }, skills: ['medication'] },
      { id: 'insulin', category: 'hsl', frequency: daily, duration: { standard: 10 }, windows: [{ start: '07:00', end: '10:00' }], skills: ['insulin'] },
      { id: 'care', category: 'personal_care', frequency: daily, duration: { standard: 30 }, windows: [{ start: '07:00', end: '10:00' }] },
    ]);
    expect(visits(inst)).toEqual([['care', 'insulin', 'med']]);
  });

  it('keeps a task needing a rare skill out of a visit most staff could otherwise make', () => {
    // Together only s1 (1 of 4 staff) could make med + wound: below the share of the 4 who can give med.
    expect(1 / 4).toBeLessThan(COMBINED_QUALIFIED_SHARE);
    const inst = instance([
      { id: 'med', category: 'hsl', frequency: daily, duration: { standard: 5 }, fixedTime: { time: '12:00', toleranceMinutes: 30 }, skills: ['medication'] },
      { id: 'wound', category: 'hsl', frequency: daily, duration: { standard: 30 }, windows: [{ start: '09:00', end: '14:00' }], skills: ['wound'] },
    ]);
    expect(visits(inst)).toEqual([['med'], ['wound']]);
  });

  it('combines tasks that need the same rare skill', () => {
    const inst = instance([
      { id: 'wound-a', category: 'hsl', frequency: daily, duration: { standard: 15 }, windows: [{ start: '09:00', end: '11:00' }], skills: ['wound'] },
      { id: 'wound-b', category: 'hsl', frequency: daily, duration: { standard: 15 }, windows: [{ start: '08:00', end: '14:00' }], skills: ['wound'] },
    ]);
    expect(visits(inst)).toEqual([['wound-a', 'wound-b']]);
  });
});
