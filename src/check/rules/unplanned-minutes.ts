import type { CheckRule, Violation } from '../types.js';

/**
 * Unplanned items state their minutes as the unplanned occurrences' standard minutes × staff count,
 * so the unplanned-minutes KPI cannot be understated or inflated by a planner.
 */
export const unplannedMinutesRule: CheckRule = {
  name: 'unplanned-minutes',
  scope: 'plan',
  codes: ['UNPLANNED_MINUTES'],
  check(ctx) {
    const out: Violation[] = [];
    ctx.plan.unplanned.forEach((u, i) => {
      const task = ctx.clients.get(u.clientId)?.tasks.find((t) => t.id === u.taskId);
      if (!task) return; // UNKNOWN_REF
      const expected = u.count * task.duration.standard * task.staffCount;
      if (u.minutes === expected) return;
      out.push({
        code: 'UNPLANNED_MINUTES',
        path: `unplanned[${i}].minutes`,
        clientId: u.clientId,
        message: `The unplanned item for task ${u.taskId} of client ${u.clientId} states ${u.minutes} minutes; ${u.count} occurrence(s) of ${task.duration.standard} minutes with ${task.staffCount} staff make ${expected}.`,
      });
    });
    return out;
  },
};
