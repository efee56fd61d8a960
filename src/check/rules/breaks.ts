import { span } from '../format.js';
import type { CheckRule, Violation } from '../types.js';

/**
 * Rule 2, breaks: a shift with a break rule whose route exists has exactly one break, at least the
 * rule's minutes long, wholly inside the rule's window, at the shift base when the rule says so.
 */
export const breaksRule: CheckRule = {
  name: 'breaks',
  scope: 'entity',
  codes: ['BREAK'],
  rule: 2,
  check(ctx) {
    const out: Violation[] = [];
    const { clock } = ctx;
    for (const r of ctx.routes) {
      const rule = r.shift?.shift.break;
      const window = r.shift?.breakWindow;
      if (!r.shift || !rule || !window) continue;
      const ids = { staffId: r.route.staffId, shiftId: r.route.shiftId, rule: 2 };
      const who = `Staff ${r.route.staffId}`;
      const where = rule.at === 'base' ? ` at the base ${r.shift.base}` : '';
      const breaks = r.events.filter((e) => e.event.type === 'break');
      if (breaks.length !== 1) {
        out.push({
          code: 'BREAK',
          path: `${r.path}.events`,
          ...ids,
          message:
            breaks.length === 0
              ? `${who} takes no break in shift ${r.route.shiftId}; the rule asks for ${rule.minutes} minutes within ${span(clock, window.start, window.end)}${where}.`
              : `${who} takes ${breaks.length} breaks in shift ${r.route.shiftId}; the rule asks for exactly one of at least ${rule.minutes} minutes.`,
        });
        continue;
      }
      const b = breaks[0]!;
      if (b.event.type !== 'break' || b.start === undefined || b.end === undefined) continue;
      const length = b.end - b.start;
      if (length < rule.minutes) {
        out.push({
          code: 'BREAK',
          path: b.path,
          ...ids,
          message: `${who}'s break in shift ${r.route.shiftId} lasts ${length} minutes (${span(clock, b.start, b.end)}); the rule asks for at least ${rule.minutes}.`,
        });
      }
      if (b.start < window.start || b.end > window.end) {
        out.push({
          code: 'BREAK',
          path: b.path,
          ...ids,
          message: `${who}'s break in shift ${r.route.shiftId} runs ${span(clock, b.start, b.end)}, outside the allowed window ${span(clock, window.start, window.end)}.`,
        });
      }
      const place = b.event.place;
      if (rule.at === 'base' && (place.kind !== 'base' || place.id !== r.shift.base)) {
        out.push({
          code: 'BREAK',
          path: `${b.path}.place`,
          ...ids,
          message: `${who}'s break in shift ${r.route.shiftId} is taken at ${place.kind} ${place.id}; the rule says at the base ${r.shift.base}.`,
        });
      }
    }
    return out;
  },
};
