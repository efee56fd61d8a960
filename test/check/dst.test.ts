import { describe, expect, it } from 'vitest';
import { checkPlan } from '../../src/check/index.js';
import { buildDstFixture, codes, messages, point, routeOf, timed, visitOf, type Fixture } from './fixtures.js';

const check = (fx: Fixture) => checkPlan(fx.instance, fx.plan);

/** Sets the route's end event to a local clock time on the Sunday (`+01:00` in autumn, `+02:00` in spring). */
function endRouteAt(fx: Fixture, iso: string): void {
  const r = routeOf(fx.plan, 'n1');
  point(r, r.events.length - 1).time = iso;
}

describe('daylight-saving switch, autumn (2026-10-25: 03:00 → 02:00)', () => {
  it('the valid night-shift plan passes; the 22:00–07:00 shift has 600 real minutes', () => {
    const fx = buildDstFixture();
    expect(check(fx).violations).toEqual([]);
    const iv = fx.clock.shiftInterval('2026-10-24', '22:00', '07:00');
    expect(iv.end - iv.start).toBe(600);
  });

  it('returning at 06:50 is inside the shift (590 real minutes, more than 9 wall-clock hours)', () => {
    const fx = buildDstFixture();
    endRouteAt(fx, '2026-10-25T06:50:00+01:00');
    expect(check(fx).violations).toEqual([]);
  });

  it('returning at 07:10 is past the shift end, reported in local time', () => {
    const fx = buildDstFixture();
    endRouteAt(fx, '2026-10-25T07:10:00+01:00');
    const r = check(fx);
    expect(codes(r)).toEqual(['SHIFT_BOUNDS']);
    expect(messages(r, 'SHIFT_BOUNDS')).toEqual(["Staff n1's shift night ends 07:00 but the route returns to base at 07:10."]);
  });

  it('windows use the real instant: 05:30 written with the summer offset is 04:30 local, outside 05:00–07:00', () => {
    const fx = buildDstFixture();
    const v = visitOf(fx.plan, 'vn');
    v.start = '2026-10-25T05:30:00+02:00';
    v.end = '2026-10-25T05:50:00+02:00';
    const r = routeOf(fx.plan, 'n1');
    const i = r.events.findIndex((e) => e.type === 'visit');
    timed(r, i).start = v.start;
    timed(r, i).end = v.end;
    timed(r, i - 1).end = v.start;
    const res = check(fx);
    expect(codes(res)).toEqual(['WINDOW']);
    expect(messages(res, 'WINDOW')).toEqual(['Visit vn for client d1 starts 04:30, outside every allowed window of task t-night (05:00–07:00).']);
  });
});

describe('daylight-saving switch, spring (2026-03-29: 02:00 → 03:00)', () => {
  it('the 22:00–07:00 shift has 480 real minutes and the plan passes', () => {
    const fx = buildDstFixture('2026-03-23', '2026-03-28', '2026-03-29');
    expect(check(fx).violations).toEqual([]);
    const iv = fx.clock.shiftInterval('2026-03-28', '22:00', '07:00');
    expect(iv.end - iv.start).toBe(480);
  });

  it('returning at 07:10 (+02:00) is past the shift end; 06:50 is inside', () => {
    const ok = buildDstFixture('2026-03-23', '2026-03-28', '2026-03-29');
    endRouteAt(ok, '2026-03-29T06:50:00+02:00');
    expect(check(ok).violations).toEqual([]);
    const fx = buildDstFixture('2026-03-23', '2026-03-28', '2026-03-29');
    endRouteAt(fx, '2026-03-29T07:10:00+02:00');
    expect(messages(check(fx), 'SHIFT_BOUNDS')).toEqual(["Staff n1's shift night ends 07:00 but the route returns to base at 07:10."]);
  });
});
