import { addDaysToDate } from '../../calendar.js';
import type { CheckRule, Violation } from '../types.js';

/**
 * A hard continuity cap (`continuity.maxDistinctStaffMode = 'hard'`): a client meets at most
 * `maxDistinctStaffPer14Days` different staff in the 14 days ending with the period. A 7-day period
 * completes the window with the history of the 7 days before it (when given).
 */
export const continuityCapRule: CheckRule = {
  name: 'continuity-cap',
  scope: 'client',
  codes: ['MAX_DISTINCT_STAFF'],
  check(ctx) {
    const { continuity, period, history } = ctx.instance;
    const cap = continuity.maxDistinctStaffPer14Days;
    if (cap === undefined || continuity.maxDistinctStaffMode !== 'hard') return [];
    const from = addDaysToDate(period.start, period.days - 14);
    const staffByClient = new Map<string, Set<string>>();
    const add = (clientId: string, staff: readonly string[]): void => {
      const set = staffByClient.get(clientId) ?? new Set<string>();
      staff.forEach((s) => set.add(s));
      staffByClient.set(clientId, set);
    };
    // ISO dates compare correctly as strings.
    for (const h of history) if (h.date >= from && h.date < period.start) add(h.clientId, h.staff);
    const visited = new Set<string>();
    for (const v of ctx.visits) {
      if (!v.client) continue;
      add(v.client.id, v.visit.staff);
      visited.add(v.client.id);
    }
    const out: Violation[] = [];
    const last = ctx.clock.dates[ctx.clock.dates.length - 1]!;
    for (const client of ctx.instance.clients) {
      const n = staffByClient.get(client.id)?.size ?? 0;
      if (n <= cap || !visited.has(client.id)) continue; // history alone is not this plan's doing
      out.push({
        code: 'MAX_DISTINCT_STAFF',
        clientId: client.id,
        message: `Client ${client.id} meets ${n} different staff in the 14 days ${from} to ${last}; the hard limit is ${cap}.`,
      });
    }
    return out;
  },
};
