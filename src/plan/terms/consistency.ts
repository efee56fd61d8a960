import { isoWeekday } from '../../calendar.js';
import type { AssignmentTerm } from './types.js';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

/**
 * Next period like the last: a visit that continues a visit of the reference period (the same
 * client, task ids and weekday) made by a staff member who did not make that one costs one unit per
 * such staff member — the client meets the same people on the same weekday as before. The clock
 * time is kept by narrowing the visit's windows to the reference time (see `consistencyWindows`),
 * so it is not priced here. Visits without a reference counterpart cost nothing.
 */
export const consistency: AssignmentTerm = {
  name: 'consistency',
  unit: 'staff visit',
  units: ({ staff, previous }) => (previous !== undefined && !previous.staff.includes(staff.id) ? 1 : 0),
  justify: ({ client, staff, previous, start }) =>
    `visit ${previous?.visitId ?? '-'} of client ${client.id} on ${previous ? WEEKDAYS[isoWeekday(previous.date) - 1]! : '-'} was with staff ${(previous?.staff ?? []).join(' and ') || '-'} at ${previous?.start ?? '-'} last period; now with ${staff.id}${start !== undefined ? ` at ${start}` : ''}`,
  summary: (n) => `${n} staff visits by someone else than in the last period's visit of the same client, tasks and weekday`,
};
