import { describe, expect, it } from 'vitest';
import { BASELINE_WEIGHTS, OPTIONAL_SHIFT_FIXED_MINUTES, STRATEGY_WEIGHTS, optionalShift } from '../../../src/plan/terms/index.js';
import { Economics, type Shift, type Staff } from '../../../src/schema/instance.js';

const staff = { id: 's3', team: 't1', base: 'b1', travelMode: 'car', role: 'care', skills: [], languages: [], shifts: [] } as Staff;
const shift = (over: Partial<Shift>): Shift => ({ id: 'x-1', date: '2026-03-23', start: '17:00', end: '21:00', maxOvertimeMinutes: 0, ...over });

describe('optionalShift term', () => {
  it('a fixed shift is paid anyway and costs nothing', () => {
    expect(optionalShift.units({ staff, shift: shift({}), paidMinutes: 240 })).toBe(0);
  });
  it('without economics a used optional shift costs its paid minutes plus the fixed part', () => {
    expect(optionalShift.units({ staff, shift: shift({ optional: true }), paidMinutes: 240 })).toBe(240 + OPTIONAL_SHIFT_FIXED_MINUTES);
  });
  it('with economics: wage × OB × paid minutes + fixed cost, in paid minutes at the care wage', () => {
    const economics = Economics.parse({
      wagePerHourSek: { care: 300 },
      staffWagePerHourSek: { s3: 360 },
      ob: { eveningFrom: '19:00', eveningMultiplier: 1.5 },
      optionalShiftFixedSek: 100,
      reimbursement: { carePerHourSek: 600, servicePerHourSek: 400 },
    });
    // 17:00–21:00 Monday: 120 minutes at 1, 120 at 1.5 → mean OB 1.25. 240 min × 6 SEK/min × 1.25 = 1800 SEK, + 100 SEK = 1900 SEK.
    // At the care wage (5 SEK/min) that is 380 paid minutes.
    expect(optionalShift.units({ staff, shift: shift({ optional: true }), paidMinutes: 240, economics })).toBe(380);
    // Saturday: the weekend multiplier (default 1 here) and the evening one — the larger applies.
    expect(optionalShift.units({ staff, shift: shift({ optional: true, date: '2026-03-28' }), paidMinutes: 240, economics })).toBe(380);
  });
  it('justifies with ids only and sums up used and released shifts', () => {
    const msg = optionalShift.justify({ staff, shift: shift({ optional: true }), paidMinutes: 240 });
    expect(msg).toContain('x-1');
    expect(msg).toContain('s3');
    expect(msg).toContain('270 paid minutes');
    expect(optionalShift.summary(270, 1, 2)).toBe('1 optional shifts used (270 paid minutes at the care wage), 2 released');
  });
  it('is weighted like a travel minute in every preset', () => {
    for (const w of [...Object.values(STRATEGY_WEIGHTS), BASELINE_WEIGHTS]) expect(w.optionalShift).toBe(w.travel);
  });
});
