import type { CheckRule } from '../types.js';

/** Instants the checker cannot read; the rules that need them skip the affected items. */
export const instantsRule: CheckRule = {
  name: 'instants',
  codes: ['BAD_TIME'],
  check(ctx) {
    return ctx.badInstants.map((b) => ({
      code: 'BAD_TIME' as const,
      path: b.path,
      visitId: b.visitId,
      staffId: b.staffId,
      shiftId: b.shiftId,
      message: `The time at ${b.path} ("${b.value}") is not a date-time with a UTC offset.`,
    }));
  },
};
