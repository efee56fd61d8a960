import type { CheckRule, Violation } from '../types.js';

/**
 * Cross-team help: when the instance forbids it (`planning.crossTeamAllowed = false`), staff only
 * visit clients of their own team.
 */
export const teamRule: CheckRule = {
  name: 'team',
  scope: 'entity',
  codes: ['CROSS_TEAM'],
  check(ctx) {
    if (ctx.instance.planning.crossTeamAllowed) return [];
    const out: Violation[] = [];
    for (const v of ctx.visits) {
      if (!v.client) continue;
      const clientTeam = v.client.team;
      v.visit.staff.forEach((staffId, i) => {
        const staff = ctx.staff.get(staffId);
        if (!staff || staff.team === clientTeam) return;
        out.push({
          code: 'CROSS_TEAM',
          path: `${v.path}.staff[${i}]`,
          visitId: v.visit.id,
          clientId: v.visit.clientId,
          staffId,
          message: `Staff ${staffId} of team ${staff.team} is assigned to visit ${v.visit.id} for client ${v.visit.clientId} of team ${clientTeam}, but helping across teams is not allowed.`,
        });
      });
    }
    return out;
  },
};
