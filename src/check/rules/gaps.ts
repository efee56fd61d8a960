import { hhmm } from '../format.js';
import type { VisitInfo } from '../context.js';
import type { CheckRule, Violation } from '../types.js';

/** Rule 6: visits of a client containing a task with a minimum gap start at least that far apart. */
export const gapsRule: CheckRule = {
  name: 'gaps',
  scope: 'client',
  codes: ['MIN_GAP'],
  rule: 6,
  check(ctx) {
    const out: Violation[] = [];
    const { clock } = ctx;
    const byClient = new Map<string, (VisitInfo & { start: number })[]>();
    for (const v of ctx.visits) {
      if (v.start === undefined || !v.client) continue;
      byClient.set(v.client.id, [...(byClient.get(v.client.id) ?? []), { ...v, start: v.start }]);
    }
    for (const client of ctx.instance.clients) {
      for (const task of client.tasks) {
        const gap = task.minGapMinutes;
        if (gap <= 0) continue;
        const withTask = (byClient.get(client.id) ?? [])
          .filter((v) => v.tasks.some((t) => t.task === task))
          .sort((a, b) => a.start - b.start);
        // Sorted by start, checking neighbours covers every pair.
        for (let i = 1; i < withTask.length; i++) {
          const a = withTask[i - 1]!;
          const b = withTask[i]!;
          const apart = b.start - a.start;
          if (apart >= gap) continue;
          out.push({
            code: 'MIN_GAP',
            rule: 6,
            path: `${b.path}.start`,
            visitId: b.visit.id,
            clientId: client.id,
            message: `Visits ${a.visit.id} (${hhmm(clock, a.start)}) and ${b.visit.id} (${hhmm(clock, b.start)}) for client ${client.id} both include task ${task.id} and start ${apart} minutes apart; the task needs at least ${gap} minutes.`,
          });
        }
      }
    }
    return out;
  },
};
