import type { CheckRule, Violation } from '../types.js';

/** Rule 7: no staff member a client has refused visits that client. */
export const refusalsRule: CheckRule = {
  name: 'refusals',
  scope: 'entity',
  codes: ['REFUSED_STAFF'],
  rule: 7,
  check(ctx) {
    const out: Violation[] = [];
    for (const v of ctx.visits) {
      const refused = v.client?.preferences.refusedStaff ?? [];
      v.visit.staff.forEach((staffId, i) => {
        if (!refused.includes(staffId)) return;
        out.push({
          code: 'REFUSED_STAFF',
          rule: 7,
          path: `${v.path}.staff[${i}]`,
          visitId: v.visit.id,
          clientId: v.visit.clientId,
          staffId,
          message: `Staff ${staffId} is assigned to visit ${v.visit.id}, but client ${v.visit.clientId} has refused staff ${staffId}.`,
        });
      });
    }
    return out;
  },
};
