import { describe, expect, it } from 'vitest';
import { computeBreakdown, computeKpis } from '../../src/kpi/index.js';
import { client, makeInstance, PlanBuilder, staff, task } from './fixtures.js';

// Week of 2026-02-02: Mon 02, Tue 03, Wed 04, Thu 05, Fri 06, Sat 07.
const MON = '2026-02-02';
const TUE = '2026-02-03';
const WED = '2026-02-04';
const THU = '2026-02-05';
const FRI = '2026-02-06';
const SAT = '2026-02-07';

describe('preferences', () => {
  it('time, staff and day shares', () => {
    const instance = makeInstance({
      clients: [
        client('A', {
          preferences: {
            timeRanges: [{ start: '08:00', end: '10:00' }, { start: '13:00', end: '14:00', weekdays: [3] }],
            preferredStaff: ['s1'],
          },
        }),
        client('B'),
        client('C', { preferences: { timeRanges: [{ start: '07:00', end: '09:00', weekdays: [6] }] } }),
        client('D', {
          preferences: { days: [2, 4] },
          tasks: [task('pc', 'personal_care'), task('clean', 'service', { frequency: { type: 'weekly', timesPerWeek: 1 } })],
        }),
      ],
      staff: [staff('s1'), staff('s2'), staff('s3')],
    });
    const p = new PlanBuilder(instance);
    // A, time (08–10 every day, 13–14 Wednesdays; ends inclusive): Mon 08:00 ✓, Mon 10:00 ✓, Mon 12:00 ✗,
    // Wed 13:30 ✓, Thu 13:30 ✗ → 3/5. Staff (prefers s1): s1 ✓, s2 ✗, s2+s1 ✓, s3 ✗, s2 ✗ → 2/5.
    p.visit('A', MON, '08:00', ['s1']);
    p.visit('A', MON, '10:00', ['s2']);
    p.visit('A', MON, '12:00', ['s2', 's1']);
    p.visit('A', WED, '13:30', ['s3']);
    p.visit('A', THU, '13:30', ['s2']);
    // B has no preferences: not counted.
    p.visit('B', MON, '03:00', ['s3']);
    // C: range applies Saturdays only: Mon 09:00 not counted; Sat 06:00 ✗ → 0/1.
    p.visit('C', MON, '09:00', ['s1']);
    p.visit('C', SAT, '06:00', ['s1']);
    // D (prefers Tue, Thu), weekly-task visits: Tue clean ✓, Fri clean ✗, Thu pc + clean ✓ → 2/3;
    // Mon pc only is not a weekly-task visit.
    p.visit('D', TUE, '09:00', ['s1'], [{ taskId: 'clean', minutes: 60 }]);
    p.visit('D', FRI, '09:00', ['s1'], [{ taskId: 'clean', minutes: 60 }]);
    p.visit('D', THU, '09:00', ['s1'], [
      { taskId: 'pc', minutes: 20 },
      { taskId: 'clean', minutes: 40 },
    ]);
    p.visit('D', MON, '09:00', ['s1']);
    const plan = p.build();
    // Pooled: time (3 + 0) / (5 + 1) = 0.5; staff 2/5 = 0.4; days 2/3.
    const prefs = computeKpis(instance, plan).preferences;
    expect(prefs.timeShare).toBe(0.5);
    expect(prefs.staffShare).toBe(0.4);
    expect(prefs.dayShare).toBeCloseTo(2 / 3, 12);
    const rows = computeBreakdown(instance, plan).clients;
    expect(rows.map((r) => [r.timePrefShare, r.staffPrefShare, r.dayPrefShare])).toEqual([
      [0.6, 0.4, null],
      [null, null, null],
      [0, null, null],
      [null, null, 2 / 3],
    ]);
  });

  it('a time range counts only for visits whose tasks allow a start inside it that day', () => {
    // E wishes 07:30–08:30. Morning care (window 07:00–09:00) is concerned; the evening visit
    // (window 18:00–21:00) could never meet the wish and is not counted as missing it.
    const instance = makeInstance({
      clients: [
        client('E', {
          preferences: { timeRanges: [{ start: '07:30', end: '08:30' }] },
          tasks: [
            task('morning', 'personal_care', { windows: [{ start: '07:00', end: '09:00' }] }),
            task('evening', 'personal_care', { windows: [{ start: '18:00', end: '21:00' }] }),
          ],
        }),
      ],
    });
    const p = new PlanBuilder(instance);
    p.visit('E', MON, '08:00', ['s1'], [{ taskId: 'morning', minutes: 30 }]);
    p.visit('E', TUE, '08:45', ['s1'], [{ taskId: 'morning', minutes: 30 }]);
    p.visit('E', MON, '19:00', ['s1'], [{ taskId: 'evening', minutes: 30 }]);
    expect(computeKpis(instance, p.build()).preferences.timeShare).toBe(0.5);
  });

  it('all null without preferences', () => {
    // B has no time ranges, preferred staff or days → every denominator 0 → null.
    const instance = makeInstance({ clients: [client('B')] });
    const p = new PlanBuilder(instance);
    p.visit('B', MON, '08:00', ['s1']);
    expect(computeKpis(instance, p.build()).preferences).toEqual({ timeShare: null, staffShare: null, dayShare: null });
  });
});
