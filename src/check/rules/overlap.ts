import { hhmm } from '../format.js';
import type { EventInfo, RouteInfo } from '../context.js';
import type { CheckRule, Violation } from '../types.js';

/**
 * Rule 3: the events of a route are in time order and never overlap (each begins at or after the
 * previous one ends), and two routes of one staff member never overlap.
 */
export const overlapRule: CheckRule = {
  name: 'overlap',
  scope: 'staff',
  codes: ['OVERLAP'],
  rule: 3,
  check(ctx) {
    const out: Violation[] = [];
    const { clock } = ctx;
    for (const r of ctx.routes) {
      const ids = { staffId: r.route.staffId, shiftId: r.route.shiftId, rule: 3 };
      let prev: (EventInfo & { end: number }) | undefined;
      for (const e of r.events) {
        if (e.start === undefined || e.end === undefined) continue;
        if (prev && e.start < prev.end) {
          out.push({
            code: 'OVERLAP',
            path: `${e.path}`,
            ...ids,
            visitId: e.event.type === 'visit' ? e.event.visitId : undefined,
            message: `Staff ${r.route.staffId}'s route for shift ${r.route.shiftId} has a ${e.event.type} event starting ${hhmm(clock, e.start)}, before the previous ${prev.event.type} event ends ${hhmm(clock, prev.end)}.`,
          });
        }
        prev = { ...e, end: e.end };
      }
    }
    const byStaff = new Map<string, { r: RouteInfo; start: number; end: number }[]>();
    for (const r of ctx.routes) {
      const starts = r.events.map((e) => e.start).filter((t): t is number => t !== undefined);
      const ends = r.events.map((e) => e.end).filter((t): t is number => t !== undefined);
      if (starts.length === 0 || ends.length === 0) continue;
      const item = { r, start: Math.min(...starts), end: Math.max(...ends) };
      byStaff.set(r.route.staffId, [...(byStaff.get(r.route.staffId) ?? []), item]);
    }
    for (const [staffId, list] of byStaff) {
      list.sort((a, b) => a.start - b.start || a.r.index - b.r.index);
      for (let i = 0; i < list.length; i++) {
        for (let j = i + 1; j < list.length && list[j]!.start < list[i]!.end; j++) {
          const a = list[i]!;
          const b = list[j]!;
          out.push({
            code: 'OVERLAP',
            rule: 3,
            path: b.r.path,
            staffId,
            shiftId: b.r.route.shiftId,
            message: `Staff ${staffId}'s routes for shift ${a.r.route.shiftId} (${hhmm(clock, a.start)}–${hhmm(clock, a.end)} from ${clock.dateOf(a.start)}) and shift ${b.r.route.shiftId} (${hhmm(clock, b.start)}–${hhmm(clock, b.end)} from ${clock.dateOf(b.start)}) overlap.`,
          });
        }
      }
    }
    return out;
  },
};
