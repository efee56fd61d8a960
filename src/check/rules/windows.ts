import { hhmm } from '../format.js';
import type { CheckRule, Violation } from '../types.js';

/**
 * Rule 1: every task of a visit is started in time. A fixed time allows ± tolerance; otherwise the
 * start lies in one of the windows (both ends inclusive). Windows and fixed times are taken on the
 * local date of the visit start, converted to real minutes so a daylight-saving day is exact.
 */
export const windowsRule: CheckRule = {
  name: 'windows',
  scope: 'entity',
  codes: ['WINDOW', 'FIXED_TIME'],
  rule: 1,
  check(ctx) {
    const out: Violation[] = [];
    const { clock } = ctx;
    // Many visits share a date and clock time; time-zone conversion is the costly part.
    const cache = new Map<string, number>();
    const minute = (date: string, time: string): number => {
      const key = `${date}T${time}`;
      let m = cache.get(key);
      if (m === undefined) cache.set(key, (m = clock.toMinute(date, time)));
      return m;
    };
    for (const v of ctx.visits) {
      if (v.start === undefined || v.localDate === undefined) continue;
      const { visit } = v;
      const start = v.start;
      const date = v.localDate;
      const label = `Visit ${visit.id} for client ${visit.clientId}`;
      const ids = { visitId: visit.id, clientId: visit.clientId, path: `${v.path}.start`, rule: 1 };
      for (const { task } of v.tasks) {
        if (!task) continue;
        if (task.fixedTime) {
          const at = minute(date, task.fixedTime.time);
          const tol = task.fixedTime.toleranceMinutes;
          if (Math.abs(start - at) > tol) {
            out.push({
              code: 'FIXED_TIME',
              ...ids,
              message: `${label} starts ${hhmm(clock, start)}, more than ${tol} minutes from the fixed time ${task.fixedTime.time} of task ${task.id}.`,
            });
          }
          continue;
        }
        if (task.windows.length === 0) continue;
        const inside = task.windows.some((w) => start >= minute(date, w.start) && start <= minute(date, w.end));
        if (!inside) {
          const list = task.windows.map((w) => `${w.start}–${w.end}`).join(', ');
          out.push({
            code: 'WINDOW',
            ...ids,
            message: `${label} starts ${hhmm(clock, start)}, outside every allowed window of task ${task.id} (${list}).`,
          });
        }
      }
    }
    return out;
  },
};
