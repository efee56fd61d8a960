import type { AssignmentTerm } from './types.js';

/** Preferred staff: a visit of a client who lists preferred staff by someone not listed costs one unit. */
export const notPreferredStaff: AssignmentTerm = {
  name: 'notPreferredStaff',
  unit: 'visit',
  units: ({ client, staff }) => (client.preferences.preferredStaff.length > 0 && !client.preferences.preferredStaff.includes(staff.id) ? 1 : 0),
  justify: ({ client, staff }) => `client ${client.id} prefers staff ${client.preferences.preferredStaff.join(', ')}; ${staff.id} is not among them`,
  summary: (n) => `${n} visits of clients with preferred staff made by others`,
};
