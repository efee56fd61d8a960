import { describe, expect, it } from 'vitest';
import { computeKpis } from '../../src/kpi/index.js';
import { Kpis } from '../../src/schema/plan.js';
import { PlanBuilder, client, history, makeInstance, periodDates, staff } from './fixtures.js';

const CARE = ['s1', 's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9', 's10'].map((id) => staff(id));
const NURSE = staff('n1', { role: 'nurse', skills: ['hsl'] });

describe('continuity, 14-day period', () => {
  function scenario(withG: boolean) {
    const ids = ['A', 'B', 'C', 'D', 'E', 'F', ...(withG ? ['G'] : [])];
    const instance = makeInstance({ days: 14, clients: ids.map((id) => client(id)), staff: [...CARE, NURSE] });
    const dates = periodDates(instance);
    const p = new PlanBuilder(instance);
    // A: s1 at 08:00 and s2 at 12:00 every day, s3 at 12:00 on day 5 → counted staff {s1, s2, s3} = 3.
    dates.forEach((d, i) => {
      p.visit('A', d, '08:00', ['s1']);
      p.visit('A', d, '12:00', [i === 5 ? 's3' : 's2']);
    });
    // Not counted for A: a nurse's HSL visit (n1), a meal-delivery-only visit (s4), visits at 06:30 (s5) and 22:30 (s6).
    p.visit('A', dates[0]!, '10:00', ['n1'], [{ taskId: 'hsl', minutes: 15 }]);
    p.visit('A', dates[2]!, '11:00', ['s4'], [{ taskId: 'meal', minutes: 10 }]);
    p.visit('A', dates[3]!, '06:30', ['s5']);
    p.visit('A', dates[3]!, '22:30', ['s6']);
    // B: two visits every day except day 7 (one visit) → not eligible.
    dates.forEach((d, i) => {
      p.visit('B', d, '08:00', ['s1']);
      if (i !== 7) p.visit('B', d, '12:00', ['s1']);
    });
    // C: day 4 has 06:30, 12:00 and 22:30 → only one counted visit that day → not eligible.
    dates.forEach((d, i) => {
      if (i === 4) {
        p.visit('C', d, '06:30', ['s1']);
        p.visit('C', d, '12:00', ['s1']);
        p.visit('C', d, '22:30', ['s1']);
      } else p.twicePerDay('C', [d], ['s1']);
    });
    // D: day 0's second visit is a meal delivery only → one counted visit that day → not eligible.
    dates.forEach((d, i) => {
      p.visit('D', d, '08:00', ['s1']);
      p.visit('D', d, '12:00', ['s1'], i === 0 ? [{ taskId: 'meal', minutes: 10 }] : 30);
    });
    // E: day 9's second visit is made by the nurse only → not a counted visit → not eligible.
    dates.forEach((d, i) => {
      p.visit('E', d, '08:00', ['s1']);
      p.visit('E', d, '12:00', [i === 9 ? 'n1' : 's1'], i === 9 ? [{ taskId: 'hsl', minutes: 15 }] : 30);
    });
    // F: s7 mornings, s8 noons; day 0 noon double-staffed s9 + n1 (n1 not counted), day 13 noon s10
    // → counted staff {s7, s8, s9, s10} = 4. A meal visit at 21:59 (counted time, not counted task) by s1.
    dates.forEach((d, i) => {
      p.visit('F', d, '08:00', ['s7']);
      p.visit('F', d, '12:00', i === 0 ? ['s9', 'n1'] : i === 13 ? ['s10'] : ['s8']);
    });
    p.visit('F', dates[1]!, '21:59', ['s1'], [{ taskId: 'meal', minutes: 10 }]);
    // G (optional): s1 twice a day → 1.
    if (withG) p.twicePerDay('G', dates, ['s1']);
    return { instance, plan: p.build() };
  }

  it('counts eligible clients only, median of an even count is the mean of the middle two', () => {
    // Eligible: A = 3, F = 4. Mean 3.5; median (3 + 4) / 2 = 3.5.
    const { instance, plan } = scenario(false);
    const k = computeKpis(instance, plan);
    expect(k.continuity.national).toEqual({ eligibleClients: 2, mean: 3.5, median: 3.5, windowDays: 14, usesHistory: false });
    // all: A {s1,s2,s3,n1,s4,s5,s6} = 7, B 1, C 1, D 1, E {s1,n1} = 2, F {s7,s8,s9,n1,s10,s1} = 6.
    // mean 18/6 = 3, median of [1,1,1,2,6,7] = (1+2)/2 = 1.5.
    expect(k.continuity.all).toEqual({ clients: 6, mean: 3, median: 1.5 });
    expect(() => Kpis.parse(k)).not.toThrow();
  });

  it('median of an odd count is the middle value', () => {
    // Eligible: A = 3, F = 4, G = 1 → sorted [1, 3, 4], median 3, mean 8/3.
    const { instance, plan } = scenario(true);
    const n = computeKpis(instance, plan).continuity.national;
    expect(n.eligibleClients).toBe(3);
    expect(n.median).toBe(3);
    expect(n.mean).toBeCloseTo(8 / 3, 12);
  });

  it('counts a visit at 07:00 and not one at 22:00 (range [07:00, 22:00))', () => {
    // H: 07:00 by s1 and 12:00 by s2 every day → eligible, 2 staff. J: 12:00 by s1 and 22:00 by s2 → one counted a day.
    const instance = makeInstance({ days: 14, clients: [client('H'), client('J')], staff: CARE });
    const dates = periodDates(instance);
    const p = new PlanBuilder(instance);
    for (const d of dates) {
      p.visit('H', d, '07:00', ['s1']);
      p.visit('H', d, '12:00', ['s2']);
      p.visit('J', d, '12:00', ['s1']);
      p.visit('J', d, '22:00', ['s2']);
    }
    const n = computeKpis(instance, p.build()).continuity.national;
    expect(n).toMatchObject({ eligibleClients: 1, mean: 2, median: 2 });
  });
});

describe('continuity, 7-day period', () => {
  const START = '2026-02-09';
  const BEFORE = ['2026-02-02', '2026-02-03', '2026-02-04', '2026-02-05', '2026-02-06', '2026-02-07', '2026-02-08'];

  function plan7(hist: ReturnType<typeof history>[]) {
    const instance = makeInstance({ start: START, days: 7, clients: [client('A'), client('B')], staff: [...CARE, NURSE], history: hist });
    const p = new PlanBuilder(instance);
    // Period: A by s1 (08:00) and s2 (12:00); B by s1 twice, every day.
    p.twicePerDay('A', periodDates(instance), ['s1'], ['s2']);
    p.twicePerDay('B', periodDates(instance), ['s1']);
    return computeKpis(instance, p.build());
  }

  it('completes a 14-day window with the previous 7 days of history', () => {
    // History for A: h1 (a former colleague, not in the instance → counted) twice a day on all 7 days;
    // not counted: h2 at 06:00, h3 meal delivery only, n1 (nurse) at 10:00.
    // B has history on one day only → fewer than two visits on 6 window days → not eligible.
    // A: {h1, s1, s2} = 3 → eligible 1, mean 3, median 3.
    const hist = [
      ...BEFORE.flatMap((d) => [history('A', d, '08:00', ['h1']), history('A', d, '12:00', ['h1'])]),
      history('A', BEFORE[0]!, '06:00', ['h2']),
      history('A', BEFORE[1]!, '11:00', ['h3'], ['meal_delivery']),
      history('A', BEFORE[2]!, '10:00', ['n1'], ['hsl']),
      history('B', BEFORE[3]!, '09:00', ['s3']),
    ];
    const k = plan7(hist);
    expect(k.continuity.national).toEqual({ eligibleClients: 1, mean: 3, median: 3, windowDays: 14, usesHistory: true });
    // `all` covers the period only: A {s1, s2} = 2, B {s1} = 1 → mean 1.5, median 1.5.
    expect(k.continuity.all).toEqual({ clients: 2, mean: 1.5, median: 1.5 });
    expect(() => Kpis.parse(k)).not.toThrow();
  });

  it('uses history only for the 7 days before the period, never for period days', () => {
    // As above, plus a history visit for A by h9 on the first period day (an export that overlaps
    // the plan). The plan covers that day; counting h9 would make A {h1, h9, s1, s2} = 4.
    // Expected: A {h1, s1, s2} = 3, exactly as without the overlapping entry.
    const hist = [
      ...BEFORE.flatMap((d) => [history('A', d, '08:00', ['h1']), history('A', d, '12:00', ['h1'])]),
      history('A', START, '10:00', ['h9']),
    ];
    const k = plan7(hist);
    expect(k.continuity.national).toEqual({ eligibleClients: 1, mean: 3, median: 3, windowDays: 14, usesHistory: true });
  });

  it('reports the 7-day count with a note without history', () => {
    // Window = 7 period days: A {s1, s2} = 2, B {s1} = 1 → eligible 2, mean 1.5, median 1.5.
    const k = plan7([]);
    expect(k.continuity.national).toMatchObject({ eligibleClients: 2, mean: 1.5, median: 1.5, windowDays: 7, usesHistory: false });
    expect(k.continuity.national.note).toMatch(/7-day/);
    expect(() => Kpis.parse(k)).not.toThrow();
  });

  it('falls back to 7 days when the history does not cover the previous week', () => {
    // History only on 3 of the 7 previous days → not used; same values as without history.
    const hist = BEFORE.slice(4).flatMap((d) => [history('A', d, '08:00', ['h1']), history('A', d, '12:00', ['h1'])]);
    const k = plan7(hist);
    expect(k.continuity.national).toMatchObject({ eligibleClients: 2, mean: 1.5, median: 1.5, windowDays: 7, usesHistory: false });
    expect(k.continuity.national.note).toMatch(/history does not cover/);
  });
});

describe('continuity across a daylight-saving switch', () => {
  it('reads local clock times on the spring-forward day', () => {
    // 2026-03-29 (Sunday) loses 02:00–03:00. Visits at 07:00 and 21:30 local (+02:00) are counted;
    // one at 06:59 is not. A: 07:00 s1, 21:30 s2 every day → eligible with 2 staff (7-day window, no history).
    // B: on the 29th 06:59 (s3) and 12:00 (s1) → one counted visit that day → not eligible.
    const instance = makeInstance({ start: '2026-03-23', clients: [client('A'), client('B')], staff: CARE });
    const p = new PlanBuilder(instance);
    for (const d of periodDates(instance)) {
      p.visit('A', d, '07:00', ['s1']);
      p.visit('A', d, '21:30', ['s2']);
      if (d === '2026-03-29') p.visit('B', d, '06:59', ['s3']);
      else p.visit('B', d, '08:00', ['s1']);
      p.visit('B', d, '12:00', ['s1']);
    }
    expect(p.instant('2026-03-29', '07:00')).toMatch(/\+02:00$/);
    const n = computeKpis(instance, p.build()).continuity.national;
    expect(n).toMatchObject({ eligibleClients: 1, mean: 2, median: 2, windowDays: 7 });
  });
});
