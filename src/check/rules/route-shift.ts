import type { CheckRule, Violation } from '../types.js';

/** Rule 2: a route is for a shift of its own staff member, dated as the shift, one route per shift. */
export const routeShiftRule: CheckRule = {
  name: 'route-shift',
  scope: 'staff',
  codes: ['ROUTE_SHIFT'],
  rule: 2,
  check(ctx) {
    const out: Violation[] = [];
    const seen = new Set<string>();
    for (const r of ctx.routes) {
      const { route, path } = r;
      const ids = { staffId: route.staffId, shiftId: route.shiftId, rule: 2 };
      const owners = ctx.shifts.get(route.shiftId);
      if (r.staff && owners && !r.shift) {
        out.push({
          code: 'ROUTE_SHIFT',
          path: `${path}.shiftId`,
          ...ids,
          message: `A route of staff ${route.staffId} uses shift ${route.shiftId}, which belongs to staff ${owners.map((o) => o.staff.id).join(', ')}.`,
        });
      }
      const key = `${route.staffId}\u0000${route.shiftId}`;
      if (seen.has(key)) {
        out.push({
          code: 'ROUTE_SHIFT',
          path,
          ...ids,
          message: `Staff ${route.staffId} has more than one route for shift ${route.shiftId}; at most one is allowed.`,
        });
      }
      seen.add(key);
      if (r.shift && route.date !== r.shift.shift.date) {
        out.push({
          code: 'ROUTE_SHIFT',
          path: `${path}.date`,
          ...ids,
          message: `The route of staff ${route.staffId} for shift ${route.shiftId} is dated ${route.date}, but the shift is on ${r.shift.shift.date}.`,
        });
      }
    }
    return out;
  },
};
