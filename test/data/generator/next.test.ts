import { describe, expect, it } from 'vitest';
import { generateScenario, nextId, nextPeriod, serializeScenario } from '../../../data/generator/index.js';
import { addDaysToDate, isoWeekday } from '../../../src/calendar.js';
import type { InstanceInput } from '../../../src/schema/instance.js';
import { parseInstance } from '../../../src/validate/index.js';

function valid(input: InstanceInput): void {
  const r = parseInstance(input);
  expect(r.ok ? [] : r.issues).toEqual([]);
}

describe('nextPeriod: the following period of an instance', () => {
  const first = generateScenario({ profile: 'knivsta', seed: 4242, scale: 0.3 });
  const next = nextPeriod(first);

  it('validates, keeps every id and moves every date by the period length', () => {
    valid(next);
    expect(next.id).toBe(`${first.id}-p2`);
    expect(next.period).toEqual({ ...first.period, start: addDaysToDate(first.period.start, 14) });
    expect(next.clients).toEqual(first.clients);
    expect(next.teams).toEqual(first.teams);
    expect(next.staff.map((s) => s.id)).toEqual(first.staff.map((s) => s.id));
    first.staff.forEach((s, i) => {
      const n = next.staff[i]!;
      expect({ ...n, shifts: [] }).toEqual({ ...s, shifts: [] });
      expect(n.shifts.map((sh) => sh.id)).toEqual(s.shifts.map((sh) => sh.id));
      s.shifts.forEach((sh, k) => {
        expect(n.shifts[k]).toEqual({ ...sh, date: addDaysToDate(sh.date, 14) });
        expect(isoWeekday(n.shifts[k]!.date)).toBe(isoWeekday(sh.date));
      });
    });
  });

  it('is pure and deterministic and leaves its input alone', () => {
    const before = serializeScenario(first);
    expect(serializeScenario(nextPeriod(first))).toBe(serializeScenario(next));
    expect(serializeScenario(first)).toBe(before);
    expect(nextPeriod(next).id).toBe(`${first.id}-p3`);
    expect(nextPeriod(next).period.start).toBe(addDaysToDate(first.period.start, 28));
  });

  it('a 7-day period moves by 7 days', () => {
    const week = generateScenario({ profile: 'tiny', seed: 4242, days: 7 });
    const n = nextPeriod(week);
    valid(n);
    expect(n.period.start).toBe(addDaysToDate(week.period.start, 7));
    expect(n.staff[0]!.shifts[0]!.date).toBe(addDaysToDate(week.staff[0]!.shifts[0]!.date, 7));
  });

  it('drops past cancellations, extensions and history outside the continuity window; keeps the rest', () => {
    const week = generateScenario({ profile: 'tiny', seed: 4242, days: 7 });
    const c = week.clients[0]!;
    const task = c.tasks[0]!.id;
    const start = week.period.start;
    const nextStart = addDaysToDate(start, 7);
    const input: InstanceInput = {
      ...week,
      clients: [
        { ...c, cancellations: [{ taskId: task, date: addDaysToDate(start, 2) }, { taskId: task, date: addDaysToDate(nextStart, 1) }], extensions: [{ taskId: task, date: start, minutes: 10 }] },
        ...week.clients.slice(1),
      ],
      history: [
        { clientId: c.id, date: addDaysToDate(start, -3), start: '08:00', minutes: 30, staff: [week.staff[0]!.id], categories: ['personal_care'] },
        { clientId: c.id, date: addDaysToDate(start, 3), start: '08:00', minutes: 30, staff: [week.staff[0]!.id], categories: ['personal_care'] },
      ],
    };
    const n = nextPeriod(input);
    valid(n);
    expect(n.clients[0]!.cancellations).toEqual([{ taskId: task, date: addDaysToDate(nextStart, 1) }]);
    expect(n.clients[0]!.extensions).toBeUndefined();
    // The window of a 7-day period reaches 7 days back: the visit during the last period stays.
    expect(n.history!.map((h) => h.date)).toEqual([addDaysToDate(start, 3)]);
  });

  it('ids: -p<n> counts up, and stay within 64 characters', () => {
    expect(nextId('knivsta-s7331')).toBe('knivsta-s7331-p2');
    expect(nextId('knivsta-s7331-p9')).toBe('knivsta-s7331-p10');
    expect(nextId('x'.repeat(64)).length).toBeLessThanOrEqual(64);
  });
});
