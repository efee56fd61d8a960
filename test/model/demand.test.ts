import { describe, expect, it } from 'vitest';
import { PeriodClock } from '../../src/calendar.js';
import { expandDemand } from '../../src/model/demand.js';
import { Client } from '../../src/schema/instance.js';
import { taskWindows } from '../../src/validate/semantic.js';

function client(frequency: unknown) {
  return Client.parse({
    id: 'c1',
    team: 't',
    location: { lat: 59.7, lon: 17.8 },
    granted: { careMinutes: 0, serviceMinutes: 600 },
    tasks: [{ id: 'clean', category: 'service', frequency, duration: { standard: 60 } }],
  });
}

// Three weeks across the year end: ISO weeks 52 (2026), 53 (2026) and 1 (2027).
const dates = Array.from({ length: 21 }, (_, d) => new Date(Date.UTC(2026, 11, 21 + d)).toISOString().slice(0, 10));

describe('expandDemand', () => {
  it('every other week from an anchor alternates strictly across ISO week 53', () => {
    const spans = expandDemand({ clients: [client({ type: 'everyOtherWeek', anchorWeek: '2026-12-23' })] }, dates);
    expect(spans.map((s) => s.from)).toEqual(['2026-12-21', '2027-01-04']);
  });

  it('by ISO parity, a year with week 53 gets two odd weeks in a row (documented)', () => {
    const spans = expandDemand({ clients: [client({ type: 'everyOtherWeek', isoWeekParity: 'odd' })] }, dates);
    expect(spans.map((s) => s.from)).toEqual(['2026-12-28', '2027-01-04']);
  });

  it('requires exactly one of anchorWeek and isoWeekParity', () => {
    expect(() => client({ type: 'everyOtherWeek' })).toThrow(/exactly one/);
    expect(() => client({ type: 'everyOtherWeek', isoWeekParity: 'odd', anchorWeek: '2026-12-21' })).toThrow(/exactly one/);
  });

  it('weekly tasks: one span per ISO week over the allowed days; a partial week gets a rounded share', () => {
    const spans = expandDemand({ clients: [client({ type: 'weekly', timesPerWeek: 2, weekdays: [1, 3, 5] })] }, dates.slice(0, 10));
    expect(spans.map((s) => [s.from, s.to, s.count])).toEqual([
      ['2026-12-21', '2026-12-25', 2],
      ['2026-12-28', '2026-12-30', 1], // 3 of 7 days: round(2 × 3/7) = 1
    ]);
  });
});

describe('taskWindows', () => {
  it('keeps a fixed time near midnight on the visit’s own date', () => {
    const clock = new PeriodClock('2026-11-23', 7, 'Europe/Stockholm');
    const [w] = taskWindows(clock, '2026-11-24', { fixedTime: { time: '00:05', toleranceMinutes: 15 }, windows: [] });
    expect(clock.clockOf(w!.start)).toBe('00:00');
    expect(clock.dateOf(w!.start)).toBe('2026-11-24');
    expect(clock.clockOf(w!.end)).toBe('00:20');
    const [late] = taskWindows(clock, '2026-11-24', { windows: [{ start: '22:00', end: '24:00' }] });
    expect(clock.clockOf(late!.end)).toBe('23:59');
  });
});

describe('demand after changes', () => {
  const base = {
    id: 'c9',
    team: 't',
    location: { lat: 59.6, lon: 17.8 },
    granted: { careMinutes: 1000 },
    tasks: [
      { id: 'd', category: 'personal_care', frequency: { type: 'daily', timesPerDay: 2 }, duration: { standard: 10 } },
      { id: 'w', category: 'service', frequency: { type: 'weekly', timesPerWeek: 2 }, duration: { standard: 30 } },
    ],
  };
  const dates = ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29'];
  it('an active range and cancellations take occurrences off the spans; a partly active week scales its count', () => {
    const c = Client.parse({
      ...base,
      tasks: [{ ...base.tasks[0], activeFrom: '2026-11-25' }, { ...base.tasks[1], activeFrom: '2026-11-27' }],
      cancellations: [{ taskId: 'd', date: '2026-11-26' }],
    });
    const spans = expandDemand({ clients: [c] }, dates);
    const daily = spans.filter((s) => s.taskId === 'd');
    expect(daily.map((s) => [s.from, s.count])).toEqual([['2026-11-25', 2], ['2026-11-26', 1], ['2026-11-27', 2], ['2026-11-28', 2], ['2026-11-29', 2]]);
    const weekly = spans.filter((s) => s.taskId === 'w');
    expect(weekly.map((s) => [s.from, s.to, s.count])).toEqual([['2026-11-27', '2026-11-29', 1]]);
  });
  it('without the new fields, spans are exactly as before', () => {
    const c = Client.parse(base);
    expect(expandDemand({ clients: [c] }, dates).map((s) => s.count)).toEqual([2, 2, 2, 2, 2, 2, 2, 2]);
  });
});
