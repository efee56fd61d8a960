/**
 * Minimal change (replanning): a visit of the plan in force that starts later than 15 minutes after
 * its time there costs one unit per minute past that tolerance — the client expects the carer then,
 * and a later start is a phone call. The day problems price it as lateness past a due time (the
 * visit's reference start + {@link RETIME_TOLERANCE_MINUTES}); earlier starts than the tolerance are
 * not priced but forbidden (narrowed windows) until the visit cannot be planned otherwise.
 */
import { RETIME_MINUTES as RETIME_TOLERANCE_MINUTES } from '../diff.js';

/** The per-minute retime term: units of one visit and its justification. */
export const retimed = {
  name: 'retimed' as const,
  unit: 'minute past the tolerance',
  /** Minutes a start (period minutes) lies past its due time (the reference start + tolerance). */
  units(start: number, due: number): number {
    return start > due ? start - due : 0;
  },
  /** Why a visit costs under this term (only called when `units` is above 0); `clientId` names the visit, clock times `HH:MM`. */
  justify(clientId: string, referenceStart: string, start: string, minutes: number): string {
    return `client ${clientId}'s visit starts ${start}, ${minutes} minutes past the ${RETIME_TOLERANCE_MINUTES}-minute tolerance around its time ${referenceStart} in the plan in force`;
  },
  summary(minutes: number, visits: number): string {
    return `${visits} visits start more than ${RETIME_TOLERANCE_MINUTES} minutes later than in the plan in force, ${minutes} minutes past the tolerance in all`;
  },
};
