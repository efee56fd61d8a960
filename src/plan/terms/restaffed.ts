import type { AssignmentTerm } from './types.js';

/**
 * Minimal change (replanning): a visit of the plan in force made by a staff member who did not make
 * it there costs one unit per such staff member — each is a phone call to the client and to the staff
 * member. New visits (no reference) cost nothing here.
 */
export const restaffed: AssignmentTerm = {
  name: 'restaffed',
  unit: 'staff visit',
  units: ({ staff, referenceStaff }) => (referenceStaff !== undefined && !referenceStaff.includes(staff.id) ? 1 : 0),
  justify: ({ client, staff, referenceStaff }) => `client ${client.id}'s visit was made by ${(referenceStaff ?? []).join(', ') || '-'} in the plan in force, not by ${staff.id}`,
  summary: (n) => `${n} staff visits given to another staff member than in the plan in force`,
};
