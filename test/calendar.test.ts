import { addDays, format, getISODay, parseISO } from 'date-fns';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PeriodClock, addDaysToDate, isoWeek, isoWeekday, nextDate } from '../src/calendar.js';

describe('PeriodClock across daylight-saving switches (Europe/Stockholm)', () => {
  it('the spring-forward week 2026-03-23 has a 23-hour Sunday', () => {
    const clock = new PeriodClock('2026-03-23', 7, 'Europe/Stockholm');
    expect(clock.dates).toEqual(['2026-03-23', '2026-03-24', '2026-03-25', '2026-03-26', '2026-03-27', '2026-03-28', '2026-03-29']);
    const lengths = clock.dates.map((_, d) => clock.dayStarts[d + 1]! - clock.dayStarts[d]!);
    expect(lengths).toEqual([1440, 1440, 1440, 1440, 1440, 1440, 1380]);
    expect(isoWeek('2026-03-23')).toEqual({ week: 13, year: 2026 });
  });

  it('the fall-back week 2026-10-19 has a 25-hour Sunday', () => {
    const clock = new PeriodClock('2026-10-19', 7, 'Europe/Stockholm');
    const lengths = clock.dates.map((_, d) => clock.dayStarts[d + 1]! - clock.dayStarts[d]!);
    expect(lengths).toEqual([1440, 1440, 1440, 1440, 1440, 1440, 1500]);
  });

  it('a night shift over the spring switch lasts 8 hours, not 9', () => {
    const clock = new PeriodClock('2026-03-23', 7, 'Europe/Stockholm');
    const iv = clock.shiftInterval('2026-03-28', '22:00', '07:00');
    expect(iv.end - iv.start).toBe(8 * 60);
    // A day shift on the switch day keeps its clock times and its 9 hours.
    const day = clock.shiftInterval('2026-03-29', '07:00', '16:00');
    expect(day.end - day.start).toBe(9 * 60);
    expect(clock.clockOf(day.start)).toBe('07:00');
    expect(clock.formatInstant(day.start)).toBe('2026-03-29T07:00:00+02:00');
  });

  it('a night shift over the autumn switch lasts 10 hours', () => {
    const clock = new PeriodClock('2026-10-19', 7, 'Europe/Stockholm');
    const iv = clock.shiftInterval('2026-10-24', '22:00', '07:00');
    expect(iv.end - iv.start).toBe(10 * 60);
    expect(clock.formatInstant(iv.end)).toBe('2026-10-25T07:00:00+01:00');
  });

  it('round-trips instants with offsets and finds their day', () => {
    const clock = new PeriodClock('2026-03-23', 14, 'Europe/Stockholm');
    const m = clock.toMinute('2026-03-30', '08:15');
    expect(clock.parseInstant(clock.formatInstant(m))).toBe(m);
    expect(clock.dateOf(m)).toBe('2026-03-30');
    expect(clock.dayIndexOf(m)).toBe(7);
    expect(clock.dayIndexOf(-1)).toBe(-1);
    expect(isoWeekday('2026-03-29')).toBe(7);
  });

  it('isoWeekday agrees with date-fns on any date, and dateOf/clockOf with the time zone inside and outside the period', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1990-01-01'), max: new Date('2090-12-31'), noInvalidDate: true }), (d) => {
        const date = d.toISOString().slice(0, 10);
        expect(isoWeekday(date)).toBe(getISODay(parseISO(date)));
        expect(nextDate(date)).toBe(format(addDays(parseISO(date), 1), 'yyyy-MM-dd'));
      }),
    );
    fc.assert(
      fc.property(fc.date({ min: new Date('1990-01-01'), max: new Date('2090-12-31'), noInvalidDate: true }), fc.integer({ min: -800, max: 800 }), (d, n) => {
        const date = d.toISOString().slice(0, 10);
        expect(addDaysToDate(date, n)).toBe(format(addDays(parseISO(date), n), 'yyyy-MM-dd'));
      }),
    );
    const clock = new PeriodClock('2026-10-19', 14, 'Europe/Stockholm');
    // The autumn switch on Sunday 2026-10-25: that day has 1500 minutes.
    const sunday = clock.dayStarts[6]!;
    expect(clock.dateOf(sunday + 1499)).toBe('2026-10-25');
    expect(clock.dateOf(sunday + 1500)).toBe('2026-10-26');
    expect(clock.clockOf(sunday + 180)).toBe('02:00');
    expect(clock.dateOf(clock.dayStarts[14]! + 30)).toBe('2026-11-02');
    expect(clock.dateOf(-30)).toBe('2026-10-18');
  });

  it('rejects an unknown time zone', () => {
    expect(() => new PeriodClock('2026-03-23', 7, 'Mars/Olympus')).toThrow(/unknown time zone/);
  });
});
