import type { AssignmentTerm } from './types.js';

/** Named contact (fast omsorgskontakt): a visit of a client with a named contact by anyone else costs one unit. */
export const notNamed: AssignmentTerm = {
  name: 'notNamed',
  unit: 'visit',
  units: ({ client, staff }) => (client.namedContact !== undefined && client.namedContact !== staff.id ? 1 : 0),
  justify: ({ client, staff }) => `client ${client.id}'s named contact is ${client.namedContact ?? '-'}, not ${staff.id}`,
  summary: (n) => `${n} visits not made by the client's named contact`,
};
