import type { Place } from '../../schema/plan.js';
import type { CheckContext } from '../context.js';
import type { CheckRule, Violation } from '../types.js';

/**
 * Dangling references and duplicate ids: every id in the plan must name something in the instance
 * (or, for visit events, a visit of the plan). Other rules skip what this one reports.
 */
export const refsRule: CheckRule = {
  name: 'refs',
  scope: 'entity',
  codes: ['UNKNOWN_REF', 'DUPLICATE_ID'],
  check(ctx) {
    const out: Violation[] = [];
    const { plan, instance } = ctx;
    if (plan.instanceId !== instance.id) {
      out.push({
        code: 'UNKNOWN_REF',
        path: 'instanceId',
        message: `The plan is for instance ${plan.instanceId}, but the instance checked is ${instance.id}.`,
      });
    }
    const seen = new Set<string>();
    for (const v of ctx.visits) {
      const { visit, path } = v;
      if (seen.has(visit.id)) {
        out.push({ code: 'DUPLICATE_ID', path: `${path}.id`, visitId: visit.id, message: `Visit id ${visit.id} is used by more than one visit.` });
      }
      seen.add(visit.id);
      if (!v.client) {
        out.push({
          code: 'UNKNOWN_REF',
          path: `${path}.clientId`,
          visitId: visit.id,
          clientId: visit.clientId,
          message: `Visit ${visit.id} is for client ${visit.clientId}, who is not in the instance.`,
        });
      } else {
        for (const t of v.tasks) {
          // A task of another client is a VISIT_TASKS problem; a task found nowhere is dangling.
          if (!t.task && !ctx.taskOwners.has(t.entry.taskId)) {
            out.push({
              code: 'UNKNOWN_REF',
              path: `${path}.tasks[${t.index}].taskId`,
              visitId: visit.id,
              clientId: visit.clientId,
              message: `Visit ${visit.id} for client ${visit.clientId} includes task ${t.entry.taskId}, which is not in the instance.`,
            });
          }
        }
      }
      visit.staff.forEach((id, i) => {
        if (!ctx.staff.has(id)) {
          out.push({
            code: 'UNKNOWN_REF',
            path: `${path}.staff[${i}]`,
            visitId: visit.id,
            staffId: id,
            message: `Visit ${visit.id} is assigned to staff ${id}, who is not in the instance.`,
          });
        }
      });
    }
    for (const r of ctx.routes) {
      const { route, path } = r;
      const ids = { staffId: route.staffId, shiftId: route.shiftId };
      if (!r.staff) {
        out.push({ code: 'UNKNOWN_REF', path: `${path}.staffId`, ...ids, message: `A route is for staff ${route.staffId}, who is not in the instance.` });
      }
      if (!ctx.shifts.has(route.shiftId)) {
        out.push({
          code: 'UNKNOWN_REF',
          path: `${path}.shiftId`,
          ...ids,
          message: `The route of staff ${route.staffId} is for shift ${route.shiftId}, which is not in the instance.`,
        });
      }
      for (const e of r.events) {
        const ev = e.event;
        if (ev.type === 'visit' && !ctx.visitById.has(ev.visitId)) {
          out.push({
            code: 'UNKNOWN_REF',
            path: `${e.path}.visitId`,
            ...ids,
            visitId: ev.visitId,
            message: `The route of staff ${route.staffId} for shift ${route.shiftId} contains visit ${ev.visitId}, which is not in the plan.`,
          });
        }
        const places: [string, Place][] =
          ev.type === 'travel' ? [['from', ev.from], ['to', ev.to]] : ev.type === 'visit' ? [] : [['place', ev.place]];
        for (const [key, place] of places) {
          if (!placeKnown(ctx, place)) {
            out.push({
              code: 'UNKNOWN_REF',
              path: `${e.path}.${key}`,
              ...ids,
              message: `The route of staff ${route.staffId} for shift ${route.shiftId} goes to ${place.kind} ${place.id}, which is not in the instance.`,
            });
          }
        }
      }
    }
    plan.unplanned.forEach((u, i) => {
      const client = ctx.clients.get(u.clientId);
      if (!client) {
        out.push({
          code: 'UNKNOWN_REF',
          path: `unplanned[${i}].clientId`,
          clientId: u.clientId,
          message: `An unplanned item is for client ${u.clientId}, who is not in the instance.`,
        });
      } else if (!client.tasks.some((t) => t.id === u.taskId)) {
        out.push({
          code: 'UNKNOWN_REF',
          path: `unplanned[${i}].taskId`,
          clientId: u.clientId,
          message: `An unplanned item names task ${u.taskId}, which client ${u.clientId} does not have.`,
        });
      }
    });
    return out;
  },
};

/** True when a place names a base or client of the instance. */
export function placeKnown(ctx: CheckContext, place: Place): boolean {
  return place.kind === 'base' ? ctx.baseIds.has(place.id) : ctx.clients.has(place.id);
}
