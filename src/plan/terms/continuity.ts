import type { AssignmentTerm } from './types.js';

/**
 * Continuity: a staff member the client has not met on any other day of the period (nor in the
 * history's window) costs one unit. Over a plan the units are the distinct client–staff pairs,
 * the sum over clients of the distinct staff each meets, which the continuity measure counts.
 */
export const newFace: AssignmentTerm = {
  name: 'newFace',
  unit: 'client–staff pair',
  units: (ctx) => (ctx.familiar ? 0 : 1),
  justify: ({ client, staff }) => `staff ${staff.id} has not visited client ${client.id} on another day of the period or in the history`,
  summary: (n) => `${n} distinct client–staff pairs over the period (the sum over clients of the staff each meets)`,
};
