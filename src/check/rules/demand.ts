import type { DemandSpan } from '../../model/demand.js';
import { daysText, plural } from '../format.js';
import type { CheckRule, Violation } from '../types.js';

/**
 * Demand accounting: for every span of `expandDemand`, planned + unplanned occurrences = count.
 * A task planned on a day outside all its spans, and an unplanned item matching no span, are
 * reported on their own. Spans of one task never share a date, so a date finds at most one span.
 */
export const demandRule: CheckRule = {
  name: 'demand',
  scope: 'client',
  codes: ['DEMAND_UNACCOUNTED', 'DEMAND_OVERPLANNED', 'DEMAND_WRONG_DAY', 'UNPLANNED_SPAN'],
  check(ctx) {
    const out: Violation[] = [];
    const spans = ctx.spans;
    const key = (clientId: string, taskId: string): string => `${clientId}\u0000${taskId}`;
    const byTask = new Map<string, { span: DemandSpan; planned: number; unplanned: number }[]>();
    for (const span of spans) {
      const k = key(span.clientId, span.taskId);
      byTask.set(k, [...(byTask.get(k) ?? []), { span, planned: 0, unplanned: 0 }]);
    }
    for (const v of ctx.visits) {
      if (!v.client || v.localDate === undefined) continue;
      const date = v.localDate;
      for (const t of v.tasks) {
        if (!t.task) continue;
        const entry = byTask.get(key(v.client.id, t.task.id))?.find((s) => s.span.dates.includes(date));
        if (entry) {
          entry.planned++;
          continue;
        }
        out.push({
          code: 'DEMAND_WRONG_DAY',
          path: `${v.path}.tasks[${t.index}]`,
          visitId: v.visit.id,
          clientId: v.client.id,
          message: `Visit ${v.visit.id} for client ${v.client.id} includes task ${t.task.id} on ${date}, a day on which the task is not due.`,
        });
      }
    }
    ctx.plan.unplanned.forEach((u, i) => {
      const client = ctx.clients.get(u.clientId);
      if (!client?.tasks.some((t) => t.id === u.taskId)) return; // UNKNOWN_REF
      const entry = byTask.get(key(u.clientId, u.taskId))?.find((s) => s.span.from === u.from && s.span.to === u.to);
      if (entry) {
        entry.unplanned += u.count;
        return;
      }
      out.push({
        code: 'UNPLANNED_SPAN',
        path: `unplanned[${i}]`,
        clientId: u.clientId,
        message: `An unplanned item for task ${u.taskId} of client ${u.clientId} covers ${u.from} to ${u.to}, which matches no span in which the task is due.`,
      });
    });
    for (const list of byTask.values()) {
      for (const { span, planned, unplanned } of list) {
        const total = planned + unplanned;
        if (total === span.count) continue;
        out.push({
          code: total < span.count ? 'DEMAND_UNACCOUNTED' : 'DEMAND_OVERPLANNED',
          clientId: span.clientId,
          message: `Task ${span.taskId} of client ${span.clientId} is due ${plural(span.count, 'time')} ${daysText(span.from, span.to)}, but ${planned} planned and ${unplanned} reported unplanned make ${total}.`,
        });
      }
    }
    return out;
  },
};
