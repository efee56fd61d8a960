import { hhmm } from '../format.js';
import type { CheckRule, Violation } from '../types.js';

/**
 * The frame of a route: exactly one `start` event first, exactly one `end` event last, and no
 * event that ends before it begins.
 */
export const routeShapeRule: CheckRule = {
  name: 'route-shape',
  scope: 'entity',
  codes: ['ROUTE_SHAPE'],
  rule: 2,
  check(ctx) {
    const out: Violation[] = [];
    for (const r of ctx.routes) {
      const { route, path, events } = r;
      const ids = { staffId: route.staffId, shiftId: route.shiftId, rule: 2 };
      const label = `The route of staff ${route.staffId} for shift ${route.shiftId}`;
      if (events.length === 0) {
        out.push({ code: 'ROUTE_SHAPE', path: `${path}.events`, ...ids, message: `${label} has no events; it needs at least a start and an end at the base.` });
        continue;
      }
      if (events[0]!.event.type !== 'start') {
        out.push({ code: 'ROUTE_SHAPE', path: `${path}.events[0]`, ...ids, message: `${label} does not begin with a start event.` });
      }
      if (events[events.length - 1]!.event.type !== 'end') {
        out.push({ code: 'ROUTE_SHAPE', path: `${path}.events[${events.length - 1}]`, ...ids, message: `${label} does not end with an end event.` });
      }
      events.forEach((e, i) => {
        const type = e.event.type;
        if ((type === 'start' && i !== 0) || (type === 'end' && i !== events.length - 1)) {
          out.push({ code: 'ROUTE_SHAPE', path: e.path, ...ids, message: `${label} has a ${type} event in the middle (event ${i}).` });
        }
        if (e.start !== undefined && e.end !== undefined && e.end < e.start) {
          out.push({
            code: 'ROUTE_SHAPE',
            path: `${e.path}.end`,
            ...ids,
            message: `${label} has a ${type} event ending ${hhmm(ctx.clock, e.end)}, before it starts ${hhmm(ctx.clock, e.start)}.`,
          });
        }
      });
    }
    return out;
  },
};
