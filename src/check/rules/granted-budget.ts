import { categoryBudget } from '../../model/demand.js';
import type { CheckRule, Violation } from '../types.js';

/**
 * Rule 8: per client and budget (care, service), planned staff-minutes (task minutes × staff of the
 * visit, so double staffing counts twice) stay within granted × the upper tolerance. HSL draws on no
 * budget; its exact prescribed time is TASK_DURATION.
 */
export const grantedBudgetRule: CheckRule = {
  name: 'granted-budget',
  scope: 'client',
  codes: ['GRANTED_BUDGET'],
  rule: 8,
  check(ctx) {
    const out: Violation[] = [];
    const upper = ctx.instance.planning.grantedTolerance.upper;
    const planned = new Map<string, { care: number; service: number }>();
    for (const v of ctx.visits) {
      if (!v.client) continue;
      const sum = planned.get(v.client.id) ?? { care: 0, service: 0 };
      for (const t of v.tasks) {
        if (!t.task) continue;
        const budget = categoryBudget(t.task.category);
        if (budget !== 'none') sum[budget] += t.entry.minutes * v.visit.staff.length;
      }
      planned.set(v.client.id, sum);
    }
    for (const client of ctx.instance.clients) {
      const sum = planned.get(client.id);
      if (!sum) continue;
      const budgets = [
        ['care', sum.care, client.granted.careMinutes],
        ['service', sum.service, client.granted.serviceMinutes],
      ] as const;
      for (const [name, minutes, granted] of budgets) {
        const limit = granted * upper;
        // A tiny epsilon so 1.1 × 600 does not fail on floating-point noise.
        if (minutes <= limit + 1e-9) continue;
        out.push({
          code: 'GRANTED_BUDGET',
          rule: 8,
          clientId: client.id,
          message: `Client ${client.id} has ${minutes} planned ${name} staff-minutes, above the limit of ${Math.floor(limit + 1e-9)} (granted ${granted} × ${upper}).`,
        });
      }
    }
    return out;
  },
};
