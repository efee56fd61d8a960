import type { AssignmentTerm } from './types.js';

/**
 * Continuity: the visits of one client–staff pair cost `1 + 1/4 + 1/9 + …` units, the j-th visit
 * of the pair (counting the history's) `1 / j²`. The first visit by a staff member new to the
 * client costs a whole unit, a second a quarter, an established pair almost nothing: a concave
 * price of the pair's visits, so gathering a client's visits on few staff always pays, and
 * continuity converges (a plain "new or not" count would call two days that each keep a rare pair
 * alive for the other both free). It is the objective the day searches minimise exactly: the
 * engine prices every (client, staff) pair by these marginals with the other days and the
 * history as the visits already made.
 */
export const newFace: AssignmentTerm = {
  name: 'newFace',
  unit: 'pair unit',
  units: (ctx) => continuityMarginal(ctx.met),
  justify: ({ client, staff, met }) =>
    met <= 0
      ? `staff ${staff.id} has not visited client ${client.id} on another day of the period or in the history`
      : `staff ${staff.id} visits client ${client.id} only ${met} time${met === 1 ? '' : 's'} elsewhere in the period or the history`,
  summary: (n) => `${round(n)} units of continuity: the first visit of each client–staff pair counts 1, its next ones 1/4, 1/9, … (history included)`,
};

/** Units of a pair's next visit when it has `met` visits already: 1 / (1 + met)². */
export function continuityMarginal(met: number): number {
  return 1 / (1 + Math.max(0, met)) ** 2;
}

/** Units of a pair with `n` visits in the plan and `history` before it: Σ over its plan visits of the marginal. */
export function continuityUnits(n: number, history: number): number {
  let u = 0;
  for (let j = 0; j < n; j++) u += continuityMarginal(history + j);
  return u;
}

/** The marginals as the engine's pair costs take them, `weight / (1 + m)²` for m = 0 .. length − 1 (beyond: the last). */
export function continuityPrices(weight: number, length = 64): number[] {
  return Array.from({ length }, (_, m) => weight * continuityMarginal(m));
}

function round(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2);
}
