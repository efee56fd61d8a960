import { durationBounds } from '../model/demand.js';
import type { UnplannedItem, UnplannedReason } from '../schema/plan.js';
import type { Occurrence } from './granted.js';

/** Reasons a planner gives for an occurrence it did not plan. */
export type PlannerReason = Extract<UnplannedReason, 'NO_SHIFT' | 'WINDOW_UNREACHABLE' | 'CAPACITY' | 'DOUBLE_STAFFING' | 'GAP' | 'BUDGET'>;

const REASON_TEXT: Record<PlannerReason, (o: Occurrence) => string> = {
  NO_SHIFT: (o) => `no qualified staff member (skills ${fmtSkills(o)}, not refused) has a shift covering its allowed times`,
  WINDOW_UNREACHABLE: (o) => `no qualified staff member on shift can reach client ${o.client.id} within the allowed times and still return to base`,
  CAPACITY: () => 'the shifts of qualified staff were already full at the allowed times',
  DOUBLE_STAFFING: () => 'two qualified staff could not be brought to the client at the same minute',
  GAP: (o) => `the minimum gap of ${o.task.minGapMinutes} minutes to the client's other visits with this task could not be kept`,
  BUDGET: (o) => `client ${o.client.id}'s granted ${o.task.category === 'service' ? 'service' : 'care'} time is used up by the visits already planned, even at the task's shortest length`,
};

function fmtSkills(o: Occurrence): string {
  return o.task.skills.length > 0 ? `[${o.task.skills.join(', ')}]` : '[none]';
}

/** Groups unplanned occurrences by client, task, span and reason, with planner-readable messages (ids only). */
export function unplannedItems(unassigned: readonly { occurrence: number; reason: PlannerReason }[], occ: readonly Occurrence[]): UnplannedItem[] {
  const items = new Map<string, UnplannedItem>();
  for (const { occurrence, reason } of unassigned) {
    const o = occ[occurrence]!;
    const key = [o.client.id, o.task.id, o.span.from, o.span.to, reason].join('\u0000');
    const minutes = durationBounds(o.task).standard * o.task.staffCount;
    const prev = items.get(key);
    if (prev) {
      items.set(key, { ...prev, count: prev.count + 1, minutes: prev.minutes + minutes });
      continue;
    }
    const when = o.span.from === o.span.to ? `on ${o.span.from}` : `in ${o.span.from}–${o.span.to}`;
    items.set(key, {
      clientId: o.client.id,
      taskId: o.task.id,
      from: o.span.from,
      to: o.span.to,
      count: 1,
      minutes,
      reason,
      message: `Task ${o.task.id} of client ${o.client.id} ${when} was not planned: ${REASON_TEXT[reason](o)}.`,
    });
  }
  return [...items.values()];
}
