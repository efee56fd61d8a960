import { hhmm, placeText, span } from '../format.js';
import { placeKnown } from './refs.js';
import type { CheckRule, Violation } from '../types.js';

/**
 * Rule 3, realistic travel: a travel event's `minutes` equal its length, and its length is at least
 * the travel model's minutes for the staff member's mode (access time at a client included).
 */
export const travelTimeRule: CheckRule = {
  name: 'travel-time',
  scope: 'entity',
  codes: ['TRAVEL_TIME'],
  rule: 3,
  check(ctx) {
    const out: Violation[] = [];
    const { clock } = ctx;
    for (const r of ctx.routes) {
      const ids = { staffId: r.route.staffId, shiftId: r.route.shiftId, rule: 3 };
      for (const e of r.events) {
        const ev = e.event;
        if (ev.type !== 'travel' || e.start === undefined || e.end === undefined) continue;
        const actual = e.end - e.start;
        const leg = `from ${placeText(ev.from)} to ${placeText(ev.to)}`;
        if (ev.minutes !== actual) {
          out.push({
            code: 'TRAVEL_TIME',
            path: `${e.path}.minutes`,
            ...ids,
            message: `Staff ${r.route.staffId}'s travel ${leg} says ${ev.minutes} minutes but runs ${span(clock, e.start, e.end)} (${actual} minutes).`,
          });
        }
        if (!r.staff || !placeKnown(ctx, ev.from) || !placeKnown(ctx, ev.to)) continue;
        const mode = r.staff.travelMode;
        const need = ctx.travel.minutes(mode, ctx.travel.indexOf(ev.from.kind, ev.from.id), ctx.travel.indexOf(ev.to.kind, ev.to.id));
        if (actual < need) {
          out.push({
            code: 'TRAVEL_TIME',
            path: `${e.path}.end`,
            ...ids,
            message: `Staff ${r.route.staffId} travels ${leg} in ${actual} minutes (from ${hhmm(clock, e.start)}), but the trip takes ${need} minutes by ${mode}, access time included.`,
          });
        }
      }
    }
    return out;
  },
};
