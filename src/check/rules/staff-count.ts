import type { CheckRule, Violation } from '../types.js';

/** A visit has exactly as many distinct staff as its tasks need (1, or 2 for double staffing). */
export const staffCountRule: CheckRule = {
  name: 'staff-count',
  scope: 'entity',
  codes: ['STAFF_COUNT'],
  rule: 5,
  check(ctx) {
    const out: Violation[] = [];
    for (const v of ctx.visits) {
      const { visit, path } = v;
      const ids = { visitId: visit.id, clientId: visit.clientId };
      const label = `Visit ${visit.id} for client ${visit.clientId}`;
      const needed = v.tasks.find((t) => t.task)?.task?.staffCount;
      if (needed !== undefined && visit.staff.length !== needed) {
        out.push({
          code: 'STAFF_COUNT',
          rule: 5,
          path: `${path}.staff`,
          ...ids,
          message: `${label} has ${visit.staff.length} staff but its tasks need ${needed}.`,
        });
      }
      visit.staff.forEach((id, i) => {
        if (visit.staff.indexOf(id) !== i) {
          out.push({
            code: 'STAFF_COUNT',
            rule: 5,
            path: `${path}.staff[${i}]`,
            ...ids,
            staffId: id,
            message: `${label} lists staff ${id} twice; the staff of a visit must be different people.`,
          });
        }
      });
    }
    return out;
  },
};
