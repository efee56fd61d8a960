import { hhmm } from '../format.js';
import type { EventInfo } from '../context.js';
import type { CheckRule, Violation } from '../types.js';

/**
 * Rule 2: a route, travel from and back to the base included, lies inside its shift; it may run past
 * the shift end by the shift's `maxOvertimeMinutes`. Shift minutes are real minutes, so a night
 * shift over a daylight-saving switch is 1 hour longer or shorter than its clock times suggest.
 */
export const shiftBoundsRule: CheckRule = {
  name: 'shift-bounds',
  scope: 'entity',
  codes: ['SHIFT_BOUNDS'],
  rule: 2,
  check(ctx) {
    const out: Violation[] = [];
    const { clock } = ctx;
    for (const r of ctx.routes) {
      const s = r.shift;
      if (!s) continue;
      const ids = { staffId: r.route.staffId, shiftId: r.route.shiftId, rule: 2 };
      const timed = r.events.filter((e): e is EventInfo & { start: number; end: number } => e.start !== undefined && e.end !== undefined);
      if (timed.length === 0) continue;
      const first = timed.reduce((a, b) => (b.start < a.start ? b : a));
      const last = timed.reduce((a, b) => (b.end >= a.end ? b : a));
      const who = `Staff ${r.route.staffId}'s shift ${r.route.shiftId}`;
      if (first.start < s.start) {
        const what = first.event.type === 'start' ? 'the route leaves base' : `the route's ${first.event.type} event begins`;
        out.push({
          code: 'SHIFT_BOUNDS',
          path: first.path,
          ...ids,
          message: `${who} starts ${hhmm(clock, s.start)} but ${what} at ${hhmm(clock, first.start)}.`,
        });
      }
      const overtime = s.shift.maxOvertimeMinutes;
      if (last.end > s.end + overtime) {
        const what = last.event.type === 'end' ? 'the route returns to base' : `the route's ${last.event.type} event ends`;
        const allowed = overtime > 0 ? ` (${overtime} minutes of overtime allowed, until ${hhmm(clock, s.end + overtime)})` : '';
        out.push({
          code: 'SHIFT_BOUNDS',
          path: last.path,
          ...ids,
          message: `${who} ends ${hhmm(clock, s.end)}${allowed} but ${what} at ${hhmm(clock, last.end)}.`,
        });
      }
    }
    return out;
  },
};
