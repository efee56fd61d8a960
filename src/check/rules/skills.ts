import type { CheckRule, Violation } from '../types.js';

/** Rule 4: every staff member of a visit holds every skill and delegation of every task in it. */
export const skillsRule: CheckRule = {
  name: 'skills',
  scope: 'entity',
  codes: ['SKILL'],
  rule: 4,
  check(ctx) {
    const out: Violation[] = [];
    for (const v of ctx.visits) {
      const { visit } = v;
      visit.staff.forEach((staffId, i) => {
        const staff = ctx.staff.get(staffId);
        if (!staff) return;
        for (const { task } of v.tasks) {
          const missing = task?.skills.filter((s) => !staff.skills.includes(s)) ?? [];
          if (!task || missing.length === 0) continue;
          out.push({
            code: 'SKILL',
            rule: 4,
            path: `${v.path}.staff[${i}]`,
            visitId: visit.id,
            clientId: visit.clientId,
            staffId,
            message: `Staff ${staffId} lacks ${missing.join(', ')} needed for task ${task.id} in visit ${visit.id} for client ${visit.clientId}.`,
          });
        }
      });
    }
    return out;
  },
};
