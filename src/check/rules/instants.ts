import type { CheckRule } from '../types.js';

/**
 * Instants the checker cannot read, or that carry seconds (plans use whole minutes); the rules that
 * need them skip the affected items.
 */
export const instantsRule: CheckRule = {
  name: 'instants',
  scope: 'entity',
  codes: ['BAD_TIME'],
  check(ctx) {
    return ctx.badInstants.map((b) => ({
      code: 'BAD_TIME' as const,
      path: b.path,
      visitId: b.visitId,
      staffId: b.staffId,
      shiftId: b.shiftId,
      message:
        b.reason === 'subMinute'
          ? `The time at ${b.path} ("${b.value}") is not on a whole minute; plans write whole minutes.`
          : `The time at ${b.path} ("${b.value}") is not a date-time with a UTC offset.`,
    }));
  },
};
