import { hhmm, span } from '../format.js';
import type { CheckRule, Violation } from '../types.js';

/**
 * Rules 2 and 3: every staff member of every visit has exactly one `visit` event for it, in one of
 * their routes, with the visit's exact start and end; a route holds only visits of its staff member.
 * A double-staffed visit whose event starts at another minute is DOUBLE_STAFFING instead.
 */
export const visitRouteRule: CheckRule = {
  name: 'visit-route',
  scope: 'entity',
  codes: ['VISIT_ROUTE'],
  rule: 2,
  check(ctx) {
    const out: Violation[] = [];
    const { clock } = ctx;
    for (const r of ctx.routes) {
      const staffId = r.route.staffId;
      const ids = { staffId, shiftId: r.route.shiftId, rule: 2 };
      for (const e of r.events) {
        if (e.event.type !== 'visit') continue;
        const v = ctx.visitById.get(e.event.visitId);
        if (!v) continue;
        if (!v.visit.staff.includes(staffId)) {
          out.push({
            code: 'VISIT_ROUTE',
            path: `${e.path}.visitId`,
            ...ids,
            visitId: v.visit.id,
            clientId: v.visit.clientId,
            message: `The route of staff ${staffId} for shift ${r.route.shiftId} contains visit ${v.visit.id}, but staff ${staffId} is not assigned to it.`,
          });
          continue;
        }
        if (v.start === undefined || v.end === undefined || e.start === undefined || e.end === undefined) continue;
        const startDiffers = e.start !== v.start && v.visit.staff.length < 2;
        if (startDiffers || e.end !== v.end) {
          out.push({
            code: 'VISIT_ROUTE',
            path: e.path,
            ...ids,
            visitId: v.visit.id,
            clientId: v.visit.clientId,
            message: `Visit ${v.visit.id} for client ${v.visit.clientId} runs ${span(clock, v.start, v.end)}, but staff ${staffId}'s route has it at ${span(clock, e.start, e.end)}.`,
          });
        }
      }
    }
    for (const v of ctx.visits) {
      if (ctx.visitById.get(v.visit.id) !== v) continue; // duplicate id: DUPLICATE_ID
      const events = ctx.visitEvents.get(v.visit.id) ?? [];
      new Set(v.visit.staff).forEach((staffId) => {
        if (!ctx.staff.has(staffId)) return;
        const n = events.filter((x) => x.route.route.staffId === staffId).length;
        if (n === 1) return;
        // Local time only for a violation: time-zone formatting is costly over thousands of visits.
        const at = v.start === undefined ? '' : ` at ${hhmm(clock, v.start)}`;
        out.push({
          code: 'VISIT_ROUTE',
          rule: 2,
          path: v.path,
          visitId: v.visit.id,
          clientId: v.visit.clientId,
          staffId,
          message:
            n === 0
              ? `Staff ${staffId} is assigned to visit ${v.visit.id} for client ${v.visit.clientId}${at}, but no route of staff ${staffId} contains it.`
              : `The routes of staff ${staffId} contain visit ${v.visit.id} ${n} times; it must appear exactly once.`,
        });
      });
    }
    return out;
  },
};
