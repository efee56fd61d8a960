import type { AssignmentTerm } from './types.js';

/**
 * Continuity: each distinct client–staff pair costs one unit (over a plan, the sum over clients of
 * the staff each meets, which the continuity measure counts). A visit pays `1 / (1 + met)²`, with
 * `met` the pair's visits elsewhere: a new face costs a whole unit, a pair that meets once
 * elsewhere a quarter, an established pair almost nothing. A plain "new or not" price would call
 * two days that each keep a rare pair alive for the other both free (neither day alone can drop
 * the pair); the convex price makes the search consolidate on established pairs instead.
 */
export const newFace: AssignmentTerm = {
  name: 'newFace',
  unit: 'client–staff pair',
  units: (ctx) => 1 / (1 + Math.max(0, ctx.met)) ** 2,
  justify: ({ client, staff, met }) =>
    met <= 0
      ? `staff ${staff.id} has not visited client ${client.id} on another day of the period or in the history`
      : `staff ${staff.id} visits client ${client.id} only ${met} time${met === 1 ? '' : 's'} elsewhere in the period or the history`,
  summary: (n) => `${n} distinct client–staff pairs over the period (the sum over clients of the staff each meets)`,
};
