import type { AssignmentTerm } from './types.js';

/** Team membership: a visit by a staff member of another team than the client's costs one unit (helping across teams is allowed). */
export const crossTeam: AssignmentTerm = {
  name: 'crossTeam',
  unit: 'staff visit',
  units: ({ client, staff }) => (staff.team !== client.team ? 1 : 0),
  justify: ({ client, staff }) => `staff ${staff.id} belongs to team ${staff.team}, client ${client.id} to team ${client.team}`,
  summary: (n) => `${n} staff visits across teams`,
};
