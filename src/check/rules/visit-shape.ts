import { durationBounds, extensionMinutes } from '../../model/demand.js';
import { hhmm } from '../format.js';
import type { CheckRule, Violation } from '../types.js';

/**
 * The shape of each visit: its date is the local date of its start inside the period, its length is
 * the sum of its task minutes, each task's minutes lie in the task's bounds (HSL exactly prescribed),
 * and its tasks are the client's own, distinct, of one staff count and combinable when several.
 */
export const visitShapeRule: CheckRule = {
  name: 'visit-shape',
  scope: 'entity',
  codes: ['VISIT_DATE', 'VISIT_DURATION', 'TASK_DURATION', 'VISIT_TASKS'],
  check(ctx) {
    const out: Violation[] = [];
    for (const v of ctx.visits) {
      const { visit, path } = v;
      const ids = { visitId: visit.id, clientId: visit.clientId };
      const label = `Visit ${visit.id} for client ${visit.clientId}`;
      if (v.localDate !== undefined && v.start !== undefined) {
        if (visit.date !== v.localDate) {
          out.push({
            code: 'VISIT_DATE',
            path: `${path}.date`,
            ...ids,
            message: `${label} is dated ${visit.date} but starts ${hhmm(ctx.clock, v.start)} on ${v.localDate} local time.`,
          });
        } else if (ctx.clock.dayIndex(v.localDate) < 0) {
          out.push({
            code: 'VISIT_DATE',
            path: `${path}.start`,
            ...ids,
            message: `${label} is on ${v.localDate}, outside the planning period.`,
          });
        }
      }
      const total = visit.tasks.reduce((sum, t) => sum + t.minutes, 0);
      if (v.start !== undefined && v.end !== undefined && v.end - v.start !== total) {
        out.push({
          code: 'VISIT_DURATION',
          path: `${path}.end`,
          ...ids,
          message: `${label} runs ${hhmm(ctx.clock, v.start)}–${hhmm(ctx.clock, v.end)} (${v.end - v.start} minutes) but its tasks add up to ${total} minutes.`,
        });
      }
      const seen = new Set<string>();
      const staffCounts = new Set<number>();
      for (const t of v.tasks) {
        const tPath = `${path}.tasks[${t.index}]`;
        if (seen.has(t.entry.taskId)) {
          out.push({
            code: 'VISIT_TASKS',
            path: `${tPath}.taskId`,
            ...ids,
            message: `${label} includes task ${t.entry.taskId} more than once; two occurrences belong in different visits.`,
          });
        }
        seen.add(t.entry.taskId);
        if (!t.task) {
          const owners = ctx.taskOwners.get(t.entry.taskId);
          if (v.client && owners) {
            out.push({
              code: 'VISIT_TASKS',
              path: `${tPath}.taskId`,
              ...ids,
              message: `${label} includes task ${t.entry.taskId}, which belongs to client ${owners.join(', ')}, not to client ${visit.clientId}.`,
            });
          }
          continue;
        }
        staffCounts.add(t.task.staffCount);
        // A visit that runs over (Client.extensions) may take longer that day.
        const b = durationBounds(t.task, v.client && v.localDate !== undefined ? extensionMinutes(v.client, t.task.id, v.localDate) : 0);
        if (t.entry.minutes < b.min || t.entry.minutes > b.max) {
          const hsl = t.task.category === 'hsl';
          out.push({
            code: 'TASK_DURATION',
            rule: hsl ? 8 : undefined,
            path: `${tPath}.minutes`,
            ...ids,
            message: hsl
              ? `${label} gives HSL task ${t.task.id} ${t.entry.minutes} minutes; the prescribed time is exactly ${b.min} minutes.`
              : `${label} gives task ${t.task.id} ${t.entry.minutes} minutes, outside its allowed ${b.min}–${b.max} minutes.`,
          });
        }
        if (visit.tasks.length > 1 && !t.task.combinable) {
          out.push({
            code: 'VISIT_TASKS',
            path: `${tPath}.taskId`,
            ...ids,
            message: `${label} combines task ${t.task.id} with other tasks, but task ${t.task.id} must have a visit of its own.`,
          });
        }
      }
      if (staffCounts.size > 1) {
        out.push({
          code: 'VISIT_TASKS',
          path: `${path}.tasks`,
          ...ids,
          message: `${label} combines tasks that need different numbers of staff (${[...staffCounts].sort().join(' and ')}).`,
        });
      }
    }
    return out;
  },
};
