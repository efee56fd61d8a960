import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTime } from '../../src/sheets/values.js';

describe('clock times as planners and spreadsheets write them', () => {
  it('text: 8.00, 08:00, 0800, kl 8, 24:00', () => {
    expect(['8.00', '08:00', '0800', 'kl 8', '8'].map(parseTime)).toEqual(['08:00', '08:00', '08:00', '08:00', '08:00']);
    expect(parseTime('24:00')).toBe('24:00');
    expect(() => parseTime('25:00')).toThrow();
    expect(() => parseTime('7:60')).toThrow();
  });

  it('numbers: a fraction of a day is an Excel time; 1–24 are hours with the minutes after the dot', () => {
    expect(parseTime(0.5)).toBe('12:00');
    expect(parseTime(0)).toBe('00:00');
    expect(parseTime(1)).toBe('01:00');
    expect(parseTime(8)).toBe('08:00');
    expect(parseTime(8.3)).toBe('08:30');
    expect(parseTime(8.05)).toBe('08:05');
    expect(parseTime(24)).toBe('24:00');
    expect(() => parseTime(8.75)).toThrow();
  });

  it('property: every Excel time of a whole minute reads back as that minute', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1439 }), (m) => {
        expect(parseTime(m / 1440)).toBe(`${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`);
      }),
    );
  });
});
