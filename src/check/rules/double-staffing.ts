import { hhmm } from '../format.js';
import type { CheckRule, Violation } from '../types.js';

/**
 * Rule 5: both staff of a double-staffed visit start it together, at the visit's start minute, in
 * their routes. (Distinct staff is STAFF_COUNT, qualification SKILL, a missing route event VISIT_ROUTE.)
 */
export const doubleStaffingRule: CheckRule = {
  name: 'double-staffing',
  scope: 'entity',
  codes: ['DOUBLE_STAFFING'],
  rule: 5,
  check(ctx) {
    const out: Violation[] = [];
    for (const v of ctx.visits) {
      const { visit } = v;
      if (visit.staff.length < 2 || v.start === undefined) continue;
      for (const { route, event } of ctx.visitEvents.get(visit.id) ?? []) {
        if (ctx.visitById.get(visit.id) !== v) continue;
        if (!visit.staff.includes(route.route.staffId) || event.start === undefined || event.start === v.start) continue;
        out.push({
          code: 'DOUBLE_STAFFING',
          rule: 5,
          path: `${event.path}.start`,
          visitId: visit.id,
          clientId: visit.clientId,
          staffId: route.route.staffId,
          shiftId: route.route.shiftId,
          message: `Visit ${visit.id} for client ${visit.clientId} needs its two staff to start together at ${hhmm(ctx.clock, v.start)}, but staff ${route.route.staffId}'s route starts it at ${hhmm(ctx.clock, event.start)}.`,
        });
      }
    }
    return out;
  },
};
